// The service commands of the berth CLI (the real bin) against a real control plane without agents: files
// in JSON and YAML, output shapes, apply as create-or-update, scale, undo, delete, and exit codes. Rollouts
// with real tasks are in packages/agent/test/services-e2e.test.ts.
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { startServer, silentLogger } from '@berth/server';
import { cliAgainst } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-cli-svc-'));
const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, services: { resyncSeconds: 1 } });
const client = new BerthClient(server.addr);
t.teardown(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const cluster = `cli-svc-${process.pid}`;
const berth = cliAgainst(server.addr);

const family = `cli-svc-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });
for (const image of ['busybox:1', 'busybox:2']) {
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image, memory: 16 }] });
}
const yamlFile = join(dir, 'svc.yaml');
writeFileSync(yamlFile, `cluster: ${cluster}\nserviceName: web\ntaskDefinition: ${family}:1\ndesiredCount: 0\ndeploymentConfiguration:\n  minimumHealthyPercent: 50\n`);

t.test('create service -f (YAML), get, describe', async (t) => {
  const c = await berth('create', 'service', '-f', yamlFile);
  t.equal(c.code, 0, c.stderr);
  t.equal(c.stdout, `service/web created (${family}:1, desired 0)\n`);
  const g = await berth('get', 'services', '--cluster', cluster);
  t.match(g.stdout, /^NAME\s+STATUS\s+DESIRED\s+RUNNING\s+PENDING\s+TASKDEF\s+DEPLOYMENTS\s+ROLLOUT\n/);
  t.match(g.stdout, new RegExp(`\\nweb\\s+ACTIVE\\s+0\\s+0\\s+0\\s+${family}:1\\s+1\\s+\\w+\\n`));
  const j = JSON.parse((await berth('get', 'services', '--cluster', cluster, '-o', 'json')).stdout);
  t.equal(j.length, 1);
  t.equal(j[0].serviceName, 'web');
  const d = await berth('describe', 'service', `arn:aws:ecs:us-east-1:000000000000:service/${cluster}/web`);
  t.equal(d.code, 0, d.stderr);
  t.match(d.stdout, /Deployment:\s+min 50% healthy, max 200%, circuit breaker off/);
  t.match(d.stdout, /Deployments:\nID\s+STATUS/);
  t.match(d.stdout, /Events:/);
  const again = await berth('create', 'service', '-f', yamlFile, '--cluster', 'other');
  t.equal(again.code, 2, 'a --cluster that disagrees with the file is a usage error');
});

t.test('apply updates: a bare family means its latest ACTIVE revision; scale; undo', async (t) => {
  writeFileSync(yamlFile, `cluster: ${cluster}\nserviceName: web\ntaskDefinition: ${family}\ndesiredCount: 0\n`);
  const a = await berth('apply', '-f', yamlFile);
  t.equal(a.code, 0, a.stderr);
  t.match(a.stdout, new RegExp(`^service/web configured \\(deployment ecs-svc/\\d{19} of ${family}:2 started\\)\\n$`));
  const same = await berth('apply', '-f', yamlFile);
  t.equal(same.stdout, 'service/web unchanged\n', 'nothing changed: no call, no new deployment');
  const s = await berth('scale', 'service', 'web', '--desired', '0', '--cluster', cluster, '-o', 'json');
  t.equal(JSON.parse(s.stdout).service.desiredCount, 0, '-o json prints the UpdateService response');
  t.equal((await berth('scale', 'service', 'web', '--desired', 'x', '--cluster', cluster)).code, 2);
  const u = await berth('rollout', 'undo', 'service', 'web', '--cluster', cluster);
  t.equal(u.code, 0, u.stderr);
  t.match(u.stdout, new RegExp(`^service/web rolling back to revision \\d{19} \\(${family}:1, `));
  const svc = (await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!;
  t.equal(svc.taskDefinition, `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:1`);
  const st = await berth('rollout', 'status', 'service', 'web', '--cluster', cluster, '--timeout', '20');
  t.equal(st.code, 0, st.stdout + st.stderr);
  t.match(st.stdout, /service\/web successfully rolled out/);

  // The history: the three deployments, newest first, from the deployments API.
  const h = await berth('rollout', 'history', 'service', 'web', '--cluster', cluster);
  t.equal(h.code, 0, h.stderr);
  const rows = h.stdout.trimEnd().split('\n');
  t.match(rows[0], /^REVISION\s+STATUS\s+STAGE\s+TASKDEF\s+ROLLED BACK TO\s+CREATED\s+FINISHED$/);
  t.same(rows.slice(1).map((r) => r.split(/\s+/).slice(1, 4)), [['SUCCESSFUL', 'CLEAN_UP', `${family}:1`], ['SUCCESSFUL', 'CLEAN_UP', `${family}:2`], ['SUCCESSFUL', 'CLEAN_UP', `${family}:1`]]);
  const hj = JSON.parse((await berth('rollout', 'history', 'service', 'web', '--cluster', cluster, '-o', 'json')).stdout);
  t.match(hj[0], { serviceDeploymentArn: new RegExp(`:service-deployment/${cluster}/web/\\d{19}$`), status: 'SUCCESSFUL' }, '-o json: the ServiceDeployment shapes');

  // --to-revision takes the REVISION history shows: back to the one that ran family:2.
  const second = rows[2]!.split(/\s+/)[0]!;
  const to = await berth('rollout', 'undo', 'service', 'web', '--cluster', cluster, '--to-revision', second);
  t.equal(to.code, 0, to.stderr);
  t.match(to.stdout, new RegExp(`^service/web rolling back to revision ${second} \\(${family}:2, deployment ecs-svc/\\d{19}\\)\\n$`));
  t.equal((await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!.taskDefinition, `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:2`);
  const again = await berth('rollout', 'undo', 'service', 'web', '--cluster', cluster, '--to-revision', second);
  t.match(again.stdout, new RegExp(`skipped rollback \\(it already runs revision ${second}, ${family}:2\\)`));
  const gone = await berth('rollout', 'undo', 'service', 'web', '--cluster', cluster, '--to-revision', '123');
  t.equal(gone.code, 1);
  t.match(gone.stderr, /service revision 123 of service web is not kept: a service keeps the revisions of its last 10 deployments/);
  t.equal((await berth('rollout', 'undo', 'service', 'web', '--cluster', cluster, '--to-revision', 'x')).code, 2);
  t.equal((await berth('rollout', 'status', 'service', 'web', '--cluster', cluster, '--to-revision', second)).code, 2, '--to-revision is for undo');
});

t.test('apply creates when missing; delete needs --force above 0; errors name ECS', async (t) => {
  const f = join(dir, 'api.json');
  writeFileSync(f, JSON.stringify({ cluster, serviceName: 'api', taskDefinition: family, desiredCount: 2 }));
  const a = await berth('apply', '-f', f);
  t.equal(a.code, 0, a.stderr);
  t.match(a.stdout, /^service\/api created/);
  const no = await berth('delete', 'service', 'api', '--cluster', cluster);
  t.equal(no.code, 1);
  t.match(no.stderr, /^InvalidParameterException: The service cannot be stopped while it is scaled above 0\./);
  const yes = await berth('delete', 'service', 'api', '--cluster', cluster, '--force');
  t.equal(yes.code, 0, yes.stderr);
  t.match(yes.stdout, /service\/api deleted \((DRAINING|INACTIVE)\)/);
  const gone = await berth('rollout', 'status', 'service', 'api', '--cluster', cluster, '--timeout', '5');
  t.equal(gone.code, 1, 'rollout status of a deleted service fails');
  const missing = await berth('scale', 'service', 'nope', '--desired', '1', '--cluster', cluster);
  t.equal(missing.code, 1);
  t.match(missing.stderr, /^ServiceNotFoundException: Service not found\./);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ serviceName: 'x', desiredCount: 1, taskDefinition: family, bogus: 1 }));
  const b = await berth('create', 'service', '-f', bad, '--cluster', cluster);
  t.equal(b.code, 1);
  t.match(b.stderr, /bogus/);
});
