// The target groups a load balancer's listeners and rules forward to (DescribeTargetGroups by
// LoadBalancerArn, and what berth-lb serves): read from the listeners and rules, each group one key.
import type { ServerContext } from '../../context.js';
import { listenersOf } from '../../state/listeners.js';
import { rulesOf } from '../../state/rules.js';
import type { TargetGroupRecord } from '../../state/target-groups.js';
import { findTargetGroup, requireLoadBalancer } from './lookup.js';
import { forwardedBy } from './rules.js';

export async function forwardedGroups(ctx: ServerContext, lbArn: string): Promise<TargetGroupRecord[]> {
  const lb = await requireLoadBalancer(ctx, lbArn);
  const arns = new Set<string>();
  for (const l of await listenersOf(ctx.store, lb.value.id)) {
    for (const a of forwardedBy(l.value.listener.DefaultActions)) arns.add(a);
    for (const r of await rulesOf(ctx.store, lb.value.id, l.value.id)) for (const a of forwardedBy(r.value.rule.Actions)) arns.add(a);
  }
  const out: TargetGroupRecord[] = [];
  for (const arn of [...arns].sort()) {
    const tg = await findTargetGroup(ctx, arn);
    if (tg) out.push(tg.value);
  }
  return out;
}
