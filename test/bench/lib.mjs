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

export function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Prints a table and appends it, with its context, to docs/benchmarks.md. */
export function record(title, header, rows, notes = []) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const table = [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
  const text = `\n### ${title}${QUICK ? ' (QUICK)' : ''}\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit()}, ${machine()}\n\n${table}\n${notes.map((n) => `\n${n}`).join('')}\n`;
  process.stdout.write(text);
  const file = `${ROOT}docs/benchmarks.md`;
  if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n\nAppended by `make bench` (scenarios in test/bench/). Newest last.\n');
  appendFileSync(file, text);
}
