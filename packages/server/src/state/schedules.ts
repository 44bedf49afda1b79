// EventBridge Scheduler's schedules (`scheduler/schedules/GROUP/NAME`): the schedule as given, and the
// scheduler's bookkeeping (the occurrence due next, when it fires, the failed attempts of it). Beside each
// enabled schedule with an occurrence left, its due entry `scheduler/due/MS/GROUP/NAME` (MS: when it fires,
// zero-padded), so the scheduler reads only what is due, oldest first, never every schedule. Both are
// written in one transaction.
import type { Op, Store } from '@berth/store';
import type { Scheduler } from '@berth/core';
import { ROOT, getJSON, json, type Versioned } from './kit.js';
import { dueIndex } from './due-index.js';

const PREFIX = ROOT + 'scheduler/schedules/';
/** Schedules by when they fire next: `scheduler/due/MS/GROUP/NAME`. */
export const SCHEDULES_DUE = dueIndex(ROOT + 'scheduler/due/');
export const schedulesPrefix = (group: string) => `${PREFIX}${group}/`;
export const scheduleKey = (group: string, name: string) => `${schedulesPrefix(group)}${name}`;

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
export const dueKeyOf = (r: ScheduleRecord): string | undefined => (r.state === 'ENABLED' ? SCHEDULES_DUE.keyOf(r.fireAt, r.groupName, r.name) : undefined);

export const getSchedule = (store: Store, group: string, name: string): Promise<Versioned<ScheduleRecord> | null> => getJSON<ScheduleRecord>(store, scheduleKey(group, name));

/** The writes of a schedule and its due entry, from `before` (absent: new). */
export function putScheduleOps(rec: ScheduleRecord, before?: ScheduleRecord): Op[] {
  return [{ put: scheduleKey(rec.groupName, rec.name), value: json(rec) }, ...SCHEDULES_DUE.moveOps(before ? dueKeyOf(before) : undefined, dueKeyOf(rec))];
}

export function deleteScheduleOps(rec: ScheduleRecord): Op[] {
  const due = dueKeyOf(rec);
  return [{ delete: scheduleKey(rec.groupName, rec.name) }, ...(due !== undefined ? [{ delete: due }] : [])];
}
