// The grammar shared by every command, through the real bin against a real control plane: -o name and
// jsonpath on get, describe and an action's answer; a bad -o is a usage error; get -w streams instance
// changes as they happen and is a usage error for kinds without events; lint's exit codes (kubectl diff's:
// 0 nothing, 1 warnings with --strict, 2 an error) and register printing lint's warnings.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { NO_CONFIG, ROOT } from './run-cli.js';
import { cliTestServer } from './cli-server.js';

const { dir, server, client, berth } = await cliTestServer(t, 'cli-grammar');
const cluster = `grammar-${process.pid}`;

t.test('-o name and -o jsonpath, the same on every command', async (t) => {
  t.equal((await berth('create', 'cluster', cluster, '-o', 'name')).stdout, `cluster/${cluster}\n`, 'an action\'s answer');
  t.match((await berth('get', 'clusters', '-o', 'name')).stdout, new RegExp(`^cluster/${cluster}$`, 'm'));
  t.equal((await berth('describe', 'cluster', cluster, '-o', 'jsonpath={.clusterName} {.status}')).stdout, `${cluster} ACTIVE`);
  t.equal((await berth('get', 'clusters', '-o', `jsonpath={[?(@.clusterName == "${cluster}")].status}`)).stdout, 'ACTIVE');
  const wide = await berth('get', 'clusters', '-o', 'wide');
  t.match(wide.stdout, /^NAME\s+STATUS\s+INSTANCES\s+SERVICES\s+RUNNING\s+PENDING\s+ARN\n/, '-o wide adds columns');
  for (const bad of ['xml', 'jsonpath={.a[}']) {
    const r = await berth('get', 'clusters', '-o', bad);
    t.equal(r.code, 2, `-o ${bad}: usage`);
  }
});

t.test('get -w: instance changes as they happen; a usage error for kinds without events', async (t) => {
  t.equal((await berth('get', 'clusters', '-w')).code, 2);
  t.match((await berth('get', 'taskdefs', '-w')).stderr, /get -w follows the kinds that have events/);
  const child = spawn(process.execPath, [`${ROOT}packages/cli/bin/berth.js`, '--cluster', cluster, 'get', 'instances', '-w'], { env: { ...process.env, BERTH_CONFIG: NO_CONFIG, BERTH_SERVER: server.addr } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const until = async (what: () => boolean) => {
    for (let i = 0; i < 300 && !what(); i++) await new Promise((r) => setTimeout(r, 100));
  };
  await until(() => out.includes('No container instances.'));
  const res = await client.call('RegisterContainerInstance', { cluster, totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }] });
  const id = res.containerInstance!.containerInstanceArn!.split('/').pop()!;
  await until(() => out.includes(id));
  child.kill();
  t.match(out, new RegExp(`^No container instances\\.\n${id}\\s+ACTIVE\\s+disconnected\\s`, 'm'), 'the list, then the new instance\'s row as it arrives');
});

t.test('lint: kubectl diff\'s exit codes; register prints the warnings', async (t) => {
  const risky = join(dir, 'risky.json');
  writeFileSync(risky, JSON.stringify({ family: `lint-${process.pid}`, containerDefinitions: [{ name: 'app', image: 'busybox', memoryReservation: 16, privileged: true, environment: [{ name: 'DB_PASSWORD', value: 'x' }] }] }));
  const clean = join(dir, 'clean.yaml');
  writeFileSync(clean, `family: lint-clean\ncontainerDefinitions:\n  - name: app\n    image: busybox:1.36\n    memory: 16\n    healthCheck: { command: [CMD-SHELL, "true"] }\n`);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ family: 'x', containerDefinitions: [{ name: 'a', image: 'b', memroy: 1 }] }));

  const r = await berth('lint', '-f', risky);
  t.equal(r.code, 0, 'warnings alone: 0');
  t.match(r.stdout, /^RULE\s+FIELD\s+WARNING\n/);
  for (const rule of ['image-tag', 'memory-limit', 'health-check', 'privileged', 'secret-in-environment']) t.match(r.stdout, new RegExp(`^${rule}\\s`, 'm'));
  t.equal((await berth('lint', '-f', risky, '--strict')).code, 1, '--strict with warnings: 1');
  const ok = await berth('lint', '-f', clean, '--strict');
  t.same([ok.code, ok.stdout], [0, 'No warnings.\n'], '--strict, nothing to report: 0');
  t.equal((await berth('lint', '-f', bad, '--strict')).code, 2, 'an error: 2');
  t.equal((await berth('lint', '-f', join(dir, 'missing.json'))).code, 2);
  t.equal(JSON.parse((await berth('lint', '-f', risky, '-o', 'json')).stdout).length, 5);

  const reg = await berth('register', 'taskdef', '-f', risky);
  t.equal(reg.code, 0);
  t.match(reg.stderr, /^warning: Container 'app' is privileged\. \[privileged: /m, 'register prints the warnings on stderr');
});

t.test('apply -f and diff -f: multi-document files, dependency order, created/configured/unchanged, kubectl diff\'s exit codes', async (t) => {
  const name = `app-${process.pid}`;
  const appCluster = `apply-${process.pid}`;
  const stack = (memory: number) => [
    // Out of order on purpose: the service first, the cluster last.
    `cluster: ${appCluster}\nserviceName: ${name}\ntaskDefinition: ${name}\ndesiredCount: 0\n`,
    JSON.stringify({ family: name, containerDefinitions: [{ name: 'app', image: 'berth-test/busybox:1', memory, command: ['sleep', '60'] }], tags: [{ key: 'team', value: 'a' }] }),
    `kind: Cluster\nclusterName: ${appCluster}\n`,
  ].join('\n---\n');
  const file = join(dir, 'stack.yaml');
  writeFileSync(file, stack(16));

  const before = await berth('diff', '-f', file);
  t.equal(before.code, 1, 'differences: 1');
  t.match(before.stdout, new RegExp(`^\\+\\+\\+ cluster/${appCluster} `, 'm'));
  const first = await berth('apply', '-f', file);
  t.equal(first.code, 0, first.stderr);
  t.equal(first.stdout, `cluster/${appCluster} created\ntaskdef/${name}:1 created\nservice/${name} created (${name}:1, desired 0)\n`, 'in dependency order');
  const again = await berth('apply', '-f', file);
  t.equal(again.stdout, `cluster/${appCluster} unchanged\ntaskdef/${name}:1 unchanged\nservice/${name} unchanged\n`, 'twice: unchanged, no new revision');
  const none = await berth('diff', '-f', file);
  t.same([none.code, none.stdout], [0, ''], 'nothing to report: 0');

  writeFileSync(file, stack(32));
  const changed = await berth('diff', '-f', file);
  t.equal(changed.code, 1);
  t.match(changed.stdout, /^-\s+"memory": 16,$/m, 'what goes');
  t.match(changed.stdout, /^\+\s+"memory": 32,$/m, 'what comes');
  const second = await berth('apply', '-f', file, '-o', 'json');
  t.same(JSON.parse(second.stdout), [
    { name: `cluster/${appCluster}`, outcome: 'unchanged' },
    { name: `taskdef/${name}:2`, outcome: 'configured' },
    { name: `service/${name}`, outcome: 'configured' },
  ], 'a new revision, and the service moved to it');

  const bad = join(dir, 'bad-stack.yaml');
  writeFileSync(bad, `serviceName: x\nbogus: 1\n`);
  t.equal((await berth('diff', '-f', bad)).code, 2, 'an error: 2');
  writeFileSync(bad, `nothing: here\n`);
  const unknown = await berth('apply', '-f', bad);
  t.equal(unknown.code, 1);
  t.match(unknown.stderr, /not a cluster, task definition or service/);
});
