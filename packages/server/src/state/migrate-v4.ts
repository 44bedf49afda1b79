// Schema 4 -> 5, run once at start (after the earlier migrations on an older store): every join token gets
// its retirement entry (join-tokens.ts), so the retention sweep finds tokens that expired or were used up
// without reading every token. Idempotent (an entry put twice is the same key), in bounded transactions,
// and the version is bumped last with a compare that it is still 4, as in migrate-v1.ts.
import type { Store } from '@berth/store';
import type { Logger } from '@berth/api';
import { commitInBatches } from './kit.js';
import { joinTokenRetiringOp, listJoinTokens } from './join-tokens.js';
import { SCHEMA_KEY } from './schema.js';

export async function migrateFromV4(store: Store, log: Logger): Promise<{ joinTokens: number }> {
  const tokens = await listJoinTokens(store);
  await commitInBatches(store, tokens.map(joinTokenRetiringOp));
  log.info('migration: join tokens indexed by when they retire', { joinTokens: tokens.length });
  await store.txn({ compare: [{ key: SCHEMA_KEY, value: '4' }], success: [{ put: SCHEMA_KEY, value: '5' }] });
  return { joinTokens: tokens.length };
}
