// The Docker calls that move a container forward (amazon-ecs-agent's docker_task_engine.go pullContainer,
// createContainer, startContainer, stopContainer) and the task cgroup made before the first create. Each
// runs detached from the loop and resolves to a message, never rejects.
//
// When Docker does not answer (isUnavailable), the call's outcome is unknown: the message says
// `dockerAway` and the loop tries again once Docker is back. A create or start whose outcome is unknown
// looks first (inspect by the saved name, resp. id), so a container is never created twice.
import { isNotFound, isUnavailable, type ContainerState } from '../runtime/runtime.js';
import { firelensRouter } from '@berth/core/firelens.js';
import { buildCreateOptions, containerDefinition, taskCgroupParent, taskCpuShares, taskLimits } from './container-spec.js';
import { firelensPaths, routerListening } from './firelens.js';
import type { ContainerRecord } from './local-state.js';
import { ownContainerNamed } from './own-container.js';
import { errMsg, reasonOf } from './reasons.js';
import type { TaskMessage, TaskRun, TransitionDone } from './task-run.js';
import { TaskSpecError } from './task-spec-error.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const nowSec = () => Math.floor(Date.now() / 1000);
const STOP_ATTEMPTS = 5;
/** How long a started log router has to listen on its socket before its start counts as failed. */
export const ROUTER_LISTEN_TIMEOUT_MS = 60_000;

export class ContainerTransitions {
  private readonly run: TaskRun;
  /** Create warnings already logged for this task (each once). */
  private readonly warnedSpec = new Set<string>();
  /** Containers whose last create or start got no answer from Docker: it may have happened. */
  private readonly unknownOutcome = new Set<string>();

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
    try {
      return await this.pullImage(c);
    } catch (e) {
      if (isUnavailable(e)) return { kind: 'done', container: c.name, target: 'PULLED', ok: false, dockerAway: true };
      throw e;
    }
  }

  private async pullImage(c: ContainerRecord): Promise<TransitionDone> {
    const { rec, ctx } = this.run;
    const done = (ok: boolean, reason?: string, stopTask?: boolean): TransitionDone => ({ kind: 'done', container: c.name, target: 'PULLED', ok, reason, stopTask });
    const rt = ctx.runtime;
    const image = this.image(c);
    const behavior = ctx.pullBehavior;
    // An image Docker cannot tell about counts as absent, unless Docker is away (then the pull waits for it).
    const local = () => rt.imageExists(image).catch((e: unknown) => (isUnavailable(e) ? Promise.reject(e) : false));
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
        if (isUnavailable(e)) throw e;
        last = errMsg(e);
        ctx.log.debug('image pull attempt failed', { taskArn: this.taskArn, image, attempt: i + 1, error: last });
      }
    }
    return last || 'pull failed';
  }

  async create(c: ContainerRecord): Promise<TransitionDone> {
    const { rec, ctx } = this.run;
    try {
      if (this.unknownOutcome.has(c.name)) {
        const made = await ownContainerNamed(ctx.runtime, c.dockerName, ctx.instanceId, rec.taskArn);
        this.unknownOutcome.delete(c.name);
        if (made) return { kind: 'done', container: c.name, target: 'CREATED', ok: true, dockerId: made.id, state: made };
      }
      const endpoints = await ctx.containerExtras?.(rec, c);
      const secrets = this.run.secretsOf(c.name);
      const extra = secrets
        ? { ...endpoints, env: [...secrets.environment.map((kv) => `${kv.name}=${kv.value}`), ...(endpoints?.env ?? [])], logOptions: Object.fromEntries(secrets.logOptions.map((kv) => [kv.name, kv.value])) }
        : endpoints;
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
        ...(firelensRouter(rec.taskDefinition) ? { firelens: firelensPaths(ctx.dataDir, rec.taskArn) } : {}),
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
      if (isUnavailable(e)) return this.away(c, 'CREATED');
      const reason = e instanceof TaskSpecError ? e.reason : reasonOf('CannotCreateContainerError', errMsg(e));
      return { kind: 'done', container: c.name, target: 'CREATED', ok: false, reason };
    }
  }

  async start(c: ContainerRecord): Promise<TransitionDone> {
    const { ctx } = this.run;
    const id = c.dockerId!;
    try {
      if (this.unknownOutcome.has(c.name)) {
        const st = await ctx.runtime.inspect(id);
        this.unknownOutcome.delete(c.name);
        // Started before Docker went away (it may have exited since): what Docker shows is the outcome.
        if (st.running || st.startedAt !== undefined) return { kind: 'done', container: c.name, target: 'RUNNING', ok: true, state: st };
      }
      const t0 = Date.now();
      await ctx.runtime.start(id);
      let state = await ctx.runtime.inspect(id).catch(() => undefined);
      if (this.run.definition(c)?.firelensConfiguration && state?.running) {
        state = await this.routerListening(c, id);
        if (!state) return { kind: 'done', container: c.name, target: 'RUNNING', ok: false, reason: reasonOf('CannotStartContainerError', `the log router did not listen on its socket within ${ROUTER_LISTEN_TIMEOUT_MS / 1000} s`) };
      }
      ctx.log.info('container started', { taskArn: this.taskArn, container: c.name, dockerId: id, ms: Date.now() - t0 });
      return { kind: 'done', container: c.name, target: 'RUNNING', ok: true, state };
    } catch (e) {
      if (isUnavailable(e)) return this.away(c, 'RUNNING');
      return { kind: 'done', container: c.name, target: 'RUNNING', ok: false, reason: reasonOf('CannotStartContainerError', errMsg(e)) };
    }
  }

  /**
   * A FireLens task's router counts as started once its socket accepts connections: the others' fluentd
   * driver is synchronous and fails their start when nothing listens. Its state once listening or once it
   * stopped (its exit is then observed as any container's); undefined when it never listened in time.
   */
  private async routerListening(c: ContainerRecord, id: string): Promise<ContainerState | undefined> {
    const { ctx, rec } = this.run;
    const socket = firelensPaths(ctx.dataDir, rec.taskArn).socket;
    const deadline = Date.now() + ROUTER_LISTEN_TIMEOUT_MS;
    for (;;) {
      if (await routerListening(socket)) {
        ctx.log.info('log router listening', { taskArn: this.taskArn, container: c.name, socket });
        return ctx.runtime.inspect(id);
      }
      const st = await ctx.runtime.inspect(id);
      if (!st.running || this.run.closed || rec.desiredStatus === 'STOPPED') return st;
      if (Date.now() > deadline) return undefined;
      await sleep(100);
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
        if (isUnavailable(e)) return done(false, { dockerAway: true }); // stopping again is harmless
        last = errMsg(e);
        ctx.log.warn('container stop failed', { taskArn: this.taskArn, container: c.name, attempt: i + 1, error: last });
      }
    }
    // Docker answers but cannot stop it: assume stopped (ECS); Docker cannot say: try again later.
    try {
      const state = await ctx.runtime.inspect(id);
      return done(true, { state, reason: reasonOf('CannotStopContainerError', last) });
    } catch (e) {
      if (isNotFound(e)) return done(true);
      return done(false, isUnavailable(e) ? { dockerAway: true } : { retry: true });
    }
  }

  /** Docker did not answer a create or start: it may have happened; look before trying again. */
  private away(c: ContainerRecord, target: 'CREATED' | 'RUNNING'): TransitionDone {
    this.unknownOutcome.add(c.name);
    return { kind: 'done', container: c.name, target, ok: false, dockerAway: true };
  }

}
