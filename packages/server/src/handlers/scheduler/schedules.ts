// EventBridge Scheduler's schedules: CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule,
// ListSchedules. The expression (at(), rate(), cron()) and its time zone are checked with core's one
// parser, and the occurrence due next is computed when a schedule is written, so the scheduler
// (controllers/leader/scheduler.ts) reads only what is due. The target is an ECS cluster with EcsParameters
// and the RoleArn it runs as (iam:PassRole checked); DeadLetterConfig, KMS keys and other target kinds are
// refused naming them (failed invocations are kept as records on the schedule instead).
import {
  BerthError, DEFAULT_SCHEDULE_GROUP, ScheduleExpressionError, isTimeZone, nextFire, parseScheduleExpression, scheduleArn,
  type Scheduler,
} from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../../context.js';
import { requirePassRole } from '../../auth/pass-role.js';
import { commitWithRetry, recordsPage } from '../../state/kit.js';
import { deleteScheduleOps, getSchedule, putScheduleOps, scheduleKey, schedulesPrefix, type ScheduleRecord } from '../../state/schedules.js';
import { getScheduleGroup } from '../../state/schedule-groups.js';
import { scheduleInvocationOwner, trimInvocationOps } from '../../state/invocations.js';
import { decodeToken, encodeToken } from '../../pagination.js';
import { targetChecks } from '../../invoking/target-checks.js';

/** Scheduler's refusals of bad input, in its model's ValidationException. */
export const { validation, refuseMembers, checkEcsTarget } = targetChecks('ValidationException');

const OTHER_KINDS = 'Berth runs ECS tasks only: the target is an ECS cluster ARN with EcsParameters';
const NOT_TARGET_MEMBERS: Record<string, string> = {
  DeadLetterConfig: 'Berth has no SQS; failed invocations are kept as records on the schedule (berth describe schedule)',
  EventBridgeParameters: OTHER_KINDS, KinesisParameters: OTHER_KINDS, SageMakerPipelineParameters: OTHER_KINDS, SqsParameters: OTHER_KINDS,
};

export const notFound = (name: string) => new BerthError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 'Name');

export async function existingGroup(ctx: ServerContext, name: string | undefined): Promise<string> {
  const group = name ?? DEFAULT_SCHEDULE_GROUP;
  if (group !== DEFAULT_SCHEDULE_GROUP && !(await getScheduleGroup(ctx.store, group))) {
    throw new BerthError('ResourceNotFoundException', `Schedule group ${group} does not exist.`, 'GroupName');
  }
  return group;
}

/** What names a schedule in its flexible window's hash and its runs' clientTokens: its ARN and creation time. */
export const fireKey = (rec: ScheduleRecord) => `${rec.arn}|${rec.creationDate}`;
/** A schedule's flexible window in minutes (0: OFF). */
export const windowMinutes = (rec: ScheduleRecord) => (rec.flexibleTimeWindow.Mode === 'FLEXIBLE' ? rec.flexibleTimeWindow.MaximumWindowInMinutes ?? 0 : 0);

/** When a schedule fires next after `after` (its bookkeeping), from what it is. */
export function planned(rec: ScheduleRecord, after: number): Pick<ScheduleRecord, 'nextOccurrence' | 'fireAt'> {
  const next = nextFire({
    expression: parseScheduleExpression(rec.scheduleExpression), key: fireKey(rec), flexibleMinutes: windowMinutes(rec),
    start: rec.startDate ?? rec.creationDate,
    ...(rec.scheduleExpressionTimezone !== undefined ? { timeZone: rec.scheduleExpressionTimezone } : {}),
    ...(rec.endDate !== undefined ? { end: rec.endDate } : {}),
  }, after);
  return next ? { nextOccurrence: next.occurrence, fireAt: next.fireAt } : {};
}

type ScheduleInput = Scheduler.CreateScheduleInput | Scheduler.UpdateScheduleInput;

/** Checks a Create or Update request as Scheduler does, and what Berth cannot do. */
function check(req: ScheduleInput): void {
  refuseMembers(req, { KmsKeyArn: 'Berth has no KMS' });
  try {
    parseScheduleExpression(req.ScheduleExpression);
  } catch (e) {
    if (e instanceof ScheduleExpressionError) throw validation(`Invalid Schedule Expression ${req.ScheduleExpression}: ${e.message}`, 'ScheduleExpression');
    throw e;
  }
  if (req.ScheduleExpressionTimezone !== undefined && !isTimeZone(req.ScheduleExpressionTimezone)) {
    throw validation(`Invalid ScheduleExpressionTimezone ${req.ScheduleExpressionTimezone}: not an IANA time zone.`, 'ScheduleExpressionTimezone');
  }
  if (req.StartDate !== undefined && req.EndDate !== undefined && req.EndDate <= req.StartDate) throw validation('The EndDate must be after the StartDate.', 'EndDate');
  const w = req.FlexibleTimeWindow;
  if (w.Mode === 'FLEXIBLE' && (w.MaximumWindowInMinutes === undefined || w.MaximumWindowInMinutes < 1 || w.MaximumWindowInMinutes > 1440)) {
    throw validation('MaximumWindowInMinutes must be between 1 and 1440 when the Mode is FLEXIBLE.', 'FlexibleTimeWindow.MaximumWindowInMinutes');
  }
  if (w.Mode === 'OFF' && w.MaximumWindowInMinutes !== undefined) throw validation('MaximumWindowInMinutes is only for the FLEXIBLE Mode.', 'FlexibleTimeWindow.MaximumWindowInMinutes');
  refuseMembers(req.Target, NOT_TARGET_MEMBERS, 'Target.');
  checkEcsTarget(req.Target, 'Target');
  if (req.Target.Input !== undefined) {
    let v: unknown;
    try {
      v = JSON.parse(req.Target.Input);
    } catch {
      throw validation('Target.Input is not valid JSON.', 'Target.Input');
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw validation('Target.Input of an ECS target is a JSON object: the task overrides.', 'Target.Input');
  }
}

function record(ctx: ServerContext, req: ScheduleInput, group: string, before?: ScheduleRecord): ScheduleRecord {
  const now = ctx.now();
  const rec: ScheduleRecord = {
    name: req.Name, groupName: group, arn: scheduleArn(ctx.identity, group, req.Name), state: req.State ?? 'ENABLED',
    scheduleExpression: req.ScheduleExpression, flexibleTimeWindow: req.FlexibleTimeWindow, target: req.Target,
    creationDate: before?.creationDate ?? now, lastModificationDate: now,
    ...(req.ScheduleExpressionTimezone !== undefined ? { scheduleExpressionTimezone: req.ScheduleExpressionTimezone } : {}),
    ...(req.StartDate !== undefined ? { startDate: req.StartDate } : {}),
    ...(req.EndDate !== undefined ? { endDate: req.EndDate } : {}),
    ...(req.Description !== undefined ? { description: req.Description } : {}),
    ...(req.ActionAfterCompletion !== undefined ? { actionAfterCompletion: req.ActionAfterCompletion } : {}),
    ...(req.ClientToken !== undefined ? { clientToken: req.ClientToken } : before?.clientToken !== undefined ? { clientToken: before.clientToken } : {}),
  };
  return { ...rec, ...planned(rec, now) };
}

export async function createSchedule(ctx: ServerContext, req: Scheduler.CreateScheduleInput, call: CallContext): Promise<Scheduler.CreateScheduleOutput> {
  check(req);
  const group = await existingGroup(ctx, req.GroupName);
  await requirePassRole(ctx, call, [req.Target.RoleArn]);
  return commitWithRetry(ctx.store, async () => {
    const before = await getSchedule(ctx.store, group, req.Name);
    if (before) {
      // A retry of the same creation (its ClientToken) answers as the first did.
      if (req.ClientToken !== undefined && before.value.clientToken === req.ClientToken) return { txn: { compare: [], success: [] }, result: { ScheduleArn: before.value.arn } };
      throw new BerthError('ConflictException', `Schedule ${req.Name} already exists.`, 'Name');
    }
    const rec = record(ctx, req, group);
    return { txn: { compare: [{ key: scheduleKey(group, req.Name), modRevision: 0 }], success: putScheduleOps(rec) }, result: { ScheduleArn: rec.arn } };
  });
}

export async function updateSchedule(ctx: ServerContext, req: Scheduler.UpdateScheduleInput, call: CallContext): Promise<Scheduler.UpdateScheduleOutput> {
  check(req);
  const group = await existingGroup(ctx, req.GroupName);
  await requirePassRole(ctx, call, [req.Target.RoleArn]);
  return commitWithRetry(ctx.store, async () => {
    const before = await getSchedule(ctx.store, group, req.Name);
    if (!before) throw notFound(req.Name);
    const rec = record(ctx, req, group, before.value);
    return { txn: { compare: [{ key: scheduleKey(group, req.Name), modRevision: before.modRevision }], success: putScheduleOps(rec, before.value) }, result: { ScheduleArn: rec.arn } };
  });
}

function shown(r: ScheduleRecord): Scheduler.GetScheduleOutput {
  return {
    Arn: r.arn, Name: r.name, GroupName: r.groupName, State: r.state, ScheduleExpression: r.scheduleExpression,
    FlexibleTimeWindow: r.flexibleTimeWindow, Target: r.target, CreationDate: r.creationDate, LastModificationDate: r.lastModificationDate,
    ...(r.scheduleExpressionTimezone !== undefined ? { ScheduleExpressionTimezone: r.scheduleExpressionTimezone } : {}),
    ...(r.startDate !== undefined ? { StartDate: r.startDate } : {}),
    ...(r.endDate !== undefined ? { EndDate: r.endDate } : {}),
    ...(r.description !== undefined ? { Description: r.description } : {}),
    ...(r.actionAfterCompletion !== undefined ? { ActionAfterCompletion: r.actionAfterCompletion } : {}),
  };
}

export async function getScheduleHandler(ctx: ServerContext, req: Scheduler.GetScheduleInput): Promise<Scheduler.GetScheduleOutput> {
  const group = await existingGroup(ctx, req.GroupName);
  const rec = await getSchedule(ctx.store, group, req.Name);
  if (!rec) throw notFound(req.Name);
  return shown(rec.value);
}

export async function deleteSchedule(ctx: ServerContext, req: Scheduler.DeleteScheduleInput): Promise<Scheduler.DeleteScheduleOutput> {
  const group = await existingGroup(ctx, req.GroupName);
  const rec = await getSchedule(ctx.store, group, req.Name);
  if (!rec) throw notFound(req.Name);
  const trims = await trimInvocationOps(ctx.store, scheduleInvocationOwner(group, req.Name), true);
  const res = await ctx.store.txn({ compare: [{ key: scheduleKey(group, req.Name), modRevision: rec.modRevision }], success: [...deleteScheduleOps(rec.value), ...trims] });
  if (!res.succeeded) throw new BerthError('ConflictException', `Schedule ${req.Name} changed while it was being deleted; try again.`, 'Name');
  return {};
}

export async function listSchedules(ctx: ServerContext, req: Scheduler.ListSchedulesInput): Promise<Scheduler.ListSchedulesOutput> {
  const group = await existingGroup(ctx, req.GroupName);
  const limit = req.MaxResults ?? 100;
  const prefix = schedulesPrefix(group) + (req.NamePrefix ?? '');
  const page = await recordsPage<ScheduleRecord>(ctx.store, prefix, decodeToken(req.NextToken, prefix), limit);
  const schedules = page.items.filter((r) => req.State === undefined || r.state === req.State).map((r) => ({
    Arn: r.arn, Name: r.name, GroupName: r.groupName, State: r.state, CreationDate: r.creationDate, LastModificationDate: r.lastModificationDate, Target: { Arn: r.target.Arn },
  }));
  return { Schedules: schedules, ...(page.more && page.last ? { NextToken: encodeToken(page.last) } : {}) };
}
