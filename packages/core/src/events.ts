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
 * Date's toISOString (always YYYY-MM-DDTHH:MM:SS.mmmZ for the years 0000-9999), with the text up to the hour
 * computed once per hour: every report's event formats a new time (its updatedAt), and toISOString took
 * about a microsecond each. Outside those years (where toISOString widens the year), toISOString itself.
 */
let hourStart = NaN;
let hourText = '';
const HOUR_MS = 3_600_000;
const MAX_ISO_MS = 253_402_300_800_000; // 10000-01-01T00:00:00Z
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
function isoText(ms: number): string {
  if (!(ms >= 0 && ms < MAX_ISO_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const within = ms % HOUR_MS;
  const start = ms - within;
  if (start !== hourStart) {
    hourText = new Date(start).toISOString().slice(0, 14);
    hourStart = start;
  }
  const m = Math.floor(within / 60_000);
  const sec = Math.floor((within % 60_000) / 1000);
  const milli = within % 1000;
  return `${hourText}${two(m)}:${two(sec)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/**
 * Remembers the last time formatted: a RunTask's tasks and their events share one `now` (createdAt,
 * updatedAt, the envelope's time).
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
const millisText = lastRemembered(isoText);
const secondsText = lastRemembered((ms) => {
  const t = isoText(ms);
  return t.length === 24 ? `${t.slice(0, 19)}Z` : t.replace(/\.\d{3}Z$/, 'Z');
});
/** Date's toISOString, faster (for tests: the two agree). */
export const isoTextOf = isoText;
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

/**
 * TASK_FIELDS, CONTAINER_FIELDS and INSTANCE_FIELDS copied (those not undefined, in the lists' order) into
 * a new object, written out member by member: a loop over the lists stored each member by a computed key,
 * which made slow dictionary objects, and every event details a task and its containers or an instance
 * (events.test checks them against the lists). No generated code: the console's Content-Security-Policy
 * allows no eval, should it ever bundle this module.
 */
function pickTask(o: Task): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (o.attachments !== undefined) out.attachments = o.attachments;
  if (o.attributes !== undefined) out.attributes = o.attributes;
  if (o.availabilityZone !== undefined) out.availabilityZone = o.availabilityZone;
  if (o.capacityProviderName !== undefined) out.capacityProviderName = o.capacityProviderName;
  if (o.clusterArn !== undefined) out.clusterArn = o.clusterArn;
  if (o.connectivity !== undefined) out.connectivity = o.connectivity;
  if (o.containerInstanceArn !== undefined) out.containerInstanceArn = o.containerInstanceArn;
  if (o.cpu !== undefined) out.cpu = o.cpu;
  if (o.desiredStatus !== undefined) out.desiredStatus = o.desiredStatus;
  if (o.group !== undefined) out.group = o.group;
  if (o.lastStatus !== undefined) out.lastStatus = o.lastStatus;
  if (o.launchType !== undefined) out.launchType = o.launchType;
  if (o.memory !== undefined) out.memory = o.memory;
  if (o.overrides !== undefined) out.overrides = o.overrides;
  if (o.platformVersion !== undefined) out.platformVersion = o.platformVersion;
  if (o.platformFamily !== undefined) out.platformFamily = o.platformFamily;
  if (o.startedBy !== undefined) out.startedBy = o.startedBy;
  if (o.stopCode !== undefined) out.stopCode = o.stopCode;
  if (o.stoppedReason !== undefined) out.stoppedReason = o.stoppedReason;
  if (o.taskArn !== undefined) out.taskArn = o.taskArn;
  if (o.taskDefinitionArn !== undefined) out.taskDefinitionArn = o.taskDefinitionArn;
  if (o.version !== undefined) out.version = o.version;
  return out;
}
function pickContainer(o: Container): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (o.containerArn !== undefined) out.containerArn = o.containerArn;
  if (o.taskArn !== undefined) out.taskArn = o.taskArn;
  if (o.name !== undefined) out.name = o.name;
  if (o.image !== undefined) out.image = o.image;
  if (o.imageDigest !== undefined) out.imageDigest = o.imageDigest;
  if (o.runtimeId !== undefined) out.runtimeId = o.runtimeId;
  if (o.lastStatus !== undefined) out.lastStatus = o.lastStatus;
  if (o.exitCode !== undefined) out.exitCode = o.exitCode;
  if (o.reason !== undefined) out.reason = o.reason;
  if (o.cpu !== undefined) out.cpu = o.cpu;
  if (o.memory !== undefined) out.memory = o.memory;
  if (o.memoryReservation !== undefined) out.memoryReservation = o.memoryReservation;
  if (o.gpuIds !== undefined) out.gpuIds = o.gpuIds;
  if (o.networkBindings !== undefined) out.networkBindings = o.networkBindings;
  if (o.networkInterfaces !== undefined) out.networkInterfaces = o.networkInterfaces;
  return out;
}
/** INSTANCE_FIELDS, agentConnected (the caller's) first. */
function pickInstance(o: ContainerInstance, agentConnected: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { agentConnected };
  if (o.agentUpdateStatus !== undefined) out.agentUpdateStatus = o.agentUpdateStatus;
  if (o.attachments !== undefined) out.attachments = o.attachments;
  if (o.attributes !== undefined) out.attributes = o.attributes;
  if (o.capacityProviderName !== undefined) out.capacityProviderName = o.capacityProviderName;
  if (o.containerInstanceArn !== undefined) out.containerInstanceArn = o.containerInstanceArn;
  if (o.ec2InstanceId !== undefined) out.ec2InstanceId = o.ec2InstanceId;
  if (o.registeredResources !== undefined) out.registeredResources = o.registeredResources;
  if (o.remainingResources !== undefined) out.remainingResources = o.remainingResources;
  if (o.status !== undefined) out.status = o.status;
  if (o.statusReason !== undefined) out.statusReason = o.statusReason;
  if (o.version !== undefined) out.version = o.version;
  if (o.versionInfo !== undefined) out.versionInfo = o.versionInfo;
  return out;
}
/** The lists the pickers copy (tests). */
export const EVENT_DETAIL_MEMBERS = { task: TASK_FIELDS, container: CONTAINER_FIELDS, instance: INSTANCE_FIELDS } as const;

/** The `detail` of an "ECS Task State Change": the task as DescribeTasks shows it, times as ISO strings. */
export function taskEventDetail(task: Task, now: number): Record<string, unknown> {
  const d = pickTask(task);
  for (const k of TASK_TIMES) if (task[k] !== undefined) d[k] = isoMillis(task[k]);
  d.containers = (task.containers ?? []).map(pickContainer);
  d.updatedAt = isoMillis(now);
  return d;
}

/**
 * The `detail` of an "ECS Container Instance State Change". `agentConnected` is the caller's (the stored
 * record does not know the session); running/pending counts are left out, as ECS's example does.
 */
export function containerInstanceEventDetail(ci: ContainerInstance, clusterArn: string, agentConnected: boolean, now: number): Record<string, unknown> {
  const d = pickInstance(ci, agentConnected);
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
