// IAM's users, access keys, roles and their policies, served like every API on gRPC (berth.aws.iam.v1.IAM, what
// the berth CLI calls) and on the AWS listener (`aws iam ... --endpoint-url`), in IAM's shapes. Where IAM
// defaults UserName to the calling user (GetUser, the access-key actions), an access key's caller is its
// user; a caller that is no user (an unsigned call under `--insecure`) must name one, except
// that ListAccessKeys then lists every key and UpdateAccessKey and DeleteAccessKey find the key by its id
// alone. Every other IAM action answers InvalidAction naming it.
import { BerthError, IAM_API, type Iam } from '@berth/core';
import type { ActionTable, CallContext } from '@berth/api';
import type { ServerContext } from '../context.js';
import type { AccessKeyMetadata, AccessKeys } from '../auth/access-keys.js';
import { createUser, deleteUser, listUsers, requireUser, userShape } from '../auth/users.js';
import { createRole, deleteRole, listRoles, requireRole, roleShape } from '../auth/roles.js';
import { ROLES, USERS, attachPolicy, type HolderRecord, type PolicyHolder, deletePolicy, detachPolicy, getPolicy, listAttachedPolicies, listPolicies, putPolicy } from '../auth/policies.js';
import { pageOf } from '../auth/list-pages.js';

const metadata = (k: AccessKeyMetadata): Iam.AccessKeyMetadata => ({ UserName: k.userName, AccessKeyId: k.accessKeyId, Status: k.status as Iam.statusType, CreateDate: k.createDate });

/** The user a request is about: the one it names, else the calling user, if the caller is one. */
function userOf(req: { UserName?: string }, call: CallContext): string | undefined {
  return req.UserName ?? (call.caller.kind === 'access-key' ? call.caller.userName : undefined);
}

/** As userOf, for actions that need a user. */
function requiredUserOf(req: { UserName?: string }, call: CallContext): string {
  const u = userOf(req, call);
  if (u === undefined) throw new BerthError('InvalidInputException', 'UserName must be given: the caller is not an IAM user (a call signed with an access key acts as its user).', 'UserName');
  return u;
}

/** The policy actions of users or roles (PutUserPolicy ... ListAttachedRolePolicies), alike but for the member naming the holder. */
function policyActions<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, kind: 'User' | 'Role'): Record<string, (req: any) => Promise<unknown>> {
  type Req = Record<string, string> & { PolicyName: string; PolicyDocument: string; PolicyArn: string };
  const member = `${kind}Name`;
  const nameOf = (req: Req) => req[member]!;
  return {
    [`Put${kind}Policy`]: (req: Req) => putPolicy(ctx, holder, nameOf(req), req.PolicyName, req.PolicyDocument),
    [`Get${kind}Policy`]: async (req: Req) => {
      const { holderName, ...p } = await getPolicy(ctx, holder, nameOf(req), req.PolicyName);
      return { [member]: holderName, ...p };
    },
    [`Delete${kind}Policy`]: (req: Req) => deletePolicy(ctx, holder, nameOf(req), req.PolicyName),
    [`List${kind}Policies`]: (req: Req & Iam.ListUserPoliciesRequest) => listPolicies(ctx, holder, req, nameOf(req)),
    [`Attach${kind}Policy`]: (req: Req) => attachPolicy(ctx, holder, nameOf(req), req.PolicyArn),
    [`Detach${kind}Policy`]: (req: Req) => detachPolicy(ctx, holder, nameOf(req), req.PolicyArn),
    [`ListAttached${kind}Policies`]: (req: Req & Iam.ListAttachedUserPoliciesRequest) => listAttachedPolicies(ctx, holder, req, nameOf(req)),
  };
}

export function iamActionTable(ctx: ServerContext, keys: AccessKeys): ActionTable {
  const handlers: Record<string, (req: any, call: CallContext) => Promise<unknown>> = {
    CreateUser: async (req: Iam.CreateUserRequest): Promise<Iam.CreateUserResponse> => ({ User: await createUser(ctx, req) }),
    GetUser: async (req: Iam.GetUserRequest, call): Promise<Iam.GetUserResponse> => ({ User: userShape(ctx, (await requireUser(ctx, requiredUserOf(req, call))).value) }),
    ListUsers: (req: Iam.ListUsersRequest) => listUsers(ctx, req),
    DeleteUser: async (req: Iam.DeleteUserRequest) => deleteUser(ctx, req.UserName),

    CreateAccessKey: async (req: Iam.CreateAccessKeyRequest, call): Promise<Iam.CreateAccessKeyResponse> => {
      const k = await keys.create(requiredUserOf(req, call));
      return { AccessKey: { UserName: k.userName, AccessKeyId: k.accessKeyId, Status: k.status as Iam.statusType, SecretAccessKey: k.secretAccessKey, CreateDate: k.createDate } };
    },
    ListAccessKeys: async (req: Iam.ListAccessKeysRequest, call): Promise<Iam.ListAccessKeysResponse> => {
      const { items, ...page } = pageOf(await keys.list(userOf(req, call)), (k) => k.accessKeyId, req);
      return { AccessKeyMetadata: items.map(metadata), ...page };
    },
    UpdateAccessKey: async (req: Iam.UpdateAccessKeyRequest, call) => keys.setStatus(req.AccessKeyId, req.Status, userOf(req, call)),
    DeleteAccessKey: async (req: Iam.DeleteAccessKeyRequest, call) => keys.delete(req.AccessKeyId, userOf(req, call)),

    ...policyActions(ctx, USERS, 'User'),

    CreateRole: async (req: Iam.CreateRoleRequest): Promise<Iam.CreateRoleResponse> => ({ Role: await createRole(ctx, req) }),
    GetRole: async (req: Iam.GetRoleRequest): Promise<Iam.GetRoleResponse> => ({ Role: roleShape(ctx, (await requireRole(ctx, req.RoleName)).value) }),
    ListRoles: (req: Iam.ListRolesRequest) => listRoles(ctx, req),
    DeleteRole: async (req: Iam.DeleteRoleRequest) => deleteRole(ctx, req.RoleName),
    ...policyActions(ctx, ROLES, 'Role'),
  };
  return { api: IAM_API, handlers };
}

