// The fleet as the services controller sees it: each container instance's state for the schedulers
// (ACTIVE, DRAINING, or LOST when its agent has been away past the agent-lost grace period), which
// instances a daemon service covers, and when the next away agent becomes lost (a wake-up). Read from the
// instance cache (or the store), never kept between decisions.
import {
  memberOfCheck, placeTasks, statusCheck,
  type DaemonInstance, type FeasibilityCheck, type PlacementCandidate, type PlacementConstraint, type ServiceTask,
  type TaskDefinitionPlacementConstraint,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import { listInstances, type InstanceRecord } from '../../state/instances.js';
import { isConnected } from '../../state/sessions.js';
export const DEFAULT_AGENT_LOST_GRACE_SECONDS = 300;

export interface FleetView {
  /** The scheduler's view of the instance a task is on (undefined: unknown, treated as ACTIVE). */
  stateOf(instanceId: string): ServiceTask['instanceState'];
  /**
   * Every instance, eligible when ACTIVE, its agent not lost, it has what the task definition requires
   * (`requirements`: core's taskDefinitionChecks) and the constraints' memberOf expressions hold; busy
   * while tasks of `replicaGroups` (the REPLICA services' groups) are still on it.
   */
  daemonInstances(constraints: readonly (PlacementConstraint | TaskDefinitionPlacementConstraint)[], replicaGroups: ReadonlySet<string>,
    requirements?: readonly FeasibilityCheck[]): DaemonInstance[];
  /** When the earliest away (not yet lost) agent becomes lost, epoch seconds. */
  nextLostAt?: number;
}

export async function fleetView(ctx: ServerContext, cluster: string, graceSeconds: number, now: number): Promise<FleetView> {
  let instances: { rec: InstanceRecord }[];
  let connected: ReadonlySet<string>;
  if (ctx.instances) {
    ({ instances, connected } = await ctx.instances.snapshot(cluster));
  } else {
    instances = (await listInstances(ctx.store, cluster)).map((v) => ({ rec: v.value }));
    connected = new Set((await Promise.all(instances.map(async ({ rec }) => ((await isConnected(ctx.store, rec.id)) ? [rec.id] : [])))).flat());
  }
  const byId = new Map(instances.map((c) => [c.rec.id, c.rec]));
  const lostAt = (r: InstanceRecord) => (connected.has(r.id) || r.agentDisconnectedAt === undefined ? undefined : r.agentDisconnectedAt + graceSeconds);
  const isLost = (r: InstanceRecord) => {
    const at = lostAt(r);
    return at !== undefined && at <= now;
  };
  const upcoming = instances.map((c) => lostAt(c.rec)).filter((t): t is number => t !== undefined && t > now);
  return {
    stateOf(id) {
      const r = byId.get(id);
      if (!r) return undefined;
      if (isLost(r)) return 'LOST';
      return r.instance.status === 'DRAINING' ? 'DRAINING' : 'ACTIVE';
    },
    daemonInstances(constraints, replicaGroups, requirements = []) {
      const checks = [statusCheck, ...requirements, ...constraints.filter((c) => c.type === 'memberOf').map((c) => memberOfCheck(c.expression ?? ''))];
      return instances.filter((c) => c.rec.instance.status !== 'INACTIVE').map(({ rec }) => {
        const cand: PlacementCandidate = {
          id: rec.id, arn: rec.instance.containerInstanceArn!, status: rec.instance.status ?? 'ACTIVE', agentConnected: true,
          remainingResources: [], ...(rec.instance.attributes ? { attributes: rec.instance.attributes } : {}),
          ...(rec.instance.versionInfo?.agentVersion !== undefined ? { agentVersion: rec.instance.versionInfo.agentVersion } : {}),
          ...(rec.instance.ec2InstanceId !== undefined ? { ec2InstanceId: rec.instance.ec2InstanceId } : {}),
          ...(rec.instance.registeredAt !== undefined ? { registeredAt: rec.instance.registeredAt } : {}),
          taskGroups: rec.taskGroups,
        };
        const fits = placeTasks({ instances: [cand], reservation: { cpu: 0, memory: 0, ports: [], portsUdp: [] }, count: 1, checks }).placements.length === 1;
        const busy = Object.entries(rec.taskGroups).some(([g, n]) => n > 0 && replicaGroups.has(g));
        return { id: rec.id, eligible: fits && !isLost(rec), agentConnected: connected.has(rec.id), ...(busy ? { busy } : {}) };
      });
    },
    ...(upcoming.length > 0 ? { nextLostAt: Math.min(...upcoming) } : {}),
  };
}
