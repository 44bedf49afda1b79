// The berth CLI as a user runs it: the real bin in a child process against a real control plane.
// Checks output shapes (-o table|json|yaml), stderr, and exit codes (0 ok, 1 error, 2 usage).
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { startServer, silentLogger } from '@berth/server';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'berth-cli-'));
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger });
t.teardown(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run { code: number; stdout: string; stderr: string }
function berth(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}packages/cli/bin/berth.js`, ...args], {
      env: { ...process.env, BERTH_SERVER: server.addr },
      cwd: ROOT,
    });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const family = `cli-web-${process.pid}`;
const file = join(dir, 'td.json');
writeFileSync(file, JSON.stringify({
  family,
  containerDefinitions: [{ name: 'web', image: 'berth-test/busybox:latest', memory: 64, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
}));

t.test('create, get and describe clusters', async (t) => {
  const c = await berth('create', 'cluster', 'cli-one');
  t.equal(c.code, 0, c.stderr);
  t.equal(c.stdout, 'cluster/cli-one created\n');
  const j = await berth('create', 'cluster', 'cli-two', '-o', 'json');
  t.equal(j.code, 0);
  t.equal(JSON.parse(j.stdout).cluster.clusterName, 'cli-two', '-o json prints the ECS response');
  const table = await berth('get', 'clusters');
  t.match(table.stdout, /^NAME\s+STATUS\s+INSTANCES\s+SERVICES\s+RUNNING\s+PENDING\n/);
  t.match(table.stdout, /\ncli-one\s+ACTIVE\s+0\s+0\s+0\s+0\n/);
  const arr = JSON.parse((await berth('get', 'clusters', '-o', 'json')).stdout);
  t.ok(Array.isArray(arr), 'get -o json prints an array');
  t.same(arr.map((c: { clusterName: string }) => c.clusterName).sort(), ['cli-one', 'cli-two']);
  const yaml = parse((await berth('get', 'clusters', '-o', 'yaml')).stdout);
  t.equal(yaml.length, 2);
  const d = await berth('describe', 'cluster', 'cli-one', '-o', 'json');
  t.equal(JSON.parse(d.stdout).clusterArn, 'arn:aws:ecs:us-east-1:000000000000:cluster/cli-one', 'describe prints one object');
  const human = await berth('describe', 'cluster', 'arn:aws:ecs:us-east-1:000000000000:cluster/cli-one');
  t.match(human.stdout, /clusterName: cli-one/);
});

t.test('register, list, describe and deregister task definitions', async (t) => {
  const r1 = await berth('register', 'taskdef', '-f', file);
  t.equal(r1.code, 0, r1.stderr);
  t.match(r1.stdout, new RegExp(`^taskdef/${family}:1 registered`));
  const r2 = await berth('register', 'taskdef', '-f', file, '-o', 'json');
  const res = JSON.parse(r2.stdout);
  t.equal(res.taskDefinition.revision, 2);
  t.same(Object.keys(res).sort(), ['tags', 'taskDefinition'], '-o json prints RegisterTaskDefinition\'s response');
  const yamlFile = join(dir, 'td.yaml');
  writeFileSync(yamlFile, `family: ${family}\ncontainerDefinitions:\n  - name: web\n    image: berth-test/busybox:latest\n    memory: 64\n`);
  t.match((await berth('register', 'td', '-f', yamlFile)).stdout, new RegExp(`${family}:3 registered`), 'YAML works too');
  const list = JSON.parse((await berth('get', 'taskdefs', family, '-o', 'json')).stdout);
  t.same(list.map((d: { revision: number }) => d.revision), [1, 2, 3]);
  const table = await berth('get', 'taskdefs', family);
  t.match(table.stdout, /^FAMILY\s+REVISION\s+STATUS\s+CONTAINERS/);
  const d = JSON.parse((await berth('describe', 'taskdef', `${family}:1`, '-o', 'json')).stdout);
  t.equal(d.revision, 1);
  t.same(d.containerDefinitions[0].portMappings, [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }]);
  const dr = await berth('deregister', 'taskdef', `${family}:3`);
  t.equal(dr.stdout, `taskdef/${family}:3 deregistered\n`);
  const latest = JSON.parse((await berth('describe', 'taskdef', family, '-o', 'json')).stdout);
  t.equal(latest.revision, 2, 'a bare family describes the latest ACTIVE revision');
});

t.test('errors go to stderr with the ECS name and exit 1; nothing is written', async (t) => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ family, containerDefinitions: [{ name: 'web', image: 'x', memory: 64, memroy: 1 }] }));
  const before = await server.ctx.store.revision();
  const r = await berth('register', 'taskdef', '-f', bad);
  t.equal(r.code, 1);
  t.equal(r.stdout, '');
  t.match(r.stderr, /^InvalidParameterException: .*memroy/);
  t.match(r.stderr, /containerDefinitions\[0\]/);
  t.equal(await server.ctx.store.revision(), before, 'nothing written');
  const missing = await berth('delete', 'cluster', 'no-such-cluster');
  t.equal(missing.code, 1);
  t.match(missing.stderr, /^ClusterNotFoundException: /);
  const gone = await berth('describe', 'taskdef', 'no-such-family');
  t.equal(gone.code, 1);
  t.match(gone.stderr, /^ClientException: Unable to describe task definition\./);
  const down = await berth('get', 'clusters', '--server', '127.0.0.1:1');
  t.equal(down.code, 1);
  t.match(down.stderr, /no Berth server answered/);
});

t.test('usage errors exit 2', async (t) => {
  for (const args of [
    ['frobnicate'],
    ['get', 'pods'],
    ['create', 'cluster'],
    ['register', 'taskdef'],
    ['register', 'taskdef', '-f', join(dir, 'nope.json')],
    ['get', 'clusters', '-o', 'xml'],
    ['describe', 'cluster', 'arn:aws:ecs:us-east-1:000000000000:cluster/cli-one', '--cluster', 'other'],
  ]) {
    const r = await berth(...args);
    t.equal(r.code, 2, `berth ${args.join(' ')} -> 2`);
    t.ok(r.stderr.length > 0, 'says why on stderr');
  }
  const help = await berth('--help');
  t.equal(help.code, 0);
  t.match(help.stdout, /Usage: berth/);
});

t.test('delete cluster', async (t) => {
  const r = await berth('delete', 'cluster', 'cli-two');
  t.equal(r.code, 0);
  t.equal(r.stdout, 'cluster/cli-two deleted\n');
});
