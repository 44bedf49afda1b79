// berth describe lb NAME: a load balancer with where it is served (each group of load-balancer machines
// and the addresses they reported), its listeners and rules' targets, and each target group's targets
// with their health, read through ELBv2's API as `aws elbv2 describe-*` would.
import { ELBV2_API, type Elbv2 } from '@berth/core';
import type { CommandContext } from '../context.js';
import { render } from '../output.js';

interface Described {
  LoadBalancer: Elbv2.LoadBalancer;
  Listeners: Elbv2.Listener[];
  TargetGroups: (Elbv2.TargetGroup & { Targets: Elbv2.TargetHealthDescription[] })[];
}

const name = (tgArn: string) => tgArn.split(':').pop()!.split('/')[1] ?? tgArn;

/** Where each action sends requests, in words. */
function actionText(a: Elbv2.Action): string {
  if (a.Type === 'forward') {
    const groups = a.ForwardConfig?.TargetGroups ?? (a.TargetGroupArn ? [{ TargetGroupArn: a.TargetGroupArn }] : []);
    return `forward ${groups.map((g) => `${name(g.TargetGroupArn!)}${g.Weight !== undefined && groups.length > 1 ? ` (weight ${g.Weight})` : ''}`).join(', ')}`;
  }
  if (a.Type === 'fixed-response') return `fixed-response ${a.FixedResponseConfig?.StatusCode}`;
  if (a.Type === 'redirect') return `redirect ${a.RedirectConfig?.StatusCode}`;
  return a.Type;
}

export async function describeLoadBalancer(ctx: CommandContext, lbName: string): Promise<void> {
  const call = <R>(action: string, req: object) => ctx.client.callApi(ELBV2_API, action, req) as Promise<R>;
  const lb = (await call<Elbv2.DescribeLoadBalancersOutput>('DescribeLoadBalancers', { Names: [lbName] })).LoadBalancers![0]!;
  const listeners = (await call<Elbv2.DescribeListenersOutput>('DescribeListeners', { LoadBalancerArn: lb.LoadBalancerArn })).Listeners ?? [];
  const groups = (await call<Elbv2.DescribeTargetGroupsOutput>('DescribeTargetGroups', { LoadBalancerArn: lb.LoadBalancerArn })).TargetGroups ?? [];
  const described: Described = {
    LoadBalancer: lb,
    Listeners: listeners,
    TargetGroups: await Promise.all(groups.map(async (g) => ({
      ...g, Targets: (await call<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: g.TargetGroupArn })).TargetHealthDescriptions ?? [],
    }))),
  };
  ctx.out(render(ctx.output, described, () => {
    const lines = [
      `Name:       ${lb.LoadBalancerName}`,
      `ARN:        ${lb.LoadBalancerArn}`,
      `DNS name:   ${lb.DNSName}`,
      `Type:       ${lb.Type}, ${lb.Scheme}, ${lb.State?.Code}`,
      'Served by:',
      ...(lb.AvailabilityZones ?? []).map((z) => {
        const addresses = (z.LoadBalancerAddresses ?? []).map((a) => a.IpAddress);
        return `  group ${z.SubnetId}: ${addresses.length ? addresses.join(', ') : 'no machine serving (run berth-lb --group ' + z.SubnetId + ')'}`;
      }),
      'Listeners:',
      ...(listeners.length ? listeners.map((l) => `  ${l.Protocol}:${l.Port}  ${(l.DefaultActions ?? []).map(actionText).join('; ')}`) : ['  none']),
      'Target groups:',
      ...(described.TargetGroups.length ? described.TargetGroups.flatMap((g) => {
        const states = g.Targets.map((d) => d.TargetHealth?.State ?? 'unknown');
        const counts = [...new Set(states)].sort().map((s) => `${states.filter((x) => x === s).length} ${s}`).join(', ');
        return [
          `  ${g.TargetGroupName} (${g.Protocol}:${g.Port}, ${g.TargetType}): ${counts || 'no targets'}`,
          ...g.Targets.map((d) => `    ${d.Target?.Id}:${d.Target?.Port}  ${d.TargetHealth?.State}${d.TargetHealth?.Reason ? ` (${d.TargetHealth.Reason})` : ''}`),
        ];
      }) : ['  none']),
    ];
    return lines.join('\n') + '\n';
  }));
}
