// berth events: the real bin against a real control plane; -o json prints one EventBridge envelope per
// line, the cursor on stderr resumes with exactly what came after.
import t from 'tap';
import { spawn } from 'node:child_process';
import { NO_CONFIG, ROOT } from './run-cli.js';
import { cliTestServer } from './cli-server.js';

const { server, client, berth } = await cliTestServer(t, 'cli-events');

const cluster = `cli-ev-${process.pid}`;

t.test('berth events -o json, table, --since-cursor, -w', async (t) => {
  await client.call('CreateCluster', { clusterName: cluster });
  const reg = await client.call('RegisterContainerInstance', { cluster, totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }] });
  const instance = reg.containerInstance!.containerInstanceArn!;

  const j = await berth('events', '--cluster', cluster, '-o', 'json');
  t.equal(j.code, 0, j.stderr);
  const lines = j.stdout.trim().split('\n').map((l) => JSON.parse(l));
  t.equal(lines.length, 1);
  t.match(lines[0], { version: '0', source: 'aws.ecs', 'detail-type': 'ECS Container Instance State Change', resources: [instance], detail: { status: 'ACTIVE', agentConnected: false } });
  const cursor = /^cursor: (\S+)$/m.exec(j.stderr)?.[1];
  t.ok(cursor, 'the cursor to resume from, on stderr');

  await client.call('UpdateContainerInstancesState', { cluster, containerInstances: [instance], status: 'DRAINING' });
  await client.call('UpdateContainerInstancesState', { cluster, containerInstances: [instance], status: 'ACTIVE' });
  const r = await berth('events', '--cluster', cluster, '-o', 'json', '--since-cursor', cursor!);
  t.same(r.stdout.trim().split('\n').map((l) => JSON.parse(l).detail.status), ['DRAINING', 'ACTIVE'], 'exactly the two after the cursor');

  const table = await berth('events', '--cluster', cluster);
  t.match(table.stdout, /^TIME\s+TYPE\s+RESOURCE\s+STATUS\n/);
  t.match(table.stdout, /instance\s+[0-9a-f]{32}\s+DRAINING \(agent disconnected\) v2\n/);
  t.equal((await berth('events', '--type', 'nope')).code, 2, 'usage error');
  const bad = await berth('events', '--cluster', cluster, '--since-cursor', 'bogus');
  t.equal(bad.code, 1);
  t.equal(bad.stderr, 'InvalidParameterException: The cursor is not one this server gave out.\n  field: cursor\n');

  // -w keeps streaming: a change made while it runs shows up; then the process is stopped.
  const child = spawn(process.execPath, [`${ROOT}packages/cli/bin/berth.js`, 'events', '-w', '--cluster', cluster, '-o', 'json', '--since-cursor', cursor!], { env: { ...process.env, BERTH_CONFIG: NO_CONFIG, BERTH_SERVER: server.addr } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const seen = async (n: number) => {
    while (out.trim().split('\n').filter(Boolean).length < n) await new Promise((r) => setTimeout(r, 20));
  };
  await seen(2);
  await client.call('UpdateContainerInstancesState', { cluster, containerInstances: [instance], status: 'DRAINING' });
  await seen(3);
  child.kill('SIGTERM');
  t.same(out.trim().split('\n').map((l) => JSON.parse(l).detail.version), [2, 3, 4], 'backlog, then the live event');
});
