// The agent's side of AgentService.Connect, spoken by a test itself (an agent's messages, without Docker).
import * as grpc from '@grpc/grpc-js';
import { generateKeyPairSync } from 'node:crypto';
import { BerthClient, agentMessageToWire, channelCredentials, loadBerthProtos, serverMessageFromWire, type ChannelTls } from '@berth/api';
import { FLEET_API, type AgentMessage, type RegisterContainerInstanceRequest, type Resource, type ServerMessage } from '@berth/core';
import type { RunningServer } from '../src/index.js';

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

export function connectAgent(addr: string, tls?: ChannelTls): AgentStream {
  const AgentService = loadBerthProtos().berth.v1.AgentService;
  const c = new AgentService(addr, channelCredentials(tls)) as unknown as { Connect(): grpc.ClientDuplexStream<unknown, unknown>; close(): void };
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

/**
 * A machine joined as an agent, as berth-agent joins (a join token from `admin`, its own P-256 key, one Join
 * call that registers its instance with `more` of RegisterContainerInstance's members): the TLS material
 * its streams present, and its instance.
 */
export async function joinAgent(server: RunningServer, admin: BerthClient, cluster: string, totalResources: Resource[], more: Partial<RegisterContainerInstanceRequest> = {}): Promise<{ tls: ChannelTls; containerInstanceArn: string }> {
  const { token } = (await admin.callApi(FLEET_API, 'CreateJoinToken', { cluster, uses: 1 })) as { token: string };
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caPem = server.ca!.certPem;
  const joining = new BerthClient(server.addr, { tls: { caPem } });
  try {
    const res = (await joining.callApi(FLEET_API, 'Join', {
      token, publicKey: publicKey.export({ type: 'spki', format: 'pem' }), registration: JSON.stringify({ ...more, cluster, totalResources }), clientTime: Date.now() / 1000,
    })) as { certificate: string; containerInstanceArn: string };
    return { tls: { caPem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, certPem: res.certificate }, containerInstanceArn: res.containerInstanceArn };
  } finally {
    joining.close();
  }
}
