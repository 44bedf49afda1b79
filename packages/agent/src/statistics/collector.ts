// Container statistics without a poll storm (issue 19 §1): every interval (ECS_POLLING_METRICS_WAIT_DURATION,
// default 20 s) one pass over the running containers of running tasks, one Docker one-shot stats call
// each, one after another. The latest figures are kept per container; a container not running at a pass
// leaves the set (a gap, never zeros). A scrape reads what the last pass kept.
import type { Logger } from '@berth/api';
import type { TaskSnapshot } from '../engine/index.js';
import type { ContainerUsage } from '@berth/core';
import { containerStatistics } from './container-statistics.js';

export interface ContainerFigures extends ContainerUsage {
  taskArn: string;
  family: string;
  container: string;
  /** Restarts made in place under the container's restartPolicy. */
  restarts: number;
}

export interface CollectorOptions {
  source(): TaskSnapshot[];
  /** Docker's one-shot stats JSON of a container. */
  stats(dockerId: string): Promise<unknown>;
  intervalMs: number;
  log: Logger;
  /** Each pass's figures, when it ends (the session sends them to the control plane). */
  onPass?(figures: ContainerFigures[]): void;
}

export class StatisticsCollector {
  private latest = new Map<string, ContainerFigures>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly o: CollectorOptions) {}

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      void this.pass().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.o.intervalMs);
      });
    };
    this.timer = setTimeout(loop, 0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  figures(): Iterable<ContainerFigures> {
    return this.latest.values();
  }

  /** One pass: the figures of every running container, replacing the last pass's. */
  async pass(): Promise<void> {
    const next = new Map<string, ContainerFigures>();
    for (const task of this.o.source()) {
      if (task.knownStatus !== 'RUNNING') continue;
      for (const c of task.containers) {
        if (!c.dockerId || c.knownStatus !== 'RUNNING' || this.stopped) continue;
        try {
          const s = containerStatistics(await this.o.stats(c.dockerId));
          next.set(c.dockerId, { ...s, taskArn: task.taskArn, family: task.family ?? '', container: c.name, restarts: c.restartCount ?? 0 });
        } catch (e) {
          // Gone since the snapshot, or Docker away: this container has no figures this pass.
          this.o.log.debug('container statistics unavailable', { container: c.dockerId, error: String((e as Error)?.message ?? e) });
        }
      }
    }
    this.latest = next;
    this.o.onPass?.([...next.values()]);
  }
}
