// BerthEvents.WatchEvents: the kept events after a cursor, then (with follow) every new one as it commits.
//
// Order is commit order: by the store revision that created the event key, then by key (one transaction
// may write several events). A cursor is that position, so it is store data, not memory: it resumes on
// any replica and after a restart. The backlog is a scan of the events prefix (bounded by the retention
// window) filtered by position, as of the revision R of its first page; the watch then starts at R+1, so
// nothing is missed or sent twice. A watch that falls behind the store's history (CompactedError) scans
// again from the last position sent. A cursor behind what retention deleted is refused: silently
// skipping events would break "exactly what it missed".
import * as grpc from '@grpc/grpc-js';
import { BerthError, EVENT_DETAIL_TYPES, clusterName, describeValue, invalid } from '@berth/core';
import { loadBerthProtos, toGrpcError, type WatchEventsRequest } from '@berth/api';
import { CompactedError, type KeyValue, type Watch } from '@berth/store';
import type { ServerContext } from '../context.js';
import { EVENTS_ROOT, eventsDeletedMarks, eventsPrefix, type EventPosition } from '../state/events.js';

export const after = (a: EventPosition, b: EventPosition | undefined) => b === undefined || a.r > b.r || (a.r === b.r && a.k > b.k);

export function encodeCursor(p: EventPosition): string {
  return Buffer.from(JSON.stringify(p), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): EventPosition | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as EventPosition;
    if (Number.isSafeInteger(p.r) && p.r >= 0 && typeof p.k === 'string' && p.k.startsWith(EVENTS_ROOT)) return { r: p.r, k: p.k };
  } catch {
    /* fall through */
  }
  throw invalid('cursor', 'The cursor is not one this server gave out.');
}

type Call = grpc.ServerWritableStream<WatchEventsRequest, unknown>;

/** The BerthEvents service: its handler, and the open streams, which a server shutdown ends. */
export class EventStreams {
  private readonly open = new Set<EventStreamSession>();
  constructor(private readonly ctx: ServerContext) {}

  definition(): grpc.ServiceDefinition {
    return loadBerthProtos().berth.v1.BerthEvents.service;
  }

  handlers(): grpc.UntypedServiceImplementation {
    return {
      WatchEvents: (call: Call) => {
        let s: EventStreamSession;
        try {
          s = new EventStreamSession(this.ctx, call);
        } catch (e) {
          call.emit('error', toGrpcError(e));
          return;
        }
        this.open.add(s);
        void s.run().finally(() => this.open.delete(s));
      },
    };
  }

  /** Ends every stream with UNAVAILABLE: the client resumes with its cursor on another replica. */
  shutdown(): void {
    for (const s of this.open) s.close('server shutting down; resume with the last cursor');
    this.open.clear();
  }
}

class EventStreamSession {
  private pos: EventPosition | undefined;
  private watch?: Watch;
  private done = false;
  private resolveFinished!: () => void;
  private readonly finished = new Promise<void>((r) => (this.resolveFinished = r));
  private queue: Promise<void> = Promise.resolve();
  private readonly prefix: string;
  private readonly cluster?: string;
  private readonly types?: Set<string>;
  private readonly follow: boolean;

  constructor(private readonly ctx: ServerContext, private readonly call: Call) {
    const req = call.request ?? {};
    this.cluster = req.cluster !== undefined && req.cluster !== '' ? clusterName(req.cluster) : undefined;
    this.prefix = this.cluster !== undefined ? eventsPrefix(this.cluster) : EVENTS_ROOT;
    this.pos = decodeCursor(req.cursor);
    const types = req.detailTypes ?? [];
    types.forEach((t, i) => {
      if (!(EVENT_DETAIL_TYPES as readonly string[]).includes(t)) {
        throw invalid(`detailTypes[${i}]`, `${describeValue(t)} is not an event Berth emits (${EVENT_DETAIL_TYPES.join(', ')}).`);
      }
    });
    if (types.length > 0) this.types = new Set(types);
    this.follow = req.follow === true;
    call.on('cancelled', () => void this.stop());
    call.on('close', () => void this.stop());
  }

  /** Resolves when the stream is over. */
  async run(): Promise<void> {
    try {
      const rev = await this.backlog();
      if (!this.follow) return this.end();
      await this.write({ caughtUp: true });
      await this.watchFrom(rev + 1);
      await this.finished;
    } catch (e) {
      this.fail(e);
    }
  }

  close(details: string): void {
    this.fail(new BerthError('ServerException', details), grpc.status.UNAVAILABLE);
  }

  /** Sends every kept event after the position, as of one revision; returns that revision. */
  private async backlog(): Promise<number> {
    const from = this.pos;
    const kvs: KeyValue[] = [];
    let rev: number | undefined;
    let next: string | undefined;
    for (;;) {
      const page = await this.ctx.store.range(this.prefix, { limit: 500, ...(next ? { after: next } : {}) });
      rev ??= page.revision;
      for (const kv of page.kvs) if (kv.createRevision <= rev && after({ r: kv.createRevision, k: kv.key }, from)) kvs.push(kv);
      if (!page.more || page.kvs.length === 0) break;
      next = page.kvs[page.kvs.length - 1]!.key;
    }
    // After the scan, so a deletion that raced it is seen: retention writes the mark with its deletes.
    if (from !== undefined) await this.checkNotExpired(from);
    kvs.sort((a, b) => a.createRevision - b.createRevision || (a.key < b.key ? -1 : 1));
    for (const kv of kvs) {
      if (this.done) break;
      await this.send(kv);
    }
    return rev;
  }

  private async checkNotExpired(from: EventPosition): Promise<void> {
    for (const deleted of await eventsDeletedMarks(this.ctx.store, this.cluster)) {
      if (after(deleted, from)) {
        throw new BerthError('InvalidParameterException',
          'The events after this cursor were deleted by retention (it is older than the event retention window); watch again without a cursor to start from the oldest event kept.', 'cursor');
      }
    }
  }

  private async watchFrom(revision: number): Promise<void> {
    if (this.done) return;
    this.watch = await this.ctx.store.watch(this.prefix, {
      onEvents: (events) => {
        const puts = events.flatMap((e) => (e.type === 'put' && e.kv.version === 1 ? [e.kv] : [])).sort((a, b) => (a.key < b.key ? -1 : 1));
        if (puts.length > 0) this.enqueue(async () => { for (const kv of puts) await this.send(kv); });
      },
      onError: (err) => this.enqueue(async () => {
        if (!(err instanceof CompactedError)) throw new BerthError('ServerException', `event watch failed: ${err.message}`);
        // Behind the store's history: scan again from the last position sent, then watch again.
        await this.watch?.cancel().catch(() => {});
        await this.watchFrom((await this.backlog()) + 1);
      }),
    }, { fromRevision: revision });
    if (this.done) await this.watch.cancel().catch(() => {});
  }

  private enqueue(fn: () => Promise<void>): void {
    this.queue = this.queue.then(fn).catch((e) => this.fail(e));
  }

  private async send(kv: KeyValue): Promise<void> {
    const p = { r: kv.createRevision, k: kv.key };
    if (!after(p, this.pos)) return;
    this.pos = p;
    const text = kv.value.toString('utf8');
    if (this.types && !this.types.has((JSON.parse(text) as Record<string, string>)['detail-type']!)) return;
    await this.write({ cursor: encodeCursor(p), event: text });
  }

  /** Writes one message, waiting for the client to drain a full buffer (a slow reader slows its stream only). */
  private write(m: Record<string, unknown>): Promise<void> {
    if (this.done) return Promise.resolve();
    if (this.call.write(m)) return Promise.resolve();
    return new Promise((r) => {
      const go = () => { this.call.off('drain', go); this.call.off('close', go); r(); };
      this.call.on('drain', go);
      this.call.on('close', go);
    });
  }

  private async stop(): Promise<void> {
    this.done = true;
    this.resolveFinished();
    await this.watch?.cancel().catch(() => {});
  }

  private end(): void {
    if (this.done) return;
    void this.stop();
    this.call.end();
  }

  private fail(e: unknown, code?: grpc.status): void {
    if (this.done) return;
    if (!(e instanceof BerthError)) this.ctx.log.warn('event stream failed', { error: String((e as Error)?.message ?? e) });
    void this.stop();
    const status = toGrpcError(e);
    this.call.emit('error', code !== undefined ? { ...status, code } : status);
  }
}
