// IAM users' inline policies (`user-policies/USER/POLICY`, names in lower case: IAM's names are unique
// whatever their case), written in the same transaction as their user's record, which lists their names.
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';

const PREFIX = ROOT + 'user-policies/';
const userPrefix = (userName: string) => `${PREFIX}${userName.toLowerCase()}/`;
const policyKey = (userName: string, policyName: string) => `${userPrefix(userName)}${policyName.toLowerCase()}`;

export interface UserPolicyRecord {
  userName: string;
  policyName: string;
  /** The document as given (IAM returns it so, URL-encoded). */
  document: string;
}

export function getUserPolicy(store: Store, userName: string, policyName: string): Promise<Versioned<UserPolicyRecord> | null> {
  return getJSON<UserPolicyRecord>(store, policyKey(userName, policyName));
}

/** A user's inline policies (a few: IAM bounds them to 2,048 characters in all). */
export async function userPolicies(store: Store, userName: string): Promise<UserPolicyRecord[]> {
  return (await store.range(userPrefix(userName))).kvs.map((kv) => decode<UserPolicyRecord>(kv));
}

export function putUserPolicyOp(rec: UserPolicyRecord): Op {
  return { put: policyKey(rec.userName, rec.policyName), value: json(rec) };
}

export function deleteUserPolicyOp(userName: string, policyName: string): Op {
  return { delete: policyKey(userName, policyName) };
}
