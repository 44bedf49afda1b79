// Schedule groups: CreateScheduleGroup, GetScheduleGroup, DeleteScheduleGroup (with its schedules, as
// Scheduler does), ListScheduleGroups. The `default` group always exists and cannot be deleted.
import { BerthError, DEFAULT_SCHEDULE_GROUP, scheduleGroupArn, type Scheduler } from '@berth/core';
import type { ServerContext } from '../../context.js';
import { commitInBatches, decode, rangeAll, recordsPage } from '../../state/kit.js';
import { deleteScheduleGroupOp, getScheduleGroup, putScheduleGroupOp, scheduleGroupKey, scheduleGroupsPrefix, type ScheduleGroupRecord } from '../../state/schedule-groups.js';
import { deleteScheduleOps, schedulesPrefix, type ScheduleRecord } from '../../state/schedules.js';
import { scheduleInvocationOwner, trimInvocationOps } from '../../state/invocations.js';
import { decodeToken, encodeToken } from '../../pagination.js';
import { refuseMembers, validation } from './schedules.js';

export async function createScheduleGroup(ctx: ServerContext, req: Scheduler.CreateScheduleGroupInput): Promise<Scheduler.CreateScheduleGroupOutput> {
  refuseMembers(req, { Tags: 'schedule groups carry no tags in Berth' });
  const rec: ScheduleGroupRecord = { name: req.Name, arn: scheduleGroupArn(ctx.identity, req.Name), creationDate: ctx.now(), ...(req.ClientToken !== undefined ? { clientToken: req.ClientToken } : {}) };
  const conflict = () => new BerthError('ConflictException', `Schedule group ${req.Name} already exists.`, 'Name');
  if (req.Name === DEFAULT_SCHEDULE_GROUP) throw conflict();
  const res = await ctx.store.txn({ compare: [{ key: scheduleGroupKey(req.Name), modRevision: 0 }], success: [putScheduleGroupOp(rec)] });
  if (!res.succeeded) {
    const before = await getScheduleGroup(ctx.store, req.Name);
    if (req.ClientToken !== undefined && before?.value.clientToken === req.ClientToken) return { ScheduleGroupArn: before.value.arn };
    throw conflict();
  }
  return { ScheduleGroupArn: rec.arn };
}

function shown(ctx: ServerContext, r: ScheduleGroupRecord | undefined): Scheduler.GetScheduleGroupOutput {
  // The default group has no record: it exists from the start.
  if (!r) return { Name: DEFAULT_SCHEDULE_GROUP, Arn: scheduleGroupArn(ctx.identity, DEFAULT_SCHEDULE_GROUP), State: 'ACTIVE' };
  return { Name: r.name, Arn: r.arn, State: 'ACTIVE', CreationDate: r.creationDate, LastModificationDate: r.creationDate };
}

export async function getScheduleGroupHandler(ctx: ServerContext, req: Scheduler.GetScheduleGroupInput): Promise<Scheduler.GetScheduleGroupOutput> {
  if (req.Name === DEFAULT_SCHEDULE_GROUP) return shown(ctx, undefined);
  const rec = await getScheduleGroup(ctx.store, req.Name);
  if (!rec) throw new BerthError('ResourceNotFoundException', `Schedule group ${req.Name} does not exist.`, 'Name');
  return shown(ctx, rec.value);
}

export async function deleteScheduleGroup(ctx: ServerContext, req: Scheduler.DeleteScheduleGroupInput): Promise<Scheduler.DeleteScheduleGroupOutput> {
  if (req.Name === DEFAULT_SCHEDULE_GROUP) throw validation('The default schedule group cannot be deleted.', 'Name');
  const rec = await getScheduleGroup(ctx.store, req.Name);
  if (!rec) throw new BerthError('ResourceNotFoundException', `Schedule group ${req.Name} does not exist.`, 'Name');
  // The group goes first, so no schedule is created in it meanwhile; then its schedules and their records.
  await ctx.store.txn({ compare: [{ key: scheduleGroupKey(req.Name), modRevision: rec.modRevision }], success: [deleteScheduleGroupOp(req.Name)] });
  for (const kv of await rangeAll(ctx.store, schedulesPrefix(req.Name))) {
    const s = decode<ScheduleRecord>(kv);
    await commitInBatches(ctx.store, [...deleteScheduleOps(s), ...(await trimInvocationOps(ctx.store, scheduleInvocationOwner(req.Name, s.name), true))]);
  }
  return {};
}

export async function listScheduleGroups(ctx: ServerContext, req: Scheduler.ListScheduleGroupsInput): Promise<Scheduler.ListScheduleGroupsOutput> {
  const limit = req.MaxResults ?? 100;
  const prefix = scheduleGroupsPrefix + (req.NamePrefix ?? '');
  const after = decodeToken(req.NextToken, prefix);
  const withDefault = after === undefined && DEFAULT_SCHEDULE_GROUP.startsWith(req.NamePrefix ?? '');
  const page = await recordsPage<ScheduleGroupRecord>(ctx.store, prefix, after, Math.max(1, withDefault ? limit - 1 : limit));
  const groups = [...(withDefault ? [shown(ctx, undefined)] : []), ...page.items.map((r) => shown(ctx, r))];
  return { ScheduleGroups: groups, ...(page.more && page.last ? { NextToken: encodeToken(page.last) } : {}) };
}
