// STS, as far as Berth has identities: GetCallerIdentity answers who signed the call. Every other STS
// action of the model answers the query protocol's InvalidAction naming it (api's unsupported).
import { STS_API, userArn, type Sts } from '@berth/core';
import type { ActionTable, Caller } from '@berth/api';
import type { ServerContext } from '../context.js';
import { getUser } from '../state/users.js';

/**
 * The caller as STS describes it: an access key's IAM user (its ARN in the store's account, its unique id).
 * A caller without an identity (an unsigned call under `--insecure`) gets the account alone:
 * that is all the call context knows.
 */
export async function getCallerIdentity(ctx: ServerContext, caller: Caller): Promise<Sts.GetCallerIdentityResponse> {
  const { identity } = ctx;
  if (caller.kind === 'access-key') {
    // A user deleted since its key was verified has no id any more.
    const user = (await getUser(ctx.store, caller.userName))?.value;
    return { ...(user ? { UserId: user.userId } : {}), Account: identity.accountId, Arn: userArn(identity, caller.userName) };
  }
  if (caller.kind === 'container-instance') return { Account: identity.accountId, Arn: caller.containerInstanceArn };
  return { Account: identity.accountId };
}

export function stsActionTable(ctx: ServerContext): ActionTable {
  return {
    api: STS_API,
    handlers: {
      GetCallerIdentity: async (_req: Sts.GetCallerIdentityRequest, call) => getCallerIdentity(ctx, call.caller),
    },
  };
}
