// IAM roles (`roles/NAME`, the name in lower case: IAM's names are unique whatever their case). As a user's
// record, a role's holds all a policy check and DeleteRole need in one read: its trust policy, the managed
// policies attached and the names of its inline policies; every change to those rewrites it in the same
// transaction, comparing the revision read, so DeleteRole's refusal and IAM's quotas hold under races.
import type { Op, Store } from '@berth/store';
import { ROOT, getJSON, json, recordsPage, type Versioned } from './kit.js';

const PREFIX = ROOT + 'roles/';
export const roleKey = (roleName: string) => `${PREFIX}${roleName.toLowerCase()}`;

export interface RoleRecord {
  /** As created (lookups ignore case). */
  roleName: string;
  /** IAM's unique id: AROA and 17 base-32 characters. */
  roleId: string;
  /** Epoch seconds. */
  createDate: number;
  /** The trust policy, as given (IAM returns it so, URL-encoded). */
  assumeRolePolicyDocument: string;
  description?: string;
  /** Seconds (IAM's default 3600). */
  maxSessionDuration: number;
  attachedPolicyArns: string[];
  /** Names of the inline policies (their documents: state/inline-policies.ts). */
  inlinePolicyNames: string[];
}

export function getRole(store: Store, roleName: string): Promise<Versioned<RoleRecord> | null> {
  return getJSON<RoleRecord>(store, roleKey(roleName));
}

/** Creates or rewrites a role record (the caller's transaction compares what it read). */
export function putRoleOp(rec: RoleRecord): Op {
  return { put: roleKey(rec.roleName), value: json(rec) };
}

export function deleteRoleOp(roleName: string): Op {
  return { delete: roleKey(roleName) };
}

/** A page of roles in key order after `after` (a key this listing returned), for ListRoles' markers. */
export const rolesPage = (store: Store, after: string | undefined, limit: number) => recordsPage<RoleRecord>(store, PREFIX, after, limit);

/** Whether a marker is a key of this listing (a marker from elsewhere is refused, not followed). */
export const isRolesKey = (key: string) => key.startsWith(PREFIX);
