// An Engine on the real dockerd for the Docker tests of task resources (volumes, namespaces): unique
// instance ids, a temp data dir, and cleanup of every container of those instances, every volume and
// image the test registers, and the temp dirs.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { ContainerStateChange, Task, TaskDefinition, TaskStateReport } from '@berth/core';
import { Engine, INSTANCE_LABEL, taskFileName, type EngineOptions, type TaskRecord } from '../src/engine/index.js';
import { DockerRuntime } from '../src/runtime/index.js';
import { Reports, batch, captureLogger, tempDir, uniq, until, withDesired } from './fixtures.js';

export const rt = new DockerRuntime();
export const docker = rt.docker;
/** The busybox binary for applets the test image has no link for (ps, readlink, ping, mv...). */
export const BB = '/bin/busybox';
/** Runs `script`, then idles until SIGTERM (exit 0). */
export const script = (s: string): string[] => ['/bin/sh', '-c', `${s}\ntrap 'exit 0' TERM; while true; do sleep 0.1; done`];
/** Shell: write the output of `cmd` to /out/<name> atomically. */
export const out = (name: string, cmd: string): string => `{ ${cmd}; } > /out/${name}.tmp 2>&1; ${BB} mv /out/${name}.tmp /out/${name}`;

export interface Harness {
  engine: Engine;
  reports: Reports;
  logs: ReturnType<typeof captureLogger>;
  instanceId: string;
  dataDir: string;
}

export class Resources {
  readonly instances: string[] = [];
  readonly engines: Engine[] = [];
  readonly volumes: string[] = [];
  readonly images: string[] = [];
  readonly dirs: (() => void)[] = [];

  newInstance(): { instanceId: string; dataDir: string } {
    const instanceId = uniq('bt');
    this.instances.push(instanceId);
    const tmp = tempDir('berth-res');
    this.dirs.push(tmp.cleanup);
    return { instanceId, dataDir: tmp.dir };
  }

  /** A host directory for bind mounts (removed in teardown). */
  hostDir(): string {
    const tmp = tempDir('berth-res-host');
    this.dirs.push(tmp.cleanup);
    return tmp.dir;
  }

  async open(where: { instanceId: string; dataDir: string }, o: Partial<EngineOptions> = {}): Promise<Harness> {
    const reports = new Reports();
    const logs = captureLogger();
    const engine = await Engine.open({
      runtime: rt,
      dataDir: where.dataDir,
      cluster: 'test',
      instanceId: where.instanceId,
      instanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/test/${where.instanceId}`,
      pullBehavior: 'prefer-cached',
      stopTimeoutSec: 2,
      cleanupWaitMs: 200,
      steadyPollMs: 60_000,
      hostIp: '127.0.0.1',
      pullRetry: { attempts: 1, delayMs: 50, maxDelayMs: 100 },
      log: logs.log,
      onReport: reports.push,
      ...o,
    });
    this.engines.push(engine);
    return { engine, reports, logs, ...where };
  }

  async teardown(): Promise<void> {
    for (const e of this.engines) await e.close().catch(() => undefined);
    for (const inst of this.instances) for (const c of await rt.listByLabel(INSTANCE_LABEL, inst)) await rt.remove(c.id);
    for (const v of this.volumes) await rt.removeVolume(v).catch(() => undefined);
    for (const i of this.images) await docker.getImage(i).remove({ force: true }).catch(() => undefined);
    for (const d of this.dirs) d();
  }
}

export const assign = (tk: Task, td: TaskDefinition) => ({ task: tk, taskDefinition: td });
export const byName = (cs: ContainerStateChange[], n: string) => cs.find((c) => c.containerName === n)!;

/** Waits for /<dir>/<name> (written by `out`) and returns it. */
export const readOut = (dir: string, name: string, timeoutMs = 20_000): Promise<string> =>
  until(() => existsSync(path.join(dir, name)) && readFileSync(path.join(dir, name), 'utf8'), `${name} written by the container`, timeoutMs);

export function record(h: Harness, taskArn: string): TaskRecord {
  return JSON.parse(readFileSync(path.join(h.dataDir, 'tasks', taskFileName(taskArn)), 'utf8')) as TaskRecord;
}

/** Stops the task, acknowledges its STOPPED report and waits until it is cleaned up. */
export async function stopAndClean(h: Harness, tk: Task, td: TaskDefinition): Promise<TaskStateReport> {
  h.engine.applyAssignments(batch([assign(withDesired(tk, 'STOPPED'), td)]));
  const stopped = await h.reports.status(tk.taskArn!, 'STOPPED');
  await until(() => {
    h.engine.ackReport(tk.taskArn!, h.reports.of(tk.taskArn!).at(-1)!.counter);
    return !existsSync(path.join(h.dataDir, 'tasks', taskFileName(tk.taskArn!)));
  }, 'task cleaned up');
  return stopped;
}

export const volumeExists = (name: string): Promise<boolean> => rt.inspectVolume(name).then(() => true, () => false);

export { writeFileSync, mkdirSync };
