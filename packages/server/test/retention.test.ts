// The retention sweep on the file store: STOPPED tasks older than the window go, everything else stays.
// Instances are registered by the test and the session key stands in for the dispatcher's (it writes
// it, on a lease, while an agent is connected); agent reports are applied with applyTaskReport.
import t from 'tap';
import { startTestServer, uniq } from './helpers.js';
import { sessionKey } from '../src/index.js';
import { getTask, taskDeleteOps, taskKey } from '../src/state/tasks.js';
import { CLIENT_TOKENS_BY_TIME_ROOT, CLIENT_TOKENS_ROOT, clientTokenIndexKeys, clientTokenKey, clientTokenOps, clientTokenRescheduleOps, getClientToken, tokensDue } from '../src/state/client-tokens.js';
import { applyTaskReport } from '../src/dispatch/task-reports.js';
import { PAGES_PER_TURN, RETENTION_PAGE, startRetention, sweepClientTokens, sweepRetention, sweepRetentionTurn, sweepRetiredJoinTokens, sweepStoppedTasks } from '../src/controllers/leader/retention.js';
import { countJoinTokenUse, createJoinToken, getJoinToken, joinTokensRetiredBefore, type JoinTokenRecord } from '../src/state/join-tokens.js';
import { commitInBatches } from '../src/state/kit.js';
import { assignmentKey } from '../src/state/assignments.js';
import { getInstance } from '../src/state/instances.js';
import { instanceRecord, newId, taskRecord, writeRecords } from './state-records.js';

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
  // The sweep covers every cluster, and an earlier test's STOPPED task may pass the 1 s window meanwhile:
  // what must stay is this test's live task and its token.
  await sweepRetention(ctx, 1);
  t.ok(await store.get(taskKey(cluster, idOf(task.taskArn!))), 'a live task is not old enough');
  t.ok(await store.get(clientTokenKey(cluster, token)), 'nor the token of a live task');
  await stopViaReport(instance, task.taskArn!);
  await sleep(1200);
  const swept = await sweepRetention(ctx, 1);
  t.ok(swept.tasks >= 1);
  t.ok(swept.clientTokens >= 1);
  t.equal(await store.get(taskKey(cluster, idOf(task.taskArn!))), null);
  t.equal(await store.get(clientTokenKey(cluster, token)), null);
  const fresh = await client.call('RunTask', { cluster, taskDefinition: family, clientToken: token });
  t.not(fresh.tasks?.[0]?.taskArn, task.taskArn, 'the token is free again');
  t.same(await sweepRetention(ctx, 3600), { tasks: 0, clientTokens: 0, taskDefinitions: 0, instances: 0, secrets: 0, joinTokens: 0 }, 'the default window keeps everything this young');
});

t.test('a clientToken another sweep rescheduled between a sweep\'s two reads keeps one review entry', async (t) => {
  const { cluster, family } = await setup();
  const token = uniq('tok');
  await client.call('RunTask', { cluster, taskDefinition: family, clientToken: token });
  const key = clientTokenKey(cluster, token);
  const entries = async () => (await store.range(CLIENT_TOKENS_BY_TIME_ROOT)).kvs.map((kv) => kv.key).filter((k) => k.endsWith(`/${key.slice(CLIENT_TOKENS_ROOT.length)}`));
  const later = Date.now() + 60_000;
  // A sweep reads its page of due entries...
  const read = (await tokensDue(store, later, 10_000)).find((d) => d.key === key)!;
  // ...another reschedules the token (its task is live) before the first reads the record...
  await sweepClientTokens(ctx, later);
  const rec = (await getClientToken(store, cluster, token))!;
  // ...which then reschedules it too, comparing the record it read.
  const res = await store.txn({ compare: [{ key, modRevision: rec.modRevision }], success: clientTokenRescheduleOps({ ...read, record: rec }, Date.now() + 1) });
  t.ok(res.succeeded);
  t.same(await entries(), clientTokenIndexKeys(key, (await getClientToken(store, cluster, token))!.value), 'one entry: the record\'s own');
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
  const referencing = (await getTask(store, cluster, idOf(tasks![0]!.taskArn!)))!.value;
  await store.txn({ compare: [], success: taskDeleteOps(referencing) });
  const swept = await sweepRetention(ctx, 3600);
  t.ok(swept.taskDefinitions >= 1, 'unreferenced: removed');
  await t.rejects(client.call('DescribeTaskDefinition', { taskDefinition: `${family}:1` }), { name: 'ClientException' } as Error);
});

t.test('an INACTIVE instance leaves the store a window after its deregistration, with the assignments left behind', async (t) => {
  const { cluster, family, instance } = await setup();
  const task = (await client.call('RunTask', { cluster, taskDefinition: family })).tasks![0]!;
  await client.call('DeregisterContainerInstance', { cluster, containerInstance: instance, force: true });
  // The orphaned task keeps its assignment (its agent is refused, its containers keep running).
  t.ok(await store.get(assignmentKey(instance, idOf(task.taskArn!))), 'the orphan keeps its assignment');
  t.equal((await sweepRetention(ctx, 3600)).instances, 0, 'inside the window it stays');
  await sleep(1200);
  const swept = await sweepRetention(ctx, 1);
  t.equal(swept.instances, 1);
  t.equal(await getInstance(store, cluster, instance), null, 'the instance record is gone');
  t.equal(await store.get(assignmentKey(instance, idOf(task.taskArn!))), null, 'and the orphaned assignment');
  t.equal(await getTask(store, cluster, idOf(task.taskArn!)), null, 'the orphaned task went with its own retention');
  const d = await client.call('DescribeContainerInstances', { cluster, containerInstances: [instance] });
  t.equal(d.failures?.[0]?.reason, 'MISSING');
});

t.test('a sweep deletes STOPPED tasks oldest first, a page of at most K at a time, each with its indexes', async (t) => {
  const { cluster, instance } = await setup();
  const recs = Array.from({ length: 25 }, (_, i) => taskRecord(cluster, newId(), instance, 'STOPPED', { stoppedAt: 1000 + i, identity: ctx.identity }));
  await writeRecords(store, { tasks: recs });
  const cutoffMs = (1000 + 20) * 1000;
  t.equal(await sweepStoppedTasks(ctx, cutoffMs, 8), 8, 'one page: K deletions');
  const left = async () => (await Promise.all(recs.map((r) => getTask(store, cluster, r.id)))).map((x) => x !== null);
  t.same(await left(), [...Array(8).fill(false), ...Array(17).fill(true)], 'the oldest went first');
  t.equal(await sweepStoppedTasks(ctx, cutoffMs, 8), 8);
  t.equal(await sweepStoppedTasks(ctx, cutoffMs, 8), 4, 'only what stopped before the cutoff');
  t.equal(await sweepStoppedTasks(ctx, cutoffMs, 8), 0);
  t.same(await left(), [...Array(20).fill(false), ...Array(5).fill(true)]);
  const listed = await client.call('ListTasks', { cluster, desiredStatus: 'STOPPED' });
  t.same(listed.taskArns?.map(idOf).sort(), recs.slice(20).map((r) => r.id).sort(), 'no index entry of a deleted task is left for ListTasks');
});

t.test('a backlog of one kind does not hold the others back: a turn takes a bounded share of each, and says more is left', async (t) => {
  const { cluster, instance } = await setup();
  const backlog = PAGES_PER_TURN * RETENTION_PAGE + 50;
  // Tokens long due, whose tasks are gone, more than one turn takes; an old STOPPED task and an old INACTIVE instance.
  await commitInBatches(store, Array.from({ length: backlog }, (_, i) => clientTokenOps(cluster, `${uniq('tok')}-${i}`, { requestHash: 'x', taskArns: [], createdAt: 1 })).flat());
  const task = taskRecord(cluster, newId(), instance, 'STOPPED', { stoppedAt: 1, identity: ctx.identity });
  const gone = { ...instanceRecord(cluster, newId(), 'INACTIVE', { identity: ctx.identity }), inactiveAt: 1 };
  await writeRecords(store, { tasks: [task], instances: [gone] });
  const first = await sweepRetentionTurn(ctx, 3600);
  t.same([first.clientTokens, first.more], [PAGES_PER_TURN * RETENTION_PAGE, true], 'a bounded share of the tokens, and more is left');
  t.equal(await getTask(store, cluster, task.id), null, 'the task went in the same turn');
  t.equal(await getInstance(store, cluster, gone.id), null, 'and the instance');
  t.same(await sweepRetentionTurn(ctx, 3600), { tasks: 0, clientTokens: 50, taskDefinitions: 0, instances: 0, secrets: 0, joinTokens: 0, more: false }, 'the rest in the next');
});

t.test('join tokens leave a window after they expired or were used up; a live one stays', async (t) => {
  const now = Math.floor(ctx.now());
  const token = (id: string, over: Partial<JoinTokenRecord>): JoinTokenRecord => ({
    id, secretHash: '00', kind: 'agent', createdAt: now - 7200, expiresAt: now + 86_400, usesAllowed: 0, uses: 0, ...over,
  });
  const ids = { expired: uniq('jtexp'), usedUp: uniq('jtused'), recent: uniq('jtrecent'), live: uniq('jtlive'), once: uniq('jtonce') };
  t.ok(await createJoinToken(store, token(ids.expired, { expiresAt: now - 3600 })));
  t.ok(await createJoinToken(store, token(ids.usedUp, { usesAllowed: 1 })));
  t.ok(await createJoinToken(store, token(ids.recent, { expiresAt: now - 10 })));
  t.ok(await createJoinToken(store, token(ids.live, {})));
  t.ok(await createJoinToken(store, token(ids.once, { usesAllowed: 2 })));
  t.ok(await countJoinTokenUse(store, (await getJoinToken(store, ids.usedUp))!, now - 3600), 'its last use, an hour ago');
  t.ok(await countJoinTokenUse(store, (await getJoinToken(store, ids.once))!, now - 3600), 'one of two uses: not used up');
  t.equal((await getJoinToken(store, ids.usedUp))!.value.usedUpAt, now - 3600, 'the last use is recorded');

  const cutoffMs = (now - 1800) * 1000;
  t.same((await joinTokensRetiredBefore(store, cutoffMs, 100)).map((d) => d.id).filter((id) => Object.values(ids).includes(id)).sort(), [ids.expired, ids.usedUp].sort(), 'the index names only the two retired before the window');
  let swept = 0;
  for (let n = -1; n !== 0;) swept += n = await sweepRetiredJoinTokens(ctx, cutoffMs);
  t.ok(swept >= 2);
  t.equal(await getJoinToken(store, ids.expired), null, 'expired an hour ago: gone');
  t.equal(await getJoinToken(store, ids.usedUp), null, 'used up an hour ago: gone');
  for (const id of [ids.recent, ids.live, ids.once]) t.ok(await getJoinToken(store, id), `${id} stays`);
  t.same((await joinTokensRetiredBefore(store, cutoffMs, 100)).filter((d) => Object.values(ids).includes(d.id)), [], 'no entry is left behind');
});
