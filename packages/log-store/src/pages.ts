// Reading pages of events, the same for both backends: the order of events (time, then stream, batch and
// place in the batch: the order they were accepted in), the tokens (the last position read, encoded: never
// an offset), and what a page holds (at most `limit` events and 1 MiB, as CloudWatch answers).
import { BerthError } from '@berth/core';
import type { DescribeLogGroupsQuery, DescribeLogStreamsQuery, GetLogEventsQuery, GetLogEventsResult, LogGroupInfo, LogStreamInfo, Page, StoredLogEvent } from './log-store.js';

/** An event's place: [timestamp, stream name, batch number, index in the batch]. */
export type Pos = [number, string, number, number];

export interface Positioned {
  pos: Pos;
  event: StoredLogEvent;
}

export function comparePos(a: Pos, b: Pos): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || a[2] - b[2] || a[3] - b[3];
}

export const DEFAULT_EVENT_LIMIT = 10_000;
const MAX_PAGE_BYTES = 1_048_576;

function encode(pos: Pos): string {
  return Buffer.from(JSON.stringify(pos)).toString('base64url');
}

function decode(token: string, field = 'nextToken'): Pos {
  try {
    const p = JSON.parse(Buffer.from(token, 'base64url').toString()) as unknown;
    if (Array.isArray(p) && p.length === 4 && typeof p[0] === 'number' && typeof p[1] === 'string' && typeof p[2] === 'number' && typeof p[3] === 'number') return p as Pos;
  } catch { /* answered below */ }
  throw new BerthError('InvalidParameterException', 'The specified nextToken is invalid.', field);
}

/** What a backend reads for a GetLogEvents: a time window, one direction from a position, up to `limit` events. */
export interface ReadPlan {
  startTime: number;
  endTime: number;
  direction: 'forward' | 'backward';
  /** Forward: only events after this position. Backward: only events before it. */
  from?: Pos;
  limit: number;
}

export function planGetLogEvents(q: GetLogEventsQuery): ReadPlan {
  const base = { startTime: q.startTime ?? -8.64e15, endTime: q.endTime ?? 8.64e15, limit: Math.min(q.limit ?? DEFAULT_EVENT_LIMIT, DEFAULT_EVENT_LIMIT) };
  if (q.nextToken) {
    const m = /^([fb])\/(.+)$/.exec(q.nextToken);
    if (!m) throw new BerthError('InvalidParameterException', 'The specified nextToken is invalid.', 'nextToken');
    return { ...base, direction: m[1] === 'f' ? 'forward' : 'backward', from: decode(m[2]!) };
  }
  return { ...base, direction: q.startFromHead ? 'forward' : 'backward' };
}

/** Whether an event is in the plan's window and on the right side of its position. */
export function inPlan(plan: ReadPlan, pos: Pos): boolean {
  if (pos[0] < plan.startTime || pos[0] >= plan.endTime) return false;
  if (!plan.from) return true;
  const c = comparePos(pos, plan.from);
  return plan.direction === 'forward' ? c > 0 : c < 0;
}

/** Keeps the page: the first `limit` events forward, the last `limit` backward, within 1 MiB; ascending. */
function pageOf(sorted: Positioned[], limit: number, direction: 'forward' | 'backward'): Positioned[] {
  const out: Positioned[] = [];
  let bytes = 0;
  const n = sorted.length;
  for (let k = 0; k < n && out.length < limit; k++) {
    const p = sorted[direction === 'forward' ? k : n - 1 - k]!;
    bytes += Buffer.byteLength(p.event.message) + 26;
    if (bytes > MAX_PAGE_BYTES && out.length > 0) break;
    out.push(p);
  }
  return direction === 'forward' ? out : out.reverse();
}

/**
 * The GetLogEvents answer from the events a backend read (in any order, duplicates of one position
 * removed here). At the end of the stream each token is the one passed in, as CloudWatch's: a client
 * paginates until the token repeats.
 */
export function getLogEventsPage(plan: ReadPlan, read: Positioned[], q: GetLogEventsQuery): GetLogEventsResult {
  const page = pageOf(sortUnique(read.filter((p) => inPlan(plan, p.pos))), plan.limit, plan.direction);
  if (page.length === 0) {
    const at: Pos = plan.from ?? [plan.direction === 'forward' ? plan.startTime - 1 : plan.endTime, '', 0, 0];
    const same = (d: 'f' | 'b') => (q.nextToken?.startsWith(`${d}/`) ? q.nextToken : `${d}/${encode(at)}`);
    return { events: [], nextForwardToken: same('f'), nextBackwardToken: same('b') };
  }
  return { events: page.map((p) => p.event), nextForwardToken: `f/${encode(page[page.length - 1]!.pos)}`, nextBackwardToken: `b/${encode(page[0]!.pos)}` };
}

/** Sorted by position, each position once (a backend that may hold a retried write twice relies on this). */
export function sortUnique(events: Positioned[]): Positioned[] {
  const sorted = [...events].sort((a, b) => comparePos(a.pos, b.pos));
  return sorted.filter((p, i) => i === 0 || comparePos(sorted[i - 1]!.pos, p.pos) !== 0);
}

/** FilterLogEvents reads forward from its token's position. */
export function filterFrom(nextToken: string | undefined): Pos | undefined {
  return nextToken === undefined ? undefined : decode(nextToken);
}

/** The FilterLogEvents page from matching events after the token, with a nextToken when more may follow. */
export function filterPage(matching: Positioned[], limit: number | undefined, more: boolean): { items: StoredLogEvent[]; nextToken?: string } {
  const max = Math.min(limit ?? DEFAULT_EVENT_LIMIT, DEFAULT_EVENT_LIMIT);
  const sorted = sortUnique(matching);
  const page = pageOf(sorted, max, 'forward');
  const last = page[page.length - 1];
  return { items: page.map((p) => p.event), ...((more || page.length < sorted.length) && last ? { nextToken: encode(last.pos) } : {}) };
}

/**
 * A listing's page (groups, streams): items ordered by a string key, the token the last key returned
 * (never an offset), at most 50 per page as CloudWatch's describe calls.
 */
export function keyedPage<T>(items: T[], key: (t: T) => string, q: { nextToken?: string; limit?: number; descending?: boolean }): { items: T[]; nextToken?: string } {
  const max = Math.min(q.limit ?? 50, 50);
  const sign = q.descending ? -1 : 1;
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0));
  const after = q.nextToken === undefined ? undefined : Buffer.from(q.nextToken, 'base64url').toString();
  const rest = after === undefined ? sorted : sorted.filter((t) => (q.descending ? key(t) < after : key(t) > after));
  const page = rest.slice(0, max);
  return { items: page, ...(rest.length > max ? { nextToken: Buffer.from(key(page[page.length - 1]!)).toString('base64url') } : {}) };
}

/** DescribeLogStreams over a group's streams: by name (with a prefix), or by last event time. */
export function streamsPage(streams: LogStreamInfo[], q: DescribeLogStreamsQuery): Page<LogStreamInfo> {
  if (q.orderBy === 'LastEventTime' && q.logStreamNamePrefix !== undefined) {
    throw new BerthError('InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.', 'logStreamNamePrefix');
  }
  const prefix = q.logStreamNamePrefix ?? '';
  const key = q.orderBy === 'LastEventTime'
    ? (s: LogStreamInfo) => `${String(s.lastEventTimestamp ?? 0).padStart(16, '0')}\u0000${s.logStreamName}`
    : (s: LogStreamInfo) => s.logStreamName;
  return keyedPage(streams.filter((s) => s.logStreamName.startsWith(prefix)), key, q);
}

/** DescribeLogGroups: by name, with a prefix or a substring pattern (not both, as CloudWatch). */
export function groupsPage(groups: LogGroupInfo[], q: DescribeLogGroupsQuery): Page<LogGroupInfo> {
  if (q.logGroupNamePrefix !== undefined && q.logGroupNamePattern !== undefined) {
    throw new BerthError('InvalidParameterException', 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.', 'logGroupNamePattern');
  }
  const keep = (g: LogGroupInfo) => g.logGroupName.startsWith(q.logGroupNamePrefix ?? '') && g.logGroupName.includes(q.logGroupNamePattern ?? '');
  return keyedPage(groups.filter(keep), (g) => g.logGroupName, q);
}

/** The event id: unique in the group, the same on every read. */
export function eventId(streamId: string, batch: number, index: number): string {
  return `${streamId}${String(batch).padStart(12, '0')}${String(index).padStart(5, '0')}`;
}
