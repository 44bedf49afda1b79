// The console's one event stream per page: WatchEvents (events/stream.ts, through the same hook chain as
// gRPC's) written as server-sent events. Each ECS event is one SSE message whose id is its cursor, so a
// browser's EventSource that reconnects sends it back as Last-Event-ID and resumes exactly after it; the
// end of the backlog is an `caught-up` message, and a refusal or failure an `error` message with the
// error's name and text, after which the stream ends.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { ERROR_TYPE_KEY, type WatchEventsRequest } from '@berth/api';
import type { EventCall } from '../events/stream.js';

/** A gRPC status as the stream emits it (toGrpcStatus): its details are the error's text, its metadata names it. */
interface EmittedStatus {
  details?: string;
  metadata?: { get(key: string): unknown[] };
}

export class ServerSentEvents extends EventEmitter implements EventCall {
  constructor(readonly request: WatchEventsRequest, private readonly res: ServerResponse) {
    super();
    res.on('drain', () => this.emit('drain'));
    res.on('close', () => {
      this.emit('cancelled');
      this.emit('close');
    });
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    // Comments keep intermediaries from closing a quiet stream; the first one opens it at once.
    res.write(': berth events\n\n');
  }

  write(m: { cursor?: string; event?: string; caughtUp?: boolean }): boolean {
    if (m.caughtUp) return this.res.write('event: caught-up\ndata: {}\n\n');
    // An event's JSON is one line (the store keeps it compact); the cursor is base64url.
    return this.res.write(`id: ${m.cursor ?? ''}\ndata: ${(m.event ?? '').replace(/\n/g, ' ')}\n\n`);
  }

  end(): void {
    this.res.end();
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'error') {
      const status = args[0] as EmittedStatus | undefined;
      const name = String(status?.metadata?.get(ERROR_TYPE_KEY)?.[0] ?? 'ServerException');
      if (!this.res.writableEnded) this.res.end(`event: error\ndata: ${JSON.stringify({ name, message: status?.details ?? 'The event stream failed.' })}\n\n`);
      return true;
    }
    return super.emit(event, ...args);
  }
}
