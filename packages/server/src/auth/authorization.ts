// The one policy check at the seam, for every call of every API on every transport (api's runCall calls
// these two hooks): the call's scope from core's authorization table (with the task-definition informer's
// answer to "the latest ACTIVE revision of a family"), then the decision for its caller:
// - an access key acts as its user: allowed only what the user's attached and inline policies allow,
//   evaluated as IAM does; refused with the API's AccessDenied error in AWS's words;
// - a task's temporary credentials act as its role (assumed-role/ROLE/TASK-ID): exactly the role's policies;
// - sts:GetCallerIdentity is never refused, as AWS;
// - machines named by a client certificate (agents, components) are limited to what their kind does
//   before this check (fleet/certificate-callers.ts), which never sees them; a component that got here
//   would be refused;
// - a caller without an identity (anything unsigned under --insecure, and an agent of that mode, named only
//   by its hello) is allowed only under --insecure (`allowAnonymousCallers`); otherwise authentication has
//   refused it before (api/service.ts authenticateGrpc, the AWS listener's SigV4), and this refuses it again.
import { SigV4Error, accessDenied, assumedRoleArn, authorizationScope, evaluateAll, neverDenied, userArn } from '@berth/core';
import type { CallHooks } from '@berth/api';
import type { ServerContext } from '../context.js';
import { latestActiveRevisionNumber } from '../state/task-definitions.js';
import type { SecretsManager } from '../secrets/secrets-manager.js';
import { ROLES, USERS, policiesOf } from './policies.js';

/** The scope hook: core's authorization table; `*` for an action it has no entry for. */
export function actionScope(ctx: ServerContext, secrets: Pick<SecretsManager, 'find'>): CallHooks['scope'] {
  // From the task-definition informer where there is one: no store read per call once the family is in use.
  const latestRevision = (family: string) => (ctx.taskDefinitions ? ctx.taskDefinitions.latestActiveRevisionNumber(family) : latestActiveRevisionNumber(ctx.store, family));
  const secretArn = async (secretId: string) => (await secrets.find(secretId))?.value.arn;
  return async (action, request, call) => {
    const env = { identity: ctx.identity, latestRevision, secretArn, ...(call.caller.kind === 'access-key' ? { callerUserName: call.caller.userName } : {}) };
    return (await authorizationScope(action, request, env)) ?? { resources: ['*'], context: {} };
  };
}

/** Actions whose request carries its own credential, checked by its handler: a join token. */
const OWN_CREDENTIAL = new Set(['berth:Join']);

/** The authorize hook. */
export function policyCheck(ctx: ServerContext, opts: { allowAnonymousCallers: boolean }): CallHooks['authorize'] {
  return async (req, call) => {
    const caller = req.caller;
    if (OWN_CREDENTIAL.has(req.action)) return;
    if (caller.kind === 'anonymous' || (caller.kind === 'container-instance' && !caller.byCertificate)) {
      if (opts.allowAnonymousCallers) return;
      // What the AWS listener answers an unsigned request.
      throw new SigV4Error('MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    if (caller.kind !== 'access-key' && caller.kind !== 'assumed-role') {
      const who = caller.kind === 'component' ? `${caller.component}/${caller.cluster}/${caller.id}` : caller.containerInstanceArn;
      throw accessDenied(call.api, who, req.action, req.resources[0] ?? '*', false);
    }
    if (neverDenied(req.action)) return;
    // A user or role deleted since its key was verified has no policies: denied by default.
    const [policies, principal] = caller.kind === 'access-key'
      ? [await policiesOf(ctx, USERS, caller.userName), userArn(ctx.identity, caller.userName)]
      : [await policiesOf(ctx, ROLES, caller.roleName), assumedRoleArn(ctx.identity, caller.roleName, caller.sessionName)];
    const d = evaluateAll(policies ?? [], req.action, req.resources, req.context);
    if (d.decision === 'Allow') return;
    throw accessDenied(call.api, principal, req.action, d.resource, d.decision === 'ExplicitDeny');
  };
}
