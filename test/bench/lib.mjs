// Shared by the benchmark scenarios: percentiles, the machine line, and appending results to
// docs/benchmarks.md (machine, date, commit), so before-and-after figures sit side by side.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

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

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs fn over items with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
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
