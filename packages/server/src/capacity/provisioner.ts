// Tasks waiting for capacity (issue 22 §6), on the leader. A task of a capacity provider with managed
// scaling that found no room at launch was created PROVISIONING (handlers/tasks/run-task.ts); here it is
// placed once a machine of its provider has room, or stopped after a bounded time, as ECS does.
//
// What wakes a placement is a watch, never a poll over tasks: the provisioner keeps the waiting tasks (the
// tasks-provisioning-since index of state/tasks.ts: creation time, cluster, provider, id, reservation) in
// memory from a list and a watch, and watches the instance records and the agents' sessions. A change of an
// instance of a cluster where tasks wait (one joined, one freed resources, one's agent connected) marks that
// cluster's waiting providers; a pass then reads only their waiting tasks (the PROVISIONING bucket of the
// status index, by provider) and places each, oldest first, on the instance informer's snapshot, with the
// constraints and strategies the task was launched with (its provider's attribute among them). A task's
// placement is one transaction, as a launch's: the task (compared at the revision read: a StopTask
// meanwhile wins) becomes PENDING on the instance, its assignment is written, the instance's resources are
// taken (compared at its revision: a lost compare leaves the task waiting and marks the pass again).
// A task that waited longer than the timeout is stopped with ECS's stop code and reason
// (core's PROVISIONING_TIMEOUT_STOP), through StopTask's write.
//
// The managed scaling pass asks waitingMachines(cluster, provider): the machines the waiting tasks need,
// packed first-fit on machines the size of the provider's largest (1 when it has none yet: the first
// machine that joins tells the size of the next).
import {
  CAPACITY_PROVIDER_ATTRIBUTE, PROVISIONING_TIMEOUT_STOP, packedMachines, parseQuery, parseTaskDefinitionRef, provisionedTask, querySubjects, taskReservation,
  type Resource, type TaskDefinition,
} from '@berth/core';
import { CompactedError, type Watch, type WatchEvent } from '@berth/store';
import type { ServerContext } from '../context.js';
import { rangeAll } from '../state/kit.js';
import { INSTANCES_ROOT } from '../state/instances.js';
import { SESSIONS_PREFIX } from '../state/sessions.js';
import { PROVISIONING_SINCE_ROOT, getTasks, parseProvisioningKey, provisioningTasksPrefix, taskKey, taskOps, type TaskRecord } from '../state/tasks.js';
import { getRevision } from '../state/task-definitions.js';
import { assignmentOp } from '../state/assignments.js';
import { taskEventOps } from '../events/publish.js';
import { requestTaskStop } from '../handlers/tasks/stop.js';
import { instanceWrite, liveInstances, place, withListenerPorts, withTasksTaken, type LaunchSpec } from '../handlers/tasks/launch-plan.js';
import type { CachedInstance } from '../informers/instances.js';

/** ECS stops a task that waits for capacity after a while; Berth's default (docs/autoscaling.md). */
export const DEFAULT_PROVISIONING_TIMEOUT_MS = 30 * 60_000;

export interface ProvisionerOptions {
  /** How long a task may wait PROVISIONING before it is stopped (default 30 minutes). */
  timeoutMs?: number;
  /** How long a change is left to settle before a pass (default 200 ms). */
  debounceMs?: number;
}

export interface Provisioner {
  /** Machines the tasks waiting for the provider in the cluster need (the managed scaling pass's `waiting`). */
  waitingMachines(cluster: string, provider: string): Promise<number>;
  /** Resolves once the passes under way are done (tests). */
  settled(): Promise<void>;
  sizes(): Record<string, number>;
  stop(): Promise<void>;
}

interface Waiting { sinceMs: number; cpu: number; memory: number }

const pairKey = (cluster: string, provider: string) => `${cluster}/${provider}`;

export function startProvisioner(ctx: ServerContext, opts: ProvisionerOptions = {}): Provisioner {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PROVISIONING_TIMEOUT_MS;
  const debounceMs = opts.debounceMs ?? 200;
  /** cluster/provider -> waiting task id -> what it waits with. */
  let waiting = new Map<string, Map<string, Waiting>>();
  const dirty = new Set<string>();
  let watches: Watch[] = [];
  let generation = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let retry: NodeJS.Timeout | undefined;

  const markCluster = (cluster: string | undefined) => {
    for (const k of waiting.keys()) if (cluster === undefined || k.startsWith(`${cluster}/`)) dirty.add(k);
    schedule();
  };

  function schedule(delayMs = debounceMs): void {
    if (stopped || timer || dirty.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(passAll).catch((e) => ctx.log.warn('provisioning pass failed', { error: String((e as Error)?.message ?? e) }));
    }, delayMs);
    timer.unref();
  }

  function apply(events: WatchEvent[]): void {
    for (const e of events) {
      const key = e.type === 'put' ? e.kv.key : e.key;
      if (key.startsWith(PROVISIONING_SINCE_ROOT)) {
        const { sinceMs, cluster, provider, id } = parseProvisioningKey(key);
        const k = pairKey(cluster, provider);
        if (e.type === 'put') {
          const v = JSON.parse(e.kv.value.toString('utf8')) as { c: number; m: number };
          let m = waiting.get(k);
          if (!m) waiting.set(k, (m = new Map()));
          m.set(id, { sinceMs, cpu: v.c, memory: v.m });
          // A machine may have freed between its launch's placement and its commit: look once.
          dirty.add(k);
          schedule();
        } else {
          const m = waiting.get(k);
          m?.delete(id);
          if (m?.size === 0) waiting.delete(k);
        }
      } else if (key.startsWith(INSTANCES_ROOT)) {
        if (waiting.size) markCluster(key.slice(INSTANCES_ROOT.length).split('/')[0]);
      } else if (key.startsWith(SESSIONS_PREFIX) && e.type === 'put') {
        if (waiting.size) markCluster(undefined);
      }
    }
  }

  async function start(): Promise<void> {
    const gen = ++generation;
    await Promise.all(watches.splice(0).map((w) => w.cancel().catch(() => {})));
    const revision = await ctx.store.revision();
    const listed = new Map<string, Map<string, Waiting>>();
    waiting = listed;
    apply((await rangeAll(ctx.store, PROVISIONING_SINCE_ROOT, { revision })).map((kv) => ({ type: 'put', kv })));
    if (gen !== generation || stopped) return;
    for (const prefix of [PROVISIONING_SINCE_ROOT, INSTANCES_ROOT, SESSIONS_PREFIX]) {
      const w = await ctx.store.watch(prefix, {
        onEvents: (events) => {
          if (gen === generation && !stopped) apply(events);
        },
        onError: (err) => {
          if (gen !== generation || stopped) return;
          ctx.log.warn('provisioner watch failed; relisting', { error: err.message, compacted: err instanceof CompactedError });
          clearTimeout(retry);
          retry = setTimeout(() => void start().catch(() => undefined), 500);
          retry.unref();
        },
      }, { fromRevision: revision + 1 });
      if (gen !== generation || stopped) {
        await w.cancel().catch(() => {});
        return;
      }
      watches.push(w);
    }
  }

  /** One pass: stops the tasks that waited too long, then places what the dirty pairs can take. */
  async function passAll(): Promise<void> {
    const now = ctx.now() * 1000;
    for (const [k, m] of waiting) {
      const [cluster] = k.split('/');
      for (const [id, w] of [...m]) {
        if (w.sinceMs + timeoutMs > now) continue;
        await requestTaskStop(ctx, cluster!, id, PROVISIONING_TIMEOUT_STOP.stoppedReason, { stopCode: PROVISIONING_TIMEOUT_STOP.stopCode, onlyIf: (t) => t.lastStatus === 'PROVISIONING' })
          .then(() => ctx.log.info('task stopped: no capacity in time', { cluster, task: id, waitedMs: now - w.sinceMs }))
          .catch((e) => ctx.log.warn('a task waiting too long could not be stopped', { cluster, task: id, error: String((e as Error)?.message ?? e) }));
        m.delete(id);
      }
    }
    const pairs = [...dirty];
    dirty.clear();
    for (const k of pairs) {
      const slash = k.indexOf('/');
      if (!waiting.get(k)?.size) continue;
      const again = await placeWaiting(k.slice(0, slash), k.slice(slash + 1));
      if (again) dirty.add(k);
    }
    if (dirty.size) schedule(Math.max(debounceMs, 500));
  }

  /** Places the provider's waiting tasks that fit now; true when a compare was lost (look again). */
  async function placeWaiting(cluster: string, provider: string): Promise<boolean> {
    if (!ctx.instances) return false;
    // The waiting tasks, from the PROVISIONING bucket of this provider only.
    const ids = (await rangeAll(ctx.store, provisioningTasksPrefix(cluster, provider))).map((kv) => kv.key.slice(kv.key.lastIndexOf('/') + 1));
    const recs = (await getTasks(ctx.store, cluster, ids)).filter((r): r is NonNullable<typeof r> => r !== null && r.value.task.lastStatus === 'PROVISIONING' && r.value.task.desiredStatus !== 'STOPPED');
    recs.sort((a, b) => (a.value.task.createdAt ?? 0) - (b.value.task.createdAt ?? 0));
    const view = await ctx.instances.snapshot(cluster);
    // A copy: it is written below, and the informer's array is shared.
    const working = [...liveInstances(view)];
    const at = new Map(working.map((c, i) => [c.rec.id, i]));
    const tds = new Map<string, TaskDefinition | null>();
    for (const { value: rec, modRevision } of recs) {
      const arn = rec.task.taskDefinitionArn!;
      if (!tds.has(arn)) {
        const { family, revision } = parseTaskDefinitionRef(arn);
        tds.set(arn, (await getRevision(ctx.store, family, revision ?? 0))?.value.taskDefinition ?? null);
      }
      const td = tds.get(arn);
      if (!td) continue;
      const spec = await specOf(rec, td, cluster, provider);
      const { placed, visited } = place(ctx, spec, view, 1, working);
      const id = placed.placements[0];
      if (id === undefined) continue;
      const s = visited.get(id)!;
      const task = provisionedTask(rec.task, { ...s.rec.instance, id: s.rec.id }, ctx.identity, cluster);
      const { waiting: _w, ...rest } = rec;
      const next: TaskRecord = { ...rest, containerInstanceId: s.rec.id, task };
      const iw = instanceWrite(ctx, cluster, s, withTasksTaken(spec, s.rec, placed.remaining.get(id)!, [id]));
      const txn = {
        compare: [{ key: taskKey(cluster, rec.id), modRevision }, ...iw.compare],
        success: [...taskOps(next, rec), assignmentOp(next), ...taskEventOps(ctx, cluster, task, rec.task), ...iw.success],
      };
      const res = await ctx.store.txn(txn);
      if (!res.succeeded) return true;
      ctx.instances.observe(res.revision, txn.success);
      working[at.get(id)!] = { rec: iw.record, modRevision: res.revision } satisfies CachedInstance;
      ctx.log.info('waiting task placed', { cluster, capacityProvider: provider, task: rec.id, containerInstance: id });
    }
    return false;
  }

  async function specOf(rec: TaskRecord, td: TaskDefinition, cluster: string, provider: string): Promise<LaunchSpec> {
    const constraints = rec.waiting?.constraints ?? [];
    const t = rec.task;
    return withListenerPorts(ctx, {
      cluster, td, launchType: t.launchType === 'EXTERNAL' ? 'EXTERNAL' : 'EC2', tags: t.tags ?? [], constraints,
      countsRunning: constraints.some((c) => c.type === 'memberOf' && querySubjects(parseQuery(c.expression ?? '')).has('runningTasksCount')),
      effectiveGroup: t.group ?? `family:${td.family}`,
      reservation: rec.reservation ?? taskReservation(td, t.overrides),
      strategies: rec.waiting?.strategies ?? [],
      capacityProvider: { name: provider, managed: true },
    });
  }

  async function waitingMachines(cluster: string, provider: string): Promise<number> {
    const m = waiting.get(pairKey(cluster, provider));
    if (!m?.size) return 0;
    let size: { cpu: number; memory: number } | undefined;
    for (const { rec } of (await ctx.instances?.snapshot(cluster))?.instances ?? []) {
      if (rec.instance.attributes?.find((a) => a.name === CAPACITY_PROVIDER_ATTRIBUTE)?.value !== provider) continue;
      const reg = (n: string) => rec.instance.registeredResources?.find((r: Resource) => r.name === n)?.integerValue ?? 0;
      if (!size || reg('CPU') + reg('MEMORY') > size.cpu + size.memory) size = { cpu: reg('CPU'), memory: reg('MEMORY') };
    }
    if (!size) return 1;
    return packedMachines([...m.values()], size);
  }

  void start().catch((e) => ctx.log.warn('provisioner failed to start', { error: String((e as Error)?.message ?? e) }));
  // Timeouts are due without any change: a tick over the waiting tasks only (none: nothing to do).
  const tick = setInterval(() => {
    if (waiting.size === 0) return;
    const now = ctx.now() * 1000;
    for (const m of waiting.values()) {
      for (const w of m.values()) {
        if (w.sinceMs + timeoutMs <= now) {
          running = running.then(passAll).catch(() => undefined);
          return;
        }
      }
    }
  }, Math.max(50, Math.min(1000, timeoutMs / 4)));
  tick.unref();

  return {
    waitingMachines,
    async settled() {
      await running;
    },
    sizes: () => ({ pairs: waiting.size, waiting: [...waiting.values()].reduce((n, m) => n + m.size, 0) }),
    async stop() {
      stopped = true;
      clearInterval(tick);
      clearTimeout(timer);
      clearTimeout(retry);
      await Promise.all(watches.splice(0).map((w) => w.cancel().catch(() => {})));
      await running;
    },
  };
}
