// "ECS Service Action" and "ECS Deployment State Change" events (ECS API brief §5.4, §5.5), derived from
// how a service record changed: new deployments and rolloutState changes become deployment events; the
// service messages the scheduler added (steady state, placement failure, throttling, stops) become
// service actions. Pure: the caller gives the service before and after, the time and id source.
import type { Identity } from '../arn.js';
import { DEPLOYMENT_STATE_CHANGE, SERVICE_ACTION, envelope, isoMillis, type EcsEvent } from '../events.js';
import type { Deployment, Service, ServiceEvent } from '../model/types.js';

interface ActionRule {
  test: RegExp;
  eventType: 'INFO' | 'WARN' | 'ERROR';
  eventName: string;
}

/** Which scheduler messages are service actions, by ECS's texts (deployment.ts eventTexts). */
const ACTIONS: readonly ActionRule[] = [
  { test: /has reached a steady state\.$/, eventType: 'INFO', eventName: 'SERVICE_STEADY_STATE' },
  { test: /was unable to place a task/, eventType: 'ERROR', eventName: 'SERVICE_TASK_PLACEMENT_FAILURE' },
  { test: /is unable to consistently start tasks successfully/, eventType: 'WARN', eventName: 'SERVICE_TASK_START_IMPAIRED' },
  { test: /has stopped \d+ running tasks/, eventType: 'INFO', eventName: 'TASKS_STOPPED' },
];

const REASON_RESOURCE = /insufficient (CPU|memory)|already using a port/;

function placementReason(message: string): string | undefined {
  const m = REASON_RESOURCE.exec(message);
  if (!m) return undefined;
  return m[1] === 'CPU' ? 'RESOURCE:CPU' : m[1] === 'memory' ? 'RESOURCE:MEMORY' : 'RESOURCE:PORTS';
}

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

/** The events a service record change from `before` (absent: a new service) to `after` emits, oldest first. */
export function serviceChangeEvents(identity: Identity, before: Service | undefined, after: Service, now: number, newId: () => string): EcsEvent[] {
  const serviceArn = after.serviceArn!;
  const out: EcsEvent[] = [];
  const was = new Map((before?.deployments ?? []).map((d) => [d.id, d.rolloutState]));
  for (const d of [...(after.deployments ?? [])].reverse()) {
    if (!d.id || (was.has(d.id) && was.get(d.id) === d.rolloutState)) continue;
    const e = deploymentEvent(identity, serviceArn, d, now, newId());
    if (e) out.push(e);
  }
  const seen = new Set((before?.events ?? []).map((e) => e.id));
  const added: ServiceEvent[] = (after.events ?? []).filter((e) => e.id && !seen.has(e.id)).reverse();
  for (const ev of added) {
    const rule = ACTIONS.find((r) => r.test.test(ev.message ?? ''));
    if (!rule) continue;
    const detail: Record<string, unknown> = { eventType: rule.eventType, eventName: rule.eventName, clusterArn: after.clusterArn, createdAt: isoMillis(ev.createdAt ?? now) };
    if (rule.eventName === 'SERVICE_TASK_PLACEMENT_FAILURE') {
      const reason = placementReason(ev.message ?? '');
      if (reason) detail.reason = reason;
    }
    out.push(envelope(identity, SERVICE_ACTION, serviceArn, detail, now, newId()));
  }
  return out;
}
