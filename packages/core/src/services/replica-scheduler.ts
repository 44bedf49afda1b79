// ECS's replica scheduler and rolling deployment as one pure decision (ECS API brief §4.7): given a
// service, its deployments, its tasks, its bookkeeping and the clock, what to start (per deployment), what
// to stop, how the deployments change and which service events to add. The server's controller applies
// the plan through the store; nothing here reads a clock or makes an id.
import type { Deployment, DeploymentConfiguration, Task, TaskStopCode } from '../model/types.js';
import {
  CIRCUIT_BREAKER_FAILED_REASON, HOOK_TIMED_OUT_REASON, alarmFailedReason, hookRollbackReason, alarmRollbackReason, circuitBreakerThreshold, completedReason, effectiveConfiguration,
  maximumTotal, minimumHealthy, newDeployment, rollbackReason, serviceMessage, startDeployment, type ServiceMessage,
} from './deployment.js';
import { ELB_UNHEALTHY_PREFIX, elbUnhealthyReason, type TaskTargetHealth } from './load-balancers.js';
import { advanceShift, blueReleased, expireHooks, greenMayStart, reinstateDeployment, type ShiftPlan, type ShiftState } from './traffic-shift.js';

export interface SchedulerSettings {
  /** A RUNNING task without container health checks counts as healthy after this long (ECS: 40 s). */
  settleSeconds: number;
  /** Start-failure throttling: the first delay, doubled per consecutive failure up to the maximum. */
  throttleBaseSeconds: number;
  throttleMaxSeconds: number;
  /** Consecutive start failures before the "unable to consistently start tasks" event. */
  throttleEventAfter: number;
}

export const DEFAULT_SCHEDULER_SETTINGS: SchedulerSettings = {
  settleSeconds: 40,
  throttleBaseSeconds: 10,
  throttleMaxSeconds: 900,
  throttleEventAfter: 3,
};

/** The scheduler's bookkeeping, kept in the service record between decisions. */
export interface SchedulerState {
  /** Stopped tasks already accounted for (failures, throttling). Pruned to tasks that still exist. */
  countedStops: string[];
  /** Live tasks that have counted as healthy at least once. */
  healthySeen: string[];
  /** Tasks in a row that stopped without reaching RUNNING. */
  startFailures: number;
  /** No launches before this time (epoch seconds) while throttled. */
  nextLaunchAt?: number;
  /** Whether the service was at its steady state after the last decision. */
  steady: boolean;
  /** The last deployment that completed: what a circuit breaker rollback brings back. */
  lastCompleted?: { id: string; taskDefinition: string };
  /** The PRIMARY deployment reached its steady state then (epoch seconds) and bakes while its alarms are watched. */
  bakeStartedAt?: number;
  /** A traffic-shifting deployment (BLUE_GREEN, CANARY, LINEAR) under way: its stage and production step. */
  shift?: ShiftState;
  /** The alternate target groups (advancedConfiguration) are the ones production uses now. */
  alternateLive?: boolean;
}

export const initialSchedulerState = (): SchedulerState => ({ countedStops: [], healthySeen: [], startFailures: 0, steady: false });

export interface ServiceTask {
  task: Task;
  /** Whether an essential container of its task definition has a health check. */
  healthChecked: boolean;
  /** The container instance (id) the task is on. */
  instanceId?: string;
  /**
   * Where its instance stands. DRAINING: the task moves elsewhere within the service's bounds. LOST: the
   * agent has been away past the grace period: the task is written off (stopped, and counted nowhere).
   */
  instanceState?: 'ACTIVE' | 'DRAINING' | 'LOST';
  /**
   * Its service has load balancers: what its targets' health says (initial until it is registered and
   * checked). Then the task counts as healthy when its targets are (and its container health check, if
   * any), with no settle time, and an unhealthy target past the grace period has it replaced.
   */
  targetHealth?: TaskTargetHealth;
  /** Scale-in protected (UpdateTaskProtection) until then, epoch seconds: neither a scale-in nor a deployment stops it before. */
  protectedUntil?: number;
}

export interface SchedulerInput {
  serviceName: string;
  /** ACTIVE keeps desiredCount tasks; DRAINING (deleted) stops them all. */
  status: string;
  desiredCount: number;
  deploymentConfiguration?: DeploymentConfiguration;
  healthCheckGracePeriodSeconds?: number;
  /** PRIMARY first. */
  deployments: readonly Deployment[];
  /** Every task of the service (group service:NAME) still in the store, STOPPED ones included. */
  tasks: readonly ServiceTask[];
  state: SchedulerState;
  now: number;
  settings: SchedulerSettings;
  /** The id a rollback deployment gets, should one be needed. */
  newDeploymentId: string;
  /**
   * The service has load balancers: a RUNNING task it stops first deactivates (its targets deregister and
   * drain) for this long, its target groups' longest deregistration delay, before its containers stop.
   */
  drainSeconds?: number;
  /**
   * deploymentConfiguration.alarms is enabled and the PRIMARY deployment is in progress: the alarms it names
   * that are in ALARM now. One fails the deployment (and, with `rollback`, rolls it back).
   */
  alarmsInAlarm?: readonly string[];
  /** Once at its steady state, the PRIMARY deployment bakes this long (its alarms watched) before it completes. */
  bakeSeconds?: number;
  /**
   * The strategy shifts traffic (BLUE_GREEN, CANARY, LINEAR): a deployment from a completed one starts its
   * whole desired count at once (green), keeps the old tasks (blue) until its shift reaches CLEAN_UP, and a
   * rollback makes the blue deployment PRIMARY again, its tasks kept.
   */
  shifting?: ShiftPlan;
}

export interface TaskStop {
  taskArn: string;
  reason: string;
  stopCode: TaskStopCode;
  /** RUNNING behind a load balancer: DEACTIVATING while its targets drain, its containers stopped after. */
  deactivate?: boolean;
}

export interface PlannedStart {
  deploymentId: string;
  taskDefinition: string;
  count: number;
  /** A daemon's start: one task on each of these instances. */
  instanceIds?: string[];
}

export interface SchedulerPlan {
  start: PlannedStart[];
  stop: TaskStop[];
  /** DEACTIVATING tasks whose deregistration delay has passed: their containers stop now. */
  release: string[];
  deployments: Deployment[];
  state: SchedulerState;
  /** Service events to add, oldest first, each with its Service Action kind when it is one. */
  events: ServiceMessage[];
  /** One deployment, desiredCount tasks RUNNING, nothing to start or stop. */
  stable: boolean;
  /** A DRAINING service whose tasks are all STOPPED: it becomes INACTIVE. */
  inactive: boolean;
  /** When the decision may change with time alone (settle, grace period, throttle), epoch seconds. */
  wakeAt?: number;
  /** The deployment this decision failed (circuit breaker, alarms), as it failed: it may have left `deployments`. */
  failed?: Deployment;
  /** A rollback made this (blue) deployment PRIMARY again. */
  reinstated?: string;
}

const taskId = (t: Task) => t.taskArn!.slice(t.taskArn!.lastIndexOf('/') + 1);
const isLive = (t: Task) => t.lastStatus !== 'STOPPED' && t.desiredStatus !== 'STOPPED';
const notStopped = (t: Task) => t.lastStatus !== 'STOPPED';
const isPending = (t: Task) => t.lastStatus === 'PROVISIONING' || t.lastStatus === 'PENDING' || t.lastStatus === 'ACTIVATING';
/** Stopped (or stopping) for a reason other than the scheduler or a user asking. */
const endedOnItsOwn = (t: Task) =>
  (t.lastStatus === 'STOPPED' || t.desiredStatus === 'STOPPED') && t.stopCode !== 'ServiceSchedulerInitiated' && t.stopCode !== 'UserInitiated';

export function scalingReason(deploymentIdValue: string): string {
  return `Scaling activity initiated by (deployment ${deploymentIdValue})`;
}
export const UNHEALTHY_REASON = 'Task failed container health checks';
export const DRAINING_REASON = 'Container instance is DRAINING: the service task moves to another instance';
export const AGENT_LOST_REASON = "Task stopped because its container instance's agent was lost";
export const SERVICE_DELETED_REASON = 'Service is being deleted';

export function throttleDelay(failures: number, s: SchedulerSettings): number {
  if (failures <= 0) return 0;
  return Math.min(s.throttleMaxSeconds, s.throttleBaseSeconds * 2 ** Math.min(30, failures - 1));
}

/** Tasks that count: not STOPPED, and not on an instance whose agent is lost (written off). */
const present = (x: ServiceTask) => notStopped(x.task) && x.instanceState !== 'LOST';
const draining = (x: ServiceTask) => x.instanceState === 'DRAINING';

/**
 * The working state of one decision, shared by the replica and the daemon scheduler: steps 1-3 (health
 * bookkeeping, failures, the circuit breaker) and writing off tasks on lost instances are done by
 * begin(); finish() does the deployments' counts, completion and wake-ups.
 */
export interface Decision {
  input: SchedulerInput;
  cfg: ReturnType<typeof effectiveConfiguration>;
  events: ServiceMessage[];
  stop: TaskStop[];
  stopping: Set<string>;
  wake: number[];
  state: SchedulerState;
  deployments: Deployment[];
  primary: Deployment | undefined;
  /** Live tasks (desired and last status not STOPPED) on instances that are not lost. */
  live: ServiceTask[];
  healthyNow(x: ServiceTask): boolean;
  everHealthy(x: ServiceTask): boolean;
  unhealthy(x: ServiceTask): boolean;
  deploymentOf(t: Task): Deployment | undefined;
  fail(x: ServiceTask): void;
  /** Asks for a stop once (a second ask for the same task is ignored). */
  requestStop(x: ServiceTask, reason: string): void;
  /** Pending first, then a failed deployment's, then not yet healthy, then the newest: what a scale-in or replacement gives up first. */
  stopOrder(a: ServiceTask, b: ServiceTask): number;
  seen: Set<string>;
  counted: Set<string>;
  ids: Set<string>;
  /** The PRIMARY deployment this decision failed, as it failed. */
  failed?: Deployment;
  /** A rollback made this (blue) deployment PRIMARY again. */
  reinstated?: string;
}

export function beginDecision(input: SchedulerInput, daemon = false): Decision {
  const { now, settings: S, serviceName: name } = input;
  const cfg = effectiveConfiguration(input.deploymentConfiguration, daemon);
  const grace = input.healthCheckGracePeriodSeconds ?? 0;
  const events: ServiceMessage[] = [];
  const stop: TaskStop[] = [];
  const stopping = new Set<string>();
  const ids = new Set(input.tasks.map((x) => taskId(x.task)));
  const state: SchedulerState = {
    ...input.state,
    countedStops: input.state.countedStops.filter((id) => ids.has(id)),
    healthySeen: input.state.healthySeen.filter((id) => ids.has(id)),
  };
  const seen = new Set(state.healthySeen);
  const counted = new Set(state.countedStops);
  let deployments = input.deployments.map((d) => ({ ...d }));
  let primary = deployments.find((d) => d.status === 'PRIMARY');

  const healthyNow = (x: ServiceTask): boolean => {
    const t = x.task;
    if (t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING' || x.instanceState === 'LOST') return false;
    if (x.targetHealth) return x.targetHealth.state === 'healthy' && (!x.healthChecked || t.healthStatus === 'HEALTHY');
    if (x.healthChecked) return t.healthStatus === 'HEALTHY';
    return t.startedAt !== undefined && now - t.startedAt >= S.settleSeconds;
  };
  const everHealthy = (x: ServiceTask): boolean => {
    if (seen.has(taskId(x.task)) || healthyNow(x)) return true;
    const t = x.task;
    if (x.healthChecked || x.targetHealth || t.startedAt === undefined) return false;
    const end = t.stoppingAt ?? t.executionStoppedAt ?? t.stoppedAt ?? now;
    return end - t.startedAt >= S.settleSeconds;
  };
  const unhealthy = (x: ServiceTask): boolean =>
    ((x.healthChecked && x.task.healthStatus === 'UNHEALTHY') || x.targetHealth?.state === 'unhealthy') &&
    x.task.lastStatus === 'RUNNING' && x.task.desiredStatus === 'RUNNING' && now >= (x.task.startedAt ?? x.task.createdAt ?? now) + grace;
  const deploymentOf = (t: Task) => deployments.find((d) => d.id === t.startedBy);
  const fail = (x: ServiceTask) => {
    const d = deploymentOf(x.task);
    if (d) d.failedTasks = (d.failedTasks ?? 0) + 1;
  };
  const requestStop = (x: ServiceTask, reason: string) => {
    if (stopping.has(taskId(x.task))) return;
    stopping.add(taskId(x.task));
    // Behind a load balancer a serving task leaves its target groups first (ECS's DEACTIVATING).
    const deactivate = input.drainSeconds !== undefined && x.task.lastStatus === 'RUNNING';
    stop.push({ taskArn: x.task.taskArn!, reason, stopCode: 'ServiceSchedulerInitiated', ...(deactivate ? { deactivate } : {}) });
  };
  // A failed deployment's tasks go before the others' (a rollback keeps what it returns to).
  const ofFailed = (x: ServiceTask) => Number(deploymentOf(x.task)?.rolloutState === 'FAILED');
  const stopOrder = (a: ServiceTask, b: ServiceTask) =>
    Number(isPending(b.task)) - Number(isPending(a.task)) || ofFailed(b) - ofFailed(a) || Number(healthyNow(a)) - Number(healthyNow(b)) ||
    (b.task.createdAt ?? 0) - (a.task.createdAt ?? 0);

  // 1. Tasks that count as healthy for the first time: the failure count of their deployment resets
  //    (ECS's resetOnHealthyTask) and so does start throttling.
  for (const x of input.tasks) {
    if (!isLive(x.task) || !healthyNow(x) || seen.has(taskId(x.task))) continue;
    seen.add(taskId(x.task));
    const d = deploymentOf(x.task);
    if (d && cfg.circuitBreaker.resetOnHealthyTask && d.rolloutState === 'IN_PROGRESS') d.failedTasks = 0;
    state.startFailures = 0;
    delete state.nextLaunchAt;
  }

  // 2. Tasks that stopped on their own, each accounted once: before counting as healthy it is a failure of
  //    its deployment (the circuit breaker); before reaching RUNNING it is a start failure (throttling).
  for (const x of input.tasks) {
    const id = taskId(x.task);
    if (counted.has(id) || !endedOnItsOwn(x.task)) continue;
    counted.add(id);
    if (!everHealthy(x)) fail(x);
    if (x.task.startedAt === undefined) {
      state.startFailures++;
      state.nextLaunchAt = now + throttleDelay(state.startFailures, S);
      if (state.startFailures === S.throttleEventAfter) events.push(serviceMessage('startImpaired', name));
    }
  }

  // 3. The circuit breaker, then the deployment alarms: either fails the PRIMARY deployment and, when
  //    configured, rolls back to the last completed one.
  let failed: Deployment | undefined;
  let reinstated: string | undefined;
  const failPrimary = (reason: string, event: ServiceMessage, rollback: boolean, rollbackText: (toId: string) => string) => {
    const p = primary!;
    p.rolloutState = 'FAILED';
    p.rolloutStateReason = reason;
    p.updatedAt = now;
    events.push(event);
    failed = { ...p };
    delete state.bakeStartedAt;
    const back = state.lastCompleted;
    delete state.shift;
    // A traffic-shifting rollback: production goes back to the blue tasks, which never stopped.
    const blue = rollback && back && input.shifting ? reinstateDeployment(deployments, back.id, input.desiredCount, now, rollbackText(back.id)) : undefined;
    if (blue) {
      deployments = blue;
      primary = blue[0]!;
      reinstated = back!.id;
    } else if (rollback && back && back.id !== p.id) {
      const next = newDeployment({
        id: input.newDeploymentId, taskDefinition: back.taskDefinition, desiredCount: input.desiredCount, now,
        ...(p.launchType ? { launchType: p.launchType } : {}), reason: rollbackText(back.id),
      });
      deployments = startDeployment(deployments, next, now);
      primary = deployments[0]!;
      state.startFailures = 0;
      delete state.nextLaunchAt;
    }
  };
  if (primary && cfg.circuitBreaker.enable && primary.rolloutState === 'IN_PROGRESS' &&
      (primary.failedTasks ?? 0) >= circuitBreakerThreshold(input.desiredCount, input.deploymentConfiguration?.deploymentCircuitBreaker)) {
    failPrimary(CIRCUIT_BREAKER_FAILED_REASON, serviceMessage('deploymentFailed', name, primary.id!), cfg.circuitBreaker.rollback, rollbackReason);
  }
  // A PAUSE hook past its timeout: TIMED_OUT, and with the ROLLBACK action the deployment rolls back.
  const expired = expireHooks(state.shift, now);
  if (expired.state) state.shift = expired.state;
  if (primary && expired.rollback && primary.rolloutState === 'IN_PROGRESS') {
    failPrimary(HOOK_TIMED_OUT_REASON, serviceMessage('hookTimedOut', name, primary.id!), true, hookRollbackReason);
  }
  const alarms = input.deploymentConfiguration?.alarms;
  if (primary && alarms?.enable && primary.rolloutState === 'IN_PROGRESS' && (input.alarmsInAlarm?.length ?? 0) > 0) {
    failPrimary(alarmFailedReason(input.alarmsInAlarm!), serviceMessage('alarmFailed', name, primary.id!, input.alarmsInAlarm!), alarms.rollback ?? false, alarmRollbackReason);
  }

  // 3b. Tasks on instances whose agent is lost are written off at once: their desiredStatus becomes
  //     STOPPED (the agent stops them if it comes back) and they count for nothing, so replacements start.
  const lost = input.tasks.filter((x) => x.instanceState === 'LOST' && isLive(x.task));
  for (const x of lost) requestStop(x, AGENT_LOST_REASON);
  if (lost.length > 0) events.push(serviceMessage('agentLost', name, lost.map((x) => taskId(x.task))));

  return {
    input, cfg, events, stop, stopping, wake: [], state, deployments, primary,
    live: input.tasks.filter((x) => isLive(x.task) && x.instanceState !== 'LOST'),
    healthyNow, everHealthy, unhealthy, deploymentOf, fail, requestStop, stopOrder, seen, counted, ids, ...(failed ? { failed } : {}),
    ...(reinstated ? { reinstated } : {}),
  };
}

/**
 * Step 4: unhealthy tasks (past the grace period) are stopped, those a target group's health checks
 * failed with ECS's reason naming the group; one that never counted healthy is a failure.
 */
export function stopUnhealthy(d: Decision): void {
  const sick = d.live.filter(d.unhealthy);
  const byElb = (x: ServiceTask) => x.targetHealth?.state === 'unhealthy';
  for (const x of sick) {
    d.requestStop(x, byElb(x) ? elbUnhealthyReason(x.targetHealth!.targetGroupArn!) : UNHEALTHY_REASON);
    if (!d.everHealthy(x)) {
      d.counted.add(taskId(x.task));
      d.fail(x);
    }
  }
  const [elb, container] = [sick.filter(byElb), sick.filter((x) => !byElb(x))];
  if (container.length > 0) d.events.push(serviceMessage('unhealthy', d.input.serviceName, container.map((x) => taskId(x.task))));
  if (elb.length > 0) d.events.push(serviceMessage('elbUnhealthy', d.input.serviceName, elb.map((x) => taskId(x.task))));
}

/** Whether a stop's reason is one whose service event the decision writes itself (unhealthy targets'). */
export const isElbUnhealthyReason = (reason: string) => reason.startsWith(ELB_UNHEALTHY_PREFIX);

/** RUNNING and not known to be unhealthy: the task serves, whether or not it has counted as healthy yet. */
const serving = (x: ServiceTask) =>
  x.task.lastStatus === 'RUNNING' && x.task.desiredStatus === 'RUNNING' && x.instanceState !== 'LOST' && x.task.healthStatus !== 'UNHEALTHY' &&
  x.targetHealth?.state !== 'unhealthy';

/**
 * Which of `candidates` may stop, in stop order, without going below `minH` healthy tasks. A healthy task
 * may stop while more than minH others stay healthy. A task still settling (RUNNING, not yet counted as
 * healthy, not unhealthy) serves too: it may stop only while minH healthy tasks remain without it. The
 * settle time delays counting a task as healthy; it does not make a serving task expendable (a service
 * scaled 1 -> 2 and given a new revision at once kept 2 running, not 1). Pending and unhealthy tasks serve
 * nothing and may always stop.
 */
export function expendable(d: Decision, candidates: readonly ServiceTask[], minH: number): ServiceTask[] {
  let healthy = d.live.filter((x) => !d.stopping.has(taskId(x.task)) && d.healthyNow(x)).length;
  const out: ServiceTask[] = [];
  for (const x of [...candidates].sort(d.stopOrder)) {
    if (d.healthyNow(x)) {
      if (healthy <= minH) continue;
      healthy--;
    } else if (serving(x) && healthy < minH) continue;
    out.push(x);
  }
  return out;
}

/** Scale-in protected now (a wake-up is asked for when the protection ends). */
export function isProtected(d: Decision, x: ServiceTask): boolean {
  if (x.protectedUntil === undefined || x.protectedUntil <= d.input.now) return false;
  d.wake.push(x.protectedUntil);
  return true;
}

/** The draining event for the tasks stopped because their instance is DRAINING. */
export function drainedEvent(d: Decision, tasks: readonly ServiceTask[]): void {
  if (tasks.length > 0) d.events.push(serviceMessage('drained', d.input.serviceName, tasks.map((x) => taskId(x.task))));
}

/** Steps 7-8: deployment counts, dropping finished deployments, completion, steady state, wake-ups. */
export function finishDecision(dc: Decision, D: number, start: PlannedStart[]): SchedulerPlan {
  const { input, state, stopping, events, stop } = dc;
  const { now, serviceName: name } = input;
  let deployments = dc.deployments;
  const primary = dc.primary;
  // 7. Deployments: counts; drop the old ones with no task left; the primary completes at steady state.
  for (const d of deployments) {
    const its = input.tasks.filter((x) => x.task.startedBy === d.id && present(x));
    const running = its.filter((x) => x.task.lastStatus === 'RUNNING').length;
    const pending = its.filter((x) => isPending(x.task)).length;
    const desired = d === primary ? D : its.filter((x) => isLive(x.task) && !stopping.has(taskId(x.task))).length;
    if (d.runningCount !== running || d.pendingCount !== pending || d.desiredCount !== desired) {
      d.runningCount = running;
      d.pendingCount = pending;
      d.desiredCount = desired;
      d.updatedAt = now;
    }
  }
  // Tasks of no listed deployment (a dropped one's stragglers) keep nothing alive; deployments that own no
  // task that is not STOPPED are INACTIVE and leave the list.
  deployments = deployments.filter((d) => d === primary || input.tasks.some((x) => x.task.startedBy === d.id && present(x)));
  const counts = (x: ServiceTask) => primary !== undefined && x.task.startedBy === primary.id && isLive(x.task) &&
    !stopping.has(taskId(x.task)) && !draining(x) && x.instanceState !== 'LOST';
  const primaryHealthy = input.tasks.filter((x) => counts(x) && dc.healthyNow(x)).length;
  const primaryLive = input.tasks.filter(counts).length;
  const starts = start.reduce((n, s) => n + s.count, 0);
  const settled = deployments.length === 1 && primary !== undefined && starts === 0 && stop.length === 0 &&
    primaryLive === D && primaryHealthy === D && input.status === 'ACTIVE' &&
    input.tasks.every((x) => !present(x) || (x.task.startedBy === primary.id && isLive(x.task) && !draining(x)));
  // With deployment alarms, a settled deployment bakes before it completes (an alarm meanwhile fails it).
  const bake = input.deploymentConfiguration?.alarms?.enable && !input.shifting ? input.bakeSeconds ?? 0 : 0;
  let baking = false;
  if (settled && primary!.rolloutState === 'IN_PROGRESS' && bake > 0) {
    state.bakeStartedAt ??= now;
    baking = now < state.bakeStartedAt + bake;
    if (baking) dc.wake.push(state.bakeStartedAt + bake);
  } else if (!settled) delete state.bakeStartedAt;
  if (settled && !baking && primary!.rolloutState === 'IN_PROGRESS') {
    delete state.bakeStartedAt;
    primary!.rolloutState = 'COMPLETED';
    primary!.rolloutStateReason = completedReason(primary!.id!);
    primary!.updatedAt = now;
    state.lastCompleted = { id: primary!.id!, taskDefinition: primary!.taskDefinition! };
    events.push(serviceMessage('deploymentCompleted', name, primary!.id!));
  }
  if (settled && !state.steady) events.push(serviceMessage('steadyState', name));
  state.steady = settled;

  return {
    start, stop, deployments, events,
    stable: deployments.length === 1 && primary !== undefined && primaryLive === D && (primary.runningCount ?? 0) === D && start.length === 0 && stop.length === 0,
    inactive: input.status !== 'ACTIVE' && input.tasks.every((x) => !present(x)),
    ...closeDecision(dc),
    ...(dc.failed ? { failed: dc.failed } : {}),
    ...(dc.reinstated ? { reinstated: dc.reinstated } : {}),
  };
}

/**
 * Step 8, for every scheduler: when time alone changes the decision (a task settling, a grace period
 * ending, the throttle lifting), and the bookkeeping to keep.
 */
export function closeDecision(dc: Decision): { state: SchedulerState; release: string[]; wakeAt?: number } {
  const { input, state, seen } = dc;
  const { now, settings: S } = input;
  const grace = input.healthCheckGracePeriodSeconds ?? 0;
  const wake = dc.wake;
  for (const x of dc.live) {
    const t = x.task;
    if (t.lastStatus !== 'RUNNING' || seen.has(taskId(t))) continue;
    if (!x.healthChecked && !x.targetHealth && t.startedAt !== undefined) wake.push(t.startedAt + S.settleSeconds);
    if ((x.healthChecked && t.healthStatus === 'UNHEALTHY') || x.targetHealth?.state === 'unhealthy') wake.push((t.startedAt ?? now) + grace);
  }
  // DEACTIVATING tasks whose targets have drained for the delay: their containers stop now.
  const release: string[] = [];
  for (const x of input.tasks) {
    const t = x.task;
    if (t.lastStatus !== 'DEACTIVATING') continue;
    const end = (t.stoppingAt ?? now) + (input.drainSeconds ?? 0);
    if (end <= now) release.push(t.taskArn!);
    else wake.push(end);
  }
  state.healthySeen = [...seen].filter((id) => dc.ids.has(id));
  state.countedStops = [...dc.counted];
  const future = wake.filter((w) => w > now);
  return { state, release, ...(future.length > 0 ? { wakeAt: Math.min(...future) } : {}) };
}

/** The decision for one REPLICA service. */
export function decideService(input: SchedulerInput): SchedulerPlan {
  const dc = beginDecision(input);
  const { now, serviceName: name } = input;
  const { cfg, state, stopping, requestStop, stopOrder, deploymentOf, primary, live } = dc;
  const D = input.status === 'ACTIVE' ? input.desiredCount : 0;
  let starts = 0;

  if (input.status !== 'ACTIVE') {
    for (const x of live) requestStop(x, SERVICE_DELETED_REASON);
  } else {
    // 4. Unhealthy tasks (past the grace period) are replaced: they count for nothing, so stopping them
    //    never lowers the healthy count.
    stopUnhealthy(dc);
    const remaining = live.filter((x) => !stopping.has(taskId(x.task)));
    // Tasks on DRAINING instances leave like an old deployment's: replacements first where maximumPercent
    // allows, stops never below minimumHealthyPercent (ECS's draining).
    const mine = remaining.filter((x) => primary !== undefined && x.task.startedBy === primary.id && !draining(x));
    const others = remaining.filter((x) => !(primary !== undefined && x.task.startedBy === primary.id && !draining(x)));
    const total = input.tasks.filter(present).length;
    const minH = minimumHealthy(D, cfg.minimumHealthyPercent);
    const maxT = maximumTotal(D, cfg.maximumPercent);
    const launchable = primary !== undefined && primary.rolloutState !== 'FAILED';
    const throttled = state.nextLaunchAt !== undefined && state.nextLaunchAt > now;
    // Traffic shifting from the last completed deployment (blue) to the PRIMARY one (green).
    const blueId = state.lastCompleted?.id;
    const shifting = input.shifting !== undefined && launchable && primary.rolloutState === 'IN_PROGRESS' && blueId !== undefined && blueId !== primary.id;
    if (!shifting) delete state.shift;
    // Shifting: the green tasks all healthy move the shift on (decided before any start: RECONCILE_SERVICE
    // and PRE_SCALE_UP hooks hold the green tasks back); the blue ones stay until it cleans up.
    let keep = (_x: ServiceTask) => false;
    if (shifting) {
      const ready = mine.length === D && mine.every(dc.healthyNow);
      const reconcile = dc.deployments.filter((d) => d.id !== primary.id).length > 1;
      const shift = advanceShift({ plan: input.shifting!, state: state.shift, deploymentId: primary.id!, greenReady: ready, reconcile, now });
      state.shift = shift.state;
      if (shift.wakeAt !== undefined) dc.wake.push(shift.wakeAt);
      if (!blueReleased(shift.state)) keep = (x) => x.task.startedBy === blueId;
    }

    // 5. The primary deployment: scale in what is beyond the desired count, start what is missing,
    //    within maximumPercent of tasks running or pending.
    if (mine.length > D) {
      // A scale-in passes over protected tasks (they count towards the desired count all the same).
      for (const x of [...mine].filter((y) => !isProtected(dc, y)).sort(stopOrder).slice(0, mine.length - D)) requestStop(x, scalingReason(primary!.id!));
    } else if (launchable && mine.length < D && (!shifting || greenMayStart(state.shift))) {
      const want = D - mine.length;
      // With no other deployment's tasks around, the primary may always fill up to the desired count; a
      // green revision starts whole beside the blue one.
      const room = others.length === 0 || shifting ? want : Math.max(0, maxT - total);
      if (throttled) dc.wake.push(state.nextLaunchAt!);
      else starts = Math.min(want, room);
    }

    // 6. Other deployments' tasks (and those on DRAINING instances) go, but never below
    //    minimumHealthyPercent of healthy tasks, and a serving task that has not settled yet only while
    //    that many healthy ones remain without it (unless the primary failed without a rollback: then what
    //    runs stays).
    const drained: ServiceTask[] = [];
    if (others.length > 0 && launchable) {
      for (const x of expendable(dc, others.filter((y) => !isProtected(dc, y) && !keep(y)), shifting ? 0 : minH)) {
        if (draining(x)) {
          requestStop(x, DRAINING_REASON);
          drained.push(x);
        } else requestStop(x, scalingReason(deploymentOf(x.task)?.id ?? primary!.id!));
      }
      if (!shifting && starts === 0 && dc.stop.length === 0 && minH >= D && maxT <= D && D > 0) dc.events.push(serviceMessage('cannotProgress', name));
    }
    drainedEvent(dc, drained);
  }
  const start = starts > 0 && primary ? [{ deploymentId: primary.id!, taskDefinition: primary.taskDefinition!, count: starts }] : [];
  const plan = finishDecision(dc, D, start);
  // A shift completes with the blue tasks gone: the green groups are production's from now on.
  if (plan.state.shift !== undefined && primary?.rolloutState === 'COMPLETED') {
    plan.state.alternateLive = !plan.state.alternateLive;
    delete plan.state.shift;
  }
  return plan;
}
