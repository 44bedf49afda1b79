// Leader election on a store lease: one leader among replicas, fenced writes, fast hand-over on resign,
// take-over after the leader's lease expires, and the store's record of terms. On the file store
// (replicas sharing one store in a process) and on a private etcd (one client per replica).
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtcdStore, openStore, startPrivateEtcd, type Store } from '@berth/store';
import { silentLogger } from '@berth/api';
import { LeaderElection, leaderTerms } from '../src/leader/election.js';
import { LEADER_KEY, type LeaderTerm } from '../src/state/leader.js';
import { sleep, until } from './helpers.js';

interface Replica { e: LeaderElection; elected: LeaderTerm[]; deposed: string[] }
function replica(store: Store, id: string, ttlSeconds: number): Replica {
  const r: Replica = { elected: [], deposed: [], e: undefined as unknown as LeaderElection };
  r.e = new LeaderElection(store, { id, ttlSeconds, log: silentLogger, onElected: (term) => r.elected.push(term), onDeposed: (_t, why) => r.deposed.push(why) });
  return r;
}

/** A fenced write as a controller makes it. */
async function fencedWrite(store: Store, r: Replica, key: string): Promise<boolean> {
  let fence;
  try {
    fence = r.e.fence();
  } catch {
    return false;
  }
  return (await store.txn({ compare: [fence], success: [{ put: key, value: r.e.id }] })).succeeded;
}

async function scenario(t: Test, stores: Store[], ttlSeconds: number): Promise<void> {
  const rs = stores.map((s, i) => replica(s, `replica-${i}`, ttlSeconds));
  const store = stores[0]!;
  await Promise.all(rs.map((r) => r.e.start()));
  const first = await until('a leader', () => rs.find((r) => r.e.isLeader()));
  await sleep(300);
  t.equal(rs.filter((r) => r.e.isLeader()).length, 1, 'exactly one leader');
  t.ok(await fencedWrite(store, first, '/test/controller-write'), 'the leader writes');
  for (const r of rs.filter((x) => x !== first)) t.notOk(await fencedWrite(store, r, '/test/controller-write'), `${r.e.id} (follower) cannot`);

  // SIGTERM: resign hands over at once, without waiting for the TTL.
  const t0 = Date.now();
  await first.e.resign();
  const second = await until('a new leader after resign', () => rs.find((r) => r !== first && r.e.isLeader()));
  t.ok(Date.now() - t0 < (ttlSeconds * 1000) / 2, `hand-over took ${Date.now() - t0} ms, well under the TTL`);
  t.notOk(await fencedWrite(store, first, '/test/controller-write'), 'the resigned leader cannot write');
  t.same(first.deposed, ['resigned']);

  // The old leader's term is over for good: even its saved fence fails.
  const oldFence = { key: LEADER_KEY, modRevision: first.elected[0]!.revision };
  t.notOk((await store.txn({ compare: [oldFence], success: [{ put: '/test/x', value: 'stale' }] })).succeeded, 'a stale fence fails');

  // The key vanishing under the leader (as when its lease expires while it is paused) ends its term.
  const secondFence = second.e.fence();
  await store.delete(LEADER_KEY);
  await until('the old leader notices', () => second.deposed.length > 0 || undefined);
  t.notOk((await store.txn({ compare: [secondFence], success: [{ put: '/test/x', value: 'late' }] })).succeeded, "the deposed term's writes fail (it may win a new term, with a new fence)");
  const third = await until('another leader', () => rs.find((r) => r.e.isLeader()));
  t.ok(await fencedWrite(store, third, '/test/controller-write'));

  const terms = await leaderTerms(store);
  t.ok(terms.length >= 3, `${terms.length} terms recorded`);
  for (let i = 1; i < terms.length; i++) t.ok(terms[i]!.revision > terms[i - 1]!.revision, 'terms in revision order');
  t.same(terms.slice(0, 2).map((x) => x.holder), [first.e.id, second.e.id]);
  await Promise.all(rs.map((r) => r.e.stop()));
  t.equal(await store.get(LEADER_KEY), null, 'stopping replicas leaves no leader key');
}

t.test('file store: replicas in one process', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-leader-'));
  const store = await openStore(`file:${join(dir, 'berth.db')}`);
  t.teardown(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await scenario(t, [store, store, store], 2);
});

t.test('etcd: three clients, and a lost lease', async (t) => {
  const etcd = await startPrivateEtcd();
  const stores = await Promise.all([0, 1, 2].map(() => EtcdStore.open([etcd.endpoint])));
  t.teardown(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await etcd.stop();
  });
  await scenario(t, stores, 2);

  // A leader whose store connection dies stops renewing: another replica takes over within about the TTL.
  const rs = stores.map((s, i) => replica(s, `again-${i}`, 2));
  await Promise.all(rs.map((r) => r.e.start()));
  const leader = await until('a leader', () => rs.find((r) => r.e.isLeader()));
  const idx = rs.indexOf(leader);
  const t0 = Date.now();
  await stores[idx]!.close();
  const next = await until('a take-over after the lease expires', () => rs.find((r) => r !== leader && r.e.isLeader()), 20_000);
  t.ok(next, `taken over after ${Date.now() - t0} ms (TTL 2 s)`);
  t.ok(Date.now() - t0 < 8_000, 'within a few TTLs');
  await Promise.all(rs.filter((r) => r !== leader).map((r) => r.e.stop()));
  stores[idx] = await EtcdStore.open([etcd.endpoint]);
});
