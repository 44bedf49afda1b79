// What berth-exporter serves for a cluster (issue 19 §4), as a pure function of what the API answered:
// instances by status and connectivity; registered, reserved and remaining CPU and memory, and the
// reservation percentages as ECS's CloudWatch metrics define them (reserved ÷ registered, over ACTIVE and
// DRAINING instances); tasks by lastStatus; services' desired, running and pending counts and deployments
// by rollout state; each instance's agent, tasks and resources. Samples are in a fixed order (the cluster's
// first, then services, then instances), so a cap on series keeps the cluster's and drops the long tail.
// FAMILIES also names what cloudwatch-series.ts reads from CloudWatch (utilization, load balancers'
// figures), so every family the exporter serves is declared here, with its HELP, once.
import type { Cluster, ContainerInstance, Resource, Service, Task } from '@berth/core';

/** What one refresh read through the API. */
export interface FleetView {
  cluster: Cluster;
  instances: ContainerInstance[];
  services: Service[];
  /** Tasks desired RUNNING and those STOPPED still describable. */
  tasks: Task[];
}

export interface Family {
  name: string;
  help: string;
  labels: readonly string[];
  /** How it renders (default gauge). */
  type?: 'counter';
}

export interface Sample {
  family: Family;
  labels: Record<string, string>;
  value: number;
}

const MIB = 1024 * 1024;
const family = (name: string, help: string, ...labels: string[]): Family => ({ name, help, labels: ['cluster', ...labels] });
/** A load balancer's or target group's: no cluster's (labels are their names). */
const balancer = (name: string, help: string, type: 'counter' | undefined, ...labels: string[]): Family => ({ name, help, labels, ...(type ? { type } : {}) });
const FROM_PERIODS = 'summed over the CloudWatch periods the exporter has read (AWS/ApplicationELB';

/** Every family the exporter may serve (docs/metrics.md lists them). */
export const FAMILIES = {
  instances: family('berth_cluster_container_instances', 'Container instances, by status and whether their agent is connected.', 'status', 'agent_connected'),
  registeredCpu: family('berth_cluster_registered_cpu_units', 'CPU units (1024 a core) registered by ACTIVE and DRAINING instances.'),
  reservedCpu: family('berth_cluster_reserved_cpu_units', 'CPU units reserved by tasks on ACTIVE and DRAINING instances.'),
  remainingCpu: family('berth_cluster_remaining_cpu_units', 'CPU units left for tasks on ACTIVE and DRAINING instances.'),
  registeredMemory: family('berth_cluster_registered_memory_bytes', 'Memory registered by ACTIVE and DRAINING instances.'),
  reservedMemory: family('berth_cluster_reserved_memory_bytes', 'Memory reserved by tasks on ACTIVE and DRAINING instances.'),
  remainingMemory: family('berth_cluster_remaining_memory_bytes', 'Memory left for tasks on ACTIVE and DRAINING instances.'),
  cpuReservation: family('berth_cluster_cpu_reservation_percent', 'ECS CPUReservation: reserved CPU units as a percentage of registered ones (absent with none registered).'),
  memoryReservation: family('berth_cluster_memory_reservation_percent', 'ECS MemoryReservation: reserved memory as a percentage of registered memory (absent with none registered).'),
  cpuUtilization: family('berth_cluster_cpu_utilization_percent', 'ECS CPUUtilization of the cluster: CPU units its tasks use as a percentage of what the reporting instances register (newest CloudWatch datapoint).'),
  memoryUtilization: family('berth_cluster_memory_utilization_percent', 'ECS MemoryUtilization of the cluster: memory its tasks use as a percentage of what the reporting instances register (newest CloudWatch datapoint).'),
  tasks: family('berth_cluster_tasks', 'Tasks by lastStatus (those desired RUNNING, and STOPPED ones still describable).', 'last_status'),
  services: family('berth_cluster_services', 'Services in the cluster that are ACTIVE or DRAINING.'),
  serviceDesired: family('berth_service_desired_tasks', 'A service\'s desiredCount.', 'service'),
  serviceRunning: family('berth_service_running_tasks', 'A service\'s runningCount.', 'service'),
  servicePending: family('berth_service_pending_tasks', 'A service\'s pendingCount.', 'service'),
  serviceCpuUtilization: family('berth_service_cpu_utilization_percent', 'ECS CPUUtilization of the service: CPU units its tasks use as a percentage of what they reserve; above 100 where nothing caps them (newest CloudWatch datapoint).', 'service'),
  serviceMemoryUtilization: family('berth_service_memory_utilization_percent', 'ECS MemoryUtilization of the service: memory its tasks use as a percentage of what they reserve (newest CloudWatch datapoint).', 'service'),
  deployments: family('berth_service_deployments', 'A service\'s deployments by rolloutState (IN_PROGRESS, COMPLETED, FAILED).', 'service', 'rollout_state'),
  agentConnected: family('berth_instance_agent_connected', '1 when the container instance\'s agent is connected, else 0.', 'instance'),
  instanceRunning: family('berth_instance_running_tasks', 'Tasks RUNNING on the container instance.', 'instance'),
  instancePending: family('berth_instance_pending_tasks', 'Tasks PENDING on the container instance.', 'instance'),
  instanceCpuRegistered: family('berth_instance_registered_cpu_units', 'CPU units the container instance registered.', 'instance'),
  instanceCpuRemaining: family('berth_instance_remaining_cpu_units', 'CPU units left on the container instance.', 'instance'),
  instanceMemoryRegistered: family('berth_instance_registered_memory_bytes', 'Memory the container instance registered.', 'instance'),
  instanceMemoryRemaining: family('berth_instance_remaining_memory_bytes', 'Memory left on the container instance.', 'instance'),
  instanceCpuUtilization: family('berth_instance_cpu_utilization_percent', 'Container Insights instance_cpu_utilization: CPU units the instance\'s tasks use as a percentage of what it registers (newest CloudWatch datapoint; clusters with Container Insights on).', 'instance'),
  instanceMemoryUtilization: family('berth_instance_memory_utilization_percent', 'Container Insights instance_memory_utilization: memory the instance\'s tasks use as a percentage of what it registers (newest CloudWatch datapoint; clusters with Container Insights on).', 'instance'),
  lbRequests: balancer('berth_lb_requests_total', `Requests the load balancer forwarded to targets, ${FROM_PERIODS} RequestCount).`, 'counter', 'load_balancer'),
  lbResponses: balancer('berth_lb_target_responses_total', `Responses from targets by class (2xx, 3xx, 4xx, 5xx), ${FROM_PERIODS} HTTPCode_Target_nXX_Count).`, 'counter', 'load_balancer', 'code'),
  lbResponseTime: balancer('berth_lb_target_response_time_seconds', 'Average target response time over the newest CloudWatch period (AWS/ApplicationELB TargetResponseTime).', undefined, 'load_balancer'),
  lbActiveConnections: balancer('berth_lb_active_connections', 'TCP connections open at some time during the newest CloudWatch period, clients\' to the load balancer and its own to targets (AWS/ApplicationELB ActiveConnectionCount, Sum).', undefined, 'load_balancer'),
  lbNewConnections: balancer('berth_lb_new_connections_total', `TCP connections opened, clients\' to the load balancer and its own to targets, ${FROM_PERIODS} NewConnectionCount).`, 'counter', 'load_balancer'),
  tgRequests: balancer('berth_target_group_requests_total', `Requests forwarded to the target group, ${FROM_PERIODS} RequestCount).`, 'counter', 'target_group', 'load_balancer'),
  tgResponses: balancer('berth_target_group_target_responses_total', `Responses from the target group's targets by class, ${FROM_PERIODS} HTTPCode_Target_nXX_Count).`, 'counter', 'target_group', 'load_balancer', 'code'),
  tgResponseTime: balancer('berth_target_group_target_response_time_seconds', 'Average response time of the target group\'s targets over the newest CloudWatch period (AWS/ApplicationELB TargetResponseTime).', undefined, 'target_group', 'load_balancer'),
  tgHealthy: balancer('berth_target_group_healthy_targets', 'Healthy targets in the newest CloudWatch period (AWS/ApplicationELB HealthyHostCount).', undefined, 'target_group', 'load_balancer'),
  tgUnhealthy: balancer('berth_target_group_unhealthy_targets', 'Unhealthy targets in the newest CloudWatch period (AWS/ApplicationELB UnHealthyHostCount).', undefined, 'target_group', 'load_balancer'),
} as const;

const TASK_STATUSES = ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED'];
const ROLLOUT_STATES = ['IN_PROGRESS', 'COMPLETED', 'FAILED'];

const resource = (rs: Resource[] | undefined, name: string) => rs?.find((r) => r.name === name)?.integerValue ?? 0;
const counts = <T>(items: T[], key: (x: T) => string | undefined) => items.reduce((m, x) => m.set(key(x) ?? 'UNKNOWN', (m.get(key(x) ?? 'UNKNOWN') ?? 0) + 1), new Map<string, number>());

/** The services the exporter serves: ACTIVE and DRAINING ones. */
export const servedServices = (view: FleetView) => view.services.filter((s) => s.status === 'ACTIVE' || s.status === 'DRAINING');
/** The instances it serves, by container instance id: all but INACTIVE ones. */
export const servedInstances = (view: FleetView) => view.instances.filter((i) => i.status !== 'INACTIVE').map((i) => ({ id: i.containerInstanceArn!.split('/').pop()!, instance: i }));

export function fleetSamples(view: FleetView): Sample[] {
  const cluster = view.cluster.clusterName!;
  const out: Sample[] = [];
  const add = (f: Family, value: number, labels: Record<string, string> = {}) => out.push({ family: f, labels: { cluster, ...labels }, value });

  const byState = counts(view.instances, (i) => `${i.status ?? 'UNKNOWN'}/${i.agentConnected === true}`);
  for (const [key, n] of byState) {
    const [status, connected] = key.split('/');
    add(FAMILIES.instances, n, { status: status!, agent_connected: connected! });
  }
  // ECS's reservation metrics count ACTIVE and DRAINING instances only.
  const live = view.instances.filter((i) => i.status === 'ACTIVE' || i.status === 'DRAINING');
  const sum = (f: (i: ContainerInstance) => number) => live.reduce((n, i) => n + f(i), 0);
  const cpu = { registered: sum((i) => resource(i.registeredResources, 'CPU')), remaining: sum((i) => resource(i.remainingResources, 'CPU')) };
  const mem = { registered: sum((i) => resource(i.registeredResources, 'MEMORY')), remaining: sum((i) => resource(i.remainingResources, 'MEMORY')) };
  add(FAMILIES.registeredCpu, cpu.registered);
  add(FAMILIES.reservedCpu, cpu.registered - cpu.remaining);
  add(FAMILIES.remainingCpu, cpu.remaining);
  add(FAMILIES.registeredMemory, mem.registered * MIB);
  add(FAMILIES.reservedMemory, (mem.registered - mem.remaining) * MIB);
  add(FAMILIES.remainingMemory, mem.remaining * MIB);
  if (cpu.registered > 0) add(FAMILIES.cpuReservation, (100 * (cpu.registered - cpu.remaining)) / cpu.registered);
  if (mem.registered > 0) add(FAMILIES.memoryReservation, (100 * (mem.registered - mem.remaining)) / mem.registered);
  const byStatus = counts(view.tasks, (t) => t.lastStatus);
  // Every status ECS names, zero included: a PromQL sum over RUNNING is 0, not absent, when none run.
  for (const s of new Set([...TASK_STATUSES, ...byStatus.keys()])) add(FAMILIES.tasks, byStatus.get(s) ?? 0, { last_status: s });
  const services = servedServices(view);
  add(FAMILIES.services, services.length);

  for (const s of services) {
    const service = s.serviceName!;
    add(FAMILIES.serviceDesired, s.desiredCount ?? 0, { service });
    add(FAMILIES.serviceRunning, s.runningCount ?? 0, { service });
    add(FAMILIES.servicePending, s.pendingCount ?? 0, { service });
    const rollouts = counts(s.deployments ?? [], (d) => d.rolloutState);
    for (const state of new Set([...ROLLOUT_STATES, ...rollouts.keys()])) add(FAMILIES.deployments, rollouts.get(state) ?? 0, { service, rollout_state: state });
  }
  for (const { id: instance, instance: i } of servedInstances(view)) {
    add(FAMILIES.agentConnected, i.agentConnected ? 1 : 0, { instance });
    add(FAMILIES.instanceRunning, i.runningTasksCount ?? 0, { instance });
    add(FAMILIES.instancePending, i.pendingTasksCount ?? 0, { instance });
    add(FAMILIES.instanceCpuRegistered, resource(i.registeredResources, 'CPU'), { instance });
    add(FAMILIES.instanceCpuRemaining, resource(i.remainingResources, 'CPU'), { instance });
    add(FAMILIES.instanceMemoryRegistered, resource(i.registeredResources, 'MEMORY') * MIB, { instance });
    add(FAMILIES.instanceMemoryRemaining, resource(i.remainingResources, 'MEMORY') * MIB, { instance });
  }
  return out;
}

/** The first `max` samples, and how many were left out. */
export function capSeries(samples: Sample[], max: number): { kept: Sample[]; dropped: number } {
  return samples.length <= max ? { kept: samples, dropped: 0 } : { kept: samples.slice(0, max), dropped: samples.length - max };
}

/** A label value as Prometheus's text format writes it (backslash, quote and newline escaped). */
const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const formatValue = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));

/**
 * The samples in Prometheus's text format, every family of FAMILIES with its HELP and TYPE (gauge), its
 * samples in their order. Rendered once per refresh, so a scrape of a large cluster copies a string
 * instead of setting thousands of gauges.
 */
export function renderSamples(samples: readonly Sample[]): string {
  const byFamily = new Map<Family, Sample[]>();
  for (const s of samples) {
    const list = byFamily.get(s.family);
    if (list) list.push(s);
    else byFamily.set(s.family, [s]);
  }
  const out: string[] = [];
  for (const f of Object.values(FAMILIES)) {
    out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type ?? 'gauge'}`);
    for (const s of byFamily.get(f) ?? []) {
      const labels = f.labels.filter((l) => s.labels[l] !== undefined).map((l) => `${l}="${escapeLabel(s.labels[l]!)}"`).join(',');
      out.push(`${f.name}${labels ? `{${labels}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return out.join('\n') + '\n';
}
