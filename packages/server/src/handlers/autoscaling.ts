// Application Auto Scaling (issue 22 §1, §3; SigV4 service `application-autoscaling`, JSON 1.1) for ECS
// services' desired count: scalable targets, target-tracking and step scaling policies, and the scaling
// activities the scaler (controllers/leader/scaler.ts) records. A target-tracking policy is carried out by
// two CloudWatch alarms Berth creates for it, as AWS does (AlarmHigh: 3 of 3 periods above the target;
// AlarmLow: 15 of 15 below 90% of it, left out with DisableScaleIn); step scaling policies are invoked by
// the alarms users create. Scheduled actions are in autoscaling-scheduled.ts.
import { randomUUID } from 'node:crypto';
import {
  APPLICATIONAUTOSCALING_API, APPLICATION_AUTOSCALING_ECS_ROLE, BerthError, isMetricMathProblem, readPromQLMetrics, serviceLinkedRoleArn, clampToBounds, ECS_NAMESPACE, ELB_NAMESPACE, parseAlbResourceLabel, unsupportedSentence,
  type Applicationautoscaling as Aas, type Cloudwatch,
} from '@berth/core';
import type { ActionTable, CallContext } from '@berth/api';
import { updateService } from './services.js';
import type { ServerContext } from '../context.js';
import { commitWithRetry } from '../state/kit.js';
import { getService } from '../state/services.js';
import {
  deleteScalingOf, getPolicy, getTarget, getTargets, policiesPrefix, policyKey, putPolicyOp, putTargetOp, scalingPage, activitiesPrefix, targetsPrefix, targetKey,
  type ScalableTargetRecord, type ScalingPolicyRecord,
} from '../state/scaling.js';
import { alarmKey, deleteAlarmOp, putAlarmOp } from '../state/alarms.js';
import { ALARM_NAMESPACES, alarmFrom, validateAlarm } from './cloudwatch/alarms.js';
import { encodeToken } from '../pagination.js';
import { deleteScheduledAction, describeScheduledActions, putScheduledAction } from './autoscaling-scheduled.js';
import { NO_PROMETHEUS } from '../metrics/prometheus-query.js';
import { DIMENSION, checkScope, notFound, pageArgs, serviceOfResource, unsupported, validation } from './autoscaling-scope.js';

/** A policy's ARN, as Application Auto Scaling writes it (what an alarm's action names). */
export const policyArn = (ctx: ServerContext, id: string, resourceId: string, name: string) =>
  `arn:${ctx.identity.partition}:autoscaling:${ctx.identity.region}:${ctx.identity.accountId}:scalingPolicy:${id}:resource/ecs/${resourceId}:policyName/${name}`;

/** The resource and policy name in a policy ARN, or undefined. */
export function parsePolicyArn(arn: string): { resourceId: string; name: string } | undefined {
  const m = /:scalingPolicy:[^:]+:resource\/ecs\/(service\/[^/]+\/[^:]+):policyName\/(.+)$/.exec(arn);
  return m ? { resourceId: m[1]!, name: m[2]! } : undefined;
}

async function registerScalableTarget(ctx: ServerContext, req: Aas.RegisterScalableTargetRequest, call: CallContext): Promise<Aas.RegisterScalableTargetResponse> {
  checkScope(req);
  const { cluster, service } = serviceOfResource(req.ResourceId);
  const svc = await getService(ctx.store, cluster, service);
  if (!svc || svc.value.service.status !== 'ACTIVE') throw validation('ResourceId', `ECS service doesn't exist: ${req.ResourceId}`);
  // As AWS for ECS: the scaler always acts as the service-linked role (controllers/leader/scaler.ts).
  const slr = serviceLinkedRoleArn(ctx.identity, APPLICATION_AUTOSCALING_ECS_ROLE);
  if (req.RoleARN !== undefined && req.RoleARN !== slr) throw unsupported('RoleARN', `an ECS service scales as the service-linked role ${slr}, never as another role.`);
  const out = await commitWithRetry(ctx.store, async () => {
    const before = await getTarget(ctx.store, 'ecs', req.ResourceId, DIMENSION);
    const prev = before?.value.target;
    const min = req.MinCapacity ?? prev?.MinCapacity;
    const max = req.MaxCapacity ?? prev?.MaxCapacity;
    if (min === undefined || max === undefined) throw validation(min === undefined ? 'MinCapacity' : 'MaxCapacity', 'MinCapacity and MaxCapacity are required for registering a new scalable target.');
    if (min < 0 || min > max) throw validation('MinCapacity', `Minimum capacity (${min}) cannot be greater than maximum capacity (${max}).`);
    const target: Aas.ScalableTarget = {
      ServiceNamespace: 'ecs', ResourceId: req.ResourceId, ScalableDimension: DIMENSION, MinCapacity: min, MaxCapacity: max,
      RoleARN: serviceLinkedRoleArn(ctx.identity, APPLICATION_AUTOSCALING_ECS_ROLE),
      CreationTime: prev?.CreationTime ?? ctx.now(),
      SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false, ...prev?.SuspendedState, ...req.SuspendedState },
      ScalableTargetARN: prev?.ScalableTargetARN ?? `arn:${ctx.identity.partition}:application-autoscaling:${ctx.identity.region}:${ctx.identity.accountId}:scalable-target/${randomUUID().replace(/-/g, '').slice(0, 28)}`,
    };
    const tags = req.Tags ?? before?.value.tags;
    const rec: ScalableTargetRecord = { target, ...(tags ? { tags } : {}) };
    return { txn: { compare: [{ key: targetKey('ecs', req.ResourceId, DIMENSION), modRevision: before?.modRevision ?? 0 }], success: [putTargetOp(rec)] }, result: { arn: target.ScalableTargetARN!, min, max } };
  });
  // As AWS: an active resource's current capacity is brought inside the range.
  const current = (await getService(ctx.store, cluster, service))?.value.service.desiredCount ?? 0;
  const { desired, clamped } = clampToBounds(current, out.min, out.max);
  if (clamped) await updateService(ctx, { cluster, service, desiredCount: desired }, call);
  return { ScalableTargetARN: out.arn };
}

async function deregisterScalableTarget(ctx: ServerContext, req: Aas.DeregisterScalableTargetRequest): Promise<Aas.DeregisterScalableTargetResponse> {
  checkScope(req);
  const before = await getTarget(ctx.store, 'ecs', req.ResourceId, DIMENSION);
  if (!before) throw notFound(`No scalable target registered for service namespace: ecs, resource ID: ${req.ResourceId}, scalable dimension: ${DIMENSION}`);
  // The target-tracking alarms go with their policies.
  for (const p of (await scalingPage<ScalingPolicyRecord>(ctx.store, policiesPrefix('ecs', req.ResourceId), undefined, 0)).items) {
    const alarms = p.value.policy.Alarms ?? [];
    if (alarms.length) await ctx.store.txn({ compare: [], success: alarms.map((a) => deleteAlarmOp(a.AlarmName)) });
  }
  await deleteScalingOf(ctx.store, before.value);
  return {};
}

async function describeScalableTargets(ctx: ServerContext, req: Aas.DescribeScalableTargetsRequest): Promise<Aas.DescribeScalableTargetsResponse> {
  checkScope(req);
  if (req.ResourceIds?.length) return { ScalableTargets: (await getTargets(ctx.store, 'ecs', req.ResourceIds, DIMENSION)).map((r) => r.target) };
  const { limit, after } = pageArgs(req, targetsPrefix('ecs'));
  const page = await scalingPage<ScalableTargetRecord>(ctx.store, targetsPrefix('ecs'), after, limit);
  return { ScalableTargets: page.items.map((r) => r.value.target), ...(page.more && page.last ? { NextToken: encodeToken(page.last) } : {}) };
}

/** The metric a target-tracking policy tracks, as an alarm's members. */
function trackedMetric(ctx: ServerContext, resourceId: string, c: Aas.TargetTrackingScalingPolicyConfiguration): Pick<Cloudwatch.PutMetricAlarmInput, 'Namespace' | 'MetricName' | 'Dimensions' | 'Statistic' | 'Unit' | 'Metrics'> {
  const field = 'TargetTrackingScalingPolicyConfiguration';
  const { cluster, service } = serviceOfResource(resourceId);
  if ((c.PredefinedMetricSpecification === undefined) === (c.CustomizedMetricSpecification === undefined)) {
    throw validation(`${field}.PredefinedMetricSpecification`, 'Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be given.');
  }
  const p = c.PredefinedMetricSpecification;
  if (p) {
    const byType: Record<string, string> = { ECSServiceAverageCPUUtilization: 'CPUUtilization', ECSServiceAverageMemoryUtilization: 'MemoryUtilization' };
    if (p.PredefinedMetricType === 'ALBRequestCountPerTarget') {
      // ELB's requests per target of the group the label names (AWS/ApplicationELB, Sum over the period).
      const label = p.ResourceLabel === undefined ? undefined : parseAlbResourceLabel(p.ResourceLabel);
      if (!label) throw validation(`${field}.PredefinedMetricSpecification.ResourceLabel`, 'ALBRequestCountPerTarget needs a ResourceLabel of the form app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>.');
      return { Namespace: ELB_NAMESPACE, MetricName: 'RequestCountPerTarget', Dimensions: [{ Name: 'TargetGroup', Value: label.targetGroup }], Statistic: 'Sum' };
    }
    const metric = byType[p.PredefinedMetricType];
    if (!metric) throw validation(`${field}.PredefinedMetricSpecification.PredefinedMetricType`, `${p.PredefinedMetricType} is not a metric of ECS services (ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget).`);
    if (p.ResourceLabel !== undefined) throw validation(`${field}.PredefinedMetricSpecification.ResourceLabel`, `A ResourceLabel goes with ALBRequestCountPerTarget only, not with ${p.PredefinedMetricType}.`);
    return { Namespace: ECS_NAMESPACE, MetricName: metric, Dimensions: [{ Name: 'ClusterName', Value: cluster }, { Name: 'ServiceName', Value: service }], Statistic: 'Average' };
  }
  const m = c.CustomizedMetricSpecification!;
  if (m.Metrics !== undefined) {
    const single = (['MetricName', 'Namespace', 'Dimensions', 'Statistic', 'Unit'] as const).find((k) => m[k] !== undefined);
    if (single) throw validation(`${field}.CustomizedMetricSpecification.${single}`, `A customized metric gives either Metrics or MetricName, Namespace, Dimensions, Statistic and Unit, not both (${single} given with Metrics).`);
    return { Metrics: [trackedExpression(ctx, m.Metrics, `${field}.CustomizedMetricSpecification`)] };
  }
  if (m.Namespace === undefined || m.MetricName === undefined || m.Statistic === undefined) {
    throw validation(`${field}.CustomizedMetricSpecification`, 'A customized metric needs Namespace, MetricName and Statistic.');
  }
  if (!ALARM_NAMESPACES.includes(m.Namespace)) throw unsupported(`${field}.CustomizedMetricSpecification.Namespace`, `Berth has the metrics of ${ALARM_NAMESPACES.join(', ')} only.`);
  return {
    Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: (m.Dimensions ?? []).map((d) => ({ Name: d.Name, Value: d.Value })),
    Statistic: m.Statistic as Cloudwatch.Statistic, ...(m.Unit !== undefined ? { Unit: m.Unit as Cloudwatch.StandardUnit } : {}),
  };
}

/**
 * A customized metric's `Metrics`, in Berth's reading: one Expression, evaluated as PromQL against
 * --prometheus-url, as the query its alarms watch (one period of 60 s, as AWS's target tracking has).
 */
function trackedExpression(ctx: ServerContext, metrics: Aas.TargetTrackingMetricDataQuery[], field: string): Cloudwatch.MetricDataQuery {
  const r = readPromQLMetrics(metrics, (i) => `${field}.Metrics.${i}`, ctx.identity.accountId);
  if (isMetricMathProblem(r)) throw r.kind === 'invalid' ? validation(r.field, r.message) : unsupported(r.field, r.message);
  if (!ctx.promql) throw unsupported(`${field}.Metrics.0.Expression`, NO_PROMETHEUS);
  const q = metrics[0]!;
  return { Id: q.Id, Expression: r.expression, ReturnData: true, Period: 60, ...(r.label !== undefined ? { Label: r.label } : {}) };
}

/** The alarms carrying out a target-tracking policy (AWS's names and rules). */
function targetTrackingAlarms(ctx: ServerContext, arn: string, resourceId: string, c: Aas.TargetTrackingScalingPolicyConfiguration): Cloudwatch.PutMetricAlarmInput[] {
  const metric = trackedMetric(ctx, resourceId, c);
  // An alarm on metric math has its period in its Metrics.
  const base = { ...metric, ...(metric.Metrics ? {} : { Period: 60 }), AlarmActions: [arn], TreatMissingData: 'missing' };
  const high: Cloudwatch.PutMetricAlarmInput = {
    ...base, AlarmName: `TargetTracking-${resourceId}-AlarmHigh-${randomUUID()}`, EvaluationPeriods: 3, DatapointsToAlarm: 3,
    Threshold: c.TargetValue, ComparisonOperator: 'GreaterThanThreshold',
    AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${arn}.`,
  };
  const low: Cloudwatch.PutMetricAlarmInput = {
    ...base, AlarmName: `TargetTracking-${resourceId}-AlarmLow-${randomUUID()}`, EvaluationPeriods: 15, DatapointsToAlarm: 15,
    Threshold: c.TargetValue * 0.9, ComparisonOperator: 'LessThanThreshold',
    AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${arn}.`,
  };
  return c.DisableScaleIn ? [high] : [high, low];
}

function checkStepConfig(c: Aas.StepScalingPolicyConfiguration | undefined): Aas.StepScalingPolicyConfiguration {
  const field = 'StepScalingPolicyConfiguration';
  if (!c) throw validation(field, 'StepScalingPolicyConfiguration is required for a StepScaling policy.');
  if (c.AdjustmentType === undefined) throw validation(`${field}.AdjustmentType`, 'AdjustmentType is required.');
  if (!c.StepAdjustments?.length) throw validation(`${field}.StepAdjustments`, 'At least one step adjustment is required.');
  if (c.MinAdjustmentMagnitude !== undefined && c.AdjustmentType !== 'PercentChangeInCapacity') {
    throw validation(`${field}.MinAdjustmentMagnitude`, 'MinAdjustmentMagnitude is only supported with PercentChangeInCapacity.');
  }
  if (c.MetricAggregationType !== undefined && c.MetricAggregationType !== 'Average') {
    throw unsupported(`${field}.MetricAggregationType`, 'the step is chosen from the alarm\'s newest datapoint (Average).');
  }
  c.StepAdjustments.forEach((s, i) => {
    if (s.MetricIntervalLowerBound === undefined && s.MetricIntervalUpperBound === undefined && c.StepAdjustments!.length > 1) {
      throw validation(`${field}.StepAdjustments.${i}`, 'Only one step adjustment may have neither bound.');
    }
  });
  return c;
}

async function putScalingPolicy(ctx: ServerContext, req: Aas.PutScalingPolicyRequest): Promise<Aas.PutScalingPolicyResponse> {
  checkScope(req);
  const type = req.PolicyType ?? 'StepScaling';
  if (type === 'PredictiveScaling') throw unsupported('PolicyType', 'there is no predictive scaling.');
  if (type === 'StepScaling' && req.TargetTrackingScalingPolicyConfiguration) throw validation('TargetTrackingScalingPolicyConfiguration', 'A StepScaling policy takes StepScalingPolicyConfiguration.');
  if (type === 'TargetTrackingScaling' && req.StepScalingPolicyConfiguration) throw validation('StepScalingPolicyConfiguration', 'A TargetTrackingScaling policy takes TargetTrackingScalingPolicyConfiguration.');
  const target = await getTarget(ctx.store, 'ecs', req.ResourceId, DIMENSION);
  if (!target) throw notFound(`No scalable target registered for service namespace: ecs, resource ID: ${req.ResourceId}, scalable dimension: ${DIMENSION}`);
  const before = await getPolicy(ctx.store, 'ecs', req.ResourceId, req.PolicyName);
  const arn = before?.value.policy.PolicyARN ?? policyArn(ctx, randomUUID(), req.ResourceId, req.PolicyName);
  let alarms: Cloudwatch.PutMetricAlarmInput[] = [];
  if (type === 'TargetTrackingScaling') {
    const c = req.TargetTrackingScalingPolicyConfiguration;
    if (!c) throw validation('TargetTrackingScalingPolicyConfiguration', 'TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling policy.');
    alarms = targetTrackingAlarms(ctx, arn, req.ResourceId, c);
    alarms.forEach((a) => validateAlarm(a, ctx));
  } else {
    checkStepConfig(req.StepScalingPolicyConfiguration);
  }
  const policy: Aas.ScalingPolicy = {
    PolicyARN: arn, PolicyName: req.PolicyName, ServiceNamespace: 'ecs', ResourceId: req.ResourceId, ScalableDimension: DIMENSION, PolicyType: type,
    ...(req.StepScalingPolicyConfiguration ? { StepScalingPolicyConfiguration: req.StepScalingPolicyConfiguration } : {}),
    ...(req.TargetTrackingScalingPolicyConfiguration ? { TargetTrackingScalingPolicyConfiguration: req.TargetTrackingScalingPolicyConfiguration } : {}),
    Alarms: alarms.map((a) => ({ AlarmName: a.AlarmName, AlarmARN: alarmFrom(ctx, a, undefined).AlarmArn! })),
    CreationTime: before?.value.policy.CreationTime ?? ctx.now(),
  };
  const rec: ScalingPolicyRecord = { policy, ...(before?.value.last ? { last: before.value.last } : {}) };
  // The policy and its alarms in one transaction; the alarms of the policy it replaces go.
  const ops = [putPolicyOp(rec), ...alarms.map((a) => putAlarmOp({ alarm: alarmFrom(ctx, a, undefined) })), ...(before?.value.policy.Alarms ?? []).map((a) => deleteAlarmOp(a.AlarmName))];
  const res = await ctx.store.txn({ compare: [{ key: policyKey('ecs', req.ResourceId, req.PolicyName), modRevision: before?.modRevision ?? 0 }, ...alarms.map((a) => ({ key: alarmKey(a.AlarmName), modRevision: 0 }))], success: ops });
  if (!res.succeeded) throw new BerthError('ConcurrentUpdateException', `The policy ${req.PolicyName} was changed at the same time; try again.`);
  return { PolicyARN: arn, Alarms: policy.Alarms! };
}

async function deleteScalingPolicy(ctx: ServerContext, req: Aas.DeleteScalingPolicyRequest): Promise<Aas.DeleteScalingPolicyResponse> {
  checkScope(req);
  const before = await getPolicy(ctx.store, 'ecs', req.ResourceId, req.PolicyName);
  if (!before) throw notFound(`No scaling policy found for service namespace: ecs, resource ID: ${req.ResourceId}, scalable dimension: ${DIMENSION}, policy name: ${req.PolicyName}`);
  const res = await ctx.store.txn({
    compare: [{ key: policyKey('ecs', req.ResourceId, req.PolicyName), modRevision: before.modRevision }],
    success: [{ delete: policyKey('ecs', req.ResourceId, req.PolicyName) }, ...(before.value.policy.Alarms ?? []).map((a) => deleteAlarmOp(a.AlarmName))],
  });
  if (!res.succeeded) throw new BerthError('ConcurrentUpdateException', `The policy ${req.PolicyName} was changed at the same time; try again.`);
  return {};
}

async function describeScalingPolicies(ctx: ServerContext, req: Aas.DescribeScalingPoliciesRequest): Promise<Aas.DescribeScalingPoliciesResponse> {
  checkScope(req);
  const prefix = policiesPrefix('ecs', req.ResourceId);
  const { limit, after } = pageArgs(req, prefix);
  const page = await scalingPage<ScalingPolicyRecord>(ctx.store, prefix, after, limit);
  const names = req.PolicyNames?.length ? new Set(req.PolicyNames) : undefined;
  return {
    ScalingPolicies: page.items.map((r) => r.value.policy).filter((p) => !names || names.has(p.PolicyName)),
    ...(page.more && page.last ? { NextToken: encodeToken(page.last) } : {}),
  };
}

async function describeScalingActivities(ctx: ServerContext, req: Aas.DescribeScalingActivitiesRequest): Promise<Aas.DescribeScalingActivitiesResponse> {
  checkScope(req);
  if (req.IncludeNotScaledActivities === true) throw unsupported('IncludeNotScaledActivities', 'only activities that scaled are recorded.');
  const prefix = activitiesPrefix('ecs', req.ResourceId);
  const { limit, after } = pageArgs(req, prefix);
  const page = await scalingPage<Aas.ScalingActivity>(ctx.store, prefix, after, limit, true);
  return { ScalingActivities: page.items.map((r) => r.value), ...(page.more && page.last ? { NextToken: encodeToken(page.last) } : {}) };
}

export function autoScalingActionTable(ctx: ServerContext): ActionTable {
  return {
    api: APPLICATIONAUTOSCALING_API,
    handlers: {
      RegisterScalableTarget: (req: Aas.RegisterScalableTargetRequest, call) => registerScalableTarget(ctx, req, call),
      DeregisterScalableTarget: (req: Aas.DeregisterScalableTargetRequest) => deregisterScalableTarget(ctx, req),
      DescribeScalableTargets: (req: Aas.DescribeScalableTargetsRequest) => describeScalableTargets(ctx, req),
      PutScalingPolicy: (req: Aas.PutScalingPolicyRequest) => putScalingPolicy(ctx, req),
      DeleteScalingPolicy: (req: Aas.DeleteScalingPolicyRequest) => deleteScalingPolicy(ctx, req),
      DescribeScalingPolicies: (req: Aas.DescribeScalingPoliciesRequest) => describeScalingPolicies(ctx, req),
      DescribeScalingActivities: (req: Aas.DescribeScalingActivitiesRequest) => describeScalingActivities(ctx, req),
      PutScheduledAction: (req: Aas.PutScheduledActionRequest) => putScheduledAction(ctx, req),
      DeleteScheduledAction: (req: Aas.DeleteScheduledActionRequest) => deleteScheduledAction(ctx, req),
      DescribeScheduledActions: (req: Aas.DescribeScheduledActionsRequest) => describeScheduledActions(ctx, req),
    },
  };
}
