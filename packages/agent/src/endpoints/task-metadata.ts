// The JSON the agent's local endpoints answer, with amazon-ecs-agent's field names: the introspection API
// (ecs-agent/introspection/v1/response.go, agent/handlers/v1/response.go), task metadata v3/v4
// (ecs-agent/tmds/handlers/v2|v4/.../response.go) and the container metadata file (agent/containermetadata).
// PURE: built from the engine's snapshot plus normalized `docker inspect` facts; no I/O, no clock.
import { parseCpu, parseMemory } from '@berth/core/taskdef-reads.js';
import type { ContainerDefinition } from '@berth/core';
import type { TaskSnapshot } from '../engine/engine.js';
import type { ContainerRecord } from '../engine/local-state.js';
import { backendStatus, type ContainerStatus } from '../engine/task-status.js';

// --- docker inspect, normalized ---------------------------------------------------------------------------

/** What the endpoints need from `docker inspect` (absent when Docker did not say). */
export interface ContainerFacts {
  imageId?: string;
  /** RFC3339 strings as Docker gives them (UTC, nanoseconds). */
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  labels?: Record<string, string>;
  networks?: { name: string; ipv4?: string; ipv6?: string }[];
  volumes?: { name?: string; source: string; destination: string }[];
  logDriver?: string;
  logOptions?: Record<string, string>;
  health?: HealthFacts;
  restartCount?: number;
  restartPolicy?: string;
}

export interface HealthFacts {
  /** Docker's: starting, healthy, unhealthy. */
  status: string;
  /** Docker's health log, oldest first. */
  log: { start?: string; end?: string; exitCode?: number; output?: string }[];
}

const zeroTime = (s: unknown): string | undefined => (typeof s === 'string' && s !== '' && !s.startsWith('0001-01-01') ? s : undefined);

/** The facts of a `docker inspect` answer (Docker Engine API names). */
export function factsFromInspect(i: Record<string, any>): ContainerFacts {
  const f: ContainerFacts = {};
  if (typeof i.Image === 'string') f.imageId = i.Image;
  const created = zeroTime(i.Created);
  if (created) f.createdAt = created;
  const started = zeroTime(i.State?.StartedAt);
  if (started) f.startedAt = started;
  const finished = zeroTime(i.State?.FinishedAt);
  if (finished) f.finishedAt = finished;
  if (i.Config?.Labels) f.labels = { ...i.Config.Labels };
  const nets = i.NetworkSettings?.Networks;
  if (nets && typeof nets === 'object') {
    f.networks = Object.entries(nets as Record<string, { IPAddress?: string; GlobalIPv6Address?: string }>).map(([name, n]) => ({
      name,
      ...(n?.IPAddress ? { ipv4: n.IPAddress } : {}),
      ...(n?.GlobalIPv6Address ? { ipv6: n.GlobalIPv6Address } : {}),
    }));
  }
  if (Array.isArray(i.Mounts)) {
    f.volumes = (i.Mounts as { Name?: string; Source?: string; Destination?: string }[]).map((m) => ({
      ...(m.Name ? { name: m.Name } : {}),
      source: m.Source ?? '',
      destination: m.Destination ?? '',
    }));
  }
  if (i.HostConfig?.LogConfig?.Type) {
    f.logDriver = i.HostConfig.LogConfig.Type;
    f.logOptions = { ...(i.HostConfig.LogConfig.Config ?? {}) };
  }
  const h = i.State?.Health;
  if (h && typeof h.Status === 'string') {
    f.health = {
      status: h.Status,
      log: (Array.isArray(h.Log) ? h.Log : []).map((e: { Start?: string; End?: string; ExitCode?: number; Output?: string }) => ({
        ...(e.Start ? { start: e.Start } : {}),
        ...(e.End ? { end: e.End } : {}),
        ...(typeof e.ExitCode === 'number' ? { exitCode: e.ExitCode } : {}),
        ...(typeof e.Output === 'string' ? { output: e.Output } : {}),
      })),
    };
  }
  if (typeof i.RestartCount === 'number') f.restartCount = i.RestartCount;
  const rp = i.HostConfig?.RestartPolicy?.Name;
  if (typeof rp === 'string' && rp !== '' && rp !== 'no') f.restartPolicy = rp;
  return f;
}

// --- shared pieces ----------------------------------------------------------------------------------------

/** Epoch seconds (agent clock) as RFC3339 UTC. */
export const isoSeconds = (s: number | undefined): string | undefined => (s === undefined ? undefined : new Date(s * 1000).toISOString());

/** Keeps only the members that are defined (Go's omitempty for pointers). */
function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export interface PortResponse {
  ContainerPort: number;
  Protocol: string;
  HostPort: number;
  HostIp?: string;
}

function ports(c: ContainerRecord, withHostIp: boolean): PortResponse[] | undefined {
  if (c.networkBindings.length === 0) return undefined;
  return c.networkBindings.map((b) => ({ ContainerPort: b.containerPort, Protocol: b.protocol, HostPort: b.hostPort, ...(withHostIp ? { HostIp: b.bindIP } : {}) }));
}

export interface NetworkResponse {
  NetworkMode: string;
  IPv4Addresses?: string[];
  IPv6Addresses?: string[];
}

/** One entry per Docker network the container is on (bridge: its address; host: none). */
function networks(f: ContainerFacts | undefined, mode: string): NetworkResponse[] | undefined {
  const nets = f?.networks;
  if (!nets || nets.length === 0) return mode === 'none' ? undefined : [{ NetworkMode: mode }];
  return nets.map((n) => defined({
    NetworkMode: n.name === 'bridge' || n.name === 'host' || n.name === 'none' ? n.name : mode,
    IPv4Addresses: n.ipv4 ? [n.ipv4] : undefined,
    IPv6Addresses: n.ipv6 ? [n.ipv6] : undefined,
  }));
}

export interface VolumeResponse {
  DockerName?: string;
  Source: string;
  Destination: string;
}

function volumes(f: ContainerFacts | undefined): VolumeResponse[] | undefined {
  if (!f?.volumes?.length) return undefined;
  return f.volumes.map((v) => defined({ DockerName: v.name, Source: v.source, Destination: v.destination }));
}

export interface HealthResponse {
  status?: string;
  statusSince?: string;
  exitCode?: number;
  output?: string;
}

/**
 * ECS's container health (lower-case keys): HEALTHY or UNHEALTHY, empty while unknown (Docker's
 * `starting`); statusSince is when the current status began (the first check of the current run of
 * same outcomes); exitCode and output are the last check's.
 */
export function healthResponse(h: HealthFacts): HealthResponse {
  const status = h.status === 'healthy' ? 'HEALTHY' : h.status === 'unhealthy' ? 'UNHEALTHY' : undefined;
  const last = h.log[h.log.length - 1];
  let since: string | undefined;
  if (status && last) {
    const ok = (e: { exitCode?: number }) => e.exitCode === 0;
    let i = h.log.length - 1;
    while (i > 0 && ok(h.log[i - 1]!) === ok(last)) i--;
    since = h.log[i]!.end ?? h.log[i]!.start;
  }
  return defined({ status, statusSince: since, exitCode: last?.exitCode, output: last?.output });
}

/** ECS's internal task status strings: PULLED is not one of them and reads NONE. */
const taskStatusString = (s: ContainerStatus): string => (s === 'PULLED' ? 'NONE' : s);

function definitionOf(t: TaskSnapshot, name: string): ContainerDefinition | undefined {
  const cd = (t.taskDefinition?.containerDefinitions ?? []).find((d) => d.name === name);
  if (!cd) return undefined;
  const o = t.task?.overrides?.containerOverrides?.find((x) => x.name === name);
  return o ? { ...cd, ...(o.cpu !== undefined ? { cpu: o.cpu } : {}), ...(o.memory !== undefined ? { memory: o.memory } : {}) } : cd;
}

/** Task-level limits: CPU in vCPU, Memory in MiB; undefined when the task sets neither. */
export function taskLimitsResponse(t: TaskSnapshot): { CPU?: number; Memory?: number } | undefined {
  const cpu = t.task?.overrides?.cpu ?? t.taskDefinition?.cpu;
  const mem = t.task?.overrides?.memory ?? t.taskDefinition?.memory;
  const out: { CPU?: number; Memory?: number } = {};
  try {
    if (cpu) out.CPU = parseCpu(cpu, 'cpu') / 1024;
    if (mem) out.Memory = parseMemory(mem, 'memory');
  } catch {
    return undefined;
  }
  return out.CPU === undefined && out.Memory === undefined ? undefined : out;
}

// --- task metadata v3 / v4 --------------------------------------------------------------------------------

export type TmdsVersion = 'v3' | 'v4';

export interface TmdsContext {
  /** ECS_CLUSTER as configured (ECS's agent answers its configured cluster). */
  cluster: string;
  availabilityZone?: string;
  /** Network mode of the task: bridge, host or none. */
  networkMode: string;
}

/** The container object of `${ECS_CONTAINER_METADATA_URI_V4}` and of a task's `Containers`. */
export function containerResponse(t: TaskSnapshot, c: ContainerRecord, f: ContainerFacts | undefined, ctx: TmdsContext, v: TmdsVersion = 'v4'): Record<string, unknown> {
  const cd = definitionOf(t, c.name);
  const v4 = v === 'v4';
  const r: Record<string, unknown> = {
    DockerId: c.dockerId ?? '',
    Name: c.name,
    DockerName: c.dockerName,
    Image: cd?.image ?? '',
    ImageID: f?.imageId ?? '',
    Ports: ports(c, v4),
    Labels: f?.labels ?? undefined,
    DesiredStatus: c.desiredStatus,
    KnownStatus: c.knownStatus,
    ExitCode: c.exitCode,
    // Container cpu units (Docker's CpuShares, at least 2) and memory in MiB.
    Limits: { CPU: Math.max(cd?.cpu ?? 0, 2), Memory: cd?.memory ?? 0 },
    CreatedAt: f?.createdAt,
    StartedAt: f?.startedAt,
    FinishedAt: f?.finishedAt,
    Type: 'NORMAL',
    Networks: networks(f, ctx.networkMode),
    Health: cd?.healthCheck && f?.health ? healthResponse(f.health) : undefined,
    Volumes: volumes(f),
  };
  if (v4) {
    r.LogDriver = f?.logDriver;
    r.LogOptions = f?.logOptions;
    r.ContainerARN = t.task?.containers?.find((x) => x.name === c.name)?.containerArn;
    if (f?.restartPolicy) r.RestartCount = f.restartCount ?? 0;
  }
  return defined(r);
}

/** The task object of `${ECS_CONTAINER_METADATA_URI_V4}/task` (`withTags`: /taskWithTags). */
export function taskResponse(t: TaskSnapshot, facts: (dockerId: string) => ContainerFacts | undefined, ctx: TmdsContext, v: TmdsVersion = 'v4', withTags = false): Record<string, unknown> {
  const group = t.task?.group;
  const r: Record<string, unknown> = {
    Cluster: ctx.cluster,
    TaskARN: t.taskArn,
    Family: t.family ?? '',
    Revision: t.revision === undefined ? '' : String(t.revision),
    DesiredStatus: t.desiredStatus,
    KnownStatus: taskStatusString(t.knownStatus),
    Containers: t.containers.map((c) => containerResponse(t, c, c.dockerId ? facts(c.dockerId) : undefined, ctx, v)),
    Limits: taskLimitsResponse(t),
    PullStartedAt: isoSeconds(t.pullStartedAt),
    PullStoppedAt: isoSeconds(t.pullStoppedAt),
    ExecutionStoppedAt: isoSeconds(t.executionStoppedAt),
    AvailabilityZone: ctx.availabilityZone,
  };
  if (withTags) {
    const tags = t.task?.tags ?? [];
    r.TaskTags = Object.fromEntries(tags.filter((x) => x.key).map((x) => [x.key!, x.value ?? '']));
  }
  if (v === 'v4') {
    r.LaunchType = t.task?.launchType ?? 'EC2';
    if (group?.startsWith('service:')) r.ServiceName = group.slice('service:'.length);
    r.FaultInjectionEnabled = false;
  }
  return defined(r);
}

export interface NetworkRate {
  rx_bytes_per_sec: number;
  tx_bytes_per_sec: number;
}

/** A previous stats sample of a container: when it was read and its summed network byte counters. */
export interface NetSample {
  readMs: number;
  rx: number;
  tx: number;
}

/** Summed rx/tx bytes over the container's interfaces; undefined when Docker reports no networks (host mode). */
export function netSample(stats: Record<string, any>): NetSample | undefined {
  const nets = stats?.networks;
  if (!nets || typeof nets !== 'object') return undefined;
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(nets as Record<string, { rx_bytes?: number; tx_bytes?: number }>)) {
    rx += n?.rx_bytes ?? 0;
    tx += n?.tx_bytes ?? 0;
  }
  const readMs = Date.parse(stats.read);
  return { readMs: Number.isFinite(readMs) ? readMs : 0, rx, tx };
}

/** Bytes per second between two samples (0 without an earlier sample, or when counters went back). */
export function networkRate(prev: NetSample | undefined, cur: NetSample): NetworkRate {
  const dt = prev ? (cur.readMs - prev.readMs) / 1000 : 0;
  if (!prev || !(dt > 0)) return { rx_bytes_per_sec: 0, tx_bytes_per_sec: 0 };
  return { rx_bytes_per_sec: Math.max(0, (cur.rx - prev.rx) / dt), tx_bytes_per_sec: Math.max(0, (cur.tx - prev.tx) / dt) };
}

/** Docker's stats JSON plus ECS's network_rate_stats (when the container has networks). */
export function statsResponse(stats: Record<string, any>, rate: NetworkRate | undefined): Record<string, unknown> {
  return rate ? { ...stats, network_rate_stats: rate } : { ...stats };
}

/** Which TMDS request a path is: `/v3|v4/<endpointId>[/task|/stats|/task/stats|/taskWithTags]`. */
export interface TmdsRoute {
  version: TmdsVersion;
  endpointId: string;
  kind: 'container' | 'task' | 'taskWithTags' | 'stats' | 'taskStats';
}

export function parseTmdsPath(pathname: string): TmdsRoute | undefined {
  const m = /^\/(v3|v4)\/([A-Za-z0-9-]{1,64})(\/task|\/taskWithTags|\/stats|\/task\/stats)?\/?$/.exec(pathname);
  if (!m) return undefined;
  const kinds: Record<string, TmdsRoute['kind']> = { '': 'container', '/task': 'task', '/taskWithTags': 'taskWithTags', '/stats': 'stats', '/task/stats': 'taskStats' };
  return { version: m[1] as TmdsVersion, endpointId: m[2]!, kind: kinds[m[3] ?? '']! };
}

/** The task and container a per-container endpoint id belongs to. */
export function findByEndpointId(tasks: TaskSnapshot[], endpointId: string): { task: TaskSnapshot; container: ContainerRecord } | undefined {
  for (const task of tasks) {
    const container = task.containers.find((c) => c.v3EndpointId === endpointId);
    if (container) return { task, container };
  }
  return undefined;
}

/** The environment a container gets: v3's and v4's metadata URIs (one endpoint id, as ECS). */
export function metadataEnv(baseUrl: string, endpointId: string): string[] {
  return [`ECS_CONTAINER_METADATA_URI=${baseUrl}/v3/${endpointId}`, `ECS_CONTAINER_METADATA_URI_V4=${baseUrl}/v4/${endpointId}`];
}

// --- introspection ----------------------------------------------------------------------------------------

export const AVAILABLE_COMMANDS = ['/v1/metadata', '/v1/tasks', '/license'];

export function agentMetadataResponse(cluster: string, containerInstanceArn: string, version: string): Record<string, unknown> {
  return { Cluster: cluster, ContainerInstanceArn: containerInstanceArn, Version: version };
}

/** A task of `/v1/tasks`: backend statuses; DesiredStatus blanked where ECS blanks it. */
export function introspectionTask(t: TaskSnapshot, facts: (dockerId: string) => ContainerFacts | undefined, networkMode: string): Record<string, unknown> {
  const known = backendStatus(t.knownStatus);
  const desired = t.desiredStatus;
  const hideDesired = (known === 'STOPPED' && desired !== 'STOPPED') || (known === 'RUNNING' && (desired as string) === 'PENDING');
  return defined({
    Arn: t.taskArn,
    DesiredStatus: hideDesired ? undefined : desired,
    KnownStatus: known,
    Family: t.family ?? '',
    Version: t.revision === undefined ? '' : String(t.revision),
    Containers: t.containers.map((c) => {
      const f = c.dockerId ? facts(c.dockerId) : undefined;
      return defined({
        DockerId: c.dockerId ?? '',
        DockerName: c.dockerName,
        Name: c.name,
        Image: definitionOf(t, c.name)?.image,
        ImageID: f?.imageId,
        CreatedAt: f?.createdAt,
        StartedAt: f?.startedAt,
        Ports: ports(c, true),
        Networks: networks(f, networkMode),
        Volumes: volumes(f),
        RestartCount: f?.restartPolicy ? f.restartCount ?? 0 : undefined,
      });
    }),
  });
}

/** The answer of a `/v1/tasks` query: 200 with a body, or an error status and message. */
export type Found<T> = { status: 200; body: T } | { status: 400 | 404; error: string };

/**
 * `/v1/tasks?dockerid=` (a full id, or a short id of at most 12 characters that must be unambiguous) or
 * `?taskarn=`; both at once is a bad request.
 */
export function findTask(tasks: TaskSnapshot[], q: { dockerId?: string | null; taskArn?: string | null }): Found<TaskSnapshot> {
  const { dockerId, taskArn } = q;
  if (dockerId && taskArn) return { status: 400, error: 'Request contains both task arn and docker id' };
  if (taskArn) {
    const t = tasks.find((x) => x.taskArn === taskArn);
    return t ? { status: 200, body: t } : { status: 404, error: `Unable to find task '${taskArn}'` };
  }
  if (dockerId) {
    const exact = tasks.find((x) => x.containers.some((c) => c.dockerId === dockerId));
    if (exact) return { status: 200, body: exact };
    if (dockerId.length <= 12) {
      const hits = tasks.filter((x) => x.containers.some((c) => c.dockerId?.startsWith(dockerId)));
      const ids = new Set(tasks.flatMap((x) => x.containers.filter((c) => c.dockerId?.startsWith(dockerId)).map((c) => c.dockerId)));
      if (ids.size > 1) return { status: 400, error: `multiple tasks found with short id '${dockerId}'` };
      if (hits.length === 1) return { status: 200, body: hits[0]! };
    }
    return { status: 404, error: `Unable to find task for container '${dockerId}'` };
  }
  return { status: 400, error: 'no dockerid or taskarn given' };
}

// --- the container metadata file --------------------------------------------------------------------------

export interface MetadataFileInput {
  cluster: string;
  containerInstanceArn: string;
  availabilityZone?: string;
  hostPrivateIPv4Address?: string;
  task: TaskSnapshot | { taskArn: string; family?: string; revision?: number };
  container: ContainerRecord;
  image?: string;
  facts?: ContainerFacts;
  networkMode: string;
  status: 'INITIAL' | 'READY';
}

/** ecs-container-metadata.json as ECS writes it (INITIAL at create, READY once started). */
export function metadataFileContent(m: MetadataFileInput): Record<string, unknown> {
  const c = m.container;
  // INITIAL is written before the container exists: only what the task says.
  const ready = m.status === 'READY';
  const r: Record<string, unknown> = {
    Cluster: m.cluster,
    ContainerInstanceARN: m.containerInstanceArn,
    TaskARN: m.task.taskArn,
    TaskDefinitionFamily: m.task.family ?? '',
    TaskDefinitionRevision: m.task.revision === undefined ? '' : String(m.task.revision),
    ContainerID: ready ? c.dockerId : undefined,
    ContainerName: c.name,
    DockerContainerName: ready ? `/${c.dockerName}` : undefined,
    ImageID: ready ? m.facts?.imageId : undefined,
    ImageName: ready ? m.image : undefined,
    PortMappings: ready ? c.networkBindings.map((b) => ({ ContainerPort: b.containerPort, HostPort: b.hostPort, BindIp: b.bindIP, Protocol: b.protocol })) : undefined,
    Networks: ready ? networks(m.facts, m.networkMode)?.map((n) => ({ NetworkMode: n.NetworkMode, IPv4Addresses: n.IPv4Addresses ?? [] })) : undefined,
    MetadataFileStatus: m.status,
    AvailabilityZone: m.availabilityZone,
    HostPrivateIPv4Address: m.hostPrivateIPv4Address,
  };
  return defined(r);
}
