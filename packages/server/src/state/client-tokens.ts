// RunTask's clientTokens: `client-tokens/CLUSTER/TOKEN` maps a token to the tasks it created, so a retry is
// answered with them (idempotency is store data). Beside it, `client-tokens-by-time/MS/CLUSTER/TOKEN`
// orders tokens by when retention looks at them next: the sweep reads the oldest page, removes tokens past
// the window whose tasks are gone, and looks again a window later at those whose tasks still exist.
import { TXN_MAX_OPS, type Op, type Store } from '@berth/store';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';

const PREFIX = ROOT + 'client-tokens/';
const enc = (token: string) => Buffer.from(token).toString('base64url');
const tokenKeyEncoded = (cluster: string, encoded: string) => `${PREFIX}${cluster}/${encoded}`;
export const clientTokenKey = (cluster: string, token: string) => tokenKeyEncoded(cluster, enc(token));
const BY_TIME = ROOT + 'client-tokens-by-time/';
const timeKey = (ms: number, cluster: string, encoded: string) => `${BY_TIME}${String(Math.round(ms)).padStart(15, '0')}/${cluster}/${encoded}`;

export interface ClientTokenRecord {
  /** Hash of the RunTask request, to tell a retry from a different request reusing the token. */
  requestHash: string;
  taskArns: string[];
  /** Epoch seconds. */
  createdAt: number;
  /** When retention looks at it next (epoch ms); absent: createdAt. */
  reviewAt?: number;
}

export function getClientToken(store: Store, cluster: string, token: string): Promise<Versioned<ClientTokenRecord> | null> {
  return getJSON<ClientTokenRecord>(store, clientTokenKey(cluster, token));
}

/** The records of several tokens of a cluster (null where unused): one getMany per TXN_MAX_OPS tokens rather than a read each. */
export async function getClientTokens(store: Store, cluster: string, tokens: readonly string[]): Promise<(ClientTokenRecord | null)[]> {
  const out: (ClientTokenRecord | null)[] = [];
  for (let i = 0; i < tokens.length; i += TXN_MAX_OPS) {
    const kvs = await store.getMany(tokens.slice(i, i + TXN_MAX_OPS).map((t) => clientTokenKey(cluster, t)));
    out.push(...kvs.map((kv) => (kv ? decode<ClientTokenRecord>(kv) : null)));
  }
  return out;
}

const reviewAt = (r: ClientTokenRecord) => r.reviewAt ?? r.createdAt * 1000;

/** The index entries a token record at `key` implies. */
export function clientTokenIndexKeys(key: string, r: ClientTokenRecord): string[] {
  const [cluster, encoded] = key.slice(PREFIX.length).split('/');
  return [timeKey(reviewAt(r), cluster!, encoded!)];
}

export function clientTokenOps(cluster: string, token: string, r: ClientTokenRecord): Op[] {
  return [{ put: clientTokenKey(cluster, token), value: json(r) }, { put: timeKey(reviewAt(r), cluster, enc(token)), value: '' }];
}

/** A token due for review: where it is, and its record (null when only its index entry is left). */
export interface DueToken {
  indexKey: string;
  key: string;
  record: Versioned<ClientTokenRecord> | null;
}

/** Up to `limit` tokens whose review time is before `cutoffMs`, oldest first. */
export async function tokensDue(store: Store, cutoffMs: number, limit: number): Promise<DueToken[]> {
  const page = await store.range(BY_TIME, { limit });
  const due = page.kvs.map((kv) => kv.key).filter((k) => Number(k.slice(BY_TIME.length, BY_TIME.length + 15)) < cutoffMs);
  return Promise.all(due.map(async (indexKey) => {
    const [, cluster, encoded] = indexKey.slice(BY_TIME.length).split('/');
    const key = tokenKeyEncoded(cluster!, encoded!);
    return { indexKey, key, record: await getJSON<ClientTokenRecord>(store, key) };
  }));
}

/**
 * The entry a sweep read and the one the record read names. They differ when another sweep rescheduled
 * the token between the two reads (the page first, the record after): the write that compares the record
 * read must then remove the record's own entry too, or it would stay behind as a second entry.
 */
function dueIndexKeys(t: DueToken): string[] {
  const own = t.record ? clientTokenIndexKeys(t.key, t.record.value)[0]! : t.indexKey;
  return own === t.indexKey ? [t.indexKey] : [t.indexKey, own];
}

/** Removes a token and its index entry. */
export const clientTokenDeleteOps = (t: DueToken): Op[] => [{ delete: t.key }, ...dueIndexKeys(t).map((key) => ({ delete: key }))];

/** Looks at the token again at `atMs` (its tasks still exist). */
export function clientTokenRescheduleOps(t: DueToken, atMs: number): Op[] {
  const [, cluster, encoded] = t.indexKey.slice(BY_TIME.length).split('/');
  const r = { ...t.record!.value, reviewAt: atMs };
  const next = timeKey(atMs, cluster!, encoded!);
  return [{ put: t.key, value: json(r) }, ...dueIndexKeys(t).filter((key) => key !== next).map((key) => ({ delete: key })), { put: next, value: '' }];
}

export const CLIENT_TOKENS_ROOT = PREFIX;
export const CLIENT_TOKENS_BY_TIME_ROOT = BY_TIME;
