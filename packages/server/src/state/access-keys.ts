// Access keys for SigV4 on the AWS listener (`access-keys/ID`); the secret inside is sealed with the
// server's secrets key.
import type { Store } from '@berth/store';
import { ROOT, decode, getJSON, json, rangeAll } from './kit.js';

const PREFIX = ROOT + 'access-keys/';
const accessKeyKey = (id: string) => `${PREFIX}${id}`;

export interface AccessKeyRecord {
  accessKeyId: string;
  /** SecretBox ciphertext, bound to the key id. */
  sealedSecret: string;
  status: 'Active' | 'Inactive';
  /** Epoch seconds. */
  createDate: number;
  userName: string;
}

/** Creates the record unless the id exists; false on a collision. */
export async function createAccessKey(store: Store, rec: AccessKeyRecord): Promise<boolean> {
  const key = accessKeyKey(rec.accessKeyId);
  return (await store.txn({ compare: [{ key, modRevision: 0 }], success: [{ put: key, value: json(rec) }] })).succeeded;
}

/** Every access key (a handful: listed whole). */
export async function listAccessKeys(store: Store): Promise<AccessKeyRecord[]> {
  return (await rangeAll(store, PREFIX)).map((kv) => decode<AccessKeyRecord>(kv));
}

export async function getAccessKey(store: Store, id: string): Promise<AccessKeyRecord | undefined> {
  return (await getJSON<AccessKeyRecord>(store, accessKeyKey(id)))?.value;
}

/** Deletes the key; false when it did not exist. */
export async function deleteAccessKey(store: Store, id: string): Promise<boolean> {
  return (await store.delete(accessKeyKey(id))).deleted > 0;
}

/** Every stored access key record, raw (tests check that no secret is stored in clear). */
export const ACCESS_KEYS_PREFIX = PREFIX;
