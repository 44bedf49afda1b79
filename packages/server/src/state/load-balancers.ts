// ELBv2 load balancers (`elb/load-balancers/NAME`, the name in lower case: ELB's names are unique in a
// region whatever their case). The record is ELB's LoadBalancer shape as DescribeLoadBalancers answers it,
// with its tags; its ARN carries the name and id, so a lookup by ARN is this one key (the id compared).
import type { Elbv2 } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';

const PREFIX = ROOT + 'elb/load-balancers/';
const key = (name: string) => `${PREFIX}${name.toLowerCase()}`;

export interface LoadBalancerRecord {
  /** The 16-hex-digit id of its ARN. */
  id: string;
  loadBalancer: Elbv2.LoadBalancer & { LoadBalancerArn: string; LoadBalancerName: string; Type: 'application' | 'network' };
  /** The groups of load-balancer machines serving it (`berth-lb --group NAME`): its Subnets. */
  groups: string[];
  tags: Elbv2.Tag[];
}

export function getLoadBalancer(store: Store, name: string): Promise<Versioned<LoadBalancerRecord> | null> {
  return getJSON<LoadBalancerRecord>(store, key(name));
}

export function createLoadBalancerCompare(name: string) {
  return { key: key(name), modRevision: 0 };
}

export function putLoadBalancerOp(rec: LoadBalancerRecord): Op {
  return { put: key(rec.loadBalancer.LoadBalancerName), value: json(rec) };
}

export function deleteLoadBalancerOp(name: string): Op {
  return { delete: key(name) };
}

export function loadBalancerCompare(v: Versioned<LoadBalancerRecord>) {
  return { key: key(v.value.loadBalancer.LoadBalancerName), modRevision: v.modRevision };
}

/** How many load balancers exist (ELB's quota: a range of at most that many keys, counted). */
export async function loadBalancerCount(store: Store): Promise<number> {
  return (await store.range(PREFIX, { countOnly: true })).count ?? 0;
}

/** A page of load balancers in name order after `after` (a name this listing returned). */
export async function loadBalancersPage(store: Store, after: string | undefined, limit: number): Promise<{ items: LoadBalancerRecord[]; more: boolean }> {
  const page = await store.range(PREFIX, { limit, ...(after !== undefined ? { after: key(after) } : {}) });
  return { items: page.kvs.map((kv) => decode<LoadBalancerRecord>(kv)), more: page.more };
}
