// A target's health as berth-lb reports it, from HAProxy's `show stat` row of its slot: UP (also while
// going down, or drained) is healthy; DOWN is unhealthy with ELB's reason from the check's status; nothing
// is said of a target still in its first checks (ELB's `initial`), so a task just started is not called
// unhealthy before it could answer. Pure.
import type { ServerStat } from './runtime-api.js';

export interface HealthReport {
  healthy: boolean;
  reason?: 'Target.ResponseCodeMismatch' | 'Target.Timeout' | 'Target.FailedHealthChecks';
  detail?: string;
}

/**
 * `firstChecks`: the target has not been UP since it took its slot and is young enough (less than its
 * unhealthy threshold of intervals) that a DOWN may be the slot's earlier state or checks still rising.
 */
export function healthOf(stat: ServerStat, firstChecks: boolean): HealthReport | undefined {
  const status = stat.status.trim();
  const check = stat.checkStatus.replace(/^\* /, '').trim();
  if (status === 'MAINT' || status === 'no check' || status === '') return undefined;
  if (/^(UP|DRAIN|NOLB)/.test(status)) return { healthy: true };
  // DOWN, or DOWN n/m (rising): still in its first checks says nothing yet.
  if (firstChecks || check === 'INI' || check === '') return undefined;
  const detail = `${check}${stat.checkCode ? ` ${stat.checkCode}` : ''}`;
  if (check === 'L7STS') return { healthy: false, reason: 'Target.ResponseCodeMismatch', detail: `Health checks failed with these codes: [${stat.checkCode}]` };
  if (/TOUT$/.test(check)) return { healthy: false, reason: 'Target.Timeout', detail: `Request timed out (${detail})` };
  return { healthy: false, reason: 'Target.FailedHealthChecks', detail: `Health checks failed (${detail})` };
}
