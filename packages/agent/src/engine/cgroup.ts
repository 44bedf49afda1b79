// Per-task parent cgroup for task-level cpu/memory limits, as amazon-ecs-agent's agent/taskresource/cgroup
// with ECS_ENABLE_TASK_CPU_MEM_LIMIT (always on in Berth). Containers join it through HostConfig.CgroupParent.
//   cgroup v1: <root>/<controller>/ecs/<taskId>, memory.limit_in_bytes, cpu.cfs_period_us + cpu.cfs_quota_us
//              (task cpu units / 1024 x period) or cpu.shares (sum of container shares) without task cpu.
//   cgroup v2: <root>/ecs/<taskId> with memory.max and cpu.max (or cpu.weight), Docker's cgroupfs driver.
// Anything that cannot be done (no permission, unknown layout, the systemd driver) is warned about once,
// and the task runs without the task-level limit.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@berth/api';

export type CgroupLayout = 'v1' | 'v2' | 'unknown';

export interface TaskCgroupLimits {
  /** Task cpu in CPU units (1024 = one vCPU): a CFS quota. */
  cpuUnits?: number;
  /** Task memory in MiB: a hard limit. */
  memoryMiB?: number;
  /** cpu.shares when there is no task cpu (sum of the containers' shares). */
  cpuShares?: number;
}

export interface CgroupManagerOptions {
  log: Logger;
  /** Default /sys/fs/cgroup. */
  root?: string;
  /** CFS period, µs (ECS_CGROUP_CPU_PERIOD, default 100 ms). */
  cpuPeriodUs?: number;
  /** Docker's cgroup driver; with `systemd` a parent must be a slice, which is not done (yet). */
  cgroupDriver?: string;
}

const MiB = 1024 * 1024;
/** The kernel's smallest CFS quota. */
const MIN_CFS_QUOTA_US = 1000;

/** cgroup v2 cpu.weight from v1 shares (the formula runc uses). */
export const sharesToWeight = (shares: number): number => 1 + Math.floor(((Math.max(2, Math.min(shares, 262144)) - 2) * 9999) / 262142);

export function cfsQuotaUs(cpuUnits: number, periodUs: number): number {
  return Math.max(MIN_CFS_QUOTA_US, Math.round((cpuUnits / 1024) * periodUs));
}

export class CgroupManager {
  readonly root: string;
  private readonly log: Logger;
  private readonly period: number;
  private readonly driver: string | undefined;
  private warned = false;
  private layoutCache?: CgroupLayout;

  constructor(opts: CgroupManagerOptions) {
    this.root = opts.root ?? '/sys/fs/cgroup';
    this.log = opts.log;
    this.period = opts.cpuPeriodUs ?? 100_000;
    this.driver = opts.cgroupDriver;
  }

  async layout(): Promise<CgroupLayout> {
    if (this.layoutCache) return this.layoutCache;
    let l: CgroupLayout = 'unknown';
    if (await exists(path.join(this.root, 'cgroup.controllers'))) l = 'v2';
    else if ((await isDir(path.join(this.root, 'memory'))) && (await isDir(path.join(this.root, 'cpu')))) l = 'v1';
    this.layoutCache = l;
    return l;
  }

  /** Directory of the task's cgroup in one v1 controller, or the v2 directory (controller undefined). */
  taskDir(parent: string, controller?: string): string {
    return controller ? path.join(this.root, controller, parent) : path.join(this.root, parent);
  }

  /**
   * Creates the task cgroup `parent` (e.g. `/ecs/<taskId>`) with the limits; returns `parent` to use as
   * CgroupParent, or undefined when it could not be done (warned once).
   */
  async create(parent: string, limits: TaskCgroupLimits): Promise<string | undefined> {
    try {
      if (this.driver === 'systemd') throw new Error('Docker uses the systemd cgroup driver; task cgroups need a slice');
      const layout = await this.layout();
      if (layout === 'v1') await this.createV1(parent, limits);
      else if (layout === 'v2') await this.createV2(parent, limits);
      else throw new Error(`unknown cgroup layout under ${this.root}`);
      this.log.debug('task cgroup created', { cgroup: parent, layout, ...limits });
      return parent;
    } catch (e) {
      await this.remove(parent).catch(() => undefined);
      if (!this.warned) {
        this.warned = true;
        this.log.warn('task-level cpu/memory limits are not applied: cannot create task cgroups', { cgroup: parent, error: (e as Error).message });
      } else {
        this.log.debug('task cgroup not created', { cgroup: parent, error: (e as Error).message });
      }
      return undefined;
    }
  }

  private async createV1(parent: string, limits: TaskCgroupLimits): Promise<void> {
    const mem = this.taskDir(parent, 'memory');
    await fsp.mkdir(mem, { recursive: true });
    if (limits.memoryMiB !== undefined) await writeCg(mem, 'memory.limit_in_bytes', String(limits.memoryMiB * MiB));
    const cpu = this.taskDir(parent, 'cpu');
    await fsp.mkdir(cpu, { recursive: true });
    if (limits.cpuUnits !== undefined) {
      await writeCg(cpu, 'cpu.cfs_period_us', String(this.period));
      await writeCg(cpu, 'cpu.cfs_quota_us', String(cfsQuotaUs(limits.cpuUnits, this.period)));
    } else if (limits.cpuShares !== undefined) {
      await writeCg(cpu, 'cpu.shares', String(limits.cpuShares));
    }
  }

  private async createV2(parent: string, limits: TaskCgroupLimits): Promise<void> {
    // Each ancestor must delegate the controllers to its children.
    const parts = parent.split('/').filter(Boolean);
    let dir = this.root;
    for (const p of parts) {
      await writeCg(dir, 'cgroup.subtree_control', '+cpu +memory').catch(() => undefined);
      dir = path.join(dir, p);
      await fsp.mkdir(dir, { recursive: true });
    }
    if (limits.memoryMiB !== undefined) await writeCg(dir, 'memory.max', String(limits.memoryMiB * MiB));
    if (limits.cpuUnits !== undefined) await writeCg(dir, 'cpu.max', `${cfsQuotaUs(limits.cpuUnits, this.period)} ${this.period}`);
    else if (limits.cpuShares !== undefined) await writeCg(dir, 'cpu.weight', String(sharesToWeight(limits.cpuShares)));
    await writeCg(dir, 'cgroup.subtree_control', '+cpu +memory').catch(() => undefined);
  }

  /**
   * Removes the task cgroup (and what Docker left under it in every v1 controller). Call after the task's
   * containers were removed. Never fails.
   */
  async remove(parent: string): Promise<void> {
    if (!parent.startsWith('/ecs/') || parent.includes('..')) return; // only what we created
    const layout = await this.layout();
    const dirs: string[] = [];
    if (layout === 'v2') dirs.push(this.taskDir(parent));
    else if (layout === 'v1') {
      let controllers: string[] = [];
      try {
        const ents = await fsp.readdir(this.root, { withFileTypes: true });
        controllers = ents.filter((e) => e.isDirectory()).map((e) => e.name);
      } catch {
        controllers = ['memory', 'cpu'];
      }
      for (const c of controllers) dirs.push(this.taskDir(parent, c));
    }
    for (const d of dirs) await rmCgroupTree(d).catch((e) => this.log.debug('task cgroup not removed', { dir: d, error: String(e) }));
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await fsp.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function writeCg(dir: string, file: string, value: string): Promise<void> {
  await fsp.writeFile(path.join(dir, file), value);
}

/**
 * cgroupfs directories are removed with rmdir (their control files cannot be unlinked); children first.
 * A plain directory (tests use a temporary root) is removed recursively.
 */
async function rmCgroupTree(dir: string): Promise<void> {
  let ents;
  try {
    ents = await fsp.readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const e of ents) if (e.isDirectory()) await rmCgroupTree(path.join(dir, e.name));
  try {
    await fsp.rmdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') await fsp.rm(dir, { recursive: true, force: true });
    else throw e;
  }
}
