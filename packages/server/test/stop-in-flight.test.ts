// What a server's close stops must have stopped when its stop resolves, even when it was in the middle of a
// store call: an informer's relist (after a lost watch) and the leader's compaction. Each runs here on a
// file store behind a gate that holds one call open, so the stop always lands mid-call (no timing): the
// stop must not resolve while the call is held, and nothing may call the store after it resolved (the
// server closes the store next, and a call then failed or, on etcd, reached a closed client).
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactedError, FileStore, type Store, type WatchHandlers } from '@berth/store';
import { silentLogger } from '@berth/api';
import { RecordInformer } from '../src/informers/records.js';
import { InstanceCache } from '../src/informers/instances.js';
import { startCompaction } from '../src/controllers/leader/compaction.js';
import { AgentConnectivity } from '../src/controllers/every-replica/agent-connectivity.js';
import { CertificateRevocations } from '../src/fleet/revocations.js';
import type { ServerContext } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-stop-in-flight-'));
const inner = await FileStore.open(join(dir, 'berth.db'));
// The timers under test are unref'd (they keep no server alive): this keeps the test's process alive.
const alive = setInterval(() => {}, 1000);
t.teardown(async () => {
  clearInterval(alive);
  await inner.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * `inner` with one method held: its next call once armed (at once unless `armed` is false) waits until
 * `release()` (`entered` resolves when it does). Every call is counted (by method), the handlers of every
 * watch are kept (a test fails a watch through them), and `kind` can be set (compaction runs on etcd only).
 */
function gated(method: keyof Store, { kind = inner.kind, armed = true } = {}) {
  const calls: string[] = [];
  const watches: WatchHandlers[] = [];
  let release!: () => void;
  const open = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  let held = !armed;
  const store = new Proxy(inner, {
    get(target, p) {
      if (p === 'kind') return kind;
      const v = Reflect.get(target, p, target) as unknown;
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        calls.push(String(p));
        if (p === 'watch') watches.push(args[1] as WatchHandlers);
        if (p === method && !held) {
          held = true;
          entered();
          await open;
        }
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Store;
  return { store, calls, watches, release, entered: inside, arm: () => (held = false) };
}

/** Resolves `p` or says it is still pending after a few turns of the event loop. */
async function pending(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true), () => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return !done;
}

t.test('an informer stopped while it lists resolves its stop after the list, which opens no watch', async (t) => {
  await inner.put('/berth/v1/clusters/stop-in-flight', '{}');
  const g = gated('range');
  const informer = new RecordInformer(g.store, ['/berth/v1/clusters/'], silentLogger, 'clusters');
  const reading = informer.get('/berth/v1/clusters/stop-in-flight').catch(() => undefined);
  await g.entered;
  const stopped = informer.stop();
  t.ok(await pending(stopped), 'stop waits for the list under way');
  g.release();
  await stopped;
  await reading;
  const after = g.calls.length;
  t.notOk(g.calls.includes('watch'), 'the list finished after the stop and opened no watch');
  await new Promise((r) => setTimeout(r, 50));
  t.equal(g.calls.length, after, 'no store call after stop resolved');
});

t.test('the instance cache stopped while it lists does the same', async (t) => {
  const g = gated('range');
  const cache = new InstanceCache(g.store, silentLogger);
  const reading = cache.snapshot('default').catch(() => undefined);
  await g.entered;
  const stopped = cache.stop();
  t.ok(await pending(stopped), 'stop waits for the list under way');
  g.release();
  await stopped;
  await reading;
  t.notOk(g.calls.includes('watch'), 'no watch opened after the stop');
});

t.test('compaction stopped mid-run resolves its stop after that run, and runs no more', async (t) => {
  const g = gated('compactedRevision', { kind: 'etcd' });
  for (let i = 0; i < 10; i++) await inner.put(`/berth-test/stop-in-flight/${i}`, String(i));
  const ctx = { store: g.store, log: silentLogger, now: () => Date.now() / 1000 } as unknown as ServerContext;
  const compaction = startCompaction(ctx, { intervalMs: 10, keepRevisions: 2 });
  await g.entered;
  const stopped = compaction.stop();
  t.ok(await pending(stopped), 'stop waits for the compaction under way');
  g.release();
  await stopped;
  t.ok(g.calls.includes('compact'), 'the run under way finished (compacting is idempotent; cutting it short gains nothing)');
  const after = g.calls.length;
  await new Promise((r) => setTimeout(r, 50));
  t.equal(g.calls.length, after, 'no compaction after stop resolved');
});

// Agent connectivity and certificate revocations watch again when their watch fails (a compaction): stopped
// while that start is under way, they resolve their stop after it (it then cancels the watch it opened).
for (const [name, make] of [
  ['agent connectivity', (ctx: ServerContext) => new AgentConnectivity(ctx)],
  ['certificate revocations', (ctx: ServerContext) => new CertificateRevocations(ctx, { cutRevoked: async () => {} })],
] as const) {
  t.test(`${name} stopped while it watches again after a lost watch`, async (t) => {
    const g = gated('revision', { armed: false });
    const ctx = { store: g.store, log: silentLogger, now: () => Date.now() / 1000 } as unknown as ServerContext;
    const c = make(ctx);
    await c.start();
    t.equal(g.watches.length, 1);
    g.arm();
    g.watches[0]!.onError(new CompactedError(1, 2));
    await g.entered;
    const stopped = c.stop();
    t.ok(await pending(stopped), 'stop waits for the start under way');
    g.release();
    await stopped;
    const after = g.calls.length;
    await new Promise((r) => setTimeout(r, 50));
    t.equal(g.calls.length, after, 'no store call after stop resolved');
  });
}
