// CreateService's and UpdateService's loadBalancers, checked as ECS checks them (core's
// checkServiceLoadBalancers) against the target groups they name (the alternate ones too) and the task
// definition they run, and the listener rules a blue/green deployment rewrites.
import { checkServiceLoadBalancers, invalid, parseTaskDefinitionRef, serviceTargetGroups, type LoadBalancer, type TargetGroupFacts } from '@berth/core';
import type { ServerContext } from '../context.js';
import { getRevision } from '../state/task-definitions.js';
import { findTargetGroup } from './elb/lookup.js';
import { findRuleActions } from './elb/rules.js';

export async function checkLoadBalancers(ctx: ServerContext, lbs: readonly LoadBalancer[], taskDefinitionArn: string): Promise<void> {
  const { family, revision } = parseTaskDefinitionRef(taskDefinitionArn);
  const td = revision !== undefined ? (await getRevision(ctx.store, family, revision))?.value.taskDefinition : undefined;
  if (!td) return;
  const groups = new Map<string, TargetGroupFacts | undefined>();
  for (const arn of serviceTargetGroups(lbs.filter((l) => l.targetGroupArn))) {
    const tg = await findTargetGroup(ctx, arn);
    groups.set(arn, tg && { targetType: tg.value.targetGroup.TargetType, hasLoadBalancer: Object.keys(tg.value.forwardedBy).length > 0 });
  }
  checkServiceLoadBalancers(lbs, td, groups);
  // Blue/green: the listener rules a deployment rewrites must exist.
  for (const [i, l] of lbs.entries()) {
    for (const m of ['productionListenerRule', 'testListenerRule'] as const) {
      const arn = l.advancedConfiguration?.[m];
      if (arn !== undefined && !(await findRuleActions(ctx, arn))) throw invalid(`loadBalancers[${i}].advancedConfiguration.${m}`, `The listener rule ${arn} does not exist.`);
    }
  }
}
