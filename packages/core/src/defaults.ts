// The defaults ECS fills in where it stores or returns an object, from the model's documentation strings
// ("The default value is ...", "If this parameter is omitted, the default value of ... is used"): the
// members it always returns as lists (`[]` when nothing was given), and the members it fills with their
// documented default. Both tables are keyed by model shape name and applied wherever those shapes occur
// in the object walked. The README lists them; a default that depends on another member (a port
// mapping's hostPort, a service's deployment percentages) is filled by the code that builds the object.
import { SHAPES } from './model/shapes.js';

/** The members ECS always returns as lists, `[]` when nothing was given. */
export const ECS_LIST_DEFAULTS: Record<string, string[]> = {
  ContainerDefinition: ['portMappings', 'environment', 'mountPoints', 'volumesFrom', 'systemControls'],
  TaskDefinition: ['volumes', 'placementConstraints', 'requiresAttributes', 'compatibilities'],
};

/**
 * The members ECS fills with their documented default when absent. Not filled although documented:
 * `versionConsistency` (ECS: enabled; Berth does not resolve tags to digests, so absent means disabled),
 * `LinuxParameters.swappiness` (60, and only with maxSwap: the agent leaves Docker's own), and defaults of
 * members Berth refuses (capacity providers, load balancers, Service Connect, EBS volumes).
 */
export const ECS_MEMBER_DEFAULTS: Record<string, Record<string, string | number | boolean>> = {
  RegisterTaskDefinitionRequest: { enableFaultInjection: false },
  ContainerDefinition: { essential: true, cpu: 0 },
  PortMapping: { protocol: 'tcp' },
  MountPoint: { readOnly: false },
  VolumeFrom: { readOnly: false },
  HealthCheck: { interval: 30, timeout: 5, retries: 3 },
  ContainerRestartPolicy: { restartAttemptPeriod: 300 },
  EFSVolumeConfiguration: { rootDirectory: '/', transitEncryption: 'DISABLED' },
  EFSAuthorizationConfig: { iam: 'DISABLED' },
  DeploymentCircuitBreaker: { resetOnHealthyTask: true },
  CapacityProviderStrategyItem: { base: 0, weight: 0 },
};

/** Does a value of this shape (transitively) contain a shape of `table`? Cached per table. */
function reaches(table: Record<string, unknown>, cache: Map<string, boolean>, shapeName: string): boolean {
  const cached = cache.get(shapeName);
  if (cached !== undefined) return cached;
  cache.set(shapeName, false); // the model has no recursive shapes; this only guards against one
  const s = SHAPES[shapeName];
  let r = false;
  if (s === undefined) r = false;
  else if (s.type === 'structure') r = shapeName in table || Object.values(s.members).some((m) => reaches(table, cache, m));
  else if (s.type === 'list') r = reaches(table, cache, s.member);
  else if (s.type === 'map') r = reaches(table, cache, s.value);
  cache.set(shapeName, r);
  return r;
}

/**
 * A structure's members whose shapes reach `table`, worked out once per shape: the walk visits only those
 * (every assignment the agent decodes walks a TaskDefinition, of whose 30-odd members one reaches a table).
 */
function reachingMembers(table: Record<string, unknown>, cache: Map<string, boolean>, members: Map<string, [string, string][]>,
  shapeName: string, s: { members: Record<string, string> }): [string, string][] {
  let r = members.get(shapeName);
  if (r === undefined) members.set(shapeName, (r = Object.entries(s.members).filter(([, ms]) => reaches(table, cache, ms))));
  return r;
}

/** Calls `fill` on every object of `v` (walked as model shape `shapeName`) whose shape is in `table`. */
function walk<D>(table: Record<string, D>, cache: Map<string, boolean>, members: Map<string, [string, string][]>, shapeName: string, v: unknown,
  fill: (o: Record<string, unknown>, defaults: D) => void): void {
  if (v === null || typeof v !== 'object' || !reaches(table, cache, shapeName)) return;
  const s = SHAPES[shapeName]!;
  if (s.type === 'structure') {
    if (Array.isArray(v)) return;
    const o = v as Record<string, unknown>;
    const defaults = table[shapeName];
    if (defaults !== undefined) fill(o, defaults);
    for (const [m, ms] of reachingMembers(table, cache, members, shapeName, s)) {
      const mv = o[m];
      if (mv !== undefined && mv !== null) walk(table, cache, members, ms, mv, fill);
    }
  } else if (s.type === 'list') {
    if (Array.isArray(v)) for (const item of v) walk(table, cache, members, s.member, item, fill);
  } else if (s.type === 'map') {
    for (const k in v) walk(table, cache, members, s.value, (v as Record<string, unknown>)[k], fill);
  }
}

const listCache = new Map<string, boolean>();
const memberCache = new Map<string, boolean>();
const listMembers = new Map<string, [string, string][]>();
const memberMembers = new Map<string, [string, string][]>();

/**
 * Sets the members of ECS_LIST_DEFAULTS to `[]` where absent, walking `obj` as the model shape `shapeName`
 * (any shape that contains them: 'TaskDefinition', 'DescribeTaskDefinitionResponse', ...). Mutates and
 * returns `obj`.
 */
export function applyListDefaults<T>(shapeName: string, obj: T): T {
  walk(ECS_LIST_DEFAULTS, listCache, listMembers, shapeName, obj, (o, members) => {
    for (const m of members) if (o[m] === undefined || o[m] === null) o[m] = [];
  });
  // ECS responses always carry their top-level lists (`"tasks": [], "failures": []`).
  const s = SHAPES[shapeName];
  if (s?.type === 'structure' && shapeName.endsWith('Response') && obj && typeof obj === 'object') {
    const o = obj as Record<string, unknown>;
    for (const [m, ms] of Object.entries(s.members)) if (SHAPES[ms]?.type === 'list' && o[m] === undefined) o[m] = [];
  }
  return obj;
}

/** Sets the members of ECS_MEMBER_DEFAULTS where absent, walking `obj` as the model shape `shapeName`. Mutates and returns `obj`. */
export function applyMemberDefaults<T>(shapeName: string, obj: T): T {
  walk(ECS_MEMBER_DEFAULTS, memberCache, memberMembers, shapeName, obj, (o, defaults) => {
    for (const [m, value] of Object.entries(defaults)) if (o[m] === undefined || o[m] === null) o[m] = value;
  });
  return obj;
}
