// EventBridge Scheduler's action table (REST-JSON, SigV4 service `scheduler`). Tags answer the unsupported
// error naming the action.
import { SCHEDULER_API, type Scheduler } from '@berth/core';
import type { ActionTable, CallContext } from '@berth/api';
import { boundTable, type ContextHandler } from '../bound-table.js';
import type { ServerContext } from '../../context.js';
import { createSchedule, deleteSchedule, getScheduleHandler, listSchedules, updateSchedule } from './schedules.js';
import { createScheduleGroup, deleteScheduleGroup, getScheduleGroupHandler, listScheduleGroups } from './groups.js';

type Handlers = { [A in keyof Scheduler.SchedulerActions]?: (ctx: ServerContext, req: Scheduler.SchedulerActions[A]['request'], call: CallContext) => Promise<unknown> };

const HANDLERS: Handlers = {
  CreateSchedule: createSchedule, GetSchedule: getScheduleHandler, UpdateSchedule: updateSchedule, DeleteSchedule: deleteSchedule, ListSchedules: listSchedules,
  CreateScheduleGroup: createScheduleGroup, GetScheduleGroup: getScheduleGroupHandler, DeleteScheduleGroup: deleteScheduleGroup, ListScheduleGroups: listScheduleGroups,
};

export const schedulerActionTable = (ctx: ServerContext): ActionTable => boundTable(SCHEDULER_API, ctx, HANDLERS as Record<string, ContextHandler>);
