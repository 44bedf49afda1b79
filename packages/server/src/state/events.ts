// ECS events (EventBridge envelopes), one key each, written in the transaction of the change they tell:
// `events/CLUSTER/MS-SEQTAG`, by cluster, then the control plane's time in ms (so retention reads the
// oldest first), then a sequence and a per-process tag. Streams order them by the store revision that
// created them (events/stream.ts). Per cluster, `events-deleted/CLUSTER` holds the newest stream position
// retention deleted (a cursor older than it missed events, and is refused).
//
// An event's value is its JSON text, except two stored forms:
// - an instance event whose attributes are kept in a set (state/instance-attribute-sets.ts): `#OFFSET REF`
//   and a newline, then the text without the attributes' value, which goes back at OFFSET (UTF-16 units of
//   the text);
// - a task event with the strings it repeats named once (compactEventPutOp, kit.ts's compactText): `%`
//   and a JSON array of up to three strings, a newline, then the text with each occurrence of the first
//   string replaced by U+0001, of the second by U+0002, of the third by U+0003. JSON.stringify never
//   writes those characters raw, so they stand for nothing else and the text comes back exact. A task
//   event names its task's id five times, the cluster's name nine, the account's ARN prefix seven: a
//   third of its bytes.
// JSON text starts with `{`, so the forms never mix, and the events written before either existed are read
// as they are (no migration). Every reader of an event's text goes through eventText.
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

/** A position in the stream: the creating revision and the key. */
export interface EventPosition {
  r: number;
  k: string;
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

/** An event's JSON text, exactly as it was built, with its attributes put back from their set. */
export function eventText(store: Store, kv: KeyValue): string | Promise<string> {
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
