// Restarts in place under a container's restartPolicy (amazon-ecs-agent's restart tracker): an exit the
// policy allows restarting is not recorded; the restart is saved first (by the loop), then Docker starts
// the same container again. The rule itself is restart-policy.ts.
import type { ContainerState } from '../runtime/runtime.js';
import type { ContainerRecord } from './local-state.js';
import { errMsg } from './reasons.js';
import { restartDecision } from './restart-policy.js';
import type { RestartDone, TaskRun } from './task-run.js';

export class ContainerRestarts {
  private readonly run: TaskRun;
  /** Exited containers to start again in place, with the exit code seen. */
  private readonly pending = new Map<string, number | undefined>();
  /** Restarts in flight. */
  private readonly restarting = new Set<string>();
  /** Containers this process restarted (an older run seen exiting again is then a late observation). */
  private readonly restartedHere = new Set<string>();

  constructor(run: TaskRun) {
    this.run = run;
  }

  get inFlight(): number {
    return this.restarting.size;
  }

  isRestarting(name: string): boolean {
    return this.restarting.has(name);
  }

  /** An exit the restart policy turns into a restart in place (true: the exit is not recorded). */
  restartInstead(c: ContainerRecord, st: ContainerState, eventExitCode?: number): boolean {
    const { rec, ctx } = this.run;
    if (this.pending.has(c.name) || this.restarting.has(c.name)) return true;
    if (c.restartedRunStartedAt !== undefined && st.startedAt !== undefined && st.startedAt <= c.restartedRunStartedAt) {
      // That run's exit already led to a restart: a late observation of it; or, after an agent restart,
      // a restart that was saved but never made: make it now.
      if (!this.restartedHere.has(c.name)) this.pending.set(c.name, st.exitCode ?? eventExitCode);
      return true;
    }
    const policy = this.run.definition(c)?.restartPolicy;
    if (policy?.enabled !== true) return false;
    const exitCode = st.exitCode ?? eventExitCode;
    const desiredStatus = rec.desiredStatus === 'STOPPED' ? 'STOPPED' : c.desiredStatus;
    const now = ctx.now();
    const d = restartDecision(policy, { exitCode, desiredStatus, startedAt: st.startedAt, lastRestartAt: c.lastRestartAt }, now);
    if (!d.restart) {
      ctx.log.info('not restarting container', { taskArn: rec.taskArn, container: c.name, exitCode, reason: d.reason, restartCount: c.restartCount ?? 0 });
      return false;
    }
    // Recorded (and saved by the loop) before Docker is asked, as ECS's RecordRestart.
    c.restartCount = (c.restartCount ?? 0) + 1;
    c.lastRestartAt = now;
    c.restartedRunStartedAt = st.startedAt;
    this.pending.set(c.name, exitCode);
    this.run.touch();
    ctx.log.info('container exited; restarting it in place', { taskArn: rec.taskArn, container: c.name, exitCode, restartCount: c.restartCount });
    return true;
  }

  /** Starts the pending restarts (after the loop saved them); true if any started. */
  launch(): boolean {
    const { rec, ctx } = this.run;
    let any = false;
    for (const [name, exitCode] of [...this.pending]) {
      this.pending.delete(name);
      const c = this.run.container(name);
      if (!c?.dockerId) continue;
      if (rec.desiredStatus === 'STOPPED' || c.desiredStatus === 'STOPPED') {
        // Stopping meanwhile: let the exit be recorded after all.
        delete c.restartedRunStartedAt;
        this.run.inspectLater(c, c.dockerId);
        continue;
      }
      this.restarting.add(name);
      this.restartedHere.add(name);
      any = true;
      const id = c.dockerId;
      void (async (): Promise<RestartDone> => {
        try {
          await ctx.runtime.start(id);
          return { kind: 'restarted', container: name, ok: true, state: await ctx.runtime.inspect(id).catch(() => undefined) };
        } catch (e) {
          return { kind: 'restarted', container: name, ok: false, exitCode, error: errMsg(e) };
        }
      })().then((m) => this.run.post(m));
    }
    return any;
  }

  /** A restart finished; returns what Docker showed after it, for the loop to observe. */
  finished(m: RestartDone): ContainerState | undefined {
    const { ctx } = this.run;
    this.restarting.delete(m.container);
    const c = this.run.container(m.container);
    if (!c) return undefined;
    if (m.ok) {
      ctx.log.info('container restarted', { taskArn: this.run.rec.taskArn, container: c.name, restartCount: c.restartCount });
      return m.state;
    }
    // As ECS: a failed restart goes on with the stop the exit meant.
    ctx.log.error('container restart failed', { taskArn: this.run.rec.taskArn, container: c.name, error: m.error });
    this.run.setKnown(c, 'STOPPED');
    if (m.exitCode !== undefined) c.exitCode = m.exitCode;
    this.run.touch();
    return undefined;
  }
}
