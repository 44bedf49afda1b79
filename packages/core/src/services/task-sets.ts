// Task sets, ECS's EXTERNAL deployment controller, as one pure decision beside the replica scheduler: an
// external controller (a deployment tool) creates task sets, scales each as a percentage of the service's
// desiredCount, picks the PRIMARY one and deletes the old ones; the scheduler keeps each task set at its
// computedDesiredCount (the percentage of desiredCount, rounded up, as ECS computes it), replaces its
// unhealthy tasks, and drains a deleted (DRAINING) one until it has no task left, when it is gone. Health,
// failures and throttling are the replica scheduler's (beginDecision, stopUnhealthy, closeDecision); the
// rolling-update bounds are the external controller's business, as in ECS.
import type { Scale, Task, TaskSet } from '../model/types.js';
import { serviceMessage } from './deployment.js';
import {
  SERVICE_DELETED_REASON, beginDecision, closeDecision, scalingReason, stopUnhealthy,
  type PlannedStart, type SchedulerInput, type SchedulerPlan, type ServiceTask,
} from './replica-scheduler.js';

/** ECS's default scale of a new task set: all of the service's desired count. */
export const DEFAULT_TASK_SET_SCALE: Scale = { value: 100, unit: 'PERCENT' };

/** ECS: the service's desiredCount times the task set's scale percentage, always rounded up. */
export function computedDesiredCount(desiredCount: number, scale: Scale | undefined, status: string | undefined): number {
  if (status === 'DRAINING') return 0;
  const pct = (scale ?? DEFAULT_TASK_SET_SCALE).value ?? 0;
  // Rounded to a millionth first, so 33.333333% of 3 is 1 and not 2.
  return Math.ceil(Math.round(desiredCount * pct * 1e4) / 1e6);
}

export interface TaskSetInput extends Omit<SchedulerInput, 'deployments'> {
  /** The service's task sets (PRIMARY, ACTIVE and DRAINING). */
  taskSets: readonly TaskSet[];
}

export interface TaskSetPlan extends SchedulerPlan {
  /** The task sets as this decision leaves them (counts, stability); drained DRAINING ones are left out. */
  taskSets: TaskSet[];
  /** The ids of DRAINING task sets with no task left: they are gone. */
  removed: string[];
}

const isLive = (t: Task) => t.lastStatus !== 'STOPPED' && t.desiredStatus !== 'STOPPED';
const isPending = (t: Task) => t.lastStatus === 'PROVISIONING' || t.lastStatus === 'PENDING' || t.lastStatus === 'ACTIVATING';
const present = (x: ServiceTask) => x.task.lastStatus !== 'STOPPED' && x.instanceState !== 'LOST';
const idOf = (t: Task) => t.taskArn!.slice(t.taskArn!.lastIndexOf('/') + 1);

/** The decision for one service of the EXTERNAL deployment controller. */
export function decideTaskSets(input: TaskSetInput): TaskSetPlan {
  const dc = beginDecision({ ...input, deployments: [] });
  const { now, serviceName: name } = input;
  const { stopping, requestStop, stopOrder, live, state } = dc;
  const active = input.status === 'ACTIVE';
  const D = active ? input.desiredCount : 0;
  const start: PlannedStart[] = [];
  const known = new Set(input.taskSets.map((s) => s.id));

  if (!active) {
    for (const x of live) requestStop(x, SERVICE_DELETED_REASON);
  } else {
    stopUnhealthy(dc);
    const throttled = state.nextLaunchAt !== undefined && state.nextLaunchAt > now;
    for (const ts of input.taskSets) {
      const want = computedDesiredCount(D, ts.scale, ts.status);
      const mine = live.filter((x) => x.task.startedBy === ts.id && !stopping.has(idOf(x.task)));
      if (mine.length > want) {
        for (const x of [...mine].sort(stopOrder).slice(0, mine.length - want)) requestStop(x, scalingReason(ts.id!));
      } else if (mine.length < want) {
        if (throttled) dc.wake.push(state.nextLaunchAt!);
        else start.push({ deploymentId: ts.id!, taskDefinition: ts.taskDefinition!, count: want - mine.length });
      }
    }
    // Tasks of no task set (a removed one's stragglers) go.
    for (const x of live) if (!known.has(x.task.startedBy ?? '') && !stopping.has(idOf(x.task))) requestStop(x, scalingReason(x.task.startedBy ?? ''));
  }

  // Counts and stability per task set; a DRAINING one with nothing left is gone.
  const taskSets: TaskSet[] = [];
  const removed: string[] = [];
  for (const ts of input.taskSets) {
    const its = input.tasks.filter((x) => x.task.startedBy === ts.id && present(x));
    const computed = computedDesiredCount(D, ts.scale, ts.status);
    if (ts.status === 'DRAINING' && its.length === 0) {
      removed.push(ts.id!);
      continue;
    }
    const running = its.filter((x) => x.task.lastStatus === 'RUNNING').length;
    const pending = its.filter((x) => isPending(x.task)).length;
    const starting = start.some((s) => s.deploymentId === ts.id);
    const steady = running === computed && pending === 0 && !starting &&
      its.every((x) => isLive(x.task) && !stopping.has(idOf(x.task)) && x.instanceState !== 'DRAINING');
    const stabilityStatus = steady ? 'STEADY_STATE' : 'STABILIZING';
    const next: TaskSet = { ...ts, computedDesiredCount: computed, runningCount: running, pendingCount: pending, stabilityStatus };
    if (stabilityStatus !== ts.stabilityStatus) next.stabilityStatusAt = now;
    if (computed !== ts.computedDesiredCount || running !== ts.runningCount || pending !== ts.pendingCount || stabilityStatus !== ts.stabilityStatus) next.updatedAt = now;
    taskSets.push(next);
  }
  const stable = active && taskSets.length > 0 && taskSets.every((s) => s.stabilityStatus === 'STEADY_STATE') && dc.stop.length === 0 &&
    input.tasks.every((x) => !present(x) || known.has(x.task.startedBy ?? ''));
  if (stable && !state.steady) dc.events.push(serviceMessage('steadyState', name));
  state.steady = stable;
  return {
    start, stop: dc.stop, deployments: [], events: dc.events, taskSets, removed, stable,
    inactive: !active && input.tasks.every((x) => !present(x)),
    ...closeDecision(dc),
  };
}
