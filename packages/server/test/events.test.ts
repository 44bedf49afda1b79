// ECS events: every task and container-instance change writes its EventBridge event in the same
// transaction, and WatchEvents resumes from a cursor, also on a new server over the same store, with
// exactly the events missed. Runs on the file store and on etcd. Agent reports are applied with
// applyTaskReport (what the dispatcher calls), so no agent is needed.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, type EventMessage, type WatchEventsRequest } from '@berth/api';
import type { EcsEvent } from '@berth/core';
import type { Store } from '@berth/store';
import { startServer, silentLogger, sessionKey, type RunningServer } from '../src/index.js';
import { applyTaskReport } from '../src/dispatch/task-reports.js';
import { sweepEvents } from '../src/controllers/leader/event-retention.js';
import { clearEtcdNamespace, etcdNamespace, openEtcdNamespace, rejection, uniq } from './helpers.js';

const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Env { server: RunningServer; client: BerthClient; store: string | Store }
async function start(open: () => Promise<string | Store>): Promise<Env> {
  const store = await open();
  const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store, log: silentLogger });
  return { server, client: new BerthClient(server.addr), store };
}
async function stop(env: Env) {
  env.client.close();
  await env.server.close();
  if (typeof env.store !== 'string') await env.store.close();
}

/** The backlog after `cursor` (follow false: the stream ends once caught up). */
async function backlog(client: BerthClient, req: WatchEventsRequest): Promise<{ cursor: string; event: EcsEvent }[]> {
  const out: { cursor: string; event: EcsEvent }[] = [];
  for await (const m of client.watchEvents({ ...req, follow: false })) out.push({ cursor: m.cursor!, event: JSON.parse(m.event!) as EcsEvent });
  return out;
}

/** A follow stream read message by message. */
function follow(client: BerthClient, req: WatchEventsRequest) {
  const s = client.watchEvents({ ...req, follow: true });
  const it = s[Symbol.asyncIterator]();
  return {
    async next(): Promise<EventMessage> {
      const r = await it.next();
      if (r.done) throw new Error('stream ended');
      return r.value;
    },
    cancel: () => s.cancel(),
  };
}

const statusOf = (e: EcsEvent) => (e['detail-type'] === 'ECS Task State Change' ? `task ${String(e.detail.lastStatus)}/${String(e.detail.desiredStatus)} v${String(e.detail.version)}` : `instance ${String(e.detail.status)} v${String(e.detail.version)}`);

async function setup(env: Env) {
  const cluster = uniq('ev');
  const family = uniq('fam');
  await env.client.call('CreateCluster', { clusterName: cluster });
  const { containerInstance } = await env.client.call('RegisterContainerInstance', {
    cluster,
    totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 4096 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 4096 }],
  });
  const instance = idOf(containerInstance!.containerInstanceArn!);
  // The session key stands in for a connected agent (the dispatcher writes it on a lease).
  await env.server.ctx.store.put(sessionKey(instance), '{"sessionId":"test"}');
  // The connectivity controller records the connect from its watch; here at once, so the order is known.
  await env.server.connectivity.reconcile(instance);
  await env.client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 10 }] });
  return { cluster, family, instance, instanceArn: containerInstance!.containerInstanceArn! };
}

function suite(name: string, storeUrl: () => Promise<string | Store>) {
  t.test(name, async (t) => {
    let env = await start(storeUrl);
    t.teardown(() => stop(env));

    await t.test('changes emit ECS events, once each, in commit order', async (t) => {
      const { cluster, family, instance, instanceArn } = await setup(env);
      const task = (await env.client.call('RunTask', { cluster, taskDefinition: family })).tasks![0]!;
      const ctx = env.server.ctx;
      await applyTaskReport(ctx, instance, { taskArn: task.taskArn!, counter: 1, lastStatus: 'RUNNING', containers: [{ containerName: 'app', status: 'RUNNING', runtimeId: 'abc' }] });
      await applyTaskReport(ctx, instance, { taskArn: task.taskArn!, counter: 1, lastStatus: 'RUNNING', containers: [] }); // stale: no event
      await env.client.call('StopTask', { cluster, task: task.taskArn!, reason: 'done' });
      await env.client.call('StopTask', { cluster, task: task.taskArn! }); // already stopping: no event
      await applyTaskReport(ctx, instance, { taskArn: task.taskArn!, counter: 2, lastStatus: 'STOPPED', containers: [{ containerName: 'app', status: 'STOPPED', exitCode: 0 }] });
      await env.client.call('UpdateContainerInstancesState', { cluster, containerInstances: [instance], status: 'DRAINING' });
      await env.client.call('UpdateContainerInstancesState', { cluster, containerInstances: [instance], status: 'DRAINING' }); // no change

      const events = (await backlog(env.client, { cluster })).map((x) => x.event);
      t.same(events.map(statusOf), [
        'instance ACTIVE v1', // registered
        'instance ACTIVE v2', // its agent connected
        'instance ACTIVE v3', 'task PENDING/RUNNING v1', // RunTask: the instance's remaining resources and the task, one transaction
        'task RUNNING/RUNNING v2',
        'task RUNNING/STOPPED v3',
        'task STOPPED/STOPPED v4', 'instance ACTIVE v4', // resources given back
        'instance DRAINING v5',
      ]);
      const e = events[4]!;
      t.match(e, { version: '0', source: 'aws.ecs', 'detail-type': 'ECS Task State Change', resources: [task.taskArn], region: ctx.identity.region, account: ctx.identity.accountId });
      t.match(e.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      t.match(e.detail, { taskArn: task.taskArn, clusterArn: task.clusterArn, containerInstanceArn: instanceArn, lastStatus: 'RUNNING', containers: [{ name: 'app', lastStatus: 'RUNNING', runtimeId: 'abc' }] });
      t.match(e.detail.startedAt, /Z$/);
      t.match(events[6]!.detail, { stopCode: 'UserInitiated', stoppedReason: 'done', containers: [{ exitCode: 0 }] });
      t.equal(events[0]!.detail.agentConnected, false, 'registered before its agent connected');
      t.equal(events[1]!.detail.agentConnected, true, 'then connected');
      t.equal(events[2]!.detail.agentConnected, true);
      t.equal(new Set(events.map((x) => x.id)).size, events.length, 'every event has its own id');
      const only = await backlog(env.client, { cluster, detailTypes: ['ECS Container Instance State Change'] });
      t.equal(only.length, 5, 'detailTypes filters');
      t.equal((await rejection(backlog(env.client, { cluster, detailTypes: ['ECS Nope'] }))).ecsName, 'InvalidParameterException');
      t.equal((await rejection(backlog(env.client, { cluster, cursor: 'garbage' }))).field, 'cursor');

      // The agent goes away (its session key vanishes, as when its lease expires): one event, though
      // the watch and two more reconciles race to record it.
      const last = events.at(-1)!;
      const cursor = (await backlog(env.client, { cluster })).at(-1)!.cursor;
      await ctx.store.delete(sessionKey(instance));
      await Promise.all([env.server.connectivity.reconcile(instance), env.server.connectivity.reconcile(instance)]);
      await sleep(200);
      const gone = await backlog(env.client, { cluster, cursor });
      t.same(gone.map((x) => [statusOf(x.event), x.event.detail.agentConnected]), [['instance DRAINING v6', false]], 'agent disconnected, once');
      t.equal(last.detail.agentConnected, true);
      const d = await env.client.call('DescribeContainerInstances', { cluster, containerInstances: [instance] });
      t.match(d.containerInstances![0], { agentConnected: false, version: 6 });
    });

    await t.test('disconnected, N changes, resumed with the cursor: exactly those N, also on a restarted server', async (t) => {
      const { cluster, family } = await setup(env);
      const tasks = (await env.client.call('RunTask', { cluster, taskDefinition: family, count: 6 })).tasks!;
      // A follow stream: the backlog, caught up, then live events; it disconnects after the first live one.
      const f = follow(env.client, { cluster });
      let m: EventMessage;
      let cursor = '';
      let seen = 0;
      while (!(m = await f.next()).caughtUp) {
        cursor = m.cursor!;
        seen++;
      }
      t.equal(seen, 1 + 1 + 6 + 1, 'backlog: registration, connect, 6 tasks and the instance (RunTask of 6 is one transaction)');
      await env.client.call('StopTask', { cluster, task: tasks[0]!.taskArn! });
      m = await f.next();
      t.match(JSON.parse(m.event!).detail, { taskArn: tasks[0]!.taskArn, desiredStatus: 'STOPPED' }, 'a live event');
      cursor = m.cursor!;
      f.cancel();

      // N = 2 changes while disconnected, then a server restart on the same store, then N = 3 more.
      await env.client.call('StopTask', { cluster, task: tasks[1]!.taskArn! });
      await env.client.call('StopTask', { cluster, task: tasks[2]!.taskArn! });
      // A follow stream open while its server shuts down fails (to be resumed elsewhere); it does not
      // end as if complete, nor hold the shutdown up.
      const h = follow(env.client, { cluster });
      while (!(await h.next()).caughtUp);
      const ended = h.next().then(() => 'ended', (e: Error) => e.message);
      await stop(env);
      t.match(await ended, /server shutting down; resume with the last cursor/);
      env = await start(storeUrl);
      for (const task of tasks.slice(3)) await env.client.call('StopTask', { cluster, task: task.taskArn! });
      const missed = await backlog(env.client, { cluster, cursor });
      t.same(missed.map((x) => x.event.detail.taskArn), tasks.slice(1).map((x) => x.taskArn), 'exactly the 5 missed, in order');
      t.ok(missed.every((x) => x.event.detail.desiredStatus === 'STOPPED'));
      t.same(await backlog(env.client, { cluster, cursor: missed.at(-1)!.cursor }), [], 'nothing after the last');
      // The same cursor again gives the same events (same ids): resuming twice doubles nothing.
      t.same((await backlog(env.client, { cluster, cursor })).map((x) => x.event.id), missed.map((x) => x.event.id));

      // A follow stream resumed with a cursor, then live events across clusters (no cluster filter).
      // (Other test files may share the store: only this test's clusters are looked at.)
      const g = follow(env.client, { cursor: missed[2]!.cursor });
      const got: string[] = [];
      while (!(m = await g.next()).caughtUp) {
        const e = JSON.parse(m.event!) as EcsEvent;
        if (e.detail.clusterArn === tasks[0]!.clusterArn) got.push(String(e.detail.taskArn));
      }
      t.same(got, tasks.slice(4).map((x) => x.taskArn), 'the rest of the backlog first');
      const other = await setup(env);
      let live: EcsEvent;
      do live = JSON.parse((await g.next()).event!) as EcsEvent;
      while (live.detail.clusterArn !== other.instanceArn.replace(/container-instance\/([^/]+)\/.*/, 'cluster/$1'));
      t.match(live, { 'detail-type': 'ECS Container Instance State Change', resources: [other.instanceArn] }, 'then live events of any cluster');
      g.cancel();
    });

    await t.test('a stream opened during a burst of changes gets each event once, in commit order', async (t) => {
      const { cluster, family } = await setup(env);
      const tasks = [];
      for (let i = 0; i < 3; i++) tasks.push(...(await env.client.call('RunTask', { cluster, taskDefinition: family, count: 10 })).tasks!);
      const stops = tasks.map((x, i) => sleep(i * 3).then(() => env.client.call('StopTask', { cluster, task: x.taskArn! })));
      await sleep(20);
      const f = follow(env.client, { cluster, detailTypes: ['ECS Task State Change'] });
      const ids: string[] = [];
      const stopped = new Set<string>();
      while (stopped.size < tasks.length) {
        const m = await f.next();
        if (m.caughtUp) continue;
        const e = JSON.parse(m.event!) as EcsEvent;
        ids.push(e.id);
        if (e.detail.desiredStatus === 'STOPPED') stopped.add(String(e.detail.taskArn));
      }
      f.cancel();
      await Promise.all(stops);
      t.equal(new Set(ids).size, ids.length, 'no event twice');
      const all = await backlog(env.client, { cluster, detailTypes: ['ECS Task State Change'] });
      t.same(ids, all.map((x) => x.event.id), 'the same events, in the same order, as a later read');
      t.equal(all.length, 60, '30 launches and 30 stops');
    });

    await t.test('old events leave with retention; a cursor behind them is refused', async (t) => {
      const { cluster, family } = await setup(env);
      const first = await backlog(env.client, { cluster });
      t.equal(first.length, 2);
      await sleep(1100);
      await env.client.call('RunTask', { cluster, taskDefinition: family });
      t.ok((await sweepEvents(env.server.ctx, 1)) >= 1, 'the sweep deletes');
      const kept = await backlog(env.client, { cluster });
      t.same(kept.map((x) => statusOf(x.event)), ['instance ACTIVE v3', 'task PENDING/RUNNING v1'], 'only the recent events stay');
      const err = await rejection(backlog(env.client, { cluster, cursor: first[0]!.cursor }));
      t.match(err, { ecsName: 'InvalidParameterException', field: 'cursor' });
      t.match(err.message, /deleted by retention/);
      t.equal((await backlog(env.client, { cluster, cursor: first[1]!.cursor })).length, 2, 'the cursor of the last event deleted still resumes');
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'berth-events-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
suite('file store', async () => `file:${join(dir, 'berth.db')}`);
const namespace = etcdNamespace('events');
t.teardown(() => clearEtcdNamespace(namespace));
suite('etcd', () => openEtcdNamespace(namespace));
