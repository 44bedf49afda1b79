// When EventBridge Scheduler runs an occurrence: at the occurrence with FlexibleTimeWindow OFF; with
// FLEXIBLE, somewhere within MaximumWindowInMinutes after it. Berth picks the point from a hash of the
// schedule and the occurrence, so every replica (and a leader after a failover) picks the same one.
import { createHash } from 'node:crypto';
import type { ScheduleExpression } from './expression.js';
import { nextOccurrence, type OccurrenceWindow } from './next-occurrence.js';

export interface FireSpec extends OccurrenceWindow {
  expression: ScheduleExpression;
  /** FLEXIBLE's window in minutes (absent or 0: OFF). */
  flexibleMinutes?: number;
  /** Names the schedule in the hash (its ARN and creation time). */
  key: string;
}

/** The point within the flexible window (seconds after the occurrence) for this schedule and occurrence. */
export function flexibleOffset(key: string, occurrence: number, minutes: number): number {
  if (minutes <= 0) return 0;
  const h = createHash('sha256').update(`${key}|${occurrence}`).digest().readUInt32BE(0);
  return Math.floor((h / 2 ** 32) * minutes * 60);
}

/** The next occurrence strictly after `after`, and when to run it; undefined when none is left. */
export function nextFire(spec: FireSpec, after: number): { occurrence: number; fireAt: number } | undefined {
  const occurrence = nextOccurrence(spec.expression, after, spec);
  if (occurrence === undefined) return undefined;
  return { occurrence, fireAt: occurrence + flexibleOffset(spec.key, occurrence, spec.flexibleMinutes ?? 0) };
}
