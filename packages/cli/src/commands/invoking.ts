// What starts tasks (issue 23): berth get rules|schedules|webhooks, berth describe rule|schedule (with the
// targets and the last invocations, Berth's ListInvocations), berth create|delete event-source webhook NAME.
// EventBridge's and Scheduler's own calls over gRPC; the text of describe is a pure function of what the
// calls answered (golden-tested), and -o json|yaml prints that same object.
import { EVENTS_API, INVOKING_API, SCHEDULER_API, type Events, type Scheduler } from '@berth/core';
import type { CommandContext } from '../context.js';
import { render, table, time } from '../output.js';

export interface Invocation { time: number; eventId?: string; occurrence?: string; targetId?: string; taskArns?: string[]; failure?: string }
export interface RuleView { rule: Events.DescribeRuleResponse; targets: Events.Target[]; invocations: Invocation[] }
export interface ScheduleView { schedule: Scheduler.GetScheduleOutput; invocations: Invocation[] }
interface Webhook { name: string; arn: string; eventBusName: string; url?: string; description?: string; createdAt: number }

const lastPart = (arn: string | undefined) => arn?.slice(arn.lastIndexOf('/') + 1);

/** A rule's invocations name the event and the target; a schedule's (one target) the occurrence. */
function invocationLines(invocations: Invocation[], of: 'rule' | 'schedule'): string[] {
  const columns = [
    { header: 'TIME', get: (i: Invocation) => time(i.time) },
    ...(of === 'rule'
      ? [{ header: 'EVENT', get: (i: Invocation) => i.eventId }, { header: 'TARGET', get: (i: Invocation) => i.targetId }]
      : [{ header: 'OCCURRENCE', get: (i: Invocation) => i.occurrence }]),
    { header: 'RESULT', get: (i: Invocation) => i.failure ?? (i.taskArns?.length ? i.taskArns.map((a) => `task/${lastPart(a)}`).join(',') : 'no tasks') },
  ];
  return ['', 'Invocations (newest first):', invocations.length ? table(invocations, columns).trimEnd() : '  none yet'];
}

/** An ECS target as one line: cluster, task definition, count, role. */
function ecsTargetText(clusterArn: string, ecs: { TaskDefinitionArn: string; TaskCount?: number } | undefined, roleArn: string | undefined): string {
  return `cluster ${lastPart(clusterArn)}, taskdef ${lastPart(ecs?.TaskDefinitionArn) ?? '<none>'}, ${ecs?.TaskCount ?? 1} task(s), as role ${lastPart(roleArn) ?? '<none>'}`;
}

export function ruleText(v: RuleView): string {
  const r = v.rule;
  return [
    `Name:         ${r.Name}`,
    `ARN:          ${r.Arn}`,
    `Event bus:    ${r.EventBusName}`,
    `State:        ${r.State}`,
    ...(r.ScheduleExpression ? [`Schedule:     ${r.ScheduleExpression}`] : []),
    ...(r.EventPattern ? [`Pattern:      ${r.EventPattern}`] : []),
    ...(r.Description ? [`Description:  ${r.Description}`] : []),
    '',
    'Targets:',
    ...(v.targets.length ? v.targets.map((t) => `  ${t.Id}: ${ecsTargetText(t.Arn, t.EcsParameters, t.RoleArn)}${t.InputTransformer ? ', input transformer' : t.Input ? ', input' : t.InputPath ? `, input path ${t.InputPath}` : ''}`) : ['  none']),
    ...invocationLines(v.invocations, 'rule'),
  ].join('\n') + '\n';
}

export function scheduleText(v: ScheduleView): string {
  const s = v.schedule;
  const window = s.FlexibleTimeWindow;
  return [
    `Name:         ${s.Name}`,
    `ARN:          ${s.Arn}`,
    `Group:        ${s.GroupName}`,
    `State:        ${s.State}`,
    `Schedule:     ${s.ScheduleExpression}${s.ScheduleExpressionTimezone ? ` (${s.ScheduleExpressionTimezone})` : ''}`,
    `Window:       ${window?.Mode === 'FLEXIBLE' ? `flexible, ${window.MaximumWindowInMinutes} min` : 'off'}`,
    ...(s.StartDate !== undefined || s.EndDate !== undefined ? [`Between:      ${time(s.StartDate) ?? '-'} and ${time(s.EndDate) ?? '-'}`] : []),
    ...(s.ActionAfterCompletion ? [`After last:   ${s.ActionAfterCompletion}`] : []),
    ...(s.Description ? [`Description:  ${s.Description}`] : []),
    `Target:       ${s.Target ? ecsTargetText(s.Target.Arn, s.Target.EcsParameters, s.Target.RoleArn) : '<none>'}`,
    ...(s.Target?.RetryPolicy ? [`Retries:      ${s.Target.RetryPolicy.MaximumRetryAttempts ?? 185} attempts, events up to ${s.Target.RetryPolicy.MaximumEventAgeInSeconds ?? 86400} s old`] : []),
    ...invocationLines(v.invocations, 'schedule'),
  ].join('\n') + '\n';
}

async function invocationsOf(ctx: CommandContext, of: Record<string, string>): Promise<Invocation[]> {
  return (await ctx.client.callApi(INVOKING_API, 'ListInvocations', of) as { invocations?: Invocation[] }).invocations ?? [];
}

async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...p.items);
    token = p.next;
  } while (token);
  return out;
}

export async function getRules(ctx: CommandContext, bus: string | undefined): Promise<void> {
  const rules = await allPages(async (NextToken) => {
    const res = await ctx.client.callApi(EVENTS_API, 'ListRules', { ...(bus ? { EventBusName: bus } : {}), ...(NextToken ? { NextToken } : {}) }) as Events.ListRulesResponse;
    return { items: res.Rules ?? [], ...(res.NextToken ? { next: res.NextToken } : {}) };
  });
  ctx.out(render(ctx.output, rules, (wide) => (rules.length === 0 ? 'No rules.\n' : table(rules, [
    { header: 'NAME', get: (r: Events.Rule) => r.Name },
    { header: 'STATE', get: (r: Events.Rule) => r.State },
    { header: 'ON', get: (r: Events.Rule) => r.ScheduleExpression ?? (r.EventPattern && r.EventPattern.length > 60 ? `${r.EventPattern.slice(0, 57)}...` : r.EventPattern) },
    { header: 'BUS', get: (r: Events.Rule) => r.EventBusName, wide: true },
  ], wide))));
}

export async function describeRule(ctx: CommandContext, name: string, bus: string | undefined): Promise<void> {
  const on = bus ? { EventBusName: bus } : {};
  const rule = await ctx.client.callApi(EVENTS_API, 'DescribeRule', { Name: name, ...on }) as Events.DescribeRuleResponse;
  const targets = await allPages(async (NextToken) => {
    const res = await ctx.client.callApi(EVENTS_API, 'ListTargetsByRule', { Rule: name, ...on, ...(NextToken ? { NextToken } : {}) }) as Events.ListTargetsByRuleResponse;
    return { items: res.Targets ?? [], ...(res.NextToken ? { next: res.NextToken } : {}) };
  });
  const view: RuleView = { rule, targets, invocations: await invocationsOf(ctx, { rule: name, ...(bus ? { eventBusName: bus } : {}) }) };
  ctx.out(render(ctx.output, view, () => ruleText(view)));
}

export async function getSchedules(ctx: CommandContext, group: string | undefined): Promise<void> {
  const schedules = await allPages(async (NextToken) => {
    const res = await ctx.client.callApi(SCHEDULER_API, 'ListSchedules', { ...(group ? { GroupName: group } : {}), ...(NextToken ? { NextToken } : {}) }) as Scheduler.ListSchedulesOutput;
    return { items: res.Schedules ?? [], ...(res.NextToken ? { next: res.NextToken } : {}) };
  });
  ctx.out(render(ctx.output, schedules, (wide) => (schedules.length === 0 ? 'No schedules.\n' : table(schedules, [
    { header: 'NAME', get: (s: Scheduler.ScheduleSummary) => s.Name },
    { header: 'GROUP', get: (s: Scheduler.ScheduleSummary) => s.GroupName },
    { header: 'STATE', get: (s: Scheduler.ScheduleSummary) => s.State },
    { header: 'CLUSTER', get: (s: Scheduler.ScheduleSummary) => lastPart(s.Target?.Arn) },
    { header: 'CREATED', get: (s: Scheduler.ScheduleSummary) => time(s.CreationDate), wide: true },
  ], wide))));
}

export async function describeSchedule(ctx: CommandContext, name: string, group: string | undefined): Promise<void> {
  const schedule = await ctx.client.callApi(SCHEDULER_API, 'GetSchedule', { Name: name, ...(group ? { GroupName: group } : {}) }) as Scheduler.GetScheduleOutput;
  const view: ScheduleView = { schedule, invocations: await invocationsOf(ctx, { schedule: name, ...(group ? { groupName: group } : {}) }) };
  ctx.out(render(ctx.output, view, () => scheduleText(view)));
}

export async function createWebhook(ctx: CommandContext, name: string, opts: { eventBus?: string; description?: string }): Promise<void> {
  const res = await ctx.client.callApi(INVOKING_API, 'CreateWebhook', {
    name, ...(opts.eventBus !== undefined ? { eventBusName: opts.eventBus } : {}), ...(opts.description !== undefined ? { description: opts.description } : {}),
  }) as { webhook: Webhook; token: string };
  const w = res.webhook;
  ctx.out(render(ctx.output, res, () =>
    `event-source/${w.name} created: each POST of a JSON object to\n  ${w.url}\n` +
    `becomes an event on bus ${w.eventBusName} (source berth.webhook, detail-type ${w.name}), sent with the header\n` +
    `  X-Berth-Webhook-Token: TOKEN\nThe token is shown only now:\n${res.token}\n`));
}

export async function getWebhooks(ctx: CommandContext): Promise<void> {
  const webhooks = (await ctx.client.callApi(INVOKING_API, 'ListWebhooks', {}) as { webhooks?: Webhook[] }).webhooks ?? [];
  ctx.out(render(ctx.output, webhooks, (wide) => (webhooks.length === 0 ? 'No event sources.\n' : table(webhooks, [
    { header: 'NAME', get: (w: Webhook) => w.name },
    { header: 'KIND', get: () => 'webhook' },
    { header: 'BUS', get: (w: Webhook) => w.eventBusName },
    { header: 'URL', get: (w: Webhook) => w.url },
    { header: 'CREATED', get: (w: Webhook) => time(w.createdAt), wide: true },
  ], wide))));
}

export async function deleteWebhook(ctx: CommandContext, name: string): Promise<void> {
  await ctx.client.callApi(INVOKING_API, 'DeleteWebhook', { name });
  ctx.out(render(ctx.output, {}, () => `event-source/${name} deleted\n`));
}
