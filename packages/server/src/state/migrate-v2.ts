// Schema 2 -> 3, run once at start on a store written before IAM users existed (Berth up to 2c9753e):
// access keys carried a user name and no user record, and every signed call was allowed. Each such name
// becomes an IAM user with AdministratorAccess attached and its keys listed, so today's keys keep doing
// what they did, as the same user: the ARN, and the user id GetCallerIdentity answered (derived then from
// the account and the name), stay as they were.
//
// Idempotent and bounded like the first migration: a user that exists already gets only the key ids it
// lacks, and the version is bumped last, with a compare that it is still 2.
import { createHash } from 'node:crypto';
import { ADMINISTRATOR_ACCESS_ARN, type Identity } from '@berth/core';
import type { Store } from '@berth/store';
import type { Logger } from '@berth/api';
import { listAccessKeys, type AccessKeyRecord } from './access-keys.js';
import { getUser, putUserOp, userKey, type UserRecord } from './users.js';
import { SCHEMA_KEY } from './schema.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The user id schema-2 servers answered for a key's user: derived from the account and the name. */
export function legacyUserId(identity: Identity, userName: string): string {
  const h = createHash('sha256').update(`${identity.accountId}/${userName}`).digest();
  return 'AIDA' + [...h.subarray(0, 17)].map((b) => BASE32[b & 31]).join('');
}

export async function migrateFromV2(store: Store, identity: Identity, log: Logger): Promise<{ users: number }> {
  const byUser = new Map<string, AccessKeyRecord[]>();
  for (const k of await listAccessKeys(store)) byUser.set(k.userName.toLowerCase(), [...(byUser.get(k.userName.toLowerCase()) ?? []), k]);
  for (const keys of byUser.values()) {
    const userName = keys[0]!.userName;
    for (;;) {
      const cur = await getUser(store, userName);
      const ids = keys.map((k) => k.accessKeyId);
      const next: UserRecord = cur
        ? { ...cur.value, accessKeyIds: [...new Set([...cur.value.accessKeyIds, ...ids])] }
        : {
          userName, userId: legacyUserId(identity, userName), createDate: Math.min(...keys.map((k) => k.createDate)),
          accessKeyIds: ids, attachedPolicyArns: [ADMINISTRATOR_ACCESS_ARN], inlinePolicyNames: [],
        };
      const res = await store.txn({ compare: [{ key: userKey(userName), modRevision: cur?.modRevision ?? 0 }], success: [putUserOp(next)] });
      if (res.succeeded) break;
    }
  }
  log.info('migration: a user with AdministratorAccess for each access key\'s user', { users: byUser.size });
  await store.txn({ compare: [{ key: SCHEMA_KEY, value: '2' }], success: [{ put: SCHEMA_KEY, value: '3' }] });
  return { users: byUser.size };
}
