// The state layer owns the store's layout: no key prefix is spelled outside packages/server/src/state/.
import t from 'tap';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './helpers.js';

const SRC = join(REPO_ROOT, 'packages/server/src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

t.test('no key prefix outside state/', async (t) => {
  const all = files(SRC);
  t.ok(all.some((f) => relative(SRC, f).startsWith('state/')), 'the state layer is where it should be');
  const outside = all.filter((f) => !relative(SRC, f).startsWith('state/'));
  t.ok(outside.length > 20, `the rest of the server is read (${outside.length} files)`);
  const offenders = outside.flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (line.includes('/berth/v1') ? [`${relative(SRC, f)}:${i + 1}: ${line.trim()}`] : [])));
  t.same(offenders, [], 'every key is built by a state module');
});
