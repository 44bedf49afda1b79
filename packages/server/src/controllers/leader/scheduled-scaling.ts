// Application Auto Scaling's scheduled actions, run by the leader's scheduler (scheduler.ts reads their
// due entries with the schedules' and rules', on the same injectable clock): a due action gives its
// scalable target its minimum and maximum, and a service whose desired count is outside them is brought
// to the nearer bound through UpdateService, recorded as a scaling activity with AWS's texts
// (core/autoscaling/scheduled-actions.ts decides). Occurrences missed while no replica led are not run
// one by one: the action runs once and goes on from the next occurrence after now.
//
// UpdateService comes first (setting the same count twice changes nothing), then the bookkeeping in one
// transaction comparing the action and the target, then the activity: a leader that dies in between
// leaves the occurrence due, and the next one sets the same count and records it once.
import { randomUUID } from 'node:crypto';
import { desiredCountTexts, nextScheduledRun, scheduledRunDecision, type Applicationautoscaling as Aas } from '@berth/core';
import type { Op } from '@berth/store';
import type { ServerContext } from '../../context.js';
import {
  getScheduled, getTarget, putScheduledOps, putTargetOp, recordActivity, scheduledDueKeyOf, scheduledKey, scheduledOfDue, targetKey,
} from '../../state/scaling.js';
import { getService } from '../../state/services.js';
import { DIMENSION, serviceOfResource } from '../../handlers/autoscaling-scope.js';
import { timingOf } from '../../handlers/autoscaling-scheduled.js';
import { setDesiredCountAsScaler } from './scaler.js';

/** Runs the scheduled action a due entry names, at `now` (epoch seconds). */
export async function runScheduledAction(ctx: ServerContext, a: string, b: string, dueKey: string, now: number): Promise<void> {
  const { resourceId, name } = scheduledOfDue(a, b);
  const cur = await getScheduled(ctx.store, 'ecs', resourceId, name);
  const key = scheduledKey('ecs', resourceId, name);
  if (!cur || scheduledDueKeyOf(cur.value) !== dueKey) {
    // Deleted or moved meanwhile: the stale entry goes.
    await ctx.store.txn({ compare: [{ key, modRevision: cur?.modRevision ?? 0 }], success: [{ delete: dueKey }] });
    return;
  }
  const action = cur.value.action;
  const nextRun = nextScheduledRun(timingOf(action), Math.max(cur.value.nextRun!, now));
  const advanced = { action, ...(nextRun !== undefined ? { nextRun } : {}) };
  const compare = [{ key, modRevision: cur.modRevision }];
  const ops: Op[] = putScheduledOps(advanced, cur.value);
  const tgt = await getTarget(ctx.store, 'ecs', resourceId, DIMENSION);
  const { cluster, service } = serviceOfResource(resourceId);
  const svc = (await getService(ctx.store, cluster, service))?.value.service;
  if (!tgt || !svc || svc.status !== 'ACTIVE') {
    await ctx.store.txn({ compare, success: ops });
    return;
  }
  const t = tgt.value.target;
  const current = svc.desiredCount ?? 0;
  const d = scheduledRunDecision({
    current, min: t.MinCapacity, max: t.MaxCapacity, scheduledScalingSuspended: t.SuspendedState?.ScheduledScalingSuspended === true,
    action: action.ScalableTargetAction ?? {},
  });
  const activity = {
    ActivityId: randomUUID(), ServiceNamespace: 'ecs', ResourceId: resourceId, ScalableDimension: DIMENSION, StartTime: now,
  } as const;
  let record: Aas.ScalingActivity | undefined;
  if (d.action === 'fail') {
    record = {
      ...activity, Description: `Setting min capacity to ${d.min} and max capacity to ${d.max}`, Cause: `scheduled action name ${name} was triggered`,
      EndTime: ctx.now(), StatusCode: 'Failed', StatusMessage: `Failed to set min capacity to ${d.min} and max capacity to ${d.max}. Reason: ${d.message}`,
    };
  } else if (d.action === 'apply') {
    if (d.desired !== undefined) {
      const texts = desiredCountTexts(d.desired);
      try {
        await setDesiredCountAsScaler(ctx, cluster, service, d.desired);
        record = { ...activity, Description: texts.Description, Cause: d.cause!, EndTime: ctx.now(), StatusCode: 'Successful', StatusMessage: texts.StatusMessage };
      } catch (e) {
        record = {
          ...activity, Description: texts.Description, Cause: d.cause!, EndTime: ctx.now(), StatusCode: 'Failed',
          StatusMessage: `Failed to set desired count to ${d.desired}. Reason: ${String((e as Error)?.message ?? e)}`,
        };
      }
    }
    compare.push({ key: targetKey('ecs', resourceId, DIMENSION), modRevision: tgt.modRevision });
    ops.push(putTargetOp({ ...tgt.value, target: { ...t, MinCapacity: d.min, MaxCapacity: d.max } }));
  } else {
    ctx.log.debug('scheduled action not run', { resource: resourceId, action: name, why: d.why });
  }
  // Fails only when the action or the target changed meanwhile: the occurrence stays due, for the next tick.
  const res = await ctx.store.txn({ compare, success: ops });
  if (!res.succeeded) return;
  if (record) await recordActivity(ctx.store, record);
  ctx.log.info('scheduled action run', { resource: resourceId, action: name, from: current, ...(d.action === 'apply' ? { min: d.min, max: d.max, ...(d.desired !== undefined ? { to: d.desired } : {}) } : {}) });
}
