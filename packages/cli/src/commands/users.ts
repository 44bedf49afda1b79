// berth create|get|describe|delete user(s), put|get|describe|delete user-policy(ies), attach|detach policy,
// get attached-policies: IAM's users and their policies through IAM's actions (CreateUser, ListUsers,
// GetUser, DeleteUser, PutUserPolicy, ListUserPolicies, GetUserPolicy, DeleteUserPolicy, AttachUserPolicy,
// DetachUserPolicy, ListAttachedUserPolicies). -o json prints IAM's response shapes, as `aws iam` does
// (a listing: every page, as one response); a policy document is printed as JSON, decoded from IAM's
// URL-encoding as the AWS CLI decodes it.
import { readFileSync } from 'node:fs';
import { IAM_API, type Iam } from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { awsTime as iso, render, table } from '../output.js';

const call = <T>(ctx: CommandContext, action: string, request: object) => ctx.client.callApi(IAM_API, action, request) as Promise<T>;

/** Every item of an IAM listing, page after page (IsTruncated and Marker). */
async function allItems<P extends { IsTruncated?: boolean; Marker?: string }, T>(fetch: (marker?: string) => Promise<P>, items: (page: P) => T[]): Promise<T[]> {
  const all: T[] = [];
  for (let marker: string | undefined, more = true; more;) {
    const page = await fetch(marker);
    all.push(...items(page));
    marker = page.Marker;
    more = page.IsTruncated === true && marker !== undefined;
  }
  return all;
}
/** An IAM listing of one user's (policies), every page. */
const ofUser = <P extends { IsTruncated?: boolean; Marker?: string }, T>(ctx: CommandContext, action: string, userName: string, items: (page: P) => T[]) =>
  allItems((Marker) => call<P>(ctx, action, { UserName: userName, ...(Marker ? { Marker } : {}) }), items);

const printableUser = (u: Iam.User) => ({ ...u, CreateDate: iso(u.CreateDate) });

export async function createUser(ctx: CommandContext, userName: string, policyArns: string[]): Promise<void> {
  const { User } = await call<Iam.CreateUserResponse>(ctx, 'CreateUser', { UserName: userName });
  for (const PolicyArn of policyArns) await call(ctx, 'AttachUserPolicy', { UserName: userName, PolicyArn });
  ctx.out(render(ctx.output, { User: User && printableUser(User) }, () =>
    `user/${userName} created${policyArns.length > 0 ? ` with ${policyArns.map((a) => a.slice(a.lastIndexOf('/') + 1)).join(', ')}` : ''}\n`));
}

export async function getUsers(ctx: CommandContext): Promise<void> {
  const users = await allItems((Marker) => call<Iam.ListUsersResponse>(ctx, 'ListUsers', Marker ? { Marker } : {}), (p) => p.Users);
  ctx.out(render(ctx.output, { Users: users.map(printableUser) }, () =>
    users.length === 0
      ? 'No users.\n'
      : table(users, [
        { header: 'NAME', get: (u: Iam.User) => u.UserName },
        { header: 'USER ID', get: (u: Iam.User) => u.UserId },
        { header: 'CREATED', get: (u: Iam.User) => iso(u.CreateDate) },
      ])));
}

/** GetUser, and in the table what the user may do: its attached and inline policies. */
export async function describeUser(ctx: CommandContext, userName: string | undefined): Promise<void> {
  const { User } = await call<Iam.GetUserResponse>(ctx, 'GetUser', userName ? { UserName: userName } : {});
  if (ctx.output !== 'table' && ctx.output !== 'wide') return ctx.out(render(ctx.output, { User: printableUser(User) }, () => ''));
  const attached = await ofUser(ctx, 'ListAttachedUserPolicies', User.UserName, (p: Iam.ListAttachedUserPoliciesResponse) => p.AttachedPolicies ?? []);
  const inline = await ofUser(ctx, 'ListUserPolicies', User.UserName, (p: Iam.ListUserPoliciesResponse) => p.PolicyNames);
  ctx.out([
    `Name:              ${User.UserName}`, `ARN:               ${User.Arn}`, `User ID:           ${User.UserId}`, `Created:           ${iso(User.CreateDate)}`,
    `Attached policies: ${attached.map((p) => p.PolicyArn).join(', ') || '(none)'}`,
    `Inline policies:   ${inline.join(', ') || '(none)'}`,
  ].join('\n') + '\n');
}

export async function deleteUser(ctx: CommandContext, userName: string): Promise<void> {
  await call(ctx, 'DeleteUser', { UserName: userName });
  ctx.out(render(ctx.output, {}, () => `user/${userName} deleted\n`));
}

export async function putUserPolicy(ctx: CommandContext, userName: string, policyName: string, file: string): Promise<void> {
  let document: string;
  try {
    document = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  await call(ctx, 'PutUserPolicy', { UserName: userName, PolicyName: policyName, PolicyDocument: document });
  ctx.out(render(ctx.output, {}, () => `user-policy/${policyName} of user/${userName} put\n`));
}

export async function getUserPolicies(ctx: CommandContext, userName: string): Promise<void> {
  const names = await ofUser(ctx, 'ListUserPolicies', userName, (p: Iam.ListUserPoliciesResponse) => p.PolicyNames);
  ctx.out(render(ctx.output, { PolicyNames: names }, () =>
    names.length === 0 ? 'No inline policies.\n' : table(names, [{ header: 'NAME', get: (n: string) => n }])));
}

export async function describeUserPolicy(ctx: CommandContext, userName: string, policyName: string): Promise<void> {
  const res = await call<Iam.GetUserPolicyResponse>(ctx, 'GetUserPolicy', { UserName: userName, PolicyName: policyName });
  const document: unknown = JSON.parse(decodeURIComponent(res.PolicyDocument));
  ctx.out(render(ctx.output, { ...res, PolicyDocument: document }, () => JSON.stringify(document, null, 2) + '\n'));
}

export async function deleteUserPolicy(ctx: CommandContext, userName: string, policyName: string): Promise<void> {
  await call(ctx, 'DeleteUserPolicy', { UserName: userName, PolicyName: policyName });
  ctx.out(render(ctx.output, {}, () => `user-policy/${policyName} of user/${userName} deleted\n`));
}

export async function attachPolicy(ctx: CommandContext, userName: string, policyArn: string): Promise<void> {
  await call(ctx, 'AttachUserPolicy', { UserName: userName, PolicyArn: policyArn });
  ctx.out(render(ctx.output, {}, () => `policy ${policyArn} attached to user/${userName}\n`));
}

export async function detachPolicy(ctx: CommandContext, userName: string, policyArn: string): Promise<void> {
  await call(ctx, 'DetachUserPolicy', { UserName: userName, PolicyArn: policyArn });
  ctx.out(render(ctx.output, {}, () => `policy ${policyArn} detached from user/${userName}\n`));
}

export async function getAttachedPolicies(ctx: CommandContext, userName: string): Promise<void> {
  const attached = await ofUser(ctx, 'ListAttachedUserPolicies', userName, (p: Iam.ListAttachedUserPoliciesResponse) => p.AttachedPolicies ?? []);
  ctx.out(render(ctx.output, { AttachedPolicies: attached }, () =>
    attached.length === 0
      ? 'No attached policies.\n'
      : table(attached, [
        { header: 'NAME', get: (p: Iam.AttachedPolicy) => p.PolicyName },
        { header: 'ARN', get: (p: Iam.AttachedPolicy) => p.PolicyArn },
      ])));
}
