// IAM users (`users/NAME`, the name in lower case: IAM's names are unique whatever their case). A record
// holds all a policy check and DeleteUser need of its user, in one read: its access key ids, the managed
// policies attached to it and the names of its inline policies. Every change to those rewrites the record
// in the same transaction, comparing the revision read, so DeleteUser's refusal while any remain and IAM's
// quotas (2 access keys, 10 attached policies, 2,048 characters of inline policy) hold under races.
import type { Op, Store } from '@berth/store';
import { ROOT, getJSON, json, recordsPage, type Versioned } from './kit.js';

const PREFIX = ROOT + 'users/';
export const userKey = (userName: string) => `${PREFIX}${userName.toLowerCase()}`;

export interface UserRecord {
  /** As created (lookups ignore case). */
  userName: string;
  /** IAM's unique id: AIDA and 17 base-32 characters. */
  userId: string;
  /** Epoch seconds. */
  createDate: number;
  accessKeyIds: string[];
  attachedPolicyArns: string[];
  /** Names of the inline policies (their documents: state/inline-policies.ts). */
  inlinePolicyNames: string[];
}

export function getUser(store: Store, userName: string): Promise<Versioned<UserRecord> | null> {
  return getJSON<UserRecord>(store, userKey(userName));
}

/** Creates or rewrites a user record (the caller's transaction compares what it read). */
export function putUserOp(rec: UserRecord): Op {
  return { put: userKey(rec.userName), value: json(rec) };
}

export function deleteUserOp(userName: string): Op {
  return { delete: userKey(userName) };
}

/** A page of users in key order after `after` (a key this listing returned), for ListUsers' markers. */
export const usersPage = (store: Store, after: string | undefined, limit: number) => recordsPage<UserRecord>(store, PREFIX, after, limit);

/** Whether a marker is a key of this listing (a marker from elsewhere is refused, not followed). */
export const isUsersKey = (key: string) => key.startsWith(PREFIX);

/** Every user record, raw (the migration's check that no key is left without a user). */
export const USERS_PREFIX = PREFIX;
