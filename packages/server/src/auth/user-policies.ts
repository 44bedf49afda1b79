// A user's policies, as IAM has them: inline policies (PutUserPolicy ... ListUserPolicies; names of up to
// 128 characters, documents checked by core's grammar, at most 2,048 characters in all per user, white
// space not counted) and AWS's managed policies attached (AttachUserPolicy ... ListAttachedUserPolicies; at
// most 10). What a policy check evaluates for a user is read here, in two reads at most.
import { BerthError, MANAGED_POLICIES, parsePolicy, type Iam, type Policy } from '@berth/core';
import type { ServerContext } from '../context.js';
import { commitWithRetry } from '../state/kit.js';
import { getUser, putUserOp, userKey, type UserRecord } from '../state/users.js';
import { deleteUserPolicyOp, getUserPolicy as readUserPolicy, putUserPolicyOp, userPolicies } from '../state/user-policies.js';
import { requireUser } from './users.js';
import { pageOf } from './list-pages.js';

const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
/** IAM's quotas. */
export const ATTACHED_POLICIES_PER_USER = 10;
export const INLINE_POLICY_CHARACTERS_PER_USER = 2048;

const size = (document: string) => document.replace(/\s/g, '').length;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const userAt = (user: { value: UserRecord; modRevision: number }) => ({ key: userKey(user.value.userName), modRevision: user.modRevision });

export async function putUserPolicy(ctx: ServerContext, userName: string, policyName: string, document: string): Promise<void> {
  // IAM's words.
  if (!POLICY_NAME.test(policyName)) throw new BerthError('InvalidInputException', 'The specified value for policyName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-', 'PolicyName');
  await requireUser(ctx, userName);
  parsePolicy(document);
  await commitWithRetry(ctx.store, async () => {
    const user = await requireUser(ctx, userName);
    const others = (await userPolicies(ctx.store, userName)).filter((p) => !same(p.policyName, policyName));
    if (others.reduce((n, p) => n + size(p.document), size(document)) > INLINE_POLICY_CHARACTERS_PER_USER) {
      throw new BerthError('LimitExceededException', `Maximum policy size of ${INLINE_POLICY_CHARACTERS_PER_USER} bytes exceeded for user ${user.value.userName}`);
    }
    const names = [...user.value.inlinePolicyNames.filter((n) => !same(n, policyName)), policyName];
    return {
      txn: { compare: [userAt(user)], success: [putUserPolicyOp({ userName: user.value.userName, policyName, document }), putUserOp({ ...user.value, inlinePolicyNames: names })] },
      result: undefined,
    };
  });
  ctx.log.info('user policy put', { userName, policyName });
}

const noSuchPolicy = (policyName: string) => new BerthError('NoSuchEntityException', `The user policy with name ${policyName} cannot be found.`, 'PolicyName');

export async function getUserPolicy(ctx: ServerContext, userName: string, policyName: string): Promise<Iam.GetUserPolicyResponse> {
  const user = await requireUser(ctx, userName);
  const p = await readUserPolicy(ctx.store, userName, policyName);
  if (!p) throw noSuchPolicy(policyName);
  // IAM returns the document URL-encoded (RFC 3986); its clients decode it.
  return { UserName: user.value.userName, PolicyName: p.value.policyName, PolicyDocument: encodeURIComponent(p.value.document) };
}

export async function deleteUserPolicy(ctx: ServerContext, userName: string, policyName: string): Promise<void> {
  await commitWithRetry(ctx.store, async () => {
    const user = await requireUser(ctx, userName);
    const name = user.value.inlinePolicyNames.find((n) => same(n, policyName));
    if (name === undefined) throw noSuchPolicy(policyName);
    return {
      txn: { compare: [userAt(user)], success: [deleteUserPolicyOp(userName, name), putUserOp({ ...user.value, inlinePolicyNames: user.value.inlinePolicyNames.filter((n) => n !== name) })] },
      result: undefined,
    };
  });
  ctx.log.info('user policy deleted', { userName, policyName });
}

export async function listUserPolicies(ctx: ServerContext, req: Iam.ListUserPoliciesRequest): Promise<Iam.ListUserPoliciesResponse> {
  const user = await requireUser(ctx, req.UserName);
  const { items, ...page } = pageOf(user.value.inlinePolicyNames, (n) => n.toLowerCase(), req);
  return { PolicyNames: items, ...page };
}

export async function attachUserPolicy(ctx: ServerContext, userName: string, policyArn: string): Promise<void> {
  if (!MANAGED_POLICIES.has(policyArn)) throw new BerthError('NoSuchEntityException', `Policy ${policyArn} does not exist or is not attachable.`, 'PolicyArn');
  await commitWithRetry(ctx.store, async () => {
    const user = await requireUser(ctx, userName);
    const attached = user.value.attachedPolicyArns;
    // Attaching what is attached changes nothing, as in IAM.
    if (attached.includes(policyArn)) return { txn: { compare: [userAt(user)], success: [] }, result: undefined };
    if (attached.length >= ATTACHED_POLICIES_PER_USER) throw new BerthError('LimitExceededException', `Cannot exceed quota for PoliciesPerUser: ${ATTACHED_POLICIES_PER_USER}`);
    return { txn: { compare: [userAt(user)], success: [putUserOp({ ...user.value, attachedPolicyArns: [...attached, policyArn] })] }, result: undefined };
  });
  ctx.log.info('user policy attached', { userName, policyArn });
}

export async function detachUserPolicy(ctx: ServerContext, userName: string, policyArn: string): Promise<void> {
  await commitWithRetry(ctx.store, async () => {
    const user = await requireUser(ctx, userName);
    if (!user.value.attachedPolicyArns.includes(policyArn)) throw new BerthError('NoSuchEntityException', `Policy ${policyArn} was not found.`, 'PolicyArn');
    return { txn: { compare: [userAt(user)], success: [putUserOp({ ...user.value, attachedPolicyArns: user.value.attachedPolicyArns.filter((a) => a !== policyArn) })] }, result: undefined };
  });
  ctx.log.info('user policy detached', { userName, policyArn });
}

export async function listAttachedUserPolicies(ctx: ServerContext, req: Iam.ListAttachedUserPoliciesRequest): Promise<Iam.ListAttachedUserPoliciesResponse> {
  const user = await requireUser(ctx, req.UserName);
  // AWS's three managed policies Berth has all have the path `/`.
  const arns = req.PathPrefix !== undefined && !'/'.startsWith(req.PathPrefix) ? [] : user.value.attachedPolicyArns;
  const { items, ...page } = pageOf(arns, (a) => a, req);
  return { AttachedPolicies: items.map((a) => ({ PolicyName: MANAGED_POLICIES.get(a)!.name, PolicyArn: a })), ...page };
}

/** What a policy check evaluates for a user: its attached and inline policies; undefined when the user does not exist. */
export async function policiesOf(ctx: ServerContext, userName: string): Promise<Policy[] | undefined> {
  const user = (await getUser(ctx.store, userName))?.value;
  if (!user) return undefined;
  const attached = user.attachedPolicyArns.flatMap((a) => MANAGED_POLICIES.get(a)?.policy ?? []);
  const inline = user.inlinePolicyNames.length > 0 ? (await userPolicies(ctx.store, userName)).map((p) => parsePolicy(p.document)) : [];
  return [...attached, ...inline];
}
