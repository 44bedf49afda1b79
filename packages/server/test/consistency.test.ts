// Consistency under a seeded random mix of writers: RunTask and StopTask through either of two servers on
// one store, agent reports (applyTaskReport alone, or applyTaskReports in batches as the dispatcher applies
// them), agents lost and back, instances
// deregistered with force and new ones registered, a service the leader keeps scaled, retention, and the
// leader closed and replaced by a new server. Several actions run at once, so writers conflict for real.
// Then, once the control plane is quiet, every index and count is recomputed from the records and compared
// with what the store holds (state-check.ts). On the file store and on etcd (a namespace of the shared one).
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import type { TaskStateReport } from '@berth/core';
import { FileStore, type Store } from '@berth/store';
import { startServer, silentLogger, putSession, sessionKey, type RunningServer } from '../src/index.js';
import { applyTaskReport, applyTaskReports, type QueuedReport } from '../src/dispatch/task-reports.js';
import { sweepRetention } from '../src/controllers/leader/retention.js';
import { checkState } from './state-check.js';
import { clearEtcdNamespace, etcdNamespace, openEtcdNamespace, sleep, tasksOf, until } from './helpers.js';

const SEED = Number(process.env.BERTH_CONSISTENCY_SEED ?? 20261201);
const STEPS = 60;
const AT_ONCE = 4;

/** mulberry32: a small seeded generator, so a failing mix can be replayed with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Replica { server: RunningServer; client: BerthClient; store: Store }

async function scenario(t: Tap, open: () => Promise<Store>) {
  const random = prng(SEED);
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(random() * xs.length)] : undefined);
  const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
  const opened: Store[] = [];
  const start = async (): Promise<Replica> => {
    const store = await open();
    opened.push(store);
    const server = await startServer({
      insecure: true,
      listen: '127.0.0.1:0', store, log: silentLogger, leaderTtlSeconds: 2,
      services: { settleSeconds: 0.2, throttleBaseSeconds: 0.2, throttleMaxSeconds: 1, resyncSeconds: 1, agentLostGraceSeconds: 1 },
    });
    return { server, client: new BerthClient(server.addr), store };
  };
  const stop = async (r: Replica) => {
    r.client.close();
    await r.server.close();
  };
  let replicas = [await start(), await start()];
  const store = replicas[0]!.store;
  t.teardown(async () => {
    for (const r of replicas) await stop(r);
    const closed = new Set<Store>();
    for (const s of opened) if (!closed.has(s)) { closed.add(s); await s.close(); }
  });
  const client = () => pick(replicas)!.client;
  const ctx = () => pick(replicas)!.server.ctx;

  const cluster = 'mix';
  await client().call('CreateCluster', { clusterName: cluster });
  await client().call('RegisterTaskDefinition', { family: 'app', containerDefinitions: [{ name: 'c', image: 'busybox', memory: 64 }] });
  const instances: string[] = [];
  const register = async () => {
    const { containerInstance } = await client().call('RegisterContainerInstance', {
      cluster, totalResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: 4096 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: [] }, { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
      ],
    });
    const id = idOf(containerInstance!.containerInstanceArn!);
    await putSession(store, id, { sessionId: 'mix', cluster, since: 0 });
    instances.push(id);
  };
  for (let i = 0; i < 4; i++) await register();
  await client().call('CreateService', { cluster, serviceName: 'web', taskDefinition: 'app', desiredCount: 4 });

  const counters = new Map<string, number>();
  const report = (instanceId: string, taskArn: string, lastStatus: TaskStateReport['lastStatus'], exitCode?: number): QueuedReport => {
    const counter = (counters.get(taskArn) ?? 0) + 1;
    counters.set(taskArn, counter);
    return { instanceId, report: { taskArn, counter, lastStatus, containers: [{ containerName: 'c', status: lastStatus, ...(exitCode !== undefined ? { exitCode } : {}) }] } };
  };
  const done = { runs: 0, stops: 0, reports: 0, losses: 0, returns: 0, deregistrations: 0, failovers: 0, sweeps: 0 };
  const actions: (() => Promise<void>)[] = [
    async () => { await client().call('RunTask', { cluster, taskDefinition: 'app', count: 1 + Math.floor(random() * 3) }); done.runs++; },
    async () => {
      const live = (await tasksOf(store, cluster)).filter((r) => r.task.desiredStatus === 'RUNNING');
      const r = pick(live);
      if (r) { await client().call('StopTask', { cluster, task: r.id }); done.stops++; }
    },
    // The agents move their tasks: PENDING -> RUNNING, asked to stop -> STOPPED, sometimes an essential exit;
    // alone or in a batch, as the dispatcher applies them.
    async () => {
      const moving = (await tasksOf(store, cluster)).filter((r) => r.task.lastStatus !== 'STOPPED');
      const reports: QueuedReport[] = [];
      for (const r of moving.filter(() => random() < 0.5)) {
        if (r.task.desiredStatus === 'STOPPED') reports.push(report(r.containerInstanceId, r.task.taskArn!, 'STOPPED', 143));
        else if (r.task.lastStatus === 'PENDING') reports.push(report(r.containerInstanceId, r.task.taskArn!, 'RUNNING'));
        else if (random() < 0.2) reports.push(report(r.containerInstanceId, r.task.taskArn!, 'STOPPED', 1));
      }
      if (random() < 0.5) await applyTaskReports(ctx(), reports);
      else for (const q of reports) await applyTaskReport(ctx(), q.instanceId, q.report);
      done.reports += reports.length;
    },
    // An agent goes away (its session key with it), or comes back.
    async () => {
      const id = pick(instances);
      if (!id) return;
      if ((await store.get(sessionKey(id))) && random() < 0.5) { await store.delete(sessionKey(id)); done.losses++; }
      else { await putSession(store, id, { sessionId: 'mix', cluster, since: 0 }); done.returns++; }
    },
    async () => {
      if (random() < 0.7 || instances.length < 3) return;
      const id = instances.splice(Math.floor(random() * instances.length), 1)[0]!;
      await client().call('DeregisterContainerInstance', { cluster, containerInstance: id, force: true });
      await register();
      done.deregistrations++;
    },
    async () => { await sweepRetention(ctx(), 1); done.sweeps++; },
  ];

  for (let step = 0; step < STEPS; step++) {
    // Now and then the leader goes (closed, as on SIGTERM) and a new server takes its place.
    if (step % 20 === 19) {
      const leader = replicas.find((r) => r.server.leader.isLeader) ?? replicas[0]!;
      replicas = replicas.filter((r) => r !== leader);
      await stop(leader);
      replicas.push(await start());
      done.failovers++;
    }
    await Promise.all(Array.from({ length: AT_ONCE }, () => pick(actions)!().catch((e: { ecsName?: string; message?: string }) => {
      // Refusals the mix can provoke (no room left, a task already gone) are answers, not faults.
      if (!e.ecsName) throw e;
    })));
  }
  t.comment(`seed ${SEED}: ${JSON.stringify(done)}`);
  t.ok(done.runs > 0 && done.reports > 0 && done.failovers > 0, 'the mix ran every kind of writer');

  // Quiet: no writer left but the controllers, until they stop writing.
  // Quiet is judged by this scenario's own keys: on etcd the store revision is the whole etcd's, which other
  // tests running beside this one keep moving.
  const revisions = async () => new Map((await store.range('', { keysOnly: true })).kvs.map((kv) => [kv.key, kv.modRevision]));
  let moved: string[] = [];
  const movedInWait = new Map<string, number>();
  // Keys moved in each window, in order: a steady count says a periodic writer, a falling one a slow settle.
  const windows: number[] = [];
  const waitStart = Date.now();
  try {
    await until('the control plane is quiet', async () => {
      const before = await revisions();
      await sleep(1500);
      const after = await revisions();
      moved = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k)).sort();
      for (const k of moved) movedInWait.set(shapeOf(k), (movedInWait.get(shapeOf(k)) ?? 0) + 1);
      windows.push(moved.length);
      return moved.length === 0;
    }, 60_000, 0);
  } catch (e) {
    // Say what kept moving, so a failure explains itself.
    throw new Error(`${(e as Error).message}; seed ${SEED}: ${JSON.stringify(done)}\n${await describeMoved(store, moved, movedInWait)}\nkeys moved per window: ${windows.join(' ')}`);
  }
  t.comment(`quiet after ${((Date.now() - waitStart) / 1000).toFixed(1)} s; moved meanwhile: ${JSON.stringify(Object.fromEntries(movedInWait))}`);
  t.same(await checkState(store), [], 'every index, count, group, reservation and assignment matches the records');
  const counted = await until('the leader counted the clusters', async () => {
    for (const r of replicas) await r.server.leader.flushClusterStats();
    const problems = await checkState(store, { clusterStats: true });
    return problems.length === 0 && problems;
  }, 30_000);
  t.same(counted, [], 'the cluster counts too');
  t.ok((await tasksOf(store, cluster)).length > 0, 'with tasks left to check');
}

type Tap = Parameters<Parameters<typeof t.test>[0]>[0];

/** A key with its ids (uuids, hex, numbers) as '*', so the keys that move group by kind. */
const shapeOf = (key: string) => key.split('/').map((s) => (/^[0-9a-f]{8,}(-[0-9a-f]{4,})*$|^\d+$/i.test(s) ? '*' : s)).join('/');

/** A record's scalar fields, two levels deep (task.lastStatus), as a short line. */
function keyFields(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (v === null || typeof v !== 'object') { out.push(`${path}=${JSON.stringify(v)}`); return; }
    if (depth === 2 || Array.isArray(v)) { out.push(`${path}=${Array.isArray(v) ? `[${v.length}]` : '{..}'}`); return; }
    for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, depth + 1);
  };
  walk(value, '', 0);
  const line = out.join(' ');
  return line.length > 600 ? `${line.slice(0, 600)}...` : line;
}

/** The keys of the last window by kind, a few of them in full with their values' fields, and every kind that moved while waiting. */
async function describeMoved(store: Store, moved: string[], inWait: Map<string, number>): Promise<string> {
  const byShape = new Map<string, number>();
  for (const k of moved) byShape.set(shapeOf(k), (byShape.get(shapeOf(k)) ?? 0) + 1);
  const lines = [`moved in the last window (${moved.length} keys): ${JSON.stringify(Object.fromEntries(byShape))}`];
  // One or two keys of each kind, so a kind with many keys does not hide the others.
  const shown = [...byShape.keys()].flatMap((shape) => moved.filter((k) => shapeOf(k) === shape).slice(0, 2)).slice(0, 10);
  for (const k of shown) {
    const kv = await store.get(k);
    let fields = '(deleted)';
    if (kv) {
      try { fields = `rev ${kv.modRevision} v${kv.version}: ${keyFields(JSON.parse(kv.value.toString('utf8')))}`; } catch { fields = `rev ${kv.modRevision}: ${kv.value.length} bytes, not JSON`; }
    }
    lines.push(`  ${k} ${fields}`);
  }
  lines.push(`moved while waiting (key changes per kind): ${JSON.stringify(Object.fromEntries([...inWait].sort((a, b) => b[1] - a[1])))}`);
  return lines.join('\n');
}

t.test('file store', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-consistency-'));
  const store = await FileStore.open(join(dir, 'berth.db'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // Both servers share the one file store (as replicas share an etcd).
  await scenario(t, async () => store);
});

t.test('etcd', async (t) => {
  const namespace = etcdNamespace('consistency');
  t.teardown(() => clearEtcdNamespace(namespace));
  await scenario(t, () => openEtcdNamespace(namespace));
});
