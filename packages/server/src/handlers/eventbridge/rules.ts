// PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule. A rule has an event pattern
// (checked with core's grammar) or a schedule expression (rate() or cron(), on the default bus only, as
// EventBridge has them; at() is EventBridge Scheduler's). As in EventBridge, PutRule on an existing rule
// replaces what it specifies and keeps the rule's targets.
import { BerthError, DEFAULT_EVENT_BUS, ScheduleExpressionError, compileEventPattern, eventRuleArn, nextFire, parseScheduleExpression, type Events } from '@berth/core';
import type { ServerContext } from '../../context.js';
import { commitWithRetry, recordsPage } from '../../state/kit.js';
import { deleteEventRuleOps, eventRuleKey, eventRulesPrefix, getEventRule, putEventRuleOps, type EventRuleRecord } from '../../state/event-rules.js';
import { eventTargetsPrefix } from '../../state/event-targets.js';
import { deleteRuleRateOp } from '../../state/rule-engine.js';
import { ruleInvocationOwner, trimInvocationOps } from '../../state/invocations.js';
import { decodeToken, encodeToken } from '../../pagination.js';
import { existingBus, existingRule, limitOf, refuseMembers, validation } from './common.js';

/** Checks a rule's schedule expression: EventBridge rules take rate() and cron(). */
export function checkRuleSchedule(text: string): void {
  try {
    if (parseScheduleExpression(text).kind === 'at') throw new ScheduleExpressionError('at() is for EventBridge Scheduler');
  } catch (e) {
    if (e instanceof ScheduleExpressionError) throw validation(`Parameter ScheduleExpression is not valid. ${e.message}`, 'ScheduleExpression');
    throw e;
  }
}

/** A scheduled rule's next occurrence after `after` (rate() counts from its creation, in UTC as EventBridge's rules). */
export function plannedRule(rec: EventRuleRecord, after: number): Pick<EventRuleRecord, 'nextOccurrence' | 'fireAt'> {
  if (rec.scheduleExpression === undefined) return {};
  const next = nextFire({ expression: parseScheduleExpression(rec.scheduleExpression), key: `${rec.arn}|${rec.createdAt}`, start: rec.createdAt }, after);
  return next ? { nextOccurrence: next.occurrence, fireAt: next.fireAt } : {};
}

export async function putRule(ctx: ServerContext, req: Events.PutRuleRequest): Promise<Events.PutRuleResponse> {
  refuseMembers(req, { Tags: 'rules carry no tags in Berth' });
  const bus = await existingBus(ctx, req.EventBusName);
  if (req.EventPattern === undefined && req.ScheduleExpression === undefined) throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  if (req.EventPattern !== undefined) compileEventPattern(req.EventPattern);
  if (req.ScheduleExpression !== undefined) {
    if (bus !== DEFAULT_EVENT_BUS) throw validation('ScheduleExpression is supported only on the default event bus.', 'ScheduleExpression');
    checkRuleSchedule(req.ScheduleExpression);
  }
  const state = req.State ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') throw validation(`State ${state} is not one Berth supports (ENABLED, DISABLED): Berth has no CloudTrail management events.`, 'State');
  const arn = eventRuleArn(ctx.identity, bus, req.Name);
  await commitWithRetry(ctx.store, async () => {
    const before = await getEventRule(ctx.store, bus, req.Name);
    const plain: EventRuleRecord = {
      name: req.Name, arn, eventBusName: bus, state, createdBy: ctx.identity.accountId, createdAt: before?.value.createdAt ?? ctx.now(),
      ...(req.EventPattern !== undefined ? { eventPattern: req.EventPattern } : {}),
      ...(req.ScheduleExpression !== undefined ? { scheduleExpression: req.ScheduleExpression } : {}),
      ...(req.Description !== undefined ? { description: req.Description } : {}),
      ...(req.RoleArn !== undefined ? { roleArn: req.RoleArn } : {}),
    };
    const rec = { ...plain, ...plannedRule(plain, ctx.now()) };
    return { txn: { compare: [{ key: eventRuleKey(bus, req.Name), modRevision: before?.modRevision ?? 0 }], success: [...putEventRuleOps(rec, before?.value), deleteRuleRateOp(bus, req.Name)] }, result: undefined };
  });
  return { RuleArn: arn };
}

function describe(r: EventRuleRecord): Events.Rule & { CreatedBy: string } {
  return {
    Name: r.name, Arn: r.arn, State: r.state, EventBusName: r.eventBusName, CreatedBy: r.createdBy,
    ...(r.eventPattern !== undefined ? { EventPattern: r.eventPattern } : {}),
    ...(r.scheduleExpression !== undefined ? { ScheduleExpression: r.scheduleExpression } : {}),
    ...(r.description !== undefined ? { Description: r.description } : {}),
    ...(r.roleArn !== undefined ? { RoleArn: r.roleArn } : {}),
  };
}

export async function describeRule(ctx: ServerContext, req: Events.DescribeRuleRequest): Promise<Events.DescribeRuleResponse> {
  const bus = await existingBus(ctx, req.EventBusName);
  return describe((await existingRule(ctx, bus, req.Name)).value);
}

export async function listRules(ctx: ServerContext, req: Events.ListRulesRequest): Promise<Events.ListRulesResponse> {
  const bus = await existingBus(ctx, req.EventBusName);
  const limit = limitOf(req.Limit);
  // A name prefix is a key prefix: the page reads only the rules it names.
  const prefix = eventRulesPrefix(bus) + (req.NamePrefix ?? '');
  const page = await recordsPage<EventRuleRecord>(ctx.store, prefix, decodeToken(req.NextToken, prefix), limit);
  return { Rules: page.items.map(describe), ...(page.more && page.last ? { NextToken: encodeToken(page.last) } : {}) };
}

async function setState(ctx: ServerContext, req: { Name: string; EventBusName?: string }, state: 'ENABLED' | 'DISABLED'): Promise<Record<string, never>> {
  const bus = await existingBus(ctx, req.EventBusName);
  await commitWithRetry(ctx.store, async () => {
    const cur = await existingRule(ctx, bus, req.Name);
    const { disabledReason: _gone, ...rest } = cur.value;
    // A scheduled rule enabled again goes on from now, not from the occurrences it missed.
    const rec: EventRuleRecord = { ...rest, state, ...(state === 'ENABLED' && cur.value.state !== 'ENABLED' ? plannedRule(rest, ctx.now()) : {}) };
    const key = eventRuleKey(bus, req.Name);
    // Enabling starts a fresh rate window: a rule stopped by its rate limit runs again.
    return { txn: { compare: [{ key, modRevision: cur.modRevision }], success: [...putEventRuleOps(rec, cur.value), ...(state === 'ENABLED' ? [deleteRuleRateOp(bus, req.Name)] : [])] }, result: undefined };
  });
  return {};
}

export const enableRule = (ctx: ServerContext, req: Events.EnableRuleRequest) => setState(ctx, req, 'ENABLED');
export const disableRule = (ctx: ServerContext, req: Events.DisableRuleRequest) => setState(ctx, req, 'DISABLED');

export async function deleteRule(ctx: ServerContext, req: Events.DeleteRuleRequest): Promise<Record<string, never>> {
  refuseMembers(req, { Force: 'Berth has no managed rules' });
  const bus = await existingBus(ctx, req.EventBusName);
  const rule = await getEventRule(ctx.store, bus, req.Name);
  if (!rule) return {};
  const targets = await ctx.store.range(eventTargetsPrefix(bus, req.Name), { limit: 1, keysOnly: true });
  if (targets.kvs.length > 0) throw validation("Rule can't be deleted since it has targets.", 'Name');
  const trims = await trimInvocationOps(ctx.store, ruleInvocationOwner(bus, req.Name), true);
  const res = await ctx.store.txn({
    compare: [{ key: eventRuleKey(bus, req.Name), modRevision: rule.modRevision }],
    success: [...deleteEventRuleOps(rule.value), deleteRuleRateOp(bus, req.Name), ...trims],
  });
  if (!res.succeeded) throw new BerthError('ConcurrentModificationException', `Rule ${req.Name} changed while it was being deleted; try again.`, 'Name');
  return {};
}
