// Inline policies of IAM users (`user-policies/USER/POLICY`) and roles (`role-policies/ROLE/POLICY`), names
// in lower case (IAM's names are unique whatever their case), each written in the same transaction as its
// user's or role's record, which lists their names.
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';

/** Who holds inline policies. */
export type PolicyHolderKind = 'user' | 'role';

const PREFIXES: Record<PolicyHolderKind, string> = { user: ROOT + 'user-policies/', role: ROOT + 'role-policies/' };
const holderPrefix = (kind: PolicyHolderKind, holder: string) => `${PREFIXES[kind]}${holder.toLowerCase()}/`;
export const inlinePolicyKey = (kind: PolicyHolderKind, holder: string, policyName: string) => `${holderPrefix(kind, holder)}${policyName.toLowerCase()}`;

export interface InlinePolicyRecord {
  /** The holder as named (`userName` for a user, `roleName` for a role). */
  userName?: string;
  roleName?: string;
  policyName: string;
  /** The document as given (IAM returns it so, URL-encoded). */
  document: string;
}

export function getInlinePolicy(store: Store, kind: PolicyHolderKind, holder: string, policyName: string): Promise<Versioned<InlinePolicyRecord> | null> {
  return getJSON<InlinePolicyRecord>(store, inlinePolicyKey(kind, holder, policyName));
}

/** A holder's inline policies (a few: IAM bounds their size). */
export async function inlinePolicies(store: Store, kind: PolicyHolderKind, holder: string): Promise<InlinePolicyRecord[]> {
  return (await store.range(holderPrefix(kind, holder))).kvs.map((kv) => decode<InlinePolicyRecord>(kv));
}

export function putInlinePolicyOp(kind: PolicyHolderKind, holder: string, policyName: string, document: string): Op {
  const rec: InlinePolicyRecord = { [kind === 'user' ? 'userName' : 'roleName']: holder, policyName, document };
  return { put: inlinePolicyKey(kind, holder, policyName), value: json(rec) };
}

export function deleteInlinePolicyOp(kind: PolicyHolderKind, holder: string, policyName: string): Op {
  return { delete: inlinePolicyKey(kind, holder, policyName) };
}

/** Every inline policy of a kind of holder, raw (the IAM informer watches them). */
export const inlinePoliciesPrefix = (kind: PolicyHolderKind) => PREFIXES[kind];
