// Task volumes as amazon-ecs-agent handles them (agent/api/task/task.go initializeDockerVolumes,
// initializeDockerLocalVolumes, addSharedVolumes; agent/taskresource/volume):
// - host volume with a sourcePath: a bind mount of that host path;
// - host volume without one (or a volume with nothing but a name), when a container mounts it: a Docker
//   `local` volume made for the task (ecs-<family>-<revision>-<volume>-<20 hex>), removed at cleanup;
// - dockerVolumeConfiguration scope task (the default): a Docker volume of that name form with the given
//   driver, driverOpts and labels, made for the task and removed at cleanup;
// - scope shared: the Docker volume named exactly as the ECS volume, made once when autoprovision is true
//   and never removed; with autoprovision false it must exist, else the task fails.
// This file is PURE (plans and mappings); the Docker calls are in task-resources.ts.
import { unsupportedSentence } from '@berth/core/errors.js';
import type { ContainerDefinition, TaskDefinition } from '@berth/core';
import type { VolumeInfo } from '../runtime/runtime.js';
import { TaskSpecError } from './task-spec-error.js';

/** One volume of the task as planned and saved in the task record before anything is created. */
export interface VolumeRecord {
  /** The ECS volume name (volumes[].name). */
  name: string;
  /** host: bind of `source` (a host path); docker: the Docker volume named `source`. */
  type: 'host' | 'docker';
  source: string;
  /** Docker volumes: task (made for the task, removed at cleanup) or shared. */
  scope?: 'task' | 'shared';
  autoprovision?: boolean;
  driver?: string;
  driverOpts?: Record<string, string>;
  labels?: Record<string, string>;
  /** The agent created it (task scope: removed at cleanup; shared: kept). */
  created?: boolean;
}

/** Docker's default volume driver. */
export const LOCAL_DRIVER = 'local';

/** `ecs-<family>-<revision>-<volume name>-<hex>`, as the agent names a task's volumes. */
export function taskVolumeName(family: string, revision: number | string, volume: string, hex: string): string {
  return `ecs-${family}-${revision}-${volume}-${hex}`;
}

/** Volumes some container mounts (mountPoints[].sourceVolume). */
function mounted(td: TaskDefinition): Set<string> {
  return new Set((td.containerDefinitions ?? []).flatMap((cd) => (cd.mountPoints ?? []).map((m) => m.sourceVolume ?? '')));
}

/**
 * The task's volumes, with Docker names chosen (`hex` gives each task-scoped volume its random suffix).
 * Throws TaskSpecError for volumes Berth does not run (refused at RunTask already: a stale assignment).
 */
export function planVolumes(td: TaskDefinition, hex: () => string): VolumeRecord[] {
  const used = mounted(td);
  const out: VolumeRecord[] = [];
  for (const v of td.volumes ?? []) {
    const name = v.name ?? '';
    const unsupported = v.efsVolumeConfiguration
      ? 'efsVolumeConfiguration'
      : v.fsxWindowsFileServerVolumeConfiguration
        ? 'fsxWindowsFileServerVolumeConfiguration'
        : v.s3filesVolumeConfiguration
          ? 's3filesVolumeConfiguration'
          : v.configuredAtLaunch === true
            ? 'configuredAtLaunch'
            : undefined;
    if (unsupported) throw new TaskSpecError('ResourceInitializationError', unsupportedSentence(`Volume '${name}'`, unsupported, 'the agent mounts host and Docker volumes only.'));
    const dv = v.dockerVolumeConfiguration;
    if (dv) {
      const scope = dv.scope ?? 'task';
      const rec: VolumeRecord = {
        name,
        type: 'docker',
        source: scope === 'shared' ? name : taskVolumeName(td.family ?? '', td.revision ?? 0, name, hex()),
        scope,
        driver: dv.driver || LOCAL_DRIVER,
      };
      if (scope === 'shared') rec.autoprovision = dv.autoprovision === true;
      if (dv.driverOpts && Object.keys(dv.driverOpts).length) rec.driverOpts = { ...dv.driverOpts };
      if (dv.labels && Object.keys(dv.labels).length) rec.labels = { ...dv.labels };
      out.push(rec);
    } else if (v.host?.sourcePath) {
      out.push({ name, type: 'host', source: v.host.sourcePath });
    } else if (used.has(name)) {
      out.push({ name, type: 'docker', source: taskVolumeName(td.family ?? '', td.revision ?? 0, name, hex()), scope: 'task', driver: LOCAL_DRIVER });
    }
  }
  return out;
}

/** What to do for one planned volume, given what Docker has (undefined: no such volume). */
export type VolumeAction = { kind: 'none' } | { kind: 'create' } | { kind: 'fail'; reason: string };

/**
 * Task scope: create (Docker returns the existing volume when a restarted agent asks again). Shared: use
 * an existing one (with ECS_SHARED_VOLUME_MATCH_FULL_CONFIG, only when its driver, options and labels are
 * the definition's); create a missing one when autoprovision is true; else fail the task.
 */
export function volumeAction(v: VolumeRecord, existing: VolumeInfo | undefined, matchFullConfig: boolean): VolumeAction {
  if (v.type !== 'docker') return { kind: 'none' };
  if (v.scope !== 'shared') return { kind: 'create' };
  if (!existing) {
    if (v.autoprovision) return { kind: 'create' };
    return { kind: 'fail', reason: `volume '${v.name}' does not exist and autoprovision is false` };
  }
  if (!matchFullConfig) return { kind: 'none' };
  const diff = volumeMismatch(v, existing);
  return diff ? { kind: 'fail', reason: `existing volume '${v.source}' does not match the task definition: ${diff}` } : { kind: 'none' };
}

const sameMap = (a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean => {
  const x = a ?? {};
  const y = b ?? {};
  const kx = Object.keys(x);
  return kx.length === Object.keys(y).length && kx.every((k) => y[k] === x[k]);
};

/** The first difference between a shared volume's definition and Docker's volume, or undefined. */
export function volumeMismatch(v: VolumeRecord, existing: VolumeInfo): string | undefined {
  const want = v.driver || LOCAL_DRIVER;
  if (existing.driver !== want) return `driver is ${existing.driver}, expected ${want}`;
  if (!sameMap(existing.labels, v.labels)) return `labels are ${JSON.stringify(existing.labels)}, expected ${JSON.stringify(v.labels ?? {})}`;
  if (!sameMap(existing.options, v.driverOpts)) return `driverOpts are ${JSON.stringify(existing.options)}, expected ${JSON.stringify(v.driverOpts ?? {})}`;
  return undefined;
}

export interface VolumeSpec {
  Binds?: string[];
  VolumesFrom?: string[];
}

/**
 * mountPoints -> HostConfig.Binds (`<host path or volume>:<containerPath>[:ro]`) and volumesFrom ->
 * HostConfig.VolumesFrom (`<docker name of the source container>[:ro]`).
 */
export function volumeSpec(cd: ContainerDefinition, volumes: VolumeRecord[] | undefined, dockerNames: Record<string, string>): VolumeSpec {
  const out: VolumeSpec = {};
  for (const m of cd.mountPoints ?? []) {
    const v = (volumes ?? []).find((x) => x.name === m.sourceVolume);
    if (!v) throw new TaskSpecError('CannotCreateContainerError', `container '${cd.name}': mountPoints sourceVolume '${m.sourceVolume}' is not a volume of the task`);
    (out.Binds ??= []).push(`${v.source}:${m.containerPath}${m.readOnly === true ? ':ro' : ''}`);
  }
  for (const f of cd.volumesFrom ?? []) {
    const src = dockerNames[f.sourceContainer ?? ''];
    if (!src) throw new TaskSpecError('CannotCreateContainerError', `container '${cd.name}': volumesFrom sourceContainer '${f.sourceContainer}' is not a container of the task`);
    (out.VolumesFrom ??= []).push(`${src}${f.readOnly === true ? ':ro' : ''}`);
  }
  return out;
}
