// Scenario churn: bounded memory and a bounded store under continuous change (issue 14 §4). Against a
// SIMULATED fleet (test/sim), with the retention windows shortened so that the run spans several of
// them (ECS keeps a stopped task about an hour; here a minute, so five minutes hold five "hours"), it
// keeps starting and stopping standalone tasks, creating, scaling, redeploying and deleting services,
// and replacing container instances (an agent leaves and its instance is deregistered, a new one
// joins). Every sample it records the control plane's RSS and live heap (after a forced GC), the
// store's size (file store: the SQLite file, WAL and index on disk; etcd: its database size and the
// part in use, from the status API) and the live keys under /berth/v1/ by kind. Then, for every
// series, whether it levels off (LEVEL_OFF_RULE in lib.mjs); at full size a series that does not fails
// the run (exit 1), QUICK only reports. Once on the file store, once on a private etcd (started here,
// so its size and keys are this run's alone). Not in the default `make bench`: `make bench SCENARIO=churn`.
//   BENCH_CHURN_SECONDS: churn time per store (default 300, QUICK 30); BENCH_STORES=file,etcd
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateEtcd } from '@berth/store';
import { startServerProcess } from '../sim/server-process.mjs';
import { cpuMicros, etcdPid, procCpu, procRss } from '../sim/process-stats.mjs';
import { etcdStatus, fileStoreBytes } from '../sim/store-stats.mjs';
import { LEVEL_OFF_RULE, QUICK, describeAllTasks, fmt, levelsOff, listAllTasks, record, simulatedCluster, sleep } from './lib.mjs';

const SECONDS = Number(process.env.BENCH_CHURN_SECONDS ?? (QUICK ? 30 : 300));
const SAMPLE_S = QUICK ? 3 : 15;
const STORES = (process.env.BENCH_STORES ?? 'file,etcd').split(',');
/** Task, event and INACTIVE-service retention (ECS: an hour). */
const RETENTION_S = QUICK ? 8 : 60;
const INSTANCES = QUICK ? 30 : 200;
/** Standalone tasks started per second; each runs a uniform 50-150% of TASK_LIFE_S, then StopTask. */
const TASK_RATE = QUICK ? 20 : 50;
const TASK_LIFE_S = QUICK ? 3 : 20;
/** Services alive at once; each lives about SERVICE_LIFE_S, changed about every SERVICE_CHANGE_S. */
const SERVICES = QUICK ? 4 : 20;
const SERVICE_LIFE_S = QUICK ? 8 : 60;
const SERVICE_CHANGE_S = QUICK ? 2 : 10;
const SERVICE_MAX_COUNT = 10;
/** One instance replaced (agent stopped, instance deregistered, a new one registered) this often. */
const INSTANCE_REPLACE_S = QUICK ? 3 : 10;
/**
 * Calls in flight above which a RunTask tick is skipped (and counted). On a quiet machine about 30 are in
 * flight; a control plane starved of CPU (a busy shared machine) would otherwise receive 50 tasks/s it
 * cannot take, and its queue of calls (heap, RSS, tasks waiting to be stopped) would grow for as long as
 * the run lasts: overload, not a leak. Skipping keeps every other action, and StopTask always goes.
 */
const MAX_IN_FLIGHT = 100;
const SERVER_OPTIONS = {
  taskRetentionSeconds: RETENTION_S,
  eventRetentionSeconds: RETENTION_S,
  services: { settleSeconds: QUICK ? 1 : 5, resyncSeconds: Math.max(1, Math.round(RETENTION_S / 6)), inactiveRetentionSeconds: RETENTION_S },
  // etcd history: compacted every half retention window, keeping the default 10,000 revisions (fewer at QUICK).
  compaction: { intervalMs: RETENTION_S * 500, keepRevisions: QUICK ? 500 : 10_000 },
};
/** Kinds shown in the samples table; the verdict covers every kind found. */
const SHOWN_KINDS = ['tasks', 'events', 'assignments', 'instances', 'services'];
const MiB = 2 ** 20;
const say = (m) => process.stderr.write(`  [churn] ${m}\n`);
const uniform = (mean) => mean * (0.5 + Math.random());
const randomInt = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo + 1));

/** The workload: actors that change the cluster until stop(), each call counted (errors by action). */
function startChurn({ client, cluster, fleet }) {
  let stopping = false;
  let wake;
  const stopped = new Promise((r) => (wake = r));
  /** sleep(), cut short by stop(). */
  const nap = (ms) => Promise.race([sleep(ms), stopped]);
  const inflight = new Set();
  const counts = { tasksStarted: 0, tasksStopped: 0, servicesCreated: 0, serviceUpdates: 0, servicesDeleted: 0, instancesReplaced: 0, runTaskTicksSkipped: 0 };
  const errors = new Map();
  const fail = (what, e) => {
    const key = `${what}: ${String(e?.message ?? e).slice(0, 120)}`;
    errors.set(key, (errors.get(key) ?? 0) + 1);
  };
  const call = (action, req) => {
    const p = client.call(action, req).catch((e) => void fail(action, e));
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    return p;
  };
  const timers = new Set();
  const later = (ms, f) => {
    if (stopping) return;
    const t = setTimeout(() => {
      timers.delete(t);
      f();
    }, ms);
    timers.add(t);
  };

  // A task the workload started is stopped, however long that takes: a StopTask that failed (a deadline
  // on a busy machine) is tried again a second later, or the task would live on, forgotten.
  const stopTask = (taskArn) => void call('StopTask', { cluster, task: taskArn, reason: 'churn' }).then((s) => {
    if (s) counts.tasksStopped++;
    else later(1000, () => stopTask(taskArn));
  });
  // Standalone tasks: RunTask every 100 ms for what the rate owes (not while MAX_IN_FLIGHT calls wait),
  // each stopped after its lifetime.
  let owed = 0;
  const taskTick = setInterval(() => {
    if (inflight.size >= MAX_IN_FLIGHT) {
      counts.runTaskTicksSkipped++;
      return;
    }
    owed += TASK_RATE / 10;
    const n = Math.min(10, Math.floor(owed));
    if (n === 0) return;
    owed -= n;
    void call('RunTask', { cluster, taskDefinition: `${cluster}:1`, count: n, startedBy: 'churn' }).then((r) => {
      for (const f of r?.failures ?? []) fail('RunTask placement failure', f.reason);
      for (const t of r?.tasks ?? []) {
        counts.tasksStarted++;
        later(uniform(TASK_LIFE_S) * 1000, () => stopTask(t.taskArn));
      }
    });
  }, 100);

  // Services: each slot creates one, scales or redeploys it (the other revision) now and then, deletes it
  // at the end of its life and starts the next; the slots start spread over one service lifetime.
  let serial = 0;
  const serviceSlot = async (slot) => {
    await nap(Math.random() * SERVICE_LIFE_S * 1000);
    while (!stopping) {
      const name = `churn-${slot}-${serial++}`;
      if (!(await call('CreateService', { cluster, serviceName: name, taskDefinition: `${cluster}:1`, desiredCount: randomInt(1, SERVICE_MAX_COUNT), deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200 } }))) {
        await nap(1000);
        continue;
      }
      counts.servicesCreated++;
      let revision = 1;
      const end = Date.now() + uniform(SERVICE_LIFE_S) * 1000;
      while (!stopping && Date.now() < end) {
        await nap(uniform(SERVICE_CHANGE_S) * 1000);
        if (stopping) break;
        const change = Math.random() < 0.5 ? { desiredCount: randomInt(0, SERVICE_MAX_COUNT) } : { taskDefinition: `${cluster}:${(revision = 3 - revision)}` };
        if (await call('UpdateService', { cluster, service: name, ...change })) counts.serviceUpdates++;
      }
      // As with tasks: a service the workload created is deleted, however many tries that takes.
      let deleted;
      while (!(deleted = await call('DeleteService', { cluster, service: name, force: true })) && !stopping) await nap(1000);
      if (deleted) counts.servicesDeleted++;
    }
  };
  const slots = Array.from({ length: SERVICES }, (_, i) => serviceSlot(i));

  // Instances: a machine leaves (its agent stops, then it is deregistered with force: its tasks are
  // orphaned) and a new one joins.
  let replacing = false;
  const instanceTick = setInterval(async () => {
    if (replacing || stopping) return;
    replacing = true;
    try {
      const x = fleet.instances[Math.floor(Math.random() * fleet.instances.length)];
      await fleet.remove(x);
      await call('DeregisterContainerInstance', { cluster, containerInstance: x.arn, force: true });
      await fleet.add();
      counts.instancesReplaced++;
    } catch (e) {
      fail('replace instance', e);
    } finally {
      replacing = false;
    }
  }, INSTANCE_REPLACE_S * 1000);

  return {
    counts,
    errors,
    inflight: () => inflight.size,
    async stop() {
      stopping = true;
      wake();
      clearInterval(taskTick);
      clearInterval(instanceTick);
      for (const t of timers) clearTimeout(t);
      await Promise.all(slots);
      while (replacing) await sleep(50);
      await Promise.all([...inflight]);
    },
  };
}

async function runOn(kind) {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-churn-'));
  const etcd = kind === 'etcd' ? await startPrivateEtcd() : undefined;
  const storeUrl = etcd ? `etcd://${etcd.endpoint}` : `file:${join(dir, 'berth.db')}`;
  const ePid = etcd && etcdPid(storeUrl);
  const cluster = 'churn';
  let server;
  let client;
  let fleet;
  let churn;
  try {
    server = await startServerProcess({ store: storeUrl, nodeArgs: ['--expose-gc'], options: SERVER_OPTIONS, profileName: `churn-${kind}` });
    client = server.client({ deadlineMs: 60_000 });
    // Two revisions of the task definition: a service redeploys from one to the other.
    ({ fleet } = await simulatedCluster({ addr: server.addr, client, cluster, size: INSTANCES, revisions: 2, startLatencyMs: 100 }));
    say(`${kind}: ${INSTANCES} simulated instances connected; churning for ${SECONDS} s, a sample every ${SAMPLE_S} s`);

    const samples = [];
    /** Samples that could not be taken (the server's store unreachable: a starved etcd, its client's circuit breaker open). */
    const missed = [];
    const t0 = performance.now();
    let last = { at: t0, cpu: server.cpu(), etcdCpu: ePid && procCpu(ePid) };
    const sample = async () => {
      const at = performance.now();
      const cpu = server.cpu();
      const etcdCpu = ePid && procCpu(ePid);
      let stats, keys, etcdDb;
      try {
        [stats, keys, etcdDb] = await Promise.all([server.stats({ gc: true }), server.keys(), etcd ? etcdStatus(storeUrl) : undefined]);
      } catch (e) {
        // One sample lost is a gap in the series, not the end of the run (more than a quarter is: see below).
        missed.push({ t: (at - t0) / 1000, error: String(e?.message ?? e).slice(0, 160) });
        say(`${kind} t=${fmt((at - t0) / 1000)} s: sample missed: ${missed.at(-1).error}`);
        return;
      }
      const file = etcd ? undefined : fileStoreBytes(join(dir, 'berth.db'));
      const s = {
        t: (at - t0) / 1000,
        rss: stats.rss,
        heapUsed: stats.heapUsed,
        cpuPercent: (100 * cpuMicros(last.cpu, cpu)) / 1000 / (at - last.at),
        etcdCpuPercent: etcdCpu && last.etcdCpu ? (100 * cpuMicros(last.etcdCpu, etcdCpu)) / 1000 / (at - last.at) : undefined,
        etcdRss: ePid && procRss(ePid),
        storeBytes: file ? file.total : etcdDb?.dbSize,
        storeBytesInUse: etcdDb?.dbSizeInUse,
        keys,
        totalKeys: Object.values(keys).reduce((a, n) => a + n, 0),
        counts: { ...(churn?.counts ?? {}) },
        inflight: churn?.inflight() ?? 0,
      };
      last = { at, cpu, etcdCpu };
      samples.push(s);
      say(`${kind} t=${fmt(s.t)} s: RSS ${fmt(s.rss / MiB)} MiB, heap ${fmt(s.heapUsed / MiB, 1)} MiB, store ${fmt(s.storeBytes / MiB, 1)} MiB, ${s.totalKeys} keys (${SHOWN_KINDS.map((k) => `${k} ${keys[k] ?? 0}`).join(', ')}), server CPU ${fmt(s.cpuPercent)}%, ${s.inflight} calls in flight`);
    };
    await sample();
    churn = startChurn({ client, cluster, fleet });
    for (let k = 1; k * SAMPLE_S <= SECONDS; k++) {
      await sleep(Math.max(0, t0 + k * SAMPLE_S * 1000 - performance.now()));
      await sample();
    }
    if (missed.length > SECONDS / SAMPLE_S / 4) throw new Error(`${missed.length} of ${Math.floor(SECONDS / SAMPLE_S)} samples missed, the first: ${missed[0].error}`);
    // The census after the workload stops (its calls answered): under a backlog a ListTasks queued behind
    // hundreds of calls can outlast its deadline, and the samples are the result, the census a note.
    await churn.stop();
    const end = await taskCensus(client, cluster).catch((e) => ({ error: String(e?.message ?? e).slice(0, 200) }));
    return { kind, samples, missed, end, counts: churn.counts, errors: churn.errors, anomalies: fleet.ledger.anomalies, doubles: fleet.ledger.doubleStarts() };
  } finally {
    await churn?.stop();
    await fleet?.stop();
    client?.close();
    await server?.close();
    await etcd?.stop();
    rmSync(dir, { recursive: true, force: true });
    if (server) rmSync(server.dir, { recursive: true, force: true });
  }
}

/** The cluster's tasks at the end: how many by status, and the STOPPED ones retention should have deleted. */
async function taskCensus(client, cluster) {
  const arns = [...(await listAllTasks(client, cluster, 'RUNNING')), ...(await listAllTasks(client, cluster, 'STOPPED'))];
  const { tasks } = await describeAllTasks(client, cluster, arns);
  const now = Date.now() / 1000;
  const byStatus = {};
  for (const t of tasks) byStatus[t.lastStatus] = (byStatus[t.lastStatus] ?? 0) + 1;
  const ages = tasks.filter((t) => t.lastStatus === 'STOPPED' && t.stoppedAt !== undefined).map((t) => now - t.stoppedAt);
  return { byStatus, pastRetention: ages.filter((a) => a > RETENTION_S).length, oldestStoppedS: Math.max(0, ...ages) };
}

/** The series judged for one store's run: memory, store size, and keys (total and by kind). */
function series(r) {
  const pts = (f) => r.samples.map((s) => ({ t: s.t, v: f(s) }));
  const kinds = [...new Set(r.samples.flatMap((s) => Object.keys(s.keys)))].sort();
  return [
    { name: 'server RSS', unit: 'MiB', scale: MiB, points: pts((s) => s.rss) },
    { name: 'server heap used after GC', unit: 'MiB', scale: MiB, points: pts((s) => s.heapUsed) },
    ...(r.kind === 'etcd'
      ? [
          { name: 'etcd db size', unit: 'MiB', scale: MiB, points: pts((s) => s.storeBytes) },
          { name: 'etcd db size in use', unit: 'MiB', scale: MiB, points: pts((s) => s.storeBytesInUse) },
          { name: 'etcd RSS', unit: 'MiB', scale: MiB, points: pts((s) => s.etcdRss) },
        ]
      : [{ name: 'file store on disk (db + WAL + shm)', unit: 'MiB', scale: MiB, points: pts((s) => s.storeBytes) }]),
    { name: 'keys, all kinds', unit: 'keys', scale: 1, points: pts((s) => s.totalKeys) },
    ...kinds.map((k) => ({ name: `keys: ${k}`, unit: 'keys', scale: 1, points: pts((s) => s.keys[k] ?? 0) })),
  ];
}

const results = [];
for (const kind of STORES) {
  try {
    results.push(await runOn(kind));
  } catch (e) {
    say(`${kind}: FAILED: ${e.stack ?? e}`);
    process.exitCode = 1;
  }
}

const workload = `SIMULATED fleet (test/sim: the real agent session code, a simulated runtime starting tasks in 100 ms ± 50%) of ${INSTANCES} instances, one replaced every ${INSTANCE_REPLACE_S} s (its agent stops, DeregisterContainerInstance with force, a new machine joins with a join token of its own). Standalone tasks: ${TASK_RATE}/s by RunTask, each stopped by StopTask after ${TASK_LIFE_S} s ± 50%. Services: ${SERVICES} at a time, each living ${SERVICE_LIFE_S} s ± 50% (CreateService with 1-${SERVICE_MAX_COUNT} tasks; every ${SERVICE_CHANGE_S} s ± 50% scaled to 0-${SERVICE_MAX_COUNT} or redeployed to the other task definition revision; DeleteService with force), then replaced by a new one.`;
const settings = `Server settings (startServer options): task and event retention ${RETENTION_S} s (ECS: an hour; a run of ${SECONDS} s spans ${fmt(SECONDS / RETENTION_S, 1)} windows), services ${JSON.stringify(SERVER_OPTIONS.services)}, etcd compaction ${JSON.stringify(SERVER_OPTIONS.compaction)}. Control plane in a child process (startServer, as berth-server, with --expose-gc: the heap is sampled after a full collection); keys counted by kind under /berth/v1/ with count-only ranges by the server process.`;
const storeName = (kind) => (kind === 'etcd' ? 'etcd (private)' : 'file store (SQLite)');
const signed = (v, scale) => `${v >= 0 ? '+' : ''}${fmt(v / scale, 1)}`;
const verdictRows = [];
const summary = [];
for (const r of results) {
  const last = r.samples.at(-1);
  const rows = r.samples.map((s) => {
    const other = s.totalKeys - SHOWN_KINDS.reduce((a, k) => a + (s.keys[k] ?? 0), 0);
    return [
      fmt(s.t), fmt(s.rss / MiB), fmt(s.heapUsed / MiB, 1), fmt(s.cpuPercent),
      r.kind === 'etcd' ? `${fmt(s.storeBytes / MiB, 1)} (${fmt(s.storeBytesInUse / MiB, 1)} in use)` : fmt(s.storeBytes / MiB, 1),
      ...(r.kind === 'etcd' ? [`${fmt(s.etcdRss / MiB)} / ${fmt(s.etcdCpuPercent)}%`] : []),
      s.totalKeys, ...SHOWN_KINDS.map((k) => s.keys[k] ?? 0), other,
      `${s.counts.tasksStarted ?? 0} / ${s.counts.tasksStopped ?? 0}`,
    ];
  });
  const judged = series(r).map((x) => ({ ...x, ...levelsOff(x.points, SECONDS) }));
  for (const j of judged) verdictRows.push([storeName(r.kind), j.name, signed(j.growth1, j.scale), signed(j.growth2, j.scale), fmt(j.allowed / j.scale, 1), j.unit, j.ok ? 'levels off' : '**GROWS**']);
  const failing = judged.filter((j) => !j.ok);
  summary.push(`${r.kind}: ${failing.length ? `does NOT level off: ${failing.map((j) => j.name).join(', ')}` : 'memory and store level off'}`);
  const problems = [
    ...(r.doubles.length ? [`${r.doubles.length} tasks STARTED TWICE`] : []),
    ...(r.anomalies.length ? [`${r.anomalies.length} anomalies (${[...new Set(r.anomalies.map((a) => a.kind))].join(', ')})`] : []),
  ];
  if (problems.length || (failing.length && !QUICK)) process.exitCode = 1;
  const c = r.counts;
  record(`churn: ${storeName(r.kind)}, control-plane memory and store size over time under a SIMULATED fleet`,
    ['t s', 'server RSS MiB', 'heap used MiB', 'server CPU %', r.kind === 'etcd' ? 'etcd db MiB' : 'store on disk MiB', ...(r.kind === 'etcd' ? ['etcd RSS MiB / CPU'] : []), 'keys', ...SHOWN_KINDS, 'other keys', 'tasks started / stopped'],
    rows, [
      `Churn over ${SECONDS} s: ${c.tasksStarted} tasks started and ${c.tasksStopped} stopped by StopTask, ${c.servicesCreated} services created, ${c.serviceUpdates} updated, ${c.servicesDeleted} deleted, ${c.instancesReplaced} instances replaced; ${last.inflight} calls in flight at the last sample; ${r.missed.length ? `${r.missed.length} samples missed (at ${r.missed.map((m) => fmt(m.t)).join(', ')} s: ${r.missed[0].error}); ` : ''}${c.runTaskTicksSkipped} of ${Math.round(SECONDS * 10)} RunTask ticks skipped with ${MAX_IN_FLIGHT} calls in flight. Errors: ${r.errors.size ? [...r.errors].map(([k, n]) => `${n}× ${k}`).join('; ') : 'none'}.${problems.length ? ` **${problems.join('; ')}.**` : ''}`,
      r.end.error
        ? `Tasks at the end: the census failed (${r.end.error}).`
        : `Tasks at the end (ListTasks, DescribeTasks, once the workload stopped): ${Object.entries(r.end.byStatus).map(([k, n]) => `${n} ${k}`).join(', ')}; ${r.end.pastRetention} STOPPED for longer than the ${RETENTION_S} s retention window (the oldest for ${fmt(r.end.oldestStoppedS)} s): how far the retention sweep lags.`,
    ]);
}
if (results.length) {
  record('churn: do memory and the store level off?', ['store', 'series', 'growth, first half', 'growth, second half', 'allowed', 'unit', 'verdict'], verdictRows, [
    `Rule: ${LEVEL_OFF_RULE}. Samples every ${SAMPLE_S} s over ${SECONDS} s of churn per store.`,
    workload,
    settings,
    `**Summary: ${summary.join('. ')}${QUICK ? ' (QUICK: reported only; judged at full size, where a series that grows fails the run)' : ''}.**`,
  ]);
}
for (const r of results) {
  if (r.doubles.length) console.error(`TASKS STARTED TWICE (${r.kind}):`, JSON.stringify(r.doubles.slice(0, 20)));
  if (r.anomalies.length) console.error(`ANOMALIES (${r.kind}):`, JSON.stringify(r.anomalies.slice(0, 20)));
}
