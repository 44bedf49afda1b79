// What every signed call reads before its handler: the access key it is signed with (its sealed secret,
// status and user) and the policies of that user (the user's record: attached managed policies and inline
// policy names; the inline documents). One informer over `access-keys/`, `users/` and `user-policies/`
// (issue 14 §2: no cache but informers rebuilt from a watch), so a key deactivated or deleted, or a policy
// put, deleted, attached or detached, on any replica takes effect on every replica as soon as its watch
// delivers the change (milliseconds), and on the replica that made it from its next call (IAM's writers
// wait for their write to come back: `committed`).
//
// Memory: every key, user and inline policy of the account, as stored (IAM bounds them: 2 keys and 2,048
// characters of inline policy per user), with each record's parsed form and an active key's unsealed
// secret kept beside it until the record changes; about 1 KiB per user with a key and a small policy.
// Roles (the task-role callers) are not held: a role's policies are read from the store at each call.
import type { Policy } from '@berth/core';
import { parsePolicy } from '@berth/core';
import type { Logger } from '@berth/api';
import type { Store, TxnRequest } from '@berth/store';
import { RecordInformer } from './records.js';
import { ACCESS_KEYS_PREFIX, accessKeyKey, type AccessKeyRecord } from '../state/access-keys.js';
import { USERS_PREFIX, userKey, type UserRecord } from '../state/users.js';
import { inlinePoliciesPrefix, inlinePolicyKey, type InlinePolicyRecord } from '../state/inline-policies.js';

export class IamInformer {
  readonly records: RecordInformer;

  constructor(store: Store, log: Logger) {
    this.records = new RecordInformer(store, [ACCESS_KEYS_PREFIX, USERS_PREFIX, inlinePoliciesPrefix('user')], log, 'iam');
  }

  /**
   * What `open` makes of an access key's record (the unsealed secret of an active one), computed once per
   * version of the record.
   */
  accessKey<T>(accessKeyId: string, open: (rec: AccessKeyRecord) => T): Promise<T | undefined> {
    return this.records.derive(accessKeyKey(accessKeyId), (v) => open(JSON.parse(v) as AccessKeyRecord));
  }

  user(userName: string): Promise<UserRecord | undefined> {
    return this.records.derive(userKey(userName), (v) => JSON.parse(v) as UserRecord);
  }

  /** A user's inline policy, parsed; undefined when there is none of that name. */
  userPolicy(userName: string, policyName: string): Promise<Policy | undefined> {
    return this.records.derive(inlinePolicyKey('user', userName, policyName), (v) => parsePolicy((JSON.parse(v) as InlinePolicyRecord).document));
  }

  /** After a transaction this replica committed: resolves once the informer holds what it wrote. */
  committed(revision: number, txn: TxnRequest): Promise<void> {
    return this.records.caughtUp(revision, txn.success.map((op) => ('put' in op ? op.put : 'delete' in op ? op.delete : op.deletePrefix)));
  }

  stop(): Promise<void> {
    return this.records.stop();
  }
}
