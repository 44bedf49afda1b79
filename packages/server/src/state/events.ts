// ECS events (EventBridge envelopes), written in the transaction of the change they tell, under
// `events/CLUSTER/MS-SEQTAG`: by cluster, then the control plane's time in ms (so retention reads the
// oldest first), then a sequence and a per-process tag. Streams order them by the store revision that
// created their key (events/stream.ts), then by key, then by their place in the key. Per cluster,
// `events-deleted/CLUSTER` holds the newest stream position retention deleted (a cursor older than it
// missed events, and is refused).
//
// A key holds one event, or the events of one transaction and cluster (a batch, since schema 9): writers
// build one put per event, and withEventBatches, where a transaction's ops are assembled, merges the event
// puts of each cluster into one put under the first (smallest) of their keys, its events in key order: the
// order they had as keys of their own. A batch's value is each event's stored form (below), each preceded
// by U+001E (RS): no stored form holds that character raw (JSON.stringify escapes every one below U+0020,
// and the forms' headers are ASCII digits, base64url and JSON), so a reader splits a batch at every RS byte
// (UTF-8 never has it inside a character) and reads each part as it reads a key of one event. An event's
// stream position names its key and, in a batch but for its last event, its index `i`. A position without
// `i` stands for the whole key, after every event in it: a key of one event (so the cursors given out before
// batches existed resume exactly), a batch's last event, and retention's mark of a batch it deleted whole
// (so a cursor at that last event is not refused, and one inside the batch is). Retention reads a batch's time from
// its key: the earliest of its events'.
//
// An event's stored form is its JSON text, except two:
// - an instance event whose attributes are kept in a set (state/instance-attribute-sets.ts): `#OFFSET REF`
//   and a newline, then the text without the attributes' value, which goes back at OFFSET (UTF-16 units of
//   the text);
// - a task event with the strings it repeats named once (compactEventPutOp, kit.ts's compactText): `%`
//   and a JSON array of up to three strings, a newline, then the text with each occurrence of the first
//   string replaced by U+0001, of the second by U+0002, of the third by U+0003. JSON.stringify never
//   writes those characters raw, so they stand for nothing else and the text comes back exact. A task
//   event names its task's id five times, the cluster's name nine, the account's ARN prefix seven: a
//   third of its bytes.
// JSON text starts with `{`, so the forms never mix, and the events written before either existed (or
// before batches) are read as they are (no migration). Every reader of a key's events goes through
// storedEvents, and of an event's text through eventText.
import { randomBytes } from 'node:crypto';
import type { KeyValue, Op, Store } from '@berth/store';
import { ROOT, compactText, decode, expandedText, json } from './kit.js';
import { attributeSetText } from './instance-attribute-sets.js';

/** How long events are kept, unless --event-retention says otherwise. */
export const DEFAULT_EVENT_RETENTION_SECONDS = 3600;

export const EVENTS_ROOT = ROOT + 'events/';
export const eventsPrefix = (cluster: string) => `${EVENTS_ROOT}${cluster}/`;
const DELETED_ROOT = ROOT + 'events-deleted/';
export const eventsDeletedKey = (cluster: string) => `${DELETED_ROOT}${cluster}`;

/**
 * A position in the stream: the creating revision and the key, and in a batch the event's index (none: the
 * whole key, after all its events).
 */
export interface EventPosition {
  r: number;
  k: string;
  i?: number;
}

/** Whether position `a` comes after `b` in the stream (anything comes after undefined, the start). */
export function eventPositionAfter(a: EventPosition, b: EventPosition | undefined): boolean {
  if (b === undefined) return true;
  if (a.r !== b.r) return a.r > b.r;
  if (a.k !== b.k) return a.k > b.k;
  return (a.i ?? Infinity) > (b.i ?? Infinity);
}

let seq = 0;
/** This process's part of event keys: random once, so keys from two replicas in the same ms never collide. */
const PROCESS_TAG = randomBytes(4).toString('hex');

/**
 * A fresh event key in `cluster` at `now` (epoch seconds): time-ordered, never colliding. The counter
 * keeps the events of one transaction (same revision) in the order they were built.
 */
export function eventKey(cluster: string, now: number): string {
  seq = (seq + 1) % 1e9;
  return `${eventsPrefix(cluster)}${String(Math.round(now * 1000)).padStart(15, '0')}-${String(seq).padStart(9, '0')}${PROCESS_TAG}`;
}

export const eventPutOp = (cluster: string, now: number, event: unknown): Op => ({ put: eventKey(cluster, now), value: json(event) });

/**
 * The put of an event's JSON text (`text`, as JSON.stringify wrote it) stored with `strings` named once
 * (kit.ts's compactText: see above).
 */
export function compactEventPutOp(cluster: string, now: number, text: string, strings: readonly string[]): Op {
  return { put: eventKey(cluster, now), value: compactText(text, strings) };
}

/** Stands where an instance event's attributes go, until its text is cut there. */
export const ATTRIBUTES_HOLE = '\u0000berth-attribute-set\u0000';
const HOLE_TEXT = `"attributes":${JSON.stringify(ATTRIBUTES_HOLE)}`;
const HOLE_VALUE_AT = '"attributes":'.length;

/**
 * The put of an event whose `detail.attributes` is ATTRIBUTES_HOLE, stored with the name of the set that
 * holds the attributes' text (the caller puts the set, or knows it is put). The hole is found by its
 * member name and value: a value cannot hold `"attributes":"` unescaped, and no other object of an
 * instance event has a member named attributes.
 */
export function storedInstanceEvent(cluster: string, now: number, event: unknown, setRef: string): Op {
  const text = json(event);
  const at = text.indexOf(HOLE_TEXT);
  if (at < 0 || text.indexOf(HOLE_TEXT, at + 1) >= 0) throw new Error('an instance event must hold exactly one attributes hole');
  const offset = at + HOLE_VALUE_AT;
  return { put: eventKey(cluster, now), value: `#${offset} ${setRef}\n${text.slice(0, offset)}${text.slice(offset + HOLE_TEXT.length - HOLE_VALUE_AT)}` };
}

/** The set an event's value names, if any (checks). */
export function eventAttributeSet(value: Buffer): string | undefined {
  if (value[0] !== 0x23) return undefined;
  const head = value.subarray(0, value.indexOf(0x0a)).toString('utf8');
  return head.slice(head.indexOf(' ') + 1);
}

/** The byte that starts a batch and each of its events. */
const RS = 0x1e;
const RS_TEXT = '\u001e';

/** One event of a stored key: its stream position, its stored form, and the revision it was read at. */
export interface StoredEvent {
  readonly position: EventPosition;
  readonly value: Buffer;
  readonly modRevision: number;
}

/** The events a key holds, in order: one, or a batch's. */
export function storedEvents(kv: KeyValue): StoredEvent[] {
  const r = kv.createRevision;
  if (kv.value[0] !== RS) return [{ position: { r, k: kv.key }, value: kv.value, modRevision: kv.modRevision }];
  const out: StoredEvent[] = [];
  let at = 0;
  while (at < kv.value.length) {
    const end = kv.value.indexOf(RS, at + 1);
    const stop = end < 0 ? kv.value.length : end;
    // The last event stands at the key's own position (after all its events), as retention's mark of the batch does.
    const position = end < 0 ? { r, k: kv.key } : { r, k: kv.key, i: out.length };
    out.push({ position, value: kv.value.subarray(at + 1, stop), modRevision: kv.modRevision });
    at = stop;
  }
  return out;
}

/** How many events a key's value holds (the stream's buffer counts events, not keys). */
export function storedEventCount(value: Buffer): number {
  if (value[0] !== RS) return 1;
  let n = 0;
  for (let at = value.indexOf(RS); at >= 0; at = value.indexOf(RS, at + 1)) n++;
  return n;
}

const clusterOfEventKey = (key: string) => key.slice(EVENTS_ROOT.length, key.indexOf('/', EVENTS_ROOT.length));

/**
 * A transaction's ops with the event puts of each cluster merged into one put (a batch: see above), under
 * the smallest of their keys, where the first of them was; the events in key order, a batch among them
 * contributing its events. Every other op stays as and where it was; a cluster with one event keeps its
 * key of one event. The state layer's one place that builds a batch: call it where a transaction's ops
 * are assembled, after anything that dedupes them (kit.ts's withRepeatedPutsOnce).
 */
export function withEventBatches(ops: readonly Op[]): Op[] {
  let byCluster: Map<string, { at: number; puts: { key: string; value: string }[] }> | undefined;
  for (let n = 0; n < ops.length; n++) {
    const op = ops[n]!;
    if (!('put' in op) || !op.put.startsWith(EVENTS_ROOT)) continue;
    const value = typeof op.value === 'string' ? op.value : op.value.toString('utf8');
    // Defensive: a value that is no stored form of ours keeps its own key rather than being split wrongly.
    if (value.charCodeAt(0) !== RS && value.includes(RS_TEXT)) continue;
    byCluster ??= new Map();
    const cluster = clusterOfEventKey(op.put);
    let c = byCluster.get(cluster);
    if (!c) byCluster.set(cluster, (c = { at: n, puts: [] }));
    c.puts.push({ key: op.put, value });
  }
  if (byCluster === undefined) return ops as Op[];
  const batchAt = new Map<number, Op>();
  const merged = new Set<string>();
  for (const c of byCluster.values()) {
    if (c.puts.length === 1) continue;
    c.puts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let value = '';
    for (const p of c.puts) {
      value += p.value.charCodeAt(0) === RS ? p.value : RS_TEXT + p.value;
      merged.add(p.key);
    }
    batchAt.set(c.at, { put: c.puts[0]!.key, value });
  }
  if (batchAt.size === 0) return ops as Op[];
  const out: Op[] = [];
  for (let n = 0; n < ops.length; n++) {
    const op = ops[n]!;
    const batch = batchAt.get(n);
    if (batch !== undefined) out.push(batch);
    else if (!('put' in op) || !merged.has(op.put)) out.push(op);
  }
  return out;
}

/**
 * An event's JSON text, exactly as it was built, with its attributes put back from their set. `kv`: a key
 * of one event, or one of storedEvents' (never a batch whole).
 */
export function eventText(store: Store, kv: Pick<KeyValue, 'value' | 'modRevision'>): string | Promise<string> {
  if (kv.value[0] === RS) throw new Error('eventText: a batch of events: read its events with storedEvents');
  if (kv.value[0] === 0x25) return expandedText(kv.value.toString('utf8'));
  if (kv.value[0] !== 0x23) return kv.value.toString('utf8');
  const all = kv.value.toString('utf8');
  const nl = all.indexOf('\n');
  const sp = all.indexOf(' ');
  const offset = Number(all.slice(1, sp));
  const ref = all.slice(sp + 1, nl);
  return attributeSetText(store, ref, kv.modRevision).then((set) => `${all.slice(nl + 1, nl + 1 + offset)}${set}${all.slice(nl + 1 + offset)}`);
}

/** The time (epoch ms) an event key carries. */
export function eventKeyTime(key: string): number {
  const tail = key.slice(key.lastIndexOf('/') + 1);
  return Number(tail.slice(0, tail.indexOf('-')));
}

/** The cluster an event key belongs to. */
export const eventKeyCluster = (key: string) => key.slice(EVENTS_ROOT.length).split('/')[0]!;

/** The retention marks: of one cluster, or of every cluster. */
export async function eventsDeletedMarks(store: Store, cluster?: string): Promise<EventPosition[]> {
  const kvs: KeyValue[] = cluster !== undefined
    ? [await store.get(eventsDeletedKey(cluster))].filter((kv): kv is KeyValue => kv !== null)
    : (await store.range(DELETED_ROOT)).kvs;
  return kvs.map((kv) => decode<EventPosition>(kv));
}
