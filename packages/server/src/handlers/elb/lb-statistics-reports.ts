// ReportLoadBalancerStatistics (Berth's fleet service): a load-balancer machine gives its HAProxy's counters
// per target group and its listeners' connections per load balancer, and the addresses it serves on. Only a certificate of kind lb may report, under its
// own machine's id. Each group is
// resolved here, once per report, to the load balancer forwarding to it, so the leader's derivation reads
// nothing else; a group deleted meanwhile is dropped, as it has no figures to keep.
import { isIP } from 'node:net';
import { BerthError, LB_GROUP, parseLoadBalancerArn, parseTargetGroupArn, type LoadBalancerCounters, type TargetGroupCounters } from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../../context.js';
import { getTargetGroup } from '../../state/target-groups.js';
import { getLoadBalancer } from '../../state/load-balancers.js';
import { putLbStatistics } from '../../state/lb-statistics.js';

export async function reportLoadBalancerStatistics(ctx: ServerContext, req: { group: string; addresses?: string[]; collectedAt: number; targetGroups?: TargetGroupCounters[]; loadBalancers?: LoadBalancerCounters[] }, call: CallContext): Promise<Record<string, never>> {
  const c = call.caller;
  if (c.kind !== 'component' || c.component !== 'lb') throw new BerthError('AccessDeniedException', 'Only a load-balancer machine (berth-lb, joined with a token of kind lb) reports load-balancer statistics.');
  if (!LB_GROUP.test(req.group)) throw new BerthError('InvalidParameterException', `The group '${req.group.slice(0, 64)}' is not a group name (letters, digits, '.', '_' and '-', up to 63).`, 'group');
  const addresses = req.addresses ?? [];
  addresses.forEach((a, i) => {
    if (isIP(a) === 0) throw new BerthError('InvalidParameterException', `'${a.slice(0, 64)}' is not an IP address.`, `addresses[${i}]`);
  });
  const groups: TargetGroupCounters[] = [];
  // Berth's own protos carry no presence field: a machine serving no target group sends an empty list,
  // which arrives absent (make up's berth-lb on a fresh machine).
  for (const g of req.targetGroups ?? []) {
    const ref = parseTargetGroupArn(g.targetGroupArn);
    const tg = ref && (await getTargetGroup(ctx.store, ref.name));
    if (!tg || tg.value.targetGroup.TargetGroupArn !== g.targetGroupArn) continue;
    const { loadBalancerArn: _claimed, ...counters } = g;
    const balancer = Object.values(tg.value.forwardedBy).sort()[0];
    groups.push({ ...counters, ...(balancer !== undefined ? { loadBalancerArn: balancer } : {}) });
  }
  // Its listeners' connections, for load balancers that still exist.
  const balancers: LoadBalancerCounters[] = [];
  for (const b of req.loadBalancers ?? []) {
    const ref = parseLoadBalancerArn(b.loadBalancerArn);
    const lb = ref && (await getLoadBalancer(ctx.store, ref.name));
    if (lb?.value.loadBalancer.LoadBalancerArn === b.loadBalancerArn) balancers.push(b);
  }
  await putLbStatistics(ctx.store, req.group, c.id, { addresses, collectedAt: req.collectedAt, receivedAt: ctx.now(), targetGroups: groups, ...(req.loadBalancers ? { loadBalancers: balancers } : {}) });
  return {};
}
