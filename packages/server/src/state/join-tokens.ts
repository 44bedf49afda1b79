// Join tokens (`join-tokens/ID`): what a token admits (kind, cluster), until when, how many times, and a
// hash of its secret (the secret itself is shown once, at creation). A use is counted with a compare on
// the record's revision, so a one-use token presented twice at once admits one machine.
import type { Store } from '@berth/store';
import type { JoinKind } from '@berth/core';
import { ROOT, decode, getJSON, json, rangeAll, type Versioned } from './kit.js';

const PREFIX = ROOT + 'join-tokens/';
const tokenKey = (id: string) => `${PREFIX}${id}`;

export interface JoinTokenRecord {
  id: string;
  /** SHA-256 of the secret, hex (secrets are 128 random bits and more: no salt needed). */
  secretHash: string;
  kind: JoinKind;
  /** Joins only into this cluster; absent: any. */
  cluster?: string;
  /** Epoch seconds. */
  createdAt: number;
  expiresAt: number;
  /** 0: unlimited until it expires. */
  usesAllowed: number;
  uses: number;
  description?: string;
}

export async function createJoinToken(store: Store, rec: JoinTokenRecord): Promise<boolean> {
  const key = tokenKey(rec.id);
  return (await store.txn({ compare: [{ key, modRevision: 0 }], success: [{ put: key, value: json(rec) }] })).succeeded;
}

export async function getJoinToken(store: Store, id: string): Promise<Versioned<JoinTokenRecord> | null> {
  return getJSON<JoinTokenRecord>(store, tokenKey(id));
}

/** Counts one use, comparing the revision read; false when the token changed meanwhile (read it again). */
export async function countJoinTokenUse(store: Store, read: Versioned<JoinTokenRecord>): Promise<boolean> {
  const key = tokenKey(read.value.id);
  const next: JoinTokenRecord = { ...read.value, uses: read.value.uses + 1 };
  return (await store.txn({ compare: [{ key, modRevision: read.modRevision }], success: [{ put: key, value: json(next) }] })).succeeded;
}

/** Every join token (a handful: listed whole). */
export async function listJoinTokens(store: Store): Promise<JoinTokenRecord[]> {
  return (await rangeAll(store, PREFIX)).map((kv) => decode<JoinTokenRecord>(kv));
}

export async function deleteJoinToken(store: Store, id: string): Promise<boolean> {
  return (await store.delete(tokenKey(id))).deleted > 0;
}

/** Every stored token record, raw (tests check that no secret is stored). */
export const JOIN_TOKENS_PREFIX = PREFIX;
