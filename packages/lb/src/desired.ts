// What the group's load balancers want, read from the control plane through ELBv2's Describe actions
// (what an lb certificate may read): the listeners of every load balancer whose Subnets name this group,
// their rules in priority order, and the target groups they forward to with their attributes and targets.
import { ELBV2_API, type Elbv2 } from '@berth/core';
import type { BerthClient, Logger } from '@berth/api';
import type { Backend, Listener, SlotTarget } from './haproxy-config.js';

export interface DesiredBackend extends Omit<Backend, 'slots'> {
  targets: SlotTarget[];
}

export interface Desired {
  listeners: Listener[];
  backends: Map<string, DesiredBackend>;
}

const lastId = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

export async function fetchDesired(client: BerthClient, group: string, log: Logger): Promise<Desired> {
  const call = <R>(action: string, req: object) => client.callApi(ELBV2_API, action, req) as Promise<R>;
  const lbs: Elbv2.LoadBalancer[] = [];
  for (let marker: string | undefined; ;) {
    const page = await call<Elbv2.DescribeLoadBalancersOutput>('DescribeLoadBalancers', marker ? { Marker: marker } : {});
    lbs.push(...(page.LoadBalancers ?? []).filter((lb) => lb.AvailabilityZones?.some((z) => z.SubnetId === group)));
    if (!(marker = page.NextMarker)) break;
  }
  const listeners: Listener[] = [];
  const groupArns = new Set<string>();
  const forwarded = (actions: Elbv2.Action[]) => {
    for (const a of actions) {
      if (a.TargetGroupArn) groupArns.add(a.TargetGroupArn);
      for (const g of a.ForwardConfig?.TargetGroups ?? []) if (g.TargetGroupArn) groupArns.add(g.TargetGroupArn);
    }
  };
  for (const lb of lbs) {
    const ls = (await call<Elbv2.DescribeListenersOutput>('DescribeListeners', { LoadBalancerArn: lb.LoadBalancerArn })).Listeners ?? [];
    for (const l of ls) {
      const protocol = l.Protocol === 'HTTP' ? 'HTTP' : 'TCP';
      const rules = protocol === 'HTTP' ? ((await call<Elbv2.DescribeRulesOutput>('DescribeRules', { ListenerArn: l.ListenerArn })).Rules ?? []).filter((r) => !r.IsDefault) : [];
      forwarded(l.DefaultActions ?? []);
      for (const r of rules) forwarded(r.Actions ?? []);
      listeners.push({
        id: lastId(l.ListenerArn!), port: l.Port!, protocol, defaultActions: l.DefaultActions ?? [],
        rules: rules.map((r) => ({ id: lastId(r.RuleArn!), priority: Number(r.Priority), conditions: r.Conditions ?? [], actions: r.Actions ?? [] })).sort((a, b) => a.priority - b.priority),
      });
    }
  }
  const backends = new Map<string, DesiredBackend>();
  const arns = [...groupArns];
  for (let i = 0; i < arns.length; i += 20) {
    for (const tg of (await call<Elbv2.DescribeTargetGroupsOutput>('DescribeTargetGroups', { TargetGroupArns: arns.slice(i, i + 20) })).TargetGroups ?? []) {
      const attributes = Object.fromEntries(((await call<Elbv2.DescribeTargetGroupAttributesOutput>('DescribeTargetGroupAttributes', { TargetGroupArn: tg.TargetGroupArn })).Attributes ?? []).map((a) => [a.Key!, a.Value!]));
      const health = (await call<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: tg.TargetGroupArn })).TargetHealthDescriptions ?? [];
      const targets: SlotTarget[] = [];
      for (const h of health) {
        // Instance targets name a container instance: its address is not resolved yet (issue 24 §4).
        if (tg.TargetType !== 'ip') {
          log.warn('instance targets are not served yet: register ip targets', { targetGroup: tg.TargetGroupArn, target: h.Target?.Id });
          continue;
        }
        targets.push({ address: h.Target!.Id!, port: h.Target!.Port!, draining: h.TargetHealth?.State === 'draining' || h.TargetHealth?.State === 'unhealthy.draining' });
      }
      backends.set(tg.TargetGroupArn!, { id: lastId(tg.TargetGroupArn!), arn: tg.TargetGroupArn!, protocol: tg.Protocol === 'HTTP' ? 'HTTP' : 'TCP', targetGroup: tg, attributes, targets });
    }
  }
  return { listeners, backends };
}
