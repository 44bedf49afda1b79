// CloudWatch metric alarms Berth evaluates itself (issue 22 §4): one record per alarm, `alarms/NAME`
// (the name percent-encoded, which keeps AlarmNamePrefix a key prefix), holding the alarm as
// DescribeAlarms shows it. The alarm controller rewrites it when its state changes, with the state-change
// event in the same transaction.
import type { Op, Store } from '@berth/store';
import type { Cloudwatch } from '@berth/core';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';

export const ALARMS_PREFIX = ROOT + 'alarms/';
export const alarmKey = (name: string) => `${ALARMS_PREFIX}${encodeURIComponent(name)}`;

export interface AlarmRecord {
  alarm: Cloudwatch.MetricAlarm;
  tags?: Cloudwatch.Tag[];
}

export function getAlarm(store: Store, name: string): Promise<Versioned<AlarmRecord> | null> {
  return getJSON<AlarmRecord>(store, alarmKey(name));
}

export async function getAlarms(store: Store, names: readonly string[]): Promise<Versioned<AlarmRecord>[]> {
  const kvs = await store.getMany(names.map(alarmKey));
  return kvs.flatMap((kv) => (kv ? [{ value: decode<AlarmRecord>(kv), modRevision: kv.modRevision }] : []));
}

export const putAlarmOp = (rec: AlarmRecord): Op => ({ put: alarmKey(rec.alarm.AlarmName!), value: json(rec) });
export const deleteAlarmOp = (name: string): Op => ({ delete: alarmKey(name) });

/** A page of alarms whose names start with `namePrefix`, in name order after the key `after`. */
export async function alarmsPage(store: Store, namePrefix: string, after: string | undefined, limit: number): Promise<{ alarms: Versioned<AlarmRecord>[]; last?: string; more: boolean }> {
  const page = await store.range(`${ALARMS_PREFIX}${encodeURIComponent(namePrefix)}`, { limit, ...(after !== undefined ? { after } : {}) });
  const last = page.kvs.at(-1)?.key;
  return { alarms: page.kvs.map((kv) => ({ value: decode<AlarmRecord>(kv), modRevision: kv.modRevision })), ...(last !== undefined ? { last } : {}), more: page.more };
}
