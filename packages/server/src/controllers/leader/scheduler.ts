// EventBridge Scheduler's runner (leader only): every tick it reads the due entries (state/schedules.ts)
// up to now, oldest first, and runs each schedule's occurrence; the same for scheduled EventBridge rules and
// Application Auto Scaling's scheduled actions (scheduled-scaling.ts).
//
// Exactly once per occurrence, across replicas and failovers: only the leader runs, its writes are fenced,
// and RunTask's clientToken comes from the schedule (ARN and creation time) and the occurrence, so a leader
// that dies between RunTask and the schedule's bookkeeping leaves the occurrence due, and the next leader's
// RunTask answers the tasks of the first run instead of starting more. Retries of a failed run keep the
// token: a run that failed placed nothing and left it unused, and one whose answer was an error after its
// tasks were written (a store that timed out on a commit it made) is answered with them. The
// bookkeeping (the next occurrence, the invocation record, the `Berth Invocation` event) is one
// transaction comparing the schedule's revision.
//
// An occurrence older than the target's RetryPolicy.MaximumEventAgeInSeconds (default a day) when it comes
// due (the control plane was down) is not run but recorded, and the schedule goes on from the first
// occurrence inside that age. A failed run is tried again (backing off, up to MaximumRetryAttempts, default
// 185, while the occurrence is young enough), each attempt recorded. When no occurrence is left,
// ActionAfterCompletion DELETE deletes the schedule.
import { createHash } from 'node:crypto';
import { DEFAULT_EVENT_BUS, flexibleOffset, isoSeconds, type Scheduler } from '@berth/core';
import type { Op } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { SCHEDULES_DUE, deleteScheduleOps, dueKeyOf, getSchedule, putScheduleOps, scheduleKey, type ScheduleRecord } from '../../state/schedules.js';
import { RULES_DUE, eventRuleKey, getEventRule, putEventRuleOps, ruleDueKeyOf } from '../../state/event-rules.js';
import { eventTargetsOf } from '../../state/event-targets.js';
import { ruleInvocationOwner } from '../../state/invocations.js';
import type { DueIndex } from '../../state/due-index.js';
import type { Versioned } from '../../state/kit.js';
import { plannedRule } from '../../handlers/eventbridge/rules.js';
import { runRuleTarget } from '../../invoking/run-rule-target.js';
import { putInvocationOp, scheduleInvocationOwner, trimInvocationOps, type InvocationRecord } from '../../state/invocations.js';
import { invocationEventOp } from '../../invoking/invocation-event.js';
import { fireKey, planned, windowMinutes } from '../../handlers/scheduler/schedules.js';
import { runEcsTarget } from '../../invoking/run-ecs-target.js';
import { startPeriodic } from '../periodic.js';
import { SCHEDULED_DUE } from '../../state/scaling.js';
import { runScheduledAction } from './scheduled-scaling.js';

export interface SchedulerOptions {
  /** The scheduler's clock, epoch seconds (tests inject one; default the server's). */
  now?: () => number;
  /** How often it looks for due occurrences (default 1000 ms). */
  tickMs?: number;
  /** Tests: called after an occurrence's RunTask returned, before its bookkeeping. */
  afterRun?: () => Promise<void>;
}

const DEFAULT_MAX_AGE = 86400;
const DEFAULT_MAX_RETRIES = 185;
/** Due entries one tick reads at most (the rest wait for the next tick). */
const PAGE = 50;

const iso = (s: number) => new Date(s * 1000).toISOString();

export class ScheduleRunner {
  constructor(private readonly ctx: ServerContext, private readonly opts: SchedulerOptions = {}) {}

  private now(): number {
    return (this.opts.now ?? this.ctx.now)();
  }

  /** Runs every occurrence due by now, of schedules, scheduled rules and scheduled scaling actions; returns how many it handled. */
  async tick(stopped: () => boolean = () => false): Promise<number> {
    return (await this.due(SCHEDULES_DUE, stopped, (a, b, key) => this.fire(a, b, key)))
      + (await this.due(RULES_DUE, stopped, (a, b, key) => this.fireRule(a, b, key)))
      + (await this.due(SCHEDULED_DUE, stopped, (a, b, key) => runScheduledAction(this.ctx, a, b, key, this.now())));
  }

  private async due(index: DueIndex, stopped: () => boolean, fire: (a: string, b: string, key: string) => Promise<void>): Promise<number> {
    const now = this.now();
    const page = await this.ctx.store.range(index.prefix, { limit: PAGE, keysOnly: true });
    let n = 0;
    for (const kv of page.kvs) {
      if (stopped() || index.time(kv.key) > now * 1000) break;
      const [a, b] = index.names(kv.key);
      await fire(a, b, kv.key);
      n++;
    }
    return n;
  }

  /** The record a due entry names; a due entry its record no longer has (deleted or moved meanwhile) goes. */
  private async current<T>(key: string, dueKey: string, cur: Versioned<T> | null, dueOf: (r: T) => string | undefined): Promise<Versioned<T> | undefined> {
    if (cur && dueOf(cur.value) === dueKey) return cur;
    await this.ctx.store.txn({ compare: [{ key, modRevision: cur?.modRevision ?? 0 }], success: [{ delete: dueKey }] });
    return undefined;
  }

  /**
   * A scheduled EventBridge rule's occurrence: its targets get EventBridge's "Scheduled Event", whose id comes
   * from the rule and the occurrence (so the targets' clientTokens do too: a run again after a failover
   * starts nothing more).
   */
  private async fireRule(bus: string, name: string, dueKey: string): Promise<void> {
    const cur = await this.current(eventRuleKey(bus, name), dueKey, await getEventRule(this.ctx.store, bus, name), ruleDueKeyOf);
    if (!cur) return;
    const rule = cur.value;
    const now = this.now();
    const occurrence = rule.nextOccurrence!;
    const id = createHash('sha256').update(`${rule.arn}|${rule.createdAt}|${occurrence}`).digest('hex');
    const event = {
      version: '0', id: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`, 'detail-type': 'Scheduled Event',
      source: 'aws.events', account: this.ctx.identity.accountId, time: isoSeconds(occurrence), region: this.ctx.identity.region, resources: [rule.arn], detail: {},
    };
    const owner = ruleInvocationOwner(bus, name);
    const ops: Op[] = [];
    for (const target of await eventTargetsOf(this.ctx.store, bus, name)) {
      const rec = { ...(await runRuleTarget(this.ctx, rule, target, event, occurrence * 1000, now, this.opts.afterRun)), occurrence: iso(occurrence) };
      ops.push(putInvocationOp(owner, occurrence * 1000, `${event.id}-${target.Id}`, rec));
      ops.push(invocationEventOp(this.ctx, bus, rule.arn, { rule: name, eventBusName: bus }, rec, now));
    }
    const { nextOccurrence: _o, fireAt: _f, ...rest } = rule;
    const next = { ...rest, ...plannedRule(rule, Math.max(occurrence, now - 0.001)) };
    await this.ctx.store.txn({
      compare: [{ key: eventRuleKey(bus, name), modRevision: cur.modRevision }],
      success: [...ops, ...putEventRuleOps(next, rule), ...(await trimInvocationOps(this.ctx.store, owner))],
    });
  }

  private async fire(group: string, name: string, dueKey: string): Promise<void> {
    const cur = await this.current(scheduleKey(group, name), dueKey, await getSchedule(this.ctx.store, group, name), dueKeyOf);
    if (!cur) return;
    const s = cur.value;
    const now = this.now();
    const occurrence = s.nextOccurrence!;
    const policy: Scheduler.RetryPolicy = s.target.RetryPolicy ?? {};
    const maxAge = policy.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE;
    const attempts = s.attempts ?? 0;
    const owner = scheduleInvocationOwner(group, name);
    let rec: InvocationRecord;
    let next: ScheduleRecord;
    // Its age counts from when it was to run: the occurrence, or its point in a flexible window.
    const age = now - (occurrence + flexibleOffset(fireKey(s), occurrence, windowMinutes(s)));
    if (age > maxAge) {
      // Too old to run: recorded, and the schedule goes on from the first occurrence young enough.
      rec = { time: now, occurrence: iso(occurrence), failure: `Not run: the occurrence is older than the target's MaximumEventAgeInSeconds (${maxAge} s); occurrences up to ${iso(now - maxAge)} were skipped.` };
      next = this.advanced(s, Math.max(occurrence, now - maxAge - 0.001));
    } else {
      const outcome = await runEcsTarget(this.ctx, {
        clusterArn: s.target.Arn, roleArn: s.target.RoleArn, principal: 'scheduler.amazonaws.com', ecs: s.target.EcsParameters!,
        ...(s.target.Input !== undefined ? { input: s.target.Input } : {}),
        idempotencyKey: `${fireKey(s)}|${occurrence}`, startedBy: `scheduler/${group}/${name}`,
      });
      await this.opts.afterRun?.();
      rec = { time: now, occurrence: iso(occurrence), taskArns: outcome.taskArns, ...(outcome.failure !== undefined ? { failure: outcome.failure } : {}) };
      const maxRetries = policy.MaximumRetryAttempts ?? DEFAULT_MAX_RETRIES;
      if (outcome.failure !== undefined && outcome.taskArns.length === 0 && attempts < maxRetries && age < maxAge) {
        // Tried again after 2^attempts seconds (at most a minute), the same occurrence.
        rec.failure += ` (attempt ${attempts + 1} of ${maxRetries + 1}; trying again)`;
        next = { ...s, attempts: attempts + 1, fireAt: now + Math.min(60, 2 ** attempts) };
      } else {
        next = this.advanced(s, occurrence);
      }
    }
    const ops: Op[] = [
      putInvocationOp(owner, occurrence * 1000, `${attempts}`, rec),
      invocationEventOp(this.ctx, DEFAULT_EVENT_BUS, s.arn, { schedule: s.name, scheduleGroup: s.groupName }, rec, now),
    ];
    if (next.nextOccurrence === undefined && s.actionAfterCompletion === 'DELETE') {
      ops.push(...deleteScheduleOps(s), ...(await trimInvocationOps(this.ctx.store, owner, true)));
    } else {
      ops.push(...putScheduleOps(next, s), ...(await trimInvocationOps(this.ctx.store, owner)));
    }
    // Fails only when the schedule changed meanwhile (UpdateSchedule, DeleteSchedule): its new form decides next tick.
    await this.ctx.store.txn({ compare: [{ key: scheduleKey(group, name), modRevision: cur.modRevision }], success: ops });
  }

  /** The schedule with its next occurrence after `after`, attempts reset. */
  private advanced(s: ScheduleRecord, after: number): ScheduleRecord {
    const { nextOccurrence: _o, fireAt: _f, attempts: _a, ...rest } = s;
    return { ...rest, ...planned(s, after) };
  }
}

export function startScheduler(ctx: ServerContext, opts: SchedulerOptions = {}): { stop(): void; runner: ScheduleRunner } {
  const runner = new ScheduleRunner(ctx, opts);
  const p = startPeriodic(ctx, 'scheduler tick', opts.tickMs ?? 1000, async (stopped) => {
    await runner.tick(stopped);
  });
  return { stop: () => p.stop(), runner };
}
