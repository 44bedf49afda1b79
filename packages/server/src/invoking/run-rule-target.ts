// Running one target of an EventBridge rule for one event (a matched event, or a scheduled rule's
// "Scheduled Event"): the input EventBridge would give it, RunTask as the target's role with a clientToken
// from the rule, the target and the event id, and the invocation record of what happened.
import { targetInputText } from '@berth/core';
import type { ServerContext } from '../context.js';
import type { EventRuleRecord } from '../state/event-rules.js';
import type { EventTarget } from '../state/event-targets.js';
import type { InvocationRecord } from '../state/invocations.js';
import { runEcsTarget } from './run-ecs-target.js';

/** EventBridge's default for a target without RetryPolicy: events older than a day are not run. */
const DEFAULT_MAX_EVENT_AGE = 86400;

export async function runRuleTarget(ctx: ServerContext, rule: EventRuleRecord, target: EventTarget, event: Record<string, unknown>,
  ingestedMs: number, now: number, afterRun?: () => Promise<void>): Promise<InvocationRecord> {
  const eventId = String(event.id);
  const base = { time: now, eventId, targetId: target.Id };
  const maxAge = target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE;
  if (now - ingestedMs / 1000 > maxAge) return { ...base, failure: `The event is older than the target's MaximumEventAgeInSeconds (${maxAge} s): not run.` };
  const hasInput = target.Input !== undefined || target.InputPath !== undefined || target.InputTransformer !== undefined;
  const input = hasInput ? targetInputText(target, event, { ruleArn: rule.arn, ruleName: rule.name, ingestionTime: ingestedMs }) : undefined;
  const outcome = await runEcsTarget(ctx, {
    clusterArn: target.Arn, roleArn: target.RoleArn!, principal: 'events.amazonaws.com', ecs: target.EcsParameters!,
    ...(input !== undefined ? { input } : {}),
    idempotencyKey: `${rule.arn}|${target.Id}|${eventId}`, startedBy: `events-rule/${rule.name}`,
  });
  await afterRun?.();
  return { ...base, taskArns: outcome.taskArns, ...(outcome.failure !== undefined ? { failure: outcome.failure } : {}) };
}
