// The STOPPED phase of a task (amazon-ecs-agent's cleanupTask): once the cleanup wait has passed and the
// STOPPED report is acknowledged, its containers and task resources are removed, its cgroup deleted and
// its local state dropped. A container whose id was never learnt (its create got no answer) is found by
// its saved name. Failed removals are retried a few times, then given up (logged); while Docker is away
// the attempts are not counted.
import { isUnavailable } from '../runtime/runtime.js';
import type { TaskRecord } from './local-state.js';
import { ownContainerNamed } from './own-container.js';
import { errMsg } from './reasons.js';
import type { TaskContext } from './task-context.js';
import { cleanupTaskResources, releaseTaskResources } from './task-resources.js';

const CLEANUP_RETRY_MS = 10_000;
const CLEANUP_ATTEMPTS = 5;

/** What the loop does after a step: wait (for ms, or undefined: for a message), or end. */
export type CleanupStep = { wait: number | undefined } | 'cleaned' | 'closing';

export class TaskCleanup {
  private readonly rec: TaskRecord;
  private readonly ctx: TaskContext;
  private readonly touch: () => void;
  private attempts = 0;
  private awayLogged = false;

  constructor(rec: TaskRecord, ctx: TaskContext, touch: () => void) {
    this.rec = rec;
    this.ctx = ctx;
    this.touch = touch;
  }

  /**
   * One step of the STOPPED phase. `ready`: the STOPPED report is acknowledged and nothing is in flight.
   * `closed()`: the loop is closing (the state is then kept for the next agent).
   */
  async step(ready: boolean, closed: () => boolean): Promise<CleanupStep> {
    const { rec, ctx } = this;
    if (await releaseTaskResources(rec, ctx)) this.touch();
    const stoppedAt = rec.stoppedAt ?? Date.now();
    const due = stoppedAt + ctx.cleanupWaitMs - Date.now();
    // Events are still handled while waiting; an ack or the timer wakes the loop.
    if (due > 0 || !ready) return { wait: due > 0 ? due : undefined };
    const failed: string[] = [];
    for (const c of rec.containers) {
      try {
        const id = c.dockerId ?? (await ownContainerNamed(ctx.runtime, c.dockerName, ctx.instanceId, rec.taskArn))?.id;
        if (id) await ctx.runtime.remove(id);
      } catch (e) {
        if (isUnavailable(e)) {
          if (!this.awayLogged) ctx.log.warn('Docker is away; containers of a stopped task are removed once it is back', { taskArn: rec.taskArn, error: errMsg(e) });
          this.awayLogged = true;
          return { wait: CLEANUP_RETRY_MS };
        }
        failed.push(`${c.name}: ${errMsg(e)}`);
      }
    }
    failed.push(...(await cleanupTaskResources(rec, ctx)));
    if (failed.length > 0 && ++this.attempts < CLEANUP_ATTEMPTS) {
      ctx.log.warn('cannot remove containers of a stopped task; will retry', { taskArn: rec.taskArn, errors: failed });
      return { wait: CLEANUP_RETRY_MS };
    }
    if (failed.length > 0) ctx.log.error('giving up removing containers of a stopped task', { taskArn: rec.taskArn, errors: failed });
    if (rec.cgroupParent) await ctx.cgroups.remove(rec.cgroupParent);
    if (closed()) return 'closing';
    try {
      await ctx.state.remove(rec.taskArn);
    } catch (e) {
      ctx.log.error('cannot drop task state; retrying', { taskArn: rec.taskArn, error: errMsg(e) });
      return { wait: CLEANUP_RETRY_MS };
    }
    ctx.log.info('task cleaned up', { taskArn: rec.taskArn });
    return 'cleaned';
  }
}
