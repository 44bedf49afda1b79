// Container and task health as ECS shows them in DescribeTasks (ECS API brief §4.6, "Determine task health
// using container health checks"): a container without a healthCheck is UNKNOWN; the task is UNHEALTHY when
// an essential container with a health check is UNHEALTHY, HEALTHY when every essential container with a
// health check is HEALTHY, else UNKNOWN (also when no essential container has one). Non-essential
// containers never count. Pure.
import type { HealthStatus, TaskDefinition } from './model/types.js';

export interface ContainerHealthView {
  essential: boolean;
  /** The container definition has a healthCheck (other than ["NONE"]). */
  hasHealthCheck: boolean;
  healthStatus?: HealthStatus;
}

export function taskHealthStatus(containers: readonly ContainerHealthView[]): HealthStatus {
  const checked = containers.filter((c) => c.essential && c.hasHealthCheck);
  if (checked.length === 0) return 'UNKNOWN';
  if (checked.some((c) => c.healthStatus === 'UNHEALTHY')) return 'UNHEALTHY';
  if (checked.every((c) => c.healthStatus === 'HEALTHY')) return 'HEALTHY';
  return 'UNKNOWN';
}

/** A healthCheck that Docker runs (["NONE"] disables the image's own check and reports nothing). */
export function hasHealthCheck(hc: { command?: string[] } | undefined): boolean {
  return hc !== undefined && Array.isArray(hc.command) && hc.command.length > 0 && hc.command[0] !== 'NONE';
}

/** The task's health from its containers' reported health and the definition's essential flags and checks. */
export function taskHealthFromDefinition(td: TaskDefinition, health: ReadonlyMap<string, HealthStatus | undefined>): HealthStatus {
  return taskHealthStatus(
    (td.containerDefinitions ?? []).map((cd) => ({
      essential: cd.essential !== false,
      hasHealthCheck: hasHealthCheck(cd.healthCheck),
      healthStatus: health.get(cd.name ?? ''),
    })),
  );
}
