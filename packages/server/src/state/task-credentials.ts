// Temporary credentials of tasks' roles (`task-credentials/keys/ASIA...`), minted for the agent that runs
// the task (auth/task-credentials.ts). The secret and the session token inside are sealed with the server's
// secrets key, bound to the key id, as access keys' secrets are. Two indexes: by task
// (`by-task/CLUSTER/TASK/ID`), so a stopped task's credentials all go at once, and by expiry
// (`by-expiry/MS/ID`, zero-padded), so a bounded sweep removes the expired ones oldest first.
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, lastSegment, type Versioned } from './kit.js';
import type { CredentialsRoleType } from '@berth/core';

const PREFIX = ROOT + 'task-credentials/';
const KEYS = `${PREFIX}keys/`;
const BY_TASK = `${PREFIX}by-task/`;
const BY_EXPIRY = `${PREFIX}by-expiry/`;
const credentialKey = (id: string) => `${KEYS}${id}`;
const taskPrefix = (cluster: string, taskId: string) => `${BY_TASK}${cluster}/${taskId}/`;
const expiryKey = (expiration: number, id: string) => `${BY_EXPIRY}${String(Math.round(expiration * 1000)).padStart(15, '0')}/${id}`;

export interface TaskCredentialRecord {
  accessKeyId: string;
  /** SecretBox ciphertext of `{secret, token}`, bound to the key id. */
  sealed: string;
  roleType: CredentialsRoleType;
  roleArn: string;
  roleName: string;
  taskArn: string;
  cluster: string;
  taskId: string;
  /** Epoch seconds. */
  expiration: number;
}

export function getTaskCredential(store: Store, id: string): Promise<Versioned<TaskCredentialRecord> | null> {
  return getJSON<TaskCredentialRecord>(store, credentialKey(id));
}

export function putTaskCredentialOps(rec: TaskCredentialRecord): Op[] {
  return [
    { put: credentialKey(rec.accessKeyId), value: json(rec) },
    { put: `${taskPrefix(rec.cluster, rec.taskId)}${rec.accessKeyId}`, value: '' },
    { put: expiryKey(rec.expiration, rec.accessKeyId), value: '' },
  ];
}

export function deleteTaskCredentialOps(rec: TaskCredentialRecord): Op[] {
  return [
    { delete: credentialKey(rec.accessKeyId) },
    { delete: `${taskPrefix(rec.cluster, rec.taskId)}${rec.accessKeyId}` },
    { delete: expiryKey(rec.expiration, rec.accessKeyId) },
  ];
}

/** Ids of up to `limit` credentials of one task. */
export async function taskCredentialIds(store: Store, cluster: string, taskId: string, limit: number): Promise<string[]> {
  return (await store.range(taskPrefix(cluster, taskId), { limit, keysOnly: true })).kvs.map((kv) => lastSegment(kv.key));
}

/** Ids of up to `limit` credentials that expired before `nowMs`, oldest first. */
export async function expiredTaskCredentialIds(store: Store, nowMs: number, limit: number): Promise<string[]> {
  const page = await store.range(BY_EXPIRY, { limit, keysOnly: true });
  return page.kvs
    .filter((kv) => Number(kv.key.slice(BY_EXPIRY.length).split('/')[0]) < nowMs)
    .map((kv) => lastSegment(kv.key));
}

/** Every stored credential record, raw (tests check that no secret is stored in clear). */
export async function taskCredentialRecords(store: Store): Promise<TaskCredentialRecord[]> {
  return (await store.range(KEYS)).kvs.map((kv) => decode<TaskCredentialRecord>(kv));
}
