// Container and task statuses as amazon-ecs-agent orders them (ecs-agent/api/container/status,
// ecs-agent/api/task/status, agent/api/task/task.go, agent/engine/task_manager.go containerNextState).
// PURE. MANIFEST_PULLED and RESOURCES_PROVISIONED are not used by Berth (no digest resolution, no pause
// containers), so the walk is NONE -> PULLED -> CREATED -> RUNNING -> STOPPED.
import type { BackendStatus } from '@berth/core';

export const CONTAINER_STATUSES = ['NONE', 'PULLED', 'CREATED', 'RUNNING', 'STOPPED'] as const;
export type ContainerStatus = (typeof CONTAINER_STATUSES)[number];
/** Task statuses use the same names and order (a container status maps to the same task status). */
export type TaskStatus = ContainerStatus;
export type DesiredStatus = 'RUNNING' | 'STOPPED';

export const rank = (s: ContainerStatus): number => CONTAINER_STATUSES.indexOf(s);
export const isTerminal = (s: ContainerStatus): boolean => s === 'STOPPED';
export const maxStatus = (a: ContainerStatus, b: ContainerStatus): ContainerStatus => (rank(a) >= rank(b) ? a : b);

export function parseStatus(s: unknown): ContainerStatus {
  if (s === 'DEAD') return 'STOPPED';
  if (s === 'UNKNOWN') return 'NONE';
  if (s === 'MANIFEST_PULLED') return 'PULLED';
  return (CONTAINER_STATUSES as readonly unknown[]).includes(s) ? (s as ContainerStatus) : 'NONE';
}

/** What ECS's backend sees: RUNNING, STOPPED, or PENDING for anything before RUNNING. */
export function backendStatus(s: ContainerStatus): BackendStatus {
  return s === 'RUNNING' || s === 'STOPPED' ? s : 'PENDING';
}

/** A task's desired status (from an assignment) only moves forward; anything unknown counts as RUNNING. */
export function normalizeDesired(s: string | undefined): DesiredStatus {
  return s === 'STOPPED' ? 'STOPPED' : 'RUNNING';
}

export function nextDesired(current: DesiredStatus, incoming: DesiredStatus): DesiredStatus {
  return current === 'STOPPED' || incoming === 'STOPPED' ? 'STOPPED' : 'RUNNING';
}

export interface ContainerView {
  knownStatus: ContainerStatus;
  desiredStatus: DesiredStatus;
  essential: boolean;
}

/**
 * The essential rule (updateTaskDesiredStatusUnsafe): a task whose essential container is terminal in
 * known or desired status must stop.
 */
export function taskDesiredStatus(current: DesiredStatus, containers: ContainerView[]): DesiredStatus {
  if (current === 'STOPPED') return 'STOPPED';
  return containers.some((c) => c.essential && (isTerminal(c.knownStatus) || c.desiredStatus === 'STOPPED')) ? 'STOPPED' : 'RUNNING';
}

/** A container's desired status: the task's, or STOPPED once the container itself was given up. */
export function containerDesiredStatus(task: DesiredStatus, container: DesiredStatus): DesiredStatus {
  return nextDesired(container, task);
}

/**
 * Task known status (updateTaskKnownStatus): the earliest container status; it only moves forward, and
 * does not become RUNNING while an essential container has already stopped (the others must stop first).
 */
export function taskKnownStatus(current: TaskStatus, containers: ContainerView[]): TaskStatus {
  if (containers.length === 0) return current;
  let earliest: ContainerStatus = 'STOPPED';
  for (const c of containers) if (rank(c.knownStatus) < rank(earliest)) earliest = c.knownStatus;
  if (earliest === 'RUNNING' && containers.some((c) => c.essential && c.knownStatus === 'STOPPED')) return current;
  return maxStatus(current, earliest);
}

export interface Transition {
  next: ContainerStatus;
  /** false: the move is bookkeeping only (a container that never ran is "stopped" without Docker). */
  actionRequired: boolean;
}

/**
 * The next step for a container (containerNextState), or null when there is none to take now: at or past
 * its desired status, or a transition is already in flight (`applied`, ECS's AppliedStatus).
 */
export function nextTransition(known: ContainerStatus, desired: DesiredStatus, applied?: ContainerStatus): Transition | null {
  if (rank(known) >= rank(desired)) return null;
  if (desired === 'STOPPED') {
    if (rank(known) < rank('RUNNING')) {
      // Never ran: nothing to stop. A create or start in flight must land first (it could start it);
      // an in-flight pull is simply abandoned.
      if (applied === 'CREATED' || applied === 'RUNNING') return null;
      return { next: 'STOPPED', actionRequired: false };
    }
    if (applied === 'STOPPED') return null;
    return { next: 'STOPPED', actionRequired: true };
  }
  if (applied !== undefined) return null;
  return { next: CONTAINER_STATUSES[rank(known) + 1]!, actionRequired: true };
}
