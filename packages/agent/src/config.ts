// Agent settings, named and formatted as amazon-ecs-agent's: environment variables first, then the
// JSON config file at ECS_AGENT_CONFIG_FILE_PATH (amazon-ecs-agent's keys; durations there are Go
// nanosecond integers), then defaults. Lists and maps are JSON; durations are Go strings ("30s", "3h").
// Berth's own settings start with BERTH_.
import { readFileSync, existsSync } from 'node:fs';
import { parseGoDuration } from '@berth/core/duration.js';
import { isLoopbackHost } from '@berth/api/metrics-endpoint.js';
import { parseListenAddr, type ListenAddr } from './endpoints/listener.js';
import { DEFAULT_CREDENTIALS_ADDR } from './credentials/credentials-endpoint.js';

export type PullBehavior = 'default' | 'always' | 'once' | 'prefer-cached';
const PULL_BEHAVIORS: readonly PullBehavior[] = ['default', 'always', 'once', 'prefer-cached'];

export interface AgentConfig {
  cluster: string;
  /** True when ECS_CLUSTER was not given: the agent joins `default` and creates it if missing. */
  clusterDefaulted: boolean;
  dataDir: string;
  reservedMemoryMiB: number;
  reservedPorts: number[];
  reservedPortsUdp: number[];
  stopTimeoutSec: number;
  pullBehavior: PullBehavior;
  cleanupWaitMs: number;
  instanceAttributes: Record<string, string>;
  logLevel: string;
  servers: string[];
  /**
   * BERTH_JOIN_TOKEN, or the contents of BERTH_JOIN_TOKEN_FILE: joins the cluster once (a registered
   * instance and a client certificate kept in ECS_DATADIR); never stored. Unused once ECS_DATADIR holds a
   * certificate.
   */
  joinToken?: string;
  availabilityZone?: string;
  instanceType?: string;
  /** Host address that port mappings bind to (ECS binds all addresses). */
  hostPortBindIp: string;
  /** BERTH_HOST_ADDRESS: where load balancers reach this instance's host ports (attribute berth.host-address). */
  hostAddress?: string;
  /** BERTH_LB_GROUP: the load-balancer group this machine also serves (berth-lb --group; attribute berth.lb-group). */
  lbGroup?: string;
  configFile: string;
  /** BERTH_PAUSE_IMAGE: image of the pidMode/ipcMode `task` namespace container (default: built locally). */
  pauseImage?: string;
  /** ECS_SHARED_VOLUME_MATCH_FULL_CONFIG (default false): an existing shared volume must match in full. */
  sharedVolumeMatchFullConfig: boolean;
  /** BERTH_INTROSPECTION_ADDR (default 127.0.0.1:51678); undefined: `off`. */
  introspectionAddr?: ListenAddr;
  /** BERTH_METRICS_ADDR (default 127.0.0.1:51680): Prometheus /metrics; undefined: `off`. */
  metricsAddr?: ListenAddr;
  /** BERTH_METRICS_TOKEN or BERTH_METRICS_TOKEN_FILE: scrapes must send it; required beyond loopback. */
  metricsToken?: string;
  /** BERTH_METRICS_ADVERTISE: the HOST:PORT Prometheus scrapes this agent at (default: the bound address; the host name for a wildcard). */
  metricsAdvertise?: string;
  /** ECS_POLLING_METRICS_WAIT_DURATION (default 20s): how often container statistics are read; absent with ECS_DISABLE_METRICS=true. */
  statisticsIntervalMs?: number;
  /** BERTH_TMDS_ADDR: listen addresses, or 'auto' (the bridge gateway and loopback, free ports), or 'off'. */
  tmdsAddrs: ListenAddr[] | 'auto' | 'off';
  /** ECS_ENABLE_CONTAINER_METADATA: write ecs-container-metadata.json for every container. */
  containerMetadataEnabled: boolean;
  /** BERTH_CREDENTIALS_ADDR (default 127.0.0.1:51679, loopback only): the task credentials endpoint; undefined: `off`. */
  credentialsAddr?: ListenAddr;
  /**
   * BERTH_CREDENTIALS_ENDPOINT=on: this agent owns the machine's address translation of 169.254.170.2:80 to
   * the credentials endpoint (ecs-init's rules; one agent per machine). Default off.
   */
  credentialsTranslation: boolean;
}

export const DEFAULT_INTROSPECTION_ADDR = '127.0.0.1:51678';
/** Beside amazon-ecs-agent's introspection (51678) and task metadata (51679) ports. */
export const DEFAULT_METRICS_ADDR = '127.0.0.1:51680';

/** A secret given as NAME or in the file NAME_FILE (one, not both), trimmed. */
function secretSetting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const file = env[`${name}_FILE`];
  if (env[name] && file) throw new ConfigError(`${name} and ${name}_FILE: give one`);
  if (!file) return env[name]?.trim() || undefined;
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch (e) {
    throw new ConfigError(`${name}_FILE: cannot read ${file}: ${(e as Error).message}`);
  }
}

export const DEFAULT_CONFIG_FILE = '/etc/ecs/ecs.config.json';
export const DEFAULT_RESERVED_PORTS = [22, 2375, 2376, 51678, 51679];

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function listenAddr(s: string, name: string): ListenAddr {
  try {
    return parseListenAddr(s, name);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

/** BERTH_TMDS_ADDR: `auto`, `off`, or HOST:PORT[,HOST:PORT]; never a wildcard address. */
export function tmdsAddrs(raw: string | undefined): ListenAddr[] | 'auto' | 'off' {
  const v = (raw ?? '').trim();
  if (v === '' || v === 'auto') return 'auto';
  if (v === 'off') return 'off';
  const addrs = v.split(',').map((x) => listenAddr(x, 'BERTH_TMDS_ADDR'));
  for (const a of addrs) {
    if (a.host === '0.0.0.0' || a.host === '::') throw new ConfigError('BERTH_TMDS_ADDR: the task metadata endpoint never listens on all addresses; give the Docker bridge gateway (e.g. 172.17.0.1) and/or a loopback address');
  }
  return addrs;
}

function bool(raw: string | undefined, name: string): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  const v = raw.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new ConfigError(`${name}: expected true or false`);
}

function duration(s: string, name: string): number {
  try {
    return parseGoDuration(s, name);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

function json<T>(raw: string, name: string, check: (v: unknown) => v is T, what: string): T {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new ConfigError(`${name}: not JSON (expected ${what})`);
  }
  if (!check(v)) throw new ConfigError(`${name}: expected ${what}`);
  return v;
}

const isPortList = (v: unknown): v is number[] => Array.isArray(v) && v.every((p) => Number.isInteger(p) && p >= 0 && p <= 65535);
const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const configFile = env.ECS_AGENT_CONFIG_FILE_PATH ?? DEFAULT_CONFIG_FILE;
  let file: Record<string, unknown> = {};
  if (existsSync(configFile)) {
    try {
      file = JSON.parse(readFileSync(configFile, 'utf8'));
    } catch (e) {
      throw new ConfigError(`${configFile}: ${(e as Error).message}`);
    }
  }
  // A missing file is no error, as for amazon-ecs-agent: the environment and defaults suffice.
  const nsToMs = (v: unknown) => (typeof v === 'number' ? v / 1e6 : undefined);
  const str = (k: string) => (typeof file[k] === 'string' ? (file[k] as string) : undefined);

  const cluster = env.ECS_CLUSTER || str('Cluster') || str('ClusterArn');
  const pull = (env.ECS_IMAGE_PULL_BEHAVIOR || str('ImagePullBehavior') || 'default') as PullBehavior;
  if (!PULL_BEHAVIORS.includes(pull)) throw new ConfigError(`ECS_IMAGE_PULL_BEHAVIOR: must be one of ${PULL_BEHAVIORS.join(', ')}`);
  const reservedMemory = env.ECS_RESERVED_MEMORY !== undefined ? Number(env.ECS_RESERVED_MEMORY) : Number(file.ReservedMemory ?? 0);
  if (!Number.isInteger(reservedMemory) || reservedMemory < 0) throw new ConfigError('ECS_RESERVED_MEMORY: must be a whole number of MiB');
  const stopMs = env.ECS_CONTAINER_STOP_TIMEOUT ? duration(env.ECS_CONTAINER_STOP_TIMEOUT, 'ECS_CONTAINER_STOP_TIMEOUT') : nsToMs(file.DockerStopTimeout) ?? 30_000;
  const cleanupMs = env.ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION
    ? duration(env.ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION, 'ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION')
    : nsToMs(file.TaskCleanupWaitDuration) ?? 3 * 3_600_000;
  const introspection = (env.BERTH_INTROSPECTION_ADDR ?? DEFAULT_INTROSPECTION_ADDR).trim();
  const servers = (env.BERTH_SERVER ?? '127.0.0.1:7420').split(',').map((s) => s.trim()).filter(Boolean);
  if (servers.length === 0) throw new ConfigError('BERTH_SERVER: give at least one HOST:PORT');
  const joinToken = secretSetting(env, 'BERTH_JOIN_TOKEN');
  const metrics = (env.BERTH_METRICS_ADDR ?? DEFAULT_METRICS_ADDR).trim();
  const metricsToken = secretSetting(env, 'BERTH_METRICS_TOKEN');
  const metricsAddr = metrics === 'off' ? undefined : listenAddr(metrics || DEFAULT_METRICS_ADDR, 'BERTH_METRICS_ADDR');
  if (metricsAddr && !isLoopbackHost(metricsAddr.host) && !metricsToken) {
    throw new ConfigError(`BERTH_METRICS_ADDR: ${metrics} is beyond loopback: give a scrape token (BERTH_METRICS_TOKEN or BERTH_METRICS_TOKEN_FILE), or listen on 127.0.0.1`);
  }

  const credentials = (env.BERTH_CREDENTIALS_ADDR ?? DEFAULT_CREDENTIALS_ADDR).trim();
  const credentialsAddr = credentials === 'off' ? undefined : listenAddr(credentials || DEFAULT_CREDENTIALS_ADDR, 'BERTH_CREDENTIALS_ADDR');
  if (credentialsAddr && !isLoopbackHost(credentialsAddr.host)) {
    throw new ConfigError(`BERTH_CREDENTIALS_ADDR: ${credentials} is beyond loopback: the credentials endpoint listens on a loopback address only (containers reach it at 169.254.170.2)`);
  }
  const translation = (env.BERTH_CREDENTIALS_ENDPOINT ?? 'off').trim().toLowerCase();
  if (!['on', 'off', ''].includes(translation)) throw new ConfigError('BERTH_CREDENTIALS_ENDPOINT: expected on or off');
  if (translation === 'on' && !credentialsAddr) throw new ConfigError('BERTH_CREDENTIALS_ENDPOINT=on needs the credentials endpoint: BERTH_CREDENTIALS_ADDR is off');

  return {
    cluster: cluster || 'default',
    clusterDefaulted: !cluster,
    dataDir: env.ECS_DATADIR || str('DataDir') || '/var/lib/ecs/data',
    reservedMemoryMiB: reservedMemory,
    reservedPorts: env.ECS_RESERVED_PORTS
      ? json(env.ECS_RESERVED_PORTS, 'ECS_RESERVED_PORTS', isPortList, 'a JSON array of ports, e.g. [22, 2375]')
      : isPortList(file.ReservedPorts) ? file.ReservedPorts : DEFAULT_RESERVED_PORTS,
    reservedPortsUdp: env.ECS_RESERVED_PORTS_UDP
      ? json(env.ECS_RESERVED_PORTS_UDP, 'ECS_RESERVED_PORTS_UDP', isPortList, 'a JSON array of ports')
      : isPortList(file.ReservedPortsUDP) ? file.ReservedPortsUDP : [],
    // amazon-ecs-agent raises stop timeouts under 1 s to 1 s.
    stopTimeoutSec: Math.max(1, Math.round(stopMs / 1000)),
    pullBehavior: pull,
    cleanupWaitMs: cleanupMs,
    instanceAttributes: env.ECS_INSTANCE_ATTRIBUTES
      ? json(env.ECS_INSTANCE_ATTRIBUTES, 'ECS_INSTANCE_ATTRIBUTES', isStringMap, 'a JSON object of string values')
      : isStringMap(file.InstanceAttributes) ? file.InstanceAttributes : {},
    logLevel: env.ECS_LOGLEVEL || str('LogLevel') || 'info',
    servers,
    ...(joinToken ? { joinToken } : {}),
    ...(env.BERTH_PAUSE_IMAGE ? { pauseImage: env.BERTH_PAUSE_IMAGE } : {}),
    sharedVolumeMatchFullConfig: env.ECS_SHARED_VOLUME_MATCH_FULL_CONFIG !== undefined
      ? env.ECS_SHARED_VOLUME_MATCH_FULL_CONFIG.toLowerCase() === 'true'
      : file.SharedVolumeMatchFullConfig === true,
    ...(env.BERTH_AVAILABILITY_ZONE ? { availabilityZone: env.BERTH_AVAILABILITY_ZONE } : {}),
    ...(env.BERTH_INSTANCE_TYPE ? { instanceType: env.BERTH_INSTANCE_TYPE } : {}),
    hostPortBindIp: env.BERTH_HOST_PORT_BIND_IP || '0.0.0.0',
    ...(env.BERTH_HOST_ADDRESS ? { hostAddress: env.BERTH_HOST_ADDRESS.trim() } : {}),
    ...(env.BERTH_LB_GROUP ? { lbGroup: env.BERTH_LB_GROUP.trim() } : {}),
    configFile,
    ...(metricsAddr ? { metricsAddr } : {}),
    ...(bool(env.ECS_DISABLE_METRICS, 'ECS_DISABLE_METRICS') === true ? {} : {
      statisticsIntervalMs: env.ECS_POLLING_METRICS_WAIT_DURATION ? duration(env.ECS_POLLING_METRICS_WAIT_DURATION, 'ECS_POLLING_METRICS_WAIT_DURATION') : 20_000,
    }),
    ...(metricsToken ? { metricsToken } : {}),
    ...(env.BERTH_METRICS_ADVERTISE ? { metricsAdvertise: env.BERTH_METRICS_ADVERTISE.trim() } : {}),
    ...(introspection === 'off' ? {} : { introspectionAddr: listenAddr(introspection || DEFAULT_INTROSPECTION_ADDR, 'BERTH_INTROSPECTION_ADDR') }),
    tmdsAddrs: tmdsAddrs(env.BERTH_TMDS_ADDR),
    containerMetadataEnabled: bool(env.ECS_ENABLE_CONTAINER_METADATA, 'ECS_ENABLE_CONTAINER_METADATA') ?? file.ContainerMetadataEnabled === true,
    ...(credentialsAddr ? { credentialsAddr } : {}),
    credentialsTranslation: translation === 'on',
  };
}
