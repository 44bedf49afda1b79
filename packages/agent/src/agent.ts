// berth-agent as a library: register (or re-register) this machine, open the task engine on Docker
// (which adopts what already runs), and keep a session with the control plane. main.ts calls this
// with settings from the environment; tests call it in-process.
import Docker from 'dockerode';
import type { Logger } from '@berth/api';
import { BerthClient } from '@berth/api/client.js';
import { agentApiService } from '@berth/api/agent-protos.js';
import { createLogger, parseLevel } from '@berth/api/log.js';
import { parseArn, resourceId } from '@berth/core/arn.js';
import { METRICS_ADDRESS_ATTRIBUTE } from '@berth/core/attributes.js';
import { BerthError } from '@berth/core/errors.js';
import type { AgentConfig } from './config.js';
import { hostFacts } from './host-facts.js';
import { loadIdentity, saveIdentity } from './identity.js';
import { AGENT_VERSION, registrationRequest, type HostFacts } from './registration.js';
import { AgentSession, backoffDelay } from './session.js';
import { Engine } from './engine/index.js';
import { startEndpoints, type Endpoints } from './endpoints/index.js';
import { DockerRuntime } from './runtime/index.js';
import { ClockSkewError, joinCluster } from './join.js';
import { loadMachineCredentials, type MachineCredentials } from './machine-credentials.js';
import { CertificateRenewal } from './certificate-renewal.js';
import { AgentMetrics } from './agent-metrics.js';
import { startMetricsListener } from './endpoints/metrics-listener.js';
import { StatisticsCollector } from './statistics/collector.js';
import { AgentTaskStreams } from './task-io/task-streams.js';
import { startCredentials, type CredentialsEndpoint } from './credentials/index.js';

export interface RunningAgent {
  containerInstanceArn: string;
  instanceId: string;
  engine: Engine;
  session: AgentSession;
  /** Introspection, the task metadata endpoint, metadata files. */
  endpoints: Endpoints;
  /** The task credentials endpoint (absent with BERTH_CREDENTIALS_ADDR=off). */
  credentials?: CredentialsEndpoint;
  /** The agent's own Prometheus metrics (docs/metrics.md). */
  metrics: AgentMetrics;
  /** Where the metrics listener is bound, once it is. */
  metricsAddr(): string | undefined;
  /** Stops the agent and leaves its containers running (as amazon-ecs-agent does on SIGTERM). */
  close(): Promise<void>;
}

export class FatalAgentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalAgentError';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries a control-plane call while no server answers; a BerthError from a server is final. */
async function untilAnswered<T>(log: Logger, what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof BerthError && e.ecsName !== 'ServerException') throw e;
      const delay = backoffDelay(attempt);
      log.warn(`${what}: control plane not reachable, retrying`, { error: (e as Error).message, retryInMs: delay });
      await sleep(delay);
    }
  }
}

export async function register(cfg: AgentConfig, facts: HostFacts, log: Logger, client: BerthClient, joined = false): Promise<string> {
  const saved = loadIdentity(cfg.dataDir);
  if (saved && saved.cluster !== cfg.cluster) {
    throw new FatalAgentError(`ECS_DATADIR ${cfg.dataDir} belongs to an instance of cluster "${saved.cluster}", not "${cfg.cluster}": use another ECS_DATADIR or ECS_CLUSTER=${saved.cluster}`);
  }
  // amazon-ecs-agent joins `default` when no cluster is named, creating it if needed (a machine that
  // joined with a token has its instance registered by the join, and its certificate allows no more).
  if (cfg.clusterDefaulted && !joined) await untilAnswered(log, 'create cluster default', () => client.call('CreateCluster', { clusterName: 'default' }));
  try {
    const res = await untilAnswered(log, 'register', () => client.call('RegisterContainerInstance', registrationRequest(cfg, facts, saved?.containerInstanceArn)));
    const arn = res.containerInstance!.containerInstanceArn!;
    saveIdentity(cfg.dataDir, { cluster: cfg.cluster, containerInstanceArn: arn });
    log.info(saved ? 're-registered container instance' : 'registered container instance', { containerInstanceArn: arn, cluster: cfg.cluster });
    return arn;
  } catch (e) {
    if (e instanceof BerthError && e.ecsName === 'ClusterNotFoundException') {
      throw new FatalAgentError(`cluster "${cfg.cluster}" does not exist: create it first (berth create cluster ${cfg.cluster})`);
    }
    throw e;
  }
}

/**
 * The certificate this machine authenticates with: the one in ECS_DATADIR, else one from joining with
 * BERTH_JOIN_TOKEN (retried while no server answers or the clock is off; a refused token is fatal); none
 * without a token (the plaintext development mode).
 */
async function machineCredentials(cfg: AgentConfig, facts: HostFacts, log: Logger): Promise<MachineCredentials | undefined> {
  const have = loadMachineCredentials(cfg.dataDir);
  if (have) {
    if (cfg.joinToken) log.info('already joined (ECS_DATADIR holds a certificate): the join token is not used', {});
    return have;
  }
  if (!cfg.joinToken) return undefined;
  if (loadIdentity(cfg.dataDir)) throw new FatalAgentError(`ECS_DATADIR ${cfg.dataDir} belongs to an instance registered without a certificate: use an empty ECS_DATADIR to join with a token`);
  const registration = registrationRequest(cfg, facts);
  if (cfg.clusterDefaulted) delete registration.cluster;
  for (let attempt = 0; ; attempt++) {
    try {
      return (await joinCluster(cfg.servers, cfg.joinToken, registration, cfg.dataDir, log)).credentials;
    } catch (e) {
      const retry = e instanceof ClockSkewError || !(e instanceof BerthError) || e.ecsName === 'LimitExceededException';
      if (!retry) throw new FatalAgentError(`the join was refused: ${(e as Error).message}`);
      const delay = backoffDelay(attempt);
      log[e instanceof ClockSkewError ? 'error' : 'warn']('join: not joined yet, retrying', { error: (e as Error).message, retryInMs: delay });
      await sleep(delay);
    }
  }
}

export async function startAgent(cfg: AgentConfig, opts: { log?: Logger; docker?: Docker; steadyPollMs?: number; listenRetryMs?: number } = {}): Promise<RunningAgent> {
  const log = opts.log ?? createLogger(parseLevel(cfg.logLevel), { component: 'berth-agent' });
  const docker = opts.docker ?? new Docker();
  const facts = await hostFacts(docker);
  // Before registering: the instance advertises where Prometheus scrapes it (the control plane's /prometheus/sd).
  const metrics = new AgentMetrics();
  const scrapes = cfg.metricsAddr && await startMetricsListener({ ...cfg.metricsAddr, log, registry: metrics.registry, ...(cfg.metricsToken ? { token: cfg.metricsToken } : {}), ...(opts.listenRetryMs !== undefined ? { retryMs: opts.listenRetryMs } : {}) });
  const advertised = cfg.metricsAdvertise ?? scrapes?.advertised();
  if (advertised) cfg = { ...cfg, instanceAttributes: { ...cfg.instanceAttributes, [METRICS_ADDRESS_ATTRIBUTE]: advertised } };
  const tls = await machineCredentials(cfg, facts, log).catch(async (e: unknown) => {
    await scrapes?.close();
    throw e;
  });
  // A machine that joined belongs to the cluster its join put it in, unless ECS_CLUSTER names one.
  if (tls && cfg.clusterDefaulted) cfg = { ...cfg, cluster: loadIdentity(cfg.dataDir)?.cluster ?? cfg.cluster };
  const client = new BerthClient(cfg.servers, tls ? { tls, protos: agentApiService } : { protos: agentApiService });
  let arn: string;
  try {
    arn = await register(cfg, facts, log, client, tls !== undefined);
  } catch (e) {
    await scrapes?.close();
    throw e;
  } finally {
    client.close();
  }
  const instanceId = resourceId(arn);
  const parsed = parseArn(arn);
  let session!: AgentSession;
  // Before the engine: containers it creates (or resumes creating) get the metadata endpoint's URIs.
  const endpoints = await startEndpoints({
    docker,
    log,
    cluster: cfg.cluster,
    containerInstanceArn: arn,
    ...(cfg.availabilityZone ? { availabilityZone: cfg.availabilityZone } : {}),
    dataDir: cfg.dataDir,
    ...(cfg.introspectionAddr ? { introspection: cfg.introspectionAddr } : {}),
    tmds: cfg.tmdsAddrs,
    taskProtection: (taskArn, update) => session.requestTaskProtection(taskArn, update),
    containerMetadataFile: cfg.containerMetadataEnabled,
    version: `Berth Agent - v${AGENT_VERSION}`,
    ...(opts.listenRetryMs !== undefined ? { retryMs: opts.listenRetryMs } : {}),
  });
  let engine!: Engine;
  const credentials = cfg.credentialsAddr && await startCredentials({
    docker, log, addr: cfg.credentialsAddr, dataDir: cfg.dataDir, translation: cfg.credentialsTranslation,
    source: () => engine?.snapshot() ?? [],
    fetch: (taskArn, roleType) => session.requestCredentials(taskArn, roleType),
    ...(opts.listenRetryMs !== undefined ? { retryMs: opts.listenRetryMs } : {}),
  });
  engine = await Engine.open({
    runtime: metrics.timed(new DockerRuntime(docker, log)),
    dataDir: cfg.dataDir,
    cluster: cfg.cluster,
    instanceId,
    instanceArn: arn,
    ...(parsed ? { region: parsed.region } : {}),
    pullBehavior: cfg.pullBehavior,
    stopTimeoutSec: cfg.stopTimeoutSec,
    cleanupWaitMs: cfg.cleanupWaitMs,
    hostIp: cfg.hostPortBindIp,
    ...(cfg.pauseImage ? { pauseImage: cfg.pauseImage } : {}),
    sharedVolumeMatchFullConfig: cfg.sharedVolumeMatchFullConfig,
    ...(opts.steadyPollMs ? { steadyPollMs: opts.steadyPollMs } : {}),
    log,
    onReport: (r) => {
      metrics.report(r);
      session?.report(r);
      endpoints.onReport(r);
    },
    containerExtras: async (task, c) => {
      const extras = await endpoints.containerExtras(task, c);
      const more = await credentials?.extrasFor(task, c.name);
      if (!more || (!more.env.length && !more.awslogs)) return extras;
      return { ...extras, env: [...(extras?.env ?? []), ...more.env], ...(more.awslogs ? { awslogs: more.awslogs } : {}) };
    },
    secrets: async (taskArn) => {
      const answer = await session.requestSecrets(taskArn);
      if (answer.error !== undefined) throw new Error(answer.error);
      return answer.containers;
    },
    onTaskCleaned: (taskArn) => {
      metrics.taskCleaned(taskArn);
      endpoints.onTaskCleaned(taskArn);
      credentials?.forget(taskArn);
    },
    onDockerBack: () => endpoints.dockerBack(),
  }).catch(async (e: unknown) => {
    await endpoints.close();
    await credentials?.close();
    await scrapes?.close();
    throw e;
  });
  endpoints.setSource(() => engine.snapshot());
  const statistics = cfg.statisticsIntervalMs !== undefined ? new StatisticsCollector({
    source: () => engine.snapshot(),
    stats: (id) => docker.getContainer(id).stats({ stream: false, 'one-shot': true } as { stream: false }),
    intervalMs: cfg.statisticsIntervalMs,
    log,
    onPass: (figures) => session?.statistics({
      collectedAt: Date.now() / 1000,
      containers: figures.map(({ taskArn, container, family: _family, restarts, ...f }) => ({ taskArn, containerName: container, restarts, ...f })),
    }),
  }) : undefined;
  if (statistics) {
    metrics.serveStatistics(() => statistics.figures());
    statistics.start();
  }
  const versionInfo = registrationRequest(cfg, facts).versionInfo;
  // berth logs TASK and berth exec: streams the control plane opens on the session.
  const taskStreams = new AgentTaskStreams(docker, instanceId, (f) => session.sendStream(f), log);
  session = new AgentSession({
    onStreamFrame: (f) => taskStreams.onFrame(f),
    onStreamsLost: () => taskStreams.closeAll(),
    servers: cfg.servers,
    ...(tls ? { tls } : {}),
    hello: { cluster: cfg.cluster, containerInstanceArn: arn, ...(versionInfo ? { versionInfo } : {}) },
    engine,
    log,
    onConnectionChange: (up) => metrics.connection(up),
    onContainerInsights: (on) => metrics.labelByTask(on),
  });
  session.start();
  const renewal = tls && new CertificateRenewal({ servers: cfg.servers, dataDir: cfg.dataDir, credentials: tls, log, onRenewed: (next) => session.rotate(next) });
  renewal?.start();
  return {
    containerInstanceArn: arn,
    instanceId,
    engine,
    session,
    endpoints,
    ...(credentials ? { credentials } : {}),
    metrics,
    metricsAddr: () => scrapes?.addr(),
    async close() {
      statistics?.stop();
      renewal?.stop();
      await session.stop();
      await endpoints.close();
      // The address translation stays: containers may run on (an uninstall removes it).
      await credentials?.close();
      await scrapes?.close();
      await engine.close();
    },
  };
}
