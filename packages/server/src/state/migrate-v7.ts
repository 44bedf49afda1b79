// Schema 7 -> 8: a task event may be stored compact, the strings it repeats named once (state/events.ts,
// compactEventPutOp). Nothing is rewritten: the events written whole before are read as they are. The
// version moves so that a server of schema 7, which would send such an event's stored form to WatchEvents
// clients and retry it forever in its rule engine, refuses the store at start instead (as migrate-v6.ts).
import type { Store } from '@berth/store';
import type { Logger } from '@berth/api';
import { SCHEMA_KEY } from './schema.js';

export async function migrateFromV7(store: Store, log: Logger): Promise<void> {
  log.info('migration: nothing to rewrite (task events written whole stay readable)', {});
  await store.txn({ compare: [{ key: SCHEMA_KEY, value: '7' }], success: [{ put: SCHEMA_KEY, value: '8' }] });
}
