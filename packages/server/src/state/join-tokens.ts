// Join tokens (`join-tokens/ID`): what a token admits (kind, cluster), until when, how many times, and a
// hash of its secret (the secret itself is shown once, at creation). A use is counted with a compare on
// the record's revision, so a one-use token presented twice at once admits one machine.
//
// A token retires when it expires or its last use is counted, whichever comes first; it stays listed (and
// a late join is told why it is refused) for the retention window after that, then the leader's retention
// sweep deletes it, as kubeadm's token cleaner deletes expired bootstrap tokens. The sweep reads the
// retirement index (`join-tokens-retiring/MS/ID`), so a fleet that joins one machine a minute with a
// one-use token each does not keep a day of tokens, and no sweep reads every token.
import type { Op, Store } from '@berth/store';
import type { JoinKind } from '@berth/core';
import { ROOT, decode, getJSON, json, rangeAll, type Versioned } from './kit.js';
import { dueIndex } from './due-index.js';

const PREFIX = ROOT + 'join-tokens/';
const tokenKey = (id: string) => `${PREFIX}${id}`;
const RETIRING = dueIndex(ROOT + 'join-tokens-retiring/');

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
  /** Epoch seconds the last allowed use was counted (a token with a use limit that is used up). */
  usedUpAt?: number;
}

/** When a token stops admitting machines: its expiry, or its last use when that came first (epoch seconds). */
export const retiresAt = (r: JoinTokenRecord): number => Math.min(r.expiresAt, r.usedUpAt ?? Infinity);
const retiringKey = (r: JoinTokenRecord) => RETIRING.keyOf(retiresAt(r), r.id, '')!;

export async function createJoinToken(store: Store, rec: JoinTokenRecord): Promise<boolean> {
  const key = tokenKey(rec.id);
  return (await store.txn({ compare: [{ key, modRevision: 0 }], success: [{ put: key, value: json(rec) }, { put: retiringKey(rec), value: '' }] })).succeeded;
}

export async function getJoinToken(store: Store, id: string): Promise<Versioned<JoinTokenRecord> | null> {
  return getJSON<JoinTokenRecord>(store, tokenKey(id));
}

/** Counts one use, comparing the revision read; false when the token changed meanwhile (read it again). */
export async function countJoinTokenUse(store: Store, read: Versioned<JoinTokenRecord>, nowSeconds: number): Promise<boolean> {
  const key = tokenKey(read.value.id);
  const uses = read.value.uses + 1;
  const next: JoinTokenRecord = { ...read.value, uses, ...(read.value.usesAllowed > 0 && uses >= read.value.usesAllowed ? { usedUpAt: nowSeconds } : {}) };
  const ops: Op[] = [{ put: key, value: json(next) }, ...RETIRING.moveOps(retiringKey(read.value), retiringKey(next))];
  return (await store.txn({ compare: [{ key, modRevision: read.modRevision }], success: ops })).succeeded;
}

/** Every join token (a handful: listed whole). */
export async function listJoinTokens(store: Store): Promise<JoinTokenRecord[]> {
  return (await rangeAll(store, PREFIX)).map((kv) => decode<JoinTokenRecord>(kv));
}

/** Deletes a token and its retirement entry; false when there is none. */
export async function deleteJoinToken(store: Store, id: string): Promise<boolean> {
  for (;;) {
    const cur = await getJoinToken(store, id);
    if (!cur) return false;
    if ((await store.txn({ compare: [{ key: tokenKey(id), modRevision: cur.modRevision }], success: joinTokenDeleteOps(cur.value) })).succeeded) return true;
  }
}

export const joinTokenDeleteOps = (r: JoinTokenRecord): Op[] => [{ delete: tokenKey(r.id) }, { delete: retiringKey(r) }];

/** A retirement entry due: the token's id, and the entry (left alone when the token is gone or changed). */
export interface RetiredJoinToken {
  key: string;
  id: string;
}

/** Up to `limit` retirement entries older than `cutoffMs` (epoch ms), oldest first. */
export async function joinTokensRetiredBefore(store: Store, cutoffMs: number, limit: number): Promise<RetiredJoinToken[]> {
  const page = await store.range(RETIRING.prefix, { limit });
  const out: RetiredJoinToken[] = [];
  for (const kv of page.kvs) {
    if (RETIRING.time(kv.key) >= cutoffMs) break;
    out.push({ key: kv.key, id: RETIRING.names(kv.key)[0] });
  }
  return out;
}

/** The key of a token's record (the sweep compares it). */
export const joinTokenKey = tokenKey;

/** The retirement entry a token should have (migrate-v4.ts backfills them). */
export const joinTokenRetiringOp = (r: JoinTokenRecord): Op => ({ put: retiringKey(r), value: '' });
export const joinTokenEntryKey = retiringKey;
export const JOIN_TOKENS_RETIRING_ROOT = RETIRING.prefix;

/** Every stored token record, raw (tests check that no secret is stored). */
export const JOIN_TOKENS_PREFIX = PREFIX;
