// The agent's side of AgentService.Connect, spoken by a test itself (an agent's messages, without Docker).
import * as grpc from '@grpc/grpc-js';
import { agentMessageToWire, channelCredentials, loadBerthProtos, serverMessageFromWire } from '@berth/api';
import type { AgentMessage, ServerMessage } from '@berth/core';

export interface AgentStream {
  send(m: AgentMessage): void;
  /** The next message from the server, in order. */
  next(): Promise<ServerMessage>;
  /** How the server ended the stream. */
  status: Promise<grpc.StatusObject>;
  end(): void;
  cancel(): void;
  /** Stops reading (an agent that stalls: the server's writes back up), and reads again. */
  pause(): void;
  resume(): void;
}

export function connectAgent(addr: string): AgentStream {
  const AgentService = loadBerthProtos().berth.v1.AgentService;
  const c = new AgentService(addr, channelCredentials()) as unknown as { Connect(): grpc.ClientDuplexStream<unknown, unknown>; close(): void };
  const stream = c.Connect();
  const queue: ServerMessage[] = [];
  const waiters: ((m: ServerMessage) => void)[] = [];
  stream.on('data', (w: Record<string, unknown>) => {
    const m = serverMessageFromWire(w)!;
    const w0 = waiters.shift();
    if (w0) w0(m);
    else queue.push(m);
  });
  stream.on('error', () => {});
  const status = new Promise<grpc.StatusObject>((r) => stream.on('status', (s: grpc.StatusObject) => { c.close(); r(s); }));
  return {
    send: (m) => stream.write(agentMessageToWire(m)),
    next: () => new Promise((r) => (queue.length ? r(queue.shift()!) : waiters.push(r))),
    status,
    end: () => stream.end(),
    cancel: () => stream.cancel(),
    pause: () => void stream.pause(),
    resume: () => void stream.resume(),
  };
}
