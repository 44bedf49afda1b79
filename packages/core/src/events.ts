// ECS events in EventBridge form (ECS API brief §5): "ECS Task State Change" and "ECS Container Instance
// State Change". The envelope is EventBridge's; `detail` mirrors the Task / ContainerInstance with ISO
// timestamps (milliseconds) instead of epoch seconds, plus `updatedAt`. detail.version is the resource's
// `version` counter, which grows on every change that emits an event. Pure: the id and time come in.
import type { Identity } from './arn.js';
import type { Container, ContainerInstance, Task } from './model/types.js';

export const TASK_STATE_CHANGE = 'ECS Task State Change';
export const CONTAINER_INSTANCE_STATE_CHANGE = 'ECS Container Instance State Change';
export const SERVICE_ACTION = 'ECS Service Action';
export const DEPLOYMENT_STATE_CHANGE = 'ECS Deployment State Change';
/** CloudWatch's, for the alarms Berth evaluates (metrics/alarm-events.ts); on the stream of the cluster the alarm's ClusterName names. */
export const ALARM_STATE_CHANGE = 'CloudWatch Alarm State Change';
/** Berth's own: a rule or schedule ran its targets, or why not (source `berth.events`, on the rule's bus). */
export const BERTH_INVOCATION = 'Berth Invocation';
export const EVENT_DETAIL_TYPES = [TASK_STATE_CHANGE, CONTAINER_INSTANCE_STATE_CHANGE, SERVICE_ACTION, DEPLOYMENT_STATE_CHANGE, ALARM_STATE_CHANGE, BERTH_INVOCATION] as const;
export type EventDetailType = (typeof EVENT_DETAIL_TYPES)[number];

/** An EventBridge event as ECS emits it (the keys with '-' are EventBridge's). */
export interface EcsEvent {
  version: '0';
  id: string;
  'detail-type': EventDetailType;
  source: 'aws.ecs' | 'aws.cloudwatch';
  account: string;
  /** ISO-8601 UTC, second precision. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/**
 * Formats with Date's toISOString, remembering the last time: a RunTask's tasks and their events share
 * one `now` (createdAt, updatedAt, the envelope's time), and toISOString was a tenth of placing a task.
 */
function lastRemembered(format: (ms: number) => string): (ms: number) => string {
  let last = NaN;
  let text = '';
  return (ms) => {
    if (ms !== last) {
      text = format(ms);
      last = ms;
    }
    return text;
  };
}
const millisText = lastRemembered((ms) => new Date(ms).toISOString());
const secondsText = lastRemembered((ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
/** Epoch seconds as ISO-8601 UTC with milliseconds, as event details carry times. */
export const isoMillis = (epochSeconds: number) => millisText(Math.round(epochSeconds * 1000));
/** Epoch seconds as ISO-8601 UTC without fractions, as the envelope's `time`. */
export const isoSeconds = (epochSeconds: number) => secondsText(Math.floor(epochSeconds) * 1000);

const TASK_TIMES = [
  'createdAt', 'connectivityAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt', 'stoppingAt', 'executionStoppedAt', 'stoppedAt',
] as const;
/** The Task members a task event carries (healthStatus and tags are not among them, as in ECS). */
const TASK_FIELDS = [
  'attachments', 'attributes', 'availabilityZone', 'capacityProviderName', 'clusterArn', 'connectivity', 'containerInstanceArn',
  'cpu', 'desiredStatus', 'group', 'lastStatus', 'launchType', 'memory', 'overrides', 'platformVersion', 'platformFamily',
  'startedBy', 'stopCode', 'stoppedReason', 'taskArn', 'taskDefinitionArn', 'version',
] as const;
const CONTAINER_FIELDS = [
  'containerArn', 'taskArn', 'name', 'image', 'imageDigest', 'runtimeId', 'lastStatus', 'exitCode', 'reason', 'cpu', 'memory',
  'memoryReservation', 'gpuIds', 'networkBindings', 'networkInterfaces',
] as const;
const INSTANCE_FIELDS = [
  'agentConnected', 'agentUpdateStatus', 'attachments', 'attributes', 'capacityProviderName', 'containerInstanceArn',
  'ec2InstanceId', 'registeredResources', 'remainingResources', 'status', 'statusReason', 'version', 'versionInfo',
] as const;

function pick<T extends object>(o: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The `detail` of an "ECS Task State Change": the task as DescribeTasks shows it, times as ISO strings. */
export function taskEventDetail(task: Task, now: number): Record<string, unknown> {
  const d = pick(task, TASK_FIELDS);
  for (const k of TASK_TIMES) if (task[k] !== undefined) d[k] = isoMillis(task[k]);
  d.containers = (task.containers ?? []).map((c: Container) => pick(c, CONTAINER_FIELDS));
  d.updatedAt = isoMillis(now);
  return d;
}

/**
 * The `detail` of an "ECS Container Instance State Change". `agentConnected` is the caller's (the stored
 * record does not know the session); running/pending counts are left out, as ECS's example does.
 */
export function containerInstanceEventDetail(ci: ContainerInstance, clusterArn: string, agentConnected: boolean, now: number): Record<string, unknown> {
  const d = pick({ ...ci, agentConnected }, INSTANCE_FIELDS);
  d.clusterArn = clusterArn;
  if (ci.registeredAt !== undefined) d.registeredAt = isoMillis(ci.registeredAt);
  d.updatedAt = isoMillis(now);
  return d;
}

export function envelope(identity: Identity, detailType: EventDetailType, resource: string, detail: Record<string, unknown>, now: number, id: string): EcsEvent {
  return {
    version: '0', id, 'detail-type': detailType, source: 'aws.ecs', account: identity.accountId,
    time: isoSeconds(now), region: identity.region, resources: [resource], detail,
  };
}

export function taskStateChangeEvent(identity: Identity, task: Task, now: number, id: string): EcsEvent {
  return envelope(identity, TASK_STATE_CHANGE, task.taskArn!, taskEventDetail(task, now), now, id);
}

export function containerInstanceStateChangeEvent(identity: Identity, ci: ContainerInstance, clusterArn: string,
  agentConnected: boolean, now: number, id: string): EcsEvent {
  return envelope(identity, CONTAINER_INSTANCE_STATE_CHANGE, ci.containerInstanceArn!, containerInstanceEventDetail(ci, clusterArn, agentConnected, now), now, id);
}

/**
 * Whether a write from `before` to `after` emits an event: the resource is new, or its `version` moved
 * (every ECS-visible change bumps it; Berth's own bookkeeping does not).
 */
export const emitsEvent = (before: { version?: number } | undefined, after: { version?: number }) =>
  before === undefined || (before.version ?? 0) !== (after.version ?? 0);

/** One line for tables and logs: the resource's status as the event says it. */
export function eventSummary(e: EcsEvent): { status: string; resource: string } {
  const d = e.detail;
  if (e['detail-type'] === TASK_STATE_CHANGE) {
    return { resource: e.resources[0] ?? '', status: `${String(d.lastStatus)}${d.desiredStatus !== d.lastStatus ? ` (desired ${String(d.desiredStatus)})` : ''}` };
  }
  if (e['detail-type'] === ALARM_STATE_CHANGE) {
    const state = d.state as { value?: string; reason?: string } | undefined;
    return { resource: e.resources[0] ?? '', status: `${String(state?.value)}: ${String(state?.reason)}` };
  }
  if (e['detail-type'] === SERVICE_ACTION || e['detail-type'] === DEPLOYMENT_STATE_CHANGE) {
    return { resource: e.resources[0] ?? '', status: `${String(d.eventName)}${d.deploymentId ? ` ${String(d.deploymentId)}` : ''}${d.reason ? `: ${String(d.reason)}` : ''}` };
  }
  if (e['detail-type'] === CONTAINER_INSTANCE_STATE_CHANGE) {
    return { resource: e.resources[0] ?? '', status: `${String(d.status)}${d.agentConnected === true ? '' : ' (agent disconnected)'}` };
  }
  if (e['detail-type'] === BERTH_INVOCATION) {
    const tasks = Array.isArray(d.taskArns) ? d.taskArns.length : 0;
    return { resource: e.resources[0] ?? '', status: d.failure !== undefined ? `FAILED: ${String(d.failure)}` : `RAN ${tasks} task${tasks === 1 ? '' : 's'}` };
  }
  // An event of PutEvents on a bus: its own detail-type.
  return { resource: e.resources[0] ?? '', status: String(e['detail-type']) };
}
