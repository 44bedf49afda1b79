// The embedded log store (`--log-store file:PATH`): one process owns the directory (0700, a LOCK file
// naming it); groups and streams in a journal (meta-journal.ts), events in segments with a time index
// (segments.ts), and in memory only what indexes them: per stream its batches' time ranges. For one
// replica: the server refuses to share it (server/src/logs/).
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { matchesFilter, requiredSubstrings, type InputLogEvent } from '@berth/core';
import {
  acceptBatch, checkRetention, groupExists, groupNotFound, retentionFloor, streamExists, streamNotFound,
  type DescribeLogGroupsQuery, type DescribeLogStreamsQuery, type FilterLogEventsQuery, type GetLogEventsQuery, type GetLogEventsResult,
  type LogGroupInfo, type LogStore, type LogStoreOptions, type LogStreamInfo, type Page, type PutLogEventsResult, type StoredLogEvent,
} from '../log-store.js';
import { comparePos, eventId, filterFrom, filterPage, getLogEventsPage, groupsPage, inPlan, planGetLogEvents, streamsPage, type Pos, type Positioned, type ReadPlan } from '../pages.js';
import { MetaJournal, type MetaRecord } from './meta-journal.js';
import { Segments, type BatchEntry } from './segments.js';
import { sequenceToken } from '@berth/core';

export interface FileLogStoreOptions extends LogStoreOptions {
  /** A segment is sealed past this size (default 64 MiB). */
  maxSegmentBytes?: number;
}

interface Group {
  id: string;
  name: string;
  created: number;
  retention?: number;
  streams: Map<string, Stream>;
}

interface Stream {
  id: string;
  name: string;
  group: Group;
  created: number;
  batches: number;
  lastHash?: string;
  /** Its stored batches, in batch order. */
  entries: BatchEntry[];
}

const newId = () => randomBytes(8).toString('hex');

export class FileLogStore implements LogStore {
  readonly kind = 'file';
  private readonly groups = new Map<string, Group>();
  private readonly streamsById = new Map<string, Stream>();
  private readonly journal: MetaJournal;
  private readonly segments: Segments;
  private readonly now: () => number;
  private readonly lockPath: string;

  private constructor(dir: string, opts: FileLogStoreOptions) {
    this.now = opts.now ?? Date.now;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    this.lockPath = join(dir, 'LOCK');
    takeLock(this.lockPath, dir);
    const groupsById = new Map<string, Group>();
    this.journal = new MetaJournal(join(dir, 'meta.jsonl'), (r) => this.replay(r, groupsById));
    this.segments = new Segments(join(dir, 'segments'), opts.maxSegmentBytes ?? 64 * 1024 * 1024, (e) => {
      const s = this.streamsById.get(e.s);
      if (!s) return; // a deleted stream's batch: gone with its segment
      s.entries.push(e);
      if (e.n > s.batches) { s.batches = e.n; s.lastHash = e.h; }
    });
    this.journal.compact(this.liveRecords());
  }

  static async open(dir: string, opts: FileLogStoreOptions = {}): Promise<FileLogStore> {
    return new FileLogStore(dir, opts);
  }

  private replay(r: MetaRecord, groupsById: Map<string, Group>): void {
    switch (r.op) {
      case 'group': {
        const g: Group = { id: r.id, name: r.name, created: r.created, ...(r.retention ? { retention: r.retention } : {}), streams: new Map() };
        this.groups.set(r.name, g);
        groupsById.set(r.id, g);
        break;
      }
      case 'retention': {
        const g = groupsById.get(r.id);
        if (g) { if (r.retention) g.retention = r.retention; else delete g.retention; }
        break;
      }
      case 'delete-group': {
        const g = groupsById.get(r.id);
        if (g) { this.groups.delete(g.name); for (const s of g.streams.values()) this.streamsById.delete(s.id); }
        break;
      }
      case 'stream': {
        const g = groupsById.get(r.group);
        if (!g) break;
        const s: Stream = { id: r.id, name: r.name, group: g, created: r.created, batches: 0, entries: [] };
        g.streams.set(r.name, s);
        this.streamsById.set(r.id, s);
        break;
      }
      case 'delete-stream': {
        const s = this.streamsById.get(r.id);
        if (s) { s.group.streams.delete(s.name); this.streamsById.delete(s.id); }
        break;
      }
      case 'sequence': {
        const s = this.streamsById.get(r.id);
        if (s && r.batches > s.batches) { s.batches = r.batches; if (r.hash) s.lastHash = r.hash; }
        break;
      }
    }
  }

  /** The journal's records for what exists now (its compacted form). */
  private liveRecords(): MetaRecord[] {
    const out: MetaRecord[] = [];
    for (const g of this.groups.values()) {
      out.push({ op: 'group', id: g.id, name: g.name, created: g.created, ...(g.retention ? { retention: g.retention } : {}) });
      for (const s of g.streams.values()) {
        out.push({ op: 'stream', id: s.id, group: g.id, name: s.name, created: s.created });
        if (s.batches > 0) out.push({ op: 'sequence', id: s.id, batches: s.batches, ...(s.lastHash ? { hash: s.lastHash } : {}) });
      }
    }
    return out;
  }

  private group(name: string): Group {
    const g = this.groups.get(name);
    if (!g) throw groupNotFound();
    return g;
  }

  private stream(group: string, name: string): Stream {
    const s = this.group(group).streams.get(name);
    if (!s) throw streamNotFound();
    return s;
  }

  async createLogGroup(name: string, opts: { retentionInDays?: number } = {}): Promise<void> {
    if (this.groups.has(name)) throw groupExists();
    if (opts.retentionInDays !== undefined) checkRetention(opts.retentionInDays);
    const g: Group = { id: newId(), name, created: this.now(), ...(opts.retentionInDays ? { retention: opts.retentionInDays } : {}), streams: new Map() };
    this.journal.append({ op: 'group', id: g.id, name, created: g.created, ...(g.retention ? { retention: g.retention } : {}) });
    this.groups.set(name, g);
  }

  async deleteLogGroup(name: string): Promise<void> {
    const g = this.group(name);
    this.journal.append({ op: 'delete-group', id: g.id });
    this.groups.delete(name);
    for (const s of g.streams.values()) this.streamsById.delete(s.id);
  }

  async describeLogGroups(q: DescribeLogGroupsQuery): Promise<Page<LogGroupInfo>> {
    return groupsPage([...this.groups.values()].map((g) => ({
      logGroupName: g.name, creationTime: g.created, ...(g.retention ? { retentionInDays: g.retention } : {}),
      storedBytes: [...g.streams.values()].reduce((n, s) => n + storedBytes(s), 0),
    })), q);
  }

  async putRetentionPolicy(name: string, days: number | undefined): Promise<void> {
    if (days !== undefined) checkRetention(days);
    const g = this.group(name);
    this.journal.append({ op: 'retention', id: g.id, ...(days ? { retention: days } : {}) });
    if (days) g.retention = days; else delete g.retention;
  }

  async createLogStream(group: string, name: string): Promise<void> {
    const g = this.group(group);
    if (g.streams.has(name)) throw streamExists();
    const s: Stream = { id: newId(), name, group: g, created: this.now(), batches: 0, entries: [] };
    this.journal.append({ op: 'stream', id: s.id, group: g.id, name, created: s.created });
    g.streams.set(name, s);
    this.streamsById.set(s.id, s);
  }

  async deleteLogStream(group: string, name: string): Promise<void> {
    const s = this.stream(group, name);
    this.journal.append({ op: 'delete-stream', id: s.id });
    s.group.streams.delete(name);
    this.streamsById.delete(s.id);
  }

  async describeLogStreams(group: string, q: DescribeLogStreamsQuery): Promise<Page<LogStreamInfo>> {
    const floor = () => retentionFloor(this.group(group).retention, this.now());
    return streamsPage([...this.group(group).streams.values()].map((s) => streamInfo(s, floor())), q);
  }

  async putLogEvents(group: string, name: string, events: InputLogEvent[], token?: string): Promise<PutLogEventsResult> {
    const s = this.stream(group, name);
    // Decided and appended without an await between: no other call on this stream comes in between.
    const b = acceptBatch(events, token, { batches: s.batches, ...(s.lastHash ? { lastHash: s.lastHash } : {}) }, s.group.retention, this.now());
    const entry = this.segments.append(s.id, b.batch, b.hash, b.ingestionTime, b.events.map((e) => [e.timestamp, e.message]));
    s.entries.push(entry);
    s.batches = b.batch;
    s.lastHash = b.hash;
    await this.segments.sync();
    return b.result;
  }

  /** The events of these batches that `keep` accepts, with their positions. */
  private eventsOf(s: Stream, entries: BatchEntry[], keep: (p: Pos, message: string) => boolean): Positioned[] {
    const out: Positioned[] = [];
    for (const e of entries) {
      this.segments.read(e).forEach(([ts, message], k) => {
        const pos: Pos = [ts, s.name, e.n, k];
        if (keep(pos, message)) out.push({ pos, event: { logStreamName: s.name, timestamp: ts, ingestionTime: e.i, message, eventId: eventId(s.id, e.n, k) } });
      });
    }
    return out;
  }

  async getLogEvents(group: string, name: string, q: GetLogEventsQuery): Promise<GetLogEventsResult> {
    const s = this.stream(group, name);
    const plan = planGetLogEvents(q);
    const floor = retentionFloor(s.group.retention, this.now());
    const window: ReadPlan = { ...plan, startTime: Math.max(plan.startTime, floor) };
    const read = readInTimeOrder([{ stream: s, entries: s.entries }], window, plan.limit, (st, entries) => this.eventsOf(st, entries, (p) => inPlan(window, p)));
    return getLogEventsPage(window, read, q);
  }

  async filterLogEvents(group: string, q: FilterLogEventsQuery): Promise<Page<StoredLogEvent>> {
    const g = this.group(group);
    const streams = [...g.streams.values()].filter((s) => (q.logStreamNames ? q.logStreamNames.includes(s.name) : s.name.startsWith(q.logStreamNamePrefix ?? '')));
    const from = filterFrom(q.nextToken);
    const window: ReadPlan = {
      startTime: Math.max(q.startTime ?? -8.64e15, retentionFloor(g.retention, this.now())), endTime: q.endTime ?? 8.64e15,
      direction: 'forward', ...(from ? { from } : {}), limit: Math.min(q.limit ?? 10_000, 10_000),
    };
    const coarse = requiredSubstrings(q.pattern);
    const read = readInTimeOrder(streams.map((s) => ({ stream: s, entries: s.entries })), window, window.limit + 1, (st, entries) =>
      this.eventsOf(st, entries, (p, message) => inPlan(window, p) && coarse.every((c) => message.includes(c)) && matchesFilter(q.pattern, message)));
    return filterPage(read, q.limit, read.length > window.limit);
  }

  async enforceRetention(): Promise<void> {
    const now = this.now();
    for (const seg of this.segments.sealed()) {
      // A segment goes when every batch in it is expired (or its stream is gone).
      const expired = seg.entries.every((e) => {
        const s = this.streamsById.get(e.s);
        return !s || (s.group.retention !== undefined && e.max < retentionFloor(s.group.retention, now));
      });
      if (!expired) continue;
      for (const e of seg.entries) {
        const s = this.streamsById.get(e.s);
        if (!s) continue;
        // The stream's sequence outlives its events: the next batch still needs the right token.
        if (s.entries[s.entries.length - 1] === e) this.journal.append({ op: 'sequence', id: s.id, batches: s.batches, ...(s.lastHash ? { hash: s.lastHash } : {}) });
        s.entries = s.entries.filter((x) => x !== e);
      }
      this.segments.remove(seg.no);
    }
    this.journal.compact(this.liveRecords());
  }

  async close(): Promise<void> {
    await this.segments.sync();
    this.segments.close();
    this.journal.close();
    unlinkSync(this.lockPath);
  }
}

function storedBytes(s: Stream): number {
  return s.entries.reduce((n, e) => n + e.bytes, 0);
}

function streamInfo(s: Stream, floor: number): LogStreamInfo {
  const live = s.entries.filter((e) => e.count > 0 && e.max >= floor);
  const first = live.length ? Math.min(...live.map((e) => e.min)) : undefined;
  const last = live.length ? Math.max(...live.map((e) => e.max)) : undefined;
  const ingest = s.entries.length ? s.entries[s.entries.length - 1]!.i : undefined;
  return {
    logStreamName: s.name, creationTime: s.created,
    ...(first !== undefined ? { firstEventTimestamp: first, lastEventTimestamp: last! } : {}),
    ...(ingest !== undefined ? { lastIngestionTime: ingest } : {}),
    ...(s.batches > 0 ? { uploadSequenceToken: sequenceToken(s.batches + 1) } : {}),
    storedBytes: storedBytes(s),
  };
}

/**
 * Reads batches in the plan's direction by their time ranges (the time index), stopping once `limit`
 * events are held and no unread batch can hold an earlier one (forward) or a later one (backward): a
 * page reads about what it returns, not the whole stream.
 */
function readInTimeOrder(sources: { stream: Stream; entries: BatchEntry[] }[], plan: ReadPlan, limit: number,
  read: (s: Stream, entries: BatchEntry[]) => Positioned[]): Positioned[] {
  const fwd = plan.direction === 'forward';
  const lo = Math.max(plan.startTime, fwd && plan.from ? plan.from[0] : -Infinity);
  const hi = Math.min(plan.endTime - 1, !fwd && plan.from ? plan.from[0] : Infinity);
  const candidates = sources.flatMap(({ stream, entries }) => entries.filter((e) => e.count > 0 && e.max >= lo && e.min <= hi).map((e) => ({ stream, e })));
  candidates.sort((a, b) => (fwd ? a.e.min - b.e.min : b.e.max - a.e.max));
  let held: Positioned[] = [];
  for (const { stream, e } of candidates) {
    if (held.length >= limit) {
      const bound = held[fwd ? limit - 1 : held.length - limit]!.pos[0];
      if (fwd ? e.min > bound : e.max < bound) break;
    }
    held.push(...read(stream, [e]));
    held.sort((a, b) => comparePos(a.pos, b.pos));
    if (held.length > 4 * limit) held = fwd ? held.slice(0, 2 * limit) : held.slice(held.length - 2 * limit);
  }
  return held;
}

/** One process per directory: a LOCK file with its pid; a dead owner's lock is taken over. */
function takeLock(path: string, dir: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8'));
      if (pid === process.pid || alive(pid)) throw new Error(`the log store ${dir} is in use by process ${pid}: an embedded log store serves one server (use --log-store clickhouse://HOST:8123/DB for several replicas)`);
      unlinkSync(path);
    }
  }
}

function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
