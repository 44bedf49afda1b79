// The retention sweep on the file store: STOPPED tasks older than the window go, everything else stays.
// Instances are registered by the test and the session key stands in for the dispatcher's (it writes
// it, on a lease, while an agent is connected); agent reports are applied with applyTaskReport.
import t from 'tap';
import { startTestServer, uniq } from './helpers.js';
import { clientTokenKey, sessionKey, taskKey } from '../src/index.js';
import { applyTaskReport } from '../src/dispatch/task-reports.js';
import { startRetention, sweepRetention } from '../src/controllers/leader/retention.js';

const ts = await startTestServer();
t.teardown(() => ts.close());
const { client } = ts;
const { ctx } = ts.server;
const { store } = ctx;
const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup() {
  const cluster = uniq('ret');
  const family = uniq('fam');
  await client.call('CreateCluster', { clusterName: cluster });
  const { containerInstance } = await client.call('RegisterContainerInstance', {
    cluster,
    totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }],
  });
  const instance = idOf(containerInstance!.containerInstanceArn!);
  await store.put(sessionKey(instance), '{"sessionId":"test"}');
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 10 }] });
  return { cluster, family, instance };
}

const stopViaReport = async (instance: string, taskArn: string) =>
  applyTaskReport(ctx, instance, { taskArn, counter: 1, lastStatus: 'STOPPED', containers: [{ containerName: 'app', status: 'STOPPED', exitCode: 0 }] });

t.test('STOPPED tasks older than the window are deleted; live and recent ones stay', async (t) => {
  const { cluster, family, instance } = await setup();
  const token = uniq('tok');
  const [old, running] = (await client.call('RunTask', { cluster, taskDefinition: family, count: 2, clientToken: token })).tasks!;
  await stopViaReport(instance, old!.taskArn!);
  await sleep(1200);
  const recent = (await client.call('RunTask', { cluster, taskDefinition: family })).tasks![0]!;
  await stopViaReport(instance, recent.taskArn!);

  // Two sweepers at once, as two replicas would run them.
  const a = startRetention(ctx, { retentionSeconds: 1, intervalMs: 100 });
  const b = startRetention(ctx, { retentionSeconds: 1, intervalMs: 100 });
  t.teardown(() => { a.stop(); b.stop(); });
  for (let i = 0; i < 50 && (await store.get(taskKey(cluster, idOf(old!.taskArn!)))); i++) await sleep(50);
  t.equal(await store.get(taskKey(cluster, idOf(old!.taskArn!))), null, 'the old STOPPED task is gone');
  const d = await client.call('DescribeTasks', { cluster, tasks: [old!.taskArn!, running!.taskArn!, recent.taskArn!] });
  t.same(d.failures, [{ arn: old!.taskArn!, reason: 'MISSING' }], 'described as MISSING');
  t.same(d.tasks?.map((x) => x.taskArn).sort(), [running!.taskArn!, recent.taskArn!].sort(), 'a live task and a recently stopped one stay');
  t.ok(await store.get(clientTokenKey(cluster, token)), 'a clientToken stays while one of its tasks exists');
  a.stop();
  b.stop();
});

t.test('sweepRetention counts what it deletes, and clientTokens go once their tasks have', async (t) => {
  const { cluster, family, instance } = await setup();
  const token = uniq('tok');
  const task = (await client.call('RunTask', { cluster, taskDefinition: family, clientToken: token })).tasks![0]!;
  t.same(await sweepRetention(ctx, 1), { tasks: 0, clientTokens: 0, taskDefinitions: 0 }, 'nothing is old enough');
  await stopViaReport(instance, task.taskArn!);
  await sleep(1200);
  const swept = await sweepRetention(ctx, 1);
  t.ok(swept.tasks >= 1);
  t.ok(swept.clientTokens >= 1);
  t.equal(await store.get(taskKey(cluster, idOf(task.taskArn!))), null);
  t.equal(await store.get(clientTokenKey(cluster, token)), null);
  const fresh = await client.call('RunTask', { cluster, taskDefinition: family, clientToken: token });
  t.not(fresh.tasks?.[0]?.taskArn, task.taskArn, 'the token is free again');
  t.same(await sweepRetention(ctx, 3600), { tasks: 0, clientTokens: 0, taskDefinitions: 0 }, 'the default window keeps everything this young');
});

t.test('a task definition being deleted stays while a task references it', async (t) => {
  const { cluster, family } = await setup();
  const { tasks } = await client.call('RunTask', { cluster, taskDefinition: family });
  await client.call('DeregisterTaskDefinition', { taskDefinition: `${family}:1` });
  await client.call('DeleteTaskDefinitions', { taskDefinitions: [`${family}:1`] });
  await sweepRetention(ctx, 3600);
  const kept = await client.call('DescribeTaskDefinition', { taskDefinition: `${family}:1` });
  t.equal(kept.taskDefinition?.status, 'DELETE_IN_PROGRESS', 'referenced by a live task: kept');
  t.equal((await client.call('DescribeTasks', { cluster, tasks: [tasks![0]!.taskArn!] })).tasks?.[0]?.taskDefinitionArn, kept.taskDefinition?.taskDefinitionArn);
  await store.delete(taskKey(cluster, idOf(tasks![0]!.taskArn!)));
  const swept = await sweepRetention(ctx, 3600);
  t.ok(swept.taskDefinitions >= 1, 'unreferenced: removed');
  await t.rejects(client.call('DescribeTaskDefinition', { taskDefinition: `${family}:1` }), { name: 'ClientException' } as Error);
});
