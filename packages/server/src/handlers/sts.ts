// STS, as far as Berth has identities: GetCallerIdentity answers who signed the call. Every other STS
// action of the model answers the query protocol's InvalidAction naming it (api's unsupported).
import { STS_API, assumedRoleArn, userArn, type Sts } from '@berth/core';
import type { ActionTable, Caller } from '@berth/api';
import type { ServerContext } from '../context.js';
import { getUser } from '../state/users.js';
import { getRole } from '../state/roles.js';

/**
 * The caller as STS describes it: an access key's IAM user (its ARN in the store's account, its unique id),
 * or a task's role session (`assumed-role/ROLE/TASK-ID`, `ROLEID:TASK-ID`).
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
  if (caller.kind === 'assumed-role') {
    // STS's UserId of a role session: the role's id, a colon, the session name.
    const role = (await getRole(ctx.store, caller.roleName))?.value;
    return { ...(role ? { UserId: `${role.roleId}:${caller.sessionName}` } : {}), Account: identity.accountId, Arn: assumedRoleArn(identity, caller.roleName, caller.sessionName) };
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
