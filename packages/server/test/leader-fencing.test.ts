// Fenced controller writes, in process on the file store: a services controller holding a stale term's
// fence (as a leader paused past its TTL and woken up) has every write rejected by the store - the service
// record never moves, no task is created, the write stamp never shows its term - and counts the
// rejections; given the current term's fence, the same controller writes. Also: a lone server leads as
// soon as it has started, and close() resigns (no leader key left behind).
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import type { Compare } from '@berth/store';
import { startServer, silentLogger } from '../src/index.js';
import { startServiceController } from '../src/controllers/leader/services.js';
import { fencedStore } from '../src/leader/controllers.js';
import { leaderTerms } from '../src/leader/election.js';
import { LEADER_KEY, LEADER_WRITE_KEY, leaderTermKey, type LeaderWriteStamp } from '../src/state/leader.js';
import { tasksPrefix } from '../src/state/tasks.js';
import { serviceKey } from '../src/state/services.js';
import { uniq, until } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-fence-'));
const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, replicaId: 'lone', leaderTtlSeconds: 2 });
const client = new BerthClient(server.addr);
const { store } = server.ctx;
t.teardown(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

t.test('a lone server leads once started; its controller writes carry its term', async (t) => {
  t.ok(server.leader.isLeader, 'leader when startServer returns');
  const terms = await leaderTerms(store);
  t.same(terms.map((x) => x.holder), ['lone']);
  const kv = await store.get(LEADER_KEY);
  t.equal(kv?.modRevision, terms[0]!.revision, "the leader key's revision is the term");
});

t.test('a stale term: every controller write is rejected; the current term: it writes', async (t) => {
  // This replica steps down and another (simulated) takes the key: a new term.
  const oldTerm = server.leader.election.term!.revision;
  await server.leader.close();
  t.notOk(server.leader.isLeader);
  const newTerm = (await store.txn({ compare: [{ key: LEADER_KEY, modRevision: 0 }], success: [{ put: LEADER_KEY, value: JSON.stringify({ holder: 'other' }) }] })).revision;
  t.ok(newTerm > oldTerm);

  let fence: Compare & { modRevision: number } = { key: LEADER_KEY, modRevision: oldTerm };
  let rejected = 0;
  const ctx = { ...server.ctx, store: fencedStore(store, () => fence, 'woken', () => rejected++) };
  const controller = startServiceController(ctx, { settleSeconds: 0.3, throttleBaseSeconds: 0.2, throttleMaxSeconds: 1, resyncSeconds: 0.5 });
  t.teardown(() => controller.stop());

  const cluster = uniq('fence');
  const family = uniq('fence-td');
  await client.call('CreateCluster', { clusterName: cluster });
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'c', image: 'busybox', memory: 16 }] });
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 2 });
  const created = (await store.get(serviceKey(cluster, 'web')))!;
  const stampBefore = (await store.get(LEADER_WRITE_KEY))?.modRevision ?? 0;

  await until('writes rejected', async () => rejected >= 3 || undefined);
  t.equal((await store.get(serviceKey(cluster, 'web')))!.modRevision, created.modRevision, 'the service record was never written by the stale term');
  t.equal((await store.range(tasksPrefix(cluster))).kvs.length, 0, 'no task created');
  t.equal((await store.get(LEADER_WRITE_KEY))?.modRevision ?? 0, stampBefore, 'no controller write stamped');

  // The same controller with the current term's fence: its decision ("unable to place": no instances) lands.
  fence = { key: LEADER_KEY, modRevision: newTerm };
  const s = await until('the service record written', async () => {
    const d = (await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!;
    return d.events?.some((e) => /was unable to place a task/.test(e.message!)) ? d : undefined;
  });
  t.ok(s, 'the current term writes');
  const stamp = JSON.parse((await store.get(LEADER_WRITE_KEY))!.value.toString()) as LeaderWriteStamp;
  t.same(stamp, { term: newTerm, holder: 'woken' }, 'the write is stamped with its term');
  await store.delete(LEADER_KEY);
});

t.test('old term records are pruned by the next leader, keeping the newest', async (t) => {
  const { KEEP_TERMS, LeaderControllers } = await import('../src/leader/controllers.js');
  await store.delete(LEADER_KEY);
  for (let i = 1; i <= KEEP_TERMS + 5; i++) await store.put(leaderTermKey(i), JSON.stringify({ revision: i, holder: 'old', since: 0 }));
  const lc = new LeaderControllers(server.ctx, { replicaId: 'pruner', ttlSeconds: 2 });
  await lc.start();
  t.ok(lc.isLeader);
  const terms = await until('pruned', async () => { const x = await leaderTerms(store); return x.length === KEEP_TERMS ? x : undefined; });
  t.equal(terms[terms.length - 1]!.holder, 'pruner', 'the newest term is kept');
  t.notOk(terms.some((x) => x.revision <= 6), 'the oldest went');
  await lc.close();
});

t.test('a failure branch is refused; plain put and delete are fenced too', async (t) => {
  const fence = { key: LEADER_KEY, modRevision: 1 };
  let rejected = 0;
  const fs = fencedStore(store, () => fence, 'x', () => rejected++);
  await t.rejects(fs.txn({ compare: [], success: [], failure: [{ put: '/test/f', value: 'x' }] }), /failure branch/);
  await t.rejects(fs.put('/test/p', 'x'), /LeaderTermOver|term/);
  t.equal(await store.get('/test/p'), null);
  t.ok(rejected >= 1);
});

t.test('a write of nothing keeps its fence and is not stamped (an idle controller leaves the store as it was)', async (t) => {
  const term = (await store.get(LEADER_KEY))?.modRevision ?? 0;
  const fs = fencedStore(store, () => ({ key: LEADER_KEY, modRevision: term }), 'idle', () => {});
  await fs.txn({ compare: [], success: [{ put: '/test/idle', value: 'x' }] });
  const stamped = (await store.get(LEADER_WRITE_KEY))!;
  t.same(JSON.parse(stamped.value.toString()), { term, holder: 'idle' }, 'a write is stamped');
  const res = await fs.txn({ compare: [], success: [] });
  t.ok(res.succeeded, 'nothing to write, under the current term: succeeded');
  t.equal((await store.get(LEADER_WRITE_KEY))!.modRevision, stamped.modRevision, 'and the stamp did not move');
  const stale = fencedStore(store, () => ({ key: LEADER_KEY, modRevision: term + 1_000_000 }), 'stale', () => {});
  t.notOk((await stale.txn({ compare: [], success: [] })).succeeded, 'a stale term still fails the fence');
});
