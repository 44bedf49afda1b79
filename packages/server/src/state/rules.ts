// ELBv2 listener rules (`elb/rules/LB ID/LISTENER ID/RULE ID`: a load balancer's rules are one range, so
// ELB's quota of 100 per load balancer is one count, and a listener's are one range inside it), and
// their priorities (`elb/rule-priorities/LISTENER ID/PRIORITY`, zero-padded): a priority is taken with a
// compare that it is free, so two rules of one listener never share one. A listener's default rule is
// its default actions (state/listeners.ts), not a record here.
import type { Elbv2 } from '@berth/core';
import type { Compare, Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';

const PREFIX = ROOT + 'elb/rules/';
const PRIORITIES = ROOT + 'elb/rule-priorities/';
const key = (r: { lbId: string; listenerId: string; id: string }) => `${PREFIX}${r.lbId}/${r.listenerId}/${r.id}`;
const priorityKey = (listenerId: string, priority: number) => `${PRIORITIES}${listenerId}/${String(priority).padStart(5, '0')}`;

export interface RuleRecord {
  id: string;
  lbId: string;
  listenerId: string;
  priority: number;
  rule: Elbv2.Rule & { RuleArn: string; Conditions: Elbv2.RuleCondition[]; Actions: Elbv2.Action[] };
  tags: Elbv2.Tag[];
}

export function getRule(store: Store, lbId: string, listenerId: string, id: string): Promise<Versioned<RuleRecord> | null> {
  return getJSON<RuleRecord>(store, key({ lbId, listenerId, id }));
}

export const ruleCompare = (v: Versioned<RuleRecord>): Compare => ({ key: key(v.value), modRevision: v.modRevision });

export function putRuleOp(rec: RuleRecord): Op {
  return { put: key(rec), value: json(rec) };
}

/** Deletes a rule and frees its priority. */
export function deleteRuleOps(rec: RuleRecord): Op[] {
  return [{ delete: key(rec) }, { delete: priorityKey(rec.listenerId, rec.priority) }];
}

/** Takes a listener's priority for a rule: compares that it is free. */
export function takePriority(listenerId: string, priority: number, ruleArn: string): { compare: Compare; op: Op } {
  return { compare: { key: priorityKey(listenerId, priority), modRevision: 0 }, op: { put: priorityKey(listenerId, priority), value: ruleArn } };
}

export const releasePriorityOp = (listenerId: string, priority: number): Op => ({ delete: priorityKey(listenerId, priority) });

/** A listener's rules in id order (at most ELB's 100 per load balancer). */
export async function rulesOf(store: Store, lbId: string, listenerId: string): Promise<Versioned<RuleRecord>[]> {
  const page = await store.range(`${PREFIX}${lbId}/${listenerId}/`);
  return page.kvs.map((kv) => ({ value: decode<RuleRecord>(kv), modRevision: kv.modRevision }));
}

/** How many rules a load balancer has. */
export async function ruleCount(store: Store, lbId: string): Promise<number> {
  return (await store.range(`${PREFIX}${lbId}/`, { countOnly: true })).count ?? 0;
}
