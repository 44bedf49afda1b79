// The task engine (amazon-ecs-agent's DockerTaskEngine): holds the instance's tasks, one ManagedTask loop
// each, applies assignment batches, routes Docker events, persists state, and adopts containers after a
// restart. close() leaves containers running, as an agent that stops does.
import { randomUUID } from 'node:crypto';
import type { Logger } from '@berth/api';
import type { AssignmentBatch, Task, TaskAssignment, TaskDefinition, TaskStateReport } from '@berth/core';
import { roleArnOf } from '@berth/core/taskdef-reads.js';
import type { ContainerRuntime, PortBinding, RuntimeEvent } from '../runtime/runtime.js';
import { CgroupManager } from './cgroup.js';
import { INSTANCE_LABEL, LABEL_CONTAINER_NAME, LABEL_TASK_ARN, dockerContainerName } from './container-identity.js';
import { isEssential, validateTask } from './container-spec.js';
import { LocalState, STATE_SCHEMA, type TaskRecord, type ContainerRecord } from './local-state.js';
import { ManagedTask } from './managed-task.js';
import type { PullBehavior, PullRetry, TaskContext } from './task-context.js';
import { TaskSpecError } from './task-spec-error.js';
import { backendStatus, normalizeDesired, type ContainerStatus, type DesiredStatus, type TaskStatus } from './task-status.js';

export interface EngineOptions {
  runtime: ContainerRuntime;
  /** ECS_DATADIR: task state lives in <dataDir>/tasks/. */
  dataDir: string;
  /** Cluster name (com.amazonaws.ecs.cluster label). */
  cluster: string;
  /** Container instance id: the value of the com.berth.container-instance label. */
  instanceId: string;
  instanceArn: string;
  /** When set, containers get AWS_REGION / AWS_DEFAULT_REGION unless their definition sets them. */
  region?: string;
  /** ECS_IMAGE_PULL_BEHAVIOR */
  pullBehavior: PullBehavior;
  /** ECS_CONTAINER_STOP_TIMEOUT in seconds (used when a container has no stopTimeout; at least 1). */
  stopTimeoutSec: number;
  /** ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION in ms. */
  cleanupWaitMs: number;
  /** Steady-state inspect period (default ECS's 5 min ± 30 s). */
  steadyPollMs?: number;
  /** Host IP of published ports (default 0.0.0.0). */
  hostIp?: string;
  log: Logger;
  /** Called with every new report, after it was persisted. Must not throw. */
  onReport(report: TaskStateReport): void;
  /** Pull retries (default ECS's: 5 attempts, 1.1 s doubling to 5 s). */
  pullRetry?: PullRetry;
  /** cgroup filesystem root (default /sys/fs/cgroup; tests point it elsewhere). */
  cgroupRoot?: string;
  /** ECS_CGROUP_CPU_PERIOD in µs (default 100000). */
  cgroupCpuPeriodUs?: number;
  /** Clock (epoch ms) for restartAttemptPeriod and dependency startTimeout; tests move it. Default Date.now. */
  now?: () => number;
  /** BERTH_PAUSE_IMAGE: the pidMode/ipcMode `task` namespace container's image (default: built locally). */
  pauseImage?: string;
  /** ECS_SHARED_VOLUME_MATCH_FULL_CONFIG: an existing shared volume must match driver, options and labels. */
  sharedVolumeMatchFullConfig?: boolean;
  /** Extra environment and binds of a container about to be created (the agent's local endpoints). */
  containerExtras?: TaskContext['containerExtras'];
  /** A task's secrets, from the control plane (the agent's session). */
  secrets?: TaskContext['secrets'];
  /** A task was cleaned up (its containers removed, its state dropped). */
  onTaskCleaned?(taskArn: string): void;
  /** The Docker connection is back after a loss; the tasks look at Docker again once this resolves. */
  onDockerBack?(): Promise<void>;
}

/** A container as introspection shows it: its persisted record. */
export type ContainerSnapshot = ContainerRecord;

export interface TaskSnapshot {
  taskArn: string;
  family?: string;
  revision?: number;
  desiredStatus: DesiredStatus;
  knownStatus: TaskStatus;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  reason?: string;
  counter: number;
  ackedCounter: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
  cgroupParent?: string;
  /** The task role's credentials id at the credentials endpoint (a task with a taskRoleArn). */
  credentialsId?: string;
  /** The execution role's (a task with an executionRoleArn; the agent's own use). */
  executionCredentialsId?: string;
  containers: ContainerSnapshot[];
  /** The assignment as received (shared, not copied: do not modify). */
  task?: Task;
  taskDefinition?: TaskDefinition;
}

const CLEANED_MEMORY = 10_000;

export class Engine {
  private readonly opts: EngineOptions;
  private readonly log: Logger;
  private readonly state: LocalState;
  private readonly tasks = new Map<string, ManagedTask>();
  /** Tasks cleaned up in this lifetime: a later assignment of one is not run again. */
  private readonly cleaned = new Set<string>();
  private readonly ctx: TaskContext;
  private unsubscribe?: () => void;
  private closed = false;

  private constructor(opts: EngineOptions, state: LocalState, cgroups: CgroupManager) {
    this.opts = opts;
    this.log = opts.log;
    this.state = state;
    this.ctx = {
      runtime: opts.runtime,
      state,
      cgroups,
      log: opts.log,
      cluster: opts.cluster,
      instanceId: opts.instanceId,
      dataDir: opts.dataDir,
      region: opts.region,
      hostIp: opts.hostIp,
      pullBehavior: opts.pullBehavior,
      pullRetry: opts.pullRetry ?? { attempts: 5, delayMs: 1100, maxDelayMs: 5000 },
      pulledImages: new Set(),
      stopTimeoutSec: Math.max(1, opts.stopTimeoutSec),
      cleanupWaitMs: opts.cleanupWaitMs,
      steadyPollMs: opts.steadyPollMs,
      now: opts.now ?? Date.now,
      pauseImage: opts.pauseImage,
      sharedVolumeMatchFullConfig: opts.sharedVolumeMatchFullConfig,
      emit: (r) => {
        if (!this.closed) opts.onReport(r);
      },
      done: (arn) => this.forget(arn),
      ...(opts.containerExtras ? { containerExtras: opts.containerExtras } : {}),
      ...(opts.secrets ? { secrets: opts.secrets } : {}),
    };
  }

  /**
   * Loads local state, subscribes to Docker events of this instance's containers, adopts the containers of
   * known tasks (by saved id, else by saved name) and resumes every task's loop.
   */
  static async open(opts: EngineOptions): Promise<Engine> {
    const log = opts.log;
    const version = await opts.runtime.version().catch(() => undefined);
    const cgroups = new CgroupManager({ log, root: opts.cgroupRoot, cpuPeriodUs: opts.cgroupCpuPeriodUs, cgroupDriver: version?.cgroupDriver });
    const state = new LocalState(opts.dataDir, log);
    const engine = new Engine(opts, state, cgroups);
    const records = await state.load();
    for (const rec of records) {
      if (rec.instanceId !== opts.instanceId) {
        log.warn('discarding task state of another container instance', { taskArn: rec.taskArn, savedInstanceId: rec.instanceId, instanceId: opts.instanceId });
        await state.remove(rec.taskArn).catch(() => undefined);
        continue;
      }
      for (const c of rec.containers) c.v3EndpointId ??= randomUUID(); // state saved by an older agent
      if (roleArnOf(rec.task, rec.taskDefinition, 'taskRoleArn')) rec.credentialsId ??= randomUUID();
      if (roleArnOf(rec.task, rec.taskDefinition, 'executionRoleArn')) rec.executionCredentialsId ??= randomUUID();
      engine.tasks.set(rec.taskArn, new ManagedTask(rec, engine.ctx));
    }
    // Events first (queued per task until its loop runs), so nothing that happens while adopting is missed.
    engine.unsubscribe = opts.runtime.events(INSTANCE_LABEL, opts.instanceId, (e) => engine.routeEvent(e), () => engine.dockerBack());
    const claimed = new Set<string>();
    let listed: Awaited<ReturnType<ContainerRuntime['listByLabel']>>;
    try {
      listed = await opts.runtime.listByLabel(INSTANCE_LABEL, opts.instanceId);
      const byName = new Map(listed.map((c) => [c.name, c.id]));
      for (const t of engine.tasks.values()) {
        await t.adoptContainers(byName);
        for (const c of t.rec.containers) if (c.dockerId) claimed.add(c.dockerId);
        if (t.rec.pause?.dockerId) claimed.add(t.rec.pause.dockerId);
      }
    } catch (e) {
      engine.unsubscribe();
      throw e;
    }
    for (const c of listed) {
      if (!claimed.has(c.id)) {
        log.info('container of this instance belongs to no known task; left alone', { dockerId: c.id, name: c.name, taskArn: c.labels[LABEL_TASK_ARN], running: c.running });
      }
    }
    log.info('task engine open', { containerInstanceArn: opts.instanceArn, tasks: engine.tasks.size, adoptedContainers: claimed.size, containersOfThisInstance: listed.length, pullBehavior: opts.pullBehavior });
    for (const t of engine.tasks.values()) t.start();
    return engine;
  }

  /**
   * The Docker connection is back after a loss: events were missed (a restarted dockerd keeps none). The
   * agent's own view of Docker (onDockerBack: the bridge address) is refreshed first, so containers the
   * tasks create next get current endpoint URIs.
   */
  private dockerBack(): void {
    if (this.closed) return;
    void Promise.resolve(this.opts.onDockerBack?.()).catch((e: unknown) => this.log.warn('Docker reconnect handler failed', { error: String(e) })).then(() => {
      if (this.closed) return;
      this.log.info('Docker connection back; reconciling every task with Docker', { tasks: this.tasks.size });
      for (const t of this.tasks.values()) t.dockerBack();
    });
  }

  /** A Docker event goes to the loop of the task whose container it is about. */
  private routeEvent(e: RuntimeEvent): void {
    const arn = e.attributes[LABEL_TASK_ARN];
    const name = e.attributes[LABEL_CONTAINER_NAME];
    if (!arn || !name) return;
    this.tasks.get(arn)?.dockerEvent(name, e.id, e.action, e.exitCode);
  }

  /**
   * Applies a batch of assignments. A known task is never started twice (only its desired status is taken,
   * forward only); `full` means held tasks missing from the batch are unwanted and stopped; so are
   * removedTaskArns.
   */
  applyAssignments(batch: AssignmentBatch): void {
    if (this.closed) return;
    const present = new Set<string>();
    for (const a of batch.tasks) {
      const arn = a.task?.taskArn;
      if (!arn) {
        this.log.warn('assignment without a taskArn ignored');
        continue;
      }
      present.add(arn);
      const desired = normalizeDesired(a.task.desiredStatus);
      const held = this.tasks.get(arn);
      if (held) {
        held.setDesired(desired);
        continue;
      }
      if (this.cleaned.has(arn)) {
        this.log.debug('assignment of a task already cleaned up ignored', { taskArn: arn });
        continue;
      }
      this.add(a, desired);
    }
    const unwanted = new Set(batch.removedTaskArns ?? []);
    if (batch.full) for (const arn of this.tasks.keys()) if (!present.has(arn)) unwanted.add(arn);
    for (const arn of unwanted) {
      const t = this.tasks.get(arn);
      if (t && t.rec.knownStatus !== 'STOPPED') {
        this.log.info('task no longer wanted on this instance; stopping it', { taskArn: arn, full: batch.full });
        t.setDesired('STOPPED');
      }
    }
  }

  private add(a: TaskAssignment, desired: DesiredStatus): void {
    const { task, taskDefinition: td } = a;
    const arn = task.taskArn!;
    let reason: string | undefined;
    try {
      validateTask(task, td);
    } catch (e) {
      reason = e instanceof TaskSpecError ? e.reason : `CannotCreateContainerError: ${(e as Error).message}`;
      this.log.warn('task cannot run here', { taskArn: arn, reason });
    }
    const rec: TaskRecord = {
      schema: STATE_SCHEMA,
      taskArn: arn,
      instanceId: this.opts.instanceId,
      task,
      taskDefinition: td,
      desiredStatus: reason ? 'STOPPED' : desired,
      knownStatus: 'NONE',
      containers: (td.containerDefinitions ?? []).map((cd) => ({
        name: cd.name ?? '',
        // Chosen now and saved before any create, so a container created just before a crash is found by name.
        dockerName: dockerContainerName(td.family ?? '', td.revision ?? 0, cd.name ?? ''),
        essential: isEssential(cd),
        knownStatus: 'NONE',
        desiredStatus: reason ? 'STOPPED' : desired,
        networkBindings: [],
        v3EndpointId: randomUUID(),
      })),
      counter: 0,
      ackedCounter: 0,
      ...(roleArnOf(task, td, 'taskRoleArn') ? { credentialsId: randomUUID() } : {}),
      ...(roleArnOf(task, td, 'executionRoleArn') ? { executionCredentialsId: randomUUID() } : {}),
    };
    if (reason) rec.reason = reason;
    this.log.info('task accepted', { taskArn: arn, family: td.family, revision: td.revision, desiredStatus: rec.desiredStatus, containers: rec.containers.map((c) => c.name) });
    const t = new ManagedTask(rec, this.ctx);
    this.tasks.set(arn, t);
    t.start();
  }

  /** The latest unacknowledged report of each task (to resend after a reconnect). */
  pendingReports(): TaskStateReport[] {
    const out: TaskStateReport[] = [];
    for (const t of this.tasks.values()) {
      const r = t.pendingReport();
      if (r) out.push(r);
    }
    return out;
  }

  /** The server persisted the task's reports up to `counter`. */
  ackReport(taskArn: string, counter: number): void {
    this.tasks.get(taskArn)?.ack(counter);
  }

  snapshot(): TaskSnapshot[] {
    return [...this.tasks.values()].map(({ rec }) => {
      const s: TaskSnapshot = {
        taskArn: rec.taskArn,
        family: rec.taskDefinition.family,
        revision: rec.taskDefinition.revision,
        desiredStatus: rec.desiredStatus,
        knownStatus: rec.knownStatus,
        lastStatus: backendStatus(rec.knownStatus),
        counter: rec.counter,
        ackedCounter: rec.ackedCounter,
        containers: rec.containers.map((c) => structuredClone(c)),
        task: rec.task,
        taskDefinition: rec.taskDefinition,
      };
      for (const k of ['reason', 'pullStartedAt', 'pullStoppedAt', 'executionStoppedAt', 'stoppedAt', 'cgroupParent', 'credentialsId', 'executionCredentialsId'] as const) {
        if (rec[k] !== undefined) (s as unknown as Record<string, unknown>)[k] = rec[k];
      }
      return s;
    });
  }

  private forget(taskArn: string): void {
    this.tasks.delete(taskArn);
    this.cleaned.add(taskArn);
    if (this.cleaned.size > CLEANED_MEMORY) this.cleaned.delete(this.cleaned.values().next().value!);
    this.opts.onTaskCleaned?.(taskArn);
  }

  /** Stops the loops and the event stream, saves state; containers keep running. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    const tasks = [...this.tasks.values()];
    await Promise.all(tasks.map((t) => t.close()));
    await Promise.all(tasks.map((t) => this.state.save(t.rec).catch(() => undefined)));
    await this.state.flush();
    this.log.info('task engine closed; containers left running', { tasks: tasks.length });
  }
}
