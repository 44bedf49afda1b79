// Background `docker inspect` of a task's containers, after a Docker event or on a poll: one in flight per
// container, a request made meanwhile inspects once more when it ends, and the result comes back to the
// loop as an `observed` message.
import { isNotFound } from '../runtime/runtime.js';
import type { ContainerRecord } from './local-state.js';
import { errMsg } from './reasons.js';
import type { TaskRun } from './task-run.js';

export class ContainerInspections {
  private readonly run: TaskRun;
  private readonly inspecting = new Set<string>();
  /** Asked again while in flight, with the newest event exit code. */
  private readonly reinspect = new Map<string, number | undefined>();

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
    const name = c.name;
    const { ctx } = this.run;
    void (async () => {
      let code = eventExitCode;
      for (;;) {
        try {
          const state = await ctx.runtime.inspect(id);
          this.run.post({ kind: 'observed', container: name, id, state, eventExitCode: code });
        } catch (e) {
          if (isNotFound(e)) this.run.post({ kind: 'observed', container: name, id, vanished: true, eventExitCode: code });
          else ctx.log.warn('cannot inspect container', { taskArn: this.run.rec.taskArn, container: name, error: errMsg(e) });
        }
        if (!this.reinspect.has(name) || this.run.closed) break;
        code = this.reinspect.get(name) ?? code;
        this.reinspect.delete(name);
      }
      this.inspecting.delete(name);
    })();
  }
}
