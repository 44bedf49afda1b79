// RunTasks of one cluster placed together (handlers/tasks/run-task.ts, run-queue.ts): calls that arrive
// while a batch is committing go in one pass over one snapshot and one transaction, each answered with its
// own tasks, failures or error; a batch too big for one transaction is split; a lost compare re-places the
// whole batch; two replicas on one etcd, one of them leaving mid-burst, never oversubscribe an instance.
// Batches are pipelined: the next is placed while the one before commits and commits at once, comparing
// the values the one before writes; it loses its compare, and is placed again, if the one before lost.
// The first batch's transaction is held at a gate (a pass-through store of the test's) so the others queue
// behind it deterministically.
import t, { type Test } from 'tap';
import { resourceAmounts, type RunTaskRequest, type RunTaskResponse } from '@berth/core';
import type { BerthClient, CallContext } from '@berth/api';
import type { Store, TxnRequest } from '@berth/store';
import { clearEtcdNamespace, connectInstance, etcdNamespace, machineResources, rejection, startTestServer, uniq, until, type TestServer } from './helpers.js';
import type { ServerContext } from '../src/context.js';
import { getInstance } from '../src/state/instances.js';
import { taskKey } from '../src/state/tasks.js';
import { runTask } from '../src/handlers/tasks/run-task.js';
import { startTask } from '../src/handlers/tasks/launch.js';
import { checkState } from './state-check.js';

// The handlers called in process, as an anonymous caller: the seam's hooks are not what these tests are about.
const call: CallContext = { requestId: 'run-task-batch', transport: 'grpc', peer: 'in-process', api: { name: 'ecs', iamPrefix: 'ecs' }, action: 'RunTask', caller: { kind: 'anonymous', reason: 'in-process' } };

const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/**
 * The store, passed through, with a gate on transactions (held: each waits for release) and a count of
 * calls under way, so the test knows when every call it started is waiting on the gate or queued.
 */
function gatedStore(inner: Store) {
  let inFlight = 0;
  let gate: Promise<void> | undefined;
  let open = () => {};
  const atGate: TxnRequest[] = [];
  /** Every transaction through the gated store (held at the gate or not), with its outcome's revision once known. */
  const txns: { req: TxnRequest; succeeded?: boolean; revision?: number }[] = [];
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if (prop === 'txn') {
        return async (req: TxnRequest) => {
          const entry: (typeof txns)[number] = { req };
          txns.push(entry);
          if (gate) {
            atGate.push(req);
            await gate;
          }
          const res = await target.txn(req);
          entry.succeeded = res.succeeded;
          entry.revision = res.revision;
          return res;
        };
      }
      return async (...args: unknown[]) => {
        inFlight++;
        try {
          return await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          inFlight--;
        }
      };
    },
  });
  return {
    store,
    atGate,
    txns,
    hold() {
      gate = new Promise((r) => (open = r));
    },
    release() {
      gate = undefined;
      open();
    },
    /** Resolves once no read is under way for a few turns of the event loop. */
    async quiet() {
      for (let still = 0; still < 5; still = inFlight === 0 ? still + 1 : 0) await new Promise((r) => setImmediate(r));
    },
  };
}

/** A test server, and a context of it whose store is gated (RunTask called in process through it). */
async function gatedServer(t: Test) {
  const ts = await startTestServer();
  t.teardown(() => ts.close());
  const gated = gatedStore(ts.server.ctx.store);
  const ctx: ServerContext = { ...ts.server.ctx, store: gated.store };
  return { ts, gated, ctx };
}

async function addInstance(c: BerthClient, s: Store, cluster: string, memory: number, attributes: { name: string; value: string }[] = []): Promise<string> {
  const { containerInstance } = await c.call('RegisterContainerInstance', { cluster, totalResources: machineResources(4096, memory), versionInfo: { agentVersion: '0.1.0' }, attributes });
  const id = idOf(containerInstance!.containerInstanceArn!);
  // Waited for: the connectivity controller's write to the instance, landing after the first batch is
  // placed, would make that batch lose its compare (seen on a slow CI machine).
  await connectInstance(s, cluster, id);
  return id;
}

/** A cluster of `n` instances with room for `perInstance` tasks of its family each (100 MiB a task). */
async function cluster(c: BerthClient, s: Store, n: number, perInstance: number) {
  const name = uniq('batch');
  await c.call('CreateCluster', { clusterName: name });
  const instances: string[] = [];
  for (let i = 0; i < n; i++) instances.push(await addInstance(c, s, name, perInstance * 100, [{ name: 'stack', value: 'prod' }]));
  const family = uniq('fam');
  await c.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 100 }] });
  return { name, family, instances };
}

/** Each call's answer or error, in the order started. */
type Settled = { r?: RunTaskResponse; e?: { ecsName?: string; message: string } };
/** A call's answer or error, caught as it starts (a call refused at once must not go unhandled while others wait). */
const settled = (p: Promise<RunTaskResponse>): Promise<Settled> => p.then((r) => ({ r }), (e: unknown) => ({ e: e as Settled['e'] }));
const settle = (ps: Promise<Settled>[]) => Promise.all(ps);
const arns = (r: RunTaskResponse | undefined) => (r?.tasks ?? []).map((x) => x.taskArn!);
const revisionOf = async (s: Store, clusterName: string, arn: string) => (await s.get(taskKey(clusterName, idOf(arn))))!.modRevision;

t.test('one batch: valid and invalid calls, more tasks than room, clientTokens, each answered as ECS would', async (t) => {
  const { ts, gated, ctx } = await gatedServer(t);
  const f = await cluster(ts.client, ts.server.ctx.store, 3, 10); // room for 30
  const run = (req: Partial<RunTaskRequest>) => settled(runTask(ctx, { cluster: f.name, taskDefinition: f.family, ...req }, call));
  const used = (await run({ clientToken: 'used', count: 1 })).r;

  gated.hold();
  const first = run({});
  await gated.quiet();
  t.equal(gated.atGate.length, 1, 'the first call commits alone, held at the gate');
  // The constraint no instance meets goes first: no instance is full yet, so each fails on ATTRIBUTE.
  const batch = [
    run({ placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == dev' }] }),
    run({ count: 10 }),
    run({ count: 10 }),
    run({ clientToken: 'used', count: 2 }),
    run({ clientToken: 'twice', startedBy: 'x' }),
    run({ clientToken: 'twice', startedBy: 'x' }),
    run({ count: 10 }),
    run({ count: 0 }),
    run({ taskDefinition: uniq('missing') }),
  ];
  await gated.quiet();
  t.equal(gated.atGate.length, 2, 'the others, placed over the first batch, commit in one transaction without waiting for it');
  gated.release();
  const [one, nowhere, ten1, ten2, conflict, tokenA, tokenB, rest, zero, missing] = await settle([first, ...batch]);

  t.equal(arns(one!.r).length, 1);
  t.equal(arns(ten1!.r).length, 10);
  t.equal(arns(ten2!.r).length, 10);
  t.equal(conflict!.e?.ecsName, 'ConflictException', 'a token used for another request: its own error');
  t.equal(arns(tokenA!.r).length, 1);
  t.same(arns(tokenB!.r), arns(tokenA!.r), 'one token twice in a batch: one task, both calls answered with it');
  t.same(nowhere!.r?.tasks, []);
  t.same(nowhere!.r?.failures?.map((x) => x.reason), ['ATTRIBUTE', 'ATTRIBUTE', 'ATTRIBUTE'], 'a constraint no instance meets: failures, no task');
  t.equal(arns(rest!.r).length, 7, 'the room left after the calls before it: 30 - 1 - 1 - 10 - 10 - 1');
  t.ok(rest!.r?.failures?.every((x) => x.reason === 'RESOURCE:MEMORY'), 'the others of that call say why');
  t.equal(zero!.e?.ecsName, 'InvalidParameterException');
  t.equal(zero!.e?.message, "'count' must be between 1 and 10 (0 given).");
  t.equal(missing!.e?.ecsName, 'ClientException');

  const all = [used, one!.r, ten1!.r, ten2!.r, tokenA!.r, rest!.r].flatMap(arns);
  t.equal(new Set(all).size, 30, 'every task once');
  const listed = (await ts.client.call('ListTasks', { cluster: f.name, maxResults: 100 })).taskArns ?? [];
  t.same([...listed].sort(), [...all].sort(), 'the store holds exactly the tasks answered');
  const revisions = new Set(await Promise.all([...arns(ten1!.r), ...arns(ten2!.r), ...arns(tokenA!.r)].map((a) => revisionOf(ts.server.ctx.store, f.name, a))));
  t.equal(revisions.size, 1, 'the calls queued behind the first committed in one transaction');
  for (const id of f.instances) t.equal(resourceAmounts((await getInstance(ts.server.ctx.store, f.name, id))!.value.instance.remainingResources).memory, 0);
  t.same(await checkState(ts.server.ctx.store), [], 'indexes and counts match the records');
});

t.test('calls on different instances share one transaction while it has room', async (t) => {
  const { ts, gated, ctx } = await gatedServer(t);
  const f = await cluster(ts.client, ts.server.ctx.store, 10, 10);
  const run = () => settled(runTask(ctx, { cluster: f.name, taskDefinition: f.family }, call));
  gated.hold();
  const first = run();
  await gated.quiet();
  const queued = Array.from({ length: 8 }, run);
  await gated.quiet();
  gated.release();
  const results = await settle([first, ...queued]);
  const placed = results.slice(1).map((x) => arns(x.r)[0]!);
  t.equal(new Set(placed).size, 8);
  const revisions = new Set(await Promise.all(placed.map((a) => revisionOf(ts.server.ctx.store, f.name, a))));
  t.equal(revisions.size, 1, 'eight calls of one task each, wherever they landed: one transaction');
  t.same(await checkState(ts.server.ctx.store), []);
});

t.test('a batch too big for one transaction is split; a lost compare re-places the calls of that transaction', async (t) => {
  const { ts, gated, ctx } = await gatedServer(t);
  const f = await cluster(ts.client, ts.server.ctx.store, 4, 10); // room for 40
  const run = (count: number) => settled(runTask(ctx, { cluster: f.name, taskDefinition: f.family, count }, call));
  gated.hold();
  const first = run(1);
  await gated.quiet();
  const queued = [run(10), run(10), run(10)];
  await gated.quiet();
  // Another writer (StartTask on the ungated context, as another replica would) fills one instance while
  // the batch waits to commit: the batch's compare on it is lost.
  const taken = f.instances[3]!;
  const filled = arns(await startTask(ts.server.ctx, { cluster: f.name, taskDefinition: f.family, containerInstances: Array(10).fill(taken) }, call));
  gated.release();
  const results = await settle([first, ...queued]);
  t.equal(arns(results[0]!.r).length, 1);
  t.ok(filled.length >= 9, 'the other writer filled the instance (9 tasks if the first call took one there)');
  const placed = results.slice(1).flatMap((x) => arns(x.r));
  const instanceOf = async (a: string) => JSON.parse((await ts.server.ctx.store.get(taskKey(f.name, idOf(a))))!.value.toString()).containerInstanceId as string;
  t.same((await Promise.all(placed.map(instanceOf))).filter((id) => id === taken), [], 'nothing of the batch went on the instance filled meanwhile');
  t.equal(placed.length, 40 - 1 - filled.length, 'the rest of the room, once each');
  t.equal(new Set(placed).size, placed.length);
  const [r1, r2, r3] = results.slice(1).map((x) => x.r!);
  const revisions = await Promise.all([r1, r2, r3].map((r) => revisionOf(ts.server.ctx.store, f.name, arns(r)[0]!)));
  t.equal(revisions[0], revisions[1], 'two calls of ten fit in one transaction');
  t.not(revisions[2], revisions[1], 'the third went in the next');
  t.same(await checkState(ts.server.ctx.store), []);
});

t.test('two replicas on one etcd, the leader leaving mid-burst: no instance oversubscribed, no task twice', async (t) => {
  const namespace = etcdNamespace('batch');
  const a = await startTestServer({ etcdNamespace: namespace });
  const b = await startTestServer({ etcdNamespace: namespace });
  const open = new Set<TestServer>([a, b]);
  t.teardown(async () => {
    for (const s of open) await s.close();
    await clearEtcdNamespace(namespace);
  });
  const f = await cluster(a.client, a.server.ctx.store, 3, 10); // room for 30
  const servers: TestServer[] = [a, b];
  const leader = servers.find((s) => s.server.leader.isLeader) ?? a;
  const other = servers.find((s) => s !== leader)!;
  const calls = Array.from({ length: 16 }, (_, i) => settled((i % 2 ? other : leader).client.call('RunTask', { cluster: f.name, taskDefinition: f.family, count: 3 })));
  await new Promise((r) => setTimeout(r, 20));
  open.delete(leader);
  await leader.close();
  const results = await settle(calls);
  const answered = results.flatMap((x) => arns(x.r));
  const stored = await other.client.call('ListTasks', { cluster: f.name, maxResults: 100 });
  t.ok((stored.taskArns ?? []).length <= 30, `at most the room for 30 (${stored.taskArns?.length})`);
  t.ok(answered.every((arn) => stored.taskArns?.includes(arn)), 'every task answered is in the store');
  t.equal(new Set(answered).size, answered.length, 'no task answered twice');
  t.ok(results.filter((x) => x.r).length >= 8, 'the calls to the remaining replica were answered');
  for (const id of f.instances) {
    t.ok(resourceAmounts((await getInstance(other.server.ctx.store, f.name, id))!.value.instance.remainingResources).memory >= 0);
  }
  t.same(await checkState(other.server.ctx.store), []);
});

t.test('pipelined: the batch placed while the one before commits compares the value that one writes, without waiting for it', async (t) => {
  const { ts, gated, ctx } = await gatedServer(t);
  const f = await cluster(ts.client, ts.server.ctx.store, 1, 10);
  const run = (count: number) => settled(runTask(ctx, { cluster: f.name, taskDefinition: f.family, count }, call));
  gated.hold();
  const first = run(4);
  // Observed, not counted in turns: with the file store read on this thread the first batch's reads answer
  // at once, and what it waits for besides (the instance informer's watch) is not a read the gate counts.
  await until('the first batch at the gate', () => gated.atGate.length === 1);
  const next = [run(3), run(3)];
  await gated.quiet();
  t.equal(gated.txns.length, 2, 'the next batch, placed over the first\'s reservations, commits without waiting for it');
  gated.release();
  const results = await settle([first, ...next]);
  t.same(results.map((x) => arns(x.r).length), [4, 3, 3], 'every call its own tasks, on the one instance');
  t.equal(gated.txns.length, 2, 'two transactions, none lost');
  const key = gated.txns[0]!.req.compare.find((c) => c.key.includes(f.instances[0]!))!.key;
  const compared = gated.txns[1]!.req.compare.find((c) => c.key === key);
  const written = gated.txns[0]!.req.success.find((op) => 'put' in op && op.put === key);
  t.same(compared, { key, value: written && 'put' in written ? written.value : undefined }, 'the second compares the instance with the value the first writes');
  t.ok(gated.txns[0]!.revision! < gated.txns[1]!.revision!, 'the store applied them in order');
  t.equal(resourceAmounts((await getInstance(ts.server.ctx.store, f.name, f.instances[0]!))!.value.instance.remainingResources).memory, 0);
  t.same(await checkState(ts.server.ctx.store), []);
});

t.test('pipelined: a batch that loses a compare makes the one placed over it lose too; both are placed again, nothing lost or doubled', async (t) => {
  const { ts, gated, ctx } = await gatedServer(t);
  const f = await cluster(ts.client, ts.server.ctx.store, 1, 10); // room for 10
  const run = (count: number) => settled(runTask(ctx, { cluster: f.name, taskDefinition: f.family, count }, call));
  gated.hold();
  const first = run(4);
  // Observed, not counted in turns: with the file store read on this thread the first batch's reads answer
  // at once, and what it waits for besides (the instance informer's watch) is not a read the gate counts.
  await until('the first batch at the gate', () => gated.atGate.length === 1);
  const next = [run(3), run(3)];
  await gated.quiet();
  // Another writer (StartTask on the ungated context, as another replica would) takes two tasks' room
  // while the first batch waits at the gate: its compare is lost, and so is the next batch's, placed over it.
  const other = arns(await startTask(ts.server.ctx, { cluster: f.name, taskDefinition: f.family, containerInstances: [f.instances[0]!, f.instances[0]!] }, call));
  t.equal(other.length, 2);
  gated.release();
  const results = await settle([first, ...next]);
  t.equal(gated.txns[0]!.succeeded, false, 'the first batch lost its compare');
  t.equal(gated.txns[1]!.succeeded, false, 'and the batch placed over it lost its compare on the first\'s write');
  t.ok(gated.txns.every((x) => x.req.compare.every((c) => !('modRevision' in c) || c.modRevision >= 0)), 'no transaction reached the store comparing a revision not yet known');
  t.same(results.map((x) => arns(x.r).length), [4, 3, 1], 'placed again in order over what is left: 4, 3, then the last task of room');
  t.same(results[2]!.r?.failures?.map((x) => x.reason), ['RESOURCE:MEMORY'], 'the last call says why it got one task');
  const answered = results.flatMap((x) => arns(x.r));
  t.equal(new Set([...answered, ...other]).size, 10, 'every task once');
  const listed = (await ts.client.call('ListTasks', { cluster: f.name, maxResults: 100 })).taskArns ?? [];
  t.same([...listed].sort(), [...answered, ...other].sort(), 'the store holds exactly the tasks answered');
  t.equal(resourceAmounts((await getInstance(ts.server.ctx.store, f.name, f.instances[0]!))!.value.instance.remainingResources).memory, 0);
  t.same(await checkState(ts.server.ctx.store), []);
});
