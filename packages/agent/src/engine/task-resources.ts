// Task-level resources made before the task's first container and undone at cleanup (amazon-ecs-agent's
// task resources): Docker volumes (volumes.ts), the namespace pause container (namespaces.ts) and a
// FireLens task's directory with the router's configuration (firelens.ts). Names
// are chosen and saved in the task record before anything is created, so a restarted agent finds what it
// made, never makes it twice (Docker answers a volume create of an existing name with that volume; the
// pause container is looked up by its saved name) and removes it at cleanup.
import type { Logger } from '@berth/api';
import { isNotFound, isUnavailable, type ContainerRuntime, type VolumeInfo } from '../runtime/runtime.js';
import { firelensRouter } from '@berth/core/firelens.js';
import { ownedBy, randHex } from './container-identity.js';
import { firelensPaths, removeFirelensDir, writeRouterConfig } from './firelens.js';
import { startOrder } from './links.js';
import type { LocalState, TaskRecord } from './local-state.js';
import { DEFAULT_PAUSE_IMAGE, ensurePauseImage, needsPause, pauseCreateOptions, pauseDockerName } from './namespaces.js';
import { ownContainerNamed } from './own-container.js';
import { errMsg, reasonOf } from './reasons.js';
import { TaskSpecError } from './task-spec-error.js';
import { LOCAL_DRIVER, planVolumes, volumeAction } from './volumes.js';

export interface ResourceContext {
  runtime: ContainerRuntime;
  state: LocalState;
  log: Logger;
  cluster: string;
  instanceId: string;
  dataDir: string;
  /** BERTH_PAUSE_IMAGE; undefined: the default image, built on this host when missing. */
  pauseImage?: string;
  /** ECS_SHARED_VOLUME_MATCH_FULL_CONFIG */
  sharedVolumeMatchFullConfig?: boolean;
}

export interface ResourcesResult {
  ok: boolean;
  /** "<ErrorName>: <message>" when not ok. */
  reason?: string;
  /** Not ok because Docker did not answer: tried again once it is back (names are saved, so nothing is made twice). */
  dockerAway?: boolean;
  /** ECS names of the volumes this agent created now. */
  created: string[];
  pauseId?: string;
}

const PAUSE_STOP_TIMEOUT_SEC = 2;

/**
 * Plans the task's resources into `rec` at once (the caller's turn of the loop) and saves it, then creates
 * what is missing. Resolves, never rejects.
 */
export function prepareTaskResources(rec: TaskRecord, ctx: ResourceContext): Promise<ResourcesResult> {
  const td = rec.taskDefinition;
  try {
    startOrder(td); // a dependency cycle fails the task before anything is made
    rec.volumes ??= planVolumes(td, randHex);
    if (needsPause(td)) rec.pause ??= { dockerName: pauseDockerName(td) };
  } catch (e) {
    const reason = e instanceof TaskSpecError ? e.reason : reasonOf('ResourceInitializationError', errMsg(e));
    return Promise.resolve({ ok: false, reason, created: [] });
  }
  const firelens = firelensRouter(td) !== undefined;
  if (rec.volumes.length === 0 && !rec.pause && !firelens) return Promise.resolve({ ok: true, created: [] });
  const saved = ctx.state.save(rec);
  return (async (): Promise<ResourcesResult> => {
    const created: string[] = [];
    let pauseId = rec.pause?.dockerId;
    const fail = (what: string, e: unknown): ResourcesResult =>
      isUnavailable(e) ? { ok: false, dockerAway: true, created, pauseId } : { ok: false, reason: reasonOf('ResourceInitializationError', `${what}: ${errMsg(e)}`), created, pauseId };
    try {
      await saved;
    } catch (e) {
      return fail('cannot save the task state', e);
    }
    if (firelens) {
      try {
        await writeRouterConfig(firelensPaths(ctx.dataDir, rec.taskArn), td, { cluster: ctx.cluster, taskArn: rec.taskArn });
      } catch (e) {
        if (e instanceof TaskSpecError) return { ok: false, reason: e.reason, created };
        return fail('cannot write the log router\'s configuration', e);
      }
    }
    for (const v of rec.volumes ?? []) {
      if (v.type !== 'docker') continue;
      let existing: VolumeInfo | undefined;
      if (v.scope === 'shared') {
        try {
          existing = await ctx.runtime.inspectVolume(v.source);
        } catch (e) {
          if (!isNotFound(e)) return fail(`cannot inspect volume '${v.source}'`, e);
        }
      }
      const action = volumeAction(v, existing, ctx.sharedVolumeMatchFullConfig === true);
      if (action.kind === 'fail') return fail(`volume '${v.name}'`, action.reason);
      if (action.kind !== 'create') continue;
      try {
        await ctx.runtime.createVolume({
          Name: v.source,
          Driver: v.driver ?? LOCAL_DRIVER,
          ...(v.driverOpts ? { DriverOpts: v.driverOpts } : {}),
          ...(v.labels ? { Labels: v.labels } : {}),
        });
        created.push(v.name);
        ctx.log.info('task volume created', { taskArn: rec.taskArn, volume: v.name, dockerVolume: v.source, scope: v.scope, driver: v.driver });
      } catch (e) {
        return fail(`cannot create volume '${v.source}'`, e);
      }
    }
    if (rec.pause) {
      try {
        pauseId = await startPause(rec, ctx);
      } catch (e) {
        return fail('cannot start the task namespace container', e);
      }
    }
    return { ok: true, created, pauseId };
  })();
}

/** Creates (or finds, by saved id or name) and starts the pause container; returns its id. */
async function startPause(rec: TaskRecord, ctx: ResourceContext): Promise<string> {
  const p = rec.pause!;
  const rt = ctx.runtime;
  let id: string | undefined;
  for (const ref of [p.dockerId, p.dockerName]) {
    if (!ref) continue;
    try {
      const st = await rt.inspect(ref);
      if (ownedBy(st.labels, ctx.instanceId, rec.taskArn)) {
        id = st.id;
        if (st.running) return id;
        break;
      }
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  if (!id) {
    const image = ctx.pauseImage || DEFAULT_PAUSE_IMAGE;
    await ensurePauseImage(rt, image, !!ctx.pauseImage);
    id = await rt.create(pauseCreateOptions({ task: rec.task, taskDefinition: rec.taskDefinition, dockerName: p.dockerName, image, cluster: ctx.cluster, instanceId: ctx.instanceId, cgroupParent: rec.cgroupParent }));
  }
  await rt.start(id);
  ctx.log.info('task namespace container started', { taskArn: rec.taskArn, dockerId: id, pidMode: rec.taskDefinition.pidMode, ipcMode: rec.taskDefinition.ipcMode });
  return id;
}

/** Once the task is STOPPED: stops the pause container. True when something changed in `rec`. */
export async function releaseTaskResources(rec: TaskRecord, ctx: ResourceContext): Promise<boolean> {
  const p = rec.pause;
  if (!p || p.stopped || !p.dockerId) return false;
  try {
    await ctx.runtime.stop(p.dockerId, PAUSE_STOP_TIMEOUT_SEC);
  } catch (e) {
    if (!isNotFound(e)) {
      ctx.log.warn('cannot stop the task namespace container', { taskArn: rec.taskArn, dockerId: p.dockerId, error: errMsg(e) });
      return false;
    }
  }
  p.stopped = true;
  return true;
}

/** At cleanup, after the task's containers are removed: the pause container, then task-scoped volumes. Errors as text. */
export async function cleanupTaskResources(rec: TaskRecord, ctx: ResourceContext): Promise<string[]> {
  const failed: string[] = [];
  const p = rec.pause;
  if (p) {
    try {
      // Created just before a crash, id never saved: found by name.
      const id = p.dockerId ?? (await ownContainerNamed(ctx.runtime, p.dockerName, ctx.instanceId, rec.taskArn))?.id;
      if (id) await ctx.runtime.remove(id);
    } catch (e) {
      failed.push(`namespace container: ${errMsg(e)}`);
    }
  }
  if (firelensRouter(rec.taskDefinition)) {
    await removeFirelensDir(firelensPaths(ctx.dataDir, rec.taskArn)).catch((e: unknown) => failed.push(`firelens directory: ${errMsg(e)}`));
  }
  for (const v of rec.volumes ?? []) {
    if (v.type !== 'docker' || v.scope === 'shared') continue;
    try {
      await ctx.runtime.removeVolume(v.source);
      ctx.log.info('task volume removed', { taskArn: rec.taskArn, volume: v.name, dockerVolume: v.source });
    } catch (e) {
      failed.push(`volume ${v.source}: ${errMsg(e)}`);
    }
  }
  return failed;
}
