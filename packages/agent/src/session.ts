// The agent's end of the agent stream: connect to one of the listed servers, say hello, apply
// assignments and acknowledge them (cumulatively, within ACK_DELAY_MS), send reports (and resend unacknowledged ones after a reconnect),
// heartbeat at the period the server sets, and reconnect with amazon-ecs-agent's backoff for its ACS
// session (250 ms growing 1.5 times up to 2 min, plus up to 20% jitter: reconnectDelay) across the
// servers when anything goes wrong.
import * as grpc from '@grpc/grpc-js';
import type { AgentHello, AgentMessage, AssignmentBatch, CredentialsRoleType, InstanceStatistics, ServerMessage, TaskCredentials, TaskProtectionAnswer, TaskSecrets, TaskStateReport, TaskStreamFrame } from '@berth/core';
import { AGENT_PROTOCOL_VERSION } from '@berth/core/agent-protocol.js';
import type { ChannelTls, Logger } from '@berth/api';
import { agentMessageToWire, serverMessageFromWire } from '@berth/api/agent-wire.js';
import { channelCredentials, channelOptions } from '@berth/api/credentials.js';
import { agentService } from '@berth/api/agent-protos.js';

/** What the session needs from the task engine. */
export interface SessionEngine {
  applyAssignments(batch: AssignmentBatch): void;
  pendingReports(): TaskStateReport[];
  ackReport(taskArn: string, counter: number): void;
}

export interface SessionOptions {
  servers: string[];
  /** The cluster CA and this machine's certificate (absent: plaintext, the development mode). */
  tls?: ChannelTls;
  hello: Omit<AgentHello, 'protocolVersion'>;
  engine: SessionEngine;
  log: Logger;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * How long an assignment batch's acknowledgement may wait for later batches (ACK_DELAY_MS): acks are
   * cumulative (a batch's seq is the store revision it reflects), so one ack of the newest seq covers every
   * batch before it.
   */
  ackDelayMs?: number;
  /** Called when a session is established or lost (for tests and status). */
  onConnectionChange?(connected: boolean, server?: string): void;
  /** A refusal the agent cannot recover from by retrying (e.g. instance not registered). */
  onFatal?(err: grpc.ServiceError): void;
  /** A frame of the request/stream facility (task-io/task-streams.ts). */
  onStreamFrame?(f: TaskStreamFrame): void;
  /** Whether the cluster has Container Insights on, from the welcome and every heartbeat echo. */
  onContainerInsights?(on: boolean): void;
  /** The session the streams rode on is gone (disconnected, or handed over): every stream ends. */
  onStreamsLost?(): void;
}

export function backoffDelay(attempt: number, initialMs = 250, maxMs = 120_000, random = Math.random): number {
  const base = Math.min(maxMs, initialMs * 2 ** attempt);
  return Math.round(base / 2 + random() * (base / 2));
}

/**
 * amazon-ecs-agent's reconnect backoff of its ACS session (connectionBackoffMin 250 ms, Max 2 min,
 * Multiplier 1.5, Jitter 0.2: the jitter is added, never taken off). Growing 1.5 times rather than doubling
 * keeps an agent that failed for T seconds (a control plane restarting) from waiting up to T more once it
 * is back: its next attempt comes within about 0.6 T.
 */
export function reconnectDelay(attempt: number, initialMs = 250, maxMs = 120_000, random = Math.random): number {
  const base = Math.min(maxMs, initialMs * 1.5 ** attempt);
  return Math.round(base + random() * 0.2 * base);
}

/**
 * The longest an assignment batch waits for its acknowledgement. A batch's seq is the store revision it
 * reflects, so an ack is cumulative: one message acknowledging the newest batch applied covers every batch
 * before it. A busy instance receives a batch about every time a task is placed on it, and acknowledging
 * each at once cost a message each way per task (the agent's encode and write, the server's read and
 * decode) for a message the server only logs; within a second the batches that arrive share one ack.
 */
export const ACK_DELAY_MS = 1_000;

type Duplex = grpc.ClientDuplexStream<unknown, unknown>;
/** What the control plane answers a request of this session with. */
type Answer = TaskSecrets | TaskCredentials | TaskProtectionAnswer;

export class AgentSession {
  private stream?: Duplex;
  private client?: grpc.Client;
  private serverIndex = 0;
  private attempt = 0;
  /** The server's reason when it asked this connection to reconnect (its shutdown): the end that follows is expected. */
  private reconnectAsked: string | undefined;
  private stopped = false;
  private established = false;
  private heartbeatTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  /** The newest assignment batch applied and not yet acknowledged, and the timer that will acknowledge it. */
  private unackedSeq?: number;
  private ackTimer?: NodeJS.Timeout;
  private lastHeard = 0;
  /** A connection with renewed credentials, opened before the current one closes (rotate). */
  private successor?: { client: grpc.Client; stream: Duplex };
  private currentServer?: string;
  /** Secrets and credentials requests not answered yet, by request id: sent again on every new session until answered. */
  private readonly requests = new Map<string, { message: AgentMessage; resolve(answer: Answer): void }>();
  private nextRequest = 0;

  constructor(private readonly opts: SessionOptions) {}

  /** A task's secrets, asked of the control plane on this session (answered only for this instance's tasks). */
  requestSecrets(taskArn: string): Promise<TaskSecrets> {
    return this.request((requestId) => ({ secretsRequest: { requestId, taskArn } })) as Promise<TaskSecrets>;
  }

  /** A task's role credentials, minted by the control plane for this instance's task (or why not, in `error`). */
  requestCredentials(taskArn: string, roleType: CredentialsRoleType): Promise<TaskCredentials> {
    return this.request((requestId) => ({ credentialsRequest: { requestId, taskArn, roleType } })) as Promise<TaskCredentials>;
  }

  /** A task's scale-in protection, read (no update) or set by the control plane for this instance's task. */
  requestTaskProtection(taskArn: string, update?: { protectionEnabled: boolean; expiresInMinutes?: number }): Promise<TaskProtectionAnswer> {
    return this.request((requestId) => ({ taskProtectionRequest: { requestId, taskArn, ...(update ? { update: true, ...update } : {}) } })) as Promise<TaskProtectionAnswer>;
  }

  private request(message: (requestId: string) => AgentMessage): Promise<Answer> {
    const requestId = `r${++this.nextRequest}`;
    return new Promise((resolve) => {
      const m = message(requestId);
      this.requests.set(requestId, { message: m, resolve });
      if (this.established) this.send(m);
    });
  }

  /** The answer to a request: resolves its waiter (an answer to nothing asked is dropped). */
  private answered(answer: Answer): void {
    const pending = this.requests.get(answer.requestId);
    this.requests.delete(answer.requestId);
    pending?.resolve(answer);
  }

  get connected(): boolean {
    return this.established;
  }

  start(): void {
    this.connect();
  }

  /** Sends a report now if connected; otherwise the engine keeps it and it is resent on reconnect. */
  report(r: TaskStateReport): void {
    if (this.established) this.send({ report: r });
  }

  /** Sends a statistics pass if connected; a pass while disconnected is dropped (a gap, as the server shows it). */
  statistics(s: InstanceStatistics): void {
    if (this.established) this.send({ statistics: s });
  }

  /** A frame of the request/stream facility; dropped while disconnected (the streams ended with the session). */
  sendStream(f: TaskStreamFrame): void {
    if (this.established) this.send({ stream: f });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.teardown();
  }

  private send(m: AgentMessage): void {
    this.stream?.write(agentMessageToWire(m));
  }

  private connect(): void {
    if (this.stopped) return;
    const server = this.opts.servers[this.serverIndex % this.opts.servers.length]!;
    const { client, stream } = this.open(server);
    this.client = client;
    this.stream = stream;
    this.lastHeard = Date.now();
    // If the server never answers (a half-open connection), give up after a while and move on.
    this.heartbeatTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > 30_000) {
        stream.cancel(); // ends it with CANCELLED: lost, and the agent reconnects
      }
    }, 5_000);
  }

  /**
   * A connection and its stream, hello sent. Only the current stream's messages and end count; a successor
   * (rotate) becomes current when it is welcomed.
   */
  private open(server: string): { client: grpc.Client; stream: Duplex } {
    const AgentService = agentService('berth.v1.AgentService');
    // The session's backoff decides when to try again (reconnectDelay); grpc-js's own reconnect backoff of
    // the connection underneath (1 s growing 1.6 times), kept by a subchannel it shares between the
    // session's successive clients, would otherwise add its own wait and fail the session's attempts at
    // once while it runs.
    const backoffMs = this.opts.initialBackoffMs ?? 250;
    const client = new AgentService(server, channelCredentials(this.opts.tls, server), {
      ...channelOptions(server, this.opts.tls), 'grpc.max_receive_message_length': 64 * 1024 * 1024,
      'grpc.initial_reconnect_backoff_ms': backoffMs, 'grpc.max_reconnect_backoff_ms': backoffMs,
    });
    const stream = (client as unknown as { Connect(): Duplex }).Connect();
    let ended = false;
    const lost = (why: string, err?: grpc.ServiceError) => {
      if (ended) return;
      ended = true;
      if (this.stream === stream) this.disconnected(server, why, err);
      else if (this.successor?.stream === stream) {
        this.opts.log.warn('the renewed certificate\'s connection failed; the current one stays', { server, error: why });
        this.successor = undefined;
        client.close();
      }
    };
    stream.on('data', (w: Record<string, unknown>) => {
      const m = serverMessageFromWire(w);
      if (this.successor?.stream === stream && m && 'welcome' in m) this.handOver(server);
      if (this.stream === stream) this.onMessage(m, server);
    });
    stream.on('error', (e: grpc.ServiceError) => lost(e.details || e.message, e));
    stream.on('end', () => lost('stream ended'));
    stream.write(agentMessageToWire({ hello: { ...this.opts.hello, protocolVersion: AGENT_PROTOCOL_VERSION } }));
    return { client, stream };
  }

  /**
   * New credentials (a renewed certificate). Connected: a new connection opens with them first, and the
   * current one closes only once the new one is welcomed, so the session passes over without a gap (the
   * server moves the session key to the new session's lease: agentConnected never flaps). Otherwise the
   * next connection uses them.
   */
  rotate(tls: ChannelTls): void {
    this.opts.tls = tls;
    if (this.stopped || !this.established || !this.client) return;
    this.dropSuccessor();
    const server = this.currentServer ?? this.opts.servers[this.serverIndex % this.opts.servers.length]!;
    this.successor = this.open(server);
  }

  private dropSuccessor(): void {
    const s = this.successor;
    this.successor = undefined;
    s?.stream.removeAllListeners('data');
    s?.stream.on('error', () => {});
    s?.stream.cancel();
    s?.client.close();
  }

  /** The successor was welcomed: it becomes the stream, and the old connection closes. */
  private handOver(server: string): void {
    const next = this.successor!;
    this.successor = undefined;
    const old = { stream: this.stream, client: this.client };
    this.stream = next.stream;
    this.client = next.client;
    old.stream?.removeAllListeners('data');
    old.stream?.on('error', () => {});
    old.stream?.cancel();
    old.client?.close();
    this.opts.onStreamsLost?.();
    this.opts.log.info('session handed over to a new connection (renewed certificate)', { server });
  }

  private onMessage(m: ServerMessage | null, server: string): void {
    this.lastHeard = Date.now();
    if (!m) return;
    if ('welcome' in m) {
      this.established = true;
      this.currentServer = server;
      this.attempt = 0;
      this.opts.log.info('connected to the control plane', { server, session: m.welcome.sessionId });
      clearInterval(this.heartbeatTimer);
      const period = Math.max(100, m.welcome.heartbeatPeriodMs || 10_000);
      this.heartbeatTimer = setInterval(() => {
        if (Date.now() - this.lastHeard > period * 3) {
          this.stream?.cancel();
          return;
        }
        this.send({ heartbeat: { sentMs: performance.now() } });
      }, period);
      for (const r of this.opts.engine.pendingReports()) this.send({ report: r });
      for (const r of this.requests.values()) this.send(r.message);
      this.opts.onConnectionChange?.(true, server);
      this.opts.onContainerInsights?.(m.welcome.containerInsights === true);
    } else if ('heartbeat' in m) {
      if (m.heartbeat.containerInsights !== undefined) this.opts.onContainerInsights?.(m.heartbeat.containerInsights);
    } else if ('assignments' in m) {
      this.opts.engine.applyAssignments(m.assignments);
      this.acknowledge(m.assignments.seq);
    } else if ('secrets' in m) this.answered(m.secrets);
    else if ('credentials' in m) this.answered(m.credentials);
    else if ('taskProtection' in m) this.answered(m.taskProtection);
    else if ('stream' in m) this.opts.onStreamFrame?.(m.stream);
    else if ('reportAck' in m) {
      this.opts.engine.ackReport(m.reportAck.taskArn, m.reportAck.counter);
    } else if ('reconnect' in m) {
      this.opts.log.info('server asked to reconnect', { server, reason: m.reconnect.reason });
      this.reconnectAsked = m.reconnect.reason;
      this.attempt = 0;
      this.serverIndex++;
    }
  }

  /** Acknowledges batches up to `seq` within ackDelayMs, with one ack for every batch applied meanwhile. */
  private acknowledge(seq: number): void {
    if (this.unackedSeq === undefined || seq > this.unackedSeq) this.unackedSeq = seq;
    this.ackTimer ??= setTimeout(() => {
      this.ackTimer = undefined;
      const s = this.unackedSeq;
      this.unackedSeq = undefined;
      if (s !== undefined) this.send({ ack: { seq: s } });
    }, this.opts.ackDelayMs ?? ACK_DELAY_MS);
  }

  private teardown(): void {
    clearInterval(this.heartbeatTimer);
    // What the session applied and had not acknowledged goes with it: the next session starts with a full set.
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    this.unackedSeq = undefined;
    this.dropSuccessor();
    const s = this.stream;
    this.stream = undefined;
    s?.removeAllListeners('data');
    s?.on('error', () => {});
    s?.cancel();
    this.client?.close();
    this.client = undefined;
    this.opts.onStreamsLost?.();
    if (this.established) this.opts.onConnectionChange?.(false);
    this.established = false;
  }

  private disconnected(server: string, why: string, err?: grpc.ServiceError): void {
    const wasUp = this.established;
    const asked = this.reconnectAsked;
    this.reconnectAsked = undefined;
    this.teardown();
    if (this.stopped) return;
    if (err && (err.code === grpc.status.FAILED_PRECONDITION || err.code === grpc.status.NOT_FOUND)) {
      this.opts.log.error('the control plane refused this agent', { server, error: why });
      if (this.opts.onFatal) return this.opts.onFatal(err);
    }
    if (!wasUp) this.serverIndex++; // this server did not work: try the next one
    const delay = reconnectDelay(this.attempt++, this.opts.initialBackoffMs, this.opts.maxBackoffMs);
    // A certificate "not yet valid" or "expired" on a machine without a real-time clock is its clock.
    if (/not yet valid|CERT_NOT_YET_VALID|certificate has expired|CERT_HAS_EXPIRED/i.test(why)) {
      this.opts.log.error(`clock skew: the TLS handshake failed on certificate validity (this machine's clock reads ${new Date().toISOString()}); set the clock (NTP) — retrying`, { server, error: why, retryInMs: delay });
    } else if (asked !== undefined) {
      // A replica stopping (a restart, a rolling upgrade) says so first: its end is no fault.
      this.opts.log.info('disconnected from the control plane as it asked', { server, reason: asked, retryInMs: delay });
    } else this.opts.log.warn('disconnected from the control plane', { server, error: why, retryInMs: delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}
