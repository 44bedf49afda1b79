// BerthEvents.WatchEvents: the kept events after a cursor, then (with follow) every new one as it commits.
//
// Order is commit order: by the store revision that created the event key, then by key (one transaction
// may write several keys: one per cluster, each a batch of that transaction's events in the cluster, or
// before batches one per event), then by the event's place in its batch. A cursor is that position
// (state/events.ts EventPosition), so it is store data, not memory: it resumes on any replica and after a
// restart, inside a batch as well as after one, and a cursor given out before batches (a key of one event)
// resumes exactly where it did. The backlog is a scan of the events prefix (bounded by the retention
// window) filtered by position, as of the revision R of its first page; the watch then starts at R+1, so
// nothing is missed or sent twice. A watch that falls behind the store's history (CompactedError) scans
// again from the last position sent. A cursor behind what retention deleted is refused: silently
// skipping events would break "exactly what it missed".
//
// Each client has a buffer cap: the events its stream has been given but could not write yet (the
// client reads slower than events come) are counted (events, not keys: a batch counts its events), and past the cap the stream ends with
// LimitExceededException (RESOURCE_EXHAUSTED) telling the client it fell behind; it resumes from the
// cursor of the last event it received, without loss (api's openEventStream does so by itself, and with
// it `berth events -w`). So a slow or stopped reader costs the server a bounded buffer, never the history.
//
// The stream runs through the hook chain (api/call.ts runStream): authenticated, authorized as the IAM
// action `berth:WatchEvents` on the cluster's ARN (`*` for every cluster) — Berth's own action, as no AWS
// API reads ECS events back (ECS delivers them to EventBridge) — and observed at its opening and its end.
import * as grpc from '@grpc/grpc-js';
import { BerthError, EVENT_DETAIL_TYPES, clusterName, describeValue, invalid } from '@berth/core';
import {
  authenticateGrpc, loadBerthProtos, runStream, toGrpcError, toGrpcStatus,
  type CallApi, type CallHooks, type IncomingStream, type StreamEnd, type WatchEventsRequest,
} from '@berth/api';
import { CompactedError, type KeyValue, type Watch } from '@berth/store';
import type { ServerContext } from '../context.js';
import {
  EVENTS_ROOT, eventPositionAfter, eventText, eventsDeletedMarks, eventsPrefix, storedEventCount, storedEvents, type EventPosition,
} from '../state/events.js';

export const after = eventPositionAfter;

export function encodeCursor(p: EventPosition): string {
  return Buffer.from(JSON.stringify(p), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): EventPosition | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as EventPosition;
    if (Number.isSafeInteger(p.r) && p.r >= 0 && typeof p.k === 'string' && p.k.startsWith(EVENTS_ROOT)) {
      if (p.i === undefined) return { r: p.r, k: p.k };
      if (Number.isSafeInteger(p.i) && p.i >= 0) return { r: p.r, k: p.k, i: p.i };
    }
  } catch {
    /* fall through */
  }
  throw invalid('cursor', 'The cursor is not one this server gave out.');
}

/**
 * What a stream writes to: a gRPC call, or the console's server-sent events (console/event-source.ts),
 * which speak the same few members.
 */
export interface EventCall {
  readonly request: WatchEventsRequest;
  /** False: wait for 'drain' before writing more. */
  write(message: Record<string, unknown>): boolean;
  end(): unknown;
  /** Ends the stream with a gRPC status (toGrpcStatus's). */
  emit(event: 'error', status: Partial<grpc.StatusObject>): unknown;
  on(event: 'drain' | 'close' | 'cancelled', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}
type Call = EventCall;

/** Who opens a stream, and over what (a gRPC call's own, or the console's signed-in session). */
export type EventStreamOpener = Pick<IncomingStream, 'transport' | 'peer' | 'authenticate'>;

/** The BerthEvents service as the hook chain names it: IAM actions `berth:WatchEvents`. */
export const BERTH_EVENTS_API: CallApi = { name: 'berth-events', iamPrefix: 'berth' };

/** Events a client's stream may hold unwritten before the client is told it fell behind (default). */
export const DEFAULT_EVENT_BUFFER = 10_000;

export interface EventStreamOptions {
  /** Events waiting to be written to one client, at most (default 10,000). */
  maxBufferedEvents?: number;
}

/** The BerthEvents service: its handler, and the open streams, which a server shutdown ends. */
export class EventStreams {
  private readonly open = new Set<EventStreamSession>();
  constructor(private readonly ctx: ServerContext, private readonly hooks: CallHooks, private readonly opts: EventStreamOptions = {}) {}

  definition(): grpc.ServiceDefinition {
    return loadBerthProtos().berth.v1.BerthEvents.service;
  }

  handlers(): grpc.UntypedServiceImplementation {
    return { WatchEvents: (call: grpc.ServerWritableStream<WatchEventsRequest, unknown>) => void this.watch(call, { transport: 'grpc', peer: call.getPeer(), authenticate: () => authenticateGrpc(call, this.hooks.grpcAuthentication) }) };
  }

  /** Number of open streams (tests, diagnostics). */
  get size(): number {
    return this.open.size;
  }

  /**
   * Ends the streams of machines whose certificate `revoked(serial)` says is revoked, with PERMISSION_DENIED
   * (fleet/revocations.ts asks, as revocations land in the store).
   */
  async cutRevoked(revoked: (serial: string) => Promise<boolean>): Promise<void> {
    for (const s of this.open) {
      if (s.serial !== undefined && (await revoked(s.serial))) s.refuse(new BerthError('AccessDeniedException', `The certificate ${s.serial} is revoked.`));
    }
  }

  /** Ends every stream with UNAVAILABLE: the client resumes with its cursor on another replica. */
  shutdown(): void {
    for (const s of this.open) s.close('server shutting down; resume with the last cursor');
    this.open.clear();
  }

  /** One stream, through the hook chain; resolves when it has ended. */
  async watch(call: Call, opener: EventStreamOpener): Promise<void> {
    let s: EventStreamSession | undefined;
    const outcome = await runStream(this.hooks, { ...opener, api: BERTH_EVENTS_API, action: 'WatchEvents' }, {
      open: async (cc) => {
        s = new EventStreamSession(this.ctx, call, this.opts.maxBufferedEvents ?? DEFAULT_EVENT_BUFFER, cc.caller.kind === 'component' ? cc.caller.serial : undefined);
        const { partition, region, accountId } = this.ctx.identity;
        return [{ action: 'WatchEvents', resources: [s.cluster !== undefined ? `arn:${partition}:ecs:${region}:${accountId}:cluster/${s.cluster}` : '*'] }];
      },
      serve: async () => {
        this.open.add(s!);
        try {
          return await s!.run();
        } finally {
          this.open.delete(s!);
        }
      },
    });
    if ('refused' in outcome) call.emit('error', toGrpcStatus(outcome.refused));
  }
}

class EventStreamSession {
  private pos: EventPosition | undefined;
  private watch?: Watch;
  private done = false;
  /** How the stream ended (the hook chain's closing record). */
  private ended: StreamEnd = { reason: 'client went away' };
  private resolveFinished!: () => void;
  private readonly finished = new Promise<void>((r) => (this.resolveFinished = r));
  private queue: Promise<void> = Promise.resolve();
  /** Events the watch handed over that are not written yet: the client's buffer, capped. */
  private buffered = 0;
  private readonly prefix: string;
  readonly cluster?: string;
  private readonly types?: Set<string>;
  private readonly follow: boolean;

  /** `serial`: the certificate of the machine (not an agent) that opened it, cut when it is revoked. */
  constructor(private readonly ctx: ServerContext, private readonly call: Call, private readonly maxBuffered: number, readonly serial?: string) {
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

  /** Resolves when the stream is over, with why. */
  async run(): Promise<StreamEnd> {
    try {
      const rev = await this.backlog();
      if (!this.follow) {
        this.end();
        return { reason: 'caught up' };
      }
      await this.write({ caughtUp: true });
      await this.watchFrom(rev + 1);
      await this.finished;
    } catch (e) {
      this.fail(e);
    }
    return this.ended;
  }

  /** Ends it with the error's own code (a revoked certificate: PERMISSION_DENIED, not to be resumed). */
  refuse(e: BerthError): void {
    this.fail(e);
  }

  close(details: string): void {
    this.fail(new BerthError('ServerException', details), grpc.status.UNAVAILABLE);
    this.ended = { reason: details };
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
      // A key's position without an index is its last event's: a batch partly sent is taken, and send skips what was.
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
        if (puts.length === 0 || this.done) return;
        for (const kv of puts) this.buffered += storedEventCount(kv.value);
        if (this.buffered > this.maxBuffered) {
          this.fail(new BerthError('LimitExceededException',
            `The event stream fell behind: more than ${this.maxBuffered} events waited to be sent to this client. Watch again from the cursor of the last event received.`));
          return;
        }
        this.enqueue(async () => {
          for (const kv of puts) {
            await this.send(kv);
            this.buffered -= storedEventCount(kv.value);
          }
        });
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

  /** The events of one key after the stream's position, in order. */
  private async send(kv: KeyValue): Promise<void> {
    for (const e of storedEvents(kv)) {
      if (this.done) return;
      const p = e.position;
      if (!after(p, this.pos)) continue;
      this.pos = p;
      const text = await eventText(this.ctx.store, e);
      if (this.types && !this.types.has((JSON.parse(text) as Record<string, string>)['detail-type']!)) continue;
      await this.write({ cursor: encodeCursor(p), event: text });
    }
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
    this.ended = { reason: e instanceof BerthError ? e.message : 'failed', error: e };
    void this.stop();
    const status = toGrpcError(e);
    this.call.emit('error', code !== undefined ? { ...status, code } : status);
  }
}
