// `make bench`: runs every scenario in test/bench (QUICK=1 for a tenth of the size), one after the
// other, each in its own process; a scenario that fails does not stop the others, but fails the run.
// `make bench SCENARIO=NAME`, `SCENARIO=NAME node test/bench/run.mjs` and `node test/bench/run.mjs NAME`
// run only the scenario named NAME, or if none is, those whose file name starts with NAME (the argument
// and SCENARIO must agree when both are given); a NAME that starts no scenario's name is refused with the
// list of scenarios, so a mistyped name never runs the whole suite. Scenarios in ON_REQUEST run only when
// named (churn would more than double the default run's time; startup-arch, with both emulated roots
// cached, adds ~3 min of QEMU for figures that change only with the agent's start-up).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const ON_REQUEST = ['churn.mjs', 'startup-arch.mjs'];
const scenarios = readdirSync(here).filter((f) => f.endsWith('.mjs') && !['run.mjs', 'lib.mjs'].includes(f)).sort();
const names = scenarios.map((f) => f.replace(/\.mjs$/, ''));
const fail = (msg) => {
  process.stderr.write(`bench: ${msg}\nscenarios: ${names.join(', ')} (${ON_REQUEST.map((f) => f.replace('.mjs', '')).join(' and ')} only when named)\n`);
  process.exit(2);
};
// `make bench` passes $(SCENARIO) as the argument and make puts it in the environment too: both agree.
const arg = process.argv[2] || undefined;
const env = process.env.SCENARIO || undefined;
if (process.argv.length > 3) fail(`one scenario name at most (got ${process.argv.slice(2).join(' ')})`);
if (arg !== undefined && env !== undefined && arg !== env) fail(`the argument (${arg}) and SCENARIO (${env}) name different scenarios`);
const only = (arg ?? env)?.replace(/\.mjs$/, '');
// A scenario named exactly runs alone (SCENARIO=startup is not also startup-arch); else every one NAME starts.
const chosen = only === undefined ? scenarios.filter((f) => !ON_REQUEST.includes(f))
  : scenarios.includes(`${only}.mjs`) ? [`${only}.mjs`] : scenarios.filter((f) => f.startsWith(only));
if (chosen.length === 0) fail(`no scenario's name starts with '${only}'`);
const t0 = performance.now();
const results = [];
for (const f of chosen) {
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
