// Docker create options for one container of a task, as amazon-ecs-agent builds them
// (agent/engine/docker_task_engine.go createContainer, agent/api/task/task.go dockerConfig/dockerHostConfig).
// PURE: no I/O, no clock. One small function per concern; volumes, links, health checks and the task's
// namespaces have their own files.
import { resourceId } from '@berth/core/arn.js';
import { unsupportedSentence } from '@berth/core/errors.js';
import { containerRefusal } from '@berth/core/run-checks.js';
import { parseCpu, parseMemory } from '@berth/core/taskdef-reads.js';
import type { ContainerDefinition, ContainerOverride, KeyValuePair, Task, TaskDefinition } from '@berth/core';
import type { DockerCreateOptions, DockerHostConfig, PortBinding } from '../runtime/runtime.js';
import { ecsLabels } from './container-identity.js';
import { firelensLogConfig, routerBinds, type FirelensPaths } from './firelens.js';
import { dockerHealthcheck } from './health.js';
import { dockerLinks } from './links.js';
import { namespaceModes } from './namespaces.js';
import { TaskSpecError } from './task-spec-error.js';
import { volumeSpec, type VolumeRecord } from './volumes.js';

/** ECS limits (agent/api/task/task.go, agent/config). */
export const MIN_CPU_SHARES = 2;
export const MAX_CPU_SHARES = 262144;
export const MIN_MEMORY_BYTES = 4 * 1024 * 1024;
const MiB = 1024 * 1024;

export interface SpecInput {
  task: Task;
  taskDefinition: TaskDefinition;
  /** The container's name in the task definition. */
  containerName: string;
  /** The Docker container name (see dockerContainerName). */
  dockerName: string;
  /** Cluster name for com.amazonaws.ecs.cluster. */
  cluster: string;
  instanceId: string;
  /** When set, AWS_REGION / AWS_DEFAULT_REGION are injected unless the definition sets them. */
  region?: string;
  /** Host IP of port bindings; default 0.0.0.0 (as ECS). */
  hostIp?: string;
  /** The task's parent cgroup, when one was set up (cgroup.ts); absent: no task-level limit. */
  cgroupParent?: string;
  /** The task's volumes with their Docker names (task-resources.ts); mountPoints need them. */
  volumes?: VolumeRecord[];
  /** Docker names of the task's containers by definition name (links, volumesFrom). */
  dockerNames?: Record<string, string>;
  /** The pidMode/ipcMode `task` namespace container (id or name). */
  namespaceOwner?: string;
  /** A FireLens task's directory (its router's configuration and socket): firelens.ts. */
  firelens?: FirelensPaths;
  /** Added by the agent after everything else (the metadata endpoint's env, the metadata file's bind). */
  extra?: { env?: string[]; binds?: string[]; logOptions?: Record<string, string>; awslogs?: AwslogsTarget };
}

/** Where Docker's awslogs driver ships and how it gets its credentials (the task's execution role). */
export interface AwslogsTarget {
  /** The control plane's AWS listener (awslogs-endpoint). */
  awsEndpoint: string;
  /** The execution role's path at the credentials endpoint (awslogs-credentials-endpoint). */
  credentialsPath: string;
  /** The account's defaultLogDriverMode: `mode` where the definition gives none (ECS's default: non-blocking). */
  mode?: string;
}

/** ECS's default for `mode` (its account setting defaultLogDriverMode's default): the application never blocks on logging. */
export const DEFAULT_AWSLOGS_MODE = 'non-blocking';

/**
 * ECS agent's `max-buffer-size` in non-blocking mode when the definition gives none (amazon-ecs-agent
 * PR 4524 raised it from Docker's 1 MiB, about 10,000 100-byte lines): Docker drops what overflows it.
 * (On Docker 20.10 a burst loses lines with either size: docs/logs.md.)
 */
export const DEFAULT_NON_BLOCKING_BUFFER = '10m';

/**
 * ECS's awslogs options -> Docker's awslogs driver's, as ECS's agent gives them: awslogs-stream-prefix
 * becomes awslogs-stream `PREFIX/CONTAINER/TASK-ID` (Docker knows no prefix); awslogs-endpoint is always
 * Berth's AWS listener and awslogs-credentials-endpoint the task's execution role at the credentials
 * endpoint (so dockerd never ships to AWS, whatever the definition says); the region defaults to the
 * agent's, `mode` to the account's defaultLogDriverMode (non-blocking unless set), and a non-blocking
 * `max-buffer-size` to ECS agent's 10m. Every other option passes as given. PURE.
 */
export function awslogsOptions(options: Record<string, string>, at: { containerName: string; taskId: string; region?: string } & AwslogsTarget): Record<string, string> {
  const { 'awslogs-stream-prefix': prefix, ...rest } = options;
  const mode = rest['mode'] ?? at.mode ?? DEFAULT_AWSLOGS_MODE;
  return {
    ...(at.region ? { 'awslogs-region': at.region } : {}),
    mode,
    ...(mode === 'non-blocking' ? { 'max-buffer-size': DEFAULT_NON_BLOCKING_BUFFER } : {}),
    ...rest,
    ...(prefix ? { 'awslogs-stream': `${prefix}/${at.containerName}/${at.taskId}` } : {}),
    'awslogs-endpoint': at.awsEndpoint,
    'awslogs-credentials-endpoint': at.credentialsPath,
  };
}

export interface BuiltSpec {
  options: DockerCreateOptions;
  /** Things accepted but not applied (yet); the caller logs them. */
  warnings: string[];
}

export const taskIdOf = (taskArn: string): string => resourceId(taskArn);

// --- definition + overrides -------------------------------------------------------------------------------

export function containerDefinition(td: TaskDefinition, name: string): ContainerDefinition {
  const cd = (td.containerDefinitions ?? []).find((c) => c.name === name);
  if (!cd) throw new TaskSpecError('CannotCreateContainerError', `container '${name}' is not in task definition ${td.family}:${td.revision}`);
  return cd;
}

export function containerOverride(task: Task, name: string): ContainerOverride | undefined {
  return task.overrides?.containerOverrides?.find((o) => o.name === name);
}

/** Environment merged by name: override values replace, new names are appended. */
export function mergeEnvironment(base: KeyValuePair[] | undefined, over: KeyValuePair[] | undefined): KeyValuePair[] {
  const out = (base ?? []).map((kv) => ({ ...kv }));
  for (const kv of over ?? []) {
    const i = out.findIndex((x) => x.name === kv.name);
    if (i >= 0) out[i] = { ...kv };
    else out.push({ ...kv });
  }
  return out;
}

/** The container definition with the task's containerOverrides applied. */
export function effectiveContainer(cd: ContainerDefinition, o: ContainerOverride | undefined): ContainerDefinition {
  if (!o) return cd;
  const out: ContainerDefinition = { ...cd };
  if (o.command !== undefined) out.command = [...o.command];
  if (o.environment !== undefined) out.environment = mergeEnvironment(cd.environment, o.environment);
  if (o.cpu !== undefined) out.cpu = o.cpu;
  if (o.memory !== undefined) out.memory = o.memory;
  if (o.memoryReservation !== undefined) out.memoryReservation = o.memoryReservation;
  return out;
}

export const isEssential = (cd: ContainerDefinition): boolean => cd.essential !== false;

// --- task-level ------------------------------------------------------------------------------------------

export type DockerNetworkMode = 'bridge' | 'host' | 'none';

export function networkMode(td: TaskDefinition): DockerNetworkMode {
  const m = td.networkMode ?? 'bridge';
  if (m === 'bridge' || m === 'host' || m === 'none') return m;
  throw new TaskSpecError('CannotCreateContainerError', unsupportedSentence(`${td.family}:${td.revision}`, `networkMode ${m}`, 'the agent runs bridge, host and none.'));
}

/** Task-level cpu (CPU units) and memory (MiB), overrides first; undefined when not set (or 0). */
export function taskLimits(task: Task, td: TaskDefinition): { cpuUnits?: number; memoryMiB?: number } {
  const out: { cpuUnits?: number; memoryMiB?: number } = {};
  const cpu = task.overrides?.cpu ?? td.cpu;
  const mem = task.overrides?.memory ?? td.memory;
  if (cpu !== undefined && cpu !== '') {
    const n = parseCpu(cpu, 'cpu');
    if (n > 0) out.cpuUnits = n;
  }
  if (mem !== undefined && mem !== '') {
    const n = parseMemory(mem, 'memory');
    if (n > 0) out.memoryMiB = n;
  }
  return out;
}

/** The task's parent cgroup when it has a task-level cpu or memory: `/ecs/<taskId>` (cgroup v1 layout). */
export function taskCgroupParent(task: Task, td: TaskDefinition): string | undefined {
  const l = taskLimits(task, td);
  if (l.cpuUnits === undefined && l.memoryMiB === undefined) return undefined;
  return `/ecs/${taskIdOf(task.taskArn ?? '')}`;
}

/**
 * Checks what makes the whole task impossible to run here; throws TaskSpecError. (awsvpc is refused at
 * RunTask by the server; a container memory above the task memory fails task creation as in ECS.)
 */
export function validateTask(task: Task, td: TaskDefinition): void {
  if (!task.taskArn) throw new TaskSpecError('CannotCreateContainerError', 'task has no taskArn');
  networkMode(td);
  if ((td.containerDefinitions ?? []).length === 0) throw new TaskSpecError('CannotCreateContainerError', 'task definition has no containers');
  let limits: ReturnType<typeof taskLimits>;
  try {
    limits = taskLimits(task, td);
  } catch (e) {
    throw new TaskSpecError('CannotCreateContainerError', (e as Error).message);
  }
  if (limits.memoryMiB !== undefined) {
    for (const cd of td.containerDefinitions ?? []) {
      const m = effectiveContainer(cd, containerOverride(task, cd.name ?? '')).memory;
      if (m !== undefined && m > limits.memoryMiB) {
        throw new TaskSpecError('CannotCreateContainerError', `container '${cd.name}' memory ${m} MiB exceeds the task memory ${limits.memoryMiB} MiB`);
      }
    }
  }
}

/** Summed container CPU shares (each at least 2), capped: cpu.shares of a task cgroup without task cpu. */
export function taskCpuShares(task: Task, td: TaskDefinition): number {
  let sum = 0;
  for (const cd of td.containerDefinitions ?? []) sum += cpuShares(effectiveContainer(cd, containerOverride(task, cd.name ?? '')).cpu);
  return Math.min(Math.max(sum, MIN_CPU_SHARES), MAX_CPU_SHARES);
}

// --- per concern -----------------------------------------------------------------------------------------

/** CpuShares = cpu clamped to [2, 262144]; 2 when absent or 0 (Docker would read 0 as 1024). */
export function cpuShares(cpu: number | undefined): number {
  if (cpu === undefined || !(cpu > 0)) return MIN_CPU_SHARES;
  return Math.min(Math.max(Math.floor(cpu), MIN_CPU_SHARES), MAX_CPU_SHARES);
}

/** MiB -> bytes, at least 4 MiB; undefined when absent or 0. */
export function memoryBytes(mib: number | undefined): number | undefined {
  if (mib === undefined || !(mib > 0)) return undefined;
  return Math.max(Math.floor(mib * MiB), MIN_MEMORY_BYTES);
}

export function environment(cd: ContainerDefinition, region?: string): string[] | undefined {
  const env = (cd.environment ?? []).filter((kv) => kv.name !== undefined && kv.name !== '');
  const names = new Set(env.map((kv) => kv.name));
  if (region) {
    for (const n of ['AWS_REGION', 'AWS_DEFAULT_REGION']) if (!names.has(n)) env.push({ name: n, value: region });
  }
  return env.length ? env.map((kv) => `${kv.name}=${kv.value ?? ''}`) : undefined;
}

export interface PortSpec {
  ExposedPorts?: Record<string, Record<string, never>>;
  PortBindings?: Record<string, { HostIp: string; HostPort: string }[]>;
}

/**
 * portMappings -> ExposedPorts + PortBindings. Bridge: hostPort 0/absent is a dynamic port (HostPort '').
 * Host: the container binds the host's ports itself, so only ExposedPorts. None: nothing is published.
 */
export function portSpec(cd: ContainerDefinition, mode: DockerNetworkMode, hostIp: string): PortSpec {
  const out: PortSpec = {};
  for (const pm of cd.portMappings ?? []) {
    // containerPortRange is refused before this (containerRefusal); a mapping without a port maps nothing.
    if (pm.containerPort === undefined) continue;
    if (mode === 'none') continue;
    const key = `${pm.containerPort}/${pm.protocol ?? 'tcp'}`;
    (out.ExposedPorts ??= {})[key] = {};
    if (mode !== 'bridge') continue;
    const binds = ((out.PortBindings ??= {})[key] ??= []);
    binds.push({ HostIp: hostIp, HostPort: pm.hostPort ? String(pm.hostPort) : '' });
  }
  return out;
}

/** Host-mode bindings (Docker reports none): hostPort = containerPort, as ECS reports them. */
export function hostModeBindings(cd: ContainerDefinition): PortBinding[] {
  return (cd.portMappings ?? [])
    .filter((pm) => pm.containerPort !== undefined)
    .map((pm) => ({ bindIP: '0.0.0.0', containerPort: pm.containerPort!, hostPort: pm.hostPort || pm.containerPort!, protocol: pm.protocol ?? 'tcp' }));
}

// --- container settings (ulimits, linuxParameters, security, dns, logging, ...) ---------------------------

export interface DockerUlimit {
  Name: string;
  Soft: number;
  Hard: number;
}

/** ulimits -> HostConfig.Ulimits; undefined when absent or empty. */
export function ulimits(cd: ContainerDefinition): DockerUlimit[] | undefined {
  const u = (cd.ulimits ?? []).filter((x) => x && x.name);
  return u.length ? u.map((x) => ({ Name: x.name, Soft: x.softLimit, Hard: x.hardLimit })) : undefined;
}

export interface DockerDevice {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
}

/**
 * linuxParameters.devices -> HostConfig.Devices. containerPath defaults to hostPath; permissions map to 'r', 'w',
 * 'm' (in that order); absent or empty permissions give 'rwm', as `docker run --device`.
 */
export function devices(cd: ContainerDefinition): DockerDevice[] | undefined {
  const ds = (cd.linuxParameters?.devices ?? []).filter((d) => d && d.hostPath);
  if (!ds.length) return undefined;
  return ds.map((d) => {
    const p = new Set(d.permissions ?? []);
    let perms = (p.has('read') ? 'r' : '') + (p.has('write') ? 'w' : '') + (p.has('mknod') ? 'm' : '');
    if (!perms) perms = 'rwm';
    return { PathOnHost: d.hostPath, PathInContainer: d.containerPath || d.hostPath, CgroupPermissions: perms };
  });
}

/** linuxParameters.tmpfs -> HostConfig.Tmpfs {path: 'size=<n>m,<opts>'}; size 0/absent: no size option. */
export function tmpfs(cd: ContainerDefinition): Record<string, string> | undefined {
  const ts = (cd.linuxParameters?.tmpfs ?? []).filter((x) => x && x.containerPath);
  if (!ts.length) return undefined;
  const out: Record<string, string> = {};
  for (const x of ts) {
    const opts = [...(x.size > 0 ? [`size=${Math.floor(x.size)}m`] : []), ...(x.mountOptions ?? [])];
    out[x.containerPath] = opts.join(',');
  }
  return out;
}

/** ECS's default swappiness when maxSwap is set and swappiness is not. */
export const DEFAULT_SWAPPINESS = 60;

/**
 * maxSwap (MiB) -> MemorySwap = Memory + maxSwap bytes (0: no swap, MemorySwap = Memory); absent: unset (the
 * host's behaviour). swappiness -> MemorySwappiness (0-100), default 60 when maxSwap is set; it needs maxSwap
 * (as ECS). Docker needs a memory limit for MemorySwap: without container `memory` it is not set (warning).
 */
export function swapSpec(cd: ContainerDefinition, memory: number | undefined, warnings: string[]): { MemorySwap?: number; MemorySwappiness?: number } {
  const lp = cd.linuxParameters ?? {};
  const out: { MemorySwap?: number; MemorySwappiness?: number } = {};
  if (lp.maxSwap === undefined || lp.maxSwap === null) {
    if (lp.swappiness !== undefined && lp.swappiness !== null) warnings.push(`container '${cd.name}': linuxParameters.swappiness needs maxSwap; ignored`);
    return out;
  }
  if (!(lp.maxSwap >= 0)) {
    warnings.push(`container '${cd.name}': linuxParameters.maxSwap ${lp.maxSwap} is not valid (0 or more MiB); ignored`);
    return out;
  }
  if (memory === undefined) warnings.push(`container '${cd.name}': linuxParameters.maxSwap needs a container memory limit; swap limit not applied`);
  else out.MemorySwap = memory + Math.floor(lp.maxSwap * MiB);
  const sw = lp.swappiness ?? DEFAULT_SWAPPINESS;
  if (Number.isInteger(sw) && sw >= 0 && sw <= 100) out.MemorySwappiness = sw;
  else warnings.push(`container '${cd.name}': linuxParameters.swappiness ${sw} is not valid (0-100); ignored`);
  return out;
}

/**
 * logConfiguration -> HostConfig.LogConfig, the driver and its options as given (secretOptions join them
 * once resolved: buildCreateOptions' extra); awslogs and awsfirelens are completed in buildCreateOptions. A
 * driver the agent does not apply (core's table) fails the task naming it rather than falling back to
 * Docker's default driver.
 */
export function logConfig(cd: ContainerDefinition): { Type: string; Config: Record<string, string> } | undefined {
  const lc = cd.logConfiguration;
  if (!lc || !lc.logDriver) return undefined;
  return { Type: lc.logDriver, Config: { ...(lc.options ?? {}) } };
}

/** systemControls -> HostConfig.Sysctls; entries without a namespace are skipped. */
export function sysctls(cd: ContainerDefinition): Record<string, string> | undefined {
  const sc = (cd.systemControls ?? []).filter((x) => x && x.namespace);
  if (!sc.length) return undefined;
  const out: Record<string, string> = {};
  for (const x of sc) out[x.namespace!] = x.value ?? '';
  return out;
}

/** extraHosts -> HostConfig.ExtraHosts ['hostname:ip']. */
export function extraHosts(cd: ContainerDefinition): string[] | undefined {
  const h = (cd.extraHosts ?? []).filter((x) => x && x.hostname);
  return h.length ? h.map((x) => `${x.hostname}:${x.ipAddress}`) : undefined;
}

const nonEmpty = (a: string[] | undefined): string[] | undefined => (a && a.length ? [...a] : undefined);

/**
 * Every container setting that maps 1:1 to Docker: the HostConfig members and the Config members. Absent
 * members stay unset (Docker's defaults); present false values are passed through.
 */
export function containerSettings(cd: ContainerDefinition, td: TaskDefinition, mode: DockerNetworkMode, memory: number | undefined, warnings: string[], namespaceOwner?: string): { host: Record<string, unknown>; config: Record<string, unknown> } {
  const host: Record<string, unknown> = {};
  const config: Record<string, unknown> = {};
  const set = (o: Record<string, unknown>, k: string, v: unknown) => {
    if (v !== undefined && v !== null) o[k] = v;
  };
  const lp = cd.linuxParameters ?? {};
  set(host, 'Ulimits', ulimits(cd));
  set(host, 'CapAdd', nonEmpty(lp.capabilities?.add));
  set(host, 'CapDrop', nonEmpty(lp.capabilities?.drop));
  set(host, 'Devices', devices(cd));
  if (lp.sharedMemorySize !== undefined && lp.sharedMemorySize > 0) host.ShmSize = Math.floor(lp.sharedMemorySize * MiB);
  set(host, 'Tmpfs', tmpfs(cd));
  Object.assign(host, swapSpec(cd, memory, warnings));
  set(host, 'Privileged', cd.privileged);
  set(host, 'ReadonlyRootfs', cd.readonlyRootFilesystem);
  set(host, 'Dns', nonEmpty(cd.dnsServers));
  set(host, 'DnsSearch', nonEmpty(cd.dnsSearchDomains));
  set(host, 'ExtraHosts', extraHosts(cd));
  set(host, 'SecurityOpt', nonEmpty(cd.dockerSecurityOptions));
  set(host, 'Sysctls', sysctls(cd));
  set(host, 'LogConfig', logConfig(cd));
  Object.assign(host, namespaceModes(td, warnings, namespaceOwner));
  if (cd.hostname) {
    if (mode === 'host') warnings.push(`container '${cd.name}': hostname is not used with the host network mode; ignored`);
    else config.Hostname = cd.hostname;
  }
  set(config, 'OpenStdin', cd.interactive);
  set(config, 'Tty', cd.pseudoTerminal);
  set(config, 'NetworkDisabled', cd.disableNetworking);
  return { host, config };
}

// --- the whole thing -------------------------------------------------------------------------------------

export function buildCreateOptions(input: SpecInput): BuiltSpec {
  const warnings: string[] = [];
  const mode = networkMode(input.taskDefinition);
  const cd = effectiveContainer(containerDefinition(input.taskDefinition, input.containerName), containerOverride(input.task, input.containerName));
  if (!cd.image) throw new TaskSpecError('CannotCreateContainerError', `container '${input.containerName}' has no image`);
  // The server refuses what the agent does not apply (core's agent-support table); a task placed by an
  // older server may still carry it: fail it naming the member rather than run it without.
  const refusal = containerRefusal(cd);
  if (refusal !== undefined) throw new TaskSpecError('CannotCreateContainerError', refusal);

  const host: DockerHostConfig = { NetworkMode: mode, CpuShares: cpuShares(cd.cpu) };
  const mem = memoryBytes(cd.memory);
  if (mem !== undefined) host.Memory = mem;
  const res = memoryBytes(cd.memoryReservation);
  if (res !== undefined) host.MemoryReservation = res;
  if (cd.linuxParameters?.initProcessEnabled === true) host.Init = true;
  if (input.cgroupParent) host.CgroupParent = input.cgroupParent;
  const ports = portSpec(cd, mode, input.hostIp ?? '0.0.0.0');
  if (ports.PortBindings) host.PortBindings = ports.PortBindings;
  const settings = containerSettings(cd, input.taskDefinition, mode, mem, warnings, input.namespaceOwner);
  Object.assign(host, settings.host);
  Object.assign(host, volumeSpec(cd, input.volumes, input.dockerNames ?? {}));
  if (cd.links?.length) {
    if (mode === 'bridge') host.Links = dockerLinks(cd, input.dockerNames ?? {});
    else warnings.push(`container '${cd.name}': links work in the bridge network mode only; ignored`);
  }

  const options: DockerCreateOptions = { name: input.dockerName, Image: cd.image, Labels: ecsLabels(input, cd.dockerLabels), HostConfig: host };
  if (cd.command?.length) options.Cmd = [...cd.command];
  if (cd.entryPoint?.length) options.Entrypoint = [...cd.entryPoint];
  const env = environment(cd, input.region);
  if (env) options.Env = env;
  if (cd.workingDirectory) options.WorkingDir = cd.workingDirectory;
  if (cd.user) options.User = cd.user;
  if (ports.ExposedPorts) options.ExposedPorts = ports.ExposedPorts;
  Object.assign(options, settings.config);
  const hc = dockerHealthcheck(cd.healthCheck);
  if (hc) options.Healthcheck = hc;
  if (input.extra?.env?.length) options.Env = [...(options.Env ?? []), ...input.extra.env];
  if (input.extra?.binds?.length) host.Binds = [...((host.Binds as string[] | undefined) ?? []), ...input.extra.binds];
  // secretOptions: the log driver's options that came from secrets.
  const lc = host.LogConfig as { Type: string; Config: Record<string, string> } | undefined;
  if (lc && input.extra?.logOptions) lc.Config = { ...lc.Config, ...input.extra.logOptions };
  if (lc?.Type === 'awslogs') {
    // Never to dockerd without Berth's endpoint and the execution role's credentials.
    const target = input.extra?.awslogs;
    if (!target) throw new TaskSpecError('CannotCreateContainerError', `container '${cd.name}': the awslogs log driver needs the task's execution role (executionRoleArn) and this agent's credentials endpoint (BERTH_CREDENTIALS_ADDR)`);
    const { awsEndpoint, credentialsPath, mode } = target;
    lc.Config = awslogsOptions(lc.Config, { containerName: cd.name ?? '', taskId: resourceId(input.task.taskArn ?? ''), ...(input.region ? { region: input.region } : {}), awsEndpoint, credentialsPath, ...(mode ? { mode } : {}) });
  }
  if (lc?.Type === 'awsfirelens' || cd.firelensConfiguration) {
    if (!input.firelens) throw new TaskSpecError('CannotCreateContainerError', `container '${cd.name}': FireLens needs the task's log router directory`);
    // The router's configuration and socket; the others' lines to that socket (firelens.ts).
    if (cd.firelensConfiguration) host.Binds = [...((host.Binds as string[] | undefined) ?? []), ...routerBinds(input.firelens)];
    if (lc?.Type === 'awsfirelens') host.LogConfig = firelensLogConfig(cd, input.firelens.socket, input.task.taskArn ?? '');
  }
  return { options, warnings };
}
