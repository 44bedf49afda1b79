// CreateRule, DescribeRules, ModifyRule, DeleteRule. Conditions on path-pattern, host-header, http-header
// and query-string (core's checks keep every value printable ASCII), one action each (forward, weighted
// or not; fixed-response; redirect), priorities unique per listener (state/rules.ts takes each with a
// compare), ELB's quota of 100 rules per load balancer. A listener's default rule is its default actions:
// DescribeRules lists it last (IsDefault, priority `default`), its ARN the listener's id as the rule's;
// it is changed through ModifyListener and never deleted, as in ELB.
import {
  BerthError, ELB_LIMITS, checkActions, checkConditions, checkPriority, parseListenerArn, parseRuleArn, ruleArn, newElbId, validation,
  unsupportedSentence, type Elbv2,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import type { Versioned } from '../../state/kit.js';
import { deleteRuleOps, getRule, putRuleOp, releasePriorityOp, ruleCompare, ruleCount, rulesOf, takePriority, type RuleRecord } from '../../state/rules.js';
import { listenerCompare, type ListenerRecord } from '../../state/listeners.js';
import { forwardChanges, pageOfList, requireListener, requireRule } from './lookup.js';
import { modifyListener } from './listeners.js';

/** The target groups an action list forwards to. */
export function forwardedBy(actions: Elbv2.Action[]): string[] {
  return actions.flatMap((a) => (a.Type !== 'forward' ? [] : a.ForwardConfig?.TargetGroups?.length ? a.ForwardConfig.TargetGroups.map((g) => g.TargetGroupArn!) : a.TargetGroupArn ? [a.TargetGroupArn] : []));
}

/** A listener's default rule, as DescribeRules shows it. */
function defaultRule(ctx: ServerContext, l: ListenerRecord): Elbv2.Rule {
  const ref = parseListenerArn(l.listener.ListenerArn)!;
  return { RuleArn: ruleArn(ctx.identity, { listener: ref, id: l.id }), Priority: 'default', Conditions: [], Actions: l.listener.DefaultActions, IsDefault: true };
}

const isDefaultRuleArn = (arn: string) => {
  const r = parseRuleArn(arn);
  return r !== undefined && r.id === r.listener.id;
};

const refuseTransforms = (req: { Transforms?: unknown; ResetTransforms?: unknown }) => {
  for (const m of ['Transforms', 'ResetTransforms'] as const) if (req[m] !== undefined) throw validation(unsupportedSentence('The request', m, 'rule transforms (host and URL rewrites) are not built.'), m);
};

export async function createRule(ctx: ServerContext, req: Elbv2.CreateRuleInput): Promise<Elbv2.CreateRuleOutput> {
  refuseTransforms(req);
  checkPriority(req.Priority);
  checkConditions(req.Conditions);
  for (;;) {
    const listener = await requireListener(ctx, req.ListenerArn);
    const l = listener.value;
    if (l.listener.Protocol === 'TCP') throw validation('Rules can be added to HTTP and HTTPS listeners only.', 'ListenerArn');
    const tgs = checkActions(req.Actions, 'Actions', l.listener.Protocol);
    if ((await ruleCount(ctx.store, l.lbId)) >= ELB_LIMITS.rulesPerLoadBalancer) throw new BerthError('TooManyRulesException', `A load balancer can have at most ${ELB_LIMITS.rulesPerLoadBalancer} rules besides its default rules.`);
    const id = newElbId();
    const rec: RuleRecord = {
      id, lbId: l.lbId, listenerId: l.id, priority: req.Priority, tags: req.Tags ?? [],
      rule: { RuleArn: ruleArn(ctx.identity, { listener: parseListenerArn(req.ListenerArn)!, id }), Priority: String(req.Priority), Conditions: req.Conditions, Actions: req.Actions, IsDefault: false },
    };
    const fwd = await forwardChanges(ctx, rec.rule.RuleArn, l.listener.LoadBalancerArn, [], tgs, l.listener.Protocol, 'Actions');
    const priority = takePriority(l.id, req.Priority, rec.rule.RuleArn);
    const res = await ctx.store.txn({ compare: [listenerCompare(listener), priority.compare, ...fwd.compare], success: [putRuleOp(rec), priority.op, ...fwd.success] });
    if (res.succeeded) {
      ctx.log.info('rule created', { arn: rec.rule.RuleArn, priority: req.Priority });
      return { Rules: [rec.rule] };
    }
    if ((await rulesOf(ctx.store, l.lbId, l.id)).some((r) => r.value.priority === req.Priority)) throw new BerthError('PriorityInUseException', `Priority '${req.Priority}' is currently in use.`, 'Priority');
  }
}

export async function describeRules(ctx: ServerContext, req: Elbv2.DescribeRulesInput): Promise<Elbv2.DescribeRulesOutput> {
  if ((req.ListenerArn === undefined) === (req.RuleArns === undefined)) throw validation('You must specify either listener ARN or rule ARNs.', 'ListenerArn');
  if (req.RuleArns !== undefined) {
    const out: Elbv2.Rule[] = [];
    for (const [i, arn] of req.RuleArns.entries()) {
      if (isDefaultRuleArn(arn)) {
        const l = await requireListener(ctx, listenerArnOf(arn)).catch(() => undefined);
        if (!l) throw new BerthError('RuleNotFoundException', `One or more rules not found: '${arn}'`, `RuleArns[${i}]`);
        out.push(defaultRule(ctx, l.value));
      } else out.push((await requireRule(ctx, arn, `RuleArns[${i}]`)).value.rule);
    }
    return { Rules: out };
  }
  const l = await requireListener(ctx, req.ListenerArn!);
  const rules = (await rulesOf(ctx.store, l.value.lbId, l.value.id)).map((r) => r.value).sort((a, b) => a.priority - b.priority);
  const all: { key: string; rule: Elbv2.Rule }[] = [...rules.map((r) => ({ key: String(r.priority).padStart(5, '0'), rule: r.rule })), { key: 'default', rule: defaultRule(ctx, l.value) }];
  const page = pageOfList(all, (x) => x.key, req.Marker, req.PageSize);
  return { Rules: page.items.map((x) => x.rule), ...(page.NextMarker ? { NextMarker: page.NextMarker } : {}) };
}

/** The listener ARN a rule ARN belongs to. */
function listenerArnOf(rule: string): string {
  return rule.replace(':listener-rule/', ':listener/').replace(/\/[0-9a-f]{16}$/, '');
}

export async function modifyRule(ctx: ServerContext, req: Elbv2.ModifyRuleInput): Promise<Elbv2.ModifyRuleOutput> {
  refuseTransforms(req);
  if (isDefaultRuleArn(req.RuleArn)) throw new BerthError('OperationNotPermittedException', 'The default rule of a listener is changed with ModifyListener.', 'RuleArn');
  if (req.Conditions !== undefined) checkConditions(req.Conditions);
  for (;;) {
    const cur = await requireRule(ctx, req.RuleArn);
    const l = await requireListener(ctx, listenerArnOf(req.RuleArn));
    const actions = req.Actions ?? cur.value.rule.Actions;
    const tgs = checkActions(actions, 'Actions', l.value.listener.Protocol);
    const rule = { ...cur.value.rule, Conditions: req.Conditions ?? cur.value.rule.Conditions, Actions: actions };
    const fwd = await forwardChanges(ctx, req.RuleArn, l.value.listener.LoadBalancerArn, forwardedBy(cur.value.rule.Actions), tgs, l.value.listener.Protocol, 'Actions');
    const res = await ctx.store.txn({ compare: [ruleCompare(cur), ...fwd.compare], success: [putRuleOp({ ...cur.value, rule }), ...fwd.success] });
    if (res.succeeded) {
      ctx.log.info('rule modified', { arn: req.RuleArn });
      return { Rules: [rule] };
    }
  }
}

export async function deleteRule(ctx: ServerContext, req: Elbv2.DeleteRuleInput): Promise<Elbv2.DeleteRuleOutput> {
  if (isDefaultRuleArn(req.RuleArn)) throw new BerthError('OperationNotPermittedException', 'A listener\'s default rule cannot be deleted.', 'RuleArn');
  await requireRule(ctx, req.RuleArn);
  await deleteRuleRecord(ctx, req.RuleArn);
  return {};
}

/** Deletes a rule (its priority freed, its target groups' references dropped); gone already is done. */
export async function deleteRuleRecord(ctx: ServerContext, arn: string): Promise<void> {
  const ref = parseRuleArn(arn)!;
  for (;;) {
    const cur: Versioned<RuleRecord> | null = await getRule(ctx.store, ref.listener.lb.id, ref.listener.id, ref.id);
    if (!cur) return;
    const fwd = await forwardChanges(ctx, arn, '', forwardedBy(cur.value.rule.Actions), [], '', 'RuleArn');
    const res = await ctx.store.txn({ compare: [ruleCompare(cur), ...fwd.compare], success: [...deleteRuleOps(cur.value), ...fwd.success] });
    if (res.succeeded) {
      ctx.log.info('rule deleted', { arn });
      return;
    }
  }
}

/** Rules' priorities changed in one transaction (SetRulePriorities). */
export async function setRulePriorities(ctx: ServerContext, req: Elbv2.SetRulePrioritiesInput): Promise<Elbv2.SetRulePrioritiesOutput> {
  const rules = req.RulePriorities.map((p) => p.RuleArn);
  if (new Set(rules).size !== rules.length) throw validation('A rule can be given one priority.', 'RulePriorities');
  for (;;) {
    const reads = await Promise.all(req.RulePriorities.map(async (p, i) => {
      if (p.RuleArn === undefined || p.Priority === undefined) throw validation('Each rule priority pair needs its RuleArn and Priority.', `RulePriorities[${i}]`);
      checkPriority(p.Priority, `RulePriorities[${i}].Priority`);
      return { rec: await requireRule(ctx, p.RuleArn, `RulePriorities[${i}].RuleArn`), priority: p.Priority };
    }));
    const compare = reads.map((r) => ruleCompare(r.rec));
    const success = [];
    // One key per priority in the transaction: those given up and not taken again are freed; those
    // another rule of this change gives up are free already (no compare).
    const slot = (listenerId: string, p: number) => `${listenerId}/${p}`;
    const given = new Set(reads.map((r) => slot(r.rec.value.listenerId, r.rec.value.priority)));
    const taken = new Set(reads.map((r) => slot(r.rec.value.listenerId, r.priority)));
    if (taken.size !== reads.length) throw new BerthError('PriorityInUseException', 'Two rules of one listener cannot take the same priority.', 'RulePriorities');
    for (const r of reads) if (!taken.has(slot(r.rec.value.listenerId, r.rec.value.priority))) success.push(releasePriorityOp(r.rec.value.listenerId, r.rec.value.priority));
    for (const r of reads) {
      const take = takePriority(r.rec.value.listenerId, r.priority, r.rec.value.rule.RuleArn);
      if (!given.has(slot(r.rec.value.listenerId, r.priority))) compare.push(take.compare);
      success.push(take.op, putRuleOp({ ...r.rec.value, priority: r.priority, rule: { ...r.rec.value.rule, Priority: String(r.priority) } }));
    }
    const res = await ctx.store.txn({ compare, success });
    if (res.succeeded) return { Rules: reads.map((r) => ({ ...r.rec.value.rule, Priority: String(r.priority) })) };
    for (const r of reads) {
      const fresh = await getRule(ctx.store, r.rec.value.lbId, r.rec.value.listenerId, r.rec.value.id);
      if (fresh && fresh.modRevision === r.rec.modRevision && (await rulesOf(ctx.store, r.rec.value.lbId, r.rec.value.listenerId)).some((o) => o.value.priority === r.priority && !reads.some((x) => x.rec.value.id === o.value.id))) {
        throw new BerthError('PriorityInUseException', `Priority '${r.priority}' is currently in use.`, 'RulePriorities');
      }
    }
  }
}

/** What a blue/green listener rule ARN names: a rule, a listener's default rule, or (NLB) a listener itself. */
async function ruleOrListener(ctx: ServerContext, arn: string): Promise<{ actions: Elbv2.Action[]; listener?: string } | undefined> {
  if (parseListenerArn(arn)) {
    const l = await requireListener(ctx, arn).catch(() => undefined);
    return l && { actions: l.value.listener.DefaultActions, listener: arn };
  }
  if (isDefaultRuleArn(arn)) {
    const l = await requireListener(ctx, listenerArnOf(arn)).catch(() => undefined);
    return l && { actions: l.value.listener.DefaultActions, listener: l.value.listener.ListenerArn };
  }
  const r = await requireRule(ctx, arn).catch(() => undefined);
  return r && { actions: r.value.rule.Actions };
}

/** The actions of the rule or listener an ECS advancedConfiguration names; undefined: there is none. */
export async function findRuleActions(ctx: ServerContext, arn: string): Promise<Elbv2.Action[] | undefined> {
  return (await ruleOrListener(ctx, arn))?.actions;
}

/**
 * Makes the forward action of that rule or listener a weighted forward to `groups` (a blue/green
 * deployment's traffic shift), through ModifyRule or ModifyListener, so the checks and the target groups'
 * references are theirs. Answers whether it changed anything (nothing when it forwards so already).
 */
export async function setWeightedForward(ctx: ServerContext, arn: string, groups: readonly { targetGroupArn: string; weight: number }[]): Promise<boolean> {
  const cur = await ruleOrListener(ctx, arn);
  if (!cur) throw new BerthError('RuleNotFoundException', `One or more rules not found: '${arn}'`, 'RuleArn');
  const actions = cur.actions.map((a): Elbv2.Action => a.Type !== 'forward' ? a : {
    Type: 'forward', ...(a.Order !== undefined ? { Order: a.Order } : {}),
    ForwardConfig: {
      TargetGroups: groups.map((g) => ({ TargetGroupArn: g.targetGroupArn, Weight: g.weight })),
      ...(a.ForwardConfig?.TargetGroupStickinessConfig ? { TargetGroupStickinessConfig: a.ForwardConfig.TargetGroupStickinessConfig } : {}),
    },
  });
  if (JSON.stringify(actions) === JSON.stringify(cur.actions)) return false;
  if (cur.listener !== undefined) await modifyListener(ctx, { ListenerArn: cur.listener, DefaultActions: actions });
  else await modifyRule(ctx, { RuleArn: arn, Actions: actions });
  return true;
}
