// The one policy check at the seam, for every call of every API on every transport (api's runCall calls
// these two hooks): the call's scope from core's authorization table (with the store's answer to "the
// latest ACTIVE revision of a family"), then the decision for its caller:
// - an access key acts as its user: allowed only what the user's attached and inline policies allow,
//   evaluated as IAM does; refused with the API's AccessDenied error in AWS's words;
// - sts:GetCallerIdentity is never refused, as AWS;
// - a container instance (an agent) is allowed: TODO(issue 16 §3): its identity will come from its client
//   certificate, and its calls will be limited to its own instance and tasks;
// - a caller without an identity (every gRPC call until gRPC calls are authenticated, the AWS listener
//   with --ecs-auth none) is allowed while `allowAnonymousCallers` is on (the server's option of that
//   name). The gRPC authentication work (issue 16 §4) turns it off: they are refused then.
import { SigV4Error, accessDenied, authorizationScope, evaluateAll, neverDenied, userArn } from '@berth/core';
import type { CallHooks } from '@berth/api';
import type { ServerContext } from '../context.js';
import { latestActiveRevisionNumber } from '../state/task-definitions.js';
import { policiesOf } from './user-policies.js';

/** The scope hook: core's authorization table; `*` for an action it has no entry for. */
export function actionScope(ctx: ServerContext): CallHooks['scope'] {
  const latestRevision = (family: string) => latestActiveRevisionNumber(ctx.store, family);
  return async (action, request, call) => {
    const env = { identity: ctx.identity, latestRevision, ...(call.caller.kind === 'access-key' ? { callerUserName: call.caller.userName } : {}) };
    return (await authorizationScope(action, request, env)) ?? { resources: ['*'], context: {} };
  };
}

/** The authorize hook. */
export function policyCheck(ctx: ServerContext, opts: { allowAnonymousCallers: boolean }): CallHooks['authorize'] {
  return async (req, call) => {
    const caller = req.caller;
    if (caller.kind === 'anonymous') {
      if (opts.allowAnonymousCallers) return;
      // What the AWS listener answers an unsigned request.
      throw new SigV4Error('MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    // TODO(issue 16 §3): an agent's identity from its certificate, limited to its own instance and tasks.
    if (caller.kind === 'container-instance') return;
    if (neverDenied(req.action)) return;
    // A user deleted since its key was verified has no policies: denied by default.
    const policies = (await policiesOf(ctx, caller.userName)) ?? [];
    const d = evaluateAll(policies, req.action, req.resources, req.context);
    if (d.decision === 'Allow') return;
    throw accessDenied(call.api, userArn(ctx.identity, caller.userName), req.action, d.resource, d.decision === 'ExplicitDeny');
  };
}
