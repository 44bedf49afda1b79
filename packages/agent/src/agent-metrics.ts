// berth-agent's own metrics (issue 19 §5), served on its metrics listener (BERTH_METRICS_ADDR): the time
// of every Docker call by operation, task status transitions, and the session's connects and reconnects.
// docs/metrics.md lists them.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { processRegistry } from '@berth/api/metrics-endpoint.js';
import type { TaskStateReport } from '@berth/core';
import type { ContainerRuntime } from './runtime/index.js';
import type { ContainerFigures } from './statistics/collector.js';

const DOCKER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The runtime calls that are timed: every one but `events`, a long-lived subscription. */
const TIMED: readonly (keyof ContainerRuntime)[] = [
  'version', 'imageExists', 'pull', 'create', 'start', 'stop', 'inspect', 'remove', 'listByLabel', 'createVolume', 'inspectVolume', 'removeVolume', 'importImage',
];

export class AgentMetrics {
  readonly registry: Registry = processRegistry();
  private readonly dockerSeconds = new Histogram({ name: 'berth_agent_docker_call_duration_seconds', help: 'Time of each Docker Engine call, by operation and result (ok or error).', labelNames: ['operation', 'result'], buckets: DOCKER_BUCKETS, registers: [this.registry] });
  private readonly transitions = new Counter({ name: 'berth_agent_task_transitions_total', help: 'Task status transitions this agent reported, by the status entered.', labelNames: ['status'], registers: [this.registry] });
  private readonly connects = new Counter({ name: 'berth_agent_session_connects_total', help: 'Sessions established with the control plane (the first and every reconnect).', registers: [this.registry] });
  private readonly reconnects = new Counter({ name: 'berth_agent_session_reconnects_total', help: 'Sessions established again after one was lost.', registers: [this.registry] });
  private readonly connected = new Gauge({ name: 'berth_agent_session_connected', help: '1 while the agent has a session with the control plane, else 0.', registers: [this.registry] });
  /** The last status reported per task, so a report that changes only containers is no transition. */
  private readonly lastStatus = new Map<string, string>();

  /** Whether container series carry the task id: only where the cluster has Container Insights on (off until the control plane says). */
  private perTask = false;

  labelByTask(on: boolean): void {
    this.perTask = on;
  }

  /**
   * Container statistics (the collector's last pass) as series labelled by task family and container,
   * and by task id where the cluster has Container Insights on (as ECS adds per-task metrics only
   * there); otherwise one series per family and container sums its tasks' figures, so a task that stops
   * takes its share away (a counter reset to Prometheus). Prometheus adds the agent's cluster and
   * instance from service discovery.
   */
  serveStatistics(figures: () => Iterable<ContainerFigures>): void {
    const labelNames = ['task_family', 'task', 'container'] as const;
    const metrics = this;
    const series: [string, string, 'counter' | 'gauge', (f: ContainerFigures) => number][] = [
      ['berth_container_cpu_seconds_total', 'CPU time the container used.', 'counter', (f) => f.cpuSeconds],
      ['berth_container_memory_usage_bytes', 'Memory the container uses, without the inactive file cache (as docker stats and ECS count it).', 'gauge', (f) => f.memoryBytes],
      ['berth_container_memory_limit_bytes', 'The container\'s memory limit (the host\'s memory when it has none).', 'gauge', (f) => f.memoryLimitBytes],
      ['berth_container_network_receive_bytes_total', 'Bytes the container received, all interfaces (the task\'s, in bridge mode).', 'counter', (f) => f.networkRxBytes],
      ['berth_container_network_transmit_bytes_total', 'Bytes the container sent, all interfaces.', 'counter', (f) => f.networkTxBytes],
      ['berth_container_block_read_bytes_total', 'Bytes the container read from block devices.', 'counter', (f) => f.blockReadBytes],
      ['berth_container_block_write_bytes_total', 'Bytes the container wrote to block devices.', 'counter', (f) => f.blockWriteBytes],
      ['berth_container_restarts_total', 'Restarts of the container in place under its restartPolicy.', 'counter', (f) => f.restarts],
    ];
    for (const [name, help, type, value] of series) {
      const Metric = type === 'counter' ? Counter : Gauge;
      new Metric({ name, help, labelNames, registers: [this.registry], collect(this: Counter<string> | Gauge<string>) {
        this.reset();
        for (const f of figures()) {
          const labels = metrics.perTask ? { task_family: f.family, task: f.taskArn.split('/').pop()!, container: f.container } : { task_family: f.family, container: f.container };
          // Added, for counters and gauges alike: a per-task series is added to once, a family's sums its tasks.
          this.inc(labels, value(f));
        }
      } });
    }
  }

  /** The runtime with every call but `events` timed. */
  timed(runtime: ContainerRuntime): ContainerRuntime {
    const observe = this.dockerSeconds;
    return new Proxy(runtime, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function' || !TIMED.includes(prop as keyof ContainerRuntime)) return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          const end = observe.startTimer({ operation: String(prop) });
          try {
            const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            end({ result: 'ok' });
            return result;
          } catch (e) {
            end({ result: 'error' });
            throw e;
          }
        };
      },
    });
  }

  report(r: TaskStateReport): void {
    if (this.lastStatus.get(r.taskArn) === r.lastStatus) return;
    this.lastStatus.set(r.taskArn, r.lastStatus);
    this.transitions.inc({ status: r.lastStatus });
  }

  taskCleaned(taskArn: string): void {
    this.lastStatus.delete(taskArn);
  }

  connection(up: boolean): void {
    this.connected.set(up ? 1 : 0);
    if (!up) return;
    if (this.everConnected) this.reconnects.inc();
    this.everConnected = true;
    this.connects.inc();
  }
  private everConnected = false;
}
