// CreateService's and UpdateService's loadBalancers, checked as ECS checks them (core's
// checkServiceLoadBalancers) against the target groups they name and the task definition they run.
import { checkServiceLoadBalancers, parseTaskDefinitionRef, type LoadBalancer, type TargetGroupFacts } from '@berth/core';
import type { ServerContext } from '../context.js';
import { getRevision } from '../state/task-definitions.js';
import { findTargetGroup } from './elb/lookup.js';

export async function checkLoadBalancers(ctx: ServerContext, lbs: readonly LoadBalancer[], taskDefinitionArn: string): Promise<void> {
  const { family, revision } = parseTaskDefinitionRef(taskDefinitionArn);
  const td = revision !== undefined ? (await getRevision(ctx.store, family, revision))?.value.taskDefinition : undefined;
  if (!td) return;
  const groups = new Map<string, TargetGroupFacts | undefined>();
  for (const arn of new Set(lbs.flatMap((l) => (l.targetGroupArn ? [l.targetGroupArn] : [])))) {
    const tg = await findTargetGroup(ctx, arn);
    groups.set(arn, tg && { targetType: tg.value.targetGroup.TargetType, hasLoadBalancer: Object.keys(tg.value.forwardedBy).length > 0 });
  }
  checkServiceLoadBalancers(lbs, td, groups);
}
