// The latest report of each load-balancer machine (`elb/statistics/GROUP/MACHINE`): its HAProxy's counters
// and the addresses it serves on, written by berth-lb's ReportLoadBalancerStatistics. The leader's metric
// history reads them all once a period and derives ELB's CloudWatch figures from two passes of each
// machine; DescribeLoadBalancers reads a group's to list the addresses serving it. One record per machine,
// replaced each report; a record no longer refreshed is stale and, after an hour, deleted by the leader.
// Beside them, the leader keeps the pass of each machine its last written figures counted up to
// (`elb/statistics-baseline/GROUP/MACHINE`), written after those figures: a new leader's first
// differences start there, so a change of leader loses no request (one stopped between the figures and the
// baseline would count that period again).
import type { LbStatisticsPass } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, json, rangeAll } from './kit.js';

const PREFIX = ROOT + 'elb/statistics/';
const BASELINE_PREFIX = ROOT + 'elb/statistics-baseline/';
const key = (group: string, machine: string) => `${PREFIX}${group}/${machine}`;
const baselineKey = (group: string, machine: string) => `${BASELINE_PREFIX}${group}/${machine}`;

export interface LbStatisticsRecord extends Omit<LbStatisticsPass, 'machine'> {
  /** Where the machine's listeners answer. */
  addresses: string[];
  /** Control-plane clock, epoch seconds: when it was written. */
  receivedAt: number;
}

export interface LbMachine {
  group: string;
  machine: string;
  rec: LbStatisticsRecord;
}

export async function putLbStatistics(store: Store, group: string, machine: string, rec: LbStatisticsRecord): Promise<void> {
  await store.put(key(group, machine), json(rec));
}

const machineOf = (kv: { key: string }, rec: LbStatisticsRecord): LbMachine => {
  const [group, machine] = kv.key.slice(PREFIX.length).split('/') as [string, string];
  return { group, machine, rec };
};

/** The pass a machine's figures were last counted up to (`GROUP/MACHINE` is the pass's machine). */
export function putLbBaselineOp(pass: LbStatisticsPass): Op {
  const { machine, ...rest } = pass;
  return { put: `${BASELINE_PREFIX}${machine}`, value: json(rest) };
}

/** Every machine's baseline, by `GROUP/MACHINE` (a new leader's first derivation). */
export async function allLbBaselines(store: Store): Promise<Map<string, LbStatisticsPass>> {
  return new Map((await rangeAll(store, BASELINE_PREFIX)).map((kv) => {
    const machine = kv.key.slice(BASELINE_PREFIX.length);
    return [machine, { machine, ...decode<Omit<LbStatisticsPass, 'machine'>>(kv) }];
  }));
}

/** Every machine's latest report (the leader, once a period; never a request path). */
export async function allLbStatistics(store: Store): Promise<LbMachine[]> {
  return (await rangeAll(store, PREFIX)).map((kv) => machineOf(kv, decode<LbStatisticsRecord>(kv)));
}

/** The machines of one group (a few): DescribeLoadBalancers' addresses. */
export async function lbMachinesOfGroup(store: Store, group: string): Promise<LbMachine[]> {
  return (await rangeAll(store, `${PREFIX}${group}/`)).map((kv) => machineOf(kv, decode<LbStatisticsRecord>(kv)));
}

/** A machine forgotten: its latest report and its baseline. */
export async function deleteLbStatistics(store: Store, group: string, machine: string): Promise<void> {
  await store.txn({ compare: [], success: [{ delete: key(group, machine) }, { delete: baselineKey(group, machine) }] });
}
