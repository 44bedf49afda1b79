// Resource accounting on container instances (ECS API brief §4.3, agent brief §3): what a task reserves,
// and the arithmetic on an instance's ECS `Resource` lists.
//
// Resource lists use ECS's shape: CPU and MEMORY are INTEGER resources (`integerValue`, CPU units and
// MiB); PORTS and PORTS_UDP are STRINGSET resources whose `stringSetValue` lists the host ports in use,
// the instance's reserved ports included (in `registeredResources` they are the reserved ports only).
// Other resources (GPU, NEURON_CORES, custom) are carried along untouched.
import { invalid } from './errors.js';
import type { ContainerDefinition, ContainerInstance, Resource, TaskDefinition, TaskOverride } from './model/types.js';
import { parseCpu, parseMemory } from './taskdef.js';
import { describeValue } from './validate-shape.js';

/** Resources a task holds on its instance from placement until it is STOPPED. */
export interface Reservation {
  /** CPU units. */
  cpu: number;
  /** MiB. */
  memory: number;
  /** Static host ports (tcp), ascending, no duplicates. */
  ports: number[];
  /** Static host ports (udp), ascending, no duplicates. */
  portsUdp: number[];
}

export type ResourceFailure = 'RESOURCE:CPU' | 'RESOURCE:MEMORY' | 'RESOURCE:PORTS' | 'RESOURCE:PORTS_UDP';

/** The four resources Berth accounts, in the order ECS lists them. */
export const ACCOUNTED_RESOURCES = ['CPU', 'MEMORY', 'PORTS', 'PORTS_UDP'] as const;

/** ECS's quota on reserved host ports per container instance (per protocol here). */
export const MAX_RESERVED_PORTS = 100;

const sortedUnique = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

/** One container's effective settings after its containerOverride (if any). */
function effective(c: ContainerDefinition, overrides?: TaskOverride): { cpu: number; memory?: number; memoryReservation?: number } {
  const o = overrides?.containerOverrides?.find((x) => x.name === c.name);
  const memory = o?.memory ?? c.memory;
  const memoryReservation = o?.memoryReservation ?? c.memoryReservation;
  return {
    cpu: o?.cpu ?? c.cpu ?? 0,
    ...(memory !== undefined ? { memory } : {}),
    ...(memoryReservation !== undefined ? { memoryReservation } : {}),
  };
}

/**
 * What one task of `td` (with the RunTask `overrides`) reserves on an EC2/EXTERNAL instance, as the agent's
 * Task.ToHostResources counts it:
 *   cpu     the task-level cpu (override, else definition) when > 0, else the sum of container cpu;
 *   memory  the task-level memory (override, else definition) when > 0, else per container
 *           memoryReservation if > 0, else memory, summed (container overrides applied);
 *   ports   every portMappings[].hostPort > 0, by protocol (tcp -> ports, udp -> portsUdp); none for
 *           awsvpc tasks (each has its own network interface). Dynamic ports (hostPort 0) are not counted.
 * Task cpu/memory strings are parsed as at registration ("1 vCPU", "2 GB"); an unparsable override throws
 * InvalidParameterException on `overrides.cpu` / `overrides.memory`.
 */
export function taskReservation(td: TaskDefinition, overrides?: TaskOverride): Reservation {
  const containers = td.containerDefinitions ?? [];
  const eff = containers.map((c) => effective(c, overrides));
  const taskCpu = overrides?.cpu !== undefined ? parseCpu(overrides.cpu, 'overrides.cpu') : td.cpu !== undefined ? parseCpu(td.cpu) : 0;
  const taskMem = overrides?.memory !== undefined ? parseMemory(overrides.memory, 'overrides.memory') : td.memory !== undefined ? parseMemory(td.memory) : 0;
  const cpu = taskCpu > 0 ? taskCpu : eff.reduce((s, c) => s + c.cpu, 0);
  const memory = taskMem > 0 ? taskMem
    : eff.reduce((s, c) => s + ((c.memoryReservation ?? 0) > 0 ? c.memoryReservation! : (c.memory ?? 0)), 0);
  const ports: number[] = [];
  const portsUdp: number[] = [];
  if (td.networkMode !== 'awsvpc') {
    for (const c of containers) {
      for (const pm of c.portMappings ?? []) {
        if (pm.hostPort === undefined || pm.hostPort <= 0) continue;
        (pm.protocol === 'udp' ? portsUdp : ports).push(pm.hostPort);
      }
    }
  }
  return { cpu, memory, ports: sortedUnique(ports), portsUdp: sortedUnique(portsUdp) };
}

// --- reading and writing Resource lists -------------------------------------------------------------------

const find = (list: readonly Resource[] | undefined, name: string) => list?.find((r) => r.name === name);

function intOf(list: readonly Resource[] | undefined, name: string): number {
  const r = find(list, name);
  return r?.integerValue ?? r?.longValue ?? (r?.doubleValue !== undefined ? Math.floor(r.doubleValue) : 0);
}

function setOf(list: readonly Resource[] | undefined, name: string): string[] {
  return find(list, name)?.stringSetValue ?? [];
}

/** The amounts Berth accounts in a Resource list (missing ones count as 0 / empty). */
export function resourceAmounts(list: readonly Resource[] | undefined): { cpu: number; memory: number; ports: string[]; portsUdp: string[] } {
  return { cpu: intOf(list, 'CPU'), memory: intOf(list, 'MEMORY'), ports: setOf(list, 'PORTS'), portsUdp: setOf(list, 'PORTS_UDP') };
}

/** A copy of `list` with the named resource replaced (or appended in ECS order when absent). */
function withResource(list: readonly Resource[], res: Resource): Resource[] {
  const out = list.map((r) => (r.name === res.name ? res : { ...r }));
  if (!list.some((r) => r.name === res.name)) out.push(res);
  return out;
}

const integer = (name: string, integerValue: number): Resource => ({ name, type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue });
const stringSet = (name: string, stringSetValue: string[]): Resource => ({ name, type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue });

/**
 * The instance's registered resources in canonical form: CPU, MEMORY, PORTS, PORTS_UDP first (PORTS and
 * PORTS_UDP present, possibly empty), then any others as registered. A fresh copy.
 */
export function registeredResourcesOf(ci: ContainerInstance): Resource[] {
  return canonicalResources(ci.registeredResources ?? []);
}

function canonicalResources(list: readonly Resource[]): Resource[] {
  const a = resourceAmounts(list);
  const known = new Set<string>(ACCOUNTED_RESOURCES);
  return [
    integer('CPU', a.cpu),
    integer('MEMORY', a.memory),
    stringSet('PORTS', [...a.ports]),
    stringSet('PORTS_UDP', [...a.portsUdp]),
    ...list.filter((r) => r.name === undefined || !known.has(r.name)).map((r) => ({ ...r })),
  ];
}

const PORT_STRING = /^[1-9][0-9]{0,4}$/;

/**
 * An instance registered without totalResources (by API, as tools and tests register one) has none: zero
 * CPU and memory, so nothing is placed on it, and an attribute that says why rather than a refusal.
 */
export const NO_RESOURCES_ATTRIBUTE = { name: 'berth.registered-resources', value: 'none: registered without totalResources so no task is placed here' } as const;
export const noResources = (): Resource[] => canonicalResources([]);

/**
 * Validates RegisterContainerInstance `totalResources` and returns them in canonical form (see
 * registeredResourcesOf). CPU and MEMORY are required INTEGER resources >= 0 (integerValue, or longValue
 * as some clients send); PORTS / PORTS_UDP, when given, are STRINGSETs of at most 100 distinct ports
 * 1-65535. Every problem is an InvalidParameterException naming e.g. `totalResources[1].integerValue`.
 */
export function checkTotalResources(field: string, list: readonly Resource[] | undefined): Resource[] {
  if (list === undefined || list.length === 0) throw invalid(field, 'The container instance must register its resources: CPU and MEMORY at least.');
  const seen = new Map<string, number>();
  list.forEach((r, i) => {
    const f = `${field}[${i}]`;
    if (r.name === undefined || r.name === '') throw invalid(`${f}.name`, "Missing required member 'name' in Resource.");
    const prev = seen.get(r.name);
    if (prev !== undefined) throw invalid(`${f}.name`, `The resource ${describeValue(r.name)} is given more than once.`);
    seen.set(r.name, i);
    if (r.name === 'CPU' || r.name === 'MEMORY') {
      if (r.type !== undefined && r.type !== 'INTEGER' && r.type !== 'LONG') throw invalid(`${f}.type`, `The ${r.name} resource must be of type INTEGER (${describeValue(r.type)} given).`);
      const v = r.integerValue ?? r.longValue;
      if (v === undefined || !Number.isInteger(v) || v < 0 || v > 2147483647) {
        throw invalid(`${f}.integerValue`, `The ${r.name} resource needs an integerValue of 0 or more.`);
      }
    } else if (r.name === 'PORTS' || r.name === 'PORTS_UDP') {
      if (r.type !== undefined && r.type !== 'STRINGSET') throw invalid(`${f}.type`, `The ${r.name} resource must be of type STRINGSET (${describeValue(r.type)} given).`);
      const ports = r.stringSetValue ?? [];
      if (new Set(ports).size > MAX_RESERVED_PORTS) {
        throw invalid(`${f}.stringSetValue`, `A container instance can reserve at most ${MAX_RESERVED_PORTS} ${r.name === 'PORTS' ? 'TCP' : 'UDP'} ports (${ports.length} given).`);
      }
      ports.forEach((p, j) => {
        if (!PORT_STRING.test(p) || Number(p) > 65535) throw invalid(`${f}.stringSetValue[${j}]`, `The reserved port ${describeValue(p)} is not a port number from 1 to 65535.`);
      });
    }
  });
  for (const required of ['CPU', 'MEMORY']) {
    if (!seen.has(required)) throw invalid(field, `The container instance must register a ${required} resource.`);
  }
  const canon = canonicalResources(list);
  // Reserved ports: distinct, as ECS shows them (strings, in the order given).
  for (const name of ['PORTS', 'PORTS_UDP']) {
    const r = canon.find((x) => x.name === name)!;
    r.stringSetValue = [...new Set(r.stringSetValue)];
  }
  return canon;
}

/** null when `r` fits in `remaining`, else the first ECS failure reason (CPU, MEMORY, PORTS, PORTS_UDP). */
export function fits(remaining: readonly Resource[], r: Reservation): ResourceFailure | null {
  const a = resourceAmounts(remaining);
  if (r.cpu > a.cpu) return 'RESOURCE:CPU';
  if (r.memory > a.memory) return 'RESOURCE:MEMORY';
  if (r.ports.length > 0) {
    const used = new Set(a.ports);
    if (r.ports.some((p) => used.has(String(p)))) return 'RESOURCE:PORTS';
  }
  if (r.portsUdp.length > 0) {
    const used = new Set(a.portsUdp);
    if (r.portsUdp.some((p) => used.has(String(p)))) return 'RESOURCE:PORTS_UDP';
  }
  return null;
}

/** `remaining` after placing a task that reserves `r` (call fits first): CPU/MEMORY down, ports added. */
export function subtract(remaining: readonly Resource[], r: Reservation): Resource[] {
  const a = resourceAmounts(remaining);
  const add = (cur: string[], ports: number[]) => {
    const s = new Set(cur);
    return [...cur, ...ports.map(String).filter((p) => !s.has(p))];
  };
  let out = withResource(remaining, integer('CPU', a.cpu - r.cpu));
  out = withResource(out, integer('MEMORY', a.memory - r.memory));
  out = withResource(out, stringSet('PORTS', add(a.ports, r.ports)));
  return withResource(out, stringSet('PORTS_UDP', add(a.portsUdp, r.portsUdp)));
}

/**
 * `remaining` after a task holding `r` stopped: CPU/MEMORY back, its ports freed. With `registered`, the
 * result never exceeds the registered CPU/MEMORY and the instance's own reserved ports stay in use (they
 * can coincide with a task's port after a re-registration changed them).
 */
export function giveBack(remaining: readonly Resource[], r: Reservation, registered?: readonly Resource[]): Resource[] {
  const a = resourceAmounts(remaining);
  const reg = registered ? resourceAmounts(registered) : undefined;
  const cap = (v: number, max?: number) => (max === undefined ? v : Math.min(v, max));
  const drop = (cur: string[], ports: number[], keep: string[] = []) => {
    const gone = new Set(ports.map(String));
    const kept = new Set(keep);
    return cur.filter((p) => !gone.has(p) || kept.has(p));
  };
  let out = withResource(remaining, integer('CPU', cap(a.cpu + r.cpu, reg?.cpu)));
  out = withResource(out, integer('MEMORY', cap(a.memory + r.memory, reg?.memory)));
  out = withResource(out, stringSet('PORTS', drop(a.ports, r.ports, reg?.ports)));
  return withResource(out, stringSet('PORTS_UDP', drop(a.portsUdp, r.portsUdp, reg?.portsUdp)));
}

/** `registered` minus every reservation in `held` (a re-registration recomputes remainingResources so). */
export function remainingAfter(registered: readonly Resource[], held: readonly Reservation[]): Resource[] {
  return held.reduce<Resource[]>((rem, r) => subtract(rem, r), canonicalResources(registered));
}
