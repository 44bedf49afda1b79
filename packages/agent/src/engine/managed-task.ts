// One owner loop per task, as amazon-ecs-agent's managedTask (agent/engine/task_manager.go): it is the
// only writer of its task's known and desired statuses. Docker calls (transitions) run detached and come
// back as messages; Docker events come in as messages; the loop applies them, recomputes the statuses,
// persists, reports, and starts the next transitions.
import type { Logger } from '@berth/api';
import { hasHealthCheck, type ContainerDefinition, type ContainerHealth, type ContainerStateChange, type TaskStateReport } from '@berth/core';
import { isNotFound, type ContainerRuntime, type ContainerState } from '../runtime/runtime.js';
import type { CgroupManager } from './cgroup.js';
import { ownedBy } from './container-identity.js';
import {
  buildCreateOptions,
  containerDefinition,
  hostModeBindings,
  networkMode,
  taskCgroupParent,
  taskCpuShares,
  taskLimits,
} from './container-spec.js';
import { DEPENDENCY_EXIT_CODE, containerDependencies, gatedStep, startGate, stopBlockers, type OrderView } from './dependencies.js';
import { nextHealth } from './health.js';
import { PAUSE_CONTAINER_NAME } from './namespaces.js';
import type { ContainerRecord, LocalState, TaskRecord } from './local-state.js';
import { restartDecision } from './restart-policy.js';
import { TaskSpecError } from './task-spec-error.js';
import { cleanupTaskResources, prepareTaskResources, releaseTaskResources, type ResourcesResult } from './task-resources.js';
import {
  backendStatus,
  containerDesiredStatus,
  nextDesired,
  nextTransition,
  rank,
  taskDesiredStatus,
  taskKnownStatus,
  type ContainerStatus,
  type DesiredStatus,
} from './task-status.js';

export type PullBehavior = 'default' | 'always' | 'once' | 'prefer-cached';

export interface PullRetry {
  /** Attempts in all (ECS: 5). */
  attempts: number;
  /** First back-off delay, doubled up to maxDelayMs (ECS: 1.1 s -> 5 s). */
  delayMs: number;
  maxDelayMs: number;
}

/** What every managed task shares with the engine. */
export interface TaskContext {
  runtime: ContainerRuntime;
  state: LocalState;
  cgroups: CgroupManager;
  log: Logger;
  cluster: string;
  instanceId: string;
  region?: string;
  hostIp?: string;
  pullBehavior: PullBehavior;
  pullRetry: PullRetry;
  /** Images this agent pulled successfully in its lifetime (ECS_IMAGE_PULL_BEHAVIOR=once). */
  pulledImages: Set<string>;
  stopTimeoutSec: number;
  cleanupWaitMs: number;
  /** Steady-state poll period; undefined: ECS's 5 min ± 30 s. */
  steadyPollMs?: number;
  /** Clock (epoch ms) for restart periods and dependency start timeouts. */
  now(): number;
  /** BERTH_PAUSE_IMAGE (pidMode/ipcMode task); undefined: built locally. */
  pauseImage?: string;
  /** ECS_SHARED_VOLUME_MATCH_FULL_CONFIG */
  sharedVolumeMatchFullConfig?: boolean;
  emit(report: TaskStateReport): void;
  /** The task was cleaned up and dropped from local state. */
  done(taskArn: string): void;
  /** Extra environment and binds for a container about to be created (never throws). */
  containerExtras?(task: TaskRecord, container: ContainerRecord): Promise<ContainerExtras | undefined>;
}

export interface ContainerExtras {
  env?: string[];
  binds?: string[];
}

type Msg =
  | { kind: 'desired'; status: DesiredStatus }
  | { kind: 'docker'; container: string; id: string; action: string; exitCode?: number }
  | { kind: 'observed'; container: string; id: string; state?: ContainerState; vanished?: boolean; eventExitCode?: number }
  | { kind: 'done'; container: string; target: ContainerStatus; ok: boolean; reason?: string; stopTask?: boolean; dockerId?: string; state?: ContainerState; retry?: boolean }
  | { kind: 'restarted'; container: string; ok: boolean; state?: ContainerState; exitCode?: number; error?: string }
  | { kind: 'cgroup'; parent?: string }
  | ({ kind: 'resources' } & ResourcesResult)
  | { kind: 'poll' }
  | { kind: 'wake' };

const MAX_REASON = 1024;
const reasonOf = (name: string, msg: string) => `${name}: ${msg}`.slice(0, MAX_REASON);
const errMsg = (e: unknown) => (e instanceof Error ? e.message : String(e));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const nowSec = () => Math.floor(Date.now() / 1000);
const STOP_ATTEMPTS = 5;
const CLEANUP_RETRY_MS = 10_000;
const CLEANUP_ATTEMPTS = 5;
const SAVE_RETRY_MS = 1000;
/** While containers wait on dependencies: inspect this often (ECS's transitionPollTime). */
const DEPENDENCY_POLL_MS = 5000;

export class ManagedTask {
  readonly rec: TaskRecord;
  private readonly ctx: TaskContext;
  private readonly log: Logger;
  private readonly queue: Msg[] = [];
  private wakeFn?: () => void;
  private timer?: NodeJS.Timeout;
  private closed = false;
  private loop?: Promise<void>;
  private dirty = false;
  /** Transitions in flight per container (ECS's AppliedStatus; not persisted). */
  private readonly applied = new Map<string, ContainerStatus>();
  private cgroupInFlight = false;
  private resourcesInFlight = false;
  private readonly inspecting = new Set<string>();
  private readonly reinspect = new Map<string, number | undefined>();
  private readonly restopped = new Set<string>();
  private readonly warnedSpec = new Set<string>();
  private stopRetryAt = 0;
  /** A report made but not yet saved (the save failed): sent once saved. */
  private unsent?: TaskStateReport;
  private saveRetryAt = 0;
  private cleanupAttempts = 0;
  /** Some container waits on its dependencies (or on its dependants to stop first). */
  private blocked = false;
  /** Exited containers to start again in place (restartPolicy), with the exit code seen; then in flight. */
  private readonly pendingRestart = new Map<string, number | undefined>();
  private readonly restarting = new Set<string>();
  /** Containers this process restarted (an older run seen exiting again is then a late observation). */
  private readonly restartedHere = new Set<string>();

  constructor(rec: TaskRecord, ctx: TaskContext) {
    this.rec = rec;
    this.ctx = ctx;
    this.log = ctx.log;
  }

  get taskArn(): string {
    return this.rec.taskArn;
  }

  // --- inputs (may be called at any time; they only queue) ------------------------------------------------

  setDesired(status: DesiredStatus): void {
    this.post({ kind: 'desired', status });
  }

  dockerEvent(container: string, id: string, action: string, exitCode?: number): void {
    this.post({ kind: 'docker', container, id, action, exitCode });
  }

  /** The server acknowledged reports up to `counter`. */
  ack(counter: number): void {
    if (counter <= this.rec.ackedCounter) return;
    this.rec.ackedCounter = Math.min(counter, this.rec.counter);
    this.ctx.state.save(this.rec).catch(() => undefined); // logged by LocalState; the loop saves again
    this.post({ kind: 'wake' });
  }

  /** The latest report not yet acknowledged. */
  pendingReport(): TaskStateReport | undefined {
    const r = this.rec.lastReport;
    return r && r.counter > this.rec.ackedCounter ? r : undefined;
  }

  private post(m: Msg): void {
    if (this.closed) return;
    this.queue.push(m);
    const w = this.wakeFn;
    this.wakeFn = undefined;
    w?.();
  }

  // --- adoption -------------------------------------------------------------------------------------------

  /**
   * After a restart: matches each container to Docker by saved id, else by saved name (created just before a
   * crash), and moves known statuses forward to what Docker shows.
   */
  async reconcile(byName: Map<string, string>): Promise<void> {
    for (const c of this.rec.containers) {
      let st: ContainerState | undefined;
      let vanished = false;
      try {
        if (c.dockerId) st = await this.ctx.runtime.inspect(c.dockerId);
        else {
          const id = byName.get(c.dockerName);
          if (id) st = await this.ctx.runtime.inspect(id);
        }
      } catch (e) {
        if (isNotFound(e)) vanished = true;
        else this.log.warn('cannot inspect container while adopting', { taskArn: this.taskArn, container: c.name, error: errMsg(e) });
      }
      if (st && !ownedBy(st.labels, this.ctx.instanceId, this.taskArn)) {
        // Never ours to touch: forget the id so nothing is ever done to that container.
        this.log.warn('container does not carry this task and instance labels; not adopted', { taskArn: this.taskArn, container: c.name, dockerId: st.id });
        st = undefined;
        if (c.dockerId !== undefined) {
          this.vanish(c, undefined);
          delete c.dockerId;
        }
      }
      if (st) {
        if (!c.dockerId) this.log.info('container found by name', { taskArn: this.taskArn, container: c.name, dockerId: st.id });
        this.observe(c, st);
      } else if (vanished) {
        this.vanish(c, undefined);
      }
    }
    this.dirty = true;
  }

  // --- the loop -------------------------------------------------------------------------------------------

  start(): void {
    this.loop ??= this.run().catch((e) => this.log.error('task loop failed', { taskArn: this.taskArn, error: errMsg(e), stack: (e as Error).stack }));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const w = this.wakeFn;
    this.wakeFn = undefined;
    w?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      this.drain();
      this.settle();
      await this.persistAndReport();
      if (this.closed) break;
      if (this.saveRetryAt > 0) {
        await this.wait(this.saveRetryAt - Date.now());
        continue;
      }
      if (this.rec.knownStatus === 'STOPPED') {
        if (await this.cleanupStep()) return;
        continue;
      }
      const launched = this.launch();
      const steady = this.rec.knownStatus === 'RUNNING' && this.rec.desiredStatus === 'RUNNING';
      if (!launched && this.inFlight() === 0 && !steady && this.queue.length === 0) {
        if (this.blocked) {
          await this.wait(DEPENDENCY_POLL_MS, true);
          continue;
        }
        if (this.stopRetryAt > Date.now()) {
          await this.wait(this.stopRetryAt - Date.now());
          continue;
        }
        this.unableToTransition();
        continue;
      }
      // Waiting on dependencies: look again every few seconds (health, exits, start timeouts).
      await this.wait(steady ? this.steadyPollMs() : this.blocked ? DEPENDENCY_POLL_MS : undefined, steady || this.blocked);
    }
  }

  private inFlight(): number {
    return this.applied.size + this.restarting.size + (this.cgroupInFlight ? 1 : 0) + (this.resourcesInFlight ? 1 : 0);
  }

  private steadyPollMs(): number {
    if (this.ctx.steadyPollMs !== undefined) return this.ctx.steadyPollMs;
    return 5 * 60_000 + Math.round((Math.random() * 2 - 1) * 30_000);
  }

  private wait(ms?: number, pollOnTimeout = false): Promise<void> {
    if (this.queue.length > 0 || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.wakeFn = () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        resolve();
      };
      if (ms !== undefined) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.wakeFn = undefined;
          if (pollOnTimeout) this.queue.push({ kind: 'poll' });
          resolve();
        }, Math.max(0, ms));
      }
    });
  }

  /** Applies every queued message. */
  private drain(): void {
    while (this.queue.length > 0) this.handle(this.queue.shift()!);
  }

  private container(name: string): ContainerRecord | undefined {
    return this.rec.containers.find((c) => c.name === name);
  }

  private handle(m: Msg): void {
    switch (m.kind) {
      case 'desired': {
        const d = nextDesired(this.rec.desiredStatus, m.status);
        if (d !== this.rec.desiredStatus) {
          this.log.info('task desired status', { taskArn: this.taskArn, desiredStatus: d });
          this.rec.desiredStatus = d;
          this.dirty = true;
        }
        return;
      }
      case 'docker': {
        if (m.container === PAUSE_CONTAINER_NAME) return this.pauseEvent(m.id, m.action);
        const c = this.container(m.container);
        if (!c || (c.dockerId && c.dockerId !== m.id)) return;
        if (m.action === 'oom') this.log.warn('container out of memory', { taskArn: this.taskArn, container: c.name });
        if (['start', 'die', 'stop', 'destroy', 'restart', 'health_status'].includes(m.action)) this.inspectLater(c, m.id, m.exitCode);
        return;
      }
      case 'poll': {
        for (const c of this.rec.containers) if (c.dockerId && (c.knownStatus === 'CREATED' || c.knownStatus === 'RUNNING')) this.inspectLater(c, c.dockerId);
        return;
      }
      case 'observed': {
        const c = this.container(m.container);
        if (!c || (c.dockerId && c.dockerId !== m.id)) return;
        if (m.state) this.observe(c, m.state, m.eventExitCode);
        else if (m.vanished) this.vanish(c, m.eventExitCode);
        return;
      }
      case 'cgroup': {
        this.cgroupInFlight = false;
        this.rec.cgroupParent = m.parent;
        this.rec.cgroupReady = true;
        this.dirty = true;
        return;
      }
      case 'resources':
        this.resourcesDone(m);
        return;
      case 'done':
        this.transitionDone(m);
        return;
      case 'restarted':
        this.restartDone(m);
        return;
      case 'wake':
        return;
    }
  }

  private transitionDone(m: Extract<Msg, { kind: 'done' }>): void {
    if (this.applied.get(m.container) === m.target) this.applied.delete(m.container);
    const c = this.container(m.container);
    if (!c) return;
    this.dirty = true;
    if (m.dockerId && !c.dockerId) c.dockerId = m.dockerId;
    // Already stopped meanwhile (an event, or the task was stopped while a pull was in flight): only the id counts.
    if (c.knownStatus === 'STOPPED' && m.target !== 'STOPPED') return;
    if (!m.ok) {
      if (m.retry) {
        this.stopRetryAt = Date.now() + 5_000;
        return;
      }
      this.log.warn('container transition failed', { taskArn: this.taskArn, container: c.name, to: m.target, reason: m.reason });
      if (m.reason && !c.reason) c.reason = m.reason;
      if (m.target === 'STOPPED') this.setKnown(c, 'STOPPED');
      c.desiredStatus = 'STOPPED';
      if (m.stopTask) this.rec.desiredStatus = 'STOPPED';
      return;
    }
    if (rank(m.target) > rank(c.knownStatus)) this.setKnown(c, m.target);
    if (m.state) this.observe(c, m.state);
    if (m.target === 'STOPPED' && m.reason && !c.reason) c.reason = m.reason;
  }

  private setKnown(c: ContainerRecord, s: ContainerStatus): void {
    if (rank(s) <= rank(c.knownStatus)) return;
    this.log.debug('container known status', { taskArn: this.taskArn, container: c.name, from: c.knownStatus, to: s });
    c.knownStatus = s;
    this.dirty = true;
  }

  /** Moves a container's known status forward to what Docker shows (handleContainerChange). */
  private observe(c: ContainerRecord, st: ContainerState, eventExitCode?: number): void {
    if (c.dockerId && c.dockerId !== st.id) return;
    if (!c.dockerId) {
      c.dockerId = st.id;
      this.dirty = true;
    }
    this.observeExtras(c, st);
    const status: ContainerStatus = st.running ? 'RUNNING' : st.startedAt !== undefined || st.finishedAt !== undefined || st.error ? 'STOPPED' : 'CREATED';
    if (rank(status) > rank(c.knownStatus)) {
      if (status === 'STOPPED' && this.restartInstead(c, st, eventExitCode)) return;
      if (rank(status) >= rank('RUNNING') && c.knownStatus !== 'RUNNING') this.updateBindings(c, st);
      this.setKnown(c, status);
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
      this.dirty = true;
    } else if (status === 'RUNNING' && c.knownStatus === 'STOPPED' && !this.restopped.has(c.name)) {
      // A stopped container came back (someone started it): stop it again, once (ECS's unexpectedStart).
      this.restopped.add(c.name);
      this.log.warn('stopped container is running again; stopping it', { taskArn: this.taskArn, container: c.name, dockerId: st.id });
      void this.ctx.runtime.stop(st.id, this.stopTimeout(c)).catch((e) => this.log.warn('cannot stop container', { taskArn: this.taskArn, container: c.name, error: errMsg(e) }));
    }
  }

  // --- dependsOn, health, restartPolicy (rules in dependencies.ts, health.ts, restart-policy.ts) ---------

  private definition(c: ContainerRecord): ContainerDefinition | undefined {
    try {
      return containerDefinition(this.rec.taskDefinition, c.name);
    } catch {
      return undefined;
    }
  }

  /** First start time and health from a Docker observation. */
  private observeExtras(c: ContainerRecord, st: ContainerState): void {
    if (st.startedAt !== undefined && c.startedAt === undefined) {
      c.startedAt = st.startedAt;
      this.dirty = true;
    }
    if (!hasHealthCheck(this.definition(c)?.healthCheck)) return;
    const h = nextHealth(c.health, st.health, nowSec());
    if (!h) return;
    this.log.info('container health status', { taskArn: this.taskArn, container: c.name, healthStatus: h.status, output: h.output });
    c.health = h;
    this.dirty = true;
  }

  /** An exit the restart policy turns into a restart in place (true: the exit is not recorded). */
  private restartInstead(c: ContainerRecord, st: ContainerState, eventExitCode?: number): boolean {
    if (this.pendingRestart.has(c.name) || this.restarting.has(c.name)) return true;
    if (c.restartedRunStartedAt !== undefined && st.startedAt !== undefined && st.startedAt <= c.restartedRunStartedAt) {
      // That run's exit already led to a restart: a late observation of it; or, after an agent restart,
      // a restart that was saved but never made: make it now.
      if (!this.restartedHere.has(c.name)) this.pendingRestart.set(c.name, st.exitCode ?? eventExitCode);
      return true;
    }
    const policy = this.definition(c)?.restartPolicy;
    if (policy?.enabled !== true) return false;
    const exitCode = st.exitCode ?? eventExitCode;
    const desiredStatus = this.rec.desiredStatus === 'STOPPED' ? 'STOPPED' : c.desiredStatus;
    const now = this.ctx.now();
    const d = restartDecision(policy, { exitCode, desiredStatus, startedAt: st.startedAt, lastRestartAt: c.lastRestartAt }, now);
    if (!d.restart) {
      this.log.info('not restarting container', { taskArn: this.taskArn, container: c.name, exitCode, reason: d.reason, restartCount: c.restartCount ?? 0 });
      return false;
    }
    // Recorded (and saved by the loop) before Docker is asked, as ECS's RecordRestart.
    c.restartCount = (c.restartCount ?? 0) + 1;
    c.lastRestartAt = now;
    c.restartedRunStartedAt = st.startedAt;
    this.pendingRestart.set(c.name, exitCode);
    this.dirty = true;
    this.log.info('container exited; restarting it in place', { taskArn: this.taskArn, container: c.name, exitCode, restartCount: c.restartCount });
    return true;
  }

  /** Starts the pending restarts (after the loop saved them); true if any started. */
  private launchRestarts(): boolean {
    let any = false;
    for (const [name, exitCode] of [...this.pendingRestart]) {
      this.pendingRestart.delete(name);
      const c = this.container(name);
      if (!c?.dockerId) continue;
      if (this.rec.desiredStatus === 'STOPPED' || c.desiredStatus === 'STOPPED') {
        // Stopping meanwhile: let the exit be recorded after all.
        delete c.restartedRunStartedAt;
        this.inspectLater(c, c.dockerId);
        continue;
      }
      this.restarting.add(name);
      this.restartedHere.add(name);
      any = true;
      const id = c.dockerId;
      void (async (): Promise<Msg> => {
        try {
          await this.ctx.runtime.start(id);
          return { kind: 'restarted', container: name, ok: true, state: await this.ctx.runtime.inspect(id).catch(() => undefined) };
        } catch (e) {
          return { kind: 'restarted', container: name, ok: false, exitCode, error: errMsg(e) };
        }
      })().then((m) => this.post(m));
    }
    return any;
  }

  private restartDone(m: Extract<Msg, { kind: 'restarted' }>): void {
    this.restarting.delete(m.container);
    const c = this.container(m.container);
    if (!c) return;
    if (m.ok) {
      this.log.info('container restarted', { taskArn: this.taskArn, container: c.name, restartCount: c.restartCount });
      if (m.state) this.observe(c, m.state);
      return;
    }
    // As ECS: a failed restart goes on with the stop the exit meant.
    this.log.error('container restart failed', { taskArn: this.taskArn, container: c.name, error: m.error });
    this.setKnown(c, 'STOPPED');
    if (m.exitCode !== undefined) c.exitCode = m.exitCode;
    this.dirty = true;
  }

  /** A dependency that can never be met: the container is given up as ECS does (exit 143). */
  private giveUp(c: ContainerRecord, message: string): void {
    this.log.warn('container dependency can never be met; giving the container up', { taskArn: this.taskArn, container: c.name, error: message });
    c.desiredStatus = 'STOPPED';
    c.exitCode = DEPENDENCY_EXIT_CODE;
    if (!c.reason) c.reason = reasonOf('CannotStartContainerError', message);
    this.dirty = true;
    this.post({ kind: 'wake' });
  }

  private orderViews(): Map<string, OrderView> {
    const m = new Map<string, OrderView>();
    for (const c of this.rec.containers) {
      const cd = this.definition(c);
      m.set(c.name, {
        name: c.name,
        image: cd?.image,
        knownStatus: c.knownStatus,
        desiredStatus: c.desiredStatus,
        applied: this.applied.get(c.name),
        exitCode: c.exitCode,
        healthStatus: c.health?.status,
        hasHealthCheck: hasHealthCheck(cd?.healthCheck),
        startedAt: c.startedAt,
        startTimeoutSec: cd?.startTimeout,
        dependsOn: cd ? containerDependencies(cd) : [],
      });
    }
    return m;
  }

  /** Health of the containers that have a health check, for reports. */
  private healthView(): ContainerHealth[] {
    const out: ContainerHealth[] = [];
    for (const c of this.rec.containers) {
      if (!hasHealthCheck(this.definition(c)?.healthCheck)) continue;
      const h: ContainerHealth = { containerName: c.name, healthStatus: c.health?.status ?? 'UNKNOWN' };
      if (c.health) h.statusSince = c.health.since;
      out.push(h);
    }
    return out;
  }

  private updateBindings(c: ContainerRecord, st: ContainerState): void {
    let b = st.networkBindings;
    if (this.mode() === 'host') {
      try {
        b = hostModeBindings(containerDefinition(this.rec.taskDefinition, c.name));
      } catch {
        /* keep Docker's */
      }
    }
    if (b.length === 0 && !st.running) return; // a stopped container shows no ports: keep what it had
    if (JSON.stringify(b) !== JSON.stringify(c.networkBindings)) {
      c.networkBindings = b;
      this.dirty = true;
    }
  }

  private mode(): string {
    try {
      return networkMode(this.rec.taskDefinition);
    } catch {
      return 'unsupported';
    }
  }

  private vanish(c: ContainerRecord, eventExitCode: number | undefined): void {
    if (c.knownStatus === 'STOPPED') return;
    if (c.dockerId === undefined && c.knownStatus !== 'CREATED' && c.knownStatus !== 'RUNNING') return;
    this.setKnown(c, 'STOPPED');
    if (eventExitCode !== undefined) c.exitCode = eventExitCode;
    else if (!c.reason) c.reason = reasonOf('ContainerVanishedError', 'No container matching saved ID found');
    this.dirty = true;
  }

  /** Inspects a container soon (coalesced), feeding the result back as a message. */
  private inspectLater(c: ContainerRecord, id: string, eventExitCode?: number): void {
    if (this.inspecting.has(c.name)) {
      this.reinspect.set(c.name, eventExitCode ?? this.reinspect.get(c.name));
      return;
    }
    this.inspecting.add(c.name);
    const name = c.name;
    void (async () => {
      let code = eventExitCode;
      for (;;) {
        try {
          const state = await this.ctx.runtime.inspect(id);
          this.post({ kind: 'observed', container: name, id, state, eventExitCode: code });
        } catch (e) {
          if (isNotFound(e)) this.post({ kind: 'observed', container: name, id, vanished: true, eventExitCode: code });
          else this.log.warn('cannot inspect container', { taskArn: this.taskArn, container: name, error: errMsg(e) });
        }
        if (!this.reinspect.has(name) || this.closed) break;
        code = this.reinspect.get(name) ?? code;
        this.reinspect.delete(name);
      }
      this.inspecting.delete(name);
    })();
  }

  /**
   * Status bookkeeping until nothing moves: the essential rule, container desired statuses, moves that need
   * no Docker call (a container that never ran is STOPPED at once), and the task known status.
   */
  private settle(): void {
    for (let guard = 0; guard < 10; guard++) {
      const views = this.rec.containers.map((c) => ({ knownStatus: c.knownStatus, desiredStatus: c.desiredStatus, essential: c.essential }));
      const ds = taskDesiredStatus(this.rec.desiredStatus, views);
      if (ds !== this.rec.desiredStatus) {
        this.log.info('task desired status', { taskArn: this.taskArn, desiredStatus: ds, why: 'essential container stopped' });
        this.rec.desiredStatus = ds;
        this.dirty = true;
      }
      let moved = false;
      for (const c of this.rec.containers) {
        const d = containerDesiredStatus(this.rec.desiredStatus, c.desiredStatus);
        if (d !== c.desiredStatus) {
          c.desiredStatus = d;
          this.dirty = true;
        }
        const t = nextTransition(c.knownStatus, c.desiredStatus, this.applied.get(c.name));
        if (t && !t.actionRequired) {
          this.setKnown(c, t.next);
          moved = true;
        }
      }
      if (this.rec.executionStoppedAt === undefined && this.rec.containers.some((c) => c.essential && c.knownStatus === 'STOPPED')) {
        this.rec.executionStoppedAt = nowSec();
        this.dirty = true;
      }
      const ks = taskKnownStatus(this.rec.knownStatus, this.rec.containers.map((c) => ({ knownStatus: c.knownStatus, desiredStatus: c.desiredStatus, essential: c.essential })));
      if (ks !== this.rec.knownStatus) {
        this.log.info('task known status', { taskArn: this.taskArn, from: this.rec.knownStatus, to: ks });
        this.rec.knownStatus = ks;
        if (ks === 'STOPPED' && this.rec.stoppedAt === undefined) this.rec.stoppedAt = Date.now();
        this.dirty = true;
        moved = true;
      }
      if (!moved) return;
    }
  }

  /** Starts every transition that may start now; true if any did. */
  private launch(): boolean {
    let launched = this.launchRestarts();
    const cs = this.rec.containers;
    const order = this.orderViews();
    this.blocked = false;
    // The task cgroup comes before the first container is created.
    const wantsCreate = cs.some((c) => c.desiredStatus === 'RUNNING' && rank(c.knownStatus) < rank('CREATED'));
    if (!this.rec.cgroupReady && wantsCreate && this.rec.desiredStatus === 'RUNNING' && !this.cgroupInFlight) {
      this.cgroupInFlight = true;
      launched = true;
      void this.prepareCgroup();
    }
    // Then the task's volumes and namespace container (task-resources.ts).
    if (this.rec.cgroupReady && !this.rec.resourcesReady && wantsCreate && this.rec.desiredStatus === 'RUNNING' && !this.resourcesInFlight) {
      this.resourcesInFlight = true;
      launched = true;
      void prepareTaskResources(this.rec, this.ctx).then((r) => this.post({ kind: 'resources', ...r }));
    }
    for (const c of cs) {
      const t = nextTransition(c.knownStatus, c.desiredStatus, this.applied.get(c.name));
      if (!t || !t.actionRequired) continue;
      if (t.next === 'CREATED' && (!this.rec.cgroupReady || !this.rec.resourcesReady)) continue;
      // dependsOn (and links, volumesFrom): containers without dependencies start together, as in ECS.
      if (gatedStep(t.next) && c.desiredStatus === 'RUNNING') {
        const g = startGate(order.get(c.name)!, order, this.ctx.now());
        if (g.kind === 'wait') {
          this.blocked = true;
          continue;
        }
        if (g.kind === 'fail') {
          this.giveUp(c, g.message);
          launched = true;
          continue;
        }
      }
      if (t.next === 'STOPPED' && (this.restarting.has(c.name) || stopBlockers(order.get(c.name)!, order).length > 0)) {
        this.blocked = true;
        continue;
      }
      if (t.next === 'STOPPED' && this.stopRetryAt > Date.now()) continue;
      this.applied.set(c.name, t.next);
      launched = true;
      const name = c.name;
      const run = t.next === 'PULLED' ? this.pull(c) : t.next === 'CREATED' ? this.create(c) : t.next === 'RUNNING' ? this.startContainer(c) : this.stop(c);
      void run.then(
        (m) => this.post(m),
        (e) => this.post({ kind: 'done', container: name, target: t.next, ok: false, reason: reasonOf('ImpossibleStateTransitionError', errMsg(e)) }),
      );
    }
    return launched;
  }

  /** The namespace container exiting while the task runs stops the task (it is essential, as in ECS). */
  private pauseEvent(id: string, action: string): void {
    if (action !== 'die' || id !== this.rec.pause?.dockerId || this.rec.desiredStatus !== 'RUNNING') return;
    this.log.warn('task namespace container exited; stopping the task', { taskArn: this.taskArn, dockerId: id });
    this.rec.reason ??= reasonOf('DockerStateError', 'the task namespace container (pidMode/ipcMode task) exited');
    this.rec.desiredStatus = 'STOPPED';
    this.dirty = true;
  }

  private resourcesDone(m: Extract<Msg, { kind: 'resources' }>): void {
    this.resourcesInFlight = false;
    this.dirty = true;
    for (const v of this.rec.volumes ?? []) if (m.created.includes(v.name)) v.created = true;
    if (m.pauseId && this.rec.pause) this.rec.pause.dockerId = m.pauseId;
    if (m.ok) {
      this.rec.resourcesReady = true;
      return;
    }
    this.log.warn('task resources not set up; stopping the task', { taskArn: this.taskArn, reason: m.reason });
    if (m.reason && !this.rec.reason) this.rec.reason = m.reason;
    this.rec.desiredStatus = 'STOPPED';
  }

  /** No transition possible and none in flight (handleContainersUnableToTransitionState). */
  private unableToTransition(): void {
    if (this.rec.desiredStatus === 'STOPPED') {
      this.log.error('task cannot progress to stopped; forcing it', { taskArn: this.taskArn });
      if (!this.rec.reason) this.rec.reason = reasonOf('TaskStateError', "Agent could not progress task's state to stopped");
      for (const c of this.rec.containers) {
        c.desiredStatus = 'STOPPED';
        this.setKnown(c, 'STOPPED');
      }
      this.rec.knownStatus = 'STOPPED';
      this.rec.stoppedAt ??= Date.now();
    } else {
      this.log.warn('task cannot progress; stopping it', { taskArn: this.taskArn, containers: this.rec.containers.map((c) => `${c.name}:${c.knownStatus}`) });
      this.rec.desiredStatus = 'STOPPED';
    }
    this.dirty = true;
  }

  // --- transitions (detached; each resolves to a 'done' message) -------------------------------------------

  private async prepareCgroup(): Promise<void> {
    let parent: string | undefined;
    try {
      parent = taskCgroupParent(this.rec.task, this.rec.taskDefinition);
      if (parent) {
        const l = taskLimits(this.rec.task, this.rec.taskDefinition);
        parent = await this.ctx.cgroups.create(parent, {
          cpuUnits: l.cpuUnits,
          memoryMiB: l.memoryMiB,
          cpuShares: l.cpuUnits === undefined ? taskCpuShares(this.rec.task, this.rec.taskDefinition) : undefined,
        });
      }
    } catch (e) {
      this.log.warn('task cgroup not set up', { taskArn: this.taskArn, error: errMsg(e) });
      parent = undefined;
    }
    this.post({ kind: 'cgroup', parent });
  }

  private image(c: ContainerRecord): string {
    return containerDefinition(this.rec.taskDefinition, c.name).image ?? '';
  }

  private async pull(c: ContainerRecord): Promise<Msg> {
    const done = (ok: boolean, reason?: string, stopTask?: boolean): Msg => ({ kind: 'done', container: c.name, target: 'PULLED', ok, reason, stopTask });
    const rt = this.ctx.runtime;
    const image = this.image(c);
    const behavior = this.ctx.pullBehavior;
    const local = () => rt.imageExists(image).catch(() => false);
    if (behavior === 'prefer-cached' && (await local())) return done(true);
    if (behavior === 'once' && (this.ctx.pulledImages.has(image) || (await local()))) return done(true);
    if (this.rec.desiredStatus === 'STOPPED') return done(false, reasonOf('TaskStoppedBeforePullBeginError', `Task stopped before image pull could begin for ${image}`));
    if (this.rec.pullStartedAt === undefined) {
      this.rec.pullStartedAt = nowSec();
      this.dirty = true;
    }
    const t0 = Date.now();
    const err = await this.pullWithRetry(image);
    this.rec.pullStoppedAt = nowSec();
    this.dirty = true;
    if (err === undefined) {
      this.ctx.pulledImages.add(image);
      this.log.info('image pulled', { taskArn: this.taskArn, container: c.name, image, ms: Date.now() - t0 });
      return done(true);
    }
    const reason = reasonOf('CannotPullContainerError', err);
    if (behavior === 'default') {
      if (await local()) {
        this.log.warn('image pull failed; using the cached image', { taskArn: this.taskArn, container: c.name, image, error: err });
        return done(true);
      }
      return done(false, reason);
    }
    // always / once: a failed pull stops the task, essential or not; prefer-cached: only the container.
    return done(false, reason, behavior === 'always' || behavior === 'once');
  }

  private async pullWithRetry(image: string): Promise<string | undefined> {
    const { attempts, delayMs, maxDelayMs } = this.ctx.pullRetry;
    let delay = delayMs;
    let last = '';
    for (let i = 0; i < Math.max(1, attempts); i++) {
      if (i > 0) {
        if (this.closed || this.rec.desiredStatus === 'STOPPED') break;
        await sleep(delay);
        delay = Math.min(delay * 2, maxDelayMs);
      }
      try {
        await this.ctx.runtime.pull(image);
        return undefined;
      } catch (e) {
        last = errMsg(e);
        this.log.debug('image pull attempt failed', { taskArn: this.taskArn, image, attempt: i + 1, error: last });
      }
    }
    return last || 'pull failed';
  }

  private async create(c: ContainerRecord): Promise<Msg> {
    try {
      const extra = await this.ctx.containerExtras?.(this.rec, c);
      const built = buildCreateOptions({
        task: this.rec.task,
        taskDefinition: this.rec.taskDefinition,
        containerName: c.name,
        dockerName: c.dockerName,
        cluster: this.ctx.cluster,
        instanceId: this.ctx.instanceId,
        region: this.ctx.region,
        hostIp: this.ctx.hostIp,
        cgroupParent: this.rec.cgroupParent,
        volumes: this.rec.volumes,
        dockerNames: Object.fromEntries(this.rec.containers.map((x) => [x.name, x.dockerName])),
        namespaceOwner: this.rec.pause?.dockerId,
        ...(extra ? { extra } : {}),
      });
      for (const w of built.warnings) {
        if (this.warnedSpec.has(w)) continue;
        this.warnedSpec.add(w);
        this.log.warn(w, { taskArn: this.taskArn });
      }
      const t0 = Date.now();
      const id = await this.ctx.runtime.create(built.options);
      this.log.debug('container created', { taskArn: this.taskArn, container: c.name, dockerId: id, ms: Date.now() - t0 });
      return { kind: 'done', container: c.name, target: 'CREATED', ok: true, dockerId: id };
    } catch (e) {
      const reason = e instanceof TaskSpecError ? e.reason : reasonOf('CannotCreateContainerError', errMsg(e));
      return { kind: 'done', container: c.name, target: 'CREATED', ok: false, reason };
    }
  }

  private async startContainer(c: ContainerRecord): Promise<Msg> {
    const id = c.dockerId!;
    try {
      const t0 = Date.now();
      await this.ctx.runtime.start(id);
      const state = await this.ctx.runtime.inspect(id).catch(() => undefined);
      this.log.info('container started', { taskArn: this.taskArn, container: c.name, dockerId: id, ms: Date.now() - t0 });
      return { kind: 'done', container: c.name, target: 'RUNNING', ok: true, state };
    } catch (e) {
      return { kind: 'done', container: c.name, target: 'RUNNING', ok: false, reason: reasonOf('CannotStartContainerError', errMsg(e)) };
    }
  }

  private stopTimeout(c: ContainerRecord): number {
    let t: number | undefined;
    try {
      t = containerDefinition(this.rec.taskDefinition, c.name).stopTimeout;
    } catch {
      t = undefined;
    }
    return Math.max(1, t !== undefined && t > 0 ? t : this.ctx.stopTimeoutSec);
  }

  private async stop(c: ContainerRecord): Promise<Msg> {
    const id = c.dockerId!;
    const timeout = this.stopTimeout(c);
    const done = (ok: boolean, extra: Partial<Extract<Msg, { kind: 'done' }>> = {}): Msg => ({ kind: 'done', container: c.name, target: 'STOPPED', ok, ...extra });
    let delay = 1000;
    let last = '';
    for (let i = 0; i < STOP_ATTEMPTS; i++) {
      if (i > 0) {
        if (this.closed) return done(false, { retry: true });
        await sleep(delay * (0.8 + Math.random() * 0.4));
        delay = Math.min(delay * 1.3, 5000);
      }
      try {
        const t0 = Date.now();
        await this.ctx.runtime.stop(id, timeout);
        const state = await this.ctx.runtime.inspect(id).catch(() => undefined);
        this.log.info('container stopped', { taskArn: this.taskArn, container: c.name, dockerId: id, ms: Date.now() - t0, exitCode: state?.exitCode });
        return done(true, { state });
      } catch (e) {
        if (isNotFound(e)) return done(true, { reason: reasonOf('ContainerVanishedError', 'No container matching saved ID found') });
        last = errMsg(e);
        this.log.warn('container stop failed', { taskArn: this.taskArn, container: c.name, attempt: i + 1, error: last });
      }
    }
    // Docker answers but cannot stop it: assume stopped (ECS); Docker does not answer: try again later.
    try {
      const state = await this.ctx.runtime.inspect(id);
      return done(true, { state, reason: reasonOf('CannotStopContainerError', last) });
    } catch (e) {
      if (isNotFound(e)) return done(true);
      return done(false, { retry: true });
    }
  }

  // --- reports --------------------------------------------------------------------------------------------

  /** The task's current view for the control plane. */
  view(): Omit<TaskStateReport, 'counter'> {
    const containers: ContainerStateChange[] = this.rec.containers.map((c) => {
      const s: ContainerStateChange = { containerName: c.name, status: backendStatus(c.knownStatus) };
      if (c.dockerId) s.runtimeId = c.dockerId;
      if (c.exitCode !== undefined) s.exitCode = c.exitCode;
      if (c.reason) s.reason = c.reason;
      s.networkBindings = c.networkBindings.map((b) => ({ ...b }));
      return s;
    });
    const r: Omit<TaskStateReport, 'counter'> = { taskArn: this.taskArn, lastStatus: backendStatus(this.rec.knownStatus), containers };
    const health = this.healthView();
    if (health.length > 0) r.containerHealth = health;
    if (this.rec.reason) r.reason = this.rec.reason;
    if (this.rec.pullStartedAt !== undefined) r.pullStartedAt = this.rec.pullStartedAt;
    if (this.rec.pullStoppedAt !== undefined) r.pullStoppedAt = this.rec.pullStoppedAt;
    if (this.rec.executionStoppedAt !== undefined) r.executionStoppedAt = this.rec.executionStoppedAt;
    return r;
  }

  /** What makes a report worth sending: statuses, exit codes, reasons, bindings. */
  static meaningful(r: Omit<TaskStateReport, 'counter'>): string {
    const base = [r.lastStatus, r.reason ?? null, r.containers.map((c) => [c.containerName, c.status, c.exitCode ?? null, c.reason ?? null, c.networkBindings ?? []])];
    // Health only when there is some, so reports of tasks without health checks compare as before.
    if (r.containerHealth?.length) base.push(r.containerHealth.map((h) => [h.containerName, h.healthStatus]));
    return JSON.stringify(base);
  }

  /**
   * A task the control plane already shows PENDING, with nothing stopped and no reason yet: as
   * amazon-ecs-agent, which reports only RUNNING and STOPPED changes, Berth does not send it (the first
   * report then carries the pull times and runtime ids with RUNNING, and saves a store write per task).
   */
  static nothingToTell(r: Omit<TaskStateReport, 'counter'>): boolean {
    return r.lastStatus === 'PENDING' && !r.reason && r.containers.every((c) => c.status === 'PENDING' && c.exitCode === undefined && !c.reason);
  }

  /** Saves when anything changed; on a meaningful change makes a report (counter + 1), saved before it is sent. */
  private async persistAndReport(): Promise<void> {
    const v = this.view();
    let report: TaskStateReport | undefined;
    const changed = this.rec.lastReport === undefined
      ? !ManagedTask.nothingToTell(v)
      : ManagedTask.meaningful(v) !== ManagedTask.meaningful(this.rec.lastReport);
    if (changed) {
      this.rec.counter += 1;
      report = { ...v, counter: this.rec.counter };
      this.rec.lastReport = report;
      this.dirty = true;
    }
    report ??= this.unsent;
    if (!this.dirty) return;
    this.dirty = false;
    try {
      await this.ctx.state.save(this.rec);
    } catch (e) {
      // Not durable: the report waits (a counter the server saw must never be lost), retried shortly.
      this.log.error('cannot save task state; retrying', { taskArn: this.taskArn, error: errMsg(e) });
      this.dirty = true;
      this.unsent = report;
      this.saveRetryAt = Date.now() + SAVE_RETRY_MS;
      return;
    }
    this.unsent = undefined;
    this.saveRetryAt = 0;
    if (report && !this.closed) {
      this.log.info('task state report', { taskArn: this.taskArn, counter: report.counter, lastStatus: report.lastStatus, containers: report.containers.map((c) => `${c.containerName}:${c.status}${c.exitCode !== undefined ? `(${c.exitCode})` : ''}`) });
      try {
        this.ctx.emit(report);
      } catch (e) {
        this.log.error('report handler failed', { taskArn: this.taskArn, error: errMsg(e) });
      }
    }
  }

  // --- cleanup --------------------------------------------------------------------------------------------

  /** One step of the STOPPED phase; true when the task was cleaned up and the loop ends. */
  private async cleanupStep(): Promise<boolean> {
    if (await releaseTaskResources(this.rec, this.ctx)) this.dirty = true;
    const stoppedAt = this.rec.stoppedAt ?? Date.now();
    const due = stoppedAt + this.ctx.cleanupWaitMs - Date.now();
    const acked = this.pendingReport() === undefined;
    if (due > 0 || !acked || this.inFlight() > 0) {
      // Events are still handled while waiting; an ack or the timer wakes us.
      await this.wait(due > 0 ? due : undefined);
      return false;
    }
    const failed: string[] = [];
    for (const c of this.rec.containers) {
      if (!c.dockerId) continue;
      try {
        await this.ctx.runtime.remove(c.dockerId);
      } catch (e) {
        failed.push(`${c.name}: ${errMsg(e)}`);
      }
    }
    failed.push(...(await cleanupTaskResources(this.rec, this.ctx)));
    if (failed.length > 0 && ++this.cleanupAttempts < CLEANUP_ATTEMPTS) {
      this.log.warn('cannot remove containers of a stopped task; will retry', { taskArn: this.taskArn, errors: failed });
      await this.wait(CLEANUP_RETRY_MS);
      return false;
    }
    if (failed.length > 0) this.log.error('giving up removing containers of a stopped task', { taskArn: this.taskArn, errors: failed });
    if (this.rec.cgroupParent) await this.ctx.cgroups.remove(this.rec.cgroupParent);
    if (this.closed) return true;
    try {
      await this.ctx.state.remove(this.taskArn);
    } catch (e) {
      this.log.error('cannot drop task state; retrying', { taskArn: this.taskArn, error: errMsg(e) });
      await this.wait(CLEANUP_RETRY_MS);
      return false;
    }
    this.log.info('task cleaned up', { taskArn: this.taskArn });
    this.closed = true;
    this.ctx.done(this.taskArn);
    return true;
  }
}
