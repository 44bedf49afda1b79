// Application Auto Scaling's records (issue 22 §1): scalable targets, scaling policies and scaling
// activities, each keyed by the namespace and the percent-encoded resource id (`service/CLUSTER/NAME`):
//
//   scaling-targets/NS/RESOURCE/DIMENSION          the ScalableTarget
//   scaling-policies/NS/RESOURCE/POLICY            the ScalingPolicy, and its last scaling (its cooldowns)
//   scaling-activities/NS/RESOURCE/MS-ID           one ScalingActivity; the newest ACTIVITIES_KEPT per
//                                                  resource are kept (each write deletes what falls off)
//   scaling-scheduled/NS/RESOURCE/NAME             a ScheduledAction, and when it runs next
//   scaling-scheduled-due/MS/RESOURCE/NAME         beside each action with a run left: the leader's
//                                                  scheduler reads only what is due (state/due-index.ts)
import type { Op, Store } from '@berth/store';
import type { Applicationautoscaling, ScaleDirection } from '@berth/core';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';
import { dueIndex } from './due-index.js';

const TARGETS = ROOT + 'scaling-targets/';
const POLICIES = ROOT + 'scaling-policies/';
const ACTIVITIES = ROOT + 'scaling-activities/';
const SCHEDULED = ROOT + 'scaling-scheduled/';
/** ECS services' scheduled actions by when they run next: `scaling-scheduled-due/MS/RESOURCE/NAME` (both encoded). */
export const SCHEDULED_DUE = dueIndex(ROOT + 'scaling-scheduled-due/');
export const ACTIVITIES_KEPT = 50;
const enc = encodeURIComponent;

export const targetsPrefix = (ns: string) => `${TARGETS}${ns}/`;
export const targetKey = (ns: string, resourceId: string, dimension: string) => `${targetsPrefix(ns)}${enc(resourceId)}/${enc(dimension)}`;
export const policiesPrefix = (ns: string, resourceId?: string) => `${POLICIES}${ns}/${resourceId !== undefined ? `${enc(resourceId)}/` : ''}`;
export const policyKey = (ns: string, resourceId: string, name: string) => `${policiesPrefix(ns, resourceId)}${enc(name)}`;
export const activitiesPrefix = (ns: string, resourceId?: string) => `${ACTIVITIES}${ns}/${resourceId !== undefined ? `${enc(resourceId)}/` : ''}`;

export const scheduledPrefix = (ns: string, resourceId?: string) => `${SCHEDULED}${ns}/${resourceId !== undefined ? `${enc(resourceId)}/` : ''}`;
export const scheduledKey = (ns: string, resourceId: string, name: string) => `${scheduledPrefix(ns, resourceId)}${enc(name)}`;

export interface ScheduledActionRecord {
  action: Applicationautoscaling.ScheduledAction;
  /** When it runs next (epoch seconds); absent: never again. */
  nextRun?: number;
}

/** The due entry of an ECS service's scheduled action, or none. */
export const scheduledDueKeyOf = (r: ScheduledActionRecord): string | undefined => SCHEDULED_DUE.keyOf(r.nextRun, enc(r.action.ResourceId), enc(r.action.ScheduledActionName));
/** The resource and action a due entry names. */
export const scheduledOfDue = (a: string, b: string) => ({ resourceId: decodeURIComponent(a), name: decodeURIComponent(b) });
export const getScheduled = (store: Store, ns: string, resourceId: string, name: string) => getJSON<ScheduledActionRecord>(store, scheduledKey(ns, resourceId, name));

/** The writes of an action and its due entry, from `before` (absent: new). */
export function putScheduledOps(r: ScheduledActionRecord, before?: ScheduledActionRecord): Op[] {
  return [
    { put: scheduledKey(r.action.ServiceNamespace, r.action.ResourceId, r.action.ScheduledActionName), value: json(r) },
    ...SCHEDULED_DUE.moveOps(before ? scheduledDueKeyOf(before) : undefined, scheduledDueKeyOf(r)),
  ];
}

export function deleteScheduledOps(r: ScheduledActionRecord): Op[] {
  const due = scheduledDueKeyOf(r);
  return [{ delete: scheduledKey(r.action.ServiceNamespace, r.action.ResourceId, r.action.ScheduledActionName) }, ...(due !== undefined ? [{ delete: due }] : [])];
}

export interface ScalableTargetRecord {
  target: Applicationautoscaling.ScalableTarget;
  tags?: Record<string, string>;
}

export interface ScalingPolicyRecord {
  policy: Applicationautoscaling.ScalingPolicy;
  /** The policy's last scaling: what its cooldowns count from. */
  last?: { at: number; direction: ScaleDirection; desired: number };
}

export const getTarget = (store: Store, ns: string, resourceId: string, dimension: string) => getJSON<ScalableTargetRecord>(store, targetKey(ns, resourceId, dimension));
export const getPolicy = (store: Store, ns: string, resourceId: string, name: string) => getJSON<ScalingPolicyRecord>(store, policyKey(ns, resourceId, name));
export const putTargetOp = (r: ScalableTargetRecord): Op => ({ put: targetKey(r.target.ServiceNamespace, r.target.ResourceId, r.target.ScalableDimension), value: json(r) });
export const putPolicyOp = (r: ScalingPolicyRecord): Op => ({ put: policyKey(r.policy.ServiceNamespace, r.policy.ResourceId, r.policy.PolicyName), value: json(r) });

/** A page of records under `prefix` after the key `after`. */
export async function scalingPage<T>(store: Store, prefix: string, after: string | undefined, limit: number, reverse = false): Promise<{ items: Versioned<T>[]; last?: string; more: boolean }> {
  const page = await store.range(prefix, { limit, reverse, ...(after !== undefined ? { after } : {}) });
  const last = page.kvs.at(-1)?.key;
  return { items: page.kvs.map((kv) => ({ value: decode<T>(kv), modRevision: kv.modRevision })), ...(last !== undefined ? { last } : {}), more: page.more };
}

export async function getTargets(store: Store, ns: string, resourceIds: readonly string[], dimension: string): Promise<ScalableTargetRecord[]> {
  return (await store.getMany(resourceIds.map((r) => targetKey(ns, r, dimension)))).flatMap((kv) => (kv ? [decode<ScalableTargetRecord>(kv)] : []));
}

/** A resource's policies (a handful): read whole. */
export async function policiesOf(store: Store, ns: string, resourceId: string): Promise<Versioned<ScalingPolicyRecord>[]> {
  return (await scalingPage<ScalingPolicyRecord>(store, policiesPrefix(ns, resourceId), undefined, 0)).items;
}

/** The key a new activity goes to: newest last, by the control plane's clock. */
export const activityKey = (a: Applicationautoscaling.ScalingActivity) =>
  `${activitiesPrefix(a.ServiceNamespace, a.ResourceId)}${String(Math.round(a.StartTime * 1000)).padStart(15, '0')}-${a.ActivityId}`;

/** Writes an activity and deletes the resource's oldest beyond ACTIVITIES_KEPT. */
export async function recordActivity(store: Store, a: Applicationautoscaling.ScalingActivity): Promise<void> {
  await store.txn({ compare: [], success: [{ put: activityKey(a), value: json(a) }] });
  const all = await store.range(activitiesPrefix(a.ServiceNamespace, a.ResourceId), { keysOnly: true, reverse: true, limit: ACTIVITIES_KEPT + 20 });
  const old = all.kvs.slice(ACTIVITIES_KEPT).map((kv) => ({ delete: kv.key }));
  if (old.length) await store.txn({ compare: [], success: old });
}

/** Deletes every scheduled action, policy and activity of a resource, and its target (DeregisterScalableTarget). */
export async function deleteScalingOf(store: Store, target: ScalableTargetRecord): Promise<void> {
  const { ServiceNamespace: ns, ResourceId: id, ScalableDimension: dim } = target.target;
  // Scheduled actions with their due entries.
  for (;;) {
    const page = await scalingPage<ScheduledActionRecord>(store, scheduledPrefix(ns, id), undefined, 50);
    if (page.items.length === 0) break;
    await store.txn({ compare: [], success: page.items.flatMap((r) => deleteScheduledOps(r.value)) });
    if (!page.more) break;
  }
  for (const prefix of [policiesPrefix(ns, id), activitiesPrefix(ns, id)]) {
    for (;;) {
      const page = await store.range(prefix, { keysOnly: true, limit: 100 });
      if (page.kvs.length === 0) break;
      await store.txn({ compare: [], success: page.kvs.map((kv) => ({ delete: kv.key })) });
      if (!page.more) break;
    }
  }
  await store.txn({ compare: [], success: [{ delete: targetKey(ns, id, dim) }] });
}
