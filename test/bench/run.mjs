// `make bench`: runs every scenario in test/bench (QUICK=1 for a tenth of the size), one after the
// other, each in its own process; a scenario that fails does not stop the others, but fails the run.
// `node test/bench/run.mjs PREFIX` runs only the scenarios whose file name starts with PREFIX.
// Scenarios in ON_REQUEST run only when named (churn would more than double the default run's time; startup-arch,
// with both emulated roots cached, adds ~3 min of QEMU for figures that change only with the agent's start-up).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const ON_REQUEST = ['churn.mjs', 'startup-arch.mjs'];
const only = process.argv[2];
const t0 = performance.now();
const results = [];
for (const f of readdirSync(here).filter((f) => f.endsWith('.mjs') && !['run.mjs', 'lib.mjs'].includes(f)).sort()) {
  if (only ? !f.startsWith(only) : ON_REQUEST.includes(f)) continue;
  process.stdout.write(`== ${f}\n`);
  const t = performance.now();
  const r = spawnSync(process.execPath, [here + f], { stdio: 'inherit', env: process.env });
  const s = ((performance.now() - t) / 1000).toFixed(0);
  const ok = r.status === 0;
  results.push({ f, ok, s, why: r.error?.message ?? (r.signal ? `signal ${r.signal}` : `exit ${r.status}`) });
  process.stdout.write(`== ${f}: ${ok ? 'done' : `FAILED (${results.at(-1).why})`} in ${s} s\n`);
}
process.stdout.write(`\n== bench${process.env.QUICK === '1' ? ' (QUICK)' : ''}: ${results.map((r) => `${r.f} ${r.ok ? '' : 'FAILED '}${r.s} s`).join(', ')}; total ${((performance.now() - t0) / 1000).toFixed(0)} s${only ? '' : `; on request only: ${ON_REQUEST.map((f) => `make bench SCENARIO=${f.replace('.mjs', '')}`).join(', ')}`}\n`);
if (results.some((r) => !r.ok)) process.exit(1);
