// The engine's state on disk, one JSON file per task: <dataDir>/tasks/<taskId>.json (as ECS's BoltDB
// `tasks` bucket keyed by task id). One file per task keeps every write small and independent; each is
// atomic (write a temporary file, fsync, rename, fsync the directory), and writes of one task are
// serialized in call order, each writing the snapshot taken at the call.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@berth/api';
import type { Task, TaskDefinition, TaskStateReport } from '@berth/core';
import type { PortBinding } from '../runtime/runtime.js';
import type { HealthRecord } from './health.js';
import type { PauseRecord } from './namespaces.js';
import type { ContainerStatus, DesiredStatus, TaskStatus } from './task-status.js';
import type { VolumeRecord } from './volumes.js';

export const STATE_SCHEMA = 1;

export interface ContainerRecord {
  /** Name in the task definition. */
  name: string;
  /** Docker container name, chosen and saved before `create` (so a crash right after create is found). */
  dockerName: string;
  dockerId?: string;
  essential: boolean;
  knownStatus: ContainerStatus;
  desiredStatus: DesiredStatus;
  exitCode?: number;
  /** "<ErrorName>: <message>" */
  reason?: string;
  networkBindings: PortBinding[];
  /** Epoch ms (Docker's StartedAt) of its first start: dependency startTimeouts count from it. */
  startedAt?: number;
  /** Containers with a health check: the last health Docker reported (health.ts). */
  health?: HealthRecord;
  /** restartPolicy: restarts made in place (ECS's RestartCount) and when the last was made (engine clock, ms). */
  restartCount?: number;
  lastRestartAt?: number;
  /** Docker's StartedAt of the run whose exit led to the last restart: an exit of that run seen again is stale. */
  restartedRunStartedAt?: number;
  /** Per-container id in the task metadata URIs (ECS's V3EndpointID), saved before create. */
  v3EndpointId?: string;
}

export interface TaskRecord {
  schema: number;
  taskArn: string;
  /** The container instance this state belongs to (state of another instance id is discarded). */
  instanceId: string;
  /** The assignment as received. */
  task: Task;
  taskDefinition: TaskDefinition;
  desiredStatus: DesiredStatus;
  knownStatus: TaskStatus;
  /** Task-level reason (e.g. a task that cannot be run here). */
  reason?: string;
  /** CgroupParent in use (created by cgroup.ts), removed at cleanup. */
  cgroupParent?: string;
  /** The task cgroup step is done (cgroupParent set, or no task-level limit / not possible here). */
  cgroupReady?: boolean;
  /** Task volumes with their Docker names, saved before any is created (task-resources.ts). */
  volumes?: VolumeRecord[];
  /** The pidMode/ipcMode `task` namespace container, saved before it is created. */
  pause?: PauseRecord;
  /** Volumes and pause container are in place: containers may be created. */
  resourcesReady?: boolean;
  containers: ContainerRecord[];
  /** Epoch seconds, agent clock. */
  pullStartedAt?: number;
  pullStoppedAt?: number;
  executionStoppedAt?: number;
  /** Counter of the last report made (0: none yet). */
  counter: number;
  /** Highest counter the server acknowledged. */
  ackedCounter: number;
  /** The last report made; unacknowledged while its counter > ackedCounter. */
  lastReport?: TaskStateReport;
  /** Epoch ms (agent clock) when the task became STOPPED: cleanup runs cleanupWaitMs later. */
  stoppedAt?: number;
  /**
   * The unguessable id of the task role's credentials at the credentials endpoint (a task with a taskRoleArn:
   * AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/credentials/ID). Saved, so containers keep their URI across
   * agent restarts; the credentials themselves are never saved.
   */
  credentialsId?: string;
  /**
   * The id of the execution role's credentials (a task with an executionRoleArn): for the agent's own use,
   * Docker's awslogs driver (awslogs-credentials-endpoint); answered on loopback only, never to a container.
   */
  executionCredentialsId?: string;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** File name of a task: its id when that is a plain name, else a hash of the ARN. */
export function taskFileName(taskArn: string): string {
  const id = taskArn.slice(taskArn.lastIndexOf('/') + 1);
  return `${SAFE_ID.test(id) ? id : createHash('sha256').update(taskArn).digest('hex').slice(0, 40)}.json`;
}

export class LocalState {
  readonly dir: string;
  private readonly log: Logger;
  private readonly chains = new Map<string, Promise<void>>();

  constructor(dataDir: string, log: Logger) {
    this.dir = path.join(dataDir, 'tasks');
    this.log = log;
  }

  /** Every saved task (creates the directory; drops leftover temporary files; sets aside unreadable ones). */
  async load(): Promise<TaskRecord[]> {
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const out: TaskRecord[] = [];
    for (const f of (await fsp.readdir(this.dir)).sort()) {
      const p = path.join(this.dir, f);
      if (f.endsWith('.tmp')) {
        await fsp.rm(p, { force: true });
        continue;
      }
      if (!f.endsWith('.json')) continue;
      try {
        const rec = JSON.parse(await fsp.readFile(p, 'utf8')) as TaskRecord;
        if (rec.schema !== STATE_SCHEMA || typeof rec.taskArn !== 'string' || !Array.isArray(rec.containers)) throw new Error(`unsupported record (schema ${rec.schema})`);
        out.push(rec);
      } catch (e) {
        const aside = `${p}.corrupt-${Date.now()}`;
        this.log.error('unreadable task state set aside', { file: p, movedTo: aside, error: (e as Error).message });
        await fsp.rename(p, aside).catch(() => undefined);
      }
    }
    return out;
  }

  /** Saves a snapshot of `rec` as it is now; resolves when it is durable. */
  save(rec: TaskRecord): Promise<void> {
    const data = JSON.stringify(rec);
    return this.enqueue(rec.taskArn, () => this.writeAtomic(taskFileName(rec.taskArn), data));
  }

  remove(taskArn: string): Promise<void> {
    return this.enqueue(taskArn, async () => {
      await fsp.rm(path.join(this.dir, taskFileName(taskArn)), { force: true });
      await this.syncDir();
    });
  }

  /** Resolves when every write issued so far is done. */
  async flush(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  private enqueue(key: string, op: () => Promise<void>): Promise<void> {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(op, op);
    const tail = next.catch((e) => this.log.error('task state write failed', { taskArn: key, error: (e as Error).message }));
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    return next;
  }

  private async writeAtomic(file: string, data: string): Promise<void> {
    const final = path.join(this.dir, file);
    const tmp = `${final}.tmp`;
    const fh = await fsp.open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(data, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, final);
    await this.syncDir();
  }

  private async syncDir(): Promise<void> {
    const dh = await fsp.open(this.dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }
}
