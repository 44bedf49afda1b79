// Task placement (ECS API brief §4.3-4.5) as a pure pipeline, in the manner of Nomad's feasibility checks
// then rankers:
//   1. feasibility: a chain of checks, each passing an instance or excluding it with the ECS reason
//      (status, AGENT, RESOURCE:CPU / MEMORY / PORTS / PORTS_UDP, then what the task definition requires:
//      its runtimePlatform and requiresAttributes, then the placement constraints: memberOf and
//      distinctInstance; all ATTRIBUTE). Requirements and constraints are binding.
//   2. ranking: the placement strategies in order (binpack on cpu or memory, spread on instanceId / host /
//      attribute:NAME, random), each narrowing the feasible instances to those it likes best, so a later
//      strategy breaks the ties of an earlier one. Strategies are best effort.
//   3. a random pick among what is left.
// When every strategy is random (or none is given), ranking looks at no instance's state, so placement
// samples instead of visiting the whole fleet, as Nomad limits its candidates: instances are visited in a
// random order until SAMPLE_SIZE(N) feasible ones are found (2·⌈log2 N⌉, at least the call's count), and
// each task picks uniformly among those; more are drawn when a placement makes one infeasible. A
// uniform pick among a uniform sample of the feasible instances is a uniform pick among them all, so
// random placement keeps its meaning, and a call costs O(log N) instead of O(N) at fleet scale. Only
// when the order runs out with nothing feasible is every instance looked at, to explain the failure.
// binpack and spread rank by every instance's state and keep visiting them all.
// Tasks are placed one at a time; the chosen instance's resources, its task groups and the strategies'
// counts are updated before the next, so a call never oversubscribes an instance and spreads its own
// tasks too. When a task cannot be placed, every instance is reported with the first check that
// excluded it and a summary counts how many instances each check excluded (as SwarmKit's filters
// explain themselves). Input: the instances (attributes, remaining resources, the tasks already on
// them, by group) and the request; output: decisions and reasons. No I/O: the caller reads the snapshot
// and commits the result with a compare on what it read.
import { invalid } from './errors.js';
import { describeValue } from './validate-shape.js';
import type { Attribute, PlacementConstraint, PlacementStrategy, Resource, TaskDefinition, TaskDefinitionPlacementConstraint } from './model/types.js';
import { ATTRIBUTE_NAME } from './attributes.js';
import { checkConstraintExpression, compileQuery, parseQuery, querySubjects, type AttributeLookup, type CompiledQuery, type QueryInstance } from './query.js';
import { resourceAmounts, subtract, type Reservation } from './resources.js';
import { requiredAttributes } from './taskdef.js';

export const MAX_PLACEMENT_STRATEGIES = 5;
export const MAX_PLACEMENT_CONSTRAINTS = 10;

/** A container instance as placement sees it. */
export interface PlacementCandidate {
  /** Container instance id (32 hex). */
  id: string;
  arn: string;
  status: string;
  agentConnected: boolean;
  remainingResources: readonly Resource[];
  attributes?: readonly Attribute[];
  agentVersion?: string;
  ec2InstanceId?: string;
  /** Epoch seconds. */
  registeredAt?: number;
  /**
   * The tasks on the instance, by group, from placement until they are STOPPED (they hold its resources
   * until then): what distinctInstance, spread and task:group read.
   */
  taskGroups?: Readonly<Record<string, number>>;
  /**
   * The instance's tasks whose lastStatus is RUNNING (ECS's runningTasksCount, as DescribeContainerInstances
   * shows it), for memberOf expressions; absent: the tasks in taskGroups. Tasks this call places count too.
   */
  runningTasksCount?: number;
}

/**
 * An instance's attributes by name, built once per attribute list and kept while the list lives: the
 * instance cache hands placement the same record objects call after call, so a call reads a few map
 * entries per instance instead of scanning a few dozen attributes per requirement. Attribute lists are
 * never changed in place (a change writes a new record), so an index never goes stale.
 */
const attributeIndex = new WeakMap<readonly Attribute[], Map<string, string | undefined>>();

class AttributeList implements AttributeLookup {
  private map?: Map<string, string | undefined>;
  constructor(private readonly list: readonly Attribute[]) {}
  /** Built on the first read: a call that reads no attribute (no constraint, no requirement) pays nothing. */
  private index(): Map<string, string | undefined> {
    if (this.map !== undefined) return this.map;
    let m = attributeIndex.get(this.list);
    if (m === undefined) {
      m = new Map();
      for (const a of this.list) if (!m.has(a.name)) m.set(a.name, a.value);
      attributeIndex.set(this.list, m);
    }
    return (this.map = m);
  }
  get(name: string): string | undefined {
    return this.index().get(name);
  }
  has(name: string): boolean {
    return this.index().has(name);
  }
}

const NO_ATTRIBUTES = new AttributeList([]);

/** An instance during one placement call: the candidate plus what the call has placed on it so far. */
export class InstanceState implements QueryInstance {
  cpu: number;
  memory: number;
  /** Tasks on the instance by group (counts > 0), this call's included. */
  readonly groups: Map<string, number>;
  /** Tasks on the instance not STOPPED, this call's included (spread without a group counts these). */
  liveTasks: number;
  /** The query language's runningTasksCount: the candidate's, plus this call's tasks. */
  runningTasksCount: number;
  /** Tasks this call placed here. */
  placed = 0;
  readonly attributes: AttributeLookup;
  private readonly portList: readonly string[];
  private readonly portUdpList: readonly string[];
  private portSet?: Set<string>;
  private portUdpSet?: Set<string>;

  constructor(readonly candidate: PlacementCandidate, readonly index: number) {
    const a = resourceAmounts(candidate.remainingResources);
    this.cpu = a.cpu;
    this.memory = a.memory;
    this.portList = a.ports;
    this.portUdpList = a.portsUdp;
    this.groups = new Map();
    let n = 0;
    const tg = candidate.taskGroups;
    if (tg !== undefined) {
      for (const g in tg) {
        const c = tg[g]!;
        if (c > 0) {
          this.groups.set(g, c);
          n += c;
        }
      }
    }
    this.liveTasks = n;
    this.runningTasksCount = candidate.runningTasksCount ?? n;
    this.attributes = candidate.attributes && candidate.attributes.length > 0 ? new AttributeList(candidate.attributes) : NO_ATTRIBUTES;
  }

  get id(): string { return this.candidate.id; }
  get status(): string { return this.candidate.status; }
  get agentConnected(): boolean { return this.candidate.agentConnected; }
  get agentVersion(): string | undefined { return this.candidate.agentVersion; }
  get ec2InstanceId(): string | undefined { return this.candidate.ec2InstanceId; }
  get registeredAt(): number | undefined { return this.candidate.registeredAt; }
  get taskGroups(): Map<string, number> { return this.groups; }
  /** Host ports in use (tcp), this call's included. */
  get ports(): Set<string> { return (this.portSet ??= new Set(this.portList)); }
  /** Host ports in use (udp), this call's included. */
  get portsUdp(): Set<string> { return (this.portUdpSet ??= new Set(this.portUdpList)); }

  /** Tasks of `group` on the instance (every task when no group is given). */
  groupCount(group: string | undefined): number {
    return group === undefined ? this.liveTasks : (this.groups.get(group) ?? 0);
  }

  /** Records one more task of `group` holding `r` here. */
  take(r: Reservation, group: string | undefined): void {
    this.cpu -= r.cpu;
    this.memory -= r.memory;
    for (const p of r.ports) this.ports.add(String(p));
    for (const p of r.portsUdp) this.portsUdp.add(String(p));
    if (group !== undefined) this.groups.set(group, (this.groups.get(group) ?? 0) + 1);
    this.liveTasks++;
    this.runningTasksCount++;
    this.placed++;
  }
}

/** Why a check excludes an instance: the ECS reason, and the particulars for this instance. */
export interface Exclusion {
  reason: string;
  detail: string;
}

export interface FeasibilityCheck {
  /** How explanations name the check: status, agent, resources, memberOf(EXPR), distinctInstance. */
  name: string;
  /**
   * Whether the outcome can change as the call places tasks on the instance. A static check runs once
   * per instance and call. Either way a check reads only its own instance's state.
   */
  dynamic: boolean;
  check(s: InstanceState, r: Reservation): Exclusion | null;
}

/** Only ACTIVE instances take new tasks: DRAINING, REGISTERING... are excluded with their status as reason. */
export const statusCheck: FeasibilityCheck = {
  name: 'status',
  dynamic: false,
  check: (s) => (s.status === 'ACTIVE' ? null : { reason: s.status || 'INACTIVE', detail: `the container instance is ${s.status || 'INACTIVE'}` }),
};

/** ECS's AGENT: the instance's agent is not connected. */
export const agentCheck: FeasibilityCheck = {
  name: 'agent',
  dynamic: false,
  check: (s) => (s.agentConnected ? null : { reason: 'AGENT', detail: 'the container instance\'s agent is not connected' }),
};

/** RESOURCE:CPU / MEMORY / PORTS / PORTS_UDP against what the instance has left. */
export const resourceCheck: FeasibilityCheck = {
  name: 'resources',
  dynamic: true,
  check: (s, r) => {
    if (r.cpu > s.cpu) return { reason: 'RESOURCE:CPU', detail: `the task needs ${r.cpu} CPU units, ${s.cpu} are left` };
    if (r.memory > s.memory) return { reason: 'RESOURCE:MEMORY', detail: `the task needs ${r.memory} MiB of memory, ${s.memory} MiB are left` };
    for (const p of r.ports) if (s.ports.has(String(p))) return { reason: 'RESOURCE:PORTS', detail: `host port ${p}/tcp is already in use` };
    for (const p of r.portsUdp) if (s.portsUdp.has(String(p))) return { reason: 'RESOURCE:PORTS_UDP', detail: `host port ${p}/udp is already in use` };
    return null;
  },
};

export const DEFAULT_CHECKS: readonly FeasibilityCheck[] = [statusCheck, agentCheck, resourceCheck];

/** RuntimePlatform.cpuArchitecture as the agent's ecs.cpu-architecture attribute says it. */
export const CPU_ARCHITECTURE_ATTRIBUTE: Readonly<Record<string, string>> = { X86_64: 'x86_64', ARM64: 'arm64' };
/** RuntimePlatform.operatingSystemFamily LINUX as the agent's ecs.os-type attribute says it. */
const LINUX_OS_TYPE = 'linux';

/** A check that the instance has each attribute (with the value, when one is given). */
function attributesCheck(name: string, need: readonly Attribute[], what: (a: Attribute) => string): FeasibilityCheck {
  return {
    name,
    dynamic: false,
    check: (s) => {
      for (const a of need) {
        if (!s.attributes.has(a.name)) return { reason: 'ATTRIBUTE', detail: `the container instance has no attribute ${a.name}; the task needs ${what(a)}` };
        if (a.value !== undefined && s.attributes.get(a.name) !== a.value) {
          return { reason: 'ATTRIBUTE', detail: `the container instance has ${a.name} ${s.attributes.get(a.name) ?? '(no value)'}; the task needs ${what(a)}` };
        }
      }
      return null;
    },
  };
}

/**
 * What a task definition requires of an instance, as checks (none when it requires nothing): its
 * runtimePlatform (ecs.cpu-architecture x86_64 or arm64, ecs.os-type linux), then its requiresAttributes
 * (the capabilities RegisterTaskDefinition computed from the features it uses: a task lands only where its
 * agent advertises them). Both exclude with ATTRIBUTE, as ECS does.
 */
export function taskDefinitionChecks(td: TaskDefinition): FeasibilityCheck[] {
  const checks: FeasibilityCheck[] = [];
  const platform: Attribute[] = [];
  const rp = td.runtimePlatform;
  if (rp?.cpuArchitecture !== undefined) platform.push({ name: 'ecs.cpu-architecture', value: CPU_ARCHITECTURE_ATTRIBUTE[rp.cpuArchitecture] ?? rp.cpuArchitecture });
  if (rp?.operatingSystemFamily === 'LINUX') platform.push({ name: 'ecs.os-type', value: LINUX_OS_TYPE });
  if (platform.length > 0) {
    checks.push(attributesCheck('runtimePlatform', platform, (a) => (a.name === 'ecs.os-type' ? 'operatingSystemFamily LINUX' : `cpuArchitecture ${rp!.cpuArchitecture}`)));
  }
  // A definition stored before Berth computed requiresAttributes gets them computed here.
  const required = td.requiresAttributes ?? requiredAttributes(td);
  if (required.length > 0) checks.push(attributesCheck('requiresAttributes', required, (a) => `the attribute ${a.name}${a.value !== undefined ? ` ${a.value}` : ''} (requiresAttributes)`));
  return checks;
}

/** A memberOf constraint as a check (ATTRIBUTE when the expression is false for the instance). */
export function memberOfCheck(expression: string, field = 'expression'): FeasibilityCheck {
  const expr = parseQuery(expression, field);
  const test: CompiledQuery = compileQuery(expr);
  const subjects = querySubjects(expr);
  return {
    name: `memberOf(${expression})`,
    dynamic: subjects.has('runningTasksCount') || subjects.has('task:group'),
    check: (s) => (test(s) ? null : { reason: 'ATTRIBUTE', detail: `the constraint memberOf(${expression}) does not hold` }),
  };
}

/** distinctInstance: no two tasks of the group on one instance (ATTRIBUTE). Without a group: of this call. */
export function distinctInstanceCheck(group: string | undefined): FeasibilityCheck {
  return {
    name: 'distinctInstance',
    dynamic: true,
    check: (s) => {
      const taken = group === undefined ? s.placed > 0 : s.groupCount(group) > 0;
      return taken ? { reason: 'ATTRIBUTE', detail: `the constraint distinctInstance does not hold: a task of ${group ?? 'this call'} is already there` } : null;
    },
  };
}

/** The checks for placement constraints (task definition's and request's together, already validated). */
export function constraintChecks(constraints: readonly (PlacementConstraint | TaskDefinitionPlacementConstraint)[], group: string | undefined): FeasibilityCheck[] {
  return constraints.map((c, i) =>
    c.type === 'distinctInstance' ? distinctInstanceCheck(group) : memberOfCheck(c.expression ?? '', `placementConstraints[${i}].expression`));
}

// --- rankers (placement strategies) ---------------------------------------------------------------------

export interface Ranker {
  /** How explanations name it: binpack(memory), spread(attribute:ecs.availability-zone), random. */
  name: string;
  /** The feasible instances it prefers (never none, given some). */
  rank(feasible: readonly InstanceState[], random: () => number): readonly InstanceState[];
  /** Told of each placement, in order (spread keeps its counts). */
  placed?(s: InstanceState): void;
}

/** The instances with the least `key` (in one pass: the best so far, restarted when a lower key shows). */
function minBy(xs: readonly InstanceState[], key: (s: InstanceState) => number): InstanceState[] {
  let min = Infinity;
  let out: InstanceState[] = [];
  for (const s of xs) {
    const k = key(s);
    if (k < min) {
      min = k;
      out = [s];
    } else if (k === min) {
      out.push(s);
    }
  }
  return out;
}

/** binpack: the instances with the least of `field` left (that still fit): fill instances up one by one. */
export function binpackRanker(field: 'cpu' | 'memory'): Ranker {
  return { name: `binpack(${field})`, rank: (f) => minBy(f, field === 'cpu' ? (s) => s.cpu : (s) => s.memory) };
}

/** random: one feasible instance, uniformly. */
export const randomRanker: Ranker = {
  name: 'random',
  rank: (f, random) => (f.length <= 1 ? f : [f[Math.min(f.length - 1, Math.floor(random() * f.length))]!]),
};

/**
 * spread: the instances whose value of `field` holds the fewest tasks of the group. instanceId / host:
 * per instance; attribute:NAME: per distinct value, counting the tasks on every instance with that value
 * (an instance without the attribute counts as one more value). Without a group every task counts.
 */
export function spreadRanker(field: string, all: readonly InstanceState[], group: string | undefined): Ranker {
  const name = `spread(${field})`;
  if (!field.startsWith('attribute:')) return { name, rank: (f) => minBy(f, (s) => s.groupCount(group)) };
  const attr = field.slice('attribute:'.length);
  // Each distinct value (a missing attribute is one more) gets a small number; counts are per number.
  const numbers = new Map<string | undefined, number>();
  const valueOf = new Int32Array(all.length);
  all.forEach((s, i) => {
    const v = s.attributes.has(attr) ? s.attributes.get(attr) ?? '' : undefined;
    let n = numbers.get(v);
    if (n === undefined) numbers.set(v, (n = numbers.size));
    valueOf[i] = n;
  });
  const counts = new Float64Array(numbers.size);
  all.forEach((s, i) => (counts[valueOf[i]!] += s.groupCount(group)));
  return {
    name,
    rank: (f) => minBy(f, (s) => counts[valueOf[s.index]!]!),
    placed: (s) => { counts[valueOf[s.index]!] += 1; },
  };
}

/** The ranker for one (validated) placement strategy. */
export function strategyRanker(s: PlacementStrategy, all: readonly InstanceState[], group: string | undefined): Ranker {
  if (s.type === 'binpack') return binpackRanker(s.field?.toLowerCase() === 'cpu' ? 'cpu' : 'memory');
  if (s.type === 'spread') {
    const f = s.field ?? 'instanceId';
    return spreadRanker(f.startsWith('attribute:') ? f : 'instanceId', all, group);
  }
  return randomRanker;
}

// --- the pipeline -----------------------------------------------------------------------------------------

/**
 * The instances placement may visit: an array, or a view that builds each candidate when placement first
 * asks for it (a sampled placement asks for few of them).
 */
export interface CandidateList {
  readonly length: number;
  at(index: number): PlacementCandidate | undefined;
}

export interface PlacementInput {
  instances: CandidateList;
  reservation: Reservation;
  count: number;
  /** The tasks' group (ECS: family:FAMILY by default): what distinctInstance and spread count. */
  group?: string;
  /** Applied in order (validate them with checkPlacementStrategies). None: random among the feasible. */
  strategies?: readonly PlacementStrategy[];
  /** The task definition's and the request's, all binding (validate them with checkPlacementConstraints). */
  constraints?: readonly (PlacementConstraint | TaskDefinitionPlacementConstraint)[];
  /** The tasks' definition: its runtimePlatform and requiresAttributes are binding (taskDefinitionChecks). */
  taskDefinition?: TaskDefinition;
  /** [0, 1); Math.random by default. Tests pass a seeded one. */
  random?: () => number;
  /** The feasibility chain before the constraints; DEFAULT_CHECKS by default. */
  checks?: readonly FeasibilityCheck[];
  /** More rankers, after the strategies'. */
  rankers?: readonly Ranker[];
}

export interface PlacementFailure {
  instanceId: string;
  /** The ECS reason of the first check that excluded the instance. */
  reason: string;
  /** That check's particulars for this instance. */
  detail: string;
}

export interface ExclusionCount {
  /** The check's name (status, agent, resources, memberOf(EXPR), distinctInstance). */
  check: string;
  reason: string;
  /** Instances this check was the first to exclude. */
  instances: number;
}

export interface PlacementResult {
  /** The instance id of each placed task, in placement order (an id repeats when it takes several). */
  placements: string[];
  /** Tasks of the request not placed. */
  unplaced: number;
  /** When some tasks could not be placed: every instance, with the first check that excluded it. */
  failures: PlacementFailure[];
  /** When some tasks could not be placed: how many instances each check excluded, in check order. */
  excluded: ExclusionCount[];
  /** When some tasks could not be placed: one sentence saying why, for Failure.detail and logs. */
  explanation?: string;
  /** Each instance's remaining resources after the placements (only instances that took a task). */
  remaining: Map<string, Resource[]>;
}

/** The first exclusion the chain gives for `s`, or null when it passes every check. */
export function firstExclusion(checks: readonly FeasibilityCheck[], s: InstanceState, r: Reservation): { check: FeasibilityCheck; exclusion: Exclusion } | null {
  for (const check of checks) {
    const exclusion = check.check(s, r);
    if (exclusion !== null) return { check, exclusion };
  }
  return null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function explain(states: readonly InstanceState[], checks: readonly FeasibilityCheck[], r: Reservation, count: number, unplaced: number)
  : Pick<PlacementResult, 'failures' | 'excluded' | 'explanation'> {
  const failures: PlacementFailure[] = [];
  const buckets = new Map<string, ExclusionCount & { order: number }>();
  for (const s of states) {
    const f = firstExclusion(checks, s, r);
    // Every instance is excluded when nothing is feasible; a passing one cannot happen, but say so.
    const exclusion = f?.exclusion ?? { reason: 'ATTRIBUTE', detail: 'not chosen' };
    failures.push({ instanceId: s.id, reason: exclusion.reason, detail: exclusion.detail });
    const check = f?.check.name ?? 'rankers';
    const key = `${check}\u0000${exclusion.reason}`;
    const b = buckets.get(key) ?? { check, reason: exclusion.reason, instances: 0, order: f ? checks.indexOf(f.check) : checks.length };
    b.instances++;
    buckets.set(key, b);
  }
  const excluded = [...buckets.values()].sort((a, b) => a.order - b.order).map(({ order: _o, ...b }) => b);
  const label = (b: ExclusionCount) => (b.check === 'status' || b.check === 'agent' || b.check === 'resources' ? b.reason : `${b.reason} ${b.check}`);
  const head = `${unplaced === count ? (count === 1 ? 'the task' : `all ${count} tasks`) : `${unplaced} of ${count} tasks`} could not be placed`;
  const explanation = states.length === 0
    ? `${head}: no container instances to place on`
    : `${head}: no container instance met all requirements (${plural(states.length, 'instance')}: ${excluded.map((b) => `${b.instances} excluded by ${label(b)}`).join(', ')})`;
  return { failures, excluded, explanation };
}

/** How many feasible instances a sampled placement ranks among, of `n`, for a call placing `count`. */
export const sampleSize = (n: number, count: number): number => Math.max(count, 2 * Math.ceil(Math.log2(Math.max(2, n))));

/** Whether placement may sample: no strategy reads an instance's state (only random ones, or none). */
const sampling = (input: PlacementInput): boolean =>
  (input.rankers ?? []).length === 0 && (input.strategies ?? []).every((s) => s.type === 'random');

/**
 * The indices 0..n-1 in a uniformly random order, drawn one at a time: a Fisher-Yates shuffle that keeps
 * only the positions it has swapped, so drawing k costs O(k) whatever n is.
 */
export function randomOrder(n: number, random: () => number): () => number | undefined {
  const swapped = new Map<number, number>();
  let k = 0;
  return () => {
    if (k >= n) return undefined;
    const j = k + Math.min(n - k - 1, Math.floor(random() * (n - k)));
    const picked = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(k) ?? k);
    swapped.delete(k);
    k++;
    return picked;
  };
}

/** Places up to `count` tasks; see the file comment. Does not modify its input. */
export function placeTasks(input: PlacementInput): PlacementResult {
  const random = input.random ?? Math.random;
  const r = input.reservation;
  const group = input.group;
  const checks = [
    ...(input.checks ?? DEFAULT_CHECKS),
    ...(input.taskDefinition ? taskDefinitionChecks(input.taskDefinition) : []),
    ...constraintChecks(input.constraints ?? [], group),
  ];
  const staticChecks = checks.filter((c) => !c.dynamic);
  const dynamicChecks = checks.filter((c) => c.dynamic);
  const n = input.instances.length;
  // Each instance's state, built when placement first visits it.
  const states: (InstanceState | undefined)[] = new Array(n);
  const stateAt = (i: number) => (states[i] ??= new InstanceState(input.instances.at(i)!, i));
  const all = () => Array.from({ length: n }, (_, i) => stateAt(i));
  const passes = (s: InstanceState, list: readonly FeasibilityCheck[]) => {
    for (const c of list) if (c.check(s, r) !== null) return false;
    return true;
  };
  const feasibleNow = (s: InstanceState) => passes(s, staticChecks) && passes(s, dynamicChecks);
  const sampled = sampling(input) && n > sampleSize(n, input.count);
  let feasible: InstanceState[];
  let refill = () => {};
  if (sampled) {
    const limit = sampleSize(n, input.count);
    const next = randomOrder(n, random);
    feasible = [];
    refill = () => {
      while (feasible.length < limit) {
        const i = next();
        if (i === undefined) return;
        const s = stateAt(i);
        if (feasibleNow(s)) feasible.push(s);
      }
    };
  } else {
    feasible = all().filter(feasibleNow);
  }
  const rankers = [...(input.strategies ?? []).map((s) => strategyRanker(s, sampled ? [] : all(), group)), ...(input.rankers ?? [])];
  const placements: string[] = [];
  for (let k = 0; k < input.count; k++) {
    refill();
    if (feasible.length === 0) {
      const unplaced = input.count - placements.length;
      const everyInstance = all();
      return { placements, unplaced, ...explain(everyInstance, checks, r, input.count, unplaced), remaining: remainingOf(everyInstance, r) };
    }
    let best: readonly InstanceState[] = feasible;
    for (const ranker of rankers) {
      if (best.length <= 1) break;
      const b = ranker.rank(best, random);
      if (b.length > 0) best = b;
    }
    const chosen = best.length === 1 ? best[0]! : best[Math.min(best.length - 1, Math.floor(random() * best.length))]!;
    chosen.take(r, group);
    for (const ranker of rankers) ranker.placed?.(chosen);
    placements.push(chosen.id);
    // Checks read only their own instance: only the chosen one can have changed.
    if (!passes(chosen, dynamicChecks)) feasible = feasible.filter((s) => s !== chosen);
  }
  return { placements, unplaced: 0, failures: [], excluded: [], remaining: remainingOf(states, r) };
}

function remainingOf(states: readonly (InstanceState | undefined)[], r: Reservation): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const s of states) {
    if (s === undefined || s.placed === 0) continue;
    out.set(s.id, subtract(s.candidate.remainingResources, { cpu: r.cpu * s.placed, memory: r.memory * s.placed, ports: r.ports, portsUdp: r.portsUdp }));
  }
  return out;
}

// --- validation of the request's placement members ------------------------------------------------------

/**
 * RunTask `placementStrategy`: at most 5; each a type; spread needs a field instanceId, host or
 * attribute:NAME; binpack a field cpu or memory; random takes none (a field is ignored).
 * InvalidParameterException naming e.g. `placementStrategy[1].field`.
 */
export function checkPlacementStrategies(field: string, list: readonly PlacementStrategy[] | undefined): void {
  if (list === undefined) return;
  if (list.length > MAX_PLACEMENT_STRATEGIES) {
    throw invalid(field, `At most ${MAX_PLACEMENT_STRATEGIES} placement strategies are allowed (${list.length} given).`);
  }
  list.forEach((s, i) => {
    const f = `${field}[${i}]`;
    if (s.type === undefined) throw invalid(`${f}.type`, "Missing required member 'type' in PlacementStrategy: random, spread or binpack.");
    if (s.type === 'spread') {
      const v = s.field;
      const ok = v !== undefined && (/^(instanceId|host)$/i.test(v) || (v.startsWith('attribute:') && ATTRIBUTE_NAME.test(v.slice('attribute:'.length))));
      if (!ok) throw invalid(`${f}.field`, `The spread placement strategy needs a field of instanceId, host or attribute:NAME (${v === undefined ? 'none' : describeValue(v)} given).`);
    } else if (s.type === 'binpack') {
      if (s.field === undefined || !/^(cpu|memory)$/i.test(s.field)) {
        throw invalid(`${f}.field`, `The binpack placement strategy needs a field of cpu or memory (${s.field === undefined ? 'none' : describeValue(s.field)} given).`);
      }
    }
  });
}

/**
 * Placement constraints: each a type; distinctInstance without an expression (and not in a task
 * definition); memberOf with an expression of at most 2000 characters that parses. `taskDefinition`
 * constraints count towards the limit of 10. InvalidParameterException naming the member, and for an
 * expression the position and what was expected there.
 */
export function checkPlacementConstraints(field: string, list: readonly PlacementConstraint[] | undefined,
  taskDefinition: readonly TaskDefinitionPlacementConstraint[] = []): void {
  const n = (list?.length ?? 0) + taskDefinition.length;
  if (n > MAX_PLACEMENT_CONSTRAINTS) {
    throw invalid(field, `At most ${MAX_PLACEMENT_CONSTRAINTS} placement constraints are allowed, the task definition's included (${list?.length ?? 0} given, ${taskDefinition.length} in the task definition).`);
  }
  list?.forEach((c, i) => {
    const f = `${field}[${i}]`;
    if (c.type === undefined) throw invalid(`${f}.type`, "Missing required member 'type' in PlacementConstraint: distinctInstance or memberOf.");
    if (c.type === 'distinctInstance') {
      if (c.expression !== undefined && c.expression !== '') {
        throw invalid(`${f}.expression`, 'The distinctInstance placement constraint takes no expression.');
      }
      return;
    }
    checkConstraintExpression(`${f}.expression`, c.expression);
  });
}

