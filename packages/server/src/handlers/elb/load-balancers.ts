// CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer. A load balancer's Subnets name groups of
// load-balancer machines (each runs `berth-lb --group NAME`); its DNSName is `NAME-ID.elb.berth` (what an
// operator points a DNS name at: DescribeLoadBalancers and `berth describe lb` list the addresses of the
// machines serving each group, as ELB lists a network load balancer's addresses per subnet). Members Berth cannot
// act on (security groups, addresses per subnet, IPv6, IPAM pools, gateway load balancers) are refused
// naming the member.
import {
  BerthError, ELB_LIMITS, LB_GROUP, checkElbName, loadBalancerArn, newElbId, unsupportedSentence, validation, type Elbv2,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import { commitWithRetry } from '../../state/kit.js';
import {
  createLoadBalancerCompare, deleteLoadBalancerOp, getLoadBalancer, loadBalancerCompare, loadBalancerCount, loadBalancersPage,
  putLoadBalancerOp, type LoadBalancerRecord,
} from '../../state/load-balancers.js';
import { listenersOf } from '../../state/listeners.js';
import { lbMachinesOfGroup } from '../../state/lb-statistics.js';
import { decodeMarker, encodeMarker, findLoadBalancer, requireLoadBalancer } from './lookup.js';
import { deleteListenerAndRules } from './listeners.js';

const notBuilt = (member: string, why: string) => validation(unsupportedSentence('The request', member, why), member);

export async function createLoadBalancer(ctx: ServerContext, req: Elbv2.CreateLoadBalancerInput): Promise<Elbv2.CreateLoadBalancerOutput> {
  checkElbName(req.Name, 'load balancer');
  const type = req.Type ?? 'application';
  if (type === 'gateway') throw notBuilt('Type', 'gateway load balancers are not built; use application or network.');
  if (req.SubnetMappings !== undefined) throw notBuilt('SubnetMappings', 'a group of load-balancer machines has no per-subnet addresses; name the groups in Subnets.');
  if (req.SecurityGroups !== undefined) throw notBuilt('SecurityGroups', 'there are no security groups; firewall the load-balancer machines themselves.');
  if (req.IpAddressType !== undefined && req.IpAddressType !== 'ipv4') throw notBuilt('IpAddressType', 'load balancers listen on IPv4 only.');
  for (const m of ['CustomerOwnedIpv4Pool', 'IpamPools', 'EnablePrefixForIpv6SourceNat'] as const) if (req[m] !== undefined) throw notBuilt(m, 'it has no meaning for a self-hosted load balancer.');
  const groups = req.Subnets ?? [];
  if (groups.length === 0) throw validation('At least one subnet must be specified: a group of load-balancer machines (berth-lb --group NAME).', 'Subnets');
  for (const [i, g] of groups.entries()) if (!LB_GROUP.test(g)) throw new BerthError('InvalidSubnetException', `The subnet '${g.slice(0, 64)}' is not a group name (letters, digits, '.', '_' and '-', up to 63).`, `Subnets[${i}]`);
  if (new Set(groups).size !== groups.length) throw validation('Each subnet can be named once.', 'Subnets');
  const scheme = req.Scheme ?? 'internet-facing';

  const existing = await getLoadBalancer(ctx.store, req.Name);
  if (existing) {
    // ELB answers a repeated CreateLoadBalancer with the same settings with the load balancer it made.
    const lb = existing.value.loadBalancer;
    if (lb.Type === type && lb.Scheme === scheme && existing.value.groups.join() === groups.join()) return { LoadBalancers: [lb] };
    throw new BerthError('DuplicateLoadBalancerNameException', 'A load balancer with the same name exists, with other settings.', 'Name');
  }
  if ((await loadBalancerCount(ctx.store)) >= ELB_LIMITS.loadBalancers) throw new BerthError('TooManyLoadBalancersException', `The quota of ${ELB_LIMITS.loadBalancers} load balancers is reached.`);
  const id = newElbId();
  const kind = type === 'application' ? 'app' : 'net';
  const rec: LoadBalancerRecord = {
    id, groups, tags: req.Tags ?? [],
    loadBalancer: {
      LoadBalancerArn: loadBalancerArn(ctx.identity, { kind, name: req.Name, id }),
      DNSName: `${req.Name}-${id}.elb.berth`,
      CreatedTime: ctx.now(),
      LoadBalancerName: req.Name,
      Scheme: scheme,
      State: { Code: 'active' },
      Type: type,
      AvailabilityZones: groups.map((g) => ({ ZoneName: g, SubnetId: g })),
      IpAddressType: 'ipv4',
    },
  };
  const res = await ctx.store.txn({ compare: [createLoadBalancerCompare(req.Name)], success: [putLoadBalancerOp(rec)] });
  if (!res.succeeded) return createLoadBalancer(ctx, req);
  ctx.log.info('load balancer created', { arn: rec.loadBalancer.LoadBalancerArn, groups });
  return { LoadBalancers: [rec.loadBalancer] };
}

/** A machine that has not reported for this long no longer counts as serving its group. */
const MACHINE_FRESH_SECONDS = 60;

/**
 * The load balancers with each group's serving addresses (ELB's LoadBalancerAddresses per subnet): the
 * machines of the group that reported within the last minute. One range per group, read once per call.
 */
async function withAddresses(ctx: ServerContext, lbs: Elbv2.LoadBalancer[]): Promise<Elbv2.LoadBalancer[]> {
  const byGroup = new Map<string, string[]>();
  const now = ctx.now();
  for (const lb of lbs) {
    for (const z of lb.AvailabilityZones ?? []) {
      const g = z.SubnetId!;
      if (byGroup.has(g)) continue;
      const machines = (await lbMachinesOfGroup(ctx.store, g)).filter((m) => now - m.rec.receivedAt <= MACHINE_FRESH_SECONDS);
      byGroup.set(g, [...new Set(machines.flatMap((m) => m.rec.addresses))].sort());
    }
  }
  return lbs.map((lb) => ({
    ...lb,
    AvailabilityZones: (lb.AvailabilityZones ?? []).map((z) => {
      const addresses = byGroup.get(z.SubnetId!) ?? [];
      return addresses.length ? { ...z, LoadBalancerAddresses: addresses.map((IpAddress) => ({ IpAddress })) } : z;
    }),
  }));
}

export async function describeLoadBalancers(ctx: ServerContext, req: Elbv2.DescribeLoadBalancersInput): Promise<Elbv2.DescribeLoadBalancersOutput> {
  const { LoadBalancers, ...rest } = await describeLoadBalancerRecords(ctx, req);
  return { LoadBalancers: await withAddresses(ctx, LoadBalancers ?? []), ...rest };
}

async function describeLoadBalancerRecords(ctx: ServerContext, req: Elbv2.DescribeLoadBalancersInput): Promise<Elbv2.DescribeLoadBalancersOutput> {
  if (req.LoadBalancerArns !== undefined && req.Names !== undefined) throw validation('Load balancer names and load balancer ARNs cannot be specified at the same time.', 'Names');
  if (req.LoadBalancerArns !== undefined) {
    const out: Elbv2.LoadBalancer[] = [];
    for (const [i, arn] of req.LoadBalancerArns.entries()) out.push((await requireLoadBalancer(ctx, arn, `LoadBalancerArns[${i}]`)).value.loadBalancer);
    return { LoadBalancers: out };
  }
  if (req.Names !== undefined) {
    const out: Elbv2.LoadBalancer[] = [];
    for (const [i, name] of req.Names.entries()) {
      const rec = await getLoadBalancer(ctx.store, name);
      if (!rec) throw new BerthError('LoadBalancerNotFoundException', `Load balancers '[${name}]' not found`, `Names[${i}]`);
      out.push(rec.value.loadBalancer);
    }
    return { LoadBalancers: out };
  }
  const page = await loadBalancersPage(ctx.store, decodeMarker(req.Marker), req.PageSize ?? ELB_LIMITS.describePageSize);
  const last = page.items.at(-1)?.loadBalancer.LoadBalancerName;
  return { LoadBalancers: page.items.map((r) => r.loadBalancer), ...(page.more && last !== undefined ? { NextMarker: encodeMarker(last) } : {}) };
}

/**
 * Deletes the load balancer with its listeners and rules (as ELB does). They go first, each in its own
 * transaction, the load balancer last: an interrupted delete leaves a load balancer with fewer listeners,
 * and a repeated one finishes. A load balancer already gone is no error, as in ELB.
 */
export async function deleteLoadBalancer(ctx: ServerContext, req: Elbv2.DeleteLoadBalancerInput): Promise<Elbv2.DeleteLoadBalancerOutput> {
  const lb = await findLoadBalancer(ctx, req.LoadBalancerArn);
  if (!lb) return {};
  for (const l of await listenersOf(ctx.store, lb.value.id)) await deleteListenerAndRules(ctx, l.value.listener.ListenerArn, lb.value);
  await commitWithRetry(ctx.store, async (n) => {
    const cur = n === 0 ? lb : await findLoadBalancer(ctx, req.LoadBalancerArn);
    if (!cur) return { txn: { compare: [], success: [] }, result: undefined };
    return { txn: { compare: [loadBalancerCompare(cur)], success: [deleteLoadBalancerOp(cur.value.loadBalancer.LoadBalancerName)] }, result: undefined };
  });
  ctx.log.info('load balancer deleted', { arn: req.LoadBalancerArn });
  return {};
}
