// Which replica serves an embedded log store: one key on that replica's lease. The embedded log store is
// files on one machine, so a second replica on the same state store would answer CloudWatch Logs calls
// from other files; it is refused at start. (Logs themselves never enter the state store.)
import type { Lease, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

export const LOG_STORE_OWNER_KEY = ROOT + 'log-store-owner';

export interface LogStoreOwner {
  replica: string;
  logStore: string;
}

/**
 * Claims the embedded log store for this replica, or throws naming the replica that holds it. A claim left
 * by a replica that died (kill -9, power loss) lapses with its lease, so a held claim is tried again until
 * one lease lifetime has passed: a restart after a crash waits at most that long; a live holder keeps it.
 */
export async function claimEmbeddedLogStore(store: Store, owner: LogStoreOwner, ttlSeconds: number, retryMs = 500): Promise<Lease> {
  const deadline = Date.now() + (ttlSeconds + 2) * 1000;
  for (;;) {
    const lease = await store.grantLease(ttlSeconds, { autoKeepAlive: true });
    const r = await store.txn({ compare: [{ key: LOG_STORE_OWNER_KEY, modRevision: 0 }], success: [{ put: LOG_STORE_OWNER_KEY, value: json(owner), lease: lease.id }] });
    if (r.succeeded) return lease;
    await lease.revoke();
    if (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      continue;
    }
    const kv = await store.get(LOG_STORE_OWNER_KEY);
    const holder = kv ? decode<LogStoreOwner>(kv) : undefined;
    throw new Error(`several replicas with an embedded log store: replica ${holder?.replica ?? '(unknown)'} already serves logs from ${holder?.logStore ?? 'its own files'}; ` +
      'an embedded log store (--log-store file:PATH) serves one replica: give every replica --log-store clickhouse://HOST:8123/DB');
  }
}
