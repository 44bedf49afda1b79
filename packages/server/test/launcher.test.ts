// The berth-server bin runs as its own executable (the Debian package's /usr/bin/berth-server, `make up`,
// the registry image), its first line `#!/usr/bin/env -S node OPTIONS` giving Node the options the control
// plane is tuned with (the launcher says why): run that way, the process is Node with those options.
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, until } from './helpers.js';

const BIN = join(REPO_ROOT, 'packages/server/bin/berth-server.js');

t.test('the bin, executed itself, runs Node with the options on its first line', async (t) => {
  const first = readFileSync(BIN, 'utf8').split('\n')[0]!;
  const options = first.replace(/^#!\/usr\/bin\/env -S node ?/, '').split(' ').filter(Boolean);
  t.ok(first.startsWith('#!/usr/bin/env -S node ') && options.includes('--max-semi-space-size=32'), `the launcher's options (${first})`);

  const dir = mkdtempSync(join(tmpdir(), 'berth-launcher-'));
  const child = spawn(BIN, ['--insecure', '--listen', '127.0.0.1:0', '--ecs-listen', 'off', '--metrics-listen', 'off', '--console-listen', 'off', '--store', `file:${join(dir, 'berth.db')}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  t.teardown(async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  await until('the server listening', () => log.includes('"msg":"listening"'), 60_000);
  // env replaced itself with Node (same pid): Node's own command line carries the options, then the bin.
  const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
  t.match(argv[0], /(^|\/)node$/, 'the process is Node');
  t.same(argv.slice(1, 1 + options.length), options, 'with the launcher\'s options');
  t.equal(argv[1 + options.length], BIN, 'running the bin');
  child.kill('SIGTERM');
  t.equal(await exited, 0, 'and it stops cleanly on SIGTERM');
});
