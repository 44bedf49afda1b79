// Schema 7 -> 8: a task event or an assignment may be stored compact, the strings it repeats named once
// (kit.ts's compactText). Nothing is rewritten: what was written whole before is read as it is. The
// version moves so that a server of schema 7, which would send such an event's stored form to WatchEvents
// clients, retry it forever in its rule engine, and fail to read such an assignment, refuses the store at
// start instead (as migrate-v6.ts).
import type { Store } from '@berth/store';
import type { Logger } from '@berth/api';
import { SCHEMA_KEY } from './schema.js';

export async function migrateFromV7(store: Store, log: Logger): Promise<void> {
  log.info('migration: nothing to rewrite (task events and assignments written whole stay readable)', {});
  await store.txn({ compare: [{ key: SCHEMA_KEY, value: '7' }], success: [{ put: SCHEMA_KEY, value: '8' }] });
}
