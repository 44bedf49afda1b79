// pidMode / ipcMode `task`: the task's containers share one PID and/or IPC namespace, held by an internal
// pause container, as amazon-ecs-agent's `~internal~ecs~pause~namespace` container. It is created and
// started before the task's first container, stopped when the task stops and removed at cleanup. Its
// image is BERTH_PAUSE_IMAGE when set, else `berth/pause:1`, built once on this host by `docker import` of
// the host's static busybox (no registry is needed). The pure parts are here; task-resources.ts drives them.
import { existsSync, readFileSync } from 'node:fs';
import type { Task, TaskDefinition } from '@berth/core';
import type { ContainerRuntime, DockerCreateOptions } from '../runtime/runtime.js';
import { dockerContainerName, ecsLabels } from './container-identity.js';

export const PAUSE_CONTAINER_NAME = '~internal~ecs~pause~namespace';
export const DEFAULT_PAUSE_IMAGE = 'berth/pause:1';
/** The host binary the default pause image is built from (Debian's busybox-static). */
export const PAUSE_BUSYBOX = '/bin/busybox';
/** What the default pause image runs (forever; docker-init in front handles SIGTERM). */
export const PAUSE_CMD = ['/bin/busybox', 'sleep', '2147483647'];

/** The pause container of a task, saved in the task record before it is created. */
export interface PauseRecord {
  dockerName: string;
  dockerId?: string;
  /** Stopped once the task stopped. */
  stopped?: boolean;
}

/** A task whose containers share a PID or IPC namespace needs a pause container. */
export const needsPause = (td: TaskDefinition): boolean => td.pidMode === 'task' || td.ipcMode === 'task';

export const pauseDockerName = (td: TaskDefinition, hex?: string): string => dockerContainerName(td.family ?? '', td.revision ?? 0, PAUSE_CONTAINER_NAME, hex);

/**
 * Task-level pidMode / ipcMode for an app container. host: the host's namespace; ipc none: a private one
 * without /dev/shm; task: the pause container's (`owner`); without an owner (not set up) a warning.
 */
export function namespaceModes(td: TaskDefinition, warnings: string[], owner?: string): { PidMode?: string; IpcMode?: string } {
  const out: { PidMode?: string; IpcMode?: string } = {};
  if (td.pidMode === 'host') out.PidMode = 'host';
  else if (td.pidMode === 'task' && owner) out.PidMode = `container:${owner}`;
  else if (td.pidMode !== undefined) warnings.push(`task definition pidMode '${td.pidMode}' needs the task's namespace container, which is not set up; ignored`);
  if (td.ipcMode === 'host' || td.ipcMode === 'none') out.IpcMode = td.ipcMode;
  else if (td.ipcMode === 'task' && owner) out.IpcMode = `container:${owner}`;
  else if (td.ipcMode !== undefined) warnings.push(`task definition ipcMode '${td.ipcMode}' needs the task's namespace container, which is not set up; ignored`);
  return out;
}

export interface PauseInput {
  task: Task;
  taskDefinition: TaskDefinition;
  dockerName: string;
  image: string;
  cluster: string;
  instanceId: string;
  cgroupParent?: string;
}

/** The pause container: ECS labels (so this agent owns it), no network, shareable IPC when ipcMode is task. */
export function pauseCreateOptions(input: PauseInput): DockerCreateOptions {
  const host: DockerCreateOptions['HostConfig'] = { NetworkMode: 'none', Init: true, CpuShares: 2 };
  if (input.taskDefinition.ipcMode === 'task') host.IpcMode = 'shareable';
  if (input.cgroupParent) host.CgroupParent = input.cgroupParent;
  return {
    name: input.dockerName,
    Image: input.image,
    Labels: ecsLabels({ ...input, containerName: PAUSE_CONTAINER_NAME }),
    HostConfig: host,
  };
}

// --- the default pause image ----------------------------------------------------------------------------

/** True for an ELF executable without an interpreter (statically linked), 32- or 64-bit. */
export function isStaticElf(b: Buffer): boolean {
  if (b.length < 52 || b.readUInt32BE(0) !== 0x7f454c46) return false;
  const is64 = b[4] === 2;
  const le = b[5] === 1;
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const phoff = is64 ? Number(le ? b.readBigUInt64LE(0x20) : b.readBigUInt64BE(0x20)) : u32(0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (o + 4 > b.length) return false;
    if (u32(o) === 3) return false; // PT_INTERP
  }
  return true;
}

/** A ustar archive of the given files (enough for `docker import`). */
export function tarOf(files: { path: string; mode: number; data?: Buffer }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const f of files) {
    const dir = f.data === undefined;
    const h = Buffer.alloc(512);
    const str = (s: string, off: number, len: number) => h.write(s.slice(0, len), off, 'ascii');
    const oct = (n: number, off: number, len: number) => str(n.toString(8).padStart(len - 1, '0') + '\0', off, len);
    str(f.path, 0, 100);
    oct(f.mode, 100, 8);
    oct(0, 108, 8);
    oct(0, 116, 8);
    oct(dir ? 0 : f.data!.length, 124, 12);
    oct(0, 136, 12);
    h.fill(' ', 148, 156);
    str(dir ? '5' : '0', 156, 1);
    str('ustar\u000000', 257, 8);
    let sum = 0;
    for (const x of h) sum += x;
    str(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
    blocks.push(h);
    if (!dir) {
      blocks.push(f.data!);
      const pad = (512 - (f.data!.length % 512)) % 512;
      if (pad) blocks.push(Buffer.alloc(pad));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** Builds of the default image in flight (one per image name, shared by every task). */
const building = new Map<string, Promise<void>>();

/**
 * Makes sure the pause image exists. A configured image (BERTH_PAUSE_IMAGE) must be on the host; the
 * default one is built from the host's static busybox when missing. Rejects with a reason to show.
 */
export async function ensurePauseImage(rt: ContainerRuntime, image: string, configured: boolean, busybox = PAUSE_BUSYBOX): Promise<void> {
  if (await rt.imageExists(image)) return;
  if (configured) throw new Error(`pause image ${image} (BERTH_PAUSE_IMAGE) is not on this host; load it first (it is never pulled)`);
  let p = building.get(image);
  if (!p) {
    p = (async () => {
      if (!existsSync(busybox)) throw new Error(`pause image ${image} is missing and cannot be built: ${busybox} not found (install busybox-static, or set BERTH_PAUSE_IMAGE)`);
      const bin = readFileSync(busybox);
      if (!isStaticElf(bin)) throw new Error(`pause image ${image} is missing and cannot be built: ${busybox} is not statically linked (install busybox-static, or set BERTH_PAUSE_IMAGE)`);
      const tar = tarOf([
        { path: 'bin/', mode: 0o755 },
        { path: 'bin/busybox', mode: 0o755, data: bin },
      ]);
      await rt.importImage(tar, image, [`CMD ${JSON.stringify(PAUSE_CMD)}`]);
    })().finally(() => building.delete(image));
    building.set(image, p);
  }
  await p;
}
