// Container health checks (amazon-ecs-agent: the healthCheck is handed to Docker as Config.Healthcheck; the
// status comes back from `docker inspect` State.Health and `health_status` events). PURE.
import type { HealthCheck, HealthStatus } from '@berth/core';
import { hasHealthCheck } from '@berth/core/task-health.js';

/** ECS's defaults (seconds); the task definition validation enforces ECS's bounds. */
export const HEALTH_DEFAULTS = { interval: 30, timeout: 5, retries: 3, startPeriod: 0 } as const;
/** ECS keeps at most this much of the last check's output (maxHealthCheckOutputLength). */
export const MAX_HEALTH_OUTPUT = 1024;

/** Docker's create-body Healthcheck (durations in nanoseconds). */
export interface DockerHealthConfig {
  Test: string[];
  Interval?: number;
  Timeout?: number;
  Retries?: number;
  StartPeriod?: number;
}

const NS = 1_000_000_000;

/**
 * ECS healthCheck -> Docker Config.Healthcheck, ECS's defaults filled in explicitly (Docker's own defaults
 * differ: 30 s timeout, and 0 means "inherit"). ["NONE"] disables the image's check. undefined: no check.
 */
export function dockerHealthcheck(hc: HealthCheck | undefined): DockerHealthConfig | undefined {
  if (hc === undefined || !Array.isArray(hc.command) || hc.command.length === 0) return undefined;
  if (hc.command[0] === 'NONE') return { Test: ['NONE'] };
  const out: DockerHealthConfig = {
    Test: [...hc.command],
    Interval: (hc.interval ?? HEALTH_DEFAULTS.interval) * NS,
    Timeout: (hc.timeout ?? HEALTH_DEFAULTS.timeout) * NS,
    Retries: hc.retries ?? HEALTH_DEFAULTS.retries,
  };
  const sp = hc.startPeriod ?? HEALTH_DEFAULTS.startPeriod;
  if (sp > 0) out.StartPeriod = sp * NS;
  return out;
}

export { hasHealthCheck };

/** Docker's State.Health.Status -> ECS health; undefined for "starting" or none (no change, as ECS). */
export function healthFromDocker(status: string | undefined): Exclude<HealthStatus, 'UNKNOWN'> | undefined {
  if (status === 'healthy') return 'HEALTHY';
  if (status === 'unhealthy') return 'UNHEALTHY';
  return undefined;
}

/** What the agent keeps of a container's health (persisted; TMDS's Health object reads it). */
export interface HealthRecord {
  status: HealthStatus;
  /** Epoch seconds (agent clock) when this status was first seen. */
  since: number;
  /** Exit code of the last failing check (UNHEALTHY only). */
  exitCode?: number;
  /** The last check's output, capped at 1024 characters. */
  output?: string;
}

/**
 * The next health record after a Docker observation, or undefined when nothing changes: only a new status
 * moves it (and stamps `since`), as ECS's SetHealthStatus does.
 */
export function nextHealth(
  prev: HealthRecord | undefined,
  docker: { status?: string; lastExitCode?: number; lastOutput?: string } | undefined,
  nowSec: number,
): HealthRecord | undefined {
  const status = healthFromDocker(docker?.status);
  if (status === undefined || prev?.status === status) return undefined;
  const rec: HealthRecord = { status, since: nowSec };
  if (docker?.lastOutput !== undefined) rec.output = docker.lastOutput.slice(0, MAX_HEALTH_OUTPUT);
  if (status === 'UNHEALTHY' && docker?.lastExitCode !== undefined) rec.exitCode = docker.lastExitCode;
  return rec;
}
