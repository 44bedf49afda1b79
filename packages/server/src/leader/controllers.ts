// The controllers that must run on one replica only (services, cluster counts, task and event retention,
// compaction, the metric history, CloudWatch alarms and the auto scaler they invoke), started when this replica wins the leader election and stopped when it loses it. They write through a
// fenced store: every transaction they make also compares the leader key's modRevision of the term they
// started under, and stamps LEADER_WRITE_KEY with that term, so a replica that was paused past its TTL and
// wakes up still believing it leads cannot write (the store rejects the transaction), and the store's
// history shows which term made every controller write (the HA test checks it against the terms).
//
// Not fenced, and run on every replica: agent connectivity (its writes compare the instance record and the
// session key, so exactly one replica records each change) and the API and agent streams.
// Retention deletes compare what they read, so doubled sweeps would be harmless; they run on the leader to
// avoid the doubled work, and are fenced like the rest because it costs nothing. Compaction is not a
// transaction (and compacting twice is harmless), so it is leader-only but unfenced.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Compare, Store, TxnRequest, TxnResult } from '@berth/store';
import type { ServerContext } from '../context.js';
import { LEADER_TERMS_PREFIX, LEADER_WRITE_KEY, type LeaderTerm, type LeaderWriteStamp } from '../state/leader.js';
import { LeaderElection } from './election.js';
import { startServiceController, type ServiceController, type ServiceControllerOptions } from '../controllers/leader/services.js';
import { startClusterStats, type ClusterStatsController } from '../controllers/leader/cluster-stats.js';
import { startRetention } from '../controllers/leader/retention.js';
import { startEventRetention } from '../controllers/leader/event-retention.js';
import { startCompaction, type CompactionOptions } from '../controllers/leader/compaction.js';
import { managedScalingPass } from '../capacity/managed-scaling-pass.js';
import { startProvisioner, type Provisioner, type ProvisionerOptions } from '../capacity/provisioner.js';
import { startMetricHistory, type MetricHistoryController, type MetricHistoryOptions, DEFAULT_METRIC_PERIOD_MS } from '../controllers/leader/metric-history.js';
import { alarmEvaluator } from '../controllers/leader/alarms.js';
import { startScaler } from '../controllers/leader/scaler.js';
import { startRuleEngine, type RuleEngine, type RuleEngineOptions } from '../controllers/leader/rule-engine.js';
import { startScheduler, type ScheduleRunner, type SchedulerOptions } from '../controllers/leader/scheduler.js';
import { startLifecycleHookRunner, type LifecycleHookRunner, type LifecycleHookRunnerOptions } from '../controllers/leader/lifecycle-hooks.js';

export interface LeaderControllersOptions {
  /** The leader lease TTL: a dead leader is replaced within about this (default 10 s). */
  ttlSeconds?: number;
  /** This replica's name in the leader key and term records (default HOSTNAME/PID/random). */
  replicaId?: string;
  services?: ServiceControllerOptions;
  compaction?: CompactionOptions;
  taskRetentionSeconds?: number;
  eventRetentionSeconds?: number;
  /** The metric history's period and retention. */
  metrics?: MetricHistoryOptions;
  /** EventBridge rules: the rule engine's rate limit (and a test hook). */
  ruleEngine?: RuleEngineOptions;
  /** EventBridge Scheduler's runner: its clock and tick (and a test hook). */
  scheduler?: SchedulerOptions;
  /** Deployments' lifecycle hooks: the runner's tick and how hook tasks run. */
  lifecycleHooks?: LifecycleHookRunnerOptions;
  /** Tasks waiting PROVISIONING for a capacity provider's machines: how long they may wait. */
  provisioning?: ProvisionerOptions;
}

/** Thrown by a fenced write once this replica knows its term is over (the store would reject it anyway). */
export class LeaderTermOverError extends Error {
  constructor(term: number) {
    super(`leader term ${term} is over: controller writes are not allowed`);
    this.name = 'LeaderTermOverError';
  }
}

/**
 * A view of `store` whose writes are all fenced by `fence()` (and stamped); reads and watches pass through.
 * `onRejected` is called when a write failed because the fence did not hold.
 */
export function fencedStore(store: Store, fence: () => Compare & { modRevision: number }, holder: string, onRejected: (term: number) => void): Store {
  const txn = async (req: TxnRequest): Promise<TxnResult> => {
    // A failure branch would run exactly when the fence fails: not allowed for a controller.
    if (req.failure?.length) throw new Error('a fenced controller write cannot have a failure branch');
    const f = fence();
    const stamp: LeaderWriteStamp = { term: f.modRevision, holder };
    // Only a write is stamped: a decision to write nothing (commitWithRetry's noWrite, which a controller
    // with nothing to do returns every tick) keeps its fence and its compares, and leaves the store as it was.
    const success = req.success.length === 0 ? [] : [...req.success, { put: LEADER_WRITE_KEY, value: JSON.stringify(stamp) }];
    const res = await store.txn({ compare: [...req.compare, f], success });
    if (!res.succeeded && (await store.get(f.key).catch(() => null))?.modRevision !== f.modRevision) onRejected(f.modRevision);
    return res;
  };
  const put: Store['put'] = async (key, value, opts) => {
    const r = await txn({ compare: [], success: [{ put: key, value, ...(opts?.lease ? { lease: opts.lease } : {}) }] });
    if (!r.succeeded) throw new LeaderTermOverError(fence().modRevision);
    return { revision: r.revision };
  };
  const del: Store['delete'] = async (key) => {
    const had = (await store.get(key)) !== null;
    const r = await txn({ compare: [], success: [{ delete: key }] });
    if (!r.succeeded) throw new LeaderTermOverError(fence().modRevision);
    return { revision: r.revision, deleted: had ? 1 : 0 };
  };
  return new Proxy(store, {
    get(target, p) {
      if (p === 'txn') return txn;
      if (p === 'put') return put;
      if (p === 'delete') return del;
      const v = Reflect.get(target, p, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** The term records kept (one is written per election: bounded, but not by much without this). */
export const KEEP_TERMS = 100;

async function pruneTerms(ctx: ServerContext): Promise<void> {
  const { kvs } = await ctx.store.range(LEADER_TERMS_PREFIX);
  const old = kvs.slice(0, Math.max(0, kvs.length - KEEP_TERMS));
  for (let i = 0; i < old.length; i += 100) await ctx.store.txn({ compare: [], success: old.slice(i, i + 100).map((kv) => ({ delete: kv.key })) });
}

export const defaultReplicaId = () => `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;

export class LeaderControllers {
  readonly election: LeaderElection;
  /** Controller writes the store rejected because this replica's term was over (tests, diagnostics). */
  rejectedWrites = 0;
  /** Controller writes not even sent, because this replica already knew its term was over. */
  refusedWrites = 0;
  private run?: {
    term: LeaderTerm; active: boolean; stop(): Promise<void>;
    clusterStats?: ClusterStatsController; services?: ServiceController; metrics?: MetricHistoryController; ruleEngine?: RuleEngine; scheduler?: ScheduleRunner; lifecycleHooks?: LifecycleHookRunner;
    provisioner?: Provisioner;
  };
  /** Starts and stops happen in order. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ServerContext, private readonly opts: LeaderControllersOptions = {}) {
    this.election = new LeaderElection(ctx.store, {
      id: opts.replicaId ?? defaultReplicaId(),
      ...(opts.ttlSeconds !== undefined ? { ttlSeconds: opts.ttlSeconds } : {}),
      log: ctx.log,
      onElected: (term) => this.enqueue(() => this.startAll(term)),
      onDeposed: (term) => {
        // At once, before anything awaits: from here on this term's writes are refused locally too.
        if (this.run?.term === term) this.run.active = false;
        this.enqueue(() => this.stopAll());
      },
    });
  }

  get isLeader(): boolean {
    return this.election.isLeader();
  }

  /** Writes the cluster counts aggregated so far, when this replica leads (tests; a timer does it every second). */
  async flushClusterStats(): Promise<void> {
    await this.run?.clusterStats?.flush();
  }

  /** Derives and writes one period of the metric history now and evaluates the alarms on it, when this replica leads (tests; a timer does it every period). */
  async tickMetrics(): Promise<void> {
    await this.run?.metrics?.tick();
  }

  /** Runs what is due on the scheduler's clock now, when this replica leads (tests; a timer does it every tick). */
  async tickScheduler(): Promise<void> {
    await this.run?.scheduler?.tick();
  }

  /** Calls the lifecycle hooks due now and waits for their answers, when this replica leads (tests; a timer does it every tick). */
  async tickLifecycleHooks(): Promise<void> {
    await this.run?.lifecycleHooks?.tick();
    await this.run?.lifecycleHooks?.idle();
  }

  /** Resolves when the rule engine has processed every event it was handed (tests; at once when not leading). */
  async ruleEngineIdle(): Promise<void> {
    await this.run?.ruleEngine?.idle();
  }

  /** Whether the rule engine watches the events (some rule has a pattern) or idles (tests; undefined when not leading). */
  ruleEngineWatching(): boolean | undefined {
    return this.run?.ruleEngine?.watching;
  }

  /** Entries of the leader controllers' in-memory maps, by controller and map (empty when not leading). */
  sizes(): Record<string, number> {
    const prefixed = (name: string, sizes: Record<string, number> | undefined) => Object.entries(sizes ?? {}).map(([k, n]) => [`${name}.${k}`, n] as const);
    return Object.fromEntries([...prefixed('services', this.run?.services?.sizes()), ...prefixed('clusterStats', this.run?.clusterStats?.sizes()), ...prefixed('metrics', this.run?.metrics?.sizes()), ...prefixed('provisioner', this.run?.provisioner?.sizes())]);
  }

  async start(): Promise<void> {
    await this.election.start();
    // A lone replica leads as soon as startServer returns (its first campaign has run).
    await this.election.settled();
    await this.chain;
  }

  /** SIGTERM: resign first (another replica takes over at once), then stop the controllers. */
  async close(): Promise<void> {
    await this.election.stop();
    this.enqueue(() => this.stopAll());
    await this.chain;
  }

  private enqueue(f: () => Promise<void>): void {
    this.chain = this.chain.then(f).catch((e) => this.ctx.log.error('leader controllers failed to start or stop', { error: String((e as Error)?.message ?? e) }));
  }

  private async startAll(term: LeaderTerm): Promise<void> {
    await this.stopAll();
    if (this.election.term !== term) return;
    const run: NonNullable<typeof this.run> = { term, active: true, stop: async () => {} };
    this.run = run;
    const fence = () => {
      if (!run.active) {
        if (this.refusedWrites++ === 0) this.ctx.log.info('controller write refused: the leader term is over', { replica: this.election.id, term: term.revision });
        throw new LeaderTermOverError(term.revision);
      }
      return this.election.fenceOf(term);
    };
    const onRejected = (t: number) => {
      this.rejectedWrites++;
      this.ctx.log.warn('controller write rejected by the leader fence: this replica no longer leads', { replica: this.election.id, term: t, rejectedWrites: this.rejectedWrites });
    };
    const ctx: ServerContext = { ...this.ctx, store: fencedStore(this.ctx.store, fence, this.election.id, onRejected) };
    const retentionSeconds = this.opts.taskRetentionSeconds ?? 3600;
    const retention = startRetention(ctx, { retentionSeconds, intervalMs: Math.min(60_000, Math.max(200, retentionSeconds * 250)) });
    const eventRetention = startEventRetention(ctx, { retentionSeconds: this.opts.eventRetentionSeconds ?? 3600 });
    const compaction = startCompaction(ctx, this.opts.compaction);
    const services = startServiceController(ctx, this.opts.services);
    const clusterStats = startClusterStats(ctx);
    // Each period: the datapoints, then the alarms on them, then the scaling policies they invoke.
    const minuteMs = this.opts.metrics?.periodMs ?? DEFAULT_METRIC_PERIOD_MS;
    const scaler = startScaler(ctx, { minuteMs });
    const alarms = alarmEvaluator(ctx, { minuteMs, invoke: scaler.invoke });
    // Tasks waiting for capacity are placed when a machine of their provider has room, or time out; the
    // machines they need count in their providers' reservations, datapoints of the same period (which
    // call their scale hooks).
    const provisioner = startProvisioner(ctx, this.opts.provisioning);
    const managedScaling = managedScalingPass(ctx, provisioner.waitingMachines);
    const metrics = startMetricHistory(ctx, this.opts.metrics, alarms.evaluateAll, managedScaling.points);
    const ruleEngine = startRuleEngine(ctx, this.opts.ruleEngine);
    const scheduler = startScheduler(ctx, this.opts.scheduler);
    const lifecycleHooks = startLifecycleHookRunner(ctx, this.opts.lifecycleHooks);
    run.lifecycleHooks = lifecycleHooks;
    run.ruleEngine = ruleEngine;
    run.scheduler = scheduler.runner;
    run.clusterStats = clusterStats;
    run.services = services;
    run.metrics = metrics;
    run.provisioner = provisioner;
    run.stop = async () => {
      run.active = false;
      await provisioner.stop();
      retention.stop();
      eventRetention.stop();
      await compaction.stop();
      metrics.stop();
      await services.stop();
      await clusterStats.stop();
      scheduler.stop();
      await lifecycleHooks.stop();
      await ruleEngine.stop();
    };
    this.ctx.log.info('controllers started', { replica: this.election.id, term: term.revision });
    void pruneTerms(ctx).catch(() => undefined);
  }

  private async stopAll(): Promise<void> {
    const run = this.run;
    this.run = undefined;
    if (!run) return;
    await run.stop();
    this.ctx.log.info('controllers stopped', { replica: this.election.id, term: run.term.revision });
  }
}
