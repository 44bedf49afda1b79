// berth-server as a library: open the store, settle the identity, serve gRPC. main.ts parses flags and
// calls this; tests call it in-process with port 0.
import * as grpc from '@grpc/grpc-js';
import { AWS_APIS, IAM_API, type ApiModel } from '@berth/core';
import { CallStages } from './call-stages.js';
import { AdmissionGate, CallMetrics, EventLoopLoad, DEFAULT_ADMISSION, defaultHooks, type AdmissionLimits, grpcHandlers, grpcServiceDefinition, serverCredentials, withRequestBytes, type ActionTable, type CallHooks, type CallRecord } from '@berth/api';
import { TimedStore, WorkerStore, openStore, type Store } from '@berth/store';
import type { Identity } from '@berth/core';
import { initStore } from './state/schema.js';
import { actionTables } from './api.js';
import type { ServerContext } from './context.js';
import { createLogger, type Logger } from '@berth/api';
import { Dispatcher, type DispatcherOptions } from './dispatch/dispatcher.js';
import { InstanceCache } from './informers/instances.js';
import { IamInformer } from './informers/iam.js';
import { TaskDefinitionInformer } from './informers/task-definitions.js';
import { RecordInformer } from './informers/records.js';
import { CLUSTERS_PREFIX } from './state/clusters.js';
import { startAwsListener, type AwsLimits, type AwsListener } from './aws/listener.js';
import { installFiles } from './install/install-files.js';
import { invokingActionTable } from './handlers/eventbridge/invoking.js';
import { capacityActionTable } from './handlers/scale-hooks.js';
import { deploymentHooksActionTable } from './handlers/deployment-hooks.js';
import type { ScaleHookSettings } from './capacity/scale-hook-runner.js';
import { webhookReceiver } from './invoking/webhook-receiver.js';
import { AuditFile, type AuditFileOptions } from './audit/audit-file.js';
import { SecretBox, checkSecretsKey, defaultSecretsKeyPath, loadSecretsKey } from './auth/secrets-key.js';
import { AccessKeys, berthIamService } from './auth/access-keys.js';
import { bootstrapStore, checkBootstrapTarget, takeBackAdmin, writeBootstrapConfig, type AdminKey } from './auth/bootstrap.js';
import { actionScope, policyCheck } from './auth/authorization.js';
import { SecretsManager } from './secrets/secrets-manager.js';
import { ParameterStore } from './secrets/parameter-store.js';
import { TaskSecretsResolver } from './secrets/task-secrets.js';
import { TaskCredentialsIssuer } from './auth/task-credentials.js';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { EventStreams, type EventStreamOptions } from './events/stream.js';
import { AgentConnectivity } from './controllers/every-replica/agent-connectivity.js';
import type { ServiceControllerOptions } from './controllers/leader/services.js';
import type { CompactionOptions } from './controllers/leader/compaction.js';
import type { RuleEngineOptions } from './controllers/leader/rule-engine.js';
import type { SchedulerOptions } from './controllers/leader/scheduler.js';
import type { LifecycleHookRunnerOptions } from './controllers/leader/lifecycle-hooks.js';
import { LeaderControllers } from './leader/controllers.js';
import { startConsoleListener, type ConsoleListener } from './console/listener.js';
import { ConsoleSessions, type ConsoleSessionOptions } from './console/sessions.js';
import { advertisedHosts, tlsMaterial, type TlsMaterial } from './fleet/cluster-ca.js';
import type { CertificateAuthority } from './fleet/certificates.js';
import { FleetService, type FleetOptions } from './fleet/join-service.js';
import { authorizeCertificates } from './fleet/certificate-callers.js';
import { CertificateRevocations } from './fleet/revocations.js';
import { LogService, type LogServiceOptions } from './logs/log-service.js';
import type { LogStore } from '@berth/log-store';
import { defaultReplicaId } from './leader/controllers.js';
import { ServerMetrics } from './metrics/server-metrics.js';
import { agentTargets } from './metrics/service-discovery.js';
import { prometheusClient } from './metrics/prometheus-query.js';
import { checkScrapeExposure, listenForScrapes, scrapeHandler, type ScrapeListener } from '@berth/api';
import { TaskIoService } from './task-io/task-io-service.js';

export interface ServerOptions {
  /** host:port for gRPC; port 0 picks a free port. Default 127.0.0.1:7420. */
  listen?: string;
  /** `file:PATH` or `etcd://HOST:PORT[,HOST:PORT]`, or an open Store (tests). */
  store: string | Store;
  /**
   * Called if the store the server opened dies for good (its worker thread): berth-server exits non-zero so
   * its supervisor restarts it, rather than serving nothing but errors.
   */
  onStoreLost?: (err: Error) => void;
  region?: string;
  accountId?: string;
  log?: Logger;
  /** Agent sessions: heartbeat period, session lease TTL, how long a stalled stream is kept. */
  agents?: DispatcherOptions;
  /** WatchEvents streams: the per-client buffer cap. */
  events?: EventStreamOptions;
  /** STOPPED tasks leave the store this long after they stopped (default 3600 s, as ECS). */
  taskRetentionSeconds?: number;
  /** ECS events leave the store this long after they were written (default 3600 s). */
  eventRetentionSeconds?: number;
  /** EventBridge's rule engine: each rule's invocation rate limit (and a test hook). */
  ruleEngine?: RuleEngineOptions;
  /** EventBridge Scheduler's runner: its clock and tick (and a test hook). */
  scheduler?: SchedulerOptions;
  /** Deployments' lifecycle hooks: the runner's tick (default 1 s). */
  lifecycleHooks?: LifecycleHookRunnerOptions;
  /**
   * How long one minute of the durations AWS's APIs take in minutes lasts here: the metric history's period,
   * alarm periods, scaling cooldowns, deployment bake times, task protection expiry (default 60,000 ms; tests
   * shorten it so nothing waits real minutes).
   */
  awsMinuteMs?: number;
  /** How long a task may wait PROVISIONING for its capacity provider's machines before it is stopped (default 30 minutes). */
  provisioningTimeoutMs?: number;
  /** CloudWatch datapoints are kept this long (default 24 h). */
  metricRetentionSeconds?: number;
  /**
   * Prometheus's base URL (http://HOST:PORT): a metric-math `Expression` in an alarm's or a target-tracking
   * policy's `Metrics` is evaluated as PromQL there. Absent: such an Expression is refused, naming the member.
   */
  prometheusUrl?: string;
  /**
   * The AWS listener (ECS, STS, IAM... for `aws --endpoint-url` and the AWS SDKs): SigV4 against Berth's
   * access keys (none with `insecure`). `tls`: HTTPS with this replica's certificate from the cluster CA
   * (clients trust the CA: `aws --ca-bundle`, the SDKs' custom CA); otherwise plain HTTP. Absent: not served.
   */
  ecsJson?: {
    listen: string;
    tls?: boolean;
    /**
     * The URL tasks reach this listener at (their AWS_ENDPOINT_URL, set by the agent with their role
     * credentials). Default: http(s)://HOST:PORT of the bound address, the first --advertise name (else
     * the host name) for a wildcard one.
     */
    advertise?: string;
  };
  /** Tasks' role credentials: how long each lasts (default 6 h, as ECS's; agents ask again past half). */
  taskCredentials?: { lifetimeSeconds?: number };
  /**
   * The AWS listener also serves /install.sh, the cluster CA and the packages in this directory, their list
   * signed by the CA (install/install-files.ts). Needs the cluster CA: not with `insecure`.
   */
  installDir?: string;
  /**
   * Development only (--insecure): no TLS and no authentication on either listener, each bound to loopback
   * (asked to listen elsewhere, the server refuses to start). Absent: gRPC is TLS from the cluster CA,
   * every call is signed with an access key or made with a machine's certificate, and the AWS listener
   * verifies SigV4.
   */
  insecure?: boolean;
  /**
   * The CLI config the first start writes (the admin's access key, this replica's address, the CA): see
   * auth/bootstrap.ts. Never overwritten.
   */
  bootstrapConfig?: string;
  /**
   * The secrets key file (created if missing) that encrypts access-key secrets in the store. Default: next
   * to a file store, else ~/.berth/secrets.key. With a Store object and no path, an ephemeral key (tests).
   */
  secretsKeyPath?: string;
  /** The services controller's timers (settle time, start throttling, resync), with ECS's defaults. */
  services?: ServiceControllerOptions;
  /** etcd history compaction: how often, and how many recent revisions are kept (default every 5 min, 10,000). */
  compaction?: CompactionOptions;
  /** Leader election for the controllers: a dead leader is replaced within about this (default 10 s). */
  leaderTtlSeconds?: number;
  /** This replica's name in the store's leader records (default HOSTNAME/PID/random). */
  replicaId?: string;
  /** The AWS listener's limits (connections, timeouts, body sizes per API). */
  awsLimits?: Partial<AwsLimits>;
  /** The gRPC listener's limits. */
  grpc?: Partial<GrpcLimits>;
  /** Calls worked on at once, and how many may wait how long for a turn (api/admission.ts), on every transport. */
  admission?: Partial<AdmissionLimits>;
  /**
   * The audit trail (issue 16 §7): a file of JSON lines, rotated by size. Absent: `audit` lines in the log.
   */
  auditLog?: { path: string } & AuditFileOptions;
  /** More observers of every call (after metrics, audit and logging), on every transport. */
  observers?: ((record: CallRecord) => void)[];
  /** Replaces the policy check (auth/authorization.ts) that decides every call on every transport (tests record decisions). */
  authorize?: CallHooks['authorize'];
  /**
   * The gRPC listener's TLS (on unless `insecure`): this replica's certificate from the cluster CA; client
   * certificates are requested (agents and other machines authenticate by them) and an agent stream
   * without one is refused. (With `insecure` the cluster CA is created at the first join token.)
   */
  tls?: {
    /** Names the replica is reached by, in its certificate (default: listen address, host name, localhost). */
    advertise?: string[];
    /** Use this CA (PEM certificate and key) instead of creating one; stored for the other replicas. */
    ca?: { certPem: string; keyPem: string };
  };
  /** Joins: certificate lifetime, rate limits. */
  fleet?: FleetOptions;
  /**
   * The log store CloudWatch Logs' API serves (`file:PATH`, default beside a file state store, for one
   * replica; `clickhouse://HOST:8123/DB` for several), or an open LogStore. With a Store object and none
   * given, CloudWatch Logs is not served.
   */
  logs?: LogServiceOptions;
  /**
   * The metrics listener (--metrics-listen): /metrics and Prometheus's service discovery of the agents at
   * /prometheus/sd. Beyond loopback it requires `token` (--metrics-token-file). Absent: not served.
   */
  metricsListener?: { listen: string; token?: string };
  /**
   * The web console (--console-listen): plain HTTP on loopback, HTTPS with this replica's certificate from
   * the cluster CA elsewhere (so not beyond loopback under --insecure); `tls` says which, whatever the
   * address (HTTPS needs the CA: not under --insecure). Absent: not served.
   */
  console?: { listen: string; tls?: boolean; keepAliveMs?: number } & ConsoleSessionOptions;
  /** Scale hooks (issue 22 §6): the directory of their commands, the URL prefixes webhooks may go to. Absent: none can be called. */
  scaleHooks?: ScaleHookSettings;
}

export interface GrpcLimits {
  /** Largest message a client may send (default 4 MiB: a 1 MiB ECS request with room to spare). */
  maxReceiveMessageBytes: number;
  /** Largest message the server sends (default 64 MiB: an agent's full assignment set). */
  maxSendMessageBytes: number;
  /**
   * Concurrent streams per HTTP/2 connection (default 10,000). grpc-js multiplexes every client of one
   * process on one connection, so a simulated fleet's thousand agent streams share one.
   */
  maxConcurrentStreams: number;
}

export const DEFAULT_GRPC_LIMITS: GrpcLimits = { maxReceiveMessageBytes: 4 * 1024 * 1024, maxSendMessageBytes: 64 * 1024 * 1024, maxConcurrentStreams: 10_000 };

export interface RunningServer {
  /** The address actually bound (with the real port when 0 was asked). */
  addr: string;
  port: number;
  /** With TLS: the cluster CA's certificate (PEM) and fingerprint (what join tokens pin). */
  ca?: { certPem: string; fingerprint: string };
  /** The AWS listener's bound address, when it is served. */
  ecsAddr?: string;
  /** The AWS listener, when it is served (its stats say what its limits bound). */
  aws?: AwsListener;
  /** The log store CloudWatch Logs' API serves, when there is one. */
  logs?: LogStore;
  /** Calls and errors per API action, on every transport (the metrics hook of the chain). */
  metrics: CallMetrics;
  /** The Prometheus metrics this replica serves (docs/metrics.md). */
  prometheus: ServerMetrics;
  /** The metrics listener's bound address, when it is served. */
  metricsAddr?: string;
  /** The web console's address as a browser opens it (`http://127.0.0.1:7422`), when it is served. */
  consoleUrl?: string;
  /** Admission of calls: how many run and wait, and how many were refused (ThrottlingException). */
  admission: AdmissionGate;
  /** Where API calls' time goes, stage by stage (call-stages.ts). */
  stages: CallStages;
  ctx: ServerContext;
  dispatcher: Dispatcher;
  /** The WatchEvents streams. */
  events: EventStreams;
  /** Records agent connects and disconnects on the instances (with their events). */
  connectivity: AgentConnectivity;
  /** The leader election and the controllers it runs on this replica while it leads. */
  leader: LeaderControllers;
  /**
   * Entries of each in-memory map keyed by service, instance, cluster or session, by name (tests: each
   * shrinks back when what it tracks goes).
   */
  memoryFootprint(): Record<string, number>;
  /** Stop serving, then close the store (if the server opened it). */
  close(): Promise<void>;
}

export const DEFAULT_LISTEN = '127.0.0.1:7420';
/** How long after a server begins to close it lets its running gRPC calls finish before it cuts them. */
const GRPC_DRAIN_MS = 3_000;
/** The metrics listener's default: loopback, beside gRPC (7420), the AWS listener (7421) and the console (7422). */
export const DEFAULT_METRICS_LISTEN = '127.0.0.1:7423';

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

const isWildcard = (host: string) => ['0.0.0.0', '::', '[::]', ''].includes(host);

/** --insecure binds loopback only: asked for any other address, the server refuses to start. */
function refuseBeyondLoopback(addrs: string[]): void {
  for (const a of addrs) {
    const { host } = splitHostPort(a);
    if (!isLoopback(host)) throw new Error(`--insecure serves without authentication and listens on loopback only; refusing to listen on ${a}`);
  }
}

export function splitHostPort(addr: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(addr);
  if (!m) throw new Error(`listen address must be HOST:PORT (got ${addr})`);
  return { host: m[1] || '0.0.0.0', port: Number(m[2]) };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.log ?? createLogger();
  const listen = opts.listen ?? DEFAULT_LISTEN;
  const { host } = splitHostPort(listen);
  const insecure = opts.insecure === true;
  if (insecure) refuseBeyondLoopback([listen, ...(opts.ecsJson ? [opts.ecsJson.listen] : []), ...(opts.console ? [opts.console.listen] : [])]);
  if (insecure && opts.ecsJson?.tls) throw new Error('--insecure serves no TLS: --ecs-tls does not go with it');
  if (insecure && opts.console?.tls) throw new Error('--insecure serves no TLS: the console cannot serve HTTPS');
  if (opts.installDir && !opts.ecsJson) throw new Error('--install-dir is served on the AWS listener: not with --ecs-listen off');
  if (insecure && opts.installDir) throw new Error('--insecure has no cluster CA to vouch for the packages: --install-dir does not go with it');
  if (insecure && opts.tls) throw new Error('--insecure serves no TLS: --advertise and --ca-cert/--ca-key do not go with it');
  const metricsAt = opts.metricsListener && { ...splitHostPort(opts.metricsListener.listen), token: opts.metricsListener.token };
  if (metricsAt) checkScrapeExposure(metricsAt.host, metricsAt.token, '--metrics-token-file');
  const prometheus = new ServerMetrics();
  const ownsStore = typeof opts.store === 'string';
  const opened = typeof opts.store === 'string' ? await openStore(opts.store) : opts.store;
  if (ownsStore && opened instanceof WorkerStore) {
    opened.onFailure((err) => {
      log.error('the state store died; this server cannot go on without it', { error: err.message });
      opts.onStoreLost?.(err);
    });
  }
  // Every store call the server waits on is timed (berth_server_store_operation_duration_seconds).
  // The same timings feed the stage figures (call-stages.ts): the store's round trips beside the calls' stages.
  const stages = new CallStages();
  const store: Store = new TimedStore(opened, (method, seconds, failed) => {
    prometheus.storeTiming(method, seconds, failed);
    stages.store(method, seconds * 1000);
  });
  let identity: Identity;
  try {
    identity = await initStore(store, { ...(opts.region ? { region: opts.region } : {}), ...(opts.accountId ? { accountId: opts.accountId } : {}) }, log);
  } catch (e) {
    if (ownsStore) await store.close();
    throw e;
  }
  const ctx: ServerContext = {
    store, identity, log, now: () => Date.now() / 1000, instances: new InstanceCache(store, log), iam: new IamInformer(store, log), metrics: prometheus,
    taskDefinitions: new TaskDefinitionInformer(store, log), clusters: new RecordInformer(store, [CLUSTERS_PREFIX], log, 'clusters'),
    ...(opts.awsMinuteMs !== undefined ? { awsMinuteSeconds: opts.awsMinuteMs / 1000 } : {}),
    ...(opts.eventRetentionSeconds !== undefined ? { eventRetentionSeconds: opts.eventRetentionSeconds } : {}),
    ...(opts.scaleHooks ? { scaleHooks: opts.scaleHooks } : {}),
    ...(opts.prometheusUrl !== undefined ? { promql: prometheusClient(opts.prometheusUrl) } : {}),
  };
  let box: SecretBox;
  try {
    const keyPath = opts.secretsKeyPath ?? (typeof opts.store === 'string' ? defaultSecretsKeyPath(opts.store) : undefined);
    if (keyPath) {
      const loaded = loadSecretsKey(keyPath);
      if (loaded.created) log.info('secrets key created', { path: keyPath });
      await checkSecretsKey(store, loaded.box, keyPath);
      box = loaded.box;
    } else {
      box = new SecretBox(randomBytes(32));
    }
  } catch (e) {
    if (ownsStore) await store.close();
    throw e;
  }
  const accessKeys = new AccessKeys(ctx, box);
  let awsEndpoint: string | undefined;
  const taskCredentials = new TaskCredentialsIssuer(ctx, box, { ...opts.taskCredentials, awsEndpoint: () => awsEndpoint });
  // SigV4's keys: IAM users' access keys, and tasks' temporary credentials (ASIA...).
  const keys = (id: string) => (id.startsWith('ASIA') ? taskCredentials.lookup(id) : accessKeys.lookup(id));
  let logService: LogService | undefined;
  try {
    logService = await LogService.start(store, typeof opts.store === 'string' ? opts.store : undefined, opts.replicaId ?? defaultReplicaId(), log, opts.logs ?? {});
  } catch (e) {
    if (ownsStore) await store.close();
    throw e;
  }
  const secretsManager = new SecretsManager(ctx, box);
  const parameterStore = new ParameterStore(ctx, box);
  // With TLS the CA is needed at once (this replica's certificate), created with the admin on a first
  // start (one transaction: auth/bootstrap.ts); without, at the first join token.
  let tls: TlsMaterial | undefined;
  let admin: AdminKey | undefined;
  try {
    if (!insecure) {
      await checkBootstrapTarget(ctx, opts.bootstrapConfig);
      const boot = await bootstrapStore(ctx, box, opts.bootstrapConfig ? accessKeys : undefined, opts.tls?.ca ? { given: opts.tls.ca } : {});
      admin = boot.admin;
      tls = await tlsMaterial(boot.ca, log, advertisedHosts(host, opts.tls?.advertise));
    }
  } catch (e) {
    await takeBackAdmin(ctx, accessKeys, admin);
    await logService?.close();
    if (ownsStore) await store.close();
    throw e;
  }
  let ca: Promise<CertificateAuthority> | undefined = tls && Promise.resolve(tls.ca);
  const caOnUse = () => (ca ??= bootstrapStore(ctx, box, undefined).then((b) => b.ca, (e) => {
    ca = undefined;
    throw e;
  }));
  const fleet = new FleetService(ctx, caOnUse, opts.fleet);

  const grpcLimits = { ...DEFAULT_GRPC_LIMITS, ...opts.grpc };
  const server = new grpc.Server({
    'grpc.max_receive_message_length': grpcLimits.maxReceiveMessageBytes,
    'grpc.max_send_message_length': grpcLimits.maxSendMessageBytes,
    'grpc.max_concurrent_streams': grpcLimits.maxConcurrentStreams,
  });
  // One hook chain for every call of every API on every transport.
  const metrics = new CallMetrics();
  const auditFile = opts.auditLog ? new AuditFile(opts.auditLog.path, opts.auditLog) : undefined;
  const base = defaultHooks(log, metrics, auditFile?.write);
  // Machines (client certificates) are authorized by what their kind does; everyone else by the policy
  // check (auth/authorization.ts: IAM users' policies; callers without an identity only with --insecure).
  const authorize = authorizeCertificates(store, identity, opts.authorize ?? policyCheck(ctx, { allowAnonymousCallers: insecure }));
  ctx.authorize = authorize;
  // Admission reads the event loop (api/event-loop-load.ts): an overloaded server refuses API calls at once.
  const loopLoad = new EventLoopLoad();
  const admission = new AdmissionGate({ ...DEFAULT_ADMISSION, ...opts.admission }, () => loopLoad.signals());
  const hooks: CallHooks = {
    scope: actionScope(ctx, secretsManager), authorize, observers: [...base.observers, prometheus.observeCall, stages.observe, ...(opts.observers ?? [])], admit: (ticket) => admission.admit(ticket), late: (ticket, arrivedAt) => admission.lateRefusal(ticket, arrivedAt),
    grpcAuthentication: { keys, allowUnsigned: insecure },
  };
  // Every service keeps each request's bytes: a signed call is verified against what arrived.
  const addService = (def: grpc.ServiceDefinition, impl: grpc.UntypedServiceImplementation) => server.addService(withRequestBytes(def), impl);
  const tables = new Map<ApiModel, ActionTable>((Object.values(AWS_APIS) as ApiModel[]).map((api) => [api, { api, handlers: {} }]));
  for (const t of actionTables(ctx, accessKeys, secretsManager, parameterStore, logService?.logs, { ...(opts.metricRetentionSeconds !== undefined ? { metricRetentionSeconds: opts.metricRetentionSeconds } : {}) })) tables.set(t.api, t);
  for (const table of tables.values()) addService(grpcServiceDefinition(table.api), grpcHandlers(table, hooks));
  addService(grpcServiceDefinition(fleet.table().api), grpcHandlers(fleet.table(), hooks));
  const invoking = invokingActionTable(ctx, () => awsEndpoint);
  addService(grpcServiceDefinition(invoking.api), grpcHandlers(invoking, hooks));
  const capacity = capacityActionTable(ctx, opts.scaleHooks);
  addService(grpcServiceDefinition(capacity.api), grpcHandlers(capacity, hooks));
  const deploymentHooks = deploymentHooksActionTable(ctx);
  addService(grpcServiceDefinition(deploymentHooks.api), grpcHandlers(deploymentHooks, hooks));
  const dispatcher = new Dispatcher(ctx, hooks, {
    ...opts.agents, requireCertificate: tls !== undefined, secrets: new TaskSecretsResolver(ctx, secretsManager, parameterStore), credentials: taskCredentials,
  });
  addService(dispatcher.definition(), dispatcher.handlers());
  // berth logs TASK and berth exec, over the agent sessions (passed on to the replica holding one).
  const taskIo = new TaskIoService(ctx, hooks, dispatcher, tls && { caPem: tls.ca.certPem });
  addService(taskIo.definition(), taskIo.handlers());
  const iam = berthIamService(tables.get(IAM_API)!, hooks);
  addService(iam.definition, iam.handlers);
  const events = new EventStreams(ctx, hooks, opts.events);
  addService(events.definition(), events.handlers());
  prometheus.readFrom({ leaderTerm: () => leader.election.term?.revision, agentSessions: () => dispatcher.size });
  const connectivity = new AgentConnectivity(ctx);
  // Without it only connect/disconnect events are missing: log, and serve anyway.
  await connectivity.start().catch((e) => log.warn('agent connectivity watch could not start', { error: String((e as Error)?.message ?? e) }));
  // Without it a revoked machine's open streams stay open (its calls and new streams are refused): log.
  const revocations = new CertificateRevocations(ctx, events);
  await revocations.start().catch((e) => log.warn('certificate revocation watch could not start', { error: String((e as Error)?.message ?? e) }));
  // Every replica serves; the one that wins the election runs the controllers (leader/controllers.ts).
  const leader = new LeaderControllers(ctx, {
    ...(opts.leaderTtlSeconds !== undefined ? { ttlSeconds: opts.leaderTtlSeconds } : {}),
    ...(opts.replicaId ? { replicaId: opts.replicaId } : {}),
    ...(opts.services ? { services: opts.services } : {}),
    ...(opts.compaction ? { compaction: opts.compaction } : {}),
    ...(opts.taskRetentionSeconds !== undefined ? { taskRetentionSeconds: opts.taskRetentionSeconds } : {}),
    ...(opts.eventRetentionSeconds !== undefined ? { eventRetentionSeconds: opts.eventRetentionSeconds } : {}),
    metrics: {
      ...(opts.awsMinuteMs !== undefined ? { periodMs: opts.awsMinuteMs } : {}),
      ...(opts.metricRetentionSeconds !== undefined ? { retentionSeconds: opts.metricRetentionSeconds } : {}),
    },
    ...(opts.ruleEngine ? { ruleEngine: opts.ruleEngine } : {}),
    ...(opts.scheduler ? { scheduler: opts.scheduler } : {}),
    ...(opts.lifecycleHooks ? { lifecycleHooks: opts.lifecycleHooks } : {}),
    ...(opts.provisioningTimeoutMs !== undefined ? { provisioning: { timeoutMs: opts.provisioningTimeoutMs } } : {}),
  });
  let port: number;
  try {
    await leader.start();
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(listen, serverCredentials(tls && { caPem: tls.ca.certPem, certPem: tls.server.certPem, keyPem: tls.server.keyPem }), (e, p) => (e ? reject(e) : resolve(p))));
  } catch (e) {
    await leader.close().catch(() => {});
    await connectivity.stop();
    await revocations.stop();
    await takeBackAdmin(ctx, accessKeys, admin);
    await logService?.close();
    if (ownsStore) await store.close();
    throw e;
  }
  const addr = `${host}:${port}`;
  // Where the other replicas reach this one (BerthTasks calls passed on to the replica holding an agent's session).
  dispatcher.replicaAddress = `${opts.tls?.advertise?.[0] ?? (isWildcard(host) ? hostname() : host)}:${port}`;
  if (insecure) log.warn('INSECURE (--insecure): gRPC and the AWS listener serve WITHOUT TLS AND WITHOUT AUTHENTICATION, on loopback only; any process on this machine, a container in host network mode included, controls Berth. For development only', { addr });
  log.info('listening', { name: 'grpc', addr });

  const stopAll = async () => {
    // gRPC calls still running get a moment to answer; past it (an overloaded server's) they are cut, and
    // the tryShutdown below returns.
    setTimeout(() => server.forceShutdown(), GRPC_DRAIN_MS).unref();
    loopLoad.stop();
    // Resign first: another replica takes the controllers over at once, not a TTL later.
    await leader.close();
    events.shutdown();
    await connectivity.stop();
    await revocations.stop();
    // Agents are told to reconnect (to another replica) and their session leases are released.
    await dispatcher.shutdown();
    taskIo.close();
    await new Promise<void>((r) => server.tryShutdown(() => r()));
    await ctx.instances?.stop();
    await ctx.iam?.stop();
    await ctx.taskDefinitions?.stop();
    await ctx.clusters?.stop();
    await logService?.close();
    if (ownsStore) await store.close();
    auditFile?.close();
  };

  // The AWS listener: SigV4, or nothing under --insecure (said above, loudly).
  let aws: AwsListener | undefined;
  if (opts.ecsJson) {
    try {
      const { host: ecsHost, port: ecsPort } = splitHostPort(opts.ecsJson.listen);
      aws = await startAwsListener({
        host: ecsHost,
        port: ecsPort,
        log,
        tables: [...tables.values()],
        hooks,
        ...(!insecure ? { keys } : {}),
        ...(opts.awsLimits ? { limits: opts.awsLimits } : {}),
        ...(opts.ecsJson.tls && tls ? { tls: { certPem: tls.server.certPem, keyPem: tls.server.keyPem } } : {}),
        webhooks: webhookReceiver(ctx, { admit: () => admission.admit({ class: 'api', lane: 'mutating' }) }),
        ...(opts.installDir ? { installFiles: installFiles({ dir: opts.installDir, ca: caOnUse, grpcPort: port, https: opts.ecsJson.tls === true }) } : {}),
      });
      if (!insecure && !opts.ecsJson.tls && !isLoopback(ecsHost)) {
        // Signed, but plain HTTP: bodies (task definitions, environment values) cross the network in clear.
        log.warn('AWS listener beyond loopback over plain HTTP: requests are signed but not encrypted; put TLS in front of it', { addr: aws.addr });
      }
      log.info('listening', { name: 'aws', addr: aws.addr });
      awsEndpoint = opts.ecsJson.advertise ?? `${opts.ecsJson.tls && tls ? 'https' : 'http'}://${isWildcard(ecsHost) ? opts.tls?.advertise?.[0] ?? hostname() : ecsHost.includes(':') ? `[${ecsHost}]` : ecsHost}:${aws.port}`;
    } catch (e) {
      await takeBackAdmin(ctx, accessKeys, admin);
      await stopAll();
      throw e;
    }
  }

  // The web console: the same tables and hooks, as the signed-in session's caller.
  let consoleListener: ConsoleListener | undefined;
  const consoleSessions = new ConsoleSessions(ctx, accessKeys, opts.console);
  if (opts.console) {
    try {
      const at = splitHostPort(opts.console.listen);
      consoleListener = await startConsoleListener({
        ...at, log, tables: [...tables.values()], hooks, sessions: consoleSessions, events, taskLogs: (out, opener) => taskIo.logs(out, opener),
        // The names a browser may use: on loopback the loopback names, elsewhere the certificate's.
        hosts: isLoopback(at.host) ? ['localhost', '127.0.0.1', '::1'] : advertisedHosts(at.host, opts.tls?.advertise),
        ...(opts.console.keepAliveMs !== undefined ? { keepAliveMs: opts.console.keepAliveMs } : {}),
        ...((opts.console.tls ?? !isLoopback(at.host)) && tls ? { tls: { certPem: tls.server.certPem, keyPem: tls.server.keyPem } } : {}),
      });
      log.info('listening', { name: 'console', addr: consoleListener.addr, url: consoleListener.url });
    } catch (e) {
      await aws?.close();
      await stopAll();
      throw e;
    }
  }

  let scrapes: ScrapeListener | undefined;
  if (metricsAt) {
    try {
      const handler = scrapeHandler({
        registry: prometheus.registry,
        ...(metricsAt.token ? { token: metricsAt.token } : {}),
        json: { '/prometheus/sd': () => agentTargets(ctx.instances!) },
      });
      scrapes = await listenForScrapes(metricsAt.host, metricsAt.port, handler);
      log.info('listening', { name: 'metrics', addr: scrapes.addr });
    } catch (e) {
      await consoleListener?.close();
      await aws?.close();
      await stopAll();
      throw e;
    }
  }

  if (tls) {
    try {
      await writeBootstrapConfig(ctx, accessKeys, admin, { ...(opts.bootstrapConfig ? { configPath: opts.bootstrapConfig } : {}), server: `${isWildcard(host) ? '127.0.0.1' : host}:${port}`, caPem: tls.ca.certPem });
    } catch (e) {
      await scrapes?.close();
      await consoleListener?.close();
      await aws?.close();
      await stopAll();
      throw e;
    }
  }

  return {
    addr, port, ctx, dispatcher, ...(tls ? { ca: { certPem: tls.ca.certPem, fingerprint: tls.ca.fingerprint } } : {}), events, connectivity, leader, metrics, admission, stages,
    ...(aws ? { ecsAddr: aws.addr, aws } : {}),
    ...(logService ? { logs: logService.logs } : {}),
    prometheus, ...(scrapes ? { metricsAddr: scrapes.addr } : {}), ...(consoleListener ? { consoleUrl: consoleListener.url } : {}),
    memoryFootprint: () => ({
      'dispatcher.sessions': dispatcher.size,
      'fleet.joinRateBuckets': fleet.size,
      'events.streams': events.size,
      'console.signInBuckets': consoleSessions.size,
      ...Object.fromEntries(Object.entries(ctx.instances?.sizes() ?? {}).map(([k, n]) => [`instances.${k}`, n])),
      'iam.records': ctx.iam?.records.size() ?? 0,
      ...Object.fromEntries(Object.entries(ctx.taskDefinitions?.sizes() ?? {}).map(([k, n]) => [`taskDefinitions.${k}`, n])),
      'clusters.records': ctx.clusters?.size() ?? 0,
      ...leader.sizes(),
    }),
    async close() {
      await scrapes?.close();
      await consoleListener?.close();
      await aws?.close();
      await stopAll();
    },
  };
}
