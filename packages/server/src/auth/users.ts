// IAM users as IAM has them: names of up to 64 characters of letters, digits and `+=,.@_-`, unique whatever
// their case; an `AIDA...` id, new for every user; the ARN `arn:aws:iam::ACCOUNT:user/NAME`; IAM's errors
// and texts. Berth's users all have the path `/`: CreateUser refuses another path, a permissions boundary
// and tags by name rather than keeping what it would not act on.
import { randomBytes } from 'node:crypto';
import { BerthError, unsupportedSentence, userArn, type Iam } from '@berth/core';
import type { ServerContext } from '../context.js';
import type { Versioned } from '../state/kit.js';
import { storePage } from './list-pages.js';
import { USERS, requireHolder } from './policies.js';
import { deleteUserOp, isUsersKey, putUserOp, userKey, usersPage, type UserRecord } from '../state/users.js';

const USER_NAME = /^[\w+=,.@-]{1,64}$/;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM's unique id of a new entity: its prefix (AIDA a user, AROA a role) and 17 random base-32 characters. */
export function newUniqueId(prefix = 'AIDA'): string {
  return prefix + [...randomBytes(17)].map((b) => BASE32[b & 31]).join('');
}

/** A user as read (its revision, for the write that follows), or IAM's NoSuchEntity. */
export const requireUser = (ctx: ServerContext, userName: string): Promise<Versioned<UserRecord>> => requireHolder(ctx, USERS, userName);

/** IAM's User shape. */
export function userShape(ctx: ServerContext, rec: UserRecord): Iam.User {
  return { Path: '/', UserName: rec.userName, UserId: rec.userId, Arn: userArn(ctx.identity, rec.userName), CreateDate: rec.createDate };
}

const unsupported = (member: string, why: string) => new BerthError('InvalidInputException', unsupportedSentence('The request', member, why), member);

export async function createUser(ctx: ServerContext, req: Iam.CreateUserRequest): Promise<Iam.User> {
  if (req.Path !== undefined && req.Path !== '/') throw unsupported('Path', 'every Berth user has the path /, so ARNs are arn:aws:iam::ACCOUNT:user/NAME.');
  if (req.PermissionsBoundary !== undefined) throw unsupported('PermissionsBoundary', 'permissions boundaries are not evaluated; attach or put only the policies the user needs.');
  if (req.Tags !== undefined && req.Tags.length > 0) throw unsupported('Tags', 'IAM users carry no tags in Berth.');
  // IAM's words.
  if (!USER_NAME.test(req.UserName)) throw new BerthError('InvalidInputException', 'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-', 'UserName');
  const rec: UserRecord = { userName: req.UserName, userId: newUniqueId(), createDate: Math.floor(ctx.now()), accessKeyIds: [], attachedPolicyArns: [], inlinePolicyNames: [] };
  const res = await ctx.store.txn({ compare: [{ key: userKey(req.UserName), modRevision: 0 }], success: [putUserOp(rec)] });
  if (!res.succeeded) throw new BerthError('EntityAlreadyExistsException', `User with name ${req.UserName} already exists.`, 'UserName');
  ctx.log.info('user created', { userName: rec.userName });
  return userShape(ctx, rec);
}

export async function listUsers(ctx: ServerContext, req: Iam.ListUsersRequest): Promise<Iam.ListUsersResponse> {
  // Every user's path is `/`: a prefix selects all of them or none.
  if (req.PathPrefix !== undefined && !'/'.startsWith(req.PathPrefix)) return { Users: [], IsTruncated: false };
  const { items, ...page } = await storePage((after, limit) => usersPage(ctx.store, after, limit), isUsersKey, req);
  return { Users: items.map((u) => userShape(ctx, u)), ...page };
}

/** Refused with IAM's DeleteConflict while the user has policies or access keys, as IAM does. */
export async function deleteUser(ctx: ServerContext, userName: string): Promise<void> {
  const user = await requireUser(ctx, userName);
  const conflict = (what: string) => new BerthError('DeleteConflictException', `Cannot delete entity, must ${what} first.`, 'UserName');
  if (user.value.attachedPolicyArns.length > 0) throw conflict('detach all policies');
  if (user.value.inlinePolicyNames.length > 0) throw conflict('delete policies');
  if (user.value.accessKeyIds.length > 0) throw conflict('delete access keys');
  // The record lists all three: a key or policy added since the read fails the compare, and is reported.
  const res = await ctx.store.txn({ compare: [{ key: userKey(userName), modRevision: user.modRevision }], success: [deleteUserOp(userName)] });
  if (!res.succeeded) return deleteUser(ctx, userName);
  ctx.log.info('user deleted', { userName: user.value.userName });
}
