// Shared by the benchmark scenarios: percentiles, the machine line, and appending results to
// docs/benchmarks.md (machine, date, commit), so before-and-after figures sit side by side.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pool, startSimulatedFleet } from '../sim/simulated-fleet.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const QUICK = process.env.QUICK === '1';

export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export function machine() {
  return `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** The commit measured; "+uncommitted" when packages/ differ from it (figures of work in progress). */
export function commit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head}+uncommitted changes in packages/` : head;
  } catch {
    return 'unknown';
  }
}

/** Prints a table and appends it, with its context, to docs/benchmarks.md (not with BENCH_DRY=1). */
export function record(title, header, rows, notes = []) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const table = [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
  const text = `\n### ${title}${QUICK ? ' (QUICK)' : ''}\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit()}, ${machine()}\n\n${table}\n${notes.map((n) => `\n${n}`).join('')}\n`;
  process.stdout.write(text);
  // BENCH_DRY=1: print only (for trying a scenario without adding to the record).
  if (process.env.BENCH_DRY === '1') return;
  const file = `${ROOT}docs/benchmarks.md`;
  if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n\nAppended by `make bench` (scenarios in test/bench/). Newest last.\n');
  appendFileSync(file, text);
}

/**
 * Error messages grouped by their text with every number replaced by N (a message that names a delay
 * would otherwise make one group per millisecond), most frequent first: [[text, count], ...].
 */
export function errorKinds(messages) {
  const kinds = new Map();
  for (const m of messages) {
    const k = m.replace(/\d+(\.\d+)?/g, 'N');
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  return [...kinds].sort((a, b) => b[1] - a[1]);
}

/** errorKinds as one table cell: `count (N × text; ...)`. */
export const errorsCell = (messages) => (messages.length ? `${messages.length} (${errorKinds(messages).map(([k, n]) => `${n} × ${k}`).join('; ')})` : '0');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs fn over items with at most `limit` in flight (the simulated fleet's, shared). */
export { pool };

/**
 * The scale scenarios' cluster: created, with a task definition family of the same name (a task is 8 CPU
 * units / 16 MiB: 512 fit on a simulated 4096-unit, 8192-MiB machine; several revisions differ only in an
 * environment value), and a SIMULATED fleet of `size` instances whose sessions are all connected.
 * @returns {Promise<{ fleet: object, registerMs: number, connectMs: number }>}
 */
export async function simulatedCluster({ addr, client, cluster, size, revisions = 1, server, ...fleetOptions }) {
  await client.call('CreateCluster', { clusterName: cluster });
  for (let i = 1; i <= revisions; i++) {
    const container = { name: 'c', image: 'berth-test/busybox:latest', cpu: 8, memory: 16, ...(revisions > 1 ? { environment: [{ name: 'REVISION', value: String(i) }] } : {}) };
    await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [container] });
  }
  let t = performance.now();
  const fleet = await startSimulatedFleet({ addr, client, cluster, size, ...fleetOptions });
  const registerMs = performance.now() - t;
  t = performance.now();
  const connected = await fleet.waitConnected(size, 120_000);
  if (connected < size) {
    await fleet.stop();
    throw new Error(`only ${connected} of ${size} simulated agents connected`);
  }
  const connectMs = performance.now() - t;
  // A session is open before the control plane records it: the agent-connectivity controller writes
  // agentConnected (instance record and event) one instance at a time after the session key appears, and
  // at 1,000 instances that ran on into the measured phase (its writes and the services controller's
  // kicks were charged to the placements, and launches lost compares to them). Wait for it.
  t = performance.now();
  if (server) {
    const end = performance.now() + 120_000;
    let n = 0;
    while ((n = await server.agentConnectedRecords(cluster)) < size) {
      if (performance.now() > end) throw new Error(`${size - n} of ${size} simulated instances not recorded agentConnected after 120 s`);
      await sleep(250);
    }
  }
  return { fleet, registerMs, connectMs, settleMs: performance.now() - t };
}

/** A standing load: n tasks by RunTask count=10 (8 calls in flight), then until the fleet runs them all (or timeoutMs); their ARNs. */
export async function runTasks(client, fleet, cluster, n, timeoutMs = 120_000) {
  const arns = [];
  await pool([...Array(Math.ceil(n / 10)).keys()], 8, async () => {
    const r = await client.call('RunTask', { cluster, taskDefinition: cluster, count: 10 });
    arns.push(...r.tasks.map((t) => t.taskArn));
  });
  const end = performance.now() + timeoutMs;
  while (fleet.statusCounts().runningAcked < arns.length && performance.now() < end) await sleep(50);
  return arns;
}

/** Every task ARN of the cluster with this desired status (ListTasks, page by page). */
export async function listAllTasks(client, cluster, desiredStatus) {
  const arns = [];
  let nextToken;
  do {
    const r = await client.call('ListTasks', { cluster, desiredStatus, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    arns.push(...r.taskArns);
    nextToken = r.nextToken;
  } while (nextToken);
  return arns;
}

/** DescribeTasks for any number of task ARNs (100 per call, a few calls in flight). */
export async function describeAllTasks(client, cluster, arns, inFlight = 4) {
  const chunks = [];
  for (let i = 0; i < arns.length; i += 100) chunks.push(arns.slice(i, i + 100));
  const tasks = [];
  const failures = [];
  await pool(chunks, inFlight, async (chunk) => {
    const r = await client.call('DescribeTasks', { cluster, tasks: chunk });
    tasks.push(...(r.tasks ?? []));
    failures.push(...(r.failures ?? []));
  });
  return { tasks, failures };
}

/** CPU use between two process.cpuUsage() readings over wallMs, as % of one core. */
export function cpuPercent(before, after, wallMs) {
  return (100 * ((after.user - before.user) + (after.system - before.system))) / 1000 / wallMs;
}

/** A figure with a fixed number of decimals, or "-" when absent. */
export const fmt = (v, digits = 0) => (v === undefined || v === null || Number.isNaN(v) ? '-' : Number(v).toFixed(digits));

/** Least-squares line through points {t, v}: its slope, and the slope's standard error (0 for fewer than 3 points). */
export function linearFit(points) {
  const n = points.length;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const mv = points.reduce((a, p) => a + p.v, 0) / n;
  let stt = 0;
  let stv = 0;
  for (const p of points) {
    stt += (p.t - mt) ** 2;
    stv += (p.t - mt) * (p.v - mv);
  }
  const slope = stt > 0 ? stv / stt : 0;
  if (n < 3 || stt === 0) return { slope, se: 0 };
  const sse = points.reduce((a, p) => a + (p.v - (mv + slope * (p.t - mt))) ** 2, 0);
  return { slope, se: Math.sqrt(sse / (n - 2) / stt) };
}

/** The rule levelsOff() applies, for the scenario's notes and docs/benchmarks.md. */
export const LEVEL_OFF_RULE = 'a line is fitted (least squares) to each half of the run; a series levels off when its growth over the second half (slope × half the run) is at most a quarter of its growth over the first half, or is not significantly above zero (at most 3 standard errors of the slope × half the run)';

/**
 * Whether a series sampled over a run of `durationS` seconds levels off (LEVEL_OFF_RULE): growth over
 * each half, from a line fitted to the samples of that half (the middle sample belongs to both).
 * @param {Array<{t: number, v: number}>} points  t in seconds from the start of the run
 */
export function levelsOff(points, durationS) {
  const half = durationS / 2;
  const first = linearFit(points.filter((p) => p.t <= half));
  const second = linearFit(points.filter((p) => p.t >= half));
  const growth1 = first.slope * half;
  const growth2 = second.slope * half;
  const allowed = Math.max(growth1 / 4, 3 * second.se * half);
  return { growth1, growth2, allowed, ok: growth2 <= allowed };
}
