// ECS's DAEMON scheduling strategy as one pure decision (ECS API brief §4.7): exactly one task of the
// PRIMARY deployment on each eligible container instance (ACTIVE, meeting the service's placement
// constraints, its agent not lost: the caller decides eligibility). desiredCount is computed: the number
// of eligible instances. Tasks on instances that are no longer eligible (DRAINING, constraints no longer
// met) are stopped; on a DRAINING instance only once the other services' tasks have left (ECS: daemon
// tasks are the last to stop). A rolling update stops the old task on an instance first and starts its
// replacement there once it is STOPPED (maximumPercent is 100 for daemons), never stopping healthy tasks
// below minimumHealthyPercent (ECS's daemon default: 0). Health, failures, the circuit breaker, lost
// agents and the deployments' bookkeeping are the replica scheduler's (beginDecision / finishDecision).
import {
  DRAINING_REASON, SERVICE_DELETED_REASON, beginDecision, drainedEvent, expendable, finishDecision, scalingReason, stopUnhealthy,
  type PlannedStart, type SchedulerInput, type SchedulerPlan, type ServiceTask,
} from './replica-scheduler.js';
import { minimumHealthy, serviceMessage } from './deployment.js';

export const DAEMON_CONSTRAINT_REASON = 'Container instance no longer meets the placement constraints of the daemon service';

export interface DaemonInstance {
  id: string;
  /** ACTIVE, meets the service's placement constraints, agent not lost. */
  eligible: boolean;
  /** Other (REPLICA) services' tasks are still there: a draining instance keeps its daemon task until they are gone. */
  busy?: boolean;
  /** false: the agent is away (not yet lost): the instance counts, but nothing is started there until it is back. */
  agentConnected?: boolean;
}

export interface DaemonInput extends Omit<SchedulerInput, 'desiredCount'> {
  /** The cluster's container instances (any status). */
  instances: readonly DaemonInstance[];
}

export interface DaemonPlan extends SchedulerPlan {
  /** The computed desired count: one per eligible instance (0 for a deleted service). */
  desiredCount: number;
}

const taskId = (x: ServiceTask) => x.task.taskArn!.slice(x.task.taskArn!.lastIndexOf('/') + 1);
const notStopped = (x: ServiceTask) => x.task.lastStatus !== 'STOPPED' && x.instanceState !== 'LOST';

export function decideDaemon(input: DaemonInput): DaemonPlan {
  const eligible = [...new Set(input.instances.filter((i) => i.eligible).map((i) => i.id))].sort();
  const eligibleSet = new Set(eligible);
  const D = input.status === 'ACTIVE' ? eligible.length : 0;
  const dc = beginDecision({ ...input, desiredCount: D }, true);
  const { state, stopping, requestStop, stopOrder, deploymentOf, primary, live, cfg } = dc;
  const name = input.serviceName;
  const start: PlannedStart[] = [];

  if (input.status !== 'ACTIVE') {
    for (const x of live) requestStop(x, SERVICE_DELETED_REASON);
  } else {
    stopUnhealthy(dc);
    const isStopping = (x: ServiceTask) => stopping.has(taskId(x));
    // Tasks on instances the daemon no longer covers go at once (ECS: a DRAINING instance loses its
    // daemon task; a constraint violation stops it).
    const drained: ServiceTask[] = [];
    const violating: ServiceTask[] = [];
    const busy = new Set(input.instances.filter((i) => i.busy).map((i) => i.id));
    for (const x of live) {
      if (isStopping(x) || (x.instanceId !== undefined && eligibleSet.has(x.instanceId))) continue;
      if (x.instanceState === 'DRAINING') {
        if (x.instanceId !== undefined && busy.has(x.instanceId)) continue;
        requestStop(x, DRAINING_REASON);
        drained.push(x);
      } else {
        requestStop(x, DAEMON_CONSTRAINT_REASON);
        violating.push(x);
      }
    }
    drainedEvent(dc, drained);
    if (violating.length > 0) dc.events.push(serviceMessage('daemonConstraint', name, violating.map(taskId)));

    const launchable = primary !== undefined && primary.rolloutState !== 'FAILED';
    const isPrimary = (x: ServiceTask) => primary !== undefined && x.task.startedBy === primary.id;
    const away = new Set(input.instances.filter((i) => i.agentConnected === false).map((i) => i.id));
    const replaceable: ServiceTask[] = [];
    const startOn: string[] = [];
    for (const id of eligible) {
      const on = live.filter((x) => x.instanceId === id && !isStopping(x));
      const mine = on.filter(isPrimary);
      const old = on.filter((x) => !isPrimary(x));
      if (mine.length > 0) {
        // One per instance: extra copies, and old tasks next to a new one, go.
        for (const x of [...mine].sort(stopOrder).slice(0, mine.length - 1)) requestStop(x, scalingReason(primary!.id!));
        for (const x of old) requestStop(x, scalingReason(deploymentOf(x.task)?.id ?? primary!.id!));
      } else if (old.length > 0) {
        const keep = [...old].sort(stopOrder).reverse();
        for (const x of keep.slice(1)) requestStop(x, scalingReason(deploymentOf(x.task)?.id ?? primary?.id ?? ''));
        if (launchable) replaceable.push(keep[0]!);
      } else if (!away.has(id) && !input.tasks.some((x) => x.instanceId === id && notStopped(x))) {
        // Nothing there, not even a task still stopping: its ports and resources are free.
        startOn.push(id);
      }
    }

    // The rolling update: stop before start on the same instance, never below minimumHealthyPercent.
    if (replaceable.length > 0) {
      const stops = expendable(dc, replaceable, minimumHealthy(D, cfg.minimumHealthyPercent));
      for (const x of stops) requestStop(x, scalingReason(deploymentOf(x.task)?.id ?? primary!.id!));
      if (stops.length === 0 && startOn.length === 0 && dc.stop.length === 0) dc.events.push(serviceMessage('cannotProgress', name));
    }

    const throttled = state.nextLaunchAt !== undefined && state.nextLaunchAt > input.now;
    if (launchable && startOn.length > 0) {
      if (throttled) dc.wake.push(state.nextLaunchAt!);
      else start.push({ deploymentId: primary!.id!, taskDefinition: primary!.taskDefinition!, count: startOn.length, instanceIds: startOn });
    }
  }
  return { ...finishDecision(dc, D, start), desiredCount: D };
}
