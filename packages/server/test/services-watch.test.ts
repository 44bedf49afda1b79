// The services controller hears of a service task's changes from the service index (tasks-by-service),
// not from every task record: each change its scheduler decides on must rewrite that index entry. Here the
// controller's periodic resync is an hour, so only the watch can move a service along. File store, no
// Docker: a simulated agent (applyTaskReport, as the dispatcher does) moves the tasks.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import type { Task } from '@berth/core';
import { startServer, silentLogger } from '../src/index.js';
import { TASKS_BY_SERVICE_ROOT, getTask, taskIndexEntries, taskKey, taskOps, type TaskRecord } from '../src/state/tasks.js';
import { tasksOf, uniq, until } from './helpers.js';
import { startSimulatedAgent } from './simulated-agent.js';

t.test('the service index entry changes with what the scheduler decides on, and only a service task has one', async (t) => {
  const base: TaskRecord = {
    cluster: 'c', id: 't1', containerInstanceId: 'i1', reportCounter: 0, reservation: { cpu: 0, memory: 0, ports: [], gpus: [] } as never,
    task: { taskArn: 'arn:aws:ecs:r:1:task/c/t1', taskDefinitionArn: 'arn:aws:ecs:r:1:task-definition/web:1', group: 'service:web', lastStatus: 'RUNNING', desiredStatus: 'RUNNING' } as Task,
  };
  const entry = (r: TaskRecord) => taskIndexEntries(r).find((e) => e.key.startsWith(TASKS_BY_SERVICE_ROOT));
  const with_ = (task: Partial<Task>, rest: Partial<TaskRecord> = {}): TaskRecord => ({ ...base, ...rest, task: { ...base.task, ...task } });
  const cases: [string, TaskRecord][] = [
    ['health reported', with_({ healthStatus: 'HEALTHY' })],
    ['health turned', with_({ healthStatus: 'UNHEALTHY' })],
    ['DEACTIVATING (the status index files it as RUNNING)', with_({ lastStatus: 'DEACTIVATING' })],
    ['STOPPING', with_({ lastStatus: 'STOPPING' })],
    ['desired STOPPED', with_({ desiredStatus: 'STOPPED' })],
    ['protected', with_({}, { protection: { expiresAt: 1_000 } })],
  ];
  const first = entry(base)!;
  t.match(first.key, /tasks-by-service\/c\/web\/live\/t1$/);
  t.same(JSON.parse(first.value), { d: 'RUNNING', f: 'web', l: 'EC2', g: 'service:web', ls: 'RUNNING' });
  const seen = new Set([first.value]);
  for (const [what, r] of cases) {
    const e = entry(r)!;
    t.equal(e.key, first.key, `${what}: same key`);
    t.notOk(seen.has(e.value), `${what}: a new value, so the controller's watch hears of it`);
    seen.add(e.value);
  }
  // A write the scheduler does not decide on (a report counter) leaves the entry alone: taskOps puts nothing there.
  const ops = taskOps({ ...base, reportCounter: 5 }, base);
  t.same(ops.filter((o) => 'put' in o && o.put.startsWith(TASKS_BY_SERVICE_ROOT)), []);
  t.equal(entry(with_({ group: 'family:web' })), undefined, 'a task of no service has none');
});

t.test('with an hour between resyncs, a HEALTHY report completes the rollout', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-svc-watch-'));
  const server = await startServer({
    insecure: true, listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger,
    services: { settleSeconds: 0.3, throttleBaseSeconds: 0.2, throttleMaxSeconds: 1, resyncSeconds: 3600 },
  });
  const client = new BerthClient(server.addr);
  const { store } = server.ctx;
  const cluster = uniq('svcw');
  const family = uniq('hc');
  await client.call('CreateCluster', { clusterName: cluster });
  const agent = await startSimulatedAgent(client, server.ctx, cluster, () => 'run');
  t.teardown(async () => {
    agent.stop();
    client.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await client.call('RegisterTaskDefinition', {
    family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 32, healthCheck: { command: ['CMD-SHELL', 'true'] } }],
  });
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 1, healthCheckGracePeriodSeconds: 1 });
  const live = async () => (await tasksOf(store, cluster)).filter((r) => r.task.group === 'service:web' && r.task.lastStatus !== 'STOPPED').map((r) => r.task);
  const setHealth = async (arn: string, healthStatus: 'HEALTHY' | 'UNHEALTHY') => {
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    const cur = (await getTask(store, cluster, id))!;
    const rec = structuredClone(cur.value);
    rec.task.healthStatus = healthStatus;
    rec.task.containers = rec.task.containers?.map((c) => ({ ...c, healthStatus }));
    await store.txn({ compare: [{ key: taskKey(cluster, rec.id), modRevision: cur.modRevision }], success: taskOps(rec, cur.value) });
  };
  const first = await until('RUNNING', async () => (await live()).find((x) => x.lastStatus === 'RUNNING'));
  await setHealth(first.taskArn!, 'HEALTHY');
  await until('completed on HEALTHY', async () => {
    const s = (await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!;
    return s.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === 1;
  });
  t.pass('the rollout completed on the HEALTHY report alone');
  // Noticed, left alone: an UNHEALTHY report past the grace period replaces the task only at the next
  // periodic resync, with this watch and with the task-record watch before it alike.
});
