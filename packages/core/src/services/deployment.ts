// Services and their deployments (ECS API brief §4.7): ECS's defaults, ids, the rolling-update bounds,
// the circuit breaker threshold and the service event texts. Pure: ids and clocks come in as inputs.
import type {
  Deployment, DeploymentCircuitBreaker, DeploymentConfiguration, LaunchType, PlacementStrategy, ServiceEvent,
} from '../model/types.js';
import { applyMemberDefaults } from '../defaults.js';

export const DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
export const DEFAULT_MAXIMUM_PERCENT = 200;
/** DAEMON services: ECS's defaults (and maximumPercent must be 100). */
export const DAEMON_MINIMUM_HEALTHY_PERCENT = 0;
export const DAEMON_MAXIMUM_PERCENT = 100;
/** ECS: a task without health checks counts as healthy once it has been RUNNING this long. */
export const DEFAULT_SETTLE_SECONDS = 40;
/** Service events kept, newest first (ECS shows the last 100). */
export const MAX_SERVICE_EVENTS = 100;
/** The same message is not repeated within this window (ECS suppresses duplicates for hours). */
export const EVENT_DUPLICATE_WINDOW_SECONDS = 6 * 3600;
/** Services place tasks spread over zones, then over instances, unless they name a strategy. */
export const DEFAULT_SERVICE_PLACEMENT: PlacementStrategy[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
];

export interface EffectiveDeploymentConfiguration {
  minimumHealthyPercent: number;
  maximumPercent: number;
  circuitBreaker: { enable: boolean; rollback: boolean; resetOnHealthyTask: boolean };
}

/** The deployment configuration with ECS's defaults filled in (REPLICA's, or DAEMON's). */
export function effectiveConfiguration(c: DeploymentConfiguration | undefined, daemon = false): EffectiveDeploymentConfiguration {
  const cb: DeploymentCircuitBreaker | undefined = c?.deploymentCircuitBreaker;
  return {
    minimumHealthyPercent: c?.minimumHealthyPercent ?? (daemon ? DAEMON_MINIMUM_HEALTHY_PERCENT : DEFAULT_MINIMUM_HEALTHY_PERCENT),
    maximumPercent: c?.maximumPercent ?? (daemon ? DAEMON_MAXIMUM_PERCENT : DEFAULT_MAXIMUM_PERCENT),
    circuitBreaker: { enable: cb?.enable ?? false, rollback: cb?.rollback ?? false, resetOnHealthyTask: cb?.resetOnHealthyTask ?? true },
  };
}

/**
 * What DescribeServices shows: ECS fills in the defaults it applies (the percentages, REPLICA's or DAEMON's,
 * and the circuit breaker's members, ECS_MEMBER_DEFAULTS).
 */
export function describedConfiguration(c: DeploymentConfiguration | undefined, daemon = false): DeploymentConfiguration {
  const e = effectiveConfiguration(c, daemon);
  const given = c === undefined ? undefined : structuredClone(c);
  return applyMemberDefaults('DeploymentConfiguration', {
    ...given,
    deploymentCircuitBreaker: { ...given?.deploymentCircuitBreaker, enable: e.circuitBreaker.enable, rollback: e.circuitBreaker.rollback },
    maximumPercent: e.maximumPercent,
    minimumHealthyPercent: e.minimumHealthyPercent,
  });
}

/** At least this many healthy tasks stay up during a deployment: desiredCount × min%, rounded up. */
export const minimumHealthy = (desired: number, minPercent: number) => Math.ceil((desired * minPercent) / 100 - 1e-9);
/** At most this many tasks run or are pending: desiredCount × max%, rounded down. */
export const maximumTotal = (desired: number, maxPercent: number) => Math.floor((desired * maxPercent) / 100 + 1e-9);

/** ECS's circuit breaker threshold: half the desired count, rounded up, clamped to 3..200. */
export function circuitBreakerThreshold(desired: number, cb?: DeploymentCircuitBreaker): number {
  const t = cb?.thresholdConfiguration;
  if (t?.type === 'COUNT' && t.value !== undefined) return Math.max(1, t.value);
  const pct = t?.value ?? 50;
  const raw = Math.ceil((desired * pct) / 100 - 1e-9);
  if (t?.type === 'UNBOUNDED_PERCENT') return Math.max(1, raw);
  return Math.min(200, Math.max(3, raw));
}

const MAX_I64 = 9223372036854775807n;

/**
 * A deployment id as ECS makes them: `ecs-svc/` and 19 digits (2^63-1 minus a microsecond clock, so later
 * deployments get smaller numbers). `nowMs` and `jitter` (0..999) come in, so this stays pure.
 */
export function deploymentId(nowMs: number, jitter: number): string {
  const n = MAX_I64 - BigInt(Math.floor(nowMs)) * 1000n - BigInt(Math.floor(jitter) % 1000);
  return `ecs-svc/${n.toString().padStart(19, '0')}`;
}

/** The digits of a deployment id: what a service's tasks carry in startedBy is the whole id. */
export const startedByOf = (deploymentIdValue: string) => deploymentIdValue;

export function inProgressReason(id: string): string {
  return `ECS deployment ${id} in progress.`;
}
export function completedReason(id: string): string {
  return `ECS deployment ${id} completed.`;
}
export function rollbackReason(toId: string): string {
  return `ECS deployment circuit breaker: rolling back to deploymentId ${toId}.`;
}
export const CIRCUIT_BREAKER_FAILED_REASON = 'ECS deployment circuit breaker: task failed to start.';
/** deploymentConfiguration.alarms: an alarm named went to ALARM during the deployment or its bake time. */
export const alarmFailedReason = (alarms: readonly string[]) => `ECS deployment alarms: ${alarms.join(', ')} in ALARM state.`;
export const alarmRollbackReason = (toId: string) => `ECS deployment alarms: rolling back to deploymentId ${toId}.`;
/** A PAUSE lifecycle hook not continued before its timeout, whose timeout action is ROLLBACK. */
export const HOOK_TIMED_OUT_REASON = 'ECS deployment lifecycle hook timed out.';
export const hookRollbackReason = (toId: string) => `ECS deployment lifecycle hook timed out: rolling back to deploymentId ${toId}.`;

/** A new PRIMARY deployment, IN_PROGRESS. */
export function newDeployment(input: { id: string; taskDefinition: string; desiredCount: number; now: number; launchType?: LaunchType; reason?: string }): Deployment {
  return {
    id: input.id,
    status: 'PRIMARY',
    taskDefinition: input.taskDefinition,
    desiredCount: input.desiredCount,
    pendingCount: 0,
    runningCount: 0,
    failedTasks: 0,
    createdAt: input.now,
    updatedAt: input.now,
    launchType: input.launchType ?? 'EC2',
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: input.reason ?? inProgressReason(input.id),
  };
}

/**
 * The deployments after a new one starts: the new one PRIMARY first, the others ACTIVE (they keep their
 * tasks until the scheduler replaces them; an ACTIVE deployment without tasks is dropped by the scheduler).
 */
export function startDeployment(deployments: readonly Deployment[], next: Deployment, now: number): Deployment[] {
  return [next, ...deployments.map((d) => (d.status === 'PRIMARY' ? { ...d, status: 'ACTIVE', updatedAt: now } : d))];
}

// --- service event texts (ECS's wording) -----------------------------------------------------------------

const svc = (name: string) => `(service ${name})`;
export const eventTexts = {
  steadyState: (name: string) => `${svc(name)} has reached a steady state.`,
  started: (name: string, taskIds: readonly string[]) => `${svc(name)} has started ${taskIds.length} tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}.`,
  stopped: (name: string, taskIds: readonly string[]) => `${svc(name)} has stopped ${taskIds.length} running tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}.`,
  unableToPlace: (name: string, reason: string) =>
    `${svc(name)} was unable to place a task because no container instance met all of its requirements. Reason: ${reason} For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
  noInstances: 'No Container Instances were found in your cluster.',
  closestMatching: (instanceId: string, what: string) => `The closest matching (container-instance ${instanceId}) ${what}.`,
  deploymentFailed: (name: string, id: string) => `${svc(name)} (deployment ${id}) deployment failed: tasks failed to start.`,
  deploymentCompleted: (name: string, id: string) => `${svc(name)} (deployment ${id}) deployment completed.`,
  alarmFailed: (name: string, id: string, alarms: readonly string[]) => `${svc(name)} (deployment ${id}) deployment failed: alarm detected (${alarms.join(', ')}).`,
  hookTimedOut: (name: string, id: string) => `${svc(name)} (deployment ${id}) deployment failed: a lifecycle hook timed out.`,
  alarmMissing: (name: string, alarm: string) => `${svc(name)} deployment alarm ${alarm} does not exist: it is treated as not alarming.`,
  rollingBack: (name: string, failedId: string, toId: string) => `${svc(name)} (deployment ${failedId}) deployment failed: rolling back to deployment ${toId}.`,
  startImpaired: (name: string) => `${svc(name)} is unable to consistently start tasks successfully.`,
  cannotProgress: (name: string) =>
    `${svc(name)} was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`,
  taskDefinitionMissing: (name: string, td: string) => `${svc(name)} failed to launch a task: the task definition ${td} no longer exists.`,
  configurationFailure: (name: string, error: string) => `${svc(name)} failed to launch a task with (error ${error}).`,
  drained: (name: string, taskIds: readonly string[]) =>
    `${svc(name)} has stopped ${taskIds.length} running tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}. Their container instances are DRAINING.`,
  agentLost: (name: string, taskIds: readonly string[]) =>
    `${svc(name)} has stopped ${taskIds.length} running tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}. Their container instances' agents were lost.`,
  daemonConstraint: (name: string, taskIds: readonly string[]) =>
    `${svc(name)} has stopped ${taskIds.length} running tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}. Their container instances no longer meet the placement constraints.`,
  unhealthy: (name: string, taskIds: readonly string[]) =>
    `${svc(name)} has stopped ${taskIds.length} running tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}. These tasks failed container health checks.`,
  registeredTargets: (name: string, count: number, targetGroupArn: string) => `${svc(name)} registered ${count} targets in (target-group ${targetGroupArn})`,
  deregisteredTargets: (name: string, count: number, targetGroupArn: string) => `${svc(name)} deregistered ${count} targets in (target-group ${targetGroupArn})`,
  listenerRuleFailed: (name: string, rule: string, error: string) => `${svc(name)} could not shift traffic on (listener-rule ${rule}): ${error}`,
  elbUnhealthy: (name: string, taskIds: readonly string[]) =>
    `${svc(name)} has stopped ${taskIds.length} running tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}. These tasks failed ELB health checks.`,
};

/** The "ECS Service Action" events Berth emits (ECS's eventName). */
export type ServiceActionName =
  | 'SERVICE_STEADY_STATE' | 'SERVICE_TASK_START_IMPAIRED' | 'SERVICE_TASK_PLACEMENT_FAILURE'
  | 'SERVICE_DAEMON_PLACEMENT_CONSTRAINT_VIOLATED' | 'SERVICE_TASK_CONFIGURATION_FAILURE' | 'TASKS_STOPPED';

/**
 * A service event as a decision makes it: the message DescribeServices shows and, when it is one, the
 * Service Action it stands for (with the placement reason of a SERVICE_TASK_PLACEMENT_FAILURE). The kind
 * travels with the message, so the EventBridge events never depend on parsing the texts.
 */
export interface ServiceMessage {
  message: string;
  action?: ServiceActionName;
  /** SERVICE_TASK_PLACEMENT_FAILURE: the first excluded instance's placement reason (RESOURCE:MEMORY, ATTRIBUTE...). */
  reason?: string;
}

type TextKind = { [K in keyof typeof eventTexts]: (typeof eventTexts)[K] extends (...a: never[]) => string ? K : never }[keyof typeof eventTexts];

/** The Service Action each message kind is (the others are messages only). */
const ACTION_OF: Partial<Record<TextKind, ServiceActionName>> = {
  steadyState: 'SERVICE_STEADY_STATE',
  startImpaired: 'SERVICE_TASK_START_IMPAIRED',
  stopped: 'TASKS_STOPPED',
  drained: 'TASKS_STOPPED',
  agentLost: 'TASKS_STOPPED',
  unhealthy: 'TASKS_STOPPED',
  elbUnhealthy: 'TASKS_STOPPED',
  daemonConstraint: 'SERVICE_DAEMON_PLACEMENT_CONSTRAINT_VIOLATED',
  configurationFailure: 'SERVICE_TASK_CONFIGURATION_FAILURE',
};

/** A service event of one kind: ECS's text and its Service Action, if any. */
export function serviceMessage<K extends Exclude<TextKind, 'unableToPlace'>>(kind: K, ...args: Parameters<(typeof eventTexts)[K]>): ServiceMessage {
  const message = (eventTexts[kind] as (...a: typeof args) => string)(...args);
  const action = ACTION_OF[kind];
  return action ? { message, action } : { message };
}

/** "was unable to place a task": SERVICE_TASK_PLACEMENT_FAILURE with placement's reason (none: no instances). */
export function placementFailureMessage(name: string, failures: readonly { instanceId: string; reason?: string }[]): ServiceMessage {
  const reason = failures[0]?.reason;
  return { message: eventTexts.unableToPlace(name, placementReason(failures)), action: 'SERVICE_TASK_PLACEMENT_FAILURE', ...(reason ? { reason } : {}) };
}

/** The reason for a placement failure, in ECS's words, from core placement's failure reasons. */
export function placementReason(failures: readonly { instanceId: string; reason?: string }[]): string {
  const f = failures[0];
  if (f === undefined) return eventTexts.noInstances;
  switch (f.reason) {
    case 'RESOURCE:CPU': return eventTexts.closestMatching(f.instanceId, 'has insufficient CPU units available');
    case 'RESOURCE:MEMORY': return eventTexts.closestMatching(f.instanceId, 'has insufficient memory available');
    case 'RESOURCE:PORTS':
    case 'RESOURCE:PORTS_UDP': return eventTexts.closestMatching(f.instanceId, 'is already using a port required by your task');
    case 'AGENT': return eventTexts.closestMatching(f.instanceId, 'encountered error "AGENT"');
    default: return eventTexts.closestMatching(f.instanceId, `encountered error "${f.reason ?? 'UNKNOWN'}"`);
  }
}

/** A Service Action a write adds: what "ECS Service Action" events are made of. */
export interface ServiceAction {
  eventName: ServiceActionName;
  reason?: string;
  /** Epoch seconds. */
  createdAt: number;
}

/**
 * Adds events (newest first), keeping at most MAX_SERVICE_EVENTS and skipping a message identical to one
 * already shown within the duplicate window (ECS does not repeat a placement failure every minute).
 * `actions` are the Service Actions of the messages added, oldest first.
 */
export function addEvents(events: readonly ServiceEvent[], messages: readonly ServiceMessage[], now: number, newId: () => string,
  opts: { dedupe?: (m: string) => boolean } = {}): { events: ServiceEvent[]; actions: ServiceAction[] } {
  let out = [...events];
  const actions: ServiceAction[] = [];
  for (const { message, action, reason } of messages) {
    if (opts.dedupe?.(message) && out.some((e) => e.message === message && (e.createdAt ?? 0) > now - EVENT_DUPLICATE_WINDOW_SECONDS)) continue;
    out = [{ id: newId(), createdAt: now, message }, ...out];
    if (action) actions.push({ eventName: action, ...(reason ? { reason } : {}), createdAt: now });
  }
  return { events: out.slice(0, MAX_SERVICE_EVENTS), actions };
}
