// Application Auto Scaling's scheduled actions (issue 22 §5), as pure decisions: when an action runs next
// (core's one schedule parser, in its time zone, within StartTime and EndTime), and what it does when it
// runs: the scalable target takes the action's minimum and maximum, and a current capacity outside them is
// brought to the nearer bound, as AWS documents it. The leader's scheduler (controllers/leader/
// scheduled-scaling.ts) gives them the records and writes what they return.
import { nextOccurrence, parseScheduleExpression, type ScheduleExpression } from '../schedule/index.js';
import { isTimeZone } from '../schedule/time-zone.js';

export interface ScheduledActionTiming {
  /** at(...), rate(...) or cron(...). */
  schedule: string;
  timezone?: string;
  /** Epoch seconds. */
  startTime?: number;
  endTime?: number;
  /** Epoch seconds: rate() counts from StartTime, else from here. */
  creationTime: number;
}

/** What is wrong with an action's timing, as [member, reason], or undefined; the API words its refusal. */
export function scheduledActionTimingProblem(t: ScheduledActionTiming): [string, string] | undefined {
  try {
    parseScheduleExpression(t.schedule);
  } catch (e) {
    return ['Schedule', (e as Error).message];
  }
  if (t.timezone !== undefined && !isTimeZone(t.timezone)) return ['Timezone', `${t.timezone} is not a time zone (an IANA name such as Europe/Berlin).`];
  if (t.startTime !== undefined && t.endTime !== undefined && t.endTime <= t.startTime) return ['EndTime', 'EndTime must be after StartTime.'];
  return undefined;
}

/** When the action runs next, strictly after `after` (epoch seconds); undefined when it never will again. */
export function nextScheduledRun(t: ScheduledActionTiming, after: number): number | undefined {
  const expr: ScheduleExpression = parseScheduleExpression(t.schedule);
  return nextOccurrence(expr, after, {
    ...(t.timezone !== undefined ? { timeZone: t.timezone } : {}),
    start: t.startTime ?? t.creationTime,
    ...(t.endTime !== undefined ? { end: t.endTime } : {}),
  });
}

export interface ScheduledRunInput {
  /** The scalable target now. */
  current: number;
  min: number;
  max: number;
  scheduledScalingSuspended: boolean;
  /** The action's ScalableTargetAction. */
  action: { MinCapacity?: number; MaxCapacity?: number };
}

export type ScheduledRunDecision =
  | { action: 'skip'; why: string }
  | { action: 'fail'; min: number; max: number; message: string }
  | { action: 'apply'; min: number; max: number; desired?: number; cause?: string };

/** What one run of a scheduled action does to its target (and the service's desired count, when it moves). */
export function scheduledRunDecision(i: ScheduledRunInput): ScheduledRunDecision {
  if (i.scheduledScalingSuspended) return { action: 'skip', why: 'scheduled scaling is suspended' };
  const min = i.action.MinCapacity ?? i.min;
  const max = i.action.MaxCapacity ?? i.max;
  if (min > max) return { action: 'fail', min, max, message: `Minimum capacity (${min}) cannot be greater than maximum capacity (${max}).` };
  if (i.current < min) return { action: 'apply', min, max, desired: min, cause: `minimum capacity was set to ${min}` };
  if (i.current > max) return { action: 'apply', min, max, desired: max, cause: `maximum capacity was set to ${max}` };
  return { action: 'apply', min, max };
}

/** DescribeScalingActivities' Description and StatusMessage for a desired count set (AWS's texts). */
export function desiredCountTexts(desired: number): { Description: string; StatusMessage: string } {
  return {
    Description: `Setting desired count to ${desired}.`,
    StatusMessage: `Successfully set desired count to ${desired}. Change successfully fulfilled by ecs.`,
  };
}
