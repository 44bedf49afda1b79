// ELBv2 targets (`elb/targets/GROUP ID/ID:PORT`): one record per registered target of a target group,
// registered or draining (deregistered, kept until the group's deregistration delay has passed, so
// DescribeTargetHealth says `draining` and berth-lb lets its connections finish). ELB's quota of targets
// per group is one count of the group's range.
import type { Op, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

const PREFIX = ROOT + 'elb/targets/';
const key = (groupId: string, id: string, port: number) => `${PREFIX}${groupId}/${id}:${port}`;

export interface TargetRecord {
  id: string;
  port: number;
  /** Epoch seconds. */
  registeredAt: number;
  /** Set by DeregisterTargets: epoch seconds, and the delay it waits (the group's attribute then). */
  deregisteredAt?: number;
  drainSeconds?: number;
  /** ELB's AvailabilityZone member, kept as given. */
  availabilityZone?: string;
  /** The ECS service (its ARN) that registered it for one of its tasks; absent: registered by hand. */
  service?: string;
}

export function putTargetOp(groupId: string, rec: TargetRecord): Op {
  return { put: key(groupId, rec.id, rec.port), value: json(rec) };
}

export function deleteTargetOp(groupId: string, id: string, port: number): Op {
  return { delete: key(groupId, id, port) };
}

/** A group's targets (at most ELB's 1,000), in key order. */
export async function targetsOf(store: Store, groupId: string): Promise<TargetRecord[]> {
  const page = await store.range(`${PREFIX}${groupId}/`);
  return page.kvs.map((kv) => decode<TargetRecord>(kv));
}

export async function targetCount(store: Store, groupId: string): Promise<number> {
  return (await store.range(`${PREFIX}${groupId}/`, { countOnly: true })).count ?? 0;
}

/** Every op that removes a group's targets (DeleteTargetGroup). */
export async function deleteTargetsOps(store: Store, groupId: string): Promise<Op[]> {
  return (await targetsOf(store, groupId)).map((t) => deleteTargetOp(groupId, t.id, t.port));
}
