// The latest HAProxy counters of each load-balancer machine (`elb/statistics/MACHINE`), written by berth-lb's
// ReportLoadBalancerStatistics and read once a period by the leader's metric history, which derives ELB's
// CloudWatch figures from two passes of each machine. One record per machine, replaced each report; a
// record no longer refreshed is left out as stale and, after an hour, deleted by the leader.
import type { LbStatisticsPass } from '@berth/core';
import type { Store } from '@berth/store';
import { ROOT, decode, json, rangeAll } from './kit.js';

const PREFIX = ROOT + 'elb/statistics/';
const key = (machine: string) => `${PREFIX}${machine}`;

export interface LbStatisticsRecord extends Omit<LbStatisticsPass, 'machine'> {
  /** Control-plane clock, epoch seconds: when it was written. */
  receivedAt: number;
}

export async function putLbStatistics(store: Store, machine: string, rec: LbStatisticsRecord): Promise<void> {
  await store.put(key(machine), json(rec));
}

/** Every machine's latest pass (the leader, once a period; never a request path). */
export async function allLbStatistics(store: Store): Promise<{ machine: string; rec: LbStatisticsRecord }[]> {
  return (await rangeAll(store, PREFIX)).map((kv) => ({ machine: kv.key.slice(PREFIX.length), rec: decode<LbStatisticsRecord>(kv) }));
}

export async function deleteLbStatistics(store: Store, machine: string): Promise<void> {
  await store.delete(key(machine));
}
