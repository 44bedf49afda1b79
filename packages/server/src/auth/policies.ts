// The policies of IAM users and roles, as IAM has them: inline policies (Put/Get/Delete/List*Policy; names
// of up to 128 characters, documents checked by core's grammar, IAM's size quota per holder, white space
// not counted) and AWS's managed policies attached (Attach/Detach/ListAttached*Policies; at most 10).
// Users and roles differ only in their records and IAM's words, which a PolicyHolder carries. What a
// policy check evaluates for a holder is read here, in two reads at most.
import { BerthError, MANAGED_POLICIES, parsePolicy, type Policy } from '@berth/core';
import type { Op, Store } from '@berth/store';
import type { ServerContext } from '../context.js';
import type { Versioned } from '../state/kit.js';
import { commitIam } from './iam-commit.js';
import { getUser, putUserOp, userKey, type UserRecord } from '../state/users.js';
import { getRole, putRoleOp, roleKey, type RoleRecord } from '../state/roles.js';
import { deleteInlinePolicyOp, getInlinePolicy, inlinePolicies, putInlinePolicyOp, type PolicyHolderKind } from '../state/inline-policies.js';
import { pageOf } from './list-pages.js';

export interface HolderRecord {
  attachedPolicyArns: string[];
  inlinePolicyNames: string[];
}

/** A user or a role, as the policy actions see it. */
export interface PolicyHolder<R extends HolderRecord> {
  kind: PolicyHolderKind;
  /** IAM's quotas: inline policy characters, attached managed policies, and the attached quota's name. */
  inlineCharacters: number;
  attached: number;
  attachedQuotaName: string;
  read(ctx: ServerContext, name: string): Promise<Versioned<R> | null>;
  nameOf(rec: R): string;
  key(name: string): string;
  putOp(rec: R): Op;
}

export const USERS: PolicyHolder<UserRecord> = {
  kind: 'user', inlineCharacters: 2048, attached: 10, attachedQuotaName: 'PoliciesPerUser',
  read: (ctx, name) => getUser(ctx.store, name), nameOf: (r) => r.userName, key: userKey, putOp: putUserOp,
};

export const ROLES: PolicyHolder<RoleRecord> = {
  kind: 'role', inlineCharacters: 10240, attached: 10, attachedQuotaName: 'PoliciesPerRole',
  read: (ctx, name) => getRole(ctx.store, name), nameOf: (r) => r.roleName, key: roleKey, putOp: putRoleOp,
};

/** A holder as read (its revision, for the write that follows), or IAM's NoSuchEntity. */
export async function requireHolder<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, name: string): Promise<Versioned<R>> {
  const rec = await holder.read(ctx, name);
  if (!rec) throw new BerthError('NoSuchEntityException', `The ${holder.kind} with name ${name} cannot be found.`, holder.kind === 'user' ? 'UserName' : 'RoleName');
  return rec;
}

const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const size = (document: string) => document.replace(/\s/g, '').length;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const at = <R extends HolderRecord>(holder: PolicyHolder<R>, rec: Versioned<R>) => ({ key: holder.key(holder.nameOf(rec.value)), modRevision: rec.modRevision });

export async function putPolicy<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, name: string, policyName: string, document: string): Promise<void> {
  // IAM's words.
  if (!POLICY_NAME.test(policyName)) throw new BerthError('InvalidInputException', 'The specified value for policyName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-', 'PolicyName');
  await requireHolder(ctx, holder, name);
  parsePolicy(document);
  await commitIam(ctx, async () => {
    const rec = await requireHolder(ctx, holder, name);
    const others = (await inlinePolicies(ctx.store, holder.kind, name)).filter((p) => !same(p.policyName, policyName));
    if (others.reduce((n, p) => n + size(p.document), size(document)) > holder.inlineCharacters) {
      throw new BerthError('LimitExceededException', `Maximum policy size of ${holder.inlineCharacters} bytes exceeded for ${holder.kind} ${holder.nameOf(rec.value)}`);
    }
    const names = [...rec.value.inlinePolicyNames.filter((n) => !same(n, policyName)), policyName];
    return {
      txn: { compare: [at(holder, rec)], success: [putInlinePolicyOp(holder.kind, holder.nameOf(rec.value), policyName, document), holder.putOp({ ...rec.value, inlinePolicyNames: names })] },
      result: undefined,
    };
  });
  ctx.log.info(`${holder.kind} policy put`, { [holder.kind]: name, policyName });
}

const noSuchPolicy = (holder: PolicyHolder<HolderRecord>, policyName: string) => new BerthError('NoSuchEntityException', `The ${holder.kind} policy with name ${policyName} cannot be found.`, 'PolicyName');

/** The holder's name as created and the document, URL-encoded as IAM returns it (RFC 3986; its clients decode it). */
export async function getPolicy<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, name: string, policyName: string): Promise<{ holderName: string; PolicyName: string; PolicyDocument: string }> {
  const rec = await requireHolder(ctx, holder, name);
  const p = await getInlinePolicy(ctx.store, holder.kind, name, policyName);
  if (!p) throw noSuchPolicy(holder, policyName);
  return { holderName: holder.nameOf(rec.value), PolicyName: p.value.policyName, PolicyDocument: encodeURIComponent(p.value.document) };
}

export async function deletePolicy<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, name: string, policyName: string): Promise<void> {
  await commitIam(ctx, async () => {
    const rec = await requireHolder(ctx, holder, name);
    const found = rec.value.inlinePolicyNames.find((n) => same(n, policyName));
    if (found === undefined) throw noSuchPolicy(holder, policyName);
    return {
      txn: { compare: [at(holder, rec)], success: [deleteInlinePolicyOp(holder.kind, name, found), holder.putOp({ ...rec.value, inlinePolicyNames: rec.value.inlinePolicyNames.filter((n) => n !== found) })] },
      result: undefined,
    };
  });
  ctx.log.info(`${holder.kind} policy deleted`, { [holder.kind]: name, policyName });
}

export async function listPolicies<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, req: { Marker?: string; MaxItems?: number }, name: string): Promise<{ PolicyNames: string[]; IsTruncated: boolean; Marker?: string }> {
  const rec = await requireHolder(ctx, holder, name);
  const { items, ...page } = pageOf(rec.value.inlinePolicyNames, (n) => n.toLowerCase(), req);
  return { PolicyNames: items, ...page };
}

export async function attachPolicy<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, name: string, policyArn: string): Promise<void> {
  if (!MANAGED_POLICIES.has(policyArn)) throw new BerthError('NoSuchEntityException', `Policy ${policyArn} does not exist or is not attachable.`, 'PolicyArn');
  await commitIam(ctx, async () => {
    const rec = await requireHolder(ctx, holder, name);
    const attached = rec.value.attachedPolicyArns;
    // Attaching what is attached changes nothing, as in IAM.
    if (attached.includes(policyArn)) return { txn: { compare: [at(holder, rec)], success: [] }, result: undefined };
    if (attached.length >= holder.attached) throw new BerthError('LimitExceededException', `Cannot exceed quota for ${holder.attachedQuotaName}: ${holder.attached}`);
    return { txn: { compare: [at(holder, rec)], success: [holder.putOp({ ...rec.value, attachedPolicyArns: [...attached, policyArn] })] }, result: undefined };
  });
  ctx.log.info(`${holder.kind} policy attached`, { [holder.kind]: name, policyArn });
}

export async function detachPolicy<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, name: string, policyArn: string): Promise<void> {
  await commitIam(ctx, async () => {
    const rec = await requireHolder(ctx, holder, name);
    if (!rec.value.attachedPolicyArns.includes(policyArn)) throw new BerthError('NoSuchEntityException', `Policy ${policyArn} was not found.`, 'PolicyArn');
    return { txn: { compare: [at(holder, rec)], success: [holder.putOp({ ...rec.value, attachedPolicyArns: rec.value.attachedPolicyArns.filter((a) => a !== policyArn) })] }, result: undefined };
  });
  ctx.log.info(`${holder.kind} policy detached`, { [holder.kind]: name, policyArn });
}

export async function listAttachedPolicies<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, req: { PathPrefix?: string; Marker?: string; MaxItems?: number }, name: string): Promise<{ AttachedPolicies: { PolicyName: string; PolicyArn: string }[]; IsTruncated: boolean; Marker?: string }> {
  const rec = await requireHolder(ctx, holder, name);
  const arns = rec.value.attachedPolicyArns.filter((a) => req.PathPrefix === undefined || MANAGED_POLICIES.get(a)!.path.startsWith(req.PathPrefix));
  const { items, ...page } = pageOf(arns, (a) => a, req);
  return { AttachedPolicies: items.map((a) => ({ PolicyName: MANAGED_POLICIES.get(a)!.name, PolicyArn: a })), ...page };
}

/**
 * What a policy check evaluates for a holder: its attached and inline policies; undefined when it does not
 * exist. A user's come from the IAM informer (informers/iam.ts: each document parsed once per version),
 * so a change made on any replica is seen on every one as soon as its watch delivers it; a role's, and
 * everything without an informer, from the store.
 */
export async function policiesOf<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, name: string): Promise<Policy[] | undefined> {
  const iam = ctx.iam;
  if (holder.kind !== 'user' || !iam) return readPolicies(ctx, holder, name);
  const rec = await iam.user(name);
  if (!rec) return undefined;
  const attached = rec.attachedPolicyArns.flatMap((a) => MANAGED_POLICIES.get(a)?.policy ?? []);
  // A name listed before its document arrives on the watch (or after it went) is skipped: the record and
  // its documents are written in one transaction, so the view agrees again within the same delivery.
  const inline = await Promise.all(rec.inlinePolicyNames.map((p) => iam.userPolicy(name, p)));
  return [...attached, ...inline.filter((p): p is Policy => p !== undefined)];
}

async function readPolicies<R extends HolderRecord>(ctx: ServerContext, holder: PolicyHolder<R>, name: string): Promise<Policy[] | undefined> {
  const rec = (await holder.read(ctx, name))?.value;
  if (!rec) return undefined;
  const attached = rec.attachedPolicyArns.flatMap((a) => MANAGED_POLICIES.get(a)?.policy ?? []);
  const inline = rec.inlinePolicyNames.length > 0 ? (await inlinePolicies(ctx.store, holder.kind, name)).map((p) => parsePolicy(p.document)) : [];
  return [...attached, ...inline];
}
