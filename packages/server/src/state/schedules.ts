// EventBridge Scheduler's schedules (`scheduler/schedules/GROUP/NAME`): the schedule as given, and the
// scheduler's bookkeeping (the occurrence due next, when it fires, the failed attempts of it). Beside each
// enabled schedule with an occurrence left, its due entry `scheduler/due/MS/GROUP/NAME` (MS: when it fires,
// zero-padded), so the scheduler reads only what is due, oldest first, never every schedule. Both are
// written in one transaction.
import type { Op, Store } from '@berth/store';
import type { Scheduler } from '@berth/core';
import { ROOT, getJSON, json, type Versioned } from './kit.js';

const PREFIX = ROOT + 'scheduler/schedules/';
export const DUE_PREFIX = ROOT + 'scheduler/due/';
export const schedulesPrefix = (group: string) => `${PREFIX}${group}/`;
export const scheduleKey = (group: string, name: string) => `${schedulesPrefix(group)}${name}`;
const dueKey = (fireAtMs: number, group: string, name: string) => `${DUE_PREFIX}${String(Math.round(fireAtMs)).padStart(15, '0')}/${group}/${name}`;

export interface ScheduleRecord {
  name: string;
  groupName: string;
  arn: string;
  state: 'ENABLED' | 'DISABLED';
  scheduleExpression: string;
  scheduleExpressionTimezone?: string;
  /** Epoch seconds. */
  startDate?: number;
  endDate?: number;
  description?: string;
  flexibleTimeWindow: Scheduler.FlexibleTimeWindow;
  target: Scheduler.Target;
  actionAfterCompletion?: 'NONE' | 'DELETE';
  creationDate: number;
  lastModificationDate: number;
  clientToken?: string;
  /** The occurrence due next (epoch seconds); absent: none is left. */
  nextOccurrence?: number;
  /** When the scheduler runs it (the occurrence, within the flexible window, or a retry's time). */
  fireAt?: number;
  /** Failed attempts of nextOccurrence so far. */
  attempts?: number;
}

/** The due entry of a schedule, or none (disabled, or no occurrence left). */
export const dueKeyOf = (r: ScheduleRecord): string | undefined =>
  r.state === 'ENABLED' && r.fireAt !== undefined ? dueKey(r.fireAt * 1000, r.groupName, r.name) : undefined;

/** Epoch ms a due key fires at. */
export const dueKeyTime = (key: string) => Number(key.slice(DUE_PREFIX.length).split('/')[0]);
/** The group and name a due key names. */
export const dueKeySchedule = (key: string) => {
  const [, group, name] = key.slice(DUE_PREFIX.length).split('/') as [string, string, string];
  return { group, name };
};

export const getSchedule = (store: Store, group: string, name: string): Promise<Versioned<ScheduleRecord> | null> => getJSON<ScheduleRecord>(store, scheduleKey(group, name));

/** The writes of a schedule and its due entry, from `before` (absent: new). */
export function putScheduleOps(rec: ScheduleRecord, before?: ScheduleRecord): Op[] {
  const from = before ? dueKeyOf(before) : undefined;
  const to = dueKeyOf(rec);
  return [
    { put: scheduleKey(rec.groupName, rec.name), value: json(rec) },
    ...(from !== undefined && from !== to ? [{ delete: from }] : []),
    ...(to !== undefined && to !== from ? [{ put: to, value: '' }] : []),
  ];
}

export function deleteScheduleOps(rec: ScheduleRecord): Op[] {
  const due = dueKeyOf(rec);
  return [{ delete: scheduleKey(rec.groupName, rec.name) }, ...(due !== undefined ? [{ delete: due }] : [])];
}
