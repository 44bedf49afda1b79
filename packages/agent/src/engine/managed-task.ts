// One owner loop per task, as amazon-ecs-agent's managedTask (agent/engine/task_manager.go): it is the
// only writer of its task's known and desired statuses. Docker calls (container-transitions.ts) run
// detached and come back as messages; Docker events come in as messages; each turn applies them,
// recomputes the statuses, saves and reports (task-report.ts), and starts the next transitions. A
// STOPPED task is cleaned up (task-cleanup.ts).
//
// Docker away: a call Docker did not answer parks the task's transitions (nothing is failed for it).
// When the engine's Docker connection returns (reconcile), or after a back-off, the task inspects every
// container and tries again.
import type { Logger } from '@berth/api';
import type { ContainerDefinition, ContainerSecrets, TaskStateReport } from '@berth/core';
import { hasSecrets, secretsFailure } from '@berth/core/secret-references.js';
import { hasHealthCheck } from '@berth/core/task-health.js';
import { isNotFound } from '../runtime/runtime.js';
import { ContainerInspections } from './container-inspections.js';
import { ContainerObservation } from './container-observation.js';
import { ContainerRestarts } from './container-restarts.js';
import { containerDefinition } from './container-spec.js';
import { ContainerTransitions } from './container-transitions.js';
import { DEPENDENCY_EXIT_CODE, containerDependencies, gatedStep, startGate, stopBlockers, type OrderView } from './dependencies.js';
import type { ContainerRecord, TaskRecord } from './local-state.js';
import { PAUSE_CONTAINER_NAME } from './namespaces.js';
import { errMsg, reasonOf } from './reasons.js';
import { adoptContainers } from './task-adoption.js';
import { TaskCleanup } from './task-cleanup.js';
import type { TaskContext } from './task-context.js';
import { TaskReporter } from './task-report.js';
import { prepareTaskResources } from './task-resources.js';
import type { TaskMessage, TaskRun, TransitionDone } from './task-run.js';
import {
  containerDesiredStatus,
  nextDesired,
  nextTransition,
  rank,
  taskDesiredStatus,
  taskKnownStatus,
  type ContainerStatus,
  type DesiredStatus,
} from './task-status.js';

const nowSec = () => Math.floor(Date.now() / 1000);
/** While containers wait on dependencies: inspect this often (ECS's transitionPollTime). */
const DEPENDENCY_POLL_MS = 5000;
/** After Docker answered errors to every stop attempt: try again after this long. */
const STOP_RETRY_MS = 5000;
/** While Docker is away and the engine has not said it is back: look again after this long, doubling. */
const DOCKER_RETRY_MS = { min: 2000, max: 60_000 };
const POLL: TaskMessage = { kind: 'poll' };

export class ManagedTask implements TaskRun {
  readonly rec: TaskRecord;
  readonly ctx: TaskContext;
  private readonly log: Logger;
  private readonly queue: TaskMessage[] = [];
  private wakeFn?: () => void;
  private timer?: NodeJS.Timeout;
  private isClosed = false;
  private loop?: Promise<void>;
  /** Transitions in flight per container (ECS's AppliedStatus; not persisted). */
  private readonly applied = new Map<string, ContainerStatus>();
  private cgroupInFlight = false;
  private resourcesInFlight = false;
  /** The task's resolved secrets, by container: in memory only (never saved), fetched again after a restart. */
  private secrets?: Map<string, ContainerSecrets>;
  private secretsInFlight = false;
  private stopRetryAt = 0;
  /** Some container waits on its dependencies (or on its dependants to stop first). */
  private blocked = false;
  /** A Docker call got no answer: no transition starts until Docker is back (a reconcile message). */
  private dockerAway = false;
  private dockerRetryMs = DOCKER_RETRY_MS.min;
  private readonly reporter: TaskReporter;
  private readonly transitions: ContainerTransitions;
  private readonly inspections: ContainerInspections;
  private readonly restarts: ContainerRestarts;
  private readonly observation: ContainerObservation;
  private readonly cleanup: TaskCleanup;

  constructor(rec: TaskRecord, ctx: TaskContext) {
    this.rec = rec;
    this.ctx = ctx;
    this.log = ctx.log;
    this.reporter = new TaskReporter(rec, ctx);
    this.transitions = new ContainerTransitions(this);
    this.inspections = new ContainerInspections(this);
    this.restarts = new ContainerRestarts(this);
    this.observation = new ContainerObservation(this, this.restarts, (c) => this.transitions.stopTimeout(c));
    this.cleanup = new TaskCleanup(rec, ctx, () => this.touch());
  }

  get taskArn(): string {
    return this.rec.taskArn;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  // --- inputs (may be called at any time; they only queue) ------------------------------------------------

  setDesired(status: DesiredStatus): void {
    this.post({ kind: 'desired', status });
  }

  dockerEvent(container: string, id: string, action: string, exitCode?: number): void {
    this.post({ kind: 'docker', container, id, action, exitCode });
  }

  /** The engine's Docker connection is back (events may have been missed): look at every container again. */
  dockerBack(): void {
    this.post({ kind: 'reconcile' });
  }

  /** The server acknowledged reports up to `counter`. */
  ack(counter: number): void {
    if (this.reporter.ack(counter)) this.post({ kind: 'wake' });
  }

  /** The latest report not yet acknowledged. */
  pendingReport(): TaskStateReport | undefined {
    return this.reporter.pendingReport();
  }

  post(m: TaskMessage): void {
    if (this.isClosed) return;
    this.queue.push(m);
    const w = this.wakeFn;
    this.wakeFn = undefined;
    w?.();
  }

  /** After an agent restart: adopts the task's containers (task-adoption.ts) before the loop starts. */
  adoptContainers(byName: Map<string, string>): Promise<void> {
    return adoptContainers(this, this.observation, byName);
  }

  // --- what the task's parts share (TaskRun) ----------------------------------------------------------------

  touch(): void {
    this.reporter.touch();
  }

  setKnown(c: ContainerRecord, s: ContainerStatus): void {
    if (rank(s) <= rank(c.knownStatus)) return;
    this.log.debug('container known status', { taskArn: this.taskArn, container: c.name, from: c.knownStatus, to: s });
    c.knownStatus = s;
    this.touch();
  }

  container(name: string): ContainerRecord | undefined {
    return this.rec.containers.find((c) => c.name === name);
  }

  definition(c: ContainerRecord): ContainerDefinition | undefined {
    try {
      return containerDefinition(this.rec.taskDefinition, c.name);
    } catch {
      return undefined;
    }
  }

  inspectLater(c: ContainerRecord, id: string, eventExitCode?: number): void {
    this.inspections.inspectLater(c, id, eventExitCode);
  }

  // --- the loop -------------------------------------------------------------------------------------------

  start(): void {
    this.loop ??= this.run().catch((e) => this.log.error('task loop failed', { taskArn: this.taskArn, error: errMsg(e), stack: (e as Error).stack }));
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.inspections.close();
    if (this.timer) clearTimeout(this.timer);
    const w = this.wakeFn;
    this.wakeFn = undefined;
    w?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.isClosed) {
      this.drain();
      this.settle();
      await this.reporter.persistAndReport(this.isClosed);
      if (this.isClosed) break;
      if (this.reporter.saveRetryAt > 0) {
        await this.wait(this.reporter.saveRetryAt - Date.now());
        continue;
      }
      if (this.rec.knownStatus === 'STOPPED') {
        const step = await this.cleanup.step(this.pendingReport() === undefined && this.inFlight() === 0, () => this.isClosed);
        if (step === 'closing') return;
        if (step === 'cleaned') {
          this.isClosed = true;
          this.ctx.done(this.taskArn);
          return;
        }
        await this.wait(step.wait);
        continue;
      }
      const launched = this.launch();
      const steady = this.rec.knownStatus === 'RUNNING' && this.rec.desiredStatus === 'RUNNING';
      if (this.dockerAway && !launched) {
        await this.wait(this.dockerRetryMs, { kind: 'reconcile', backOff: true });
        continue;
      }
      if (!launched && this.inFlight() === 0 && !steady && this.queue.length === 0) {
        if (this.blocked) {
          await this.wait(DEPENDENCY_POLL_MS, POLL);
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
      await this.wait(steady ? this.steadyPollMs() : this.blocked ? DEPENDENCY_POLL_MS : undefined, steady || this.blocked ? POLL : undefined);
    }
  }

  private inFlight(): number {
    return this.applied.size + this.restarts.inFlight + (this.cgroupInFlight ? 1 : 0) + (this.resourcesInFlight ? 1 : 0) + (this.secretsInFlight ? 1 : 0);
  }

  private steadyPollMs(): number {
    if (this.ctx.steadyPollMs !== undefined) return this.ctx.steadyPollMs;
    return 5 * 60_000 + Math.round((Math.random() * 2 - 1) * 30_000);
  }

  /** Waits for a message, or `ms` (then queues `onTimeout`, if given). */
  private wait(ms?: number, onTimeout?: TaskMessage): Promise<void> {
    if (this.queue.length > 0 || this.isClosed) return Promise.resolve();
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
          if (onTimeout) this.queue.push(onTimeout);
          resolve();
        }, Math.max(0, ms));
      }
    });
  }

  /** Applies every queued message. */
  private drain(): void {
    while (this.queue.length > 0) this.handle(this.queue.shift()!);
  }

  private handle(m: TaskMessage): void {
    switch (m.kind) {
      case 'desired': {
        const d = nextDesired(this.rec.desiredStatus, m.status);
        if (d !== this.rec.desiredStatus) {
          this.log.info('task desired status', { taskArn: this.taskArn, desiredStatus: d });
          this.rec.desiredStatus = d;
          this.touch();
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
      case 'poll':
        this.inspectActive();
        return;
      case 'reconcile':
        this.reconcileWithDocker(m.backOff === true);
        return;
      case 'observed': {
        const c = this.container(m.container);
        if (!c || (c.dockerId && c.dockerId !== m.id)) return;
        if (m.state) this.observation.observe(c, m.state, m.eventExitCode);
        else if (m.vanished) this.observation.vanish(c, m.eventExitCode);
        return;
      }
      case 'cgroup': {
        this.cgroupInFlight = false;
        this.rec.cgroupParent = m.parent;
        this.rec.cgroupReady = true;
        this.touch();
        return;
      }
      case 'resources':
        this.resourcesDone(m);
        return;
      case 'secrets':
        this.secretsInFlight = false;
        if (m.reason !== undefined) {
          this.log.warn('task secrets not resolved; stopping the task', { taskArn: this.taskArn, reason: m.reason });
          this.rec.reason ??= m.reason;
          this.rec.desiredStatus = 'STOPPED';
          this.touch();
        } else this.secrets = new Map((m.containers ?? []).map((c) => [c.containerName, c]));
        return;
      case 'done':
        this.transitionDone(m);
        return;
      case 'restarted': {
        const st = this.restarts.finished(m);
        const c = this.container(m.container);
        if (st && c) this.observation.observe(c, st);
        return;
      }
      case 'wake':
        return;
    }
  }

  /** Inspects every container Docker may run (created or running). */
  private inspectActive(): void {
    for (const c of this.rec.containers) if (c.dockerId && (c.knownStatus === 'CREATED' || c.knownStatus === 'RUNNING')) this.inspectLater(c, c.dockerId);
  }

  /**
   * Docker is back (or may be: `backOff`, a retry timer): failed inspects retry, every container Docker may
   * run is inspected (events were missed while it was away), parked transitions may start again.
   */
  private reconcileWithDocker(backOff: boolean): void {
    if (this.dockerAway) this.log.info(backOff ? 'trying Docker again' : 'Docker is back; reconciling the task', { taskArn: this.taskArn });
    this.dockerRetryMs = backOff ? Math.min(this.dockerRetryMs * 2, DOCKER_RETRY_MS.max) : DOCKER_RETRY_MS.min;
    this.dockerAway = false;
    this.inspections.dockerBack();
    this.inspectActive();
    const pause = this.rec.pause;
    if (pause?.dockerId && !pause.stopped && this.rec.desiredStatus === 'RUNNING') {
      // Its die event may have been missed too.
      const id = pause.dockerId;
      void this.ctx.runtime.inspect(id).then(
        (st) => (st.running ? undefined : this.post({ kind: 'docker', container: PAUSE_CONTAINER_NAME, id, action: 'die' })),
        (e) => (isNotFound(e) ? this.post({ kind: 'docker', container: PAUSE_CONTAINER_NAME, id, action: 'die' }) : undefined),
      );
    }
  }

  /** Docker did not answer `what`: nothing is failed for it; transitions wait until Docker is back. */
  private parkUntilDockerBack(what: string): void {
    if (!this.dockerAway) this.log.warn('Docker did not answer; the task waits until it is back', { taskArn: this.taskArn, transition: what });
    this.dockerAway = true;
  }

  private transitionDone(m: TransitionDone): void {
    if (this.applied.get(m.container) === m.target) this.applied.delete(m.container);
    const c = this.container(m.container);
    if (!c) return;
    this.touch();
    if (m.dockerId && !c.dockerId) c.dockerId = m.dockerId;
    if (m.dockerAway) return this.parkUntilDockerBack(`${c.name} to ${m.target}`);
    // Already stopped meanwhile (an event, or the task was stopped while a pull was in flight): only the id counts.
    if (c.knownStatus === 'STOPPED' && m.target !== 'STOPPED') return;
    if (!m.ok) {
      if (m.retry) {
        this.stopRetryAt = Date.now() + STOP_RETRY_MS;
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
    if (m.state) this.observation.observe(c, m.state);
    if (m.target === 'STOPPED' && m.reason && !c.reason) c.reason = m.reason;
  }

  private async fetchSecrets(): Promise<void> {
    if (!this.ctx.secrets) return this.post({ kind: 'secrets', reason: secretsFailure('asm', 'this agent has no session to ask for secrets on') });
    try {
      this.post({ kind: 'secrets', containers: await this.ctx.secrets(this.taskArn) });
    } catch (e) {
      this.post({ kind: 'secrets', reason: errMsg(e) });
    }
  }

  secretsOf(containerName: string): ContainerSecrets | undefined {
    return this.secrets?.get(containerName);
  }

  private resourcesDone(m: Extract<TaskMessage, { kind: 'resources' }>): void {
    this.resourcesInFlight = false;
    this.touch();
    for (const v of this.rec.volumes ?? []) if (m.created.includes(v.name)) v.created = true;
    if (m.pauseId && this.rec.pause) this.rec.pause.dockerId = m.pauseId;
    if (m.ok) {
      this.rec.resourcesReady = true;
      return;
    }
    if (m.dockerAway) return this.parkUntilDockerBack('task resources');
    this.log.warn('task resources not set up; stopping the task', { taskArn: this.taskArn, reason: m.reason });
    if (m.reason && !this.rec.reason) this.rec.reason = m.reason;
    this.rec.desiredStatus = 'STOPPED';
  }

  /** The namespace container exiting while the task runs stops the task (it is essential, as in ECS). */
  private pauseEvent(id: string, action: string): void {
    if (action !== 'die' || id !== this.rec.pause?.dockerId || this.rec.desiredStatus !== 'RUNNING') return;
    this.log.warn('task namespace container exited; stopping the task', { taskArn: this.taskArn, dockerId: id });
    this.rec.reason ??= reasonOf('DockerStateError', 'the task namespace container (pidMode/ipcMode task) exited');
    this.rec.desiredStatus = 'STOPPED';
    this.touch();
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
    this.touch();
  }

  /** A dependency that can never be met: the container is given up as ECS does (exit 143). */
  private giveUp(c: ContainerRecord, message: string): void {
    this.log.warn('container dependency can never be met; giving the container up', { taskArn: this.taskArn, container: c.name, error: message });
    c.desiredStatus = 'STOPPED';
    c.exitCode = DEPENDENCY_EXIT_CODE;
    if (!c.reason) c.reason = reasonOf('CannotStartContainerError', message);
    this.touch();
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
        dependsOn: cd ? containerDependencies(cd, this.rec.taskDefinition) : [],
      });
    }
    return m;
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
        this.touch();
      }
      let moved = false;
      for (const c of this.rec.containers) {
        const d = containerDesiredStatus(this.rec.desiredStatus, c.desiredStatus);
        if (d !== c.desiredStatus) {
          c.desiredStatus = d;
          this.touch();
        }
        const t = nextTransition(c.knownStatus, c.desiredStatus, this.applied.get(c.name));
        if (t && !t.actionRequired) {
          this.setKnown(c, t.next);
          moved = true;
        }
      }
      if (this.rec.executionStoppedAt === undefined && this.rec.containers.some((c) => c.essential && c.knownStatus === 'STOPPED')) {
        this.rec.executionStoppedAt = nowSec();
        this.touch();
      }
      const ks = taskKnownStatus(this.rec.knownStatus, this.rec.containers.map((c) => ({ knownStatus: c.knownStatus, desiredStatus: c.desiredStatus, essential: c.essential })));
      if (ks !== this.rec.knownStatus) {
        this.log.info('task known status', { taskArn: this.taskArn, from: this.rec.knownStatus, to: ks });
        this.rec.knownStatus = ks;
        if (ks === 'STOPPED' && this.rec.stoppedAt === undefined) this.rec.stoppedAt = Date.now();
        this.touch();
        moved = true;
      }
      if (!moved) return;
    }
  }

  /** Starts every transition that may start now; true if any did. None while Docker is away. */
  private launch(): boolean {
    if (this.dockerAway) return false;
    let launched = this.restarts.launch();
    const cs = this.rec.containers;
    const order = this.orderViews();
    this.blocked = false;
    // The task cgroup comes before the first container is created.
    const wantsCreate = cs.some((c) => c.desiredStatus === 'RUNNING' && rank(c.knownStatus) < rank('CREATED'));
    if (!this.rec.cgroupReady && wantsCreate && this.rec.desiredStatus === 'RUNNING' && !this.cgroupInFlight) {
      this.cgroupInFlight = true;
      launched = true;
      void this.transitions.prepareCgroup().then((m) => this.post(m));
    }
    // Then the task's volumes and namespace container (task-resources.ts).
    if (this.rec.cgroupReady && !this.rec.resourcesReady && wantsCreate && this.rec.desiredStatus === 'RUNNING' && !this.resourcesInFlight) {
      this.resourcesInFlight = true;
      launched = true;
      void prepareTaskResources(this.rec, this.ctx).then((r) => this.post({ kind: 'resources', ...r }));
    }
    // And the values of its secrets, before any container that may need them is created.
    const needsSecrets = !this.secrets && hasSecrets(this.rec.taskDefinition.containerDefinitions ?? []);
    if (needsSecrets && wantsCreate && this.rec.desiredStatus === 'RUNNING' && !this.secretsInFlight) {
      this.secretsInFlight = true;
      launched = true;
      void this.fetchSecrets();
    }
    for (const c of cs) {
      const t = nextTransition(c.knownStatus, c.desiredStatus, this.applied.get(c.name));
      if (!t || !t.actionRequired) continue;
      if (t.next === 'CREATED' && (!this.rec.cgroupReady || !this.rec.resourcesReady || needsSecrets)) continue;
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
      if (t.next === 'STOPPED' && (this.restarts.isRestarting(c.name) || stopBlockers(order.get(c.name)!, order).length > 0)) {
        this.blocked = true;
        continue;
      }
      if (t.next === 'STOPPED' && this.stopRetryAt > Date.now()) continue;
      this.applied.set(c.name, t.next);
      launched = true;
      const name = c.name;
      const tr = this.transitions;
      const run = t.next === 'PULLED' ? tr.pull(c) : t.next === 'CREATED' ? tr.create(c) : t.next === 'RUNNING' ? tr.start(c) : tr.stop(c);
      void run.then(
        (m) => this.post(m),
        (e) => this.post({ kind: 'done', container: name, target: t.next, ok: false, reason: reasonOf('ImpossibleStateTransitionError', errMsg(e)) }),
      );
    }
    return launched;
  }
}
