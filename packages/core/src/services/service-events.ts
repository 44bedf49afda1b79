// "ECS Service Action" and "ECS Deployment State Change" events (ECS API brief §5.4, §5.5): new
// deployments and rolloutState changes become deployment events; the Service Actions a decision made
// (steady state, placement failure, throttling, stops), carried with their kinds, become service actions.
// Pure: the caller gives the service before and after, the actions, the time and id source.
import type { Identity } from '../arn.js';
import { DEPLOYMENT_STATE_CHANGE, SERVICE_ACTION, envelope, isoMillis, type EcsEvent } from '../events.js';
import type { Deployment, Service } from '../model/types.js';
import type { ServiceAction, ServiceActionName } from './deployment.js';

/** Each Service Action's eventType, as ECS classifies them. */
const ACTION_TYPE: Record<ServiceActionName, 'INFO' | 'WARN' | 'ERROR'> = {
  SERVICE_STEADY_STATE: 'INFO',
  TASKS_STOPPED: 'INFO',
  SERVICE_TASK_START_IMPAIRED: 'WARN',
  SERVICE_TASK_PLACEMENT_FAILURE: 'ERROR',
  SERVICE_DAEMON_PLACEMENT_CONSTRAINT_VIOLATED: 'ERROR',
  SERVICE_TASK_CONFIGURATION_FAILURE: 'ERROR',
};

function deploymentEvent(identity: Identity, serviceArn: string, d: Deployment, now: number, id: string): EcsEvent | undefined {
  const base = { deploymentId: d.id, updatedAt: isoMillis(d.updatedAt ?? now) };
  switch (d.rolloutState) {
    case 'IN_PROGRESS':
      return envelope(identity, DEPLOYMENT_STATE_CHANGE, serviceArn, {
        eventType: 'INFO', eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS', ...base,
        reason: d.rolloutStateReason && /rolling back/.test(d.rolloutStateReason) ? d.rolloutStateReason : `ECS deployment ${d.id} in progress.`,
      }, now, id);
    case 'COMPLETED':
      return envelope(identity, DEPLOYMENT_STATE_CHANGE, serviceArn, { eventType: 'INFO', eventName: 'SERVICE_DEPLOYMENT_COMPLETED', ...base, reason: `ECS deployment ${d.id} completed.` }, now, id);
    case 'FAILED':
      return envelope(identity, DEPLOYMENT_STATE_CHANGE, serviceArn, {
        eventType: 'ERROR', eventName: 'SERVICE_DEPLOYMENT_FAILED', ...base,
        reason: d.rolloutStateReason ?? 'ECS deployment circuit breaker: task failed to start.',
      }, now, id);
    default:
      return undefined;
  }
}

/**
 * The events a service record change from `before` (absent: a new service) to `after` emits, oldest first:
 * deployment state changes from the deployments' rolloutState, then the Service Actions the write added
 * (addEvents gives them, with their kinds, as the decision made them).
 */
export function serviceChangeEvents(identity: Identity, before: Service | undefined, after: Service, now: number, newId: () => string,
  actions: readonly ServiceAction[] = []): EcsEvent[] {
  const serviceArn = after.serviceArn!;
  const out: EcsEvent[] = [];
  const was = new Map((before?.deployments ?? []).map((d) => [d.id, d.rolloutState]));
  for (const d of [...(after.deployments ?? [])].reverse()) {
    if (!d.id || (was.has(d.id) && was.get(d.id) === d.rolloutState)) continue;
    const e = deploymentEvent(identity, serviceArn, d, now, newId());
    if (e) out.push(e);
  }
  for (const a of actions) {
    const detail: Record<string, unknown> = {
      eventType: ACTION_TYPE[a.eventName], eventName: a.eventName, clusterArn: after.clusterArn, createdAt: isoMillis(a.createdAt),
      ...(a.reason !== undefined ? { reason: a.reason } : {}),
    };
    out.push(envelope(identity, SERVICE_ACTION, serviceArn, detail, now, newId()));
  }
  return out;
}
