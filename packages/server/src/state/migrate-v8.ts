// Schema 8 -> 9: an event key may hold a batch, the events of one transaction and cluster
// (state/events.ts withEventBatches). Nothing is rewritten: keys of one event, in each of their stored forms,
// are read as they are. The version moves so that a server of schema 8, which would send a batch's stored
// form to WatchEvents clients as one event and retry it forever in its rule engine, refuses the store at
// start instead (as migrate-v6.ts and migrate-v7.ts).
import type { Store } from '@berth/store';
import type { Logger } from '@berth/api';
import { SCHEMA_KEY } from './schema.js';

export async function migrateFromV8(store: Store, log: Logger): Promise<void> {
  log.info('migration: nothing to rewrite (keys of one event stay readable)', {});
  await store.txn({ compare: [{ key: SCHEMA_KEY, value: '8' }], success: [{ put: SCHEMA_KEY, value: '9' }] });
}
