// berth-server's join rate flags: --join-rate (all machines) and --join-rate-per-source (one address), each
// N joins a second in bursts of 5×N. The defaults (10 and 1) refuse joins past the fifth of a burst from one
// address; --join-rate-per-source 2 lets ten through. A join is counted before its token is read, so
// joins with a token that is no token show the limit as well as real ones would.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { FLEET_API } from '@berth/core';
import { REPO_ROOT, rejection } from './helpers.js';
import { spawnServer } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-join-rate-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const BIN = `${REPO_ROOT}packages/server/bin/berth-server.js`;

/** The errors of `n` joins sent at once to a server started with `flags`. */
async function burst(name: string, flags: string[], n: number): Promise<string[]> {
  const server = await spawnServer(['--store', `file:${join(dir, `${name}.db`)}`, ...flags]);
  const client = new BerthClient(server.addr);
  try {
    return await Promise.all(Array.from({ length: n }, async () => (await rejection(client.callApi(FLEET_API, 'Join', { token: 'K10abc::x.y', publicKey: 'x' }))).ecsName));
  } finally {
    client.close();
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

t.test('the join rate flags are named in --help and checked', async (t) => {
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  t.match(help.stdout, /--join-rate N/);
  t.match(help.stdout, /--join-rate-per-source N/);
  const bad = spawnSync(process.execPath, [BIN, '--join-rate', '0'], { encoding: 'utf8' });
  t.equal(bad.status, 2);
  t.match(bad.stderr, /--join-rate must be a positive whole number/);
});

t.test('by default one address gets a burst of 5 joins; --join-rate-per-source 2 gives it 10', async (t) => {
  // Eight at once: past the fifth they are refused (a token a second comes back meanwhile, at most).
  const byDefault = await burst('default', [], 8);
  t.ok(byDefault.filter((e) => e === 'LimitExceededException').length >= 2, 'joins past the fifth are refused for the rate');
  const raised = await burst('raised', ['--join-rate-per-source', '2'], 10);
  t.notOk(raised.includes('LimitExceededException'), 'ten pass the limit (and are judged by their token)');
  const overall = await burst('overall', ['--join-rate-per-source', '100', '--join-rate', '1'], 8);
  t.ok(overall.filter((e) => e === 'LimitExceededException').length >= 2, '--join-rate bounds them all: 5 in a burst');
});
