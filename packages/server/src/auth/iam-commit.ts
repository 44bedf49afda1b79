// IAM's writes (keys, users' and roles' policies): committed with a compare and retried as every write
// is, then awaited on this replica's IAM informer, so the replica that made a change acts on it from its
// next call (others see it when their watch delivers it).
import type { TxnRequest } from '@berth/store';
import type { ServerContext } from '../context.js';
import { commitWithRetry } from '../state/kit.js';

export async function commitIam<R>(ctx: ServerContext, attempt: (n: number) => Promise<{ txn: TxnRequest; result: R }>): Promise<R> {
  let committed: { revision: number; txn: TxnRequest } | undefined;
  const result = await commitWithRetry(ctx.store, attempt, { onCommitted: (revision, txn) => (committed = { revision, txn }) });
  if (committed && ctx.iam) await ctx.iam.committed(committed.revision, committed.txn);
  return result;
}
