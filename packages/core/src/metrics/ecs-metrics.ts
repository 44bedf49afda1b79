// ECS's CloudWatch figures (namespace AWS/ECS, and ECS/ContainerInsights where a cluster turns it on),
// derived from the agents' statistics passes. Pure: the leader's metric controller gives it what it read
// and stores what it returns.
//
// ECS's definitions: a service's CPUUtilization is the CPU its tasks use ÷ the CPU they reserve (× 100; it
// may exceed 100 where nothing caps a container), MemoryUtilization likewise; a cluster's CPUReservation is
// the CPU reserved by tasks ÷ the CPU its ACTIVE and DRAINING instances register, and its CPUUtilization the
// CPU its tasks use ÷ what those instances register. CPU used is a rate: the difference of two passes of
// the same container over the time between them, in CPU units (1,024 a core). A figure that cannot be
// known (a first pass, a counter that went back, an agent that did not report) is left out: a gap, never a
// zero.
import type { ContainerStatistics } from '../agent-protocol.js';

export const ECS_NAMESPACE = 'AWS/ECS';
export const CONTAINER_INSIGHTS_NAMESPACE = 'ECS/ContainerInsights';

export type MetricUnit = 'Percent' | 'None' | 'Megabytes' | 'Bytes' | 'Bytes/Second' | 'Count' | 'Seconds';

/** One datapoint of one metric: the namespace, its dimensions (in the order AWS lists them), the metric. */
export interface MetricPoint {
  namespace: string;
  dimensions: [name: string, value: string][];
  metric: string;
  unit: MetricUnit;
  value: number;
}

/** One statistics pass of an instance, as the control plane stored it. */
export interface InstancePass {
  cluster: string;
  instanceId: string;
  /** Agent clock, epoch seconds: differences between two passes of one agent are what count. */
  collectedAt: number;
  containers: ContainerStatistics[];
}

/** What a task reserves, and where it belongs (a task's reservation never changes while it runs). */
export interface TaskFacts {
  cluster: string;
  taskId: string;
  family: string;
  /** Its service (group service:NAME), if any. */
  service?: string;
  /** CPU units and MiB reserved. */
  cpu: number;
  memory: number;
}

export interface ClusterFacts {
  /** CPU units and MiB registered and remaining on its ACTIVE and DRAINING instances. */
  registeredCpu: number;
  remainingCpu: number;
  registeredMemory: number;
  remainingMemory: number;
  instanceCount: number;
  /** CPU units and MiB registered by the instances whose pass is in `passes` (what utilization divides by). */
  reportingCpu: number;
  reportingMemory: number;
  containerInsights: boolean;
  /** ECS's counts (DescribeClusters'): running tasks and ACTIVE services. */
  runningTasks: number;
  activeServices: number;
  /**
   * CPU units and MiB each ACTIVE or DRAINING instance registers, by container instance id: what its
   * Container Insights utilization divides by (given where Container Insights is on).
   */
  instances?: ReadonlyMap<string, { cpu: number; memory: number }>;
}

const MiB = 1024 * 1024;
const CPU_UNITS_PER_CORE = 1024;

/** What one task used between two passes: undefined members are unknown (a gap). */
interface TaskUsage {
  facts: TaskFacts;
  cpuUnits?: number;
  memoryMiB: number;
  rxPerSecond?: number;
  txPerSecond?: number;
  readBytes?: number;
  writeBytes?: number;
}

const containerKey = (c: ContainerStatistics) => `${c.taskArn}\u0000${c.containerName}`;

/** A task's usage from its containers in this pass and the previous one of the same instance. */
function taskUsages(pass: InstancePass, previous: InstancePass | undefined, tasks: ReadonlyMap<string, TaskFacts>): Map<string, TaskUsage> {
  const before = new Map((previous?.containers ?? []).map((c) => [containerKey(c), c]));
  const dt = previous ? pass.collectedAt - previous.collectedAt : 0;
  const out = new Map<string, TaskUsage>();
  const rate = (now: number, then: number | undefined) => (then === undefined || dt <= 0 || now < then ? undefined : (now - then) / dt);
  const delta = (now: number, then: number | undefined) => (then === undefined || dt <= 0 || now < then ? undefined : now - then);
  const add = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a + b);
  for (const c of pass.containers) {
    const facts = tasks.get(c.taskArn);
    if (!facts) continue;
    const p = before.get(containerKey(c));
    let u = out.get(c.taskArn);
    if (!u) {
      u = { facts, cpuUnits: 0, memoryMiB: 0, rxPerSecond: 0, txPerSecond: 0, readBytes: 0, writeBytes: 0 };
      out.set(c.taskArn, u);
    }
    const cpu = rate(c.cpuSeconds, p?.cpuSeconds);
    u.cpuUnits = add(u.cpuUnits, cpu === undefined ? undefined : cpu * CPU_UNITS_PER_CORE);
    u.memoryMiB += c.memoryBytes / MiB;
    u.rxPerSecond = add(u.rxPerSecond, rate(c.networkRxBytes, p?.networkRxBytes));
    u.txPerSecond = add(u.txPerSecond, rate(c.networkTxBytes, p?.networkTxBytes));
    u.readBytes = add(u.readBytes, delta(c.blockReadBytes, p?.blockReadBytes));
    u.writeBytes = add(u.writeBytes, delta(c.blockWriteBytes, p?.blockWriteBytes));
  }
  return out;
}

/** Sums of used and reserved over tasks, counting a task's CPU only where its CPU use is known. */
class Totals {
  cpuUsed = 0;
  cpuReserved = 0;
  cpuKnown = 0;
  memoryUsed = 0;
  memoryReserved = 0;
  tasks = 0;
  add(u: TaskUsage): void {
    this.tasks++;
    this.memoryUsed += u.memoryMiB;
    this.memoryReserved += u.facts.memory;
    if (u.cpuUnits !== undefined) {
      this.cpuKnown++;
      this.cpuUsed += u.cpuUnits;
      this.cpuReserved += u.facts.cpu;
    }
  }
}

const percent = (part: number, whole: number) => (part / whole) * 100;

/**
 * Every datapoint of one derivation: `passes` are each reporting instance's latest pass, `previous` the
 * pass before it (by instance id), `tasks` the facts of the tasks they name, `clusters` every cluster with
 * instances.
 */
export function deriveEcsMetrics(input: {
  passes: readonly InstancePass[];
  previous: ReadonlyMap<string, InstancePass>;
  tasks: ReadonlyMap<string, TaskFacts>;
  clusters: ReadonlyMap<string, ClusterFacts>;
}): MetricPoint[] {
  const out: MetricPoint[] = [];
  const point = (namespace: string, dimensions: [string, string][], metric: string, unit: MetricUnit, value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value)) out.push({ namespace, dimensions, metric, unit, value });
  };
  const usages: TaskUsage[] = [];
  const byInstance: { pass: InstancePass; totals: Totals }[] = [];
  for (const pass of input.passes) {
    const mine = [...taskUsages(pass, input.previous.get(pass.instanceId), input.tasks).values()];
    usages.push(...mine);
    const totals = new Totals();
    for (const u of mine) totals.add(u);
    byInstance.push({ pass, totals });
  }

  const byCluster = new Map<string, Totals>();
  const byService = new Map<string, { cluster: string; service: string; totals: Totals }>();
  for (const u of usages) {
    const { cluster, service } = u.facts;
    let c = byCluster.get(cluster);
    if (!c) byCluster.set(cluster, (c = new Totals()));
    c.add(u);
    if (service === undefined) continue;
    const key = `${cluster}/${service}`;
    let s = byService.get(key);
    if (!s) byService.set(key, (s = { cluster, service, totals: new Totals() }));
    s.totals.add(u);
  }

  for (const [cluster, facts] of input.clusters) {
    const dims: [string, string][] = [['ClusterName', cluster]];
    const used = byCluster.get(cluster);
    if (facts.registeredCpu > 0) point(ECS_NAMESPACE, dims, 'CPUReservation', 'Percent', percent(facts.registeredCpu - facts.remainingCpu, facts.registeredCpu));
    if (facts.registeredMemory > 0) point(ECS_NAMESPACE, dims, 'MemoryReservation', 'Percent', percent(facts.registeredMemory - facts.remainingMemory, facts.registeredMemory));
    if (used && facts.reportingCpu > 0 && used.cpuKnown > 0) point(ECS_NAMESPACE, dims, 'CPUUtilization', 'Percent', percent(used.cpuUsed, facts.reportingCpu));
    if (used && facts.reportingMemory > 0) point(ECS_NAMESPACE, dims, 'MemoryUtilization', 'Percent', percent(used.memoryUsed, facts.reportingMemory));
    if (!facts.containerInsights) continue;
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'ContainerInstanceCount', 'Count', facts.instanceCount);
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'TaskCount', 'Count', facts.runningTasks);
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'ServiceCount', 'Count', facts.activeServices);
    if (used) insightsTotals(point, dims, used);
  }

  for (const { cluster, service, totals } of byService.values()) {
    const dims: [string, string][] = [['ClusterName', cluster], ['ServiceName', service]];
    if (totals.cpuReserved > 0) point(ECS_NAMESPACE, dims, 'CPUUtilization', 'Percent', percent(totals.cpuUsed, totals.cpuReserved));
    if (totals.memoryReserved > 0) point(ECS_NAMESPACE, dims, 'MemoryUtilization', 'Percent', percent(totals.memoryUsed, totals.memoryReserved));
    if (!input.clusters.get(cluster)?.containerInsights) continue;
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'RunningTaskCount', 'Count', totals.tasks);
    insightsTotals(point, dims, totals);
  }

  // An instance's utilization is its tasks' use over what it registers (the tasks' share, not the host's):
  // CPU only when every task's use is known (an idle instance's 0 is a figure; a first pass is a gap).
  for (const { pass, totals } of byInstance) {
    const facts = input.clusters.get(pass.cluster);
    const registered = facts?.containerInsights ? facts.instances?.get(pass.instanceId) : undefined;
    if (!registered) continue;
    const dims: [string, string][] = [['ClusterName', pass.cluster], ['ContainerInstanceId', pass.instanceId]];
    if (registered.cpu > 0 && totals.cpuKnown === totals.tasks) point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'instance_cpu_utilization', 'Percent', percent(totals.cpuUsed, registered.cpu));
    if (registered.memory > 0) point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'instance_memory_utilization', 'Percent', percent(totals.memoryUsed, registered.memory));
  }

  for (const u of usages) {
    const { cluster, family, taskId, cpu, memory } = u.facts;
    if (!input.clusters.get(cluster)?.containerInsights) continue;
    const dims: [string, string][] = [['ClusterName', cluster], ['TaskDefinitionFamily', family], ['TaskId', taskId]];
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'CpuUtilized', 'None', u.cpuUnits);
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'CpuReserved', 'None', cpu);
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'MemoryUtilized', 'Megabytes', u.memoryMiB);
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'MemoryReserved', 'Megabytes', memory);
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'NetworkRxBytes', 'Bytes/Second', u.rxPerSecond);
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'NetworkTxBytes', 'Bytes/Second', u.txPerSecond);
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'StorageReadBytes', 'Bytes', u.readBytes);
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'StorageWriteBytes', 'Bytes', u.writeBytes);
  }
  return out;
}

/** Container Insights' used and reserved figures of a cluster or a service. */
function insightsTotals(point: (ns: string, d: [string, string][], m: string, u: MetricUnit, v: number | undefined) => void, dims: [string, string][], t: Totals): void {
  if (t.cpuKnown > 0) {
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'CpuUtilized', 'None', t.cpuUsed);
    point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'CpuReserved', 'None', t.cpuReserved);
  }
  point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'MemoryUtilized', 'Megabytes', t.memoryUsed);
  point(CONTAINER_INSIGHTS_NAMESPACE, dims, 'MemoryReserved', 'Megabytes', t.memoryReserved);
}

/** Whether a cluster's settings turn Container Insights on (`enabled`, or `enhanced`, its superset). */
export function containerInsightsOn(settings: readonly { name?: string; value?: string }[] | undefined): boolean {
  const v = settings?.find((s) => s.name === 'containerInsights')?.value;
  return v === 'enabled' || v === 'enhanced';
}
