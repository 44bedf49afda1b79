// Running an ECS target of an EventBridge rule or an EventBridge Scheduler schedule: RunTask as the
// target's role (service-role.ts), with the target's EcsParameters, the input as the task's overrides
// (as EventBridge passes it to ECS), and a clientToken the caller derives from what is invoked (rule,
// target and event; schedule and occurrence), so running it again after a failover answers the tasks of
// the first run instead of starting more. The request goes through the ECS model's check, as any RunTask.
import { createHash } from 'node:crypto';
import { BerthError, ECS_API, checkShape, clusterName, type PlacementConstraint, type PlacementStrategy, type RunTaskRequest, type Tag, type TaskOverride } from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../context.js';
import { runTask } from '../handlers/tasks/run-task.js';
import { scopeOf, serviceRoleAuthorizer } from './service-role.js';

/** EcsParameters as EventBridge and EventBridge Scheduler both have them (Tags differ: a list of pairs, or of maps). */
export interface EcsTargetParameters {
  TaskDefinitionArn: string;
  TaskCount?: number;
  LaunchType?: string;
  Group?: string;
  /** ECS's own shapes (both models spell them as ECS does). */
  PlacementConstraints?: { type?: string; expression?: string }[];
  PlacementStrategy?: { type?: string; field?: string }[];
  PropagateTags?: string;
  ReferenceId?: string;
  EnableECSManagedTags?: boolean;
  Tags?: ({ Key: string; Value: string } | Record<string, string>)[];
}

export interface EcsInvocation {
  clusterArn: string;
  roleArn: string;
  /** The service principal the role must trust. */
  principal: 'events.amazonaws.com' | 'scheduler.amazonaws.com';
  ecs: EcsTargetParameters;
  /** JSON text: the task's overrides (absent: none). */
  input?: string;
  /** What the invocation is, made into RunTask's clientToken. */
  idempotencyKey: string;
  startedBy: string;
}

export interface InvocationOutcome {
  taskArns: string[];
  failure?: string;
}

/** RunTask's clientToken for an invocation: 64 hex characters, ECS's longest. */
export const invocationToken = (key: string) => createHash('sha256').update(key).digest('hex');

function tagsOf(tags: EcsTargetParameters['Tags']): Tag[] | undefined {
  if (!tags) return undefined;
  return tags.flatMap((t) => ('Key' in t && 'Value' in t && Object.keys(t).length === 2 ? [{ key: t.Key, value: t.Value }] : Object.entries(t).map(([key, value]) => ({ key, value }))));
}

/** The RunTask request of an invocation. */
export function runTaskRequest(inv: EcsInvocation): RunTaskRequest {
  const e = inv.ecs;
  let overrides: TaskOverride | undefined;
  if (inv.input !== undefined) {
    const v = JSON.parse(inv.input) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new BerthError('InvalidParameterException', 'The target input must be a JSON object: the task overrides (containerOverrides, taskRoleArn, ...).', 'overrides');
    overrides = v as TaskOverride;
  }
  const tags = tagsOf(e.Tags);
  const req: RunTaskRequest = {
    cluster: clusterName(inv.clusterArn), taskDefinition: e.TaskDefinitionArn, count: e.TaskCount ?? 1,
    clientToken: invocationToken(inv.idempotencyKey), startedBy: inv.startedBy.slice(0, 128),
    ...(e.LaunchType !== undefined ? { launchType: e.LaunchType as RunTaskRequest['launchType'] } : {}),
    ...(e.Group !== undefined ? { group: e.Group } : {}),
    ...(e.PlacementConstraints ? { placementConstraints: e.PlacementConstraints as PlacementConstraint[] } : {}),
    ...(e.PlacementStrategy ? { placementStrategy: e.PlacementStrategy as PlacementStrategy[] } : {}),
    ...(e.PropagateTags !== undefined ? { propagateTags: e.PropagateTags as RunTaskRequest['propagateTags'] } : {}),
    ...(e.ReferenceId !== undefined ? { referenceId: e.ReferenceId } : {}),
    ...(e.EnableECSManagedTags !== undefined ? { enableECSManagedTags: e.EnableECSManagedTags } : {}),
    ...(tags ? { tags } : {}),
    ...(overrides ? { overrides } : {}),
  };
  checkShape('RunTaskRequest', req, '', ECS_API.shapes);
  return req;
}

/** Runs the target; never throws: a refusal or an error is the outcome's failure, in ECS's or IAM's words. */
export async function runEcsTarget(ctx: ServerContext, inv: EcsInvocation): Promise<InvocationOutcome> {
  try {
    const req = runTaskRequest(inv);
    const authorize = await serviceRoleAuthorizer(ctx, inv.roleArn, inv.principal, ECS_API);
    const call: CallContext = {
      requestId: req.clientToken!, transport: 'grpc', peer: inv.startedBy, api: ECS_API, action: 'RunTask',
      caller: { kind: 'anonymous', reason: `${inv.principal} as ${inv.roleArn}` },
    };
    const scope = await scopeOf(ctx, 'ecs:RunTask', req);
    await authorize({ caller: call.caller, action: 'ecs:RunTask', ...scope }, call);
    const res = await runTask({ ...ctx, authorize }, req, call);
    const taskArns = (res.tasks ?? []).map((t) => t.taskArn!);
    const failures = (res.failures ?? []).map((f) => `${f.arn ?? ''} ${f.reason ?? ''}${f.detail ? `: ${f.detail}` : ''}`.trim());
    return { taskArns, ...(failures.length ? { failure: failures.join('; ') } : {}) };
  } catch (e) {
    const name = e instanceof BerthError ? e.ecsName : 'Error';
    return { taskArns: [], failure: `${name}: ${(e as Error).message}` };
  }
}
