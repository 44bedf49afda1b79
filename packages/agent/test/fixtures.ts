// Hand-built ECS objects and small helpers for the engine tests.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, type Logger } from '@berth/api';
import type { AssignmentBatch, ContainerDefinition, Task, TaskDefinition, TaskOverride, TaskStateReport } from '@berth/core';

export const IMAGE = 'berth-test/busybox:latest';
/** Exits 0 on SIGTERM (the trap runs once the current 0.1 s sleep ends). */
export const LOOP = ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.1; done"];
export const SLEEP = ['/bin/sleep', '3600'];
export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

/** Unique per process and call: ids never collide across runs. */
export const RUN = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
let seq = 0;
export const uniq = (p: string) => `${p}-${RUN}-${++seq}`;

export function taskDef(family: string, containers: ContainerDefinition[], extra: Partial<TaskDefinition> = {}): TaskDefinition {
  const revision = extra.revision ?? 1;
  return {
    taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${family}:${revision}`,
    family,
    revision,
    networkMode: 'bridge',
    status: 'ACTIVE',
    containerDefinitions: containers.map((c) => ({ essential: true, image: IMAGE, cpu: 0, ...c })),
    ...extra,
  };
}

export function task(td: TaskDefinition, opts: { cluster?: string; id?: string; desiredStatus?: 'RUNNING' | 'STOPPED'; overrides?: TaskOverride; cpu?: string; memory?: string } = {}): Task {
  const cluster = opts.cluster ?? 'test';
  const id = opts.id ?? randomBytes(16).toString('hex');
  const arn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/${cluster}/${id}`;
  const t: Task = {
    taskArn: arn,
    clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${cluster}`,
    taskDefinitionArn: td.taskDefinitionArn,
    desiredStatus: opts.desiredStatus ?? 'RUNNING',
    lastStatus: 'PROVISIONING',
    launchType: 'EC2',
    overrides: opts.overrides ?? { containerOverrides: [] },
    containers: (td.containerDefinitions ?? []).map((cd, i) => ({
      name: cd.name,
      image: cd.image,
      taskArn: arn,
      containerArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:container/${cluster}/${id}/${randomBytes(4).toString('hex')}${i}`,
      lastStatus: 'PENDING',
    })),
  };
  if (opts.cpu ?? td.cpu) t.cpu = opts.cpu ?? td.cpu;
  if (opts.memory ?? td.memory) t.memory = opts.memory ?? td.memory;
  return t;
}

let batchSeq = 0;
export function batch(tasks: { task: Task; taskDefinition: TaskDefinition }[], opts: { full?: boolean; removed?: string[] } = {}): AssignmentBatch {
  return { seq: ++batchSeq, full: opts.full ?? false, tasks, removedTaskArns: opts.removed ?? [] };
}

export const withDesired = (t: Task, desiredStatus: 'RUNNING' | 'STOPPED'): Task => ({ ...t, desiredStatus });

/** A logger that keeps its lines (and prints them when BERTH_TEST_LOG is set). */
export function captureLogger(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const kept: string[] = [];
  const log = createLogger('debug', {}, (l) => {
    kept.push(l);
    if (process.env.BERTH_TEST_LOG) process.stderr.write(l);
  });
  return { log, lines: () => kept.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** Collects reports; waitFor resolves with the first (past or future) report matching. */
export class Reports {
  readonly all: TaskStateReport[] = [];
  private waiters: { pred: (r: TaskStateReport) => boolean; resolve: (r: TaskStateReport) => void }[] = [];
  readonly push = (r: TaskStateReport): void => {
    this.all.push(structuredClone(r));
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(r)) return true;
      w.resolve(r);
      return false;
    });
  };
  of(taskArn: string): TaskStateReport[] {
    return this.all.filter((r) => r.taskArn === taskArn);
  }
  waitFor(pred: (r: TaskStateReport) => boolean, what: string, timeoutMs = 30_000): Promise<TaskStateReport> {
    const past = this.all.find(pred);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for report: ${what}; got ${JSON.stringify(this.all.map((r) => [r.taskArn.slice(-6), r.counter, r.lastStatus]))}`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }
  status(taskArn: string, lastStatus: string, timeoutMs?: number): Promise<TaskStateReport> {
    return this.waitFor((r) => r.taskArn === taskArn && r.lastStatus === lastStatus, `${taskArn} ${lastStatus}`, timeoutMs);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function until<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(everyMs);
  }
}
