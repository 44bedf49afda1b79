// The Docker calls that move a container forward (amazon-ecs-agent's docker_task_engine.go pullContainer,
// createContainer, startContainer, stopContainer) and the task cgroup made before the first create. Each
// runs detached from the loop and resolves to a message, never rejects.
import { isNotFound, type ContainerState } from '../runtime/runtime.js';
import { buildCreateOptions, containerDefinition, taskCgroupParent, taskCpuShares, taskLimits } from './container-spec.js';
import type { ContainerRecord } from './local-state.js';
import { errMsg, reasonOf } from './reasons.js';
import type { TaskMessage, TaskRun, TransitionDone } from './task-run.js';
import { TaskSpecError } from './task-spec-error.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const nowSec = () => Math.floor(Date.now() / 1000);
const STOP_ATTEMPTS = 5;

export class ContainerTransitions {
  private readonly run: TaskRun;
  /** Create warnings already logged for this task (each once). */
  private readonly warnedSpec = new Set<string>();

  constructor(run: TaskRun) {
    this.run = run;
  }

  private get taskArn(): string {
    return this.run.rec.taskArn;
  }

  /** The task's cgroup with its cpu and memory limits; a failure leaves the task without one (logged). */
  async prepareCgroup(): Promise<TaskMessage> {
    const { rec, ctx } = this.run;
    let parent: string | undefined;
    try {
      parent = taskCgroupParent(rec.task, rec.taskDefinition);
      if (parent) {
        const l = taskLimits(rec.task, rec.taskDefinition);
        parent = await ctx.cgroups.create(parent, {
          cpuUnits: l.cpuUnits,
          memoryMiB: l.memoryMiB,
          cpuShares: l.cpuUnits === undefined ? taskCpuShares(rec.task, rec.taskDefinition) : undefined,
        });
      }
    } catch (e) {
      ctx.log.warn('task cgroup not set up', { taskArn: this.taskArn, error: errMsg(e) });
      parent = undefined;
    }
    return { kind: 'cgroup', parent };
  }

  private image(c: ContainerRecord): string {
    return containerDefinition(this.run.rec.taskDefinition, c.name).image ?? '';
  }

  async pull(c: ContainerRecord): Promise<TransitionDone> {
    const { rec, ctx } = this.run;
    const done = (ok: boolean, reason?: string, stopTask?: boolean): TransitionDone => ({ kind: 'done', container: c.name, target: 'PULLED', ok, reason, stopTask });
    const rt = ctx.runtime;
    const image = this.image(c);
    const behavior = ctx.pullBehavior;
    const local = () => rt.imageExists(image).catch(() => false);
    if (behavior === 'prefer-cached' && (await local())) return done(true);
    if (behavior === 'once' && (ctx.pulledImages.has(image) || (await local()))) return done(true);
    if (rec.desiredStatus === 'STOPPED') return done(false, reasonOf('TaskStoppedBeforePullBeginError', `Task stopped before image pull could begin for ${image}`));
    if (rec.pullStartedAt === undefined) {
      rec.pullStartedAt = nowSec();
      this.run.touch();
    }
    const t0 = Date.now();
    const err = await this.pullWithRetry(image);
    rec.pullStoppedAt = nowSec();
    this.run.touch();
    if (err === undefined) {
      ctx.pulledImages.add(image);
      ctx.log.info('image pulled', { taskArn: this.taskArn, container: c.name, image, ms: Date.now() - t0 });
      return done(true);
    }
    const reason = reasonOf('CannotPullContainerError', err);
    if (behavior === 'default') {
      if (await local()) {
        ctx.log.warn('image pull failed; using the cached image', { taskArn: this.taskArn, container: c.name, image, error: err });
        return done(true);
      }
      return done(false, reason);
    }
    // always / once: a failed pull stops the task, essential or not; prefer-cached: only the container.
    return done(false, reason, behavior === 'always' || behavior === 'once');
  }

  private async pullWithRetry(image: string): Promise<string | undefined> {
    const { ctx, rec } = this.run;
    const { attempts, delayMs, maxDelayMs } = ctx.pullRetry;
    let delay = delayMs;
    let last = '';
    for (let i = 0; i < Math.max(1, attempts); i++) {
      if (i > 0) {
        if (this.run.closed || rec.desiredStatus === 'STOPPED') break;
        await sleep(delay);
        delay = Math.min(delay * 2, maxDelayMs);
      }
      try {
        await ctx.runtime.pull(image);
        return undefined;
      } catch (e) {
        last = errMsg(e);
        ctx.log.debug('image pull attempt failed', { taskArn: this.taskArn, image, attempt: i + 1, error: last });
      }
    }
    return last || 'pull failed';
  }

  async create(c: ContainerRecord): Promise<TransitionDone> {
    const { rec, ctx } = this.run;
    try {
      const extra = await ctx.containerExtras?.(rec, c);
      const built = buildCreateOptions({
        task: rec.task,
        taskDefinition: rec.taskDefinition,
        containerName: c.name,
        dockerName: c.dockerName,
        cluster: ctx.cluster,
        instanceId: ctx.instanceId,
        region: ctx.region,
        hostIp: ctx.hostIp,
        cgroupParent: rec.cgroupParent,
        volumes: rec.volumes,
        dockerNames: Object.fromEntries(rec.containers.map((x) => [x.name, x.dockerName])),
        namespaceOwner: rec.pause?.dockerId,
        ...(extra ? { extra } : {}),
      });
      for (const w of built.warnings) {
        if (this.warnedSpec.has(w)) continue;
        this.warnedSpec.add(w);
        ctx.log.warn(w, { taskArn: this.taskArn });
      }
      const t0 = Date.now();
      const id = await ctx.runtime.create(built.options);
      ctx.log.debug('container created', { taskArn: this.taskArn, container: c.name, dockerId: id, ms: Date.now() - t0 });
      return { kind: 'done', container: c.name, target: 'CREATED', ok: true, dockerId: id };
    } catch (e) {
      const reason = e instanceof TaskSpecError ? e.reason : reasonOf('CannotCreateContainerError', errMsg(e));
      return { kind: 'done', container: c.name, target: 'CREATED', ok: false, reason };
    }
  }

  async start(c: ContainerRecord): Promise<TransitionDone> {
    const { ctx } = this.run;
    const id = c.dockerId!;
    try {
      const t0 = Date.now();
      await ctx.runtime.start(id);
      const state = await ctx.runtime.inspect(id).catch(() => undefined);
      ctx.log.info('container started', { taskArn: this.taskArn, container: c.name, dockerId: id, ms: Date.now() - t0 });
      return { kind: 'done', container: c.name, target: 'RUNNING', ok: true, state };
    } catch (e) {
      return { kind: 'done', container: c.name, target: 'RUNNING', ok: false, reason: reasonOf('CannotStartContainerError', errMsg(e)) };
    }
  }

  /** Seconds between the stop signal and SIGKILL: the container's stopTimeout, else ECS_CONTAINER_STOP_TIMEOUT. */
  stopTimeout(c: ContainerRecord): number {
    const t = this.run.definition(c)?.stopTimeout;
    return Math.max(1, t !== undefined && t > 0 ? t : this.run.ctx.stopTimeoutSec);
  }

  async stop(c: ContainerRecord): Promise<TransitionDone> {
    const { ctx } = this.run;
    const id = c.dockerId!;
    const timeout = this.stopTimeout(c);
    const done = (ok: boolean, extra: Partial<TransitionDone> = {}): TransitionDone => ({ kind: 'done', container: c.name, target: 'STOPPED', ok, ...extra });
    let delay = 1000;
    let last = '';
    for (let i = 0; i < STOP_ATTEMPTS; i++) {
      if (i > 0) {
        if (this.run.closed) return done(false, { retry: true });
        await sleep(delay * (0.8 + Math.random() * 0.4));
        delay = Math.min(delay * 1.3, 5000);
      }
      try {
        const t0 = Date.now();
        await ctx.runtime.stop(id, timeout);
        const state: ContainerState | undefined = await ctx.runtime.inspect(id).catch(() => undefined);
        ctx.log.info('container stopped', { taskArn: this.taskArn, container: c.name, dockerId: id, ms: Date.now() - t0, exitCode: state?.exitCode });
        return done(true, { state });
      } catch (e) {
        if (isNotFound(e)) return done(true, { reason: reasonOf('ContainerVanishedError', 'No container matching saved ID found') });
        last = errMsg(e);
        ctx.log.warn('container stop failed', { taskArn: this.taskArn, container: c.name, attempt: i + 1, error: last });
      }
    }
    // Docker answers but cannot stop it: assume stopped (ECS); Docker does not answer: try again later.
    try {
      const state = await ctx.runtime.inspect(id);
      return done(true, { state, reason: reasonOf('CannotStopContainerError', last) });
    } catch (e) {
      if (isNotFound(e)) return done(true);
      return done(false, { retry: true });
    }
  }
}
