// iam:PassRole at the calls that make a role act for a task (core/iam/pass-role.ts says which roles a call
// passes): each is authorized by the seam's own check (the server's authorize hook, on ServerContext), so a
// refusal is the same decision and the same text as any other, under the calling API's error name:
// `User: ARN is not authorized to perform: iam:PassRole on resource: ROLE-ARN because ...`.
import { BerthError, PASS_ROLE_ACTION } from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../context.js';

export async function requirePassRole(ctx: ServerContext, call: CallContext, roleArns: readonly string[]): Promise<void> {
  if (roleArns.length === 0) return;
  // A context without the seam's check (a handler called in-process) cannot pass a role: refused, never let through.
  if (!ctx.authorize) throw new BerthError('ServerException', `${PASS_ROLE_ACTION} cannot be checked here: no authorization is configured.`);
  for (const role of roleArns) await ctx.authorize({ caller: call.caller, action: PASS_ROLE_ACTION, resources: [role], context: {} }, call);
}
