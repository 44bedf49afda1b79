// ELBv2 listeners (`elb/listeners/LB ID/LISTENER ID`: a load balancer's listeners are one short range),
// and the ports they take on the machines serving them (`elb/listener-ports/GROUP/PORT` -> listener ARN):
// a port is taken once per group of load-balancer machines, whichever load balancer asks, with a compare
// that it is free, so two listeners never bind one port on one machine.
import type { Elbv2 } from '@berth/core';
import type { Compare, Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';

const PREFIX = ROOT + 'elb/listeners/';
const PORTS = ROOT + 'elb/listener-ports/';
const key = (lbId: string, id: string) => `${PREFIX}${lbId}/${id}`;
const portKey = (group: string, port: number) => `${PORTS}${group}/${String(port).padStart(5, '0')}`;

export interface ListenerRecord {
  id: string;
  lbId: string;
  listener: Elbv2.Listener & { ListenerArn: string; LoadBalancerArn: string; Port: number; Protocol: string; DefaultActions: Elbv2.Action[] };
  tags: Elbv2.Tag[];
}

export function getListener(store: Store, lbId: string, id: string): Promise<Versioned<ListenerRecord> | null> {
  return getJSON<ListenerRecord>(store, key(lbId, id));
}

export const listenerCompare = (v: Versioned<ListenerRecord>): Compare => ({ key: key(v.value.lbId, v.value.id), modRevision: v.modRevision });

export function putListenerOp(rec: ListenerRecord): Op {
  return { put: key(rec.lbId, rec.id), value: json(rec) };
}

export function deleteListenerOp(rec: ListenerRecord): Op {
  return { delete: key(rec.lbId, rec.id) };
}

/** A load balancer's listeners, in id order (at most ELB's 50). */
export async function listenersOf(store: Store, lbId: string): Promise<Versioned<ListenerRecord>[]> {
  const page = await store.range(`${PREFIX}${lbId}/`);
  return page.kvs.map((kv) => ({ value: decode<ListenerRecord>(kv), modRevision: kv.modRevision }));
}

/** Takes a port on every group's machines: compares that it is free and takes it for the listener. */
export function takePort(groups: string[], port: number, listenerArn: string): { compare: Compare[]; success: Op[] } {
  return { compare: groups.map((g) => ({ key: portKey(g, port), modRevision: 0 })), success: groups.map((g) => ({ put: portKey(g, port), value: listenerArn })) };
}

export function releasePortOps(groups: string[], port: number): Op[] {
  return groups.map((g) => ({ delete: portKey(g, port) }));
}

/**
 * Every group's listener ports (placement keeps tasks' static host ports off them): one range, bounded by
 * ELB's quotas (listeners per load balancer, load balancers), read only for tasks with static host ports.
 */
export async function listenerPortsByGroup(store: Store): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  for (const kv of (await store.range(PORTS, { keysOnly: true })).kvs) {
    const [group, port] = kv.key.slice(PORTS.length).split('/') as [string, string];
    if (!out.has(group)) out.set(group, new Set());
    out.get(group)!.add(Number(port));
  }
  return out;
}

/** The listener holding a port in a group, if any (to name it in DuplicateListener). */
export async function portHolder(store: Store, group: string, port: number): Promise<string | undefined> {
  return (await store.get(portKey(group, port)))?.value.toString();
}
