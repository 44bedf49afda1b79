// The services controller's side of load balancing (issue 24 §4): what a service's target groups say of
// its tasks (their targets' health, the longest deregistration delay), and its tasks' registrations
// brought to what serves: a RUNNING task's targets registered, a stopping one's deregistered (they drain).
// The decisions are core's (taskTargets, targetChanges, taskTargetHealth); this reads and writes.
import {
  drainSeconds, serviceMessage, serviceTargetGroups, taskTargetHealth, taskTargets, type Elbv2, type LoadBalancer, type ServiceMessage, type TaskTargetHealth,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import type { TaskRecord } from '../../state/tasks.js';
import { findTargetGroup } from '../../handlers/elb/lookup.js';
import { syncServiceTargets, targetStates } from '../../handlers/elb/targets.js';

export interface ServiceBalancing {
  /** The target group ids the service registers in (what a health report kicks). */
  groupIds: string[];
  /** Its target groups' longest deregistration delay. */
  drainSeconds: number;
  targetHealth(r: TaskRecord): TaskTargetHealth;
}

/**
 * The load balancers one task registers with: the service's, each blue/green pair's group chosen for
 * the task (core's registeredLoadBalancer).
 */
export type TaskLoadBalancers = (r: TaskRecord) => LoadBalancer[];

/** What a service's target groups say now; a group deleted meanwhile says nothing (its tasks stay initial). */
export async function serviceBalancing(ctx: ServerContext, lbs: readonly LoadBalancer[], lbsOf: TaskLoadBalancers): Promise<ServiceBalancing> {
  const states = new Map<string, Map<string, Elbv2.TargetHealthStateEnum>>();
  const attributes: Record<string, string>[] = [];
  const groupIds: string[] = [];
  for (const arn of serviceTargetGroups(lbs)) {
    const tg = await findTargetGroup(ctx, arn);
    if (!tg) continue;
    groupIds.push(tg.value.id);
    attributes.push(tg.value.attributes);
    states.set(arn, await targetStates(ctx, tg));
  }
  return {
    groupIds,
    drainSeconds: drainSeconds(attributes),
    targetHealth: (r) => taskTargetHealth(lbsOf(r).map((lb) => {
      const target = r.containerInstanceId ? taskTargets(r.task, r.containerInstanceId, [lb])[0] : undefined;
      const state = target && states.get(lb.targetGroupArn!)?.get(`${target.id}:${target.port}`);
      return { targetGroupArn: lb.targetGroupArn!, ...(state ? { state } : {}) };
    })),
  };
}

/**
 * Each target group's registrations brought to the service's serving tasks: RUNNING, desired RUNNING and
 * not among `stopping` (the stops this decision asked for). The service events say what changed, as ECS's do.
 */
export async function syncTargets(ctx: ServerContext, service: { arn: string; name: string }, lbs: readonly LoadBalancer[], lbsOf: TaskLoadBalancers,
  records: readonly TaskRecord[], stopping: ReadonlySet<string>): Promise<ServiceMessage[]> {
  const serving = records.filter((r) => r.task.lastStatus === 'RUNNING' && r.task.desiredStatus === 'RUNNING' && !stopping.has(r.task.taskArn!) && r.containerInstanceId);
  const desired = serving.flatMap((r) => taskTargets(r.task, r.containerInstanceId!, lbsOf(r)));
  const messages: ServiceMessage[] = [];
  for (const arn of serviceTargetGroups(lbs)) {
    const done = await syncServiceTargets(ctx, arn, service.arn, desired.filter((d) => d.targetGroupArn === arn));
    if (done.deregistered > 0) messages.push(serviceMessage('deregisteredTargets', service.name, done.deregistered, arn));
    if (done.registered > 0) messages.push(serviceMessage('registeredTargets', service.name, done.registered, arn));
  }
  return messages;
}
