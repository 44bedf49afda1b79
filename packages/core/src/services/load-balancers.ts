// A service's load balancers (ECS's `loadBalancers`: targetGroupArn, containerName, containerPort): ECS's
// checks with its texts, the targets a service's tasks are, which registrations a decision changes, and
// what their targets' health says of a task. Pure: the target groups and their health come in as data.
import type { LoadBalancer, Task, TaskDefinition } from '../model/types.js';
import type { Elbv2 } from '../model/apis.js';
import { invalid } from '../errors.js';

/**
 * The container instance attribute that says where its host ports are reached (the agent's
 * BERTH_HOST_ADDRESS, or its host's address): what berth-lb sends an `instance` target's traffic to.
 */
export const HOST_ADDRESS_ATTRIBUTE = 'berth.host-address';

/** ECS's quota: target groups per service. */
export const MAX_SERVICE_LOAD_BALANCERS = 5;
/** ELB's default deregistration delay, when a group does not say (seconds). */
export const DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300;

/** What a check needs of a target group; undefined: no such group. */
export interface TargetGroupFacts {
  targetType: string;
  /** Whether a listener or rule of a load balancer forwards to it. */
  hasLoadBalancer: boolean;
}

/**
 * ECS's checks of a service's loadBalancers against its task definition and the target groups they name:
 * at most 5, each a target group (no Classic load balancers here) that a load balancer uses, whose
 * container and containerPort the task definition has, and whose target type fits the network mode
 * (`instance` for bridge and host, as ECS has it; `ip` is awsvpc's).
 */
export function checkServiceLoadBalancers(lbs: readonly LoadBalancer[], td: TaskDefinition, groups: ReadonlyMap<string, TargetGroupFacts | undefined>): void {
  if (lbs.length > MAX_SERVICE_LOAD_BALANCERS) throw invalid('loadBalancers', `A service can have at most ${MAX_SERVICE_LOAD_BALANCERS} load balancers (target groups); ${lbs.length} given.`);
  const seen = new Set<string>();
  for (const [i, lb] of lbs.entries()) {
    const f = `loadBalancers[${i}]`;
    if (lb.loadBalancerName !== undefined) throw invalid(`${f}.loadBalancerName`, 'Classic Load Balancers are not supported: give the targetGroupArn of an Application or Network Load Balancer target group.');
    if (lb.targetGroupArn === undefined) throw invalid(`${f}.targetGroupArn`, 'Target Group ARN can not be blank.');
    if (!lb.containerName) throw invalid(`${f}.containerName`, 'Container Name can not be blank.');
    if (lb.containerPort === undefined) throw invalid(`${f}.containerPort`, 'Container Port can not be blank.');
    const tg = groups.get(lb.targetGroupArn);
    if (tg === undefined) throw invalid(`${f}.targetGroupArn`, `The target group with targetGroupArn ${lb.targetGroupArn} does not exist.`);
    if (!tg.hasLoadBalancer) throw invalid(`${f}.targetGroupArn`, `The target group with targetGroupArn ${lb.targetGroupArn} does not have an associated load balancer.`);
    const c = td.containerDefinitions?.find((x) => x.name === lb.containerName);
    if (!c) throw invalid(`${f}.containerName`, `The container ${lb.containerName} does not exist in the task definition.`);
    if (!(c.portMappings ?? []).some((p) => p.containerPort === lb.containerPort && (p.protocol ?? 'tcp') === 'tcp')) {
      throw invalid(`${f}.containerPort`, `The container ${lb.containerName} did not have a container port ${lb.containerPort} defined.`);
    }
    const mode = td.networkMode ?? 'bridge';
    if (tg.targetType === 'ip' && mode !== 'awsvpc') {
      throw invalid(`${f}.targetGroupArn`, `The provided target group ${lb.targetGroupArn} has target type ip, which is incompatible with the ${mode} network mode specified in the task definition.`);
    }
    if (tg.targetType !== 'ip' && tg.targetType !== 'instance') throw invalid(`${f}.targetGroupArn`, `The provided target group ${lb.targetGroupArn} has target type ${tg.targetType}, which ECS services do not register.`);
    // Blue/green: the alternate group takes the green tasks the same way.
    const alt = lb.advancedConfiguration?.alternateTargetGroupArn;
    if (alt !== undefined) {
      const g = groups.get(alt);
      const af = `${f}.advancedConfiguration.alternateTargetGroupArn`;
      if (g === undefined) throw invalid(af, `The target group with targetGroupArn ${alt} does not exist.`);
      if (!g.hasLoadBalancer) throw invalid(af, `The target group with targetGroupArn ${alt} does not have an associated load balancer.`);
      if (g.targetType !== tg.targetType) throw invalid(af, `The alternate target group ${alt} has target type ${g.targetType}; ${lb.targetGroupArn} has ${tg.targetType}.`);
    }
    const k = `${lb.targetGroupArn} ${lb.containerName} ${lb.containerPort}`;
    if (seen.has(k)) throw invalid(f, `The load balancer ${lb.targetGroupArn} with container ${lb.containerName} and port ${lb.containerPort} is given twice.`);
    seen.add(k);
  }
}

/** One target a task is in one of its service's target groups. */
export interface TaskTarget {
  targetGroupArn: string;
  /** The container instance's id (target type instance). */
  id: string;
  /** The host port its container port is bound to (dynamic in bridge mode). */
  port: number;
  taskArn: string;
}

/**
 * The targets a task is, one per load balancer whose container port has a host binding: its container
 * instance's id and that host port. None until the agent has reported the bindings (the task RUNNING).
 */
export function taskTargets(task: Task, instanceId: string, lbs: readonly LoadBalancer[]): TaskTarget[] {
  const out: TaskTarget[] = [];
  for (const lb of lbs) {
    const c = task.containers?.find((x) => x.name === lb.containerName);
    const b = c?.networkBindings?.find((n) => n.containerPort === lb.containerPort && (n.protocol ?? 'tcp') === 'tcp' && n.hostPort !== undefined);
    if (b && lb.targetGroupArn) out.push({ targetGroupArn: lb.targetGroupArn, id: instanceId, port: b.hostPort!, taskArn: task.taskArn! });
  }
  return out;
}

/** A target registered in a group, as far as a service's registrations care. */
export interface RegisteredTarget {
  id: string;
  port: number;
  /** The service that registered it (its ARN); absent: registered by hand. */
  service?: string;
  draining: boolean;
}

/**
 * What brings a group's registrations to what a service's serving tasks are: the targets to register
 * (absent, or draining and wanted again) and the service's own targets to deregister (no serving task is
 * them any more). Targets registered by hand or by another service are never touched.
 */
export function targetChanges(desired: readonly TaskTarget[], registered: readonly RegisteredTarget[], service: string): { register: TaskTarget[]; deregister: { id: string; port: number }[] } {
  const key = (t: { id: string; port: number }) => `${t.id}:${t.port}`;
  const serving = new Map(registered.filter((r) => !r.draining).map((r) => [key(r), r]));
  const wanted = new Set(desired.map(key));
  return {
    register: desired.filter((d) => !serving.has(key(d))),
    deregister: registered.filter((r) => !r.draining && r.service === service && !wanted.has(key(r))).map((r) => ({ id: r.id, port: r.port })),
  };
}

/** What a task's targets say of it, over all of its service's target groups. */
export interface TaskTargetHealth {
  /** healthy: every target healthy; unhealthy: one is (that group named); initial: not yet known. */
  state: 'healthy' | 'unhealthy' | 'initial';
  targetGroupArn?: string;
}

/**
 * A task's targets' health from DescribeTargetHealth's states, one per load balancer of its service
 * (undefined: not registered yet). `unavailable` (health checks disabled) counts as healthy, as in ELB,
 * which then sends it traffic.
 */
export function taskTargetHealth(states: readonly { targetGroupArn: string; state?: Elbv2.TargetHealthStateEnum }[]): TaskTargetHealth {
  const bad = states.find((s) => s.state === 'unhealthy');
  if (bad) return { state: 'unhealthy', targetGroupArn: bad.targetGroupArn };
  if (states.length > 0 && states.every((s) => s.state === 'healthy' || s.state === 'unavailable')) return { state: 'healthy' };
  return { state: 'initial' };
}

/** ECS's stoppedReason for a task replaced because a target group's health checks failed it. */
export const ELB_UNHEALTHY_PREFIX = 'Task failed ELB health checks in';
export const elbUnhealthyReason = (targetGroupArn: string) => `${ELB_UNHEALTHY_PREFIX} (target-group ${targetGroupArn})`;

/** The longest deregistration delay of a service's target groups: how long its stopping tasks drain. */
export function drainSeconds(attributes: readonly (Record<string, string> | undefined)[]): number {
  return Math.max(0, ...attributes.map((a) => Number(a?.['deregistration_delay.timeout_seconds'] ?? DEFAULT_DEREGISTRATION_DELAY_SECONDS)));
}
