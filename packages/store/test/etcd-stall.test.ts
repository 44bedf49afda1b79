// A slow etcd is not a dead one. While etcd is stalled (SIGSTOP: a starved machine, a long fsync), calls
// fail at their deadline with StoreUnavailableError; once it answers again, the very next call goes
// through. etcd3's default fault handling counted deadlines against the host: three in a row opened its
// circuit breaker, and every call was then refused for 5 s without reaching etcd, again after each probe
// that queued behind a backlog (on a busy server, for minutes, while etcd answered in milliseconds).
import { readFileSync, readdirSync } from 'node:fs';
import t from 'tap';
import { EtcdStore } from '../src/etcd-store.js';
import { StoreUnavailableError } from '../src/store.js';
import type { Store } from '../src/store.js';
import { WorkerStore } from '../src/worker-store.js';
import { startPrivateEtcd } from '../src/private-etcd.js';

const etcd = await startPrivateEtcd();

/** The scheduler state of each of a process's threads (/proc/PID/task/TID/stat's third field). */
function threadStates(pid: number): string[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!;
  });
}

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; !ok(); i++) {
    if (i > 500) throw new Error('etcd did not stop');
    await new Promise((r) => setTimeout(r, 10));
  }
}
t.teardown(() => etcd.stop());

// In this thread, and in the store's worker thread (the default on two cores or more: open.ts), where the
// deadline's error must cross back as StoreUnavailableError.
const opens: [string, () => Promise<Store>][] = [
  ['in process', () => EtcdStore.open([etcd.endpoint], { callTimeoutMs: 300 })],
  ['in the worker', () => WorkerStore.open(`etcd://${etcd.endpoint}`, { callTimeoutMs: 300 })],
];
for (const [where, open] of opens) t.test(`${where}: calls that outlive their deadline on a stalled etcd do not keep the next call from reaching it`, async (t) => {
  const store = await open();
  t.teardown(() => store.close());
  await store.put('/stall/k', 'before');
  process.kill(etcd.pid, 'SIGSTOP');
  // kill() returns once the signal is sent; on a loaded machine etcd's threads may answer a call or two
  // before they stop (seen in CI), so wait until the kernel reports every thread stopped.
  await until(() => threadStates(etcd.pid).every((s) => s === 'T' || s === 't'));
  let stopped = true;
  const resume = () => {
    if (stopped) process.kill(etcd.pid, 'SIGCONT');
    stopped = false;
  };
  t.teardown(resume);
  // More deadlines in a row than etcd3's breaker allows (three), reads and writes.
  for (let i = 0; i < 3; i++) await t.rejects(store.get('/stall/k'), StoreUnavailableError, `read ${i} fails at its deadline`);
  await t.rejects(store.put('/stall/w', 'during'), StoreUnavailableError, 'so does a write');
  resume();
  t.equal((await store.get('/stall/k'))?.value.toString(), 'before', 'the first read after etcd resumes reaches it');
  await store.put('/stall/k', 'after');
  t.equal((await store.get('/stall/k'))?.value.toString(), 'after', 'and so do writes');
});

t.test('a renewed lease on a stalled etcd is reported lost once its TTL has run out unanswered', async (t) => {
  const store = await EtcdStore.open([etcd.endpoint], { callTimeoutMs: 300 });
  t.teardown(() => store.close());
  // etcd's minimum TTL (its election timeout's multiple) is about 2 s with default settings.
  const lease = await store.grantLease(2);
  await lease.keepAlive();
  let lostAt = 0;
  lease.onLost(() => (lostAt = performance.now()));
  process.kill(etcd.pid, 'SIGSTOP');
  await until(() => threadStates(etcd.pid).every((s) => s === 'T' || s === 't'));
  const stoppedAt = performance.now();
  let stopped = true;
  const resume = () => {
    if (stopped) process.kill(etcd.pid, 'SIGCONT');
    stopped = false;
  };
  t.teardown(resume);
  // Renewals go unanswered: each fails at its deadline and is retried until the TTL has run out.
  for (let i = 0; lostAt === 0; i++) {
    if (i > 1000) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  resume();
  t.ok(lostAt > 0, 'onLost was called while etcd was stalled');
  // TTL 2 s, a deadline of 300 ms, retries every 500 ms: about 2.6 s here; generous for a loaded machine.
  t.ok(lostAt > 0 && lostAt - stoppedAt < 10_000, `after ${Math.round(lostAt - stoppedAt)} ms`);
  await t.rejects(lease.keepAlive(), /has expired or was revoked/, 'and it stays lost');
  const next = await store.grantLease(2);
  await next.keepAlive();
  t.pass('the next lease is renewed once etcd answers again');
  await next.revoke();
});

t.test('an open circuit breaker says which failure opened it', async (t) => {
  const gone = await startPrivateEtcd();
  let stopped = false;
  t.teardown(() => (stopped ? undefined : gone.stop()));
  const store = await EtcdStore.open([gone.endpoint], { callTimeoutMs: 1000 });
  t.teardown(() => store.close());
  await store.put('/gone/k', 'v');
  await gone.stop();
  stopped = true;
  // Refused connections count against the host: after three in a row etcd3's breaker refuses calls.
  let last: unknown;
  for (let i = 0; i < 10; i++) {
    last = await store.get('/gone/k').then(() => null, (e: unknown) => e);
    if (last instanceof Error && /circuit breaker is open/.test(last.message)) break;
  }
  t.type(last, StoreUnavailableError);
  t.match((last as Error).message, /circuit breaker is open \(opened by three failures in a row, the last: GRPCUnavailableError: .+\)/);
});
