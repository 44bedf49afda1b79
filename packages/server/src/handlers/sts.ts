// STS, as far as Berth has identities: GetCallerIdentity answers who signed the call. Every other STS
// action of the model answers the query protocol's InvalidAction naming it (api's unsupported).
import { createHash } from 'node:crypto';
import { STS_API, userArn, type Identity, type Sts } from '@berth/core';
import type { ActionTable, Caller } from '@berth/api';
import type { ServerContext } from '../context.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM's unique id of a user (`AIDA` and 17 characters), stable for one account and user name. */
export function userId(identity: Identity, userName: string): string {
  const h = createHash('sha256').update(`${identity.accountId}/${userName}`).digest();
  return 'AIDA' + [...h.subarray(0, 17)].map((b) => BASE32[b & 31]).join('');
}

/**
 * The caller as STS describes it: an access key's IAM user (its ARN in the store's account). A caller
 * without an identity (gRPC until mutual TLS, `--ecs-auth none`) gets the account alone: that is all the
 * call context knows.
 */
export function getCallerIdentity(identity: Identity, caller: Caller): Sts.GetCallerIdentityResponse {
  if (caller.kind === 'access-key') return { UserId: userId(identity, caller.userName), Account: identity.accountId, Arn: userArn(identity, caller.userName) };
  if (caller.kind === 'container-instance') return { Account: identity.accountId, Arn: caller.containerInstanceArn };
  return { Account: identity.accountId };
}

export function stsActionTable(ctx: ServerContext): ActionTable {
  return {
    api: STS_API,
    handlers: {
      GetCallerIdentity: async (_req: Sts.GetCallerIdentityRequest, call) => getCallerIdentity(ctx.identity, call.caller),
    },
  };
}
