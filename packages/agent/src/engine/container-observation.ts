// What Docker shows of a container moves its known status forward (amazon-ecs-agent's
// handleContainerChange): running, exited (exit code, OOM, Docker's error), gone; with its port
// bindings, first start time and health. An exit may become a restart in place (container-restarts.ts).
import { hasHealthCheck } from '@berth/core/task-health.js';
import type { ContainerState } from '../runtime/runtime.js';
import { containerDefinition, hostModeBindings, networkMode } from './container-spec.js';
import type { ContainerRestarts } from './container-restarts.js';
import { nextHealth } from './health.js';
import type { ContainerRecord } from './local-state.js';
import { errMsg, reasonOf } from './reasons.js';
import type { TaskRun } from './task-run.js';
import { rank, type ContainerStatus } from './task-status.js';

const nowSec = () => Math.floor(Date.now() / 1000);

export class ContainerObservation {
  private readonly run: TaskRun;
  private readonly restarts: ContainerRestarts;
  private readonly stopTimeout: (c: ContainerRecord) => number;
  /** Stopped containers seen running again and stopped once more (at most once each). */
  private readonly restopped = new Set<string>();

  constructor(run: TaskRun, restarts: ContainerRestarts, stopTimeout: (c: ContainerRecord) => number) {
    this.run = run;
    this.restarts = restarts;
    this.stopTimeout = stopTimeout;
  }

  /** Moves a container's known status forward to what Docker shows. */
  observe(c: ContainerRecord, st: ContainerState, eventExitCode?: number): void {
    const { ctx, rec } = this.run;
    if (c.dockerId && c.dockerId !== st.id) return;
    if (!c.dockerId) {
      c.dockerId = st.id;
      this.run.touch();
    }
    this.observeExtras(c, st);
    const status: ContainerStatus = st.running ? 'RUNNING' : st.startedAt !== undefined || st.finishedAt !== undefined || st.error ? 'STOPPED' : 'CREATED';
    if (rank(status) > rank(c.knownStatus)) {
      if (status === 'STOPPED' && this.restarts.restartInstead(c, st, eventExitCode)) return;
      if (rank(status) >= rank('RUNNING') && c.knownStatus !== 'RUNNING') this.updateBindings(c, st);
      this.run.setKnown(c, status);
      if (status === 'STOPPED') {
        const code = st.exitCode ?? eventExitCode;
        if (code !== undefined) c.exitCode = code;
        if (!c.reason) {
          if (st.oomKilled) c.reason = reasonOf('OutOfMemoryError', 'Container killed due to memory usage');
          else if (st.error) c.reason = reasonOf('DockerStateError', st.error);
        }
      }
    } else if (status === 'RUNNING' && c.knownStatus === 'RUNNING') {
      this.updateBindings(c, st);
    } else if (status === 'STOPPED' && c.knownStatus === 'STOPPED' && c.exitCode === undefined && st.exitCode !== undefined) {
      c.exitCode = st.exitCode;
      this.run.touch();
    } else if (status === 'RUNNING' && c.knownStatus === 'STOPPED' && !this.restopped.has(c.name)) {
      // A stopped container came back (someone started it): stop it again, once (ECS's unexpectedStart).
      this.restopped.add(c.name);
      ctx.log.warn('stopped container is running again; stopping it', { taskArn: rec.taskArn, container: c.name, dockerId: st.id });
      void ctx.runtime.stop(st.id, this.stopTimeout(c)).catch((e) => ctx.log.warn('cannot stop container', { taskArn: rec.taskArn, container: c.name, error: errMsg(e) }));
    }
  }

  /** The container is gone from Docker: STOPPED, with the event's exit code or ECS's vanished reason. */
  vanish(c: ContainerRecord, eventExitCode: number | undefined): void {
    if (c.knownStatus === 'STOPPED') return;
    if (c.dockerId === undefined && c.knownStatus !== 'CREATED' && c.knownStatus !== 'RUNNING') return;
    this.run.setKnown(c, 'STOPPED');
    if (eventExitCode !== undefined) c.exitCode = eventExitCode;
    else if (!c.reason) c.reason = reasonOf('ContainerVanishedError', 'No container matching saved ID found');
    this.run.touch();
  }

  /** First start time and health from a Docker observation. */
  private observeExtras(c: ContainerRecord, st: ContainerState): void {
    const { ctx, rec } = this.run;
    if (st.startedAt !== undefined && c.startedAt === undefined) {
      c.startedAt = st.startedAt;
      this.run.touch();
    }
    if (!hasHealthCheck(this.run.definition(c)?.healthCheck)) return;
    const h = nextHealth(c.health, st.health, nowSec());
    if (!h) return;
    ctx.log.info('container health status', { taskArn: rec.taskArn, container: c.name, healthStatus: h.status, output: h.output });
    c.health = h;
    this.run.touch();
  }

  private updateBindings(c: ContainerRecord, st: ContainerState): void {
    const { rec } = this.run;
    let b = st.networkBindings;
    if (this.mode() === 'host') {
      try {
        b = hostModeBindings(containerDefinition(rec.taskDefinition, c.name));
      } catch {
        /* keep Docker's */
      }
    }
    if (b.length === 0 && !st.running) return; // a stopped container shows no ports: keep what it had
    if (JSON.stringify(b) !== JSON.stringify(c.networkBindings)) {
      c.networkBindings = b;
      this.run.touch();
    }
  }

  private mode(): string {
    try {
      return networkMode(this.run.rec.taskDefinition);
    } catch {
      return 'unsupported';
    }
  }
}
