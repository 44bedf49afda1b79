// Container restart policy (amazon-ecs-agent's RestartTracker, ecs-agent/api/container/restart): a container
// that exits is started again in place (same Docker container), instead of being reported STOPPED, when its
// policy is enabled, the task still wants it running, its exit code is known and not ignored, and it ran for
// at least restartAttemptPeriod seconds since its last start or restart. PURE.
import type { ContainerRestartPolicy } from '@berth/core';

/** ECS's default restartAttemptPeriod, seconds (the task definition validation enforces 60..1800). */
export const DEFAULT_RESTART_ATTEMPT_PERIOD = 300;

export interface RestartInput {
  exitCode?: number;
  /** The container's desired status. */
  desiredStatus: 'RUNNING' | 'STOPPED';
  /** Epoch ms: when Docker last started it (used until the first restart). */
  startedAt?: number;
  /** Epoch ms: the last restart the agent made. */
  lastRestartAt?: number;
}

export interface RestartDecision {
  restart: boolean;
  /** Why not (as the ECS agent logs it). */
  reason?: string;
}

export function restartDecision(policy: ContainerRestartPolicy | undefined, c: RestartInput, nowMs: number): RestartDecision {
  if (policy?.enabled !== true) return { restart: false, reason: 'restart policy is not enabled' };
  if (c.desiredStatus === 'STOPPED') return { restart: false, reason: "container's desired status is stopped" };
  if (c.exitCode === undefined) return { restart: false, reason: 'exit code is nil' };
  if ((policy.ignoredExitCodes ?? []).includes(c.exitCode)) return { restart: false, reason: `exit code ${c.exitCode} should be ignored` };
  const period = (policy.restartAttemptPeriod ?? DEFAULT_RESTART_ATTEMPT_PERIOD) * 1000;
  const since = c.lastRestartAt ?? c.startedAt;
  // No known start time counts as long ago (as ECS's zero time.Time).
  if (since !== undefined && nowMs - since < period) return { restart: false, reason: 'attempt reset period has not elapsed' };
  return { restart: true };
}
