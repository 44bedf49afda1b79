// An instance's attributes, stored once per event window instead of in every one of its events. The
// "ECS Container Instance State Change" event carries the instance's attributes (57 of them, 3.3 KB, for
// the benchmark's agent) every time, though they rarely change: they were ~2.3 KB of the ~13 KB written
// per placement, and again of what the rule engine's watch received.
//
// - A set is the attributes' JSON text, content-addressed: `instance-attribute-sets/END/HASH`, HASH the
//   SHA-256 of the text (base64url, 128 bits), END the end (epoch ms, zero-padded so keys sort by it) of
//   the event window the set serves: every event that names the set was stamped before END.
// - The stored event names its set and where its text goes (state/events.ts storedInstanceEvent); readers
//   put the text back, so what WatchEvents and the rule engine deliver is byte for byte the event's JSON.
// - The instance's live record remembers the set it last wrote (`attributeSet`, written in the same
//   transaction), so a set is put once per instance and window, not once per event: the next event of the
//   same window and the same attributes only names it.
// - Retention without reference counts: windows are the event retention window R long. A set of END E
//   serves only events older than E, so once E is older than the retention cutoff every event it serves is
//   gone; the sweep (controllers/leader/event-retention.ts) deletes sets whose E is one more window older
//   (E <= now - 2R), after the events, leaving a reader that read an event just before its deletion a
//   whole window to fetch its set. A writer names only the set of the window its event falls in (E > now),
//   so a set is never deleted under a writer (unless replicas' clocks differ by more than R).
// - Sets are immutable, so readers keep their texts in memory by hash (bounded LRU): content never goes
//   stale, and one text serves every window and every instance with the same attributes.
import { createHash } from 'node:crypto';
import { BerthError } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, commitInBatches } from './kit.js';

export const ATTRIBUTE_SETS_ROOT = ROOT + 'instance-attribute-sets/';
/** A set's name: `END/HASH` (what a live record and a stored event hold). */
export const attributeSetKey = (ref: string) => ATTRIBUTE_SETS_ROOT + ref;

/** The content address of a set's text. */
export const attributeSetHash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/** The end (epoch ms) of the window, `windowSeconds` long, that an event stamped `nowSeconds` falls in. */
export function attributeSetWindowEnd(nowSeconds: number, windowSeconds: number): number {
  const w = Math.max(1, Math.round(windowSeconds * 1000));
  return (Math.floor(Math.round(nowSeconds * 1000) / w) + 1) * w;
}

export const attributeSetRef = (endMs: number, hash: string) => `${String(endMs).padStart(15, '0')}/${hash}`;
/** The window end a set's name carries. */
export const attributeSetRefEnd = (ref: string) => Number(ref.slice(0, ref.indexOf('/')));
const refHash = (ref: string) => ref.slice(ref.indexOf('/') + 1);

export const attributeSetPutOp = (ref: string, text: string): Op => ({ put: attributeSetKey(ref), value: text });

/** Texts by hash, least recently used first; bounded by their total length. */
const texts = new Map<string, string>();
let cachedChars = 0;
/** At most this many characters of set text are kept in memory (each process). */
export const ATTRIBUTE_SET_CACHE_CHARS = 16 * 1024 * 1024;

function remember(hash: string, text: string): void {
  if (texts.has(hash)) return;
  texts.set(hash, text);
  cachedChars += text.length;
  for (const [h, t] of texts) {
    if (cachedChars <= ATTRIBUTE_SET_CACHE_CHARS) break;
    texts.delete(h);
    cachedChars -= t.length;
  }
}

/** A writer that has the text at hand (it put the set) saves its readers a store read. */
export function rememberAttributeSet(ref: string, text: string): void {
  remember(refHash(ref), text);
}

/** Sets in the in-memory cache (tests). */
export const cachedAttributeSets = () => texts.size;
/** Empties the in-memory cache (tests: a reader that must read the store, as after a restart). */
export function forgetAttributeSets(): void {
  texts.clear();
  cachedChars = 0;
}

/**
 * A set's text: from memory, else from the store (at `revision`, the event's, if it is gone now: a reader
 * more than a window behind retention).
 */
export async function attributeSetText(store: Store, ref: string, revision?: number): Promise<string> {
  const hash = refHash(ref);
  const hit = texts.get(hash);
  if (hit !== undefined) {
    texts.delete(hash);
    texts.set(hash, hit);
    return hit;
  }
  let kv = await store.get(attributeSetKey(ref));
  if (!kv && revision !== undefined) kv = (await store.range(attributeSetKey(ref), { limit: 1, revision }).catch(() => ({ kvs: [] }))).kvs[0] ?? null;
  if (!kv) throw new BerthError('ServerException', `The instance attribute set ${ref} an event names is not in the store.`);
  const text = kv.value.toString('utf8');
  remember(hash, text);
  return text;
}

/** Deletes the sets of windows that ended at or before `endMs`; returns how many went. */
export async function sweepAttributeSets(store: Store, endMs: number, stopped: () => boolean = () => false): Promise<number> {
  let deleted = 0;
  for (;;) {
    if (stopped()) return deleted;
    // Keys sort by window end: the oldest first, and a page stops at the first set still needed.
    const page = await store.range(ATTRIBUTE_SETS_ROOT, { limit: 500, keysOnly: true });
    const old = page.kvs.filter((kv) => attributeSetRefEnd(kv.key.slice(ATTRIBUTE_SETS_ROOT.length)) <= endMs);
    if (old.length > 0) await commitInBatches(store, old.map((kv) => ({ delete: kv.key })));
    deleted += old.length;
    if (old.length < page.kvs.length || !page.more) return deleted;
  }
}

/** Every set's name (checks). */
export async function listAttributeSets(store: Store): Promise<string[]> {
  const out: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.range(ATTRIBUTE_SETS_ROOT, { limit: 500, keysOnly: true, ...(after ? { after } : {}) });
    out.push(...page.kvs.map((kv) => kv.key.slice(ATTRIBUTE_SETS_ROOT.length)));
    if (!page.more || page.kvs.length === 0) return out;
    after = page.kvs.at(-1)!.key;
  }
}
