// What each load-balancer machine last said of each target (`elb/target-health/GROUP ID/ID:PORT/MACHINE`):
// written by berth-lb's ReportTargetHealth when a target's health changes (and refreshed now and then,
// so a machine that stops reporting falls out), read by DescribeTargetHealth, which combines the
// machines' reports as ELB's nodes do. A group's reports are one range (targets x machines).
import type { Op, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

const PREFIX = ROOT + 'elb/target-health/';
/** What the services controller watches: a report that changes may change a service's decision. */
export const TARGET_HEALTH_ROOT = PREFIX;
/** The target group id of a report's key. */
export const reportGroupId = (k: string) => k.slice(PREFIX.length, k.indexOf('/', PREFIX.length));
const key = (groupId: string, target: string, machine: string) => `${PREFIX}${groupId}/${target}/${machine}`;

export interface TargetHealthRecord {
  healthy: boolean;
  reason?: 'Target.ResponseCodeMismatch' | 'Target.Timeout' | 'Target.FailedHealthChecks';
  detail?: string;
  /** Epoch seconds of the report. */
  at: number;
}

/** `target` is `ID:PORT`; `machine` the reporting berth-lb's certificate id. */
export function putTargetHealthOp(groupId: string, target: string, machine: string, rec: TargetHealthRecord): Op {
  return { put: key(groupId, target, machine), value: json(rec) };
}

/** A group's reports by target (`ID:PORT`), each a map of machine to its last report. */
export async function targetHealthReports(store: Store, groupId: string): Promise<Map<string, Map<string, TargetHealthRecord>>> {
  const out = new Map<string, Map<string, TargetHealthRecord>>();
  const page = await store.range(`${PREFIX}${groupId}/`);
  for (const kv of page.kvs) {
    const [target, machine] = kv.key.slice(PREFIX.length + groupId.length + 1).split('/') as [string, string];
    if (!out.has(target)) out.set(target, new Map());
    out.get(target)!.set(machine, decode<TargetHealthRecord>(kv));
  }
  return out;
}

/** Every report of a group (DeleteTargetGroup). */
export async function deleteTargetHealthOps(store: Store, groupId: string): Promise<Op[]> {
  return (await store.range(`${PREFIX}${groupId}/`, { keysOnly: true })).kvs.map((kv) => ({ delete: kv.key }));
}

/** The reports on targets that are gone (their records purged): every machine's, each target one short range. */
export async function deleteReportsOfOps(store: Store, groupId: string, targets: string[]): Promise<Op[]> {
  const ops: Op[] = [];
  for (const t of targets) for (const kv of (await store.range(`${PREFIX}${groupId}/${t}/`, { keysOnly: true })).kvs) ops.push({ delete: kv.key });
  return ops;
}
