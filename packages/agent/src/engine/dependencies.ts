// Container ordering (amazon-ecs-agent agent/engine/dependencygraph/graph.go): a container moves towards
// RUNNING (pull, create, start) only when its dependencies' conditions hold, and a running container stops
// only after the containers that depend on it have stopped (shutdown is the reverse of start). A dependency
// that can never hold is terminal: the waiting container is given up (STOPPED, exit code 143,
// CannotStartContainerError with ECS's message) and, when essential, the task stops. PURE.
import type { ContainerDefinition, HealthStatus, TaskDefinition } from '@berth/core';
import { firelensDependency } from './firelens.js';
import { rank, type ContainerStatus, type DesiredStatus } from './task-status.js';

/** ECS's conditions plus the agent's internal CREATE (implied by volumesFrom). */
export type Condition = 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY' | 'CREATE';

export interface Dependency {
  containerName: string;
  condition: Condition;
}

/**
 * dependsOn, plus what ECS implies: volumesFrom -> CREATE, links -> START (initializeContainerOrdering), an
 * awsfirelens container -> START of the task's log router (firelens.ts).
 */
export function containerDependencies(cd: ContainerDefinition, td?: TaskDefinition): Dependency[] {
  const out: Dependency[] = [];
  const router = td && firelensDependency(cd, td);
  if (router) out.push(router);
  for (const d of cd.dependsOn ?? []) out.push({ containerName: d.containerName, condition: d.condition as Condition });
  for (const v of cd.volumesFrom ?? []) if (v.sourceContainer) out.push({ containerName: v.sourceContainer, condition: 'CREATE' });
  for (const l of cd.links ?? []) out.push({ containerName: l.split(':')[0]!, condition: 'START' });
  return out;
}

/** What the ordering rules read of a container. */
export interface OrderView {
  name: string;
  image?: string;
  knownStatus: ContainerStatus;
  desiredStatus: DesiredStatus;
  /** A transition in flight (ECS's AppliedStatus). */
  applied?: ContainerStatus;
  exitCode?: number;
  healthStatus?: HealthStatus;
  /** Docker runs a health check for it. */
  hasHealthCheck: boolean;
  /** Epoch ms: when it first started. */
  startedAt?: number;
  /** Its definition's startTimeout (seconds): how long containers that wait on it wait. */
  startTimeoutSec?: number;
  dependsOn: Dependency[];
}

export type StartGate =
  | { kind: 'go' }
  /** Not yet: wait for `on`. */
  | { kind: 'wait'; on: Dependency }
  /** Never: the message ECS gives (the container's reason is "CannotStartContainerError: <message>"). */
  | { kind: 'fail'; message: string };

/** ECS's exit code for a container given up on an unmet dependency (what Docker reports for SIGTERM). */
export const DEPENDENCY_EXIT_CODE = 143;

/** A container as ECS prints it in dependency errors: name(image) (KNOWN->DESIRED) - Exit: N */
export function describe(c: OrderView | undefined): string {
  if (c === undefined) return '<nil>';
  let s = `${c.name}(${c.image ?? ''}) (${c.knownStatus}->${c.desiredStatus})`;
  if (c.exitCode !== undefined) s += ` - Exit: ${c.exitCode}`;
  return s;
}

/**
 * ECS's HasNotAndWillNotStart: given up before running, nothing in flight. Berth moves such a container to
 * STOPPED at once (ECS does it a step later), so a STOPPED one that never started counts too.
 */
const willNeverStart = (d: OrderView) =>
  d.desiredStatus === 'STOPPED' && d.applied === undefined && (rank(d.knownStatus) < rank('RUNNING') || (d.knownStatus === 'STOPPED' && d.startedAt === undefined));

function holds(cond: Condition, d: OrderView): boolean {
  switch (cond) {
    case 'CREATE':
      return rank(d.knownStatus) >= rank('CREATED');
    case 'START':
      // Docker's start event may report it RUNNING before the start call returns, which for a FireLens
      // task's router includes waiting for its socket to listen (firelens.ts): started once the call is done.
      return (d.knownStatus === 'RUNNING' && d.applied !== 'RUNNING') || d.knownStatus === 'STOPPED';
    case 'COMPLETE':
      return d.knownStatus === 'STOPPED' && d.exitCode !== undefined;
    case 'SUCCESS':
      return d.knownStatus === 'STOPPED' && d.exitCode === 0;
    case 'HEALTHY':
      return d.hasHealthCheck && d.healthStatus === 'HEALTHY';
    default:
      return false;
  }
}

/**
 * May `target` (desired RUNNING) take its next step towards RUNNING? Checked in ECS's order for each
 * dependency: missing, start timeout (the dependency's startTimeout from its first start, for COMPLETE,
 * SUCCESS and HEALTHY, while the target is not created yet), SUCCESS that exited non-zero, a dependency that
 * will never start; then whether the condition holds. Berth adds one terminal case ECS leaves waiting
 * forever: a HEALTHY dependency that stopped without being healthy.
 */
export function startGate(target: OrderView, all: ReadonlyMap<string, OrderView>, nowMs: number): StartGate {
  if (target.desiredStatus !== 'RUNNING') return { kind: 'go' };
  let blocked: Dependency | undefined;
  const t = describe(target);
  for (const dep of target.dependsOn) {
    const d = all.get(dep.containerName);
    if (d === undefined) return { kind: 'fail', message: `dependency graph: container ordering dependency [<nil>] for target [${t}] does not exist.` };
    const timed = dep.condition === 'SUCCESS' || dep.condition === 'COMPLETE' || dep.condition === 'HEALTHY';
    if (
      timed && rank(target.knownStatus) < rank('CREATED') && d.knownStatus !== 'STOPPED' &&
      d.startedAt !== undefined && (d.startTimeoutSec ?? 0) > 0 && nowMs > d.startedAt + d.startTimeoutSec! * 1000
    ) {
      return { kind: 'fail', message: `dependency graph: container ordering dependency [${describe(d)}] for target [${t}] has timed out.` };
    }
    if (dep.condition === 'SUCCESS' && d.knownStatus === 'STOPPED' && d.exitCode !== 0) {
      return { kind: 'fail', message: `dependency graph: failed to resolve container ordering dependency [${describe(d)}] for target [${t}] as dependency did not exit successfully.` };
    }
    if (willNeverStart(d)) {
      return { kind: 'fail', message: `dependency graph: failed to resolve container ordering dependency [${describe(d)}] for target [${t}] because dependency will never start` };
    }
    if (dep.condition === 'HEALTHY' && d.knownStatus === 'STOPPED' && d.healthStatus !== 'HEALTHY') {
      return { kind: 'fail', message: `dependency graph: failed to resolve container ordering dependency [${describe(d)}] for target [${t}] as dependency stopped before it was healthy.` };
    }
    if (!holds(dep.condition, d)) blocked ??= dep;
  }
  return blocked ? { kind: 'wait', on: blocked } : { kind: 'go' };
}

/**
 * May `target` be stopped now (ECS's verifyShutdownOrder)? Only once every container that depends on it is
 * known STOPPED. Returns the names still to stop first (empty: go).
 */
export function stopBlockers(target: OrderView, all: ReadonlyMap<string, OrderView>): string[] {
  if (target.knownStatus === 'STOPPED') return [];
  const out: string[] = [];
  for (const c of all.values()) {
    if (c.name === target.name || c.knownStatus === 'STOPPED') continue;
    if (c.dependsOn.some((d) => d.containerName === target.name)) out.push(c.name);
  }
  return out;
}

/** When a transition of `target` to `next` is subject to the start rules (not a stop). */
export const gatedStep = (next: ContainerStatus): boolean => next === 'PULLED' || next === 'CREATED' || next === 'RUNNING';
