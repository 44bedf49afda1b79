// Background `docker inspect` of a task's containers, after a Docker event or on a poll: one in flight per
// container, a request made meanwhile inspects once more when it ends, and the result comes back to the
// loop as an `observed` message. An inspect that fails (Docker away, or a transient error) is never
// dropped: it is tried again when Docker is back (dockerBack) or after a back-off, whichever comes first.
import { isNotFound } from '../runtime/runtime.js';
import type { ContainerRecord } from './local-state.js';
import { errMsg } from './reasons.js';
import type { TaskRun } from './task-run.js';

/** Back-off of a failed inspect: first and largest delay (ms). */
const INSPECT_RETRY_MS = { min: 1000, max: 30_000 };

export class ContainerInspections {
  private readonly run: TaskRun;
  private readonly inspecting = new Set<string>();
  /** Asked again while in flight, with the newest event exit code. */
  private readonly reinspect = new Map<string, number | undefined>();
  /** Wakes the failed inspects waiting to retry (Docker is back, or the task closes). */
  private wakeRetries: (() => void)[] = [];

  constructor(run: TaskRun) {
    this.run = run;
  }

  /** Inspects a container soon (coalesced), feeding the result back as a message. */
  inspectLater(c: ContainerRecord, id: string, eventExitCode?: number): void {
    if (this.inspecting.has(c.name)) {
      this.reinspect.set(c.name, eventExitCode ?? this.reinspect.get(c.name));
      return;
    }
    this.inspecting.add(c.name);
    void this.inspectUntilAnswered(c.name, id, eventExitCode).finally(() => this.inspecting.delete(c.name));
  }

  /** Docker answers again: failed inspects retry now. */
  dockerBack(): void {
    for (const w of [...this.wakeRetries]) w();
  }

  /** The task closes: retries end. */
  close(): void {
    this.dockerBack();
  }

  private async inspectUntilAnswered(name: string, id: string, eventExitCode: number | undefined): Promise<void> {
    const { ctx } = this.run;
    let code = eventExitCode;
    let delay = INSPECT_RETRY_MS.min;
    let failures = 0;
    while (!this.run.closed) {
      try {
        const state = await ctx.runtime.inspect(id);
        this.run.post({ kind: 'observed', container: name, id, state, eventExitCode: code });
      } catch (e) {
        if (isNotFound(e)) {
          this.run.post({ kind: 'observed', container: name, id, vanished: true, eventExitCode: code });
        } else {
          if (failures++ === 0) ctx.log.warn('cannot inspect container; will try again', { taskArn: this.run.rec.taskArn, container: name, error: errMsg(e) });
          await this.retryAfter(delay);
          delay = Math.min(delay * 2, INSPECT_RETRY_MS.max);
          code = this.reinspect.get(name) ?? code;
          this.reinspect.delete(name);
          continue;
        }
      }
      if (!this.reinspect.has(name)) break;
      code = this.reinspect.get(name) ?? code;
      this.reinspect.delete(name);
    }
  }

  private retryAfter(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeRetries = this.wakeRetries.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeRetries.push(done);
    });
  }
}
