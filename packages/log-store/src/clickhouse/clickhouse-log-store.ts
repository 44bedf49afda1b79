// The ClickHouse log store (`--log-store clickhouse://HOST:8123/DB`): for several replicas and big fleets.
// Written for ClickHouse 18.16 (Debian's), which has no DateTime64, TTL, JSONExtract or insert
// deduplication outside replicated tables, so:
//  - times are Int64 milliseconds;
//  - events are partitioned by (retention at write, UTC day), and retention drops whole partitions
//    (reads hide expired events before that);
//  - groups and streams are ReplacingMergeTree rows read with FINAL (a delete is a newer row);
//  - a batch is one INSERT (one block: all or nothing); a write retried after a lost answer may land twice,
//    so every event carries (stream, batch, index) and reads drop repeats (pages.ts's sortUnique);
//  - filter patterns narrow rows in SQL by the substrings they require, then core's matchesFilter decides.
// Sequence tokens are decided per stream under an in-process lock; two replicas writing one stream at the
// same moment could both accept a batch number (Docker's driver writes a stream from one place).
import { randomBytes } from 'node:crypto';
import { matchesFilter, requiredSubstrings, sequenceToken, type InputLogEvent } from '@berth/core';
import {
  acceptBatch, checkRetention, groupExists, groupNotFound, retentionFloor, streamExists, streamNotFound,
  type DescribeLogGroupsQuery, type DescribeLogStreamsQuery, type FilterLogEventsQuery, type GetLogEventsQuery, type GetLogEventsResult,
  type LogGroupInfo, type LogStore, type LogStoreOptions, type LogStreamInfo, type Page, type PutLogEventsResult, type StoredLogEvent,
} from '../log-store.js';
import { eventId, filterFrom, filterPage, getLogEventsPage, groupsPage, planGetLogEvents, streamsPage, type Pos, type Positioned } from '../pages.js';
import { ClickHouseHttp, int, lit, tsv } from './http.js';

const DAY_MS = 86_400_000;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS log_groups (name String, id String, created Int64, retention UInt16, deleted UInt8, version UInt64)
     ENGINE = ReplacingMergeTree(version) ORDER BY name`,
  `CREATE TABLE IF NOT EXISTS log_streams (group_id String, name String, id String, created Int64, deleted UInt8, version UInt64)
     ENGINE = ReplacingMergeTree(version) ORDER BY (group_id, name)`,
  `CREATE TABLE IF NOT EXISTS log_batches (stream_id String, batch UInt64, hash String, ingest Int64, min_ts Int64, max_ts Int64, count UInt32, bytes UInt64)
     ENGINE = ReplacingMergeTree ORDER BY (stream_id, batch)`,
  `CREATE TABLE IF NOT EXISTS log_events (group_id String, stream_id String, stream_name String, ts Int64, ingest Int64, batch UInt64, idx UInt32, message String, retention UInt16)
     ENGINE = MergeTree PARTITION BY (retention, intDiv(ts, ${DAY_MS})) ORDER BY (group_id, ts, stream_name, batch, idx)`,
];

const EVENT_COLUMNS = ['group_id', 'stream_id', 'stream_name', 'ts', 'ingest', 'batch', 'idx', 'message', 'retention'] as const;

interface GroupRow { name: string; id: string; created: string; retention: number; deleted: number }
interface StreamRow { group_id: string; name: string; id: string; created: string; deleted: number }
interface EventRow { stream_id: string; stream_name: string; ts: string; ingest: string; batch: string; idx: number; message: string }

const newId = () => randomBytes(8).toString('hex');

export class ClickHouseLogStore implements LogStore {
  readonly kind = 'clickhouse';
  private readonly now: () => number;
  private lastVersion = 0;
  private readonly locks = new Map<string, Promise<unknown>>();

  private constructor(private readonly ch: ClickHouseHttp, opts: LogStoreOptions) {
    this.now = opts.now ?? Date.now;
  }

  static async open(url: string, database: string, opts: LogStoreOptions = {}): Promise<ClickHouseLogStore> {
    const root = new ClickHouseHttp(url);
    try {
      await root.exec(`CREATE DATABASE IF NOT EXISTS ${database}`);
    } finally {
      root.close();
    }
    const ch = new ClickHouseHttp(url, database);
    for (const sql of SCHEMA) await ch.exec(sql);
    return new ClickHouseLogStore(ch, opts);
  }

  /** Row versions: later writes win in ReplacingMergeTree. */
  private version(): number {
    this.lastVersion = Math.max(this.lastVersion + 1, Date.now() * 1000);
    return this.lastVersion;
  }

  private async findGroup(name: string): Promise<GroupRow | undefined> {
    const [g] = await this.ch.rows<GroupRow>(`SELECT name, id, created, retention, deleted FROM log_groups FINAL WHERE name = ${lit(name)}`);
    return g && !g.deleted ? g : undefined;
  }

  private async group(name: string): Promise<GroupRow> {
    const g = await this.findGroup(name);
    if (!g) throw groupNotFound();
    return g;
  }

  private async liveStreams(groupId: string, name?: string): Promise<StreamRow[]> {
    const rows = await this.ch.rows<StreamRow>(`SELECT group_id, name, id, created, deleted FROM log_streams FINAL WHERE group_id = ${lit(groupId)}${name !== undefined ? ` AND name = ${lit(name)}` : ''}`);
    return rows.filter((r) => !r.deleted);
  }

  private async stream(group: string, name: string): Promise<{ g: GroupRow; s: StreamRow }> {
    const g = await this.group(group);
    const [s] = await this.liveStreams(g.id, name);
    if (!s) throw streamNotFound();
    return { g, s };
  }

  /** One call at a time per key in this process (a stream's token decision and write). */
  private async locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => {});
    this.locks.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }

  async createLogGroup(name: string, opts: { retentionInDays?: number } = {}): Promise<void> {
    if (opts.retentionInDays !== undefined) checkRetention(opts.retentionInDays);
    await this.locked(`group:${name}`, async () => {
      if (await this.findGroup(name)) throw groupExists();
      await this.ch.insert('log_groups', [{ name, id: newId(), created: this.now(), retention: opts.retentionInDays ?? 0, deleted: 0, version: this.version() }]);
    });
  }

  async deleteLogGroup(name: string): Promise<void> {
    await this.locked(`group:${name}`, async () => {
      const g = await this.group(name);
      await this.ch.insert('log_groups', [{ ...g, deleted: 1, version: this.version() }]);
      // Its events are unreachable already (reads go through a live group's id); this frees their space.
      await this.ch.exec(`ALTER TABLE log_events DELETE WHERE group_id = ${lit(g.id)}`);
    });
  }

  async describeLogGroups(q: DescribeLogGroupsQuery): Promise<Page<LogGroupInfo>> {
    const rows = (await this.ch.rows<GroupRow>('SELECT name, id, created, retention, deleted FROM log_groups FINAL')).filter((g) => !g.deleted);
    const page = groupsPage(rows.map((g) => ({ logGroupName: g.name, creationTime: Number(g.created), ...(g.retention ? { retentionInDays: g.retention } : {}), storedBytes: 0 })), q);
    if (page.items.length === 0) return page;
    // Stored bytes from the batches' counts (never a scan of the events): the page's groups' live streams.
    const ids = new Map(rows.filter((g) => page.items.some((i) => i.logGroupName === g.name)).map((g) => [g.id, g.name]));
    const streams = (await this.ch.rows<StreamRow>(`SELECT group_id, name, id, created, deleted FROM log_streams FINAL WHERE group_id IN (${[...ids.keys()].map(lit).join(',')})`)).filter((r) => !r.deleted);
    const bytes = streams.length === 0 ? [] : await this.ch.rows<{ stream_id: string; bytes: string }>(
      `SELECT stream_id, sum(bytes) AS bytes FROM log_batches FINAL WHERE stream_id IN (${streams.map((r) => lit(r.id)).join(',')}) GROUP BY stream_id`);
    for (const b of bytes) {
      const name = ids.get(streams.find((r) => r.id === b.stream_id)!.group_id)!;
      page.items.find((i) => i.logGroupName === name)!.storedBytes += Number(b.bytes);
    }
    return page;
  }

  async putRetentionPolicy(name: string, days: number | undefined): Promise<void> {
    if (days !== undefined) checkRetention(days);
    await this.locked(`group:${name}`, async () => {
      const g = await this.group(name);
      await this.ch.insert('log_groups', [{ ...g, retention: days ?? 0, version: this.version() }]);
    });
  }

  async createLogStream(group: string, name: string): Promise<void> {
    const g = await this.group(group);
    await this.locked(`stream:${g.id}:${name}`, async () => {
      if ((await this.liveStreams(g.id, name)).length > 0) throw streamExists();
      await this.ch.insert('log_streams', [{ group_id: g.id, name, id: newId(), created: this.now(), deleted: 0, version: this.version() }]);
    });
  }

  async deleteLogStream(group: string, name: string): Promise<void> {
    const { s } = await this.stream(group, name);
    await this.ch.insert('log_streams', [{ ...s, deleted: 1, version: this.version() }]);
  }

  async describeLogStreams(group: string, q: DescribeLogStreamsQuery): Promise<Page<LogStreamInfo>> {
    const g = await this.group(group);
    const streams = await this.liveStreams(g.id);
    const stats = streams.length === 0 ? [] : await this.ch.rows<{ stream_id: string; batches: string; first: string; last: string; ingest: string; bytes: string; events: string }>(
      `SELECT stream_id, max(batch) AS batches, minIf(min_ts, count > 0) AS first, maxIf(max_ts, count > 0) AS last, max(ingest) AS ingest, sum(bytes) AS bytes, sum(count) AS events
         FROM log_batches FINAL WHERE stream_id IN (${streams.map((s) => lit(s.id)).join(',')}) GROUP BY stream_id`);
    return streamsPage(streams.map((s) => {
      const st = stats.find((x) => x.stream_id === s.id);
      const batches = Number(st?.batches ?? 0);
      return {
        logStreamName: s.name, creationTime: Number(s.created),
        ...(st && Number(st.events) > 0 ? { firstEventTimestamp: Number(st.first), lastEventTimestamp: Number(st.last) } : {}),
        ...(st ? { lastIngestionTime: Number(st.ingest) } : {}),
        ...(batches > 0 ? { uploadSequenceToken: sequenceToken(batches + 1) } : {}),
        storedBytes: Number(st?.bytes ?? 0),
      };
    }), q);
  }

  /**
   * What a PutLogEvents needs, in one query instead of three: the group (its id and retention), the stream,
   * and the stream's last batch (its number and fingerprint for the token). Read fresh for every batch,
   * never cached: another replica may have written the stream since (docs/logs.md, "Sequence tokens on
   * several replicas").
   */
  private async putTarget(group: string, name: string): Promise<{ g: GroupRow; s: StreamRow; last?: { batch: string; hash: string } }> {
    const groupIds = `SELECT id FROM log_groups FINAL WHERE name = ${lit(group)}`;
    const streamIds = `SELECT id FROM log_streams FINAL WHERE group_id IN (${groupIds}) AND name = ${lit(name)}`;
    const rows = await this.ch.rows<{ k: string; id: string; a: string; b: string; c: string }>(
      `SELECT 'g' AS k, id, toString(retention) AS a, toString(deleted) AS b, '' AS c FROM log_groups FINAL WHERE name = ${lit(group)}
       UNION ALL SELECT 's' AS k, id, group_id AS a, toString(deleted) AS b, toString(created) AS c FROM log_streams FINAL WHERE group_id IN (${groupIds}) AND name = ${lit(name)}
       UNION ALL SELECT 'b' AS k, stream_id AS id, toString(batch) AS a, hash AS b, '' AS c FROM (
         SELECT stream_id, batch, hash FROM log_batches WHERE stream_id IN (${streamIds}) ORDER BY batch DESC LIMIT 1 BY stream_id)`);
    const gr = rows.find((r) => r.k === 'g');
    if (!gr || gr.b !== '0') throw groupNotFound();
    const g: GroupRow = { name: group, id: gr.id, created: '0', retention: Number(gr.a), deleted: 0 };
    const sr = rows.find((r) => r.k === 's' && r.a === g.id && r.b === '0');
    if (!sr) throw streamNotFound();
    const s: StreamRow = { group_id: g.id, name, id: sr.id, created: sr.c, deleted: 0 };
    const br = rows.find((r) => r.k === 'b' && r.id === s.id);
    return { g, s, ...(br ? { last: { batch: br.a, hash: br.b } } : {}) };
  }

  async putLogEvents(group: string, name: string, events: InputLogEvent[], token?: string): Promise<PutLogEventsResult> {
    // One call at a time per stream in this process: its token is decided on the last batch read here.
    return this.locked(`put:${group}\n${name}`, async () => {
      const { g, s, last } = await this.putTarget(group, name);
      const b = acceptBatch(events, token, { batches: Number(last?.batch ?? 0), ...(last ? { lastHash: last.hash } : {}) }, g.retention || undefined, this.now());
      // Events first, then the batch row that advances the token: a crash between leaves the token where
      // it was, the client sends the batch again, and reads drop the repeated (stream, batch, index).
      const head = `${tsv(g.id)}\t${tsv(s.id)}\t${tsv(s.name)}\t`;
      const tail = `\t${int(g.retention)}\n`;
      let rows = '';
      for (let idx = 0; idx < b.events.length; idx++) {
        const e = b.events[idx]!;
        rows += `${head}${int(e.timestamp)}\t${b.ingestionTime}\t${b.batch}\t${idx}\t${tsv(e.message)}${tail}`;
      }
      await this.ch.insertTsv('log_events', EVENT_COLUMNS, rows);
      let min = 0;
      let max = 0;
      if (b.events.length > 0) { min = b.events[0]!.timestamp; max = b.events[b.events.length - 1]!.timestamp; }
      await this.ch.insert('log_batches', [{
        stream_id: s.id, batch: b.batch, hash: b.hash, ingest: b.ingestionTime, min_ts: min, max_ts: max, count: b.events.length,
        bytes: b.bytes,
      }]);
      return b.result;
    });
  }

  private positioned(rows: EventRow[]): Positioned[] {
    return rows.map((r) => {
      const ts = Number(r.ts);
      const batch = Number(r.batch);
      const pos: Pos = [ts, r.stream_name, batch, r.idx];
      return { pos, event: { logStreamName: r.stream_name, timestamp: ts, ingestionTime: Number(r.ingest), message: r.message, eventId: eventId(r.stream_id, batch, r.idx) } };
    });
  }

  async getLogEvents(group: string, name: string, q: GetLogEventsQuery): Promise<GetLogEventsResult> {
    const { g, s } = await this.stream(group, name);
    const plan = planGetLogEvents(q);
    const window = { ...plan, startTime: Math.max(plan.startTime, retentionFloor(g.retention || undefined, this.now())) };
    const fwd = window.direction === 'forward';
    const where = [`group_id = ${lit(g.id)}`, `stream_id = ${lit(s.id)}`, `ts >= ${int(Math.round(window.startTime))}`, `ts < ${int(Math.round(window.endTime))}`];
    if (window.from) where.push(after(window.from, fwd ? '>' : '<', false));
    const dir = fwd ? 'ASC' : 'DESC';
    // Twice the page: room for repeats of a retried write, which sortUnique drops.
    const rows = await this.ch.rows<EventRow>(`SELECT stream_id, stream_name, ts, ingest, batch, idx, message FROM log_events WHERE ${where.join(' AND ')}
      ORDER BY ts ${dir}, batch ${dir}, idx ${dir} LIMIT ${int(2 * window.limit)}`);
    return getLogEventsPage(window, this.positioned(rows), q);
  }

  async filterLogEvents(group: string, q: FilterLogEventsQuery): Promise<Page<StoredLogEvent>> {
    const g = await this.group(group);
    const streams = (await this.liveStreams(g.id)).filter((s) => (q.logStreamNames ? q.logStreamNames.includes(s.name) : s.name.startsWith(q.logStreamNamePrefix ?? '')));
    const limit = Math.min(q.limit ?? 10_000, 10_000);
    if (streams.length === 0) return { items: [] };
    const where = [
      `group_id = ${lit(g.id)}`, `stream_id IN (${streams.map((s) => lit(s.id)).join(',')})`,
      `ts >= ${int(Math.round(Math.max(q.startTime ?? -8.64e15, retentionFloor(g.retention || undefined, this.now()))))}`,
      `ts < ${int(Math.round(q.endTime ?? 8.64e15))}`,
      ...requiredSubstrings(q.pattern).map((sub) => `position(message, ${lit(sub)}) > 0`),
    ];
    const matched: Positioned[] = [];
    let from = filterFrom(q.nextToken);
    const chunk = 2 * (limit + 1);
    for (;;) {
      const rows = await this.ch.rows<EventRow>(`SELECT stream_id, stream_name, ts, ingest, batch, idx, message FROM log_events
        WHERE ${[...where, ...(from ? [after(from, '>', true)] : [])].join(' AND ')} ORDER BY ts, stream_name, batch, idx LIMIT ${int(chunk)}`);
      const got = this.positioned(rows);
      matched.push(...got.filter((p) => matchesFilter(q.pattern, p.event.message)));
      if (rows.length < chunk) return filterPage(matched, limit, false);
      if (matched.length > limit) return filterPage(matched, limit, true);
      from = got[got.length - 1]!.pos;
    }
  }

  async enforceRetention(): Promise<void> {
    const now = this.now();
    const parts = await this.ch.rows<{ partition: string }>(`SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND table = 'log_events' AND active`);
    for (const { partition } of parts) {
      const m = /^\((\d+),\s*(\d+)\)$/.exec(partition);
      if (!m) continue;
      const retention = Number(m[1]);
      const day = Number(m[2]);
      // The whole day is past the retention it was written under.
      if (retention > 0 && (day + 1) * DAY_MS <= now - retention * DAY_MS) await this.ch.exec(`ALTER TABLE log_events DROP PARTITION (${int(retention)}, ${int(day)})`);
    }
  }

  async close(): Promise<void> {
    this.ch.close();
  }
}

/** Rows strictly after (or before) a position, as SQL; `withStream` when the order includes the stream name. */
function after(p: Pos, op: '>' | '<', withStream: boolean): string {
  const [ts, stream, batch, idx] = p;
  const tail = `(batch ${op} ${int(batch)} OR (batch = ${int(batch)} AND idx ${op} ${int(idx)}))`;
  const rest = withStream ? `(stream_name ${op} ${lit(stream)} OR (stream_name = ${lit(stream)} AND ${tail}))` : tail;
  return `(ts ${op} ${int(ts)} OR (ts = ${int(ts)} AND ${rest}))`;
}
