// Schema 6 -> 7: instance events may name an attribute set instead of carrying their attributes
// (state/instance-attribute-sets.ts, state/events.ts). Nothing is rewritten: the events written whole
// before are read as they are. The version moves so that a server of schema 6, which would send such an
// event's stored form to WatchEvents clients and retry it forever in its rule engine, refuses the store
// at start instead. Bumped with a compare that it is still 6, as in migrate-v1.ts.
import type { Store } from '@berth/store';
import type { Logger } from '@berth/api';
import { SCHEMA_KEY } from './schema.js';

export async function migrateFromV6(store: Store, log: Logger): Promise<void> {
  log.info('migration: nothing to rewrite (instance events written whole stay readable)', {});
  await store.txn({ compare: [{ key: SCHEMA_KEY, value: '6' }], success: [{ put: SCHEMA_KEY, value: '7' }] });
}
