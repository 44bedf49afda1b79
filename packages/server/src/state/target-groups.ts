// ELBv2 target groups (`elb/target-groups/NAME`, lower case). The record is ELB's TargetGroup shape, its
// attributes, its tags, and the listeners and rules that forward to it (ARN -> their load balancer's
// ARN): a listener or rule that starts or stops forwarding rewrites this record in its own transaction,
// comparing its revision, so DeleteTargetGroup's ResourceInUse holds under races and LoadBalancerArns
// is read here, not gathered.
import type { Elbv2 } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';

const PREFIX = ROOT + 'elb/target-groups/';
const key = (name: string) => `${PREFIX}${name.toLowerCase()}`;

export interface TargetGroupRecord {
  id: string;
  /** As DescribeTargetGroups answers it, LoadBalancerArns aside (from forwardedBy). */
  targetGroup: Elbv2.TargetGroup & { TargetGroupArn: string; TargetGroupName: string; Protocol: 'HTTP' | 'TCP'; TargetType: string };
  attributes: Record<string, string>;
  /** Listener and rule ARNs forwarding here, each to its load balancer's ARN. */
  forwardedBy: Record<string, string>;
  tags: Elbv2.Tag[];
}

export function getTargetGroup(store: Store, name: string): Promise<Versioned<TargetGroupRecord> | null> {
  return getJSON<TargetGroupRecord>(store, key(name));
}

export const createTargetGroupCompare = (name: string) => ({ key: key(name), modRevision: 0 });
export const targetGroupCompare = (v: Versioned<TargetGroupRecord>) => ({ key: key(v.value.targetGroup.TargetGroupName), modRevision: v.modRevision });

export function putTargetGroupOp(rec: TargetGroupRecord): Op {
  return { put: key(rec.targetGroup.TargetGroupName), value: json(rec) };
}

export function deleteTargetGroupOp(name: string): Op {
  return { delete: key(name) };
}

export async function targetGroupCount(store: Store): Promise<number> {
  return (await store.range(PREFIX, { countOnly: true })).count ?? 0;
}

export async function targetGroupsPage(store: Store, after: string | undefined, limit: number): Promise<{ items: TargetGroupRecord[]; more: boolean }> {
  const page = await store.range(PREFIX, { limit, ...(after !== undefined ? { after: key(after) } : {}) });
  return { items: page.kvs.map((kv) => decode<TargetGroupRecord>(kv)), more: page.more };
}
