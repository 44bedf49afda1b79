// What every state module shares: the key root, JSON records, paged reads, and the optimistic-concurrency
// loop every read-modify-write uses (read, decide, commit with a compare on the revisions read, retry on
// conflict).
import type { KeyValue, Op, Store, TxnRequest } from '@berth/store';
import { TXN_MAX_OPS } from '@berth/store';
import { BerthError } from '@berth/core';

/** Every key of the control plane lives under this root. */
export const ROOT = '/berth/v1/';

/** The characters standing for a compact text's strings, in order. */
const STAND_INS = ['\u0001', '\u0002', '\u0003'] as const;

/**
 * JSON text (`text`, as JSON.stringify wrote it) with the strings it repeats named once: `%`, a JSON array of
 * up to three of `strings`, a newline, then the text with each occurrence of the first replaced by U+0001,
 * of the second by U+0002, of the third by U+0003. JSON.stringify never writes those characters raw (it
 * escapes every one below U+0020), so they stand for nothing else and expandedText gives the text back
 * exactly. A string shorter than 4 characters, with a control character, or not in the text is left out;
 * they are replaced in order (a longer one that holds a shorter one goes first). Nothing to name: the
 * text itself. JSON text starts with `{` or `[`, never `%`, so a reader tells the two apart by the first byte.
 */
export function compactText(text: string, strings: readonly string[]): string {
  const named: string[] = [];
  let body = text;
  for (const s of strings) {
    if (named.length === STAND_INS.length || s.length < 4 || hasControlCharacter(s)) continue;
    const replaced = replacedAll(body, s, STAND_INS[named.length]!);
    if (replaced === undefined) continue; // not in the text
    body = replaced;
    named.push(s);
  }
  return named.length === 0 ? text : `%${JSON.stringify(named)}\n${body}`;
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return true;
  return false;
}

/**
 * replaceAll of a string by another, left to right and without overlaps as replaceAll does, but undefined
 * when `s` is not in `text` (no copy made) and built from the pieces between occurrences.
 */
function replacedAll(text: string, s: string, by: string): string | undefined {
  let at = text.indexOf(s);
  if (at < 0) return undefined;
  let out = '';
  let from = 0;
  while (at >= 0) {
    out += text.slice(from, at) + by;
    from = at + s.length;
    at = text.indexOf(s, from);
  }
  return out + text.slice(from);
}

/** A compactText's text, whole (a text that is not compact is returned as it is). */
export function expandedText(value: string): string {
  if (value.charCodeAt(0) !== 0x25) return value;
  const nl = value.indexOf('\n');
  const named = JSON.parse(value.slice(1, nl)) as string[];
  let text = value.slice(nl + 1);
  for (let i = named.length - 1; i >= 0; i--) text = text.replaceAll(STAND_INS[i]!, named[i]!);
  return text;
}

/** A record read with the revision a later write compares. */
export interface Versioned<T> {
  value: T;
  modRevision: number;
}

export function decode<T>(kv: KeyValue): T {
  return JSON.parse(kv.value.toString('utf8')) as T;
}

export const json = (v: unknown) => JSON.stringify(v);

export async function getJSON<T>(store: Store, key: string): Promise<Versioned<T> | null> {
  const kv = await store.get(key);
  return kv ? { value: decode<T>(kv), modRevision: kv.modRevision } : null;
}

/** Every key under a prefix, read page by page (pages keep each store call bounded). For lists and rebuilds, never a request path. */
export async function rangeAll(store: Store, prefix: string, opts: { revision?: number } = {}): Promise<KeyValue[]> {
  const out: KeyValue[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.range(prefix, { limit: 500, ...(after ? { after } : {}), ...(opts.revision ? { revision: opts.revision } : {}) });
    out.push(...page.kvs);
    if (!page.more || page.kvs.length === 0) return out;
    after = page.kvs[page.kvs.length - 1]!.key;
  }
}

/** A page of records under a prefix in key order after `after` (a key this listing returned), for IAM's markers. */
export async function recordsPage<T>(store: Store, prefix: string, after: string | undefined, limit: number): Promise<{ items: T[]; last?: string; more: boolean }> {
  const page = await store.range(prefix, { limit, ...(after !== undefined ? { after } : {}) });
  const last = page.kvs.at(-1)?.key;
  return { items: page.kvs.map((kv) => decode<T>(kv)), ...(last !== undefined ? { last } : {}), more: page.more };
}

/** The last segment of a key (an id or name). */
export const lastSegment = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/** Moves an index entry from one key to another (none before: put; same key: nothing). */
export function indexMoveOps(from: string | undefined, to: string): Op[] {
  if (from === to) return [];
  return [...(from !== undefined ? [{ delete: from }] : []), { put: to, value: '' }];
}

/**
 * The ops with a put repeated (the same key and the same value) written once. Records written by content
 * address are put by every writer that needs them (state/instance-attribute-sets.ts: the first event of a
 * window of each instance with the same attributes), so a transaction over several instances may carry the
 * same put twice, which etcd refuses. Puts of one key with different values are left for the store to refuse.
 */
export function withRepeatedPutsOnce(ops: readonly Op[]): Op[] {
  const seen = new Map<string, string | Buffer>();
  const out: Op[] = [];
  for (const op of ops) {
    if ('put' in op) {
      const before = seen.get(op.put);
      if (before !== undefined && sameValue(before, op.value)) continue;
      seen.set(op.put, op.value);
    }
    out.push(op);
  }
  return out;
}

function sameValue(a: string | Buffer, b: string | Buffer): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}

/** A transaction that writes nothing. */
export const noWrite: TxnRequest = { compare: [], success: [] };

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
    const res = await store.txn({ ...txn, success: withRepeatedPutsOnce(txn.success) });
    if (res.succeeded) {
      opts.onCommitted?.(res.revision, txn);
      return result;
    }
    // Contention: back off a little, with jitter, so racing writers spread out.
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** i)));
  }
  throw new BerthError('ServerException', 'Too much contention on the store; try again.');
}

/**
 * Commits ops that need no compare (index backfills, deletes of what is already gone) in transactions
 * within the store's limit, leaving room for a controller's fence.
 */
export async function commitInBatches(store: Store, ops: Op[], batch = TXN_MAX_OPS - 8): Promise<void> {
  for (let i = 0; i < ops.length; i += batch) await store.txn({ compare: [], success: ops.slice(i, i + batch) });
}
