// Progress on a real terminal (tmux): `berth rollout status` draws its bar in place while the service's task
// cannot start (no machine runs it), then replaces the bar by what went wrong and what to do; piped, the same
// run prints plain lines and no bar.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { cliTestServer } from './cli-server.js';
import { NO_CONFIG, ROOT } from './run-cli.js';

const { dir, server, client, berth } = await cliTestServer(t, 'progress');
await client.call('CreateCluster', { clusterName: 'default' });
await client.call('RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'berth-test/busybox:latest', memory: 16 }] });
await client.call('CreateService', { cluster: 'default', serviceName: 'web', taskDefinition: 'web', desiredCount: 1 });

t.test('on a terminal: a bar redrawn in place, replaced by the outcome', async (t) => {
  const sock = join(dir, 'tmux.sock');
  const tmux = (...args: string[]) => execFileSync('tmux', ['-S', sock, ...args], { encoding: 'utf8' });
  const command = `BERTH_SERVER=${server.addr} BERTH_CONFIG=${NO_CONFIG} ${process.execPath} ${ROOT}packages/cli/bin/berth.js rollout status service web --timeout 4; sleep 60`;
  tmux('new-session', '-d', '-s', 'p', '-x', '200', '-y', '10', command);
  t.teardown(() => { tmux('kill-server'); });
  const screen = () => tmux('capture-pane', '-p', '-t', 'p').trimEnd();
  let during = '';
  for (let i = 0; i < 300 && !/\[-{20}\] 0\/1 /.test(during); i++) {
    await sleep(100);
    during = screen();
  }
  t.match(during, /^\[-{20}\] 0\/1 Waiting for deployment ecs-svc\/\d+ \(web:1\): 0 of 1 new tasks running, 0 old tasks running$/, 'the bar, on one line');
  let after = '';
  for (let i = 0; i < 300 && !/timed out/.test(after); i++) {
    await sleep(100);
    after = screen();
  }
  t.equal(after, 'timed out waiting for service/web to roll out\n  see its events: berth describe service web\n  go back: berth rollout undo service web', 'the outcome in its place, with what to do');
});

t.test('piped: plain lines', async (t) => {
  const r = await berth('rollout', 'status', 'service', 'web', '--timeout', '2');
  t.equal(r.code, 1);
  t.match(r.stdout, /^Waiting for deployment ecs-svc\/\d+ \(web:1\): 0 of 1 new tasks running, 0 old tasks running\ntimed out waiting for service\/web to roll out\n  see its events/);
  t.notMatch(r.stdout, /\[-+\]|\r|\x1b/, 'no bar');
});
