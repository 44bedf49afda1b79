// Structural: what each request asks of the store does not grow with the cluster. Two worlds, 100 and
// 10,000 tasks (10 tasks per instance, so 10 and 1,000 instances), seeded through the state layer's own
// ops in large transactions; each request is measured by a counting store (operations, and the keys each
// covers; a count-only range costs the keys it counts), attributed through async context so the
// controllers running meanwhile are not counted. Every figure of the big world must be at most the small
// world's. No timing is asserted: this is about the shape of the work, benchmarks measure speed.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, type CallContext } from '@berth/api';
import { newDeployment, type TaskStateReport } from '@berth/core';
import { CountingStore, FileStore, type StoreCost } from '@berth/store';
import { startServer, silentLogger, putSession, type RunningServer } from '../src/index.js';
import { runTask } from '../src/handlers/tasks/run-task.js';
import { describeTasks, listTasks } from '../src/handlers/tasks/queries.js';
import { startTask } from '../src/handlers/tasks/launch.js';
import { describeContainerInstances } from '../src/handlers/container-instances.js';
import { describeClusters } from '../src/handlers/clusters.js';
import { listTaskDefinitions } from '../src/handlers/task-definitions.js';
import { applyTaskReport, applyTaskReports } from '../src/dispatch/task-reports.js';
import { startServiceController } from '../src/controllers/leader/services.js';
import { sweepStoppedTasks } from '../src/controllers/leader/retention.js';
import { instanceRecord, newId, serviceRecord, taskRecord, writeRecords } from './state-records.js';

const TASKS_PER_INSTANCE = 10;
const SERVICE_TASKS = 10;
const REVISIONS = 150;
const RETENTION_PAGE = 20;
const dir = mkdtempSync(join(tmpdir(), 'berth-structural-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

interface World {
  server: RunningServer;
  client: BerthClient;
  counting: CountingStore;
  instances: string[];
  pending: string[];
  running: string[];
  close(): Promise<void>;
}

/** A cluster of `tasks` tasks: per instance 1 PENDING, 7 RUNNING and 2 long STOPPED; plus a steady service of 10 on the first instance. */
async function world(name: string, tasks: number): Promise<World> {
  const counting = new CountingStore(await FileStore.open(join(dir, name, 'berth.db')));
  const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store: counting, log: silentLogger, services: { settleSeconds: 0 },
    // The leader's own sweep would race the measured retention page for the long-STOPPED tasks.
    taskRetentionSeconds: 1e10 });
  const client = new BerthClient(server.addr);
  const cluster = 'structural';
  await client.call('CreateCluster', { clusterName: cluster });
  for (let i = 0; i < REVISIONS; i++) await client.call('RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'app', image: 'busybox', memory: 8 }] });
  const td = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1';
  const deployment = newDeployment({ id: 'ecs-svc/0000000000000000001', taskDefinition: td, desiredCount: SERVICE_TASKS, now: 0 });
  const instances = Array.from({ length: tasks / TASKS_PER_INSTANCE }, () => newId());
  const recs = instances.map((id) => instanceRecord(cluster, id));
  const all = instances.flatMap((id, i) => [
    taskRecord(cluster, newId(), id, 'PENDING', { family: 'web' }),
    ...Array.from({ length: 7 }, () => taskRecord(cluster, newId(), id, 'RUNNING', { family: 'web' })),
    ...Array.from({ length: 2 }, () => taskRecord(cluster, newId(), id, 'STOPPED', { family: 'web', stoppedAt: 1 })),
    ...(i === 0 ? Array.from({ length: SERVICE_TASKS }, () => {
      const r = taskRecord(cluster, newId(), id, 'RUNNING', { family: 'web', group: 'service:steady', startedBy: deployment.id! });
      r.task.startedAt = 1;
      return r;
    }) : []),
  ]);
  for (const r of recs) {
    for (const task of all.filter((x) => x.containerInstanceId === r.id && x.task.lastStatus !== 'STOPPED')) r.taskGroups[task.task.group!] = (r.taskGroups[task.task.group!] ?? 0) + 1;
  }
  const steady = serviceRecord(cluster, 'steady');
  steady.service = { ...steady.service, desiredCount: SERVICE_TASKS, runningCount: SERVICE_TASKS, taskDefinition: td, deployments: [{ ...deployment, runningCount: SERVICE_TASKS, rolloutState: 'COMPLETED' }] };
  await writeRecords(counting, { instances: recs, tasks: all, services: [steady] });
  for (const id of instances) await putSession(counting, id, { sessionId: 'structural', cluster, since: 0 });
  const pending = all.filter((x) => x.task.lastStatus === 'PENDING').map((x) => x.id);
  const running = all.filter((x) => x.task.lastStatus === 'RUNNING' && x.task.group === 'family:web').map((x) => x.id);
  // Warm what informers and caches would have warmed on a running server: the instance informer's first
  // list, the cluster and task-definition informers, the report path's task definition.
  await client.call('RunTask', { cluster, taskDefinition: 'web' });
  // ...and the task-definition informer's revisions in use: the family's latest, and the seeded tasks' revision.
  await client.call('RunTask', { cluster, taskDefinition: 'web:1' });
  await applyTaskReport(server.ctx, instances[0]!, report(cluster, pending.pop()!));
  return {
    server, client, counting, instances, pending, running,
    async close() {
      client.close();
      await server.close();
      await counting.close();
    },
  };
}

const report = (cluster: string, id: string): TaskStateReport => ({
  taskArn: `arn:aws:ecs:us-east-1:000000000000:task/${cluster}/${id}`, counter: 1, lastStatus: 'RUNNING', containers: [{ containerName: 'app', status: 'RUNNING' }],
});

/** What each request cost in one world. */
async function measure(w: World): Promise<Record<string, StoreCost>> {
  const cluster = 'structural';
  const out: Record<string, StoreCost> = {};
  const m = async (name: string, fn: () => Promise<unknown>) => {
    out[name] = (await w.counting.measure(fn)).cost;
  };
  const serviceController = startServiceController(w.server.ctx, { settleSeconds: 0, resyncSeconds: 3600 });
  // The handlers the transports call, called in-process so the work stays in this async context (a call
  // over the network would run in the server's).
  const ctx = w.server.ctx;
  try {
    // The caller matters only to iam:PassRole, which a task definition without roles never asks.
    const call: CallContext = { requestId: 'structural', transport: 'grpc', peer: 'in-process', api: { name: 'ecs', iamPrefix: 'ecs' }, action: 'RunTask', caller: { kind: 'anonymous', reason: 'in-process' } };
    await m('RunTask', () => runTask(ctx, { cluster, taskDefinition: 'web' }, call));
    // Through the seam, the scope has resolved the bare family already (call.resources): not resolved twice.
    const revisionArn = (await describeTasks(ctx, { cluster, tasks: [w.running[0]!] })).tasks![0]!.taskDefinitionArn!;
    await m('RunTask, authorized on its revision', () => runTask(ctx, { cluster, taskDefinition: 'web' }, { ...call, resources: [revisionArn] }));
    await m('RunTask with a clientToken', () => runTask(ctx, { cluster, taskDefinition: 'web', clientToken: `structural-${Math.random()}` }, call));
    await m('RunTask by revision', () => runTask(ctx, { cluster, taskDefinition: 'web:150' }, call));
    await m('StartTask (one instance)', () => startTask(ctx, { cluster, taskDefinition: 'web', containerInstances: [w.instances[1] ?? w.instances[0]!] }, { ...call, action: 'StartTask' }));
    const pendingId = w.pending[0]!;
    const instanceOf = (await describeTasks(ctx, { cluster, tasks: [pendingId] })).tasks![0]!.containerInstanceArn!.split('/').pop()!;
    await m('agent report', () => applyTaskReport(ctx, instanceOf, report(cluster, pendingId)));
    // Five reports from five agents, as the dispatcher batches them.
    const five = await Promise.all(w.pending.slice(1, 6).map(async (id) => ({ instanceId: (await describeTasks(ctx, { cluster, tasks: [id] })).tasks![0]!.containerInstanceArn!.split('/').pop()!, report: report(cluster, id) })));
    await m('5 agent reports, batched', () => applyTaskReports(ctx, five));
    await m('DescribeTasks (10)', () => describeTasks(ctx, { cluster, tasks: w.running.slice(0, 10) }));
    await m('DescribeContainerInstances (10)', () => describeContainerInstances(ctx, { cluster, containerInstances: w.instances.slice(0, 10) }));
    await m('DescribeClusters', () => describeClusters(ctx, { clusters: [cluster], include: ['STATISTICS'] }));
    await m('ListTasks (a page of 50)', () => listTasks(ctx, { cluster, maxResults: 50 }));
    await m('ListTaskDefinitions (a page of 100)', () => listTaskDefinitions(ctx, { familyPrefix: 'web', maxResults: 100 }));
    await m('ListTaskDefinitions DESC (a page of 100)', () => listTaskDefinitions(ctx, { familyPrefix: 'web', maxResults: 100, sort: 'DESC' }));
    // The first reconcile may write the service's steady state; the second is the one every change costs.
    await serviceController.reconcile(cluster, 'steady');
    await m('a service reconcile', () => serviceController.reconcile(cluster, 'steady'));
    await m(`a retention page (K=${RETENTION_PAGE})`, () => sweepStoppedTasks(w.server.ctx, 1_000_000, RETENTION_PAGE));
  } finally {
    await serviceController.stop();
  }
  return out;
}

const small = await world('small', 100);
const big = await world('big', 10_000);
t.teardown(async () => {
  await small.close();
  await big.close();
});
const [s, b] = [await measure(small), await measure(big)];

t.test('a batch of reports is one read and one transaction, however many it holds', async (t) => {
  for (const c of [s, b]) t.same(c['5 agent reports, batched']!.byMethod, { getMany: { ops: 1, keys: 5 }, txn: { ops: 1, keys: c['5 agent reports, batched']!.byMethod.txn!.keys } });
  t.ok(b['5 agent reports, batched']!.ops < 5 * b['agent report']!.ops, 'fewer calls than five reports alone');
});

t.test('no request does more store work at 10,000 tasks than at 100', async (t) => {
  t.comment(`${'request'.padEnd(42)} ${'100 tasks: ops/keys'.padStart(20)} ${'10,000 tasks: ops/keys'.padStart(24)}`);
  for (const name of Object.keys(s)) {
    const by = (c: StoreCost) => Object.entries(c.byMethod).map(([k, v]) => `${k} ${v.ops}/${v.keys}`).join(', ');
    t.comment(`${name.padEnd(42)} ${`${s[name]!.ops}/${s[name]!.keys}`.padStart(20)} ${`${b[name]!.ops}/${b[name]!.keys}`.padStart(24)}   (${by(b[name]!)})`);
  }
  for (const name of Object.keys(s)) {
    t.ok(b[name]!.ops <= s[name]!.ops, `${name}: ${b[name]!.ops} store calls at 10,000 tasks, ${s[name]!.ops} at 100`);
    t.ok(b[name]!.keys <= s[name]!.keys, `${name}: ${b[name]!.keys} keys at 10,000 tasks, ${s[name]!.keys} at 100`);
  }
  t.equal(b[`a retention page (K=${RETENTION_PAGE})`]!.byMethod.txn!.keys > 0, true, 'the retention page deleted');
  t.ok(s['RunTask']!.byMethod.txn, 'RunTask committed');
});

t.test('RunTask and StartTask read nothing from the store: the cluster, the revision, the instances and the clientToken are in the one transaction', async (t) => {
  // The cluster and the task definition come from informers (warmed by the world's first RunTasks), the
  // instances (StartTask's named ones too) from the instance informer; a clientToken is compared in the
  // transaction, read only when it loses. What is left is the commit.
  for (const c of [s, b]) {
    for (const name of ['RunTask', 'RunTask, authorized on its revision', 'RunTask with a clientToken', 'RunTask by revision', 'StartTask (one instance)']) {
      t.same(Object.keys(c[name]!.byMethod), ['txn'], `${name}: only its transaction`);
      t.equal(c[name]!.byMethod.txn!.ops, 1, `${name}: one transaction`);
    }
  }
});

t.test('the seeding went through the state layer (the big world lists what it holds)', async (t) => {
  const listed = await big.client.call('ListContainerInstances', { cluster: 'structural', maxResults: 100 });
  t.equal(listed.containerInstanceArns?.length, 100);
  t.ok(listed.nextToken, 'a page of 1,000 instances');
});
