// Services: `services/CLUSTER/NAME` holds the ECS Service (minus its events), the hash of its CreateService
// request (a repeat is idempotent) and the replica scheduler's bookkeeping; `service-events/CLUSTER/NAME`
// holds its events (at most 100, newest first), written only when they change; and
// `services-by-status/CLUSTER/STATUS/NAME` indexes services by status (ListServices, DeleteCluster, the
// leader's counts). The record is rewritten by every decision of the services controller, so it is kept
// small: the events live beside it, and the scheduler's lists of task ids (tasks seen healthy, stops
// counted), which only name live tasks and the stops not yet consumed, are packed as 16 bytes per id.
// Every write compares the record, and the events and the index entry are written with it.
import { nextInvocationAt, type DeploymentHistory, type SchedulerState, type Service, type ServiceEvent } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, indexMoveOps, json, type Versioned } from './kit.js';
import { serviceDeploymentsDeleteOp } from './service-deployments.js';
import { dueIndex } from './due-index.js';
import { serviceRevisionsDeleteOp } from './service-revisions.js';

export const SERVICES_ROOT = ROOT + 'services/';
export const servicesPrefix = (cluster: string) => `${SERVICES_ROOT}${cluster}/`;
export const serviceKey = (cluster: string, name: string) => `${servicesPrefix(cluster)}${name}`;
const EVENTS_ROOT = ROOT + 'service-events/';
const serviceEventsKey = (cluster: string, name: string) => `${EVENTS_ROOT}${cluster}/${name}`;
export const SERVICES_BY_STATUS_ROOT = ROOT + 'services-by-status/';
export const servicesByStatusPrefix = (cluster: string, status?: string) => `${SERVICES_BY_STATUS_ROOT}${cluster}/${status !== undefined ? status + '/' : ''}`;
/**
 * `service-hooks-due/MS/CLUSTER/NAME`: when a service's traffic shift next calls one of its invoked lifecycle
 * hooks (the leader's hook runner reads the entries due, never every service), kept by serviceOps from the
 * record's shift in the record's own transaction.
 */
export const SERVICE_HOOKS_DUE = dueIndex(ROOT + 'service-hooks-due/');
const hooksDueKey = (r: ServiceRecord) => SERVICE_HOOKS_DUE.keyOf(r.service.status === 'ACTIVE' || r.service.status === undefined ? nextInvocationAt(r.scheduler.shift) : undefined, r.cluster, r.name);
const statusIndexKey = (r: ServiceRecord) => `${servicesByStatusPrefix(r.cluster, r.service.status ?? 'ACTIVE')}${r.name}`;

export interface ServiceRecord {
  cluster: string;
  name: string;
  /** ECS shape: what DescribeServices returns (tags shown only when asked for), events included. */
  service: Service;
  /** Hash of the CreateService request (minus clientToken): a repeat with the same parameters returns the service. */
  requestHash: string;
  /** The replica scheduler's bookkeeping (failures counted, tasks seen healthy, throttling, last completed). */
  scheduler: SchedulerState;
  /** When the service became INACTIVE (epoch seconds): the record is deleted a retention window later. */
  inactiveAt?: number;
  /** Its latest service deployment and the revision each deployment runs (absent before its first deployment). */
  history?: DeploymentHistory;
}

/** The record as stored: the service without its events, the scheduler's id lists packed. */
interface StoredService extends Omit<ServiceRecord, 'scheduler'> {
  scheduler: Omit<SchedulerState, 'healthySeen' | 'countedStops'> & { healthySeen: string; countedStops: string };
}

/** Task ids (32 hex digits) as 16 bytes each, base64: the lists stay small with thousands of tasks. */
function packIds(ids: readonly string[]): string {
  for (const id of ids) if (!/^[0-9a-f]{32}$/.test(id)) throw new Error(`not a task id: ${JSON.stringify(id)}`);
  return Buffer.from(ids.join(''), 'hex').toString('base64');
}
function unpackIds(packed: string): string[] {
  const hex = Buffer.from(packed, 'base64').toString('hex');
  const out: string[] = [];
  for (let i = 0; i < hex.length; i += 32) out.push(hex.slice(i, i + 32));
  return out;
}

function encode(r: ServiceRecord): string {
  const { events: _e, ...service } = r.service;
  const stored: StoredService = {
    ...r, service,
    scheduler: { ...r.scheduler, healthySeen: packIds(r.scheduler.healthySeen), countedStops: packIds(r.scheduler.countedStops) },
  };
  return json(stored);
}

function decodeRecord(value: Buffer, events: ServiceEvent[]): ServiceRecord {
  const s = JSON.parse(value.toString('utf8')) as StoredService;
  return {
    ...s, service: { ...s.service, events },
    scheduler: { ...s.scheduler, healthySeen: unpackIds(s.scheduler.healthySeen), countedStops: unpackIds(s.scheduler.countedStops) },
  };
}

/** The service with its events, and the record's revision (what every write compares). */
export async function getService(store: Store, cluster: string, name: string): Promise<Versioned<ServiceRecord> | null> {
  const [kv, ev] = await Promise.all([store.get(serviceKey(cluster, name)), store.get(serviceEventsKey(cluster, name))]);
  if (!kv) return null;
  return { value: decodeRecord(kv.value, ev ? decode<{ events: ServiceEvent[] }>(ev).events : []), modRevision: kv.modRevision };
}

/** The service without its events (for listings and the controller's kicks). */
export async function getServiceWithoutEvents(store: Store, cluster: string, name: string): Promise<ServiceRecord | null> {
  const kv = await store.get(serviceKey(cluster, name));
  return kv ? decodeRecord(kv.value, []) : null;
}

/** The index entries a service record implies. */
export function serviceIndexKeys(r: ServiceRecord): string[] {
  return [statusIndexKey(r)];
}

/** Writes a service record, its events when they changed, and its status index entry. */
export function serviceOps(next: ServiceRecord, prev?: ServiceRecord): Op[] {
  const ops: Op[] = [{ put: serviceKey(next.cluster, next.name), value: encode(next) }];
  const events = next.service.events ?? [];
  if (!prev || json(events) !== json(prev.service.events ?? [])) ops.push({ put: serviceEventsKey(next.cluster, next.name), value: json({ events }) });
  ops.push(...indexMoveOps(prev ? statusIndexKey(prev) : undefined, statusIndexKey(next)));
  ops.push(...SERVICE_HOOKS_DUE.moveOps(prev ? hooksDueKey(prev) : undefined, hooksDueKey(next)));
  return ops;
}

/** Removes the service (past its INACTIVE retention): record, events, index entry and deployment history. */
export function serviceDeleteOps(r: ServiceRecord): Op[] {
  return [
    { delete: serviceKey(r.cluster, r.name) }, { delete: serviceEventsKey(r.cluster, r.name) }, { delete: statusIndexKey(r) },
    ...SERVICE_HOOKS_DUE.moveOps(hooksDueKey(r), undefined),
    serviceDeploymentsDeleteOp(r.cluster, r.name), serviceRevisionsDeleteOp(r.cluster, r.name),
  ];
}

/** Cluster, status and name of a status index key. */
export function parseServiceIndexKey(key: string): { cluster: string; status: string; name: string } {
  const [cluster, status, name] = key.slice(SERVICES_BY_STATUS_ROOT.length).split('/');
  return { cluster: cluster!, status: status!, name: name! };
}

/** The names of the cluster's services of these statuses (a cluster has tens of services, not thousands of tasks). */
export async function serviceNames(store: Store, cluster: string, statuses: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const s of statuses) {
    let after: string | undefined;
    for (;;) {
      const page = await store.range(servicesByStatusPrefix(cluster, s), { limit: 500, ...(after ? { after } : {}) });
      out.push(...page.kvs.map((kv) => parseServiceIndexKey(kv.key).name));
      if (!page.more || page.kvs.length === 0) break;
      after = page.kvs[page.kvs.length - 1]!.key;
    }
  }
  return out;
}

/** Whether the cluster has a service of one of these statuses (one key per status). */
export async function hasServices(store: Store, cluster: string, statuses: readonly string[]): Promise<boolean> {
  for (const s of statuses) if ((await store.range(servicesByStatusPrefix(cluster, s), { limit: 1 })).kvs.length > 0) return true;
  return false;
}

/** The size of the stored record (tests bound it). */
export async function storedServiceBytes(store: Store, cluster: string, name: string): Promise<number> {
  return (await store.get(serviceKey(cluster, name)))?.value.length ?? 0;
}

export const SERVICE_EVENTS_ROOT = EVENTS_ROOT;
