// A role acting for a service Berth runs itself (EventBridge rules, EventBridge Scheduler): the rule
// engine and the scheduler start tasks as the target's RoleArn, never as whoever made the rule. The role
// must exist and trust the service's principal (`events.amazonaws.com`, `scheduler.amazonaws.com`), and
// every action is evaluated against the role's own policies (RunTask, and the iam:PassRole RunTask makes
// for the task definition's roles), in IAM's words when refused.
import { BerthError, accessDenied, authorizationScope, evaluateAll, parseTrustPolicy, roleNameOf, trustsService, type ApiModel } from '@berth/core';
import type { CallHooks } from '@berth/api';
import type { ServerContext } from '../context.js';
import { ROLES, policiesOf } from '../auth/policies.js';
import { getRole } from '../state/roles.js';
import { latestActiveRevisionNumber } from '../state/task-definitions.js';

/** The authorize hook of a role that `principal` assumes, or a refusal saying why it cannot act. */
export async function serviceRoleAuthorizer(ctx: ServerContext, roleArn: string, principal: string, api: ApiModel): Promise<CallHooks['authorize']> {
  const name = roleNameOf(ctx.identity, roleArn);
  const role = name !== undefined ? (await getRole(ctx.store, name))?.value : undefined;
  if (!role) throw new BerthError('AccessDeniedException', `The role ${roleArn} does not exist.`);
  if (!trustsService(parseTrustPolicy(role.assumeRolePolicyDocument), principal)) {
    throw new BerthError('AccessDeniedException', `The role ${roleArn} does not trust ${principal}: its trust policy must allow sts:AssumeRole to that service principal.`);
  }
  const policies = (await policiesOf(ctx, ROLES, role.roleName)) ?? [];
  return (req) => {
    const d = evaluateAll(policies, req.action, req.resources, req.context);
    if (d.decision !== 'Allow') throw accessDenied(api, roleArn, req.action, d.resource, d.decision === 'ExplicitDeny');
  };
}

/** The scope of an action as the seam computes it (core's authorization table). */
export async function scopeOf(ctx: ServerContext, action: string, request: unknown) {
  // As the seam's scope: the task-definition informer where there is one.
  const latestRevision = (f: string) => (ctx.taskDefinitions ? ctx.taskDefinitions.latestActiveRevisionNumber(f) : latestActiveRevisionNumber(ctx.store, f));
  const env = { identity: ctx.identity, latestRevision, secretArn: async () => undefined };
  return (await authorizationScope(action, request, env)) ?? { resources: ['*'], context: {} };
}
