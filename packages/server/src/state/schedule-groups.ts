// EventBridge Scheduler's schedule groups (`scheduler/groups/NAME`). The `default` group always exists and
// is never stored.
import type { Op, Store } from '@berth/store';
import { ROOT, getJSON, json, type Versioned } from './kit.js';

const PREFIX = ROOT + 'scheduler/groups/';
export const scheduleGroupKey = (name: string) => `${PREFIX}${name}`;
export const scheduleGroupsPrefix = PREFIX;

export interface ScheduleGroupRecord {
  name: string;
  arn: string;
  /** Epoch seconds. */
  creationDate: number;
  clientToken?: string;
}

export const getScheduleGroup = (store: Store, name: string): Promise<Versioned<ScheduleGroupRecord> | null> => getJSON<ScheduleGroupRecord>(store, scheduleGroupKey(name));
export const putScheduleGroupOp = (rec: ScheduleGroupRecord): Op => ({ put: scheduleGroupKey(rec.name), value: json(rec) });
export const deleteScheduleGroupOp = (name: string): Op => ({ delete: scheduleGroupKey(name) });
