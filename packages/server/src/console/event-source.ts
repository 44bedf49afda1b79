// The console's server-sent event streams. A stream opens at once with a comment; a quiet stream carries a
// comment every keepAliveMs (proxies close a connection idle for a minute or so, and a stream that vanished
// unseen is found out); a refusal or failure is an `error` message with the error's name and text, after
// which the stream ends.
//
// The page's one event stream: WatchEvents (events/stream.ts, through the same hook chain as gRPC's). Each
// ECS event is one SSE message whose id is its cursor, so a browser's EventSource that reconnects sends it
// back as Last-Event-ID and resumes exactly after it; the end of the backlog is a `caught-up` message.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { ERROR_TYPE_KEY, type WatchEventsRequest } from '@berth/api';
import type { EventCall } from '../events/stream.js';

/** A gRPC status as the streams emit it (toGrpcStatus): its details are the error's text, its metadata names it. */
interface EmittedStatus {
  details?: string;
  metadata?: { get(key: string): unknown[] };
}

/** A server-sent event stream that a gRPC-shaped producer writes: 'drain', 'cancelled' and 'error' as gRPC's calls have them. */
export class ServerSentStream extends EventEmitter {
  private readonly keepAlive: NodeJS.Timeout;
  /** The client went away. */
  cancelled = false;

  constructor(protected readonly res: ServerResponse, keepAliveMs: number, opening: string) {
    super();
    // Only while nothing else is in the way: a stream whose client stopped reading gets no more of it.
    this.keepAlive = setInterval(() => void (res.writableEnded || res.writableNeedDrain || res.write(': keep-alive\n\n')), keepAliveMs);
    res.on('drain', () => this.emit('drain'));
    res.on('close', () => {
      clearInterval(this.keepAlive);
      if (!res.writableFinished) this.cancelled = true;
      this.emit('cancelled');
      this.emit('close');
    });
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.write(`: ${opening}\n\n`);
  }

  end(): void {
    this.res.end();
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'error') {
      const status = args[0] as EmittedStatus | undefined;
      const name = String(status?.metadata?.get(ERROR_TYPE_KEY)?.[0] ?? 'ServerException');
      if (!this.res.writableEnded) this.res.end(`event: error\ndata: ${JSON.stringify({ name, message: status?.details ?? 'The stream failed.' })}\n\n`);
      return true;
    }
    return super.emit(event, ...args);
  }
}

export class ServerSentEvents extends ServerSentStream implements EventCall {
  constructor(readonly request: WatchEventsRequest, res: ServerResponse, keepAliveMs: number) {
    super(res, keepAliveMs, 'berth events');
  }

  write(m: { cursor?: string; event?: string; caughtUp?: boolean }): boolean {
    if (m.caughtUp) return this.res.write('event: caught-up\ndata: {}\n\n');
    // An event's JSON is one line (the store keeps it compact); the cursor is base64url.
    return this.res.write(`id: ${m.cursor ?? ''}\ndata: ${(m.event ?? '').replace(/\n/g, ' ')}\n\n`);
  }
}
