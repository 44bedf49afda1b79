// Application Auto Scaling's scaler (issue 22 §2, §8), on the leader: an alarm in ALARM invokes its
// scaling policy (controllers/leader/alarms.ts, every evaluation while it stays there); the scaler reads the
// policy, its scalable target and the service, decides with core's pure functions, sets the service's
// desired count through UpdateService (the same path, events and checks as a user's call, authorized as
// AWS's service-linked role would be), and records the activity with AWS's texts. Cooldowns count in AWS minutes (--aws-minute), as alarm periods do.
import { randomUUID } from 'node:crypto';
import {
  APPLICATION_AUTOSCALING_ECS_ROLE, ECS_API, accessDenied, activityTexts, evaluateAll, serviceLinkedRoleArn, stepScalingDecision, targetTrackingDecision, type Applicationautoscaling as Aas, type Cooldowns, type ScalableTargetState, type ScalingDecision,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import { getPolicy, getTarget, putPolicyOp, recordActivity, policyKey } from '../../state/scaling.js';
import { getService } from '../../state/services.js';
import { parsePolicyArn } from '../../handlers/autoscaling.js';
import { serviceOfResource } from '../../handlers/autoscaling-scope.js';
import { updateService } from '../../handlers/services.js';
import { scopeOf } from '../../invoking/service-role.js';
import type { AlarmInvocation } from './alarms.js';

/** ECS's default cooldowns (seconds) where a policy gives none. */
const DEFAULT_COOLDOWN = 300;

export function startScaler(ctx: ServerContext, opts: { minuteMs: number }) {
  const scale = opts.minuteMs / 60_000;

  async function decide(policy: Aas.ScalingPolicy, last: Cooldowns['last'], target: ScalableTargetState, inv: AlarmInvocation, now: number): Promise<ScalingDecision> {
    const tt = policy.TargetTrackingScalingPolicyConfiguration;
    if (tt) {
      const cooldowns: Cooldowns = { scaleOut: (tt.ScaleOutCooldown ?? DEFAULT_COOLDOWN) * scale, scaleIn: (tt.ScaleInCooldown ?? DEFAULT_COOLDOWN) * scale, ...(last ? { last } : {}) };
      const name = inv.alarm.AlarmName ?? '';
      const alarm = name.includes('-AlarmHigh-') ? 'high' : name.includes('-AlarmLow-') ? 'low' : undefined;
      return targetTrackingDecision({ target, targetValue: tt.TargetValue, disableScaleIn: tt.DisableScaleIn === true, alarm, metric: inv.value, cooldowns, now, alarmName: name });
    }
    const step = policy.StepScalingPolicyConfiguration!;
    if (inv.value === undefined) return { action: 'none', why: 'the alarm has no recent datapoint' };
    const cooldown = (step.Cooldown ?? DEFAULT_COOLDOWN) * scale;
    return stepScalingDecision({
      target, adjustmentType: step.AdjustmentType!, steps: step.StepAdjustments ?? [],
      ...(step.MinAdjustmentMagnitude !== undefined ? { minAdjustmentMagnitude: step.MinAdjustmentMagnitude } : {}),
      alarm: { name: inv.alarm.AlarmName!, threshold: inv.alarm.Threshold!, value: inv.value },
      cooldowns: { scaleOut: cooldown, scaleIn: cooldown, ...(last ? { last } : {}) }, now,
    });
  }

  /** What an alarm in ALARM does to the policy its action names. */
  async function invoke(action: string, inv: AlarmInvocation): Promise<void> {
    const ref = parsePolicyArn(action);
    if (!ref) return;
    const pol = await getPolicy(ctx.store, 'ecs', ref.resourceId, ref.name);
    const tgt = await getTarget(ctx.store, 'ecs', ref.resourceId, 'ecs:service:DesiredCount');
    if (!pol || !tgt || pol.value.policy.PolicyARN !== action) return;
    const { cluster, service } = serviceOfResource(ref.resourceId);
    const svc = (await getService(ctx.store, cluster, service))?.value.service;
    if (!svc || svc.status !== 'ACTIVE') return;
    const t = tgt.value.target;
    const target: ScalableTargetState = {
      current: svc.desiredCount ?? 0, min: t.MinCapacity, max: t.MaxCapacity,
      suspendedIn: t.SuspendedState?.DynamicScalingInSuspended === true, suspendedOut: t.SuspendedState?.DynamicScalingOutSuspended === true,
      // A new task definition (or a forced deployment) rolling out: the service has more than its primary deployment.
      deploymentInProgress: (svc.deployments?.length ?? 0) > 1,
    };
    const now = ctx.now();
    const d = await decide(pol.value.policy, pol.value.last, target, inv, now);
    if (d.action === 'none') {
      ctx.log.debug('no scaling', { policy: ref.name, resource: ref.resourceId, why: d.why });
      return;
    }
    // The policy's cooldown starts with the decision, compared so two leaders' terms never both scale.
    const res = await ctx.store.txn({
      compare: [{ key: policyKey('ecs', ref.resourceId, ref.name), modRevision: pol.modRevision }],
      success: [putPolicyOp({ ...pol.value, last: { at: now, direction: d.direction, desired: d.desired } })],
    });
    if (!res.succeeded) return;
    const texts = activityTexts(d, ref.name);
    const activity: Aas.ScalingActivity = {
      ActivityId: randomUUID(), ServiceNamespace: 'ecs', ResourceId: ref.resourceId, ScalableDimension: 'ecs:service:DesiredCount',
      Description: texts.Description, Cause: `${new Date(now * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')} ${texts.Cause}`, StartTime: now, StatusCode: 'InProgress',
    };
    try {
      await setDesiredCountAsScaler(ctx, cluster, service, d.desired);
      await recordActivity(ctx.store, { ...activity, EndTime: ctx.now(), StatusCode: 'Successful', StatusMessage: texts.StatusMessage });
      ctx.log.info('scaled', { resource: ref.resourceId, policy: ref.name, from: target.current, to: d.desired });
    } catch (e) {
      await recordActivity(ctx.store, { ...activity, EndTime: ctx.now(), StatusCode: 'Failed', StatusMessage: `Failed to set desired count to ${d.desired}. Reason: ${String((e as Error)?.message ?? e)}` });
    }
  }

  return { invoke };
}

/**
 * UpdateService as Application Auto Scaling's service-linked role (AWSServiceRoleForApplicationAutoScaling_ECSService):
 * the seam's scope of the call, evaluated against the role's published policy, and refused in IAM's words
 * if it does not allow it.
 */
export async function setDesiredCountAsScaler(ctx: ServerContext, cluster: string, service: string, desiredCount: number): Promise<void> {
  const role = APPLICATION_AUTOSCALING_ECS_ROLE;
  const roleArn = serviceLinkedRoleArn(ctx.identity, role);
  const req = { cluster, service, desiredCount };
  const scope = await scopeOf(ctx, 'ecs:UpdateService', req);
  const d = evaluateAll([role.policy], 'ecs:UpdateService', scope.resources, scope.context);
  if (d.decision !== 'Allow') throw accessDenied(ECS_API, roleArn, 'ecs:UpdateService', d.resource, d.decision === 'ExplicitDeny');
  await updateService(ctx, req, {
    requestId: randomUUID(), transport: 'grpc', peer: 'leader', action: 'UpdateService',
    api: { name: ECS_API.name, iamPrefix: ECS_API.iamPrefix }, caller: { kind: 'anonymous', reason: `Application Auto Scaling, as ${roleArn}` },
  });
}
