// ECS events (EventBridge envelopes), one key each, written in the transaction of the change they tell:
// `events/CLUSTER/MS-SEQTAG`, by cluster, then the control plane's time in ms (so retention reads the
// oldest first), then a sequence and a per-process tag. Streams order them by the store revision that
// created them (events/stream.ts). Per cluster, `events-deleted/CLUSTER` holds the newest stream position
// retention deleted (a cursor older than it missed events, and is refused).
import { randomBytes } from 'node:crypto';
import type { KeyValue, Op, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

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
