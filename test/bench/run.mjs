// `make bench`: runs every scenario in test/bench (QUICK=1 for a tenth of the size).
import { readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
for (const f of readdirSync(here).filter((f) => f.endsWith('.mjs') && !['run.mjs', 'lib.mjs'].includes(f)).sort()) {
  if (only && !f.startsWith(only)) continue;
  process.stdout.write(`== ${f}\n`);
  execFileSync(process.execPath, [here + f], { stdio: 'inherit', env: process.env });
}
