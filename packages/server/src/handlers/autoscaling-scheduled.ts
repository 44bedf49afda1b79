// Application Auto Scaling's scheduled actions for ECS services (issue 22 §5): PutScheduledAction,
// DeleteScheduledAction, DescribeScheduledActions. The schedule (at, rate, cron, with Timezone, StartTime
// and EndTime) is read by core's one parser; each action keeps when it runs next and a due entry beside it,
// and the leader's scheduler (controllers/leader/scheduled-scaling.ts) runs it.
import { randomUUID } from 'node:crypto';
import { BerthError, nextScheduledRun, scheduledActionTimingProblem, type Applicationautoscaling as Aas } from '@berth/core';
import type { ServerContext } from '../context.js';
import { getScheduled, getTarget, putScheduledOps, deleteScheduledOps, scalingPage, scheduledKey, scheduledPrefix, type ScheduledActionRecord } from '../state/scaling.js';
import { encodeToken } from '../pagination.js';
import { DIMENSION, checkScope, notFound, pageArgs, serviceOfResource, validation } from './autoscaling-scope.js';

const actionArn = (ctx: ServerContext, resourceId: string, name: string) =>
  `arn:${ctx.identity.partition}:autoscaling:${ctx.identity.region}:${ctx.identity.accountId}:scheduledAction:${randomUUID()}:resource/ecs/${resourceId}:scheduledActionName/${name}`;

const noAction = (resourceId: string, name: string) =>
  notFound(`No scheduled action found for service namespace: ecs, resource ID: ${resourceId}, scalable dimension: ${DIMENSION}, scheduled action name: ${name}`);

/** Creates or updates an action; members left out of an update keep their values, as AWS has it. */
export async function putScheduledAction(ctx: ServerContext, req: Aas.PutScheduledActionRequest): Promise<Aas.PutScheduledActionResponse> {
  checkScope(req);
  serviceOfResource(req.ResourceId);
  if (!(await getTarget(ctx.store, 'ecs', req.ResourceId, DIMENSION))) {
    throw notFound(`No scalable target registered for service namespace: ecs, resource ID: ${req.ResourceId}, scalable dimension: ${DIMENSION}`);
  }
  const before = await getScheduled(ctx.store, 'ecs', req.ResourceId, req.ScheduledActionName);
  const prev = before?.value.action;
  const schedule = req.Schedule ?? prev?.Schedule;
  if (schedule === undefined) throw validation('Schedule', 'Schedule is required for a new scheduled action.');
  const targetAction = { ...prev?.ScalableTargetAction, ...req.ScalableTargetAction };
  if (targetAction.MinCapacity !== undefined && targetAction.MaxCapacity !== undefined && targetAction.MinCapacity > targetAction.MaxCapacity) {
    throw validation('ScalableTargetAction.MinCapacity', `Minimum capacity (${targetAction.MinCapacity}) cannot be greater than maximum capacity (${targetAction.MaxCapacity}).`);
  }
  for (const m of ['MinCapacity', 'MaxCapacity'] as const) {
    if ((targetAction[m] ?? 0) < 0) throw validation(`ScalableTargetAction.${m}`, `${m} cannot be negative.`);
  }
  const timezone = req.Timezone ?? prev?.Timezone;
  const startTime = req.StartTime ?? prev?.StartTime;
  const endTime = req.EndTime ?? prev?.EndTime;
  const action: Aas.ScheduledAction = {
    ScheduledActionName: req.ScheduledActionName,
    ScheduledActionARN: prev?.ScheduledActionARN ?? actionArn(ctx, req.ResourceId, req.ScheduledActionName),
    ServiceNamespace: 'ecs', Schedule: schedule, ResourceId: req.ResourceId, ScalableDimension: DIMENSION,
    ...(timezone !== undefined ? { Timezone: timezone } : {}),
    ...(startTime !== undefined ? { StartTime: startTime } : {}),
    ...(endTime !== undefined ? { EndTime: endTime } : {}),
    ScalableTargetAction: targetAction,
    CreationTime: prev?.CreationTime ?? ctx.now(),
  };
  const timing = timingOf(action);
  const problem = scheduledActionTimingProblem(timing);
  if (problem) throw validation(problem[0], problem[0] === 'Schedule' ? `Unsupported schedule expression ${schedule.slice(0, 200)}: ${problem[1]}` : problem[1]);
  const nextRun = nextScheduledRun(timing, ctx.now());
  const rec: ScheduledActionRecord = { action, ...(nextRun !== undefined ? { nextRun } : {}) };
  const res = await ctx.store.txn({
    compare: [{ key: scheduledKey('ecs', req.ResourceId, req.ScheduledActionName), modRevision: before?.modRevision ?? 0 }],
    success: putScheduledOps(rec, before?.value),
  });
  if (!res.succeeded) throw new BerthError('ConcurrentUpdateException', `The scheduled action ${req.ScheduledActionName} was changed at the same time; try again.`);
  return {};
}

export const timingOf = (a: Aas.ScheduledAction) => ({
  schedule: a.Schedule, creationTime: a.CreationTime,
  ...(a.Timezone !== undefined ? { timezone: a.Timezone } : {}),
  ...(a.StartTime !== undefined ? { startTime: a.StartTime } : {}),
  ...(a.EndTime !== undefined ? { endTime: a.EndTime } : {}),
});

export async function deleteScheduledAction(ctx: ServerContext, req: Aas.DeleteScheduledActionRequest): Promise<Aas.DeleteScheduledActionResponse> {
  checkScope(req);
  const before = await getScheduled(ctx.store, 'ecs', req.ResourceId, req.ScheduledActionName);
  if (!before) throw noAction(req.ResourceId, req.ScheduledActionName);
  const res = await ctx.store.txn({
    compare: [{ key: scheduledKey('ecs', req.ResourceId, req.ScheduledActionName), modRevision: before.modRevision }],
    success: deleteScheduledOps(before.value),
  });
  if (!res.succeeded) throw new BerthError('ConcurrentUpdateException', `The scheduled action ${req.ScheduledActionName} was changed at the same time; try again.`);
  return {};
}

export async function describeScheduledActions(ctx: ServerContext, req: Aas.DescribeScheduledActionsRequest): Promise<Aas.DescribeScheduledActionsResponse> {
  checkScope(req);
  const prefix = scheduledPrefix('ecs', req.ResourceId);
  const { limit, after } = pageArgs(req, prefix);
  const page = await scalingPage<ScheduledActionRecord>(ctx.store, prefix, after, limit);
  const names = req.ScheduledActionNames?.length ? new Set(req.ScheduledActionNames) : undefined;
  return {
    ScheduledActions: page.items.map((r) => r.value.action).filter((a) => !names || names.has(a.ScheduledActionName)),
    ...(page.more && page.last ? { NextToken: encodeToken(page.last) } : {}),
  };
}
