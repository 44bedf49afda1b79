// The berth CLI as a user runs it: the real bin in a child process against a real control plane.
// Checks output shapes (-o table|json|yaml), stderr, and exit codes (0 ok, 1 error, 2 usage).
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cliTestServer } from './cli-server.js';

const { dir, server, berth } = await cliTestServer(t, 'cli');

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
  t.equal(r.stderr, "InvalidParameterException: Unknown member 'memroy' in ContainerDefinition.\n  field: containerDefinitions[0].memroy\n",
    'the message alone, the field on a second line');
  t.equal(await server.ctx.store.revision(), before, 'nothing written');
  const missing = await berth('delete', 'cluster', 'no-such-cluster');
  t.equal(missing.code, 1);
  t.match(missing.stderr, /^ClusterNotFoundException: Cluster not found\.\n/);
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

t.test('placement from the CLI: run --strategy/--constraint, get instances --filter, label, drain, activate, deregister', async (t) => {
  const { BerthClient } = await import('@berth/api');
  const api = new BerthClient(server.addr);
  t.teardown(() => api.close());
  const cluster = `cli-place-${process.pid}`;
  await api.call('CreateCluster', { clusterName: cluster });
  const ids: Record<string, string> = {};
  for (const [name, zone, stack] of [['p1', 'zone-a', 'prod'], ['p2', 'zone-b', 'prod'], ['d1', 'zone-a', 'dev']] as const) {
    const { containerInstance } = await api.call('RegisterContainerInstance', {
      cluster,
      totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 4096 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 4096 }],
      attributes: [{ name: 'ecs.availability-zone', value: zone }, { name: 'stack', value: stack }],
    });
    const id = containerInstance!.containerInstanceArn!.split('/').pop()!;
    ids[name] = id;
    // Stands in for an agent's session (agentConnected).
    await server.ctx.store.put(`/berth/v1/sessions/${id}`, JSON.stringify({ sessionId: 'cli-test' }));
  }
  const nameOf = (arn: string) => Object.entries(ids).find(([, id]) => arn.endsWith(id))![0];
  const placeFamily = `cli-place-${process.pid}`;
  const tdFile = join(dir, 'place.json');
  writeFileSync(tdFile, JSON.stringify({ family: placeFamily, containerDefinitions: [{ name: 'app', image: 'berth-test/busybox:latest', memory: 64 }] }));
  t.equal((await berth('register', 'taskdef', '-f', tdFile)).code, 0);

  const run = await berth('run', placeFamily, '--cluster', cluster, '--count', '4', '--strategy', 'spread:attribute:ecs.availability-zone', '--strategy', 'binpack:memory', '--constraint', 'memberOf:attribute:stack == prod', '-o', 'json');
  t.equal(run.code, 0, run.stderr);
  const placed = JSON.parse(run.stdout).tasks.map((x: { containerInstanceArn: string }) => nameOf(x.containerInstanceArn)).sort();
  t.same(placed, ['p1', 'p1', 'p2', 'p2'], 'two per zone, only on prod');

  const distinct = await berth('run', placeFamily, '--cluster', cluster, '--count', '4', '--group', 'one-each', '--constraint', 'distinctInstance');
  t.equal(distinct.code, 1, 'not all placed: exit 1');
  t.match(distinct.stderr, /failure: ATTRIBUTE \(arn:aws:ecs:[^)]+\): the constraint distinctInstance does not hold: a task of one-each is already there; 1 of 4 tasks could not be placed: no container instance met all requirements \(3 instances: 3 excluded by ATTRIBUTE distinctInstance\)/);

  const bad = await berth('run', placeFamily, '--cluster', cluster, '--constraint', 'memberOf:attribute:stack = prod');
  t.equal(bad.code, 1);
  t.match(bad.stderr, /^InvalidParameterException: Invalid query expression at position 17: expected an operator for attribute:stack.*\n  field: placementConstraints\[0\]\.expression\n$/);
  const badStrategy = await berth('run', placeFamily, '--cluster', cluster, '--strategy', 'binpack:disk');
  t.match(badStrategy.stderr, /^InvalidParameterException: The binpack placement strategy needs a field of cpu or memory .*\n  field: placementStrategy\[0\]\.field\n$/);

  const filtered = JSON.parse((await berth('get', 'instances', '--cluster', cluster, '--filter', `attribute:stack == prod and task:group == family:${placeFamily}`, '-o', 'json')).stdout);
  t.same(filtered.map((c: { containerInstanceArn: string }) => nameOf(c.containerInstanceArn)).sort(), ['p1', 'p2']);
  // runningTasksCount is ECS's: tasks whose lastStatus is RUNNING. No agent has started these yet.
  const idle = JSON.parse((await berth('get', 'instances', '--cluster', cluster, '--filter', 'runningTasksCount == 0', '-o', 'json')).stdout);
  t.same(idle.map((c: { containerInstanceArn: string }) => nameOf(c.containerInstanceArn)).sort(), ['d1', 'p1', 'p2']);
  const badFilter = await berth('get', 'instances', '--cluster', cluster, '--filter', 'attribute:stack ==');
  t.equal(badFilter.code, 1);
  t.match(badFilter.stderr, /^InvalidParameterException: Invalid query expression at position 19: expected a value.*\n  field: filter\n$/);

  const label = await berth('label', 'instance', ids.d1!, '--cluster', cluster, 'stack=prod', 'gpu');
  t.equal(label.code, 0, label.stderr);
  t.equal(label.stdout, `instance/${ids.d1} labeled\n`);
  const prodNow = JSON.parse((await berth('get', 'instances', '--cluster', cluster, '--filter', 'attribute:stack == prod', '-o', 'json')).stdout);
  t.equal(prodNow.length, 3, 'a label is usable in filters at once');
  const gpuRun = await berth('run', placeFamily, '--cluster', cluster, '--constraint', 'memberOf:attribute:gpu exists', '-o', 'json');
  t.same(JSON.parse(gpuRun.stdout).tasks.map((x: { containerInstanceArn: string }) => nameOf(x.containerInstanceArn)), ['d1'], 'and in constraints');
  const unlabel = JSON.parse((await berth('label', 'instance', ids.d1!, '--cluster', cluster, 'gpu-', '-o', 'json')).stdout);
  t.same(unlabel.attributes.map((a: { name: string }) => a.name), ['gpu'], '-o json prints DeleteAttributes\' response');

  const drain = await berth('drain', 'instance', ids.p1!, '--cluster', cluster);
  t.equal(drain.stdout, `instance/${ids.p1} draining\n`);
  const afterDrain = JSON.parse((await berth('run', placeFamily, '--cluster', cluster, '--count', '3', '--constraint', 'memberOf:attribute:stack == prod', '-o', 'json')).stdout);
  t.notOk(afterDrain.tasks.some((x: { containerInstanceArn: string }) => nameOf(x.containerInstanceArn) === 'p1'), 'a draining instance gets no new tasks');
  const table = await berth('get', 'instances', '--cluster', cluster, '--status', 'DRAINING');
  t.match(table.stdout, new RegExp(`\\n${ids.p1}\\s+DRAINING\\s+connected`));
  const activate = await berth('activate', 'instance', `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${ids.p1}`);
  t.equal(activate.code, 0, activate.stderr);
  t.equal(activate.stdout, `instance/${ids.p1} active\n`);
  const missing = await berth('drain', 'instance', 'f'.repeat(32), '--cluster', cluster);
  t.equal(missing.code, 1);
  t.match(missing.stderr, /failure: MISSING/);

  const refused = await berth('deregister', 'instance', ids.p2!, '--cluster', cluster);
  t.equal(refused.code, 1);
  t.equal(refused.stderr, 'InvalidParameterException: Found running tasks on the instance.\n  field: force\n');
  const forced = await berth('deregister', 'instance', ids.p2!, '--cluster', cluster, '--force', '-o', 'json');
  t.equal(forced.code, 0, forced.stderr);
  t.equal(JSON.parse(forced.stdout).containerInstance.status, 'INACTIVE');
  const listed = JSON.parse((await berth('get', 'instances', '--cluster', cluster, '-o', 'json')).stdout);
  t.equal(listed.length, 2, 'a deregistered instance is not listed');

  for (const args of [['drain', 'instance'], ['label', 'instance', ids.d1!], ['label', 'instance', ids.d1!, '=x'], ['get', 'tasks', '--filter', 'x'], ['deregister', 'taskdef', 'x:1', '--force'], ['run', placeFamily, '--strategy', ''], ['drain', 'task', 'x']]) {
    const r = await berth(...args, '--cluster', cluster);
    t.equal(r.code, 2, `berth ${args.join(' ')} -> 2 (${r.stderr.trim()})`);
  }
});
