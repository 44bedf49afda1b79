// IAM roles as IAM has them: names of up to 64 characters of letters, digits and `+=,.@_-`, unique whatever
// their case; an `AROA...` id; the ARN `arn:aws:iam::ACCOUNT:role/NAME`; a trust policy checked by core's
// grammar at CreateRole; IAM's errors and texts. As Berth's users, its roles all have the path `/`:
// CreateRole refuses another path, a permissions boundary and tags by name rather than keep what it would
// not act on. A role's permissions are its policies (auth/policies.ts); what it is trusted for is its
// trust policy (core's trustsService).
import { BerthError, ECS_TASKS_PRINCIPAL, parseTrustPolicy, roleArn, roleNameOf, trustsService, unsupportedSentence, type Iam, type TrustPolicy } from '@berth/core';
import type { ServerContext } from '../context.js';
import type { Versioned } from '../state/kit.js';
import { deleteRoleOp, getRole, isRolesKey, putRoleOp, roleKey, rolesPage, type RoleRecord } from '../state/roles.js';
import { storePage } from './list-pages.js';
import { ROLES, requireHolder } from './policies.js';
import { newUniqueId } from './users.js';

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** IAM's default MaxSessionDuration, in seconds (the model bounds what a request gives: 3600 to 43200). */
const DEFAULT_SESSION = 3600;
/** IAM's bound of a trust policy's size (white space not counted). */
const TRUST_POLICY_CHARACTERS = 2048;

export const requireRole = (ctx: ServerContext, roleName: string): Promise<Versioned<RoleRecord>> => requireHolder(ctx, ROLES, roleName);

/** IAM's Role shape; the trust policy URL-encoded, as IAM returns it (its clients decode it). */
export function roleShape(ctx: ServerContext, rec: RoleRecord): Iam.Role {
  return {
    Path: '/', RoleName: rec.roleName, RoleId: rec.roleId, Arn: roleArn(ctx.identity, rec.roleName), CreateDate: rec.createDate,
    AssumeRolePolicyDocument: encodeURIComponent(rec.assumeRolePolicyDocument),
    ...(rec.description !== undefined ? { Description: rec.description } : {}),
    MaxSessionDuration: rec.maxSessionDuration,
  };
}

const unsupported = (member: string, why: string) => new BerthError('InvalidInputException', unsupportedSentence('The request', member, why), member);

export async function createRole(ctx: ServerContext, req: Iam.CreateRoleRequest): Promise<Iam.Role> {
  if (req.Path !== undefined && req.Path !== '/') throw unsupported('Path', 'every Berth role has the path /, so ARNs are arn:aws:iam::ACCOUNT:role/NAME.');
  if (req.PermissionsBoundary !== undefined) throw unsupported('PermissionsBoundary', 'permissions boundaries are not evaluated; attach or put only the policies the role needs.');
  if (req.Tags !== undefined && req.Tags.length > 0) throw unsupported('Tags', 'IAM roles carry no tags in Berth.');
  // IAM's words.
  if (!ROLE_NAME.test(req.RoleName)) throw new BerthError('InvalidInputException', 'The specified value for roleName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-', 'RoleName');
  if (req.AssumeRolePolicyDocument.replace(/\s/g, '').length > TRUST_POLICY_CHARACTERS) {
    throw new BerthError('LimitExceededException', `Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_CHARACTERS}`);
  }
  parseTrustPolicy(req.AssumeRolePolicyDocument);
  const rec: RoleRecord = {
    roleName: req.RoleName, roleId: newUniqueId('AROA'), createDate: Math.floor(ctx.now()), assumeRolePolicyDocument: req.AssumeRolePolicyDocument,
    ...(req.Description !== undefined ? { description: req.Description } : {}), maxSessionDuration: req.MaxSessionDuration ?? DEFAULT_SESSION, attachedPolicyArns: [], inlinePolicyNames: [],
  };
  const res = await ctx.store.txn({ compare: [{ key: roleKey(req.RoleName), modRevision: 0 }], success: [putRoleOp(rec)] });
  if (!res.succeeded) throw new BerthError('EntityAlreadyExistsException', `Role with name ${req.RoleName} already exists.`, 'RoleName');
  ctx.log.info('role created', { roleName: rec.roleName });
  return roleShape(ctx, rec);
}

export async function listRoles(ctx: ServerContext, req: Iam.ListRolesRequest): Promise<Iam.ListRolesResponse> {
  // Every role's path is `/`: a prefix selects all of them or none.
  if (req.PathPrefix !== undefined && !'/'.startsWith(req.PathPrefix)) return { Roles: [], IsTruncated: false };
  const { items, ...page } = await storePage((after, limit) => rolesPage(ctx.store, after, limit), isRolesKey, req);
  return { Roles: items.map((r) => roleShape(ctx, r)), ...page };
}

/** Refused with IAM's DeleteConflict while the role has policies, as IAM does. */
export async function deleteRole(ctx: ServerContext, roleName: string): Promise<void> {
  const role = await requireRole(ctx, roleName);
  const conflict = (what: string) => new BerthError('DeleteConflictException', `Cannot delete entity, must ${what} first.`, 'RoleName');
  if (role.value.attachedPolicyArns.length > 0) throw conflict('detach all policies');
  if (role.value.inlinePolicyNames.length > 0) throw conflict('delete policies');
  // The record lists both: a policy added since the read fails the compare, and is reported.
  const res = await ctx.store.txn({ compare: [{ key: roleKey(roleName), modRevision: role.modRevision }], success: [deleteRoleOp(roleName)] });
  if (!res.succeeded) return deleteRole(ctx, roleName);
  ctx.log.info('role deleted', { roleName: role.value.roleName });
}

/** A role's trust policy, parsed (undefined when the role does not exist). */
export async function trustPolicyOf(ctx: ServerContext, roleName: string): Promise<TrustPolicy | undefined> {
  const rec = await getRole(ctx.store, roleName);
  return rec ? parseTrustPolicy(rec.value.assumeRolePolicyDocument) : undefined;
}

/**
 * The role a task acts under (its taskRoleArn or executionRoleArn), when ECS may hand it to the task: the
 * role exists in this account and its trust policy allows ecs-tasks.amazonaws.com to assume it for this
 * account and task (aws:SourceAccount, aws:SourceArn). Undefined otherwise; callers say it in their own words.
 */
export async function roleForTask(ctx: ServerContext, arn: string, taskArn: string): Promise<RoleRecord | undefined> {
  const name = roleNameOf(ctx.identity, arn);
  const role = name !== undefined ? (await getRole(ctx.store, name))?.value : undefined;
  const context = { 'aws:sourceaccount': ctx.identity.accountId, 'aws:sourcearn': taskArn };
  return role && trustsService(parseTrustPolicy(role.assumeRolePolicyDocument), ECS_TASKS_PRINCIPAL, context) ? role : undefined;
}
