// Container instances: each instance is two records (schema 6), joined into one InstanceRecord (the ECS
// ContainerInstance whole) by every reader:
// - its live record (`instances/CLUSTER/ID`): what a launch and a task's report change (remaining
//   resources, task groups, status, version, agentConnected, ...), rewritten by every launch on it;
// - its registration record (`instance-registrations/CLUSTER/ID`): what registration, PutAttributes /
//   DeleteAttributes, tags and deregistration change (attributes, registered resources, version info,
//   ARN, ...), ~4 of the 4.7 KB a whole record of the benchmark's instance took, written only when it changes.
// Whenever the registration record is written, the live record is written in the same transaction, with
// `registrationVersion` counted up in both: so a compare on the live record's revision (instanceKey) guards
// the whole instance, as it did when the record was one, and a reader of two watches (the informer) can tell
// a join of two parts written together. Beside them, in the same transactions, the index of instances by
// status (`instances-by-status/CLUSTER/STATUS/ID`): what ListContainerInstances pages by, what
// DeleteCluster checks with one key, what the leader counts for DescribeClusters, and what the dispatcher
// watches to close a deregistered instance's session.
import { giveBack, type Attribute, type ContainerInstance, type PlatformDevice, type Reservation } from '@berth/core';
import type { KeyValue, Op, Store } from '@berth/store';
import { ROOT, decode, indexMoveOps, json, rangeAll, type Versioned } from './kit.js';

export const INSTANCES_ROOT = ROOT + 'instances/';
export const instancesPrefix = (cluster: string) => `${INSTANCES_ROOT}${cluster}/`;
/** The live record's key: the one every read-modify-write of an instance compares. */
export const instanceKey = (cluster: string, id: string) => `${instancesPrefix(cluster)}${id}`;
export const INSTANCE_REGISTRATIONS_ROOT = ROOT + 'instance-registrations/';
export const instanceRegistrationsPrefix = (cluster: string) => `${INSTANCE_REGISTRATIONS_ROOT}${cluster}/`;
export const instanceRegistrationKey = (cluster: string, id: string) => `${instanceRegistrationsPrefix(cluster)}${id}`;
export const INSTANCES_BY_STATUS_ROOT = ROOT + 'instances-by-status/';
/** Instances of one status in a cluster (all of the cluster's without a status). */
export const instancesByStatusPrefix = (cluster: string, status?: string) => `${INSTANCES_BY_STATUS_ROOT}${cluster}/${status !== undefined ? status + '/' : ''}`;
const statusIndexKey = (r: InstanceRecord) => `${instancesByStatusPrefix(r.cluster, r.instance.status ?? 'ACTIVE')}${r.id}`;

/** ECS's container instance statuses, in key order (the listing order of the status index). */
export const INSTANCE_STATUSES = ['ACTIVE', 'DEREGISTERING', 'DRAINING', 'INACTIVE', 'REGISTERING', 'REGISTRATION_FAILED'] as const;

export interface InstanceRecord {
  cluster: string;
  id: string;
  /**
   * ECS shape. registeredResources are what the agent registered; remainingResources are kept
   * authoritative here (decremented by RunTask, given back when a task stops), in the same
   * transactions that write the tasks, so two replicas never oversubscribe an instance.
   * runningTasksCount, pendingTasksCount and agentConnected are read from the task index and the session
   * when described, never from here.
   */
  instance: ContainerInstance;
  /**
   * The tasks on the instance, by group, from placement until they are STOPPED: what distinctInstance,
   * spread and task:group read. Kept in the same transactions as remainingResources (launch +1,
   * STOPPED -1, re-registration recomputes), so a launch's compare on the instance record covers them too.
   */
  taskGroups: Record<string, number>;
  /**
   * The custom attributes added with PutAttributes (kept across re-registrations, at most 10); absent:
   * none. instance.attributes holds the agent's attributes, then these.
   */
  customAttributes?: Attribute[];
  /**
   * The agent's attributes that a custom one of the same name hides (usually absent), so that deleting
   * the custom one brings the agent's back. The agent's attributes are instance.attributes minus the
   * custom ones, plus these: nothing is stored twice.
   */
  hiddenAgentAttributes?: Attribute[];
  /**
   * When the agent's session went away (epoch seconds), set by the agent-connectivity controller while
   * agentConnected is false: past the agent-lost grace period the instance's service tasks are replaced.
   */
  agentDisconnectedAt?: number;
  /** When the instance became INACTIVE (epoch seconds): retention removes it a window later. */
  inactiveAt?: number;
  /** What RegisterContainerInstance gave that ContainerInstance has no member for. */
  platformDevices?: PlatformDevice[];
  /**
   * How many times the registration record was written (absent: 0, or a record migrated from schema 5):
   * kept in both records, counted up by instanceOps when the registration part changes.
   */
  registrationVersion?: number;
}

/** The ContainerInstance members a launch, a report or the agent's connectivity change: the live record's. */
const LIVE_MEMBERS: ReadonlySet<string> = new Set<keyof ContainerInstance>([
  'version', 'remainingResources', 'status', 'statusReason', 'agentConnected', 'runningTasksCount', 'pendingTasksCount',
  'agentUpdateStatus', 'healthStatus',
]);

/** The live record: what a launch and a report change. */
export interface InstanceLiveRecord {
  cluster: string;
  id: string;
  instance: Partial<ContainerInstance>;
  taskGroups: Record<string, number>;
  agentDisconnectedAt?: number;
  inactiveAt?: number;
  registrationVersion?: number;
}

/** The registration record: what the agent registered and the API's attribute and tag calls changed. */
export interface InstanceRegistrationRecord {
  cluster: string;
  id: string;
  instance: Partial<ContainerInstance>;
  customAttributes?: Attribute[];
  hiddenAgentAttributes?: Attribute[];
  platformDevices?: PlatformDevice[];
  registrationVersion?: number;
}

/** Splits a whole record into its two parts. */
export function splitInstance(r: InstanceRecord): { live: InstanceLiveRecord; registration: InstanceRegistrationRecord } {
  const liveInstance: Partial<ContainerInstance> = {};
  const regInstance: Partial<ContainerInstance> = {};
  for (const [k, v] of Object.entries(r.instance)) ((LIVE_MEMBERS.has(k) ? liveInstance : regInstance) as Record<string, unknown>)[k] = v;
  const rv = r.registrationVersion !== undefined ? { registrationVersion: r.registrationVersion } : {};
  const live: InstanceLiveRecord = {
    cluster: r.cluster, id: r.id, instance: liveInstance, taskGroups: r.taskGroups,
    ...(r.agentDisconnectedAt !== undefined ? { agentDisconnectedAt: r.agentDisconnectedAt } : {}),
    ...(r.inactiveAt !== undefined ? { inactiveAt: r.inactiveAt } : {}),
    ...rv,
  };
  const registration: InstanceRegistrationRecord = {
    cluster: r.cluster, id: r.id, instance: regInstance,
    ...(r.customAttributes !== undefined ? { customAttributes: r.customAttributes } : {}),
    ...(r.hiddenAgentAttributes !== undefined ? { hiddenAgentAttributes: r.hiddenAgentAttributes } : {}),
    ...(r.platformDevices !== undefined ? { platformDevices: r.platformDevices } : {}),
    ...rv,
  };
  return { live, registration };
}

/** ContainerInstance's members in the model's order: every joined instance is built in it (one object shape). */
const INSTANCE_MEMBERS: readonly (keyof ContainerInstance)[] = [
  'containerInstanceArn', 'ec2InstanceId', 'capacityProviderName', 'version', 'versionInfo', 'remainingResources', 'registeredResources',
  'status', 'statusReason', 'agentConnected', 'runningTasksCount', 'pendingTasksCount', 'agentUpdateStatus', 'attributes', 'registeredAt',
  'attachments', 'tags', 'healthStatus',
];

const INSTANCE_MEMBER_SET: ReadonlySet<string> = new Set(INSTANCE_MEMBERS);

/**
 * The whole record of an instance's two parts (they never overlap). Built in one member order: the objects
 * of other orders made placement's and the events' property reads polymorphic, which cost the file store
 * 11-16% more server CPU per placement in the benchmark.
 */
export function joinInstance(live: InstanceLiveRecord, registration: InstanceRegistrationRecord): InstanceRecord {
  const { instance: li, ...liveRest } = live;
  const { instance: ri, ...regRest } = registration;
  const instance: Record<string, unknown> = {};
  for (const k of INSTANCE_MEMBERS) {
    const v = li[k] !== undefined ? li[k] : ri[k];
    if (v !== undefined) instance[k] = v;
  }
  // A member the model gains later is kept too, after these.
  for (const part of [ri, li]) for (const k in part) if (!INSTANCE_MEMBER_SET.has(k)) instance[k] = (part as Record<string, unknown>)[k];
  return { ...regRest, ...liveRest, instance: instance as ContainerInstance };
}

/** Whether two whole records have the same registration part (by reference first: a launch copies it around). */
function sameRegistration(a: InstanceRecord, b: InstanceRecord): boolean {
  let same = a.customAttributes === b.customAttributes && a.hiddenAgentAttributes === b.hiddenAgentAttributes && a.platformDevices === b.platformDevices;
  if (same) {
    const ai = a.instance as Record<string, unknown>;
    const bi = b.instance as Record<string, unknown>;
    for (const k in ai) if (!LIVE_MEMBERS.has(k) && ai[k] !== bi[k]) { same = false; break; }
    if (same) for (const k in bi) if (!LIVE_MEMBERS.has(k) && !(k in ai)) { same = false; break; }
  }
  if (same) return true;
  const reg = (r: InstanceRecord) => {
    const { registrationVersion: _v, ...rest } = splitInstance(r).registration;
    return json(rest);
  };
  return reg(a) === reg(b);
}

/** Joins a live record's key-value with its registration's (null when either is absent). */
function joined(live: KeyValue | null, registration: KeyValue | null): Versioned<InstanceRecord> | null {
  if (!live || !registration) return null;
  return { value: joinInstance(decode<InstanceLiveRecord>(live), decode<InstanceRegistrationRecord>(registration)), modRevision: live.modRevision };
}

/** An instance's whole record, at its live record's revision (the one a write compares: instanceKey). */
export async function getInstance(store: Store, cluster: string, id: string): Promise<Versioned<InstanceRecord> | null> {
  const [live, registration] = await store.getMany([instanceKey(cluster, id), instanceRegistrationKey(cluster, id)]);
  return joined(live ?? null, registration ?? null);
}

/** Every instance (of a cluster), whole, at its live record's revision (lists and checks without the informer). */
export async function listInstances(store: Store, cluster?: string): Promise<Versioned<InstanceRecord>[]> {
  const [lives, regs] = await Promise.all([
    rangeAll(store, cluster !== undefined ? instancesPrefix(cluster) : INSTANCES_ROOT),
    rangeAll(store, cluster !== undefined ? instanceRegistrationsPrefix(cluster) : INSTANCE_REGISTRATIONS_ROOT),
  ]);
  const byKey = new Map(regs.map((kv) => [kv.key.slice(INSTANCE_REGISTRATIONS_ROOT.length), kv]));
  return lives.flatMap((kv) => joined(kv, byKey.get(kv.key.slice(INSTANCES_ROOT.length)) ?? null) ?? []);
}

/** The index entries an instance record implies. */
export function instanceIndexKeys(r: InstanceRecord): string[] {
  return [statusIndexKey(r)];
}

/**
 * Writes an instance: its live record always, its registration record only when that part differs from
 * `prev`'s (or there is no `prev`: registration, migration), with registrationVersion counted up in both;
 * and its status index entry (moved when the status changes). A launch, a report and a connectivity change
 * write the live record only.
 */
export function instanceOps(next: InstanceRecord, prev?: InstanceRecord): Op[] {
  let rec = next;
  const ops: Op[] = [];
  if (!prev || !sameRegistration(next, prev)) {
    rec = { ...next, registrationVersion: (prev?.registrationVersion ?? next.registrationVersion ?? 0) + 1 };
    ops.push({ put: instanceRegistrationKey(rec.cluster, rec.id), value: json(splitInstance(rec).registration) });
  } else if (next.registrationVersion !== prev.registrationVersion) {
    rec = prev.registrationVersion !== undefined ? { ...next, registrationVersion: prev.registrationVersion } : (({ registrationVersion: _v, ...r }) => r)(next);
  }
  ops.push({ put: instanceKey(rec.cluster, rec.id), value: json(splitInstance(rec).live) });
  ops.push(...indexMoveOps(prev ? statusIndexKey(prev) : undefined, statusIndexKey(rec)));
  return ops;
}

/**
 * A whole record at the live key with its index entry: the layout of schemas 2 to 5, which only the
 * migrations before schema 6 write (migrate-v5.ts splits such records).
 */
export function wholeInstanceOps(r: InstanceRecord): Op[] {
  return [{ put: instanceKey(r.cluster, r.id), value: json(r) }, { put: statusIndexKey(r), value: '' }];
}

/**
 * The record once a task has left the instance (it reached STOPPED, or was orphaned): its reservation
 * given back and its group counted one less. The version is the caller's to bump.
 */
export function withTaskReleased(r: InstanceRecord, reservation: Reservation, group: string | undefined): InstanceRecord {
  const g = group ?? '';
  const taskGroups = { ...r.taskGroups };
  if ((taskGroups[g] ?? 0) > 1) taskGroups[g]!--;
  else delete taskGroups[g];
  const remainingResources = giveBack(r.instance.remainingResources ?? [], reservation, r.instance.registeredResources);
  return { ...r, taskGroups, instance: { ...r.instance, remainingResources } };
}

/** Removes an instance's two records and its index entry (retention of INACTIVE instances). */
export function instanceDeleteOps(r: InstanceRecord): Op[] {
  return [{ delete: instanceKey(r.cluster, r.id) }, { delete: instanceRegistrationKey(r.cluster, r.id) }, { delete: statusIndexKey(r) }];
}

/** A page of the cluster's instances in id order, after `after` (an instance key), each joined from its two records. */
export async function instancesPage(store: Store, cluster: string, after: string | undefined, limit: number): Promise<{ recs: { key: string; rec: InstanceRecord }[]; more: boolean }> {
  const page = await store.range(instancesPrefix(cluster), { limit, ...(after ? { after } : {}) });
  const regs = page.kvs.length ? await store.getMany(page.kvs.map((kv) => instanceRegistrationKey(cluster, kv.key.slice(instancesPrefix(cluster).length)))) : [];
  return { recs: page.kvs.flatMap((kv, i) => { const j = joined(kv, regs[i] ?? null); return j ? [{ key: kv.key, rec: j.value }] : []; }), more: page.more };
}

/** Cluster and id of a live or registration record's key (undefined for another key). */
export function parseInstanceKey(key: string): { cluster: string; id: string; part: 'live' | 'registration' } | undefined {
  const part = key.startsWith(INSTANCES_ROOT) ? 'live' : key.startsWith(INSTANCE_REGISTRATIONS_ROOT) ? 'registration' : undefined;
  if (!part) return undefined;
  const [cluster, id] = key.slice(part === 'live' ? INSTANCES_ROOT.length : INSTANCE_REGISTRATIONS_ROOT.length).split('/');
  return cluster && id ? { cluster, id, part } : undefined;
}

/** Cluster, status and id of a status index key. */
export function parseInstanceIndexKey(key: string): { cluster: string; status: string; id: string } {
  const [cluster, status, id] = key.slice(INSTANCES_BY_STATUS_ROOT.length).split('/');
  return { cluster: cluster!, status: status!, id: id! };
}

/** Whether the cluster has an instance of one of these statuses (one key per status). */
export async function hasInstances(store: Store, cluster: string, statuses: readonly string[]): Promise<boolean> {
  for (const s of statuses) if ((await store.range(instancesByStatusPrefix(cluster, s), { limit: 1 })).kvs.length > 0) return true;
  return false;
}
