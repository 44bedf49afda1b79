// The client side of BerthEvents.WatchEvents: the ECS event stream as an async iterable of EventMessages,
// opened on the first server that answers (a server that is unavailable before sending anything is
// skipped for the next one, as BerthClient.call fails over). A client that reads slower than events come
// is told by the server that it fell behind (LimitExceededException, once the server's per-client buffer
// is full); the stream then resumes from the cursor of the last event received, by itself, so the caller
// sees every event once and in order.
import * as grpc from '@grpc/grpc-js';
import { loadBerthProtos } from './load.js';
import { fromGrpcError } from './error-metadata.js';
import { channelCredentials, channelOptions, type ChannelTls } from './credentials.js';
import { callMetadata, type AccessKeyCredentials } from './grpc-signing.js';
import type { BerthError } from '@berth/core';
import type { WatchEventsRequest } from './gen/berth/v1/WatchEventsRequest.js';
import type { EventMessage__Output } from './gen/berth/v1/EventMessage.js';

export type { WatchEventsRequest } from './gen/berth/v1/WatchEventsRequest.js';
export type EventMessage = EventMessage__Output;

export interface EventStream extends AsyncIterable<EventMessage> {
  /** Ends the stream (the iteration finishes). */
  cancel(): void;
}

/** The server's answer to a client whose buffer it could not hold: resume from the last cursor. */
const FELL_BEHIND = 'LimitExceededException';

export function openEventStream(servers: readonly string[], first: number, req: WatchEventsRequest, tls?: ChannelTls, credentials?: AccessKeyCredentials): EventStream {
  const BerthEvents = loadBerthProtos().berth.v1.BerthEvents;
  let call: grpc.ClientReadableStream<EventMessage> | undefined;
  let cancelled = false;
  async function* run(): AsyncGenerator<EventMessage> {
    let cursor = req.cursor;
    let caughtUp = false;
    for (;;) {
      try {
        for await (const m of open({ ...req, ...(cursor ? { cursor } : {}) })) {
          if (m.cursor) cursor = m.cursor;
          // A resumed stream says it caught up again: once is what the caller asked for.
          if (m.caughtUp && caughtUp) continue;
          if (m.caughtUp) caughtUp = true;
          yield m;
        }
        return;
      } catch (e) {
        if (cancelled || (e as BerthError).ecsName !== FELL_BEHIND) throw e;
      }
    }
  }
  async function* open(req: WatchEventsRequest): AsyncGenerator<EventMessage> {
    let lastErr: grpc.ServiceError | undefined;
    for (let attempt = 0; attempt < servers.length && !cancelled; attempt++) {
      const addr = servers[(first + attempt) % servers.length]!;
      const client = new BerthEvents(addr, channelCredentials(tls, addr), channelOptions(addr, tls));
      let got = false;
      try {
        const def = BerthEvents.service.WatchEvents as grpc.MethodDefinition<WatchEventsRequest, EventMessage>;
        // Signed at each opening (a resumed stream too): the request with its cursor is what is signed.
        call = client.WatchEvents(req, callMetadata(def.path, def.requestSerialize(req), credentials)) as grpc.ClientReadableStream<EventMessage>;
        for await (const m of call) {
          got = true;
          yield m as EventMessage;
        }
        return;
      } catch (e) {
        const ge = e as grpc.ServiceError;
        if (cancelled || ge.code === grpc.status.CANCELLED) return;
        if (got || ge.code !== grpc.status.UNAVAILABLE) throw fromGrpcError(ge);
        lastErr = ge;
      } finally {
        client.close();
      }
    }
    if (lastErr) {
      const err = fromGrpcError(lastErr);
      err.message = `no Berth server answered (${servers.join(', ')}): ${lastErr.details}`;
      throw err;
    }
  }
  const it = run();
  return {
    [Symbol.asyncIterator]: () => it,
    cancel() {
      cancelled = true;
      call?.cancel();
    },
  };
}
