// The agent's container series and the cluster's Container Insights switch (issue 19 §4): off (the
// default, until the control plane says), one series per task family and container, summing its tasks;
// on, one per task as well. The exposition is what prom-client writes for the agent's /metrics.
import t from 'tap';
import { AgentMetrics } from '../src/agent-metrics.js';
import type { ContainerFigures } from '../src/statistics/collector.js';

const figure = (task: string, memoryBytes: number, cpuSeconds: number): ContainerFigures => ({
  taskArn: `arn:aws:ecs:us-east-1:000000000000:task/c/${task}`, family: 'web', container: 'app', restarts: 0, memoryBytes, cpuSeconds,
  memoryLimitBytes: 512, networkRxBytes: 0, networkTxBytes: 0, blockReadBytes: 0, blockWriteBytes: 0,
});
const metrics = new AgentMetrics();
metrics.serveStatistics(() => [figure('t1', 100, 2), figure('t2', 300, 5)]);
const series = async (name: string) => (await metrics.registry.metrics()).split('\n').filter((l) => l.startsWith(`${name}{`)).sort();

t.test('off: one series per family and container', async (t) => {
  t.same(await series('berth_container_memory_usage_bytes'), ['berth_container_memory_usage_bytes{task_family="web",container="app"} 400']);
  t.same(await series('berth_container_cpu_seconds_total'), ['berth_container_cpu_seconds_total{task_family="web",container="app"} 7']);
});

t.test('on: one series per task', async (t) => {
  metrics.labelByTask(true);
  t.same(await series('berth_container_memory_usage_bytes'), [
    'berth_container_memory_usage_bytes{task_family="web",task="t1",container="app"} 100',
    'berth_container_memory_usage_bytes{task_family="web",task="t2",container="app"} 300',
  ]);
  metrics.labelByTask(false);
  t.same(await series('berth_container_memory_usage_bytes'), ['berth_container_memory_usage_bytes{task_family="web",container="app"} 400'], 'and off again');
});
