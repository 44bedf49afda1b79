// berth logs --group: the real bin against a real control plane's embedded log store; every stream in time
// order, a filter pattern, -o json, and -f printing what arrives later (once).
import t from 'tap';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { NO_CONFIG, ROOT } from './run-cli.js';
import { cliTestServer } from './cli-server.js';

const { server, berth } = await cliTestServer(t, 'cli-logs');
const logs = server.logs!;

t.test('berth logs --group, --filter, -o json, -f', async (t) => {
  await logs.createLogGroup('/ecs/web');
  await logs.createLogStream('/ecs/web', 'web/app/1');
  await logs.createLogStream('/ecs/web', 'web/app/2');
  const now = Date.now();
  await logs.putLogEvents('/ecs/web', 'web/app/1', [{ timestamp: now, message: 'first' }, { timestamp: now + 2, message: 'ERROR third' }]);
  const r2 = await logs.putLogEvents('/ecs/web', 'web/app/2', [{ timestamp: now + 1, message: 'second' }]);

  const all = await berth('logs', '--group', '/ecs/web');
  t.equal(all.code, 0, all.stderr);
  t.same(all.stdout.trim().split('\n').map((l) => l.split(' ').slice(1).join(' ')), ['web/app/1 first', 'web/app/2 second', 'web/app/1 ERROR third']);
  const errors = await berth('logs', '--group', '/ecs/web', '--filter', 'ERROR', '-o', 'json');
  t.match(errors.stdout.trim().split('\n').map((l) => JSON.parse(l)), [{ logStreamName: 'web/app/1', message: 'ERROR third', timestamp: now + 2 }]);
  const missing = await berth('logs', '--group', '/nope');
  t.equal(missing.code, 1);
  t.match(missing.stderr, /ResourceNotFoundException: The specified log group does not exist./);

  const follow = spawn(process.execPath, [`${ROOT}packages/cli/bin/berth.js`, 'logs', '--group', '/ecs/web', '-f'], { env: { ...process.env, BERTH_CONFIG: NO_CONFIG, BERTH_SERVER: server.addr }, cwd: ROOT });
  t.teardown(() => { follow.kill(); });
  let out = '';
  follow.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const until = async (what: RegExp) => {
    for (let k = 0; k < 100 && !what.test(out); k++) await sleep(100);
  };
  await until(/ERROR third/);
  await logs.putLogEvents('/ecs/web', 'web/app/2', [{ timestamp: Date.now(), message: 'later' }], r2.nextSequenceToken);
  await until(/later/);
  await sleep(1500);
  t.same(out.trim().split('\n').map((l) => l.split(' ').slice(2).join(' ')), ['first', 'second', 'ERROR third', 'later'], 'each event printed once');
});
