// Schema 5 -> 6, run once at start (after the earlier migrations on an older store): each container
// instance's whole record (`instances/CLUSTER/ID`) is split into its live record, at the same key, and its
// registration record (`instance-registrations/CLUSTER/ID`), as state/instances.ts writes them, so a launch
// rewrites only the live part. Each instance is split in one transaction that compares the record read, so
// an interrupted migration simply runs again: an instance that has its registration record is split already.
// The version is bumped last with a compare that it is still 5, as in migrate-v1.ts.
import type { Store } from '@berth/store';
import type { Logger } from '@berth/api';
import { decode, rangeAll } from './kit.js';
import { INSTANCES_ROOT, instanceOps, instanceRegistrationKey, parseInstanceKey, type InstanceRecord } from './instances.js';
import { SCHEMA_KEY } from './schema.js';

export async function migrateFromV5(store: Store, log: Logger): Promise<{ instances: number; split: number }> {
  const kvs = await rangeAll(store, INSTANCES_ROOT);
  let split = 0;
  for (const kv of kvs) {
    const k = parseInstanceKey(kv.key);
    if (!k) continue;
    if (await store.get(instanceRegistrationKey(k.cluster, k.id))) continue;
    const whole = decode<InstanceRecord>(kv);
    // Without a previous record, instanceOps writes both parts (registrationVersion 1) and the index entry.
    const res = await store.txn({ compare: [{ key: kv.key, modRevision: kv.modRevision }], success: instanceOps(whole) });
    if (!res.succeeded) throw new Error(`migration: the instance record ${kv.key} changed while it was split; start again`);
    split++;
  }
  log.info('migration: instance records split into live and registration records', { instances: kvs.length, split });
  await store.txn({ compare: [{ key: SCHEMA_KEY, value: '5' }], success: [{ put: SCHEMA_KEY, value: '6' }] });
  return { instances: kvs.length, split };
}
