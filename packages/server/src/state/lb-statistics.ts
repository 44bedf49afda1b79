// The latest report of each load-balancer machine (`elb/statistics/GROUP/MACHINE`): its HAProxy's counters
// and the addresses it serves on, written by berth-lb's ReportLoadBalancerStatistics. The leader's metric
// history reads them all once a period and derives ELB's CloudWatch figures from two passes of each
// machine; DescribeLoadBalancers reads a group's to list the addresses serving it. One record per machine,
// replaced each report; a record no longer refreshed is stale and, after an hour, deleted by the leader.
import type { LbStatisticsPass } from '@berth/core';
import type { Store } from '@berth/store';
import { ROOT, decode, json, rangeAll } from './kit.js';

const PREFIX = ROOT + 'elb/statistics/';
const key = (group: string, machine: string) => `${PREFIX}${group}/${machine}`;

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

/** Every machine's latest report (the leader, once a period; never a request path). */
export async function allLbStatistics(store: Store): Promise<LbMachine[]> {
  return (await rangeAll(store, PREFIX)).map((kv) => machineOf(kv, decode<LbStatisticsRecord>(kv)));
}

/** The machines of one group (a few): DescribeLoadBalancers' addresses. */
export async function lbMachinesOfGroup(store: Store, group: string): Promise<LbMachine[]> {
  return (await rangeAll(store, `${PREFIX}${group}/`)).map((kv) => machineOf(kv, decode<LbStatisticsRecord>(kv)));
}

export async function deleteLbStatistics(store: Store, group: string, machine: string): Promise<void> {
  await store.delete(key(group, machine));
}
