// ECS's CloudWatch figures from statistics passes, as tables: service utilization is used ÷ reserved by
// its tasks, cluster reservation reserved ÷ registered, CPU a rate between two passes; what cannot be known
// (a first pass, a counter that went back, no reservation) is a gap, never a zero; Container Insights'
// series only for the clusters that turn it on.
import t from 'tap';
import { CONTAINER_INSIGHTS_NAMESPACE, ECS_NAMESPACE, deriveEcsMetrics, periods, statistic, isSupportedStatistic, type ClusterFacts, type ContainerStatistics, type InstancePass, type MetricPoint, type TaskFacts } from '../src/index.js';

const MiB = 1024 * 1024;
const arn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/prod/${id}`;
const container = (task: string, cpuSeconds: number, memoryMiB: number, extra: Partial<ContainerStatistics> = {}): ContainerStatistics => ({
  taskArn: arn(task), containerName: 'app', cpuSeconds, memoryBytes: memoryMiB * MiB, memoryLimitBytes: 512 * MiB,
  networkRxBytes: 0, networkTxBytes: 0, blockReadBytes: 0, blockWriteBytes: 0, restarts: 0, ...extra,
});
const pass = (instanceId: string, collectedAt: number, containers: ContainerStatistics[]): InstancePass => ({ cluster: 'prod', instanceId, collectedAt, containers });
const task = (id: string, service: string | undefined, cpu: number, memory: number): [string, TaskFacts] =>
  [arn(id), { cluster: 'prod', taskId: id, family: 'web', ...(service ? { service } : {}), cpu, memory }];
const cluster = (extra: Partial<ClusterFacts> = {}): ClusterFacts => ({
  registeredCpu: 2048, remainingCpu: 1536, registeredMemory: 2000, remainingMemory: 1500, instanceCount: 1,
  reportingCpu: 2048, reportingMemory: 2000, containerInsights: false, runningTasks: 2, activeServices: 1, ...extra,
});
const pick = (points: MetricPoint[], ns: string, dims: string, metric: string) =>
  points.find((p) => p.namespace === ns && p.dimensions.map(([n, v]) => `${n}=${v}`).join(',') === dims && p.metric === metric)?.value;

const tasks = new Map([task('a', 'web', 256, 128), task('b', 'web', 256, 128), task('c', undefined, 512, 256)]);

t.test('service, cluster and their gaps', async (t) => {
  // Over 60 s: a used 30 CPU-seconds (half a core: 512 units), b 15 (256 units), c 60 (1024 units).
  const before = pass('i1', 1000, [container('a', 100, 10), container('b', 100, 10), container('c', 0, 10)]);
  const now = pass('i1', 1060, [container('a', 130, 64), container('b', 115, 32), container('c', 60, 100)]);
  const points = deriveEcsMetrics({ passes: [now], previous: new Map([['i1', before]]), tasks, clusters: new Map([['prod', cluster()]]) });
  const rows: [string, string, number | undefined][] = [
    ['ClusterName=prod,ServiceName=web', 'CPUUtilization', ((512 + 256) / 512) * 100],
    ['ClusterName=prod,ServiceName=web', 'MemoryUtilization', ((64 + 32) / 256) * 100],
    ['ClusterName=prod', 'CPUReservation', 25],
    ['ClusterName=prod', 'MemoryReservation', 25],
    ['ClusterName=prod', 'CPUUtilization', ((512 + 256 + 1024) / 2048) * 100],
    ['ClusterName=prod', 'MemoryUtilization', ((64 + 32 + 100) / 2000) * 100],
  ];
  for (const [dims, metric, value] of rows) t.equal(pick(points, ECS_NAMESPACE, dims, metric), value, `${dims} ${metric}`);
  t.notOk(points.some((p) => p.namespace === CONTAINER_INSIGHTS_NAMESPACE), 'no Container Insights series while it is off');
  t.equal(points.find((p) => p.metric === 'CPUUtilization')?.unit, 'Percent');

  // A first pass: memory is known, CPU (a rate) is not.
  const first = deriveEcsMetrics({ passes: [now], previous: new Map(), tasks, clusters: new Map([['prod', cluster()]]) });
  t.equal(pick(first, ECS_NAMESPACE, 'ClusterName=prod,ServiceName=web', 'CPUUtilization'), undefined, 'no CPU figure from one pass');
  t.equal(pick(first, ECS_NAMESPACE, 'ClusterName=prod', 'CPUUtilization'), undefined);
  t.equal(pick(first, ECS_NAMESPACE, 'ClusterName=prod,ServiceName=web', 'MemoryUtilization'), 37.5);

  // A container restarted (its counter went back): its task's CPU is unknown, the others' still count.
  const restarted = pass('i1', 1060, [container('a', 5, 64), container('b', 115, 32)]);
  const r = deriveEcsMetrics({ passes: [restarted], previous: new Map([['i1', before]]), tasks, clusters: new Map([['prod', cluster()]]) });
  t.equal(pick(r, ECS_NAMESPACE, 'ClusterName=prod,ServiceName=web', 'CPUUtilization'), 100, 'b alone: 256 used of 256');

  // No agent reported: reservation (from the instance records) stays, utilization is a gap.
  const none = deriveEcsMetrics({ passes: [], previous: new Map(), tasks, clusters: new Map([['prod', cluster({ reportingCpu: 0, reportingMemory: 0 })]]) });
  t.same(none.map((p) => p.metric).sort(), ['CPUReservation', 'MemoryReservation']);
  // Nothing registered: no reservation either (never a division by zero).
  t.same(deriveEcsMetrics({ passes: [], previous: new Map(), tasks, clusters: new Map([['prod', cluster({ registeredCpu: 0, remainingCpu: 0, registeredMemory: 0, remainingMemory: 0 })]]) }), []);
  // A service whose tasks reserve no CPU has no CPU utilization.
  const free = new Map([task('a', 'web', 0, 128)]);
  const f = deriveEcsMetrics({ passes: [pass('i1', 1060, [container('a', 130, 64)])], previous: new Map([['i1', before]]), tasks: free, clusters: new Map() });
  t.equal(pick(f, ECS_NAMESPACE, 'ClusterName=prod,ServiceName=web', 'CPUUtilization'), undefined);
  t.equal(pick(f, ECS_NAMESPACE, 'ClusterName=prod,ServiceName=web', 'MemoryUtilization'), 50);
});

t.test('Container Insights: counts and per-task series, for the clusters that turn it on', async (t) => {
  const before = pass('i1', 1000, [container('a', 100, 10, { networkRxBytes: 1000, blockWriteBytes: 4096 })]);
  const now = pass('i1', 1010, [container('a', 105, 64, { networkRxBytes: 6000, blockWriteBytes: 8192 })]);
  const points = deriveEcsMetrics({ passes: [now], previous: new Map([['i1', before]]), tasks, clusters: new Map([['prod', cluster({ containerInsights: true })]]) });
  const task = 'ClusterName=prod,TaskDefinitionFamily=web,TaskId=a';
  const rows: [string, string, number][] = [
    ['ClusterName=prod', 'ContainerInstanceCount', 1],
    ['ClusterName=prod', 'TaskCount', 2],
    ['ClusterName=prod', 'ServiceCount', 1],
    ['ClusterName=prod', 'CpuUtilized', 512],
    ['ClusterName=prod,ServiceName=web', 'RunningTaskCount', 1],
    ['ClusterName=prod,ServiceName=web', 'MemoryUtilized', 64],
    ['ClusterName=prod,ServiceName=web', 'MemoryReserved', 128],
    [task, 'CpuUtilized', 512],
    [task, 'CpuReserved', 256],
    [task, 'MemoryUtilized', 64],
    [task, 'NetworkRxBytes', 500],
    [task, 'NetworkTxBytes', 0],
    [task, 'StorageWriteBytes', 4096],
  ];
  for (const [dims, metric, value] of rows) t.equal(pick(points, CONTAINER_INSIGHTS_NAMESPACE, dims, metric), value, `${dims} ${metric}`);
  t.equal(points.find((p) => p.metric === 'NetworkRxBytes')?.unit, 'Bytes/Second');
});

t.test('Container Insights per instance: its tasks\' use over what it registers; a gap while a task\'s CPU is unknown', async (t) => {
  const registered = new Map([['i1', { cpu: 2048, memory: 1000 }], ['i2', { cpu: 1024, memory: 500 }]]);
  const on = new Map([['prod', cluster({ containerInsights: true, instances: registered })]]);
  const before = pass('i1', 1000, [container('a', 100, 10), container('b', 100, 10)]);
  const i1 = pass('i1', 1010, [container('a', 105, 100), container('b', 110, 150)]);
  // i2 runs nothing: 0 % is a figure. i3 is not registered (gone since its pass): no series.
  const idle = pass('i2', 1010, []);
  const gone = pass('i3', 1010, []);
  const first = pass('i1', 1010, [container('a', 105, 100)]);
  const rows: [string, InstancePass[], Map<string, ClusterFacts>, string, string, number | undefined][] = [
    ['busy', [i1], on, 'i1', 'instance_cpu_utilization', ((512 + 1024) / 2048) * 100],
    ['busy', [i1], on, 'i1', 'instance_memory_utilization', 25],
    ['idle', [idle], on, 'i2', 'instance_cpu_utilization', 0],
    ['idle', [idle], on, 'i2', 'instance_memory_utilization', 0],
    ['unregistered', [gone], on, 'i3', 'instance_memory_utilization', undefined],
    ['Container Insights off', [i1], new Map([['prod', cluster({ instances: registered })]]), 'i1', 'instance_memory_utilization', undefined],
  ];
  for (const [what, passes, clusters, id, metric, value] of rows) {
    const points = deriveEcsMetrics({ passes, previous: new Map([['i1', before]]), tasks, clusters });
    t.equal(pick(points, CONTAINER_INSIGHTS_NAMESPACE, `ClusterName=prod,ContainerInstanceId=${id}`, metric), value, `${what}: ${id} ${metric}`);
  }
  // A task's first pass (no rate yet) leaves the instance's CPU a gap; its memory is known.
  const firstPoints = deriveEcsMetrics({ passes: [first], previous: new Map(), tasks, clusters: on });
  t.equal(pick(firstPoints, CONTAINER_INSIGHTS_NAMESPACE, 'ClusterName=prod,ContainerInstanceId=i1', 'instance_cpu_utilization'), undefined);
  t.equal(pick(firstPoints, CONTAINER_INSIGHTS_NAMESPACE, 'ClusterName=prod,ContainerInstanceId=i1', 'instance_memory_utilization'), 10);
});

t.test('statistics over periods', async (t) => {
  const samples = [[0, 1], [30, 3], [60, 10], [119, 20], [180, 5]] as const;
  t.same(periods(samples, 0, 180, 60), [[0, [1, 3]], [60, [10, 20]]], 'aligned periods, end excluded, empty periods absent');
  t.same(periods(samples, 30, 240, 120), [[0, [3, 10, 20]], [120, [5]]], 'a period holds what falls in it from the start asked');
  const rows: [string, number][] = [['SampleCount', 4], ['Sum', 10], ['Average', 2.5], ['Minimum', 1], ['Maximum', 4], ['p50', 2], ['p100', 4], ['p0', 1], ['p99.9', 4]];
  for (const [stat, value] of rows) t.equal(statistic([4, 1, 3, 2], stat), value, stat);
  for (const s of ['p50', 'Average', 'p99.9']) t.ok(isSupportedStatistic(s), s);
  for (const s of ['tm99', 'p101', 'average', 'IQM']) t.notOk(isSupportedStatistic(s), s);
});
