// The server side of the agent stream (service berth.v1.AgentService), in the manner of SwarmKit's
// dispatcher. Any replica can serve any agent: the session's liveness is a store key on a lease
// (agentConnected), assignments come from the dispatcher's one watch of every instance's assignments
// (assignment-feed.ts), and every report is persisted before it is acknowledged (the sessions' reports
// are applied in batches: report-batcher.ts).
//
// A stream's opening runs through the hook chain (api/call.ts runStream), as every unary call does:
// authenticated (the agent's client certificate names its container instance; a hello naming another is
// refused), then authorized for what the session does with ECS's agent actions:
// ecs:Poll on the instance (the assignments it receives) and ecs:SubmitTaskStateChange on its cluster (the
// reports it sends); the observers log, count and audit it when it opens and when it closes.
import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import {
  AGENT_PROTOCOL_VERSION, BerthError, ECS_API, SUPPORTED_AGENT_PROTOCOLS, parseArn,
  type AgentHello, type AgentMessage, type CredentialsRequest, type InstanceStatistics, type ServerMessage, type TaskProtectionRequest, type TaskStateReport,
} from '@berth/core';
import {
  ProtocolRefusal, agentMessageFromWire, authenticateGrpc, loadBerthProtos, runStream, toGrpcStatus,
  type CallContext, type CallHooks, type StreamEnd,
} from '@berth/api';
import type { Lease, Watch, WatchEvent } from '@berth/store';
import type { ServerContext } from '../context.js';
import type { TaskSecretsResolver } from '../secrets/task-secrets.js';
import type { TaskCredentialsIssuer } from '../auth/task-credentials.js';
import { INSTANCES_BY_STATUS_ROOT, getInstance, parseInstanceIndexKey } from '../state/instances.js';
import { parseAssignmentKey } from '../state/assignments.js';
import { putSession } from '../state/sessions.js';
import { ReportBatcher } from './report-batcher.js';
import { ClusterInsights } from './cluster-insights.js';
import { fullAssignmentSet, resolveAssignment } from './assignments.js';
import { AssignmentFeed, type AssignmentListener } from './assignment-feed.js';
import { SessionWriter } from './session-writer.js';
import { StatisticsThrottle } from './statistics-throttle.js';
import { putInstanceStatistics } from '../state/instance-statistics.js';
import { TaskStreams, type AgentTaskStream, type TaskStreamConsumer, type TaskStreamRequest } from './task-streams.js';
import { agentTaskProtection } from '../handlers/tasks/protection.js';

export interface DispatcherOptions {
  /** Resolves a task's secrets for the agent that runs it (absent: every request is answered with an error). */
  secrets?: Pick<TaskSecretsResolver, 'resolve'>;
  /** Mints a task's role credentials for the agent that runs it (absent: every request is refused). */
  credentials?: Pick<TaskCredentialsIssuer, 'issue'>;
  /** How often the agent must send a heartbeat (default 10 s). */
  heartbeatPeriodMs?: number;
  /** A session with no message for this many periods is closed (default 3). */
  missedHeartbeats?: number;
  /** TTL of the session lease that makes agentConnected (default 30 s). */
  sessionTtlSeconds?: number;
  /** Time the first message (hello) may take (default 10 s). */
  helloTimeoutMs?: number;
  /**
   * A session whose agent has not taken what the server writes for this long (the stream stays blocked)
   * is closed with a reconnect hint (default: missedHeartbeats heartbeat periods).
   */
  stalledWriteMs?: number;
  /**
   * The instance comes from the agent's client certificate only (the server serves TLS): a stream without
   * one is refused. Off in the plaintext development mode, where the hello names the instance.
   */
  requireCertificate?: boolean;
  /** An instance's container statistics are written at most this often (default 60 s). */
  statisticsWriteIntervalMs?: number;
}

type Stream = grpc.ServerDuplexStream<unknown, unknown>;

export class Dispatcher {
  private readonly sessions = new Set<Session>();
  readonly heartbeatPeriodMs: number;
  /** One watch of every instance record, while sessions exist: a deregistered instance's session closes. */
  private instanceWatch?: Promise<Watch | undefined>;
  private stopped = false;
  /** Every instance's assignment changes, for the sessions. */
  readonly feed: AssignmentFeed;
  /** The sessions' reports, applied in batches. */
  readonly reports: ReportBatcher;
  /** Each cluster's Container Insights switch, told to its agents. */
  readonly insights: ClusterInsights;
  /**
   * Where other replicas reach this one's gRPC listener (set once it is bound): each session record names
   * it, so a replica serving `berth logs` or `berth exec` for a task whose agent is here passes the call on.
   */
  replicaAddress?: string;
  constructor(readonly ctx: ServerContext, private readonly hooks: CallHooks, readonly opts: DispatcherOptions = {}) {
    this.heartbeatPeriodMs = opts.heartbeatPeriodMs ?? 10_000;
    this.feed = new AssignmentFeed(ctx.store, ctx.log);
    this.reports = new ReportBatcher(ctx);
    this.insights = new ClusterInsights(ctx.store, ctx.log);
  }

  definition(): grpc.ServiceDefinition {
    return loadBerthProtos().berth.v1.AgentService.service;
  }

  handlers(): grpc.UntypedServiceImplementation {
    return { Connect: (call: Stream) => void this.connect(call) };
  }

  /** Number of live sessions (for logs and tests). */
  get size(): number {
    return this.sessions.size;
  }

  /**
   * Opens a stream (request/stream facility) to the agent of `instanceId` if its session is on this
   * replica; undefined when it is not (another replica holds it, or none does).
   */
  openTaskStream(instanceId: string, req: TaskStreamRequest, consumer: TaskStreamConsumer): AgentTaskStream | undefined {
    let newest: Session | undefined;
    for (const s of this.sessions) if (s.instanceId === instanceId && s.serving) newest = s;
    return newest?.streams.start(req, consumer);
  }

  /** Each session's write state: whether its stream is blocked, and what waits (tests, diagnostics). */
  writeStates(): { instanceId: string; blocked: boolean; assignments: number; acks: number }[] {
    return [...this.sessions].map((s) => ({ instanceId: s.instanceId, ...s.writeState }));
  }

  /** Server shutdown: tell every agent to reconnect (to another replica), then close the sessions. */
  async shutdown(reason = 'server shutting down'): Promise<void> {
    this.stopped = true;
    const w = await this.instanceWatch?.catch(() => undefined);
    this.instanceWatch = undefined;
    await w?.cancel().catch(() => {});
    await Promise.all([...this.sessions].map((s) => s.close({ reconnect: reason })));
    await this.insights.stop();
  }

  /**
   * Closes the sessions of instances deregistered (INACTIVE) or gone, on whichever replica wrote that:
   * the agent is refused (NOT_FOUND, as at hello) and its containers keep running. One watch per server
   * of the instance status index (keys only: the frequent writes of instance records do not reach it).
   */
  private watchInstances(): Promise<Watch | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    this.instanceWatch ??= (async () => {
      const closeFor = (id: string, why: string) => {
        for (const s of this.sessions) {
          if (s.instanceId === id) void s.close({ code: grpc.status.NOT_FOUND, details: why });
        }
      };
      return this.ctx.store.watch(INSTANCES_BY_STATUS_ROOT, {
        onEvents: (events) => {
          if (this.sessions.size === 0) return;
          // A status change deletes one entry and puts another in the same transaction; an instance
          // removed from the store only deletes its entry.
          const put = new Set(events.flatMap((e) => (e.type === 'put' ? [parseInstanceIndexKey(e.kv.key).id] : [])));
          for (const e of events) {
            const { status, id } = parseInstanceIndexKey(e.type === 'put' ? e.kv.key : e.key);
            if (e.type === 'delete' && !put.has(id)) closeFor(id, `container instance ${id} was removed`);
            else if (e.type === 'put' && status === 'INACTIVE') closeFor(id, `container instance ${id} was deregistered (INACTIVE): register it again to rejoin`);
          }
        },
        onError: (err) => {
          if (this.stopped) return;
          // Watch again from now, then check every open session once, so nothing is missed.
          this.ctx.log.warn('instance watch failed; watching again', { error: err.message });
          this.instanceWatch = undefined;
          void this.watchInstances().then(() => this.recheckSessions());
        },
      });
    })().catch((err) => {
      this.ctx.log.warn('instance watch could not start', { error: String((err as Error)?.message ?? err) });
      this.instanceWatch = undefined;
      return undefined;
    });
    return this.instanceWatch;
  }

  private async recheckSessions(): Promise<void> {
    for (const s of this.sessions) {
      const rec = await getInstance(this.ctx.store, s.cluster, s.instanceId).catch(() => null);
      if (!rec || rec.value.instance.status === 'INACTIVE') void s.close({ code: grpc.status.NOT_FOUND, details: `container instance ${s.instanceId} was deregistered` });
    }
  }

  /** One agent stream, through the hook chain: opened by its hello, served until it ends. */
  private async connect(call: Stream): Promise<void> {
    const sessionId = randomUUID();
    let session: Session | undefined;
    const outcome = await runStream(this.hooks, { transport: 'grpc', peer: call.getPeer(), api: ECS_API, action: 'Poll', authenticate: () => authenticateGrpc(call, this.hooks.grpcAuthentication) }, {
      open: async (cc) => {
        const hello = await this.hello(call, cc);
        session = new Session(this, call, sessionId, hello.cluster, hello.id, hello.hello);
        return [
          { action: 'Poll', resources: [hello.hello.containerInstanceArn] },
          { action: 'SubmitTaskStateChange', resources: [`arn:${this.ctx.identity.partition}:ecs:${this.ctx.identity.region}:${this.ctx.identity.accountId}:cluster/${hello.cluster}`] },
        ];
      },
      serve: () => this.serve(session!),
    }, sessionId);
    if ('refused' in outcome) {
      session?.abandon();
      call.emit('error', toGrpcStatus(outcome.refused));
    } else if (outcome.end.error !== undefined) {
      // Only a bug gets here (serve handles the store's failures): end this stream alone.
      fail(call, grpc.status.INTERNAL, 'agent session failed; reconnect');
    }
  }

  /**
   * The hello, checked: its protocol version, and the container instance it names, which must be the one
   * the agent's certificate names (the caller). Only in the plaintext development mode, where agents have
   * no certificate, does the hello's word make the caller.
   */
  private async hello(call: Stream, cc: CallContext): Promise<{ hello: AgentHello; cluster: string; id: string }> {
    if (this.opts.requireCertificate && cc.caller.kind !== 'container-instance') {
      throw new BerthError('AccessDeniedException', 'An agent authenticates with its client certificate: join with a token (BERTH_JOIN_TOKEN) first.');
    }
    const hello = await firstMessage(call, this.opts.helloTimeoutMs ?? 10_000);
    if (!hello) throw new ProtocolRefusal(grpc.status.INVALID_ARGUMENT, 'the first message of a session must be hello');
    if (!SUPPORTED_AGENT_PROTOCOLS.includes(hello.protocolVersion)) {
      throw new ProtocolRefusal(grpc.status.FAILED_PRECONDITION,
        `unsupported agent protocol version ${hello.protocolVersion}; this server speaks ${SUPPORTED_AGENT_PROTOCOLS.join(', ')}`);
    }
    const arn = parseArn(hello.containerInstanceArn);
    const [cluster, id] = arn?.resourceType === 'container-instance' ? arn.resource.split('/') : [];
    if (!cluster || !id) throw new ProtocolRefusal(grpc.status.NOT_FOUND, `container instance ${hello.containerInstanceArn} is not registered: register it first`);
    if (cc.caller.kind === 'container-instance' && cc.caller.containerInstanceArn !== hello.containerInstanceArn) {
      throw new BerthError('AccessDeniedException', `This agent is ${cc.caller.containerInstanceArn}; it cannot open the session of ${hello.containerInstanceArn}.`);
    }
    if (cc.caller.kind !== 'container-instance') cc.caller = { kind: 'container-instance', containerInstanceArn: hello.containerInstanceArn };
    return { hello, cluster, id };
  }

  /** Serves an authorized session until it closes. */
  private async serve(session: Session): Promise<StreamEnd> {
    // The watch runs before the read, and the session is known before it: a deregistration lands either
    // before the read (refused here) or after it (the watch closes the session).
    this.sessions.add(session);
    try {
      await this.watchInstances();
      const rec = await getInstance(this.ctx.store, session.cluster, session.instanceId);
      if (!rec || rec.value.instance.status === 'INACTIVE') {
        await session.close({ code: grpc.status.NOT_FOUND, details: `container instance ${session.hello.containerInstanceArn} is not registered: register it first` });
      } else {
        await session.run();
      }
    } catch (e) {
      // The store failed (it lost quorum, or went away): this session ends, the server keeps serving,
      // and the agent reconnects, to this replica or another.
      this.ctx.log.warn('agent session could not start: the store failed', { instance: session.instanceId, error: String((e as Error)?.message ?? e) });
      await session.close({ code: grpc.status.UNAVAILABLE, details: `the control plane's store is unavailable (${String((e as Error)?.message ?? e)}); reconnect` });
    } finally {
      this.sessions.delete(session);
    }
    return { reason: session.closedBecause ?? 'closed' };
  }
}

function fail(call: Stream, code: grpc.status, details: string): void {
  call.emit('error', { code, details, metadata: new grpc.Metadata() });
}

function firstMessage(call: Stream, timeoutMs: number): Promise<AgentHello | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), timeoutMs);
    const done = (v: AgentHello | null) => {
      clearTimeout(timer);
      call.off('data', onData);
      call.off('end', onEnd);
      resolve(v);
    };
    const onData = (w: Record<string, unknown>) => {
      const m = agentMessageFromWire(w);
      done(m && 'hello' in m ? m.hello : null);
    };
    const onEnd = () => done(null);
    call.on('data', onData);
    call.on('end', onEnd);
  });
}

class Session {
  private readonly writer: SessionWriter;
  private readonly log;
  private lease?: Lease;
  /** The current subscription to the dispatcher's assignment feed, and how to end it. */
  private listener?: AssignmentListener;
  private unsubscribe?: () => void;
  /** The revision of the last full set sent: increments at or below it are already in it. */
  private fullSetRevision = 0;
  private lastHeard = Date.now();
  private idleTimer?: NodeJS.Timeout;
  /** Reports and watch events are handled one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  /** The newest report counter queued per task: an older queued report is superseded by it. */
  private readonly newestQueued = new Map<string, number>();
  private closed = false;
  /** Why the session ended (the hook chain's closing record). */
  closedBecause?: string;
  private resolveDone!: () => void;
  private readonly done = new Promise<void>((r) => (this.resolveDone = r));
  /** Streams of the request/stream facility open on this session. */
  readonly streams: TaskStreams;
  /** The session is established (its key written): streams may open on it. */
  serving = false;
  /** The agent's statistics passes, written at most once per interval, on the session's lease. */
  private readonly statistics: StatisticsThrottle<InstanceStatistics>;

  constructor(private readonly d: Dispatcher, private readonly call: Stream, private readonly id: string,
    readonly cluster: string, readonly instanceId: string, readonly hello: AgentHello) {
    const stallMs = d.opts.stalledWriteMs ?? d.heartbeatPeriodMs * (d.opts.missedHeartbeats ?? 3);
    this.writer = new SessionWriter(call, {
      stallMs,
      onStalled: () => void this.close({ code: grpc.status.UNAVAILABLE, details: `the agent did not read what the server sent for ${stallMs / 1000} s; reconnect` }),
    });
    this.log = {
      warn: (msg: string, f?: Record<string, unknown>) => d.ctx.log.warn(msg, { instance: instanceId, session: this.id, ...f }),
      debug: (msg: string, f?: Record<string, unknown>) => d.ctx.log.debug(msg, { instance: instanceId, session: this.id, ...f }),
    };
    this.streams = new TaskStreams((f) => this.send({ stream: f }));
    this.statistics = new StatisticsThrottle(d.opts.statisticsWriteIntervalMs ?? 60_000, async (stats) => {
      if (!this.lease || this.closed) return;
      await putInstanceStatistics(d.ctx.store, cluster, instanceId, { ...stats, receivedAt: d.ctx.now() }, this.lease.id)
        .catch((e) => this.log.warn('statistics not written', { error: String((e as Error)?.message ?? e) }));
    });
    // From the start, before anything awaits the store: a stream that ends meanwhile closes the session.
    this.call.on('end', () => void this.close({}));
    this.call.on('error', () => void this.close({}));
    this.call.on('cancelled', () => void this.close({}));
  }

  /** Sends through the writer: a stream that stopped taking messages holds them merged, never piled up. */
  private send(m: ServerMessage): void {
    if (!this.closed) this.writer.send(m);
  }

  get writeState(): SessionWriter['state'] {
    return this.writer.state;
  }

  /** The opening was refused: nothing was acquired yet, and the caller answers the stream. */
  abandon(): void {
    this.closed = true;
    this.writer.close();
    this.resolveDone();
  }

  private enqueue(fn: () => Promise<void>): void {
    this.queue = this.queue.then(fn).catch((e) => {
      this.log.warn('session failed', { error: String((e as Error)?.message ?? e) });
      void this.close({ code: grpc.status.UNAVAILABLE, details: 'session failed; reconnect' });
    });
  }

  async run(): Promise<void> {
    if (this.closed) return;
    const ctx = this.d.ctx;
    // The lease makes the session visible to every replica (agentConnected) and vanishes with this
    // server if it dies. A newer session of the same instance simply overwrites the key. The session
    // may close during each await: what it acquired meanwhile is given back (close() revokes the lease
    // once it is set, which deletes the session key with it).
    const lease = await ctx.store.grantLease(this.d.opts.sessionTtlSeconds ?? 30);
    if (this.closed) {
      await lease.revoke().catch(() => {});
      return;
    }
    this.lease = lease;
    await putSession(ctx.store, this.instanceId, {
      sessionId: this.id, cluster: this.cluster, since: ctx.now(),
      ...(this.d.replicaAddress !== undefined ? { replica: this.d.replicaAddress } : {}),
      ...(this.hello.versionInfo?.agentVersion !== undefined ? { agentVersion: this.hello.versionInfo.agentVersion } : {}),
    }, lease.id);
    if (this.closed) return;
    // Unknown when the store cannot say: off (no per-task series) until a heartbeat's refresh can.
    const containerInsights = await this.d.insights.get(this.cluster).catch(() => false);
    if (this.closed) return;
    lease.onLost(() => void this.close({ code: grpc.status.UNAVAILABLE, details: 'session lease lost; reconnect' }));

    this.call.on('data', (w: Record<string, unknown>) => this.onMessage(agentMessageFromWire(w)));

    this.serving = true;
    this.send({ welcome: { protocolVersion: AGENT_PROTOCOL_VERSION, heartbeatPeriodMs: this.d.heartbeatPeriodMs, sessionId: this.id, containerInstanceArn: this.hello.containerInstanceArn, containerInsights } });
    this.enqueue(() => this.sendFullSet());

    const limit = this.d.heartbeatPeriodMs * (this.d.opts.missedHeartbeats ?? 3);
    this.idleTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > limit) void this.close({ code: grpc.status.UNAVAILABLE, details: 'no heartbeat from the agent' });
    }, Math.min(limit, 1000));
    await this.done;
  }

  /**
   * The full set as of revision R, then what changes after R: the session subscribes to the assignment
   * feed before it reads the set, so nothing is missed, and drops increments at or below R, so nothing
   * is sent twice. A feed that restarts (compaction, a store failure) asks for the full set again.
   */
  private async sendFullSet(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.closed) return;
    const listener: AssignmentListener = {
      onEvents: (events, rev) => this.enqueue(() => this.sendIncrement(listener, events, rev)),
      onReset: () => this.enqueue(() => this.sendFullSet()),
    };
    this.listener = listener;
    const unsubscribe = await this.d.feed.subscribe(this.instanceId, listener);
    // Closed meanwhile: close() had nothing to end yet.
    if (this.closed) return unsubscribe();
    this.unsubscribe = unsubscribe;
    const { revision, tasks } = await fullAssignmentSet(this.d.ctx, this.instanceId);
    if (this.closed) return;
    this.fullSetRevision = revision;
    this.send({ assignments: { seq: revision, full: true, tasks, removedTaskArns: [] } });
  }

  /** One revision's changes to the instance's assignments (a put carries its task; a delete means STOPPED). */
  private async sendIncrement(from: AssignmentListener, events: WatchEvent[], rev: number): Promise<void> {
    // From a subscription replaced since, or already in the full set.
    if (from !== this.listener || rev <= this.fullSetRevision) return;
    const tasks = [];
    const removedTaskArns: string[] = [];
    const { partition, region, accountId } = this.d.ctx.identity;
    for (const e of events) {
      if (e.type === 'put') {
        const a = await resolveAssignment(this.d.ctx, e.kv);
        if (a) tasks.push(a);
      } else {
        removedTaskArns.push(`arn:${partition}:ecs:${region}:${accountId}:task/${this.cluster}/${parseAssignmentKey(e.key).taskId}`);
      }
    }
    this.send({ assignments: { seq: rev, full: false, tasks, removedTaskArns } });
  }

  private onMessage(m: AgentMessage | null): void {
    this.lastHeard = Date.now();
    if (!m) return;
    if ('heartbeat' in m) this.send({ heartbeat: { ...m.heartbeat, containerInsights: this.d.insights.peek(this.cluster) } });
    else if ('ack' in m) this.log.debug('assignments acknowledged', { seq: m.ack.seq });
    else if ('secretsRequest' in m) void this.answerSecrets(m.secretsRequest.requestId, m.secretsRequest.taskArn);
    else if ('credentialsRequest' in m) void this.answerCredentials(m.credentialsRequest);
    else if ('taskProtectionRequest' in m) void this.answerTaskProtection(m.taskProtectionRequest);
    else if ('statistics' in m) this.statistics.offer(m.statistics);
    else if ('stream' in m) this.streams.onFrame(m.stream);
    else if ('report' in m) {
      this.newestQueued.set(m.report.taskArn, Math.max(m.report.counter, this.newestQueued.get(m.report.taskArn) ?? 0));
      this.enqueue(() => this.applyReport(m.report));
    }
  }

  /** A task's secrets, on this stream only; the values are never logged. */
  private async answerSecrets(requestId: string, taskArn: string): Promise<void> {
    const resolver = this.d.opts.secrets;
    const answer = resolver
      ? await resolver.resolve(this.instanceId, taskArn).catch((e) => ({ taskArn, containers: [], error: `ResourceInitializationError: unable to pull secrets or registry auth: ${(e as Error).message}` }))
      : { taskArn, containers: [], error: 'ResourceInitializationError: unable to pull secrets or registry auth: this control plane serves no secrets' };
    this.send({ secrets: { requestId, ...answer } });
  }

  /** A task's role credentials, on this stream only; never logged. */
  private async answerCredentials({ requestId, ...req }: CredentialsRequest): Promise<void> {
    const issuer = this.d.opts.credentials;
    const answer = issuer
      ? await issuer.issue(this.instanceId, req).catch((e) => ({ ...req, error: `the control plane could not mint credentials: ${(e as Error).message}` }))
      : { ...req, error: 'this control plane serves no task credentials' };
    this.send({ credentials: { requestId, ...answer } });
  }

  /** A task of this instance reads or sets its own scale-in protection (the agent's task-protection endpoint). */
  private async answerTaskProtection(req: TaskProtectionRequest): Promise<void> {
    const answer = await agentTaskProtection(this.d.ctx, this.instanceId, req)
      .catch((e) => ({ requestId: req.requestId, taskArn: req.taskArn, failure: `the control plane could not answer: ${(e as Error).message}` }));
    this.send({ taskProtection: answer });
  }

  private async applyReport(report: TaskStateReport): Promise<void> {
    // Persisted before the ack: an acked report is never lost. Stale ones are acked too, so the
    // agent stops resending them. A report is the task's whole state, so one already superseded by a
    // newer report waiting in this queue is acked without a write: the newer one lands after it (and
    // if this server dies first, the agent resends the newer one, which it has not seen acked).
    const newest = this.newestQueued.get(report.taskArn) ?? 0;
    if (report.counter < newest) {
      this.send({ reportAck: { taskArn: report.taskArn, counter: report.counter } });
      return;
    }
    await this.d.reports.apply(this.instanceId, report);
    if (this.newestQueued.get(report.taskArn) === report.counter) this.newestQueued.delete(report.taskArn);
    this.send({ reportAck: { taskArn: report.taskArn, counter: report.counter } });
  }

  async close(how: { reconnect?: string; code?: grpc.status; details?: string }): Promise<void> {
    if (this.closed) return;
    if (how.reconnect) this.send({ reconnect: { reason: how.reconnect } });
    this.closed = true;
    this.closedBecause = how.reconnect ?? how.details ?? 'stream ended';
    this.serving = false;
    this.streams.closeAll('The agent of the task\'s container instance disconnected.');
    this.writer.close();
    this.statistics.close();
    clearInterval(this.idleTimer);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.lease?.revoke().catch(() => {});
    if (how.code !== undefined) fail(this.call, how.code, how.details ?? '');
    else this.call.end();
    this.resolveDone();
  }
}
