// Access keys for SigV4 (`access-keys/ID`); the secret inside is sealed with the server's secrets key.
// Each is written in the same transaction as its user's record, which lists its id (state/users.ts).
import type { Compare, Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, rangeAll, type Versioned } from './kit.js';

const PREFIX = ROOT + 'access-keys/';
export const accessKeyKey = (id: string) => `${PREFIX}${id}`;

export interface AccessKeyRecord {
  accessKeyId: string;
  /** SecretBox ciphertext, bound to the key id. */
  sealedSecret: string;
  status: 'Active' | 'Inactive';
  /** Epoch seconds. */
  createDate: number;
  userName: string;
}

/** Every access key (a handful: listed whole). */
export async function listAccessKeys(store: Store): Promise<AccessKeyRecord[]> {
  return (await rangeAll(store, PREFIX)).map((kv) => decode<AccessKeyRecord>(kv));
}

export function getAccessKey(store: Store, id: string): Promise<Versioned<AccessKeyRecord> | null> {
  return getJSON<AccessKeyRecord>(store, accessKeyKey(id));
}

/** The key is as it was read. */
export const accessKeyAt = (id: string, modRevision: number): Compare => ({ key: accessKeyKey(id), modRevision });


export function putAccessKeyOp(rec: AccessKeyRecord): Op {
  return { put: accessKeyKey(rec.accessKeyId), value: json(rec) };
}

export function deleteAccessKeyOp(id: string): Op {
  return { delete: accessKeyKey(id) };
}

/** Every stored access key record, raw (tests check that no secret is stored in clear). */
export const ACCESS_KEYS_PREFIX = PREFIX;
