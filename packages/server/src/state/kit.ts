// Small helpers for JSON records in the store, and the optimistic-concurrency loop every
// read-modify-write uses: read, decide, commit with a compare on the revisions read, retry on conflict.
import type { KeyValue, Store, TxnRequest } from '@berth/store';
import { createHash } from 'node:crypto';
import { BerthError } from '@berth/core';

export function decode<T>(kv: KeyValue): T {
  return JSON.parse(kv.value.toString('utf8')) as T;
}

export async function getJSON<T>(store: Store, key: string): Promise<{ value: T; modRevision: number } | null> {
  const kv = await store.get(key);
  return kv ? { value: decode<T>(kv), modRevision: kv.modRevision } : null;
}

/** Every key under a prefix, read page by page (pages keep each store call bounded). */
export async function rangeAll(store: Store, prefix: string): Promise<KeyValue[]> {
  const out: KeyValue[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.range(prefix, { limit: 500, ...(after ? { after } : {}) });
    out.push(...page.kvs);
    if (!page.more || page.kvs.length === 0) return out;
    after = page.kvs[page.kvs.length - 1]!.key;
  }
}

export async function listJSON<T>(store: Store, prefix: string): Promise<T[]> {
  return (await rangeAll(store, prefix)).map((kv) => decode<T>(kv));
}

/**
 * Runs `attempt` until its transaction commits. `attempt` reads what it needs and returns the
 * transaction (compares on what it read) plus the result to return, or throws a BerthError. It gets
 * the attempt number, so a first try may use a cache and a retry the store itself. `onCommitted`
 * sees the committed transaction and its revision (caches use it to see their own writes at once).
 */
export async function commitWithRetry<R>(
  store: Store,
  attempt: (n: number) => Promise<{ txn: TxnRequest; result: R }>,
  opts: { maxAttempts?: number; onCommitted?(revision: number, txn: TxnRequest): void } = {},
): Promise<R> {
  const maxAttempts = opts.maxAttempts ?? 100;
  for (let i = 0; i < maxAttempts; i++) {
    const { txn, result } = await attempt(i);
    const res = await store.txn(txn);
    if (res.succeeded) {
      opts.onCommitted?.(res.revision, txn);
      return result;
    }
    // Contention: back off a little, with jitter, so racing writers spread out.
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** i)));
  }
  throw new BerthError('ServerException', 'Too much contention on the store; try again.');
}

export const json = (v: unknown) => JSON.stringify(v);

/** SHA-256 of canonical JSON (keys sorted, null and undefined members dropped): what a retried request must repeat. */
export function canonicalHash(value: unknown): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).filter((k) => o[k] !== undefined && o[k] !== null).sort().map((k) => [k, canon(o[k])]));
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canon(value))).digest('hex');
}
