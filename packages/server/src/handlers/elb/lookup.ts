// What every ELBv2 handler shares: a record found by its ARN (one key: the ARN carries the name or ids)
// or ELB's NotFound error, the target-group references a listener or rule holds, and ELB's Marker paging.
import {
  BerthError, parseListenerArn, parseLoadBalancerArn, parseRuleArn, parseTargetGroupArn, validation,
} from '@berth/core';
import type { Compare, Op } from '@berth/store';
import type { ServerContext } from '../../context.js';
import type { Versioned } from '../../state/kit.js';
import { getLoadBalancer, type LoadBalancerRecord } from '../../state/load-balancers.js';
import { getTargetGroup, putTargetGroupOp, targetGroupCompare, type TargetGroupRecord } from '../../state/target-groups.js';
import { getListener, type ListenerRecord } from '../../state/listeners.js';
import { getRule, type RuleRecord } from '../../state/rules.js';

export async function findLoadBalancer(ctx: ServerContext, arn: string): Promise<Versioned<LoadBalancerRecord> | undefined> {
  const ref = parseLoadBalancerArn(arn);
  const rec = ref && (await getLoadBalancer(ctx.store, ref.name));
  return rec && rec.value.loadBalancer.LoadBalancerArn === arn ? rec : undefined;
}

export async function requireLoadBalancer(ctx: ServerContext, arn: string, field = 'LoadBalancerArn'): Promise<Versioned<LoadBalancerRecord>> {
  const rec = await findLoadBalancer(ctx, arn);
  if (!rec) throw new BerthError('LoadBalancerNotFoundException', `One or more load balancers not found: '${arn}'`, field);
  return rec;
}

export async function findTargetGroup(ctx: ServerContext, arn: string): Promise<Versioned<TargetGroupRecord> | undefined> {
  const ref = parseTargetGroupArn(arn);
  const rec = ref && (await getTargetGroup(ctx.store, ref.name));
  return rec && rec.value.targetGroup.TargetGroupArn === arn ? rec : undefined;
}

export async function requireTargetGroup(ctx: ServerContext, arn: string, field = 'TargetGroupArn'): Promise<Versioned<TargetGroupRecord>> {
  const rec = await findTargetGroup(ctx, arn);
  if (!rec) throw new BerthError('TargetGroupNotFoundException', `One or more target groups not found: '${arn}'`, field);
  return rec;
}

export async function requireListener(ctx: ServerContext, arn: string, field = 'ListenerArn'): Promise<Versioned<ListenerRecord>> {
  const ref = parseListenerArn(arn);
  const rec = ref && (await getListener(ctx.store, ref.lb.id, ref.id));
  if (!rec || rec.value.listener.ListenerArn !== arn) throw new BerthError('ListenerNotFoundException', `One or more listeners not found: '${arn}'`, field);
  return rec;
}

export async function requireRule(ctx: ServerContext, arn: string, field = 'RuleArn'): Promise<Versioned<RuleRecord>> {
  const ref = parseRuleArn(arn);
  const rec = ref && (await getRule(ctx.store, ref.listener.lb.id, ref.listener.id, ref.id));
  if (!rec || rec.value.rule.RuleArn !== arn) throw new BerthError('RuleNotFoundException', `One or more rules not found: '${arn}'`, field);
  return rec;
}

/**
 * The writes that make `refArn` (a listener or rule of load balancer `lbArn`) forward to `after` instead
 * of `before`: each target group whose references change is rewritten comparing its revision (a group
 * deleted meanwhile fails the compare). Every group in `after` must exist, and speak the listener's
 * protocol family (HTTP groups behind HTTP listeners, TCP behind TCP).
 */
export async function forwardChanges(ctx: ServerContext, refArn: string, lbArn: string, before: string[], after: string[], listenerProtocol: string, field: string): Promise<{ compare: Compare[]; success: Op[] }> {
  const compare: Compare[] = [];
  const success: Op[] = [];
  for (const arn of new Set([...before, ...after])) {
    const adding = after.includes(arn);
    if (adding === before.includes(arn)) {
      // Unchanged references still need the group to exist.
      if (adding) compare.push(targetGroupCompare(await requireTargetGroup(ctx, arn, field)));
      continue;
    }
    const tg = adding ? await requireTargetGroup(ctx, arn, field) : await findTargetGroup(ctx, arn);
    if (!tg) continue;
    if (adding && tg.value.targetGroup.Protocol !== listenerProtocol) {
      throw new BerthError('IncompatibleProtocolsException', `The target group '${tg.value.targetGroup.TargetGroupName}' uses ${tg.value.targetGroup.Protocol}; a ${listenerProtocol} listener cannot forward to it.`, field);
    }
    const forwardedBy = { ...tg.value.forwardedBy };
    if (adding) forwardedBy[refArn] = lbArn;
    else delete forwardedBy[refArn];
    compare.push(targetGroupCompare(tg));
    success.push(putTargetGroupOp({ ...tg.value, forwardedBy }));
  }
  return { compare, success };
}

/** ELB's Marker: the last name or id of the page, opaque. */
export const encodeMarker = (last: string) => Buffer.from(last).toString('base64url');
export function decodeMarker(marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  const last = Buffer.from(marker, 'base64url').toString();
  if (encodeMarker(last) !== marker) throw validation('The marker is not one this listing gave out.', 'Marker');
  return last;
}

/** A page of a short list read whole (a load balancer's listeners, a listener's rules), after the marker. */
export function pageOfList<T>(items: T[], keyOf: (t: T) => string, marker: string | undefined, pageSize: number | undefined): { items: T[]; NextMarker?: string } {
  const after = decodeMarker(marker);
  const from = after === undefined ? 0 : items.findIndex((t) => keyOf(t) > after);
  const start = from < 0 ? items.length : from;
  const size = pageSize ?? 400;
  const page = items.slice(start, start + size);
  return { items: page, ...(start + size < items.length ? { NextMarker: encodeMarker(keyOf(page.at(-1)!)) } : {}) };
}
