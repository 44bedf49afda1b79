// CreateListener, DescribeListeners, ModifyListener, DeleteListener. A listener's port is taken on every
// group of machines serving its load balancer (state/listeners.ts: a compare that it is free), and the
// target groups its default actions forward to record it (ResourceInUse on their deletion). HTTP and TCP
// listeners; HTTPS and TLS, and their certificates and policies, are refused naming the member until built.
import {
  BerthError, ELB_LIMITS, checkActions, checkListenerProtocol, listenerArn, newElbId, parseLoadBalancerArn, unsupportedSentence, validation,
  type Elbv2,
} from '@berth/core';
import type { Compare, Op } from '@berth/store';
import type { ServerContext } from '../../context.js';
import type { Versioned } from '../../state/kit.js';
import type { LoadBalancerRecord } from '../../state/load-balancers.js';
import { deleteListenerOp, listenerCompare, listenersOf, portHolder, putListenerOp, releasePortOps, takePort, type ListenerRecord } from '../../state/listeners.js';
import { rulesOf } from '../../state/rules.js';
import { loadBalancerCompare } from '../../state/load-balancers.js';
import { forwardChanges, pageOfList, requireListener, requireLoadBalancer } from './lookup.js';
import { deleteRuleRecord, forwardedBy } from './rules.js';

const TLS_MEMBERS = ['Certificates', 'SslPolicy', 'AlpnPolicy', 'MutualAuthentication'] as const;

/** The listener members only TLS listeners have: refused on the HTTP and TCP listeners Berth builds. */
function refuseTlsMembers(req: Partial<Record<(typeof TLS_MEMBERS)[number], unknown>>): void {
  for (const m of TLS_MEMBERS) {
    if (req[m] !== undefined) throw validation(unsupportedSentence('The request', m, 'only HTTPS and TLS listeners take it, and those are not built yet; use HTTP or TCP.'), m);
  }
}

/** The protocol a listener defaults to for its load balancer. */
const defaultProtocol = (lb: LoadBalancerRecord) => (lb.loadBalancer.Type === 'application' ? 'HTTP' : 'TCP');

async function portConflict(ctx: ServerContext, groups: string[], port: number): Promise<BerthError> {
  for (const g of groups) {
    const holder = await portHolder(ctx.store, g, port);
    if (holder) return new BerthError('DuplicateListenerException', `A listener already exists on port ${port} of the machines of group '${g}' (${holder}).`, 'Port');
  }
  return new BerthError('DuplicateListenerException', `A listener already exists on port ${port}.`, 'Port');
}

export async function createListener(ctx: ServerContext, req: Elbv2.CreateListenerInput): Promise<Elbv2.CreateListenerOutput> {
  refuseTlsMembers(req);
  for (;;) {
    const lb = await requireLoadBalancer(ctx, req.LoadBalancerArn);
    const protocol = req.Protocol ?? defaultProtocol(lb.value);
    checkListenerProtocol(lb.value.loadBalancer.Type, protocol);
    if (req.Port === undefined) throw validation('A listener needs a Port.', 'Port');
    const groups = lb.value.groups;
    const listeners = await listenersOf(ctx.store, lb.value.id);
    const same = listeners.find((l) => l.value.listener.Port === req.Port);
    if (same) {
      // ELB answers a repeated CreateListener with the same settings with the listener it made.
      if (same.value.listener.Protocol === protocol && JSON.stringify(same.value.listener.DefaultActions) === JSON.stringify(req.DefaultActions)) return { Listeners: [same.value.listener] };
      throw new BerthError('DuplicateListenerException', `A listener already exists on port ${req.Port} of this load balancer.`, 'Port');
    }
    if (listeners.length >= ELB_LIMITS.listenersPerLoadBalancer) throw new BerthError('TooManyListenersException', `A load balancer can have at most ${ELB_LIMITS.listenersPerLoadBalancer} listeners.`);
    const tgs = checkActions(req.DefaultActions, 'DefaultActions', protocol);
    const id = newElbId();
    const ref = parseLoadBalancerArn(req.LoadBalancerArn)!;
    const rec: ListenerRecord = {
      id, lbId: lb.value.id, tags: req.Tags ?? [],
      listener: { ListenerArn: listenerArn(ctx.identity, { lb: ref, id }), LoadBalancerArn: req.LoadBalancerArn, Port: req.Port, Protocol: protocol, DefaultActions: req.DefaultActions },
    };
    const fwd = await forwardChanges(ctx, rec.listener.ListenerArn, req.LoadBalancerArn, [], tgs, protocol, 'DefaultActions');
    const port = takePort(groups, req.Port, rec.listener.ListenerArn);
    const res = await ctx.store.txn({
      compare: [loadBalancerCompare(lb), ...port.compare, ...fwd.compare],
      success: [putListenerOp(rec), ...port.success, ...fwd.success],
    });
    if (res.succeeded) {
      ctx.log.info('listener created', { arn: rec.listener.ListenerArn, port: req.Port, protocol });
      return { Listeners: [rec.listener] };
    }
    // A port taken by another load balancer of the same machines is ELB's DuplicateListener; anything else changed: decide again.
    for (const g of groups) if (await portHolder(ctx.store, g, req.Port)) throw await portConflict(ctx, groups, req.Port);
  }
}

export async function describeListeners(ctx: ServerContext, req: Elbv2.DescribeListenersInput): Promise<Elbv2.DescribeListenersOutput> {
  if ((req.LoadBalancerArn === undefined) === (req.ListenerArns === undefined)) throw validation('You must specify either load balancer ARN or listener ARNs.', 'LoadBalancerArn');
  if (req.ListenerArns !== undefined) {
    const out: Elbv2.Listener[] = [];
    for (const [i, arn] of req.ListenerArns.entries()) out.push((await requireListener(ctx, arn, `ListenerArns[${i}]`)).value.listener);
    return { Listeners: out };
  }
  const lb = await requireLoadBalancer(ctx, req.LoadBalancerArn!);
  const all = (await listenersOf(ctx.store, lb.value.id)).map((l) => l.value.listener).sort((a, b) => a.Port - b.Port);
  const page = pageOfList(all, (l) => String(l.Port).padStart(5, '0'), req.Marker, req.PageSize);
  return { Listeners: page.items, ...(page.NextMarker ? { NextMarker: page.NextMarker } : {}) };
}

export async function modifyListener(ctx: ServerContext, req: Elbv2.ModifyListenerInput): Promise<Elbv2.ModifyListenerOutput> {
  refuseTlsMembers(req);
  for (;;) {
    const cur = await requireListener(ctx, req.ListenerArn);
    const lb = await requireLoadBalancer(ctx, cur.value.listener.LoadBalancerArn);
    const before = cur.value.listener;
    const protocol = req.Protocol ?? before.Protocol;
    if (req.Protocol !== undefined) checkListenerProtocol(lb.value.loadBalancer.Type, protocol);
    const actions = req.DefaultActions ?? before.DefaultActions;
    const tgs = checkActions(actions, 'DefaultActions', protocol);
    const port = req.Port ?? before.Port;
    const listener = { ...before, Port: port, Protocol: protocol, DefaultActions: actions };
    const compare: Compare[] = [listenerCompare(cur)];
    const success: Op[] = [putListenerOp({ ...cur.value, listener })];
    if (port !== before.Port) {
      const take = takePort(lb.value.groups, port, before.ListenerArn);
      compare.push(...take.compare);
      success.push(...take.success, ...releasePortOps(lb.value.groups, before.Port));
    }
    // The listener's rules forward over its new protocol too: every group they name must speak it.
    const rules = await rulesOf(ctx.store, lb.value.id, cur.value.id);
    if (protocol !== before.Protocol) for (const r of rules) await forwardChanges(ctx, r.value.rule.RuleArn, lb.value.loadBalancer.LoadBalancerArn, forwardedBy(r.value.rule.Actions), forwardedBy(r.value.rule.Actions), protocol, 'Protocol');
    const fwd = await forwardChanges(ctx, before.ListenerArn, before.LoadBalancerArn, forwardedBy(before.DefaultActions), tgs, protocol, 'DefaultActions');
    const res = await ctx.store.txn({ compare: [...compare, ...fwd.compare], success: [...success, ...fwd.success] });
    if (res.succeeded) {
      ctx.log.info('listener modified', { arn: before.ListenerArn });
      return { Listeners: [listener] };
    }
    if (port !== before.Port && (await Promise.all(lb.value.groups.map((g) => portHolder(ctx.store, g, port)))).some((h) => h !== undefined && h !== before.ListenerArn)) {
      throw await portConflict(ctx, lb.value.groups, port);
    }
  }
}

export async function deleteListener(ctx: ServerContext, req: Elbv2.DeleteListenerInput): Promise<Elbv2.DeleteListenerOutput> {
  const cur = await requireListener(ctx, req.ListenerArn);
  const lb = await requireLoadBalancer(ctx, cur.value.listener.LoadBalancerArn);
  await deleteListenerAndRules(ctx, req.ListenerArn, lb.value);
  return {};
}

/** Deletes a listener's rules, then the listener (its port freed, its target groups' references dropped). */
export async function deleteListenerAndRules(ctx: ServerContext, arn: string, lb: LoadBalancerRecord): Promise<void> {
  for (;;) {
    let cur: Versioned<ListenerRecord>;
    try {
      cur = await requireListener(ctx, arn);
    } catch {
      return;
    }
    for (const r of await rulesOf(ctx.store, lb.id, cur.value.id)) await deleteRuleRecord(ctx, r.value.rule.RuleArn);
    const l = cur.value.listener;
    const fwd = await forwardChanges(ctx, l.ListenerArn, l.LoadBalancerArn, forwardedBy(l.DefaultActions), [], l.Protocol, 'ListenerArn');
    const res = await ctx.store.txn({
      compare: [listenerCompare(cur), ...fwd.compare],
      success: [deleteListenerOp(cur.value), ...releasePortOps(lb.groups, l.Port), ...fwd.success],
    });
    if (res.succeeded) {
      ctx.log.info('listener deleted', { arn });
      return;
    }
  }
}
