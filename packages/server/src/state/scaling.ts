// Application Auto Scaling's records (issue 22 §1): scalable targets, scaling policies and scaling
// activities, each keyed by the namespace and the percent-encoded resource id (`service/CLUSTER/NAME`):
//
//   scaling-targets/NS/RESOURCE/DIMENSION          the ScalableTarget
//   scaling-policies/NS/RESOURCE/POLICY            the ScalingPolicy, and its last scaling (its cooldowns)
//   scaling-activities/NS/RESOURCE/MS-ID           one ScalingActivity; the newest ACTIVITIES_KEPT per
//                                                  resource are kept (each write deletes what falls off)
import type { Op, Store } from '@berth/store';
import type { Applicationautoscaling, ScaleDirection } from '@berth/core';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';

const TARGETS = ROOT + 'scaling-targets/';
const POLICIES = ROOT + 'scaling-policies/';
const ACTIVITIES = ROOT + 'scaling-activities/';
export const ACTIVITIES_KEPT = 50;
const enc = encodeURIComponent;

export const targetsPrefix = (ns: string) => `${TARGETS}${ns}/`;
export const targetKey = (ns: string, resourceId: string, dimension: string) => `${targetsPrefix(ns)}${enc(resourceId)}/${enc(dimension)}`;
export const policiesPrefix = (ns: string, resourceId?: string) => `${POLICIES}${ns}/${resourceId !== undefined ? `${enc(resourceId)}/` : ''}`;
export const policyKey = (ns: string, resourceId: string, name: string) => `${policiesPrefix(ns, resourceId)}${enc(name)}`;
export const activitiesPrefix = (ns: string, resourceId?: string) => `${ACTIVITIES}${ns}/${resourceId !== undefined ? `${enc(resourceId)}/` : ''}`;

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

/** Deletes every policy and activity of a resource, and its target (DeregisterScalableTarget). */
export async function deleteScalingOf(store: Store, target: ScalableTargetRecord): Promise<void> {
  const { ServiceNamespace: ns, ResourceId: id, ScalableDimension: dim } = target.target;
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
