// What a server's close stops must have stopped when its stop resolves, even when it was in the middle of a
// store call: an informer's relist (after a lost watch) and the leader's compaction. Each runs here on a
// file store behind a gate that holds one call open, so the stop always lands mid-call (no timing): the
// stop must not resolve while the call is held, and nothing may call the store after it resolved (the
// server closes the store next, and a call then failed or, on etcd, reached a closed client).
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore, type Store } from '@berth/store';
import { silentLogger } from '@berth/api';
import { RecordInformer } from '../src/informers/records.js';
import { InstanceCache } from '../src/informers/instances.js';
import { startCompaction } from '../src/controllers/leader/compaction.js';
import type { ServerContext } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-stop-in-flight-'));
const inner = await FileStore.open(join(dir, 'berth.db'));
t.teardown(async () => {
  await inner.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * `inner` with one method held: its next call waits until `release()` (`entered` resolves when it does).
 * Every call is counted (by method), and `kind` can be set (compaction runs on etcd only).
 */
function gated(method: keyof Store, kind = inner.kind) {
  const calls: string[] = [];
  let release!: () => void;
  const open = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  let held = false;
  const store = new Proxy(inner, {
    get(target, p) {
      if (p === 'kind') return kind;
      const v = Reflect.get(target, p, target) as unknown;
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        calls.push(String(p));
        if (p === method && !held) {
          held = true;
          entered();
          await open;
        }
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Store;
  return { store, calls, release, entered: inside };
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
  const g = gated('compactedRevision', 'etcd');
  for (let i = 0; i < 10; i++) await inner.put(`/berth-test/stop-in-flight/${i}`, String(i));
  // The compaction timer is unref'd (it keeps no server alive): this keeps the test's process alive meanwhile.
  const alive = setInterval(() => {}, 1000);
  t.teardown(() => clearInterval(alive));
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
