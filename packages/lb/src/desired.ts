// What the group's load balancers want, read from the control plane through ELBv2's Describe actions
// (what an lb certificate may read): the listeners of every load balancer whose Subnets name this group,
// their rules in priority order, and the target groups they forward to with their attributes and targets.
//
// Those reads are no snapshot: a pass takes many calls, and the control plane may change between them.
// Whoever moves traffic off a target group rewrites the rule first and deregisters the group's targets
// after (the services controller does, as ECS does with ELB); whoever moves traffic onto a group
// registers its targets first. A pass that read the rules before such a rewrite and the targets after
// the deregistration would put together what never was: the old rule still weighting a group whose
// targets all drain, HAProxy answering 503 for that group's share until the next pass. So a pass reads
// the targets of the groups it knows (the last pass's) before the rules as well as after them: a target
// arrives from the later read, but leaves (starts draining, or is gone) only if it had left by the
// earlier one, that is, before the rules were read. A target that left during a pass so leaves HAProxy
// one pass late: a deregistered one serves through its deregistration delay anyway (its task stops only
// after), and a request to one gone at once is retried on another target (`retries`, `redispatch`).
import { ECS_API, ELBV2_API, HOST_ADDRESS_ATTRIBUTE, type DescribeContainerInstancesResponse, type Elbv2 } from '@berth/core';
import type { BerthClient, Logger } from '@berth/api';
import type { Backend, Listener, SlotTarget } from './haproxy-config.js';

export interface DesiredBackend extends Omit<Backend, 'slots'> {
  targets: SlotTarget[];
}

export interface Desired {
  listeners: Listener[];
  /** Each listener's load balancer, by listener id (its frontend counts that load balancer's connections). */
  listenerBalancers: Map<string, string>;
  backends: Map<string, DesiredBackend>;
  /** Targets kept serving this pass: they left after the pass read the rules (see holdLeaving). */
  held: number;
}

const lastId = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

const isDraining = (h: Elbv2.TargetHealthDescription) => h.TargetHealth?.State === 'draining' || h.TargetHealth?.State === 'unhealthy.draining';
const targetKey = (h: Elbv2.TargetHealthDescription) => `${h.Target?.Id}:${h.Target?.Port}`;

/**
 * A group's targets as a pass applies them, from its two reads: `after` (read after the rules), except
 * that a target serving in `before` (read before the rules: registered, not draining) and draining or gone
 * in `after` is kept as `before` had it. Pure.
 */
export function holdLeaving(before: readonly Elbv2.TargetHealthDescription[] | undefined, after: readonly Elbv2.TargetHealthDescription[]): { health: Elbv2.TargetHealthDescription[]; held: number } {
  if (!before) return { health: [...after], held: 0 };
  const serving = new Map(before.filter((h) => !isDraining(h)).map((h) => [targetKey(h), h]));
  let held = 0;
  const health = after.map((h) => {
    const was = serving.get(targetKey(h));
    serving.delete(targetKey(h));
    if (was && isDraining(h)) {
      held++;
      return was;
    }
    return h;
  });
  held += serving.size;
  return { health: [...health, ...serving.values()], held };
}

/**
 * `known`: the target groups the last pass applied, whose targets are read before the rules (a group new
 * to this pass has no earlier read: it took no requests yet).
 */
export async function fetchDesired(client: BerthClient, group: string, cluster: string, log: Logger, known: readonly string[] = []): Promise<Desired> {
  const call = <R>(action: string, req: object) => client.callApi(ELBV2_API, action, req) as Promise<R>;
  const describeHealth = async (arn: string) => (await call<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: arn })).TargetHealthDescriptions ?? [];
  const before = new Map<string, Elbv2.TargetHealthDescription[]>();
  for (const arn of known) {
    try {
      before.set(arn, await describeHealth(arn));
    } catch (e) {
      // Deleted since the last pass: nothing to keep (the rules read next no longer forward to it).
      if ((e as { ecsName?: string }).ecsName !== 'TargetGroupNotFoundException') throw e;
    }
  }
  let held = 0;
  const lbs: Elbv2.LoadBalancer[] = [];
  for (let marker: string | undefined; ;) {
    const page = await call<Elbv2.DescribeLoadBalancersOutput>('DescribeLoadBalancers', marker ? { Marker: marker } : {});
    lbs.push(...(page.LoadBalancers ?? []).filter((lb) => lb.AvailabilityZones?.some((z) => z.SubnetId === group)));
    if (!(marker = page.NextMarker)) break;
  }
  const listeners: Listener[] = [];
  const listenerBalancers = new Map<string, string>();
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
      listenerBalancers.set(lastId(l.ListenerArn!), lb.LoadBalancerArn!);
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
      const kept = holdLeaving(before.get(tg.TargetGroupArn!), await describeHealth(tg.TargetGroupArn!));
      const health = kept.health;
      held += kept.held;
      const addresses = tg.TargetType === 'instance' ? await instanceAddresses(client, cluster, health.map((h) => h.Target!.Id!)) : undefined;
      const targets: SlotTarget[] = [];
      for (const h of health) {
        const id = h.Target!.Id!;
        // An instance target is its container instance's address (the agent's berth.host-address).
        const address = addresses ? addresses.get(id) : id;
        if (address === undefined) {
          log.warn('instance target not served: its container instance is not in this cluster or has no address', { targetGroup: tg.TargetGroupArn, target: id, cluster });
          continue;
        }
        targets.push({ address, ...(addresses ? { id } : {}), port: h.Target!.Port!, draining: isDraining(h) });
      }
      backends.set(tg.TargetGroupArn!, { id: lastId(tg.TargetGroupArn!), arn: tg.TargetGroupArn!, protocol: tg.Protocol === 'HTTP' ? 'HTTP' : 'TCP', targetGroup: tg, attributes, targets });
    }
  }
  return { listeners, listenerBalancers, backends, held };
}

/** The addresses of container instances of berth-lb's cluster, by id (ECS's DescribeContainerInstances, 100 at a time). */
async function instanceAddresses(client: BerthClient, cluster: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    const res = (await client.callApi(ECS_API, 'DescribeContainerInstances', { cluster, containerInstances: unique.slice(i, i + 100) })) as DescribeContainerInstancesResponse;
    for (const ci of res.containerInstances ?? []) {
      const address = ci.attributes?.find((a) => a.name === HOST_ADDRESS_ATTRIBUTE)?.value;
      if (address) out.set(ci.containerInstanceArn!.slice(ci.containerInstanceArn!.lastIndexOf('/') + 1), address);
    }
  }
  return out;
}
