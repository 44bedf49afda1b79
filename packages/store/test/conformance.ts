// One behavioural suite for every Store backend: the file store and etcd must be indistinguishable
// to the control plane, so both run exactly these tests.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type tap from 'tap';
import { CompactedError, TXN_MAX_BYTES, TXN_MAX_OPS, VALUE_MAX_BYTES } from '../src/store.js';
import type { Op, Store, Watch, WatchEvent } from '../src/store.js';

/** A tap test object (the callback argument of t.test). */
export type Tap = Parameters<Parameters<typeof tap.test>[0]>[0];

export interface StoreFixture {
  store: Store;
  /** Closes the store and removes whatever the fixture created. */
  cleanup(): Promise<void>;
}

/** Everything a watch delivered, with a way to wait for more. */
class Recorder {
  batches: Array<{ events: WatchEvent[]; revision: number }> = [];
  errors: Error[] = [];
  watch!: Watch;
  private waiters: Array<() => void> = [];

  get events(): WatchEvent[] {
    return this.batches.flatMap((b) => b.events);
  }

  static async start(store: Store, prefix: string, fromRevision?: number, prevKv?: boolean): Promise<Recorder> {
    const r = new Recorder();
    r.watch = await store.watch(
      prefix,
      {
        onEvents: (events, revision) => {
          r.batches.push({ events, revision });
          r.wake();
        },
        onError: (err) => {
          r.errors.push(err);
          r.wake();
        },
      },
      { ...(fromRevision === undefined ? {} : { fromRevision }), ...(prevKv ? { prevKv } : {}) },
    );
    return r;
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `cond` holds, failing after `ms`. */
  async until(cond: () => boolean, ms = 5000, what = 'watch condition'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!cond()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await Promise.race([new Promise<void>((r) => this.waiters.push(r)), sleep(Math.min(left, 100))]);
    }
  }
}

function summary(e: WatchEvent): string {
  return e.type === 'put' ? `put ${e.kv.key}=${e.kv.value.toString()}@${e.kv.modRevision}` : `delete ${e.key}@${e.modRevision}`;
}

async function waitFor(cond: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * `keyOverhead`: bytes the store adds to every key before the backend sees it (a namespace), which the
 * request size limit counts.
 */
export function conformance(t: Tap, name: string, makeStore: () => Promise<StoreFixture>, opts: { keyOverhead?: number } = {}): void {
  /** A test with a fresh store and a key prefix no other run uses; the prefix is deleted afterwards. */
  const test = (title: string, fn: (t: Tap, store: Store, p: string) => Promise<void>) =>
    t.test(`${name}: ${title}`, async (t) => {
      const { store, cleanup } = await makeStore();
      const p = `/berth-test/${randomUUID()}/`;
      try {
        await fn(t, store, p);
      } finally {
        // Without the slash: also the "<id>-other/" keys tests write just outside their prefix.
        await store.txn({ compare: [], success: [{ deletePrefix: p.slice(0, -1) }] }).catch(() => undefined);
        await cleanup();
      }
    });

  test('get, put and delete keep create/mod revisions and versions', async (t, s, p) => {
    const k = p + 'a';
    t.equal(await s.get(k), null, 'missing key');
    const r1 = (await s.put(k, 'one')).revision;
    let kv = await s.get(k);
    t.match(kv, { key: k, createRevision: r1, modRevision: r1, version: 1 });
    t.equal(kv?.value.toString(), 'one');
    t.equal(kv?.lease, undefined, 'no lease');

    const r2 = (await s.put(k, Buffer.from('two'))).revision;
    t.ok(r2 > r1, 'each write advances the revision');
    kv = await s.get(k);
    t.match(kv, { createRevision: r1, modRevision: r2, version: 2 });
    t.equal(kv?.value.toString(), 'two');
    t.ok((await s.revision()) >= r2, 'store revision is at least the last write');

    const del = await s.delete(k);
    t.equal(del.deleted, 1);
    t.ok(del.revision > r2);
    t.equal(await s.get(k), null, 'deleted');
    const again = await s.delete(k);
    t.equal(again.deleted, 0, 'deleting a missing key deletes nothing');
    t.ok(again.revision >= del.revision);

    const r4 = (await s.put(k, 'three')).revision;
    t.match(await s.get(k), { createRevision: r4, modRevision: r4, version: 1 }, 'recreated key starts over');
  });

  test('getMany reads several keys in the order asked, missing ones as null, within the txn limit', async (t, s, p) => {
    t.same(await s.getMany([]), [], 'no keys, nothing read');
    const ra = (await s.put(p + 'a', 'A')).revision;
    const rc = (await s.put(p + 'c', 'C')).revision;
    const got = await s.getMany([p + 'c', p + 'b', p + 'a']);
    t.same(got.map((kv) => kv?.value.toString() ?? null), ['C', null, 'A']);
    t.match(got[0], { key: p + 'c', modRevision: rc, version: 1 });
    t.match(got[2], { key: p + 'a', modRevision: ra, version: 1 });
    await s.delete(p + 'a');
    t.same((await s.getMany([p + 'a'])).map((kv) => kv?.value.toString() ?? null), [null], 'a deleted key is missing');
    await t.rejects(s.getMany(Array.from({ length: 129 }, (_, i) => `${p}k${i}`)), /at most 128/);
    await t.rejects(s.getMany(['']), /key must be a non-empty string/);
  });

  test('compare-and-swap: of two writers on one modRevision exactly one wins', async (t, s, p) => {
    const k = p + 'cas';
    const { revision } = await s.put(k, 'v0');
    const attempt = (v: string) => s.txn({ compare: [{ key: k, modRevision: revision }], success: [{ put: k, value: v }] });
    const [a, b] = await Promise.all([attempt('A'), attempt('B')]);
    t.equal(Number(a.succeeded) + Number(b.succeeded), 1, 'exactly one succeeded');
    const winner = a.succeeded ? 'A' : 'B';
    t.equal((await s.get(k))?.value.toString(), winner, 'the winner wrote');
    const loser = a.succeeded ? b : a;
    t.equal((await s.get(k))?.modRevision, (a.succeeded ? a : b).revision);
    t.ok(loser.revision >= revision);

    // Value compares, including the etcd rule that a value compare on a missing key fails.
    t.ok((await s.txn({ compare: [{ key: k, value: winner }], success: [] })).succeeded, 'value equal');
    t.notOk((await s.txn({ compare: [{ key: k, value: 'nope' }], success: [] })).succeeded, 'value differs');
    t.notOk((await s.txn({ compare: [{ key: p + 'missing', value: '' }], success: [] })).succeeded, 'missing key');
  });

  test('a multi-key txn lands at one revision or not at all; failure ops run', async (t, s, p) => {
    await s.put(p + 'a', '1');
    await s.put(p + 'b', '2');
    await s.put(p + 'x/1', 'x');
    await s.put(p + 'x/2', 'x');
    const rec = await Recorder.start(s, p, undefined, true);
    const plain = await Recorder.start(s, p);

    const ok = await s.txn({
      compare: [{ key: p + 'a', value: '1' }],
      success: [
        { put: p + 'a', value: '10' },
        { put: p + 'c', value: '3' },
        { delete: p + 'b' },
        { deletePrefix: p + 'x/' },
      ],
    });
    t.ok(ok.succeeded);
    const a = await s.get(p + 'a');
    const c = await s.get(p + 'c');
    t.equal(a?.modRevision, ok.revision, 'put at the txn revision');
    t.equal(c?.modRevision, ok.revision, 'all puts at one revision');
    t.equal(await s.get(p + 'b'), null, 'delete applied');
    t.equal((await s.range(p + 'x/', { withCount: true })).count, 0, 'deletePrefix applied');

    await rec.until(() => rec.events.length >= 5, 5000, 'txn events');
    t.equal(rec.batches.length, 1, 'one txn, one delivery');
    t.equal(rec.batches[0]!.revision, ok.revision);
    t.same(rec.batches[0]!.events.map(summary).sort(), [
      `delete ${p}b@${ok.revision}`,
      `delete ${p}x/1@${ok.revision}`,
      `delete ${p}x/2@${ok.revision}`,
      `put ${p}a=10@${ok.revision}`,
      `put ${p}c=3@${ok.revision}`,
    ]);
    const aEvent = rec.events.find((e) => e.type === 'put' && e.kv.key === p + 'a');
    t.equal(aEvent?.prevKv?.value.toString(), '1', 'put event carries the previous value');
    const bEvent = rec.events.find((e) => e.type === 'delete' && e.key === p + 'b');
    t.equal(bEvent?.prevKv?.value.toString(), '2', 'delete event carries the deleted value');
    await plain.until(() => plain.events.length >= 5, 5000, 'txn events without previous values');
    t.same(plain.events.map(summary).sort(), rec.events.map(summary).sort(), 'the same events without prevKv');
    t.ok(plain.events.every((e) => e.prevKv === undefined), 'a watch that did not ask for previous values gets none');
    await plain.watch.cancel();

    const failed = await s.txn({
      compare: [{ key: p + 'a', value: '1' }],
      success: [{ put: p + 'a', value: '99' }, { delete: p + 'c' }],
      failure: [{ put: p + 'failed', value: 'yes' }],
    });
    t.notOk(failed.succeeded);
    t.equal((await s.get(p + 'a'))?.value.toString(), '10', 'success branch not applied');
    t.ok(await s.get(p + 'c'), 'success branch delete not applied');
    t.equal((await s.get(p + 'failed'))?.value.toString(), 'yes', 'failure branch applied');

    // A txn that fails as a whole (unknown lease) leaves nothing behind.
    const before = await s.revision();
    await t.rejects(
      s.txn({ compare: [], success: [{ put: p + 'n1', value: '1' }, { put: p + 'n2', value: '2', lease: '12345' }] }),
    );
    t.equal(await s.get(p + 'n1'), null, 'no partial txn');
    t.equal(await s.revision(), before, 'no revision spent');

    const nothing = await s.txn({ compare: [{ key: p + 'a', value: 'x' }], success: [] });
    t.equal(nothing.revision, before, 'a txn that writes nothing keeps the revision');
    await rec.watch.cancel();
  });

  test('create-if-absent with modRevision 0', async (t, s, p) => {
    const k = p + 'lock';
    const create = (v: string) =>
      s.txn({ compare: [{ key: k, modRevision: 0 }], success: [{ put: k, value: v }] });
    t.ok((await create('first')).succeeded, 'absent: created');
    t.notOk((await create('second')).succeeded, 'present: refused');
    t.equal((await s.get(k))?.value.toString(), 'first');
    await s.delete(k);
    t.ok((await create('third')).succeeded, 'absent again after delete');
    const racers = await Promise.all([p + 'r', p + 'r', p + 'r'].map((key, i) =>
      s.txn({ compare: [{ key, modRevision: 0 }], success: [{ put: key, value: String(i) }] }),
    ));
    t.equal(racers.filter((r) => r.succeeded).length, 1, 'one of three concurrent creators wins');
  });

  test('paged range: 25 keys in pages of 10', async (t, s, p) => {
    const dir = p + 'list/';
    const ops: Op[] = [];
    for (let i = 0; i < 25; i++) ops.push({ put: `${dir}k${String(i).padStart(2, '0')}`, value: `v${i}` });
    ops.push({ put: p + 'lisu', value: 'sibling outside the prefix' });
    ops.push({ put: p + 'list', value: 'the prefix minus its slash' });
    const { revision } = await s.txn({ compare: [], success: ops });

    const seen: string[] = [];
    const pages: Array<{ n: number; more: boolean; count?: number }> = [];
    let after: string | undefined;
    let at: number | undefined;
    for (;;) {
      const page = await s.range(dir, { limit: 10, withCount: true, ...(after ? { after } : {}), ...(at ? { revision: at } : {}) });
      pages.push({ n: page.kvs.length, more: page.more, count: page.count });
      seen.push(...page.kvs.map((kv) => kv.key));
      at ??= page.revision;
      if (!page.more) break;
      after = page.kvs[page.kvs.length - 1]!.key;
      // Writes between pages are invisible to a read pinned at the first page's revision.
      await s.put(`${dir}k${String(pages.length).padStart(2, '0')}x`, 'late');
    }
    t.same(pages, [
      { n: 10, more: true, count: 25 },
      { n: 10, more: true, count: 25 },
      { n: 5, more: false, count: 25 },
    ]);
    t.equal(at, revision, 'first page read at the newest revision');
    t.equal(new Set(seen).size, 25, 'no duplicates');
    t.same(seen, [...seen].sort(), 'key order');
    t.same(seen, Array.from({ length: 25 }, (_, i) => `${dir}k${String(i).padStart(2, '0')}`));

    const counted = await s.range(dir, { countOnly: true });
    t.same([counted.kvs.length, counted.count], [0, 27], 'countOnly sees the late keys');
    const all = await s.range(dir, { withCount: true });
    t.same([all.kvs.length, all.more, all.count], [27, false, 27], 'no limit: everything');
    const tail = await s.range(dir, { after: `${dir}k23` });
    t.same(tail.kvs.map((kv) => kv.key), [`${dir}k24`], 'after without limit');
    const uncounted = await s.range(dir, { limit: 5, after: `${dir}k03` });
    t.equal(uncounted.count, undefined, 'a page is not counted unless asked (counting walks the whole prefix)');

    const keys = await s.range(dir, { limit: 3, keysOnly: true, after: `${dir}k01` });
    const full = await s.range(dir, { limit: 3, after: `${dir}k01` });
    t.same(keys.kvs.map((kv) => kv.key), full.kvs.map((kv) => kv.key), 'keysOnly: the same keys');
    t.same(keys.kvs.map((kv) => [kv.createRevision, kv.modRevision, kv.version]), full.kvs.map((kv) => [kv.createRevision, kv.modRevision, kv.version]), 'with their revisions');
    t.ok(keys.kvs.every((kv) => kv.value.length === 0), 'and no values');
    t.equal(keys.more, true);
  });

  test('reverse range: newest key first, paged with after', async (t, s, p) => {
    const dir = p + 'list/';
    const ops: Op[] = [];
    for (let i = 0; i < 25; i++) ops.push({ put: `${dir}k${String(i).padStart(2, '0')}`, value: `v${i}` });
    ops.push({ put: p + 'lisu', value: 'sibling outside the prefix' });
    ops.push({ put: p + 'list', value: 'the prefix minus its slash' });
    await s.txn({ compare: [], success: ops });
    const seen: string[] = [];
    const pages: Array<{ n: number; more: boolean; count?: number }> = [];
    let after: string | undefined;
    for (;;) {
      const page = await s.range(dir, { reverse: true, limit: 10, withCount: true, ...(after ? { after } : {}) });
      pages.push({ n: page.kvs.length, more: page.more, count: page.count });
      seen.push(...page.kvs.map((kv) => kv.key));
      if (!page.more) break;
      after = page.kvs[page.kvs.length - 1]!.key;
    }
    t.same(pages, [{ n: 10, more: true, count: 25 }, { n: 10, more: true, count: 25 }, { n: 5, more: false, count: 25 }]);
    t.same(seen, Array.from({ length: 25 }, (_, i) => `${dir}k${String(24 - i).padStart(2, '0')}`), 'descending key order, no gap or duplicate');
    const last = await s.range(dir, { reverse: true, limit: 1 });
    t.same([last.kvs.map((kv) => kv.key), last.more], [[`${dir}k24`], true], 'limit 1: the greatest key');
    const head = await s.range(dir, { reverse: true, after: `${dir}k02` });
    t.same(head.kvs.map((kv) => kv.key), [`${dir}k01`, `${dir}k00`], 'after without limit: everything before it');
    const past = await s.range(dir, { reverse: true, after: `${p}zzz` });
    t.equal(past.kvs.length, 25, 'an after beyond the prefix leaves the whole prefix');
  });

  test('range at an older revision', async (t, s, p) => {
    const r1 = (await s.put(p + 'x', '1')).revision;
    const r2 = (await s.put(p + 'x', '2')).revision;
    const r3 = (await s.put(p + 'y', '3')).revision;
    const r4 = (await s.delete(p + 'x')).revision;
    const view = async (revision?: number) =>
      (await s.range(p, revision ? { revision } : {})).kvs.map((kv) => `${kv.key.slice(p.length)}=${kv.value}`);
    t.same(await view(r1), ['x=1']);
    t.same(await view(r2), ['x=2']);
    t.same(await view(r3), ['x=2', 'y=3']);
    t.same(await view(r4), ['y=3']);
    t.same(await view(), ['y=3']);
    const old = await s.range(p, { revision: r2 });
    t.equal(old.revision, r2, 'result names the revision read');
    t.match(old.kvs[0], { createRevision: r1, modRevision: r2, version: 2 });
    await t.rejects(s.range(p, { revision: r4 + 1000 }), 'future revision refused');
  });

  test('a watch resumed after a disconnect gets exactly the missed events', async (t, s, p) => {
    await s.put(p + 'before', 'not seen: written before the watch');
    const first = await Recorder.start(s, p);
    await s.put(p + 'a', '1');
    await s.put(p + 'b', '2');
    await first.until(() => first.events.length >= 2, 5000, 'first two events');
    t.same(first.events.map((e) => (e.type === 'put' ? e.kv.key : '')), [p + 'a', p + 'b']);
    const lastSeen = first.batches[first.batches.length - 1]!.revision;
    await first.watch.cancel();

    // Missed while disconnected: a put, a delete, a two-key txn.
    const rc = (await s.put(p + 'c', '3')).revision;
    const rd = (await s.delete(p + 'a')).revision;
    const rt = (await s.txn({ compare: [], success: [{ put: p + 'd', value: '4' }, { put: p + 'e', value: '5' }] })).revision;
    await s.put(p.slice(0, -1) + '-other/z', 'outside the prefix');

    const second = await Recorder.start(s, p, lastSeen + 1);
    await second.until(() => second.events.length >= 4, 5000, 'missed events');
    t.same(second.batches.map((b) => b.revision), [rc, rd, rt], 'one delivery per revision, in order');
    t.same(second.events.map(summary), [
      `put ${p}c=3@${rc}`,
      `delete ${p}a@${rd}`,
      `put ${p}d=4@${rt}`,
      `put ${p}e=5@${rt}`,
    ]);
    const rf = (await s.put(p + 'f', '6')).revision;
    await second.until(() => second.events.length >= 5, 5000, 'live event after replay');
    await sleep(200);
    t.same(second.events.slice(4).map(summary), [`put ${p}f=6@${rf}`], 'then live, no duplicates');
    t.same(second.errors, []);
    t.same(first.events.length, 2, 'a cancelled watch delivers nothing more');
    await second.watch.cancel();
  });

  test('a long replay hands over to live events with no gap or duplicate', async (t, s, p) => {
    const write = async (from: number, n: number) => {
      // Concurrent puts: distinct revisions, in whatever order the store commits them.
      for (let i = from; i < from + n; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, from + n - i) }, (_, j) => s.put(`${p}k${(i + j) % 7}`, String(i + j))),
        );
      }
    };
    const start = (await s.revision()) + 1;
    await write(0, 600);
    const rec = await Recorder.start(s, p, start);
    await write(600, 100); // while the replay is still running
    await rec.until(() => rec.events.length >= 700, 10_000, '700 events');
    await sleep(100);
    const revs = rec.batches.map((b) => b.revision);
    t.equal(rec.events.length, 700, 'every write once');
    t.equal(revs.length, 700, 'one delivery per revision');
    t.ok(revs.every((r, i) => i === 0 || r > revs[i - 1]!), 'in revision order');
    t.same(
      rec.batches.map((b) => (b.events[0]!.type === 'put' ? b.events[0]!.kv.modRevision : 0)),
      revs,
      'events carry their revision',
    );
    t.equal(revs[0], start);
    t.equal(revs[revs.length - 1], await s.revision(), 'up to the newest');
    await rec.watch.cancel();
  });

  test('a handler that throws ends its own watch', async (t, s, p) => {
    const errors: Error[] = [];
    let calls = 0;
    await s.watch(p, {
      onEvents: () => {
        calls++;
        throw new Error('handler bug');
      },
      onError: (err) => errors.push(err),
    });
    await s.put(p + 'a', '1');
    await waitFor(async () => errors.length > 0, 5000, 'onError');
    await s.put(p + 'b', '2');
    await sleep(200);
    t.equal(calls, 1, 'no deliveries after the failure');
    t.match(errors, [{ message: 'handler bug' }]);
  });

  test('a watch from a compacted revision fails with CompactedError', async (t, s, p) => {
    const r1 = (await s.put(p + 'k1', '1')).revision;
    await s.put(p + 'k2', '2');
    await s.put(p + 'k1', '3');
    const r3 = (await s.put(p + 'k3', '4')).revision;
    await s.compact(r3);
    t.ok((await s.compactedRevision()) >= r3, 'compaction point recorded');
    await s.compact(r1); // behind the compaction point: nothing to do

    const rec = await Recorder.start(s, p, r1);
    await rec.until(() => rec.errors.length > 0, 5000, 'onError');
    const err = rec.errors[0]!;
    t.type(err, CompactedError);
    t.match(err, { name: 'CompactedError', requested: r1 });
    t.ok((err as CompactedError).compactRevision >= r3, 'names the oldest kept revision');
    t.same(rec.events, [], 'no events');
    await rec.watch.cancel();

    await t.rejects(s.range(p, { revision: r1 }), CompactedError, 'a read there fails too');

    // The consumer's recovery: relist, then watch from the list's revision + 1.
    const list = await s.range(p);
    t.same(list.kvs.map((kv) => kv.value.toString()), ['3', '2', '4'], 'current state survives compaction');
    const resumed = await Recorder.start(s, p, list.revision + 1);
    const r5 = (await s.put(p + 'k4', '5')).revision;
    await resumed.until(() => resumed.events.length >= 1, 5000, 'event after relist');
    t.same(resumed.events.map(summary), [`put ${p}k4=5@${r5}`]);
    t.same(resumed.errors, []);
    await resumed.watch.cancel();
  });

  test('a lease that is not kept alive expires and its keys are deleted, with events', async (t, s, p) => {
    const lease = await s.grantLease(1, { autoKeepAlive: false });
    t.equal(lease.ttlSeconds, 1);
    let lost = 0;
    lease.onLost(() => lost++);
    await s.put(p + 'eph1', 'e1', { lease: lease.id });
    await s.txn({ compare: [], success: [{ put: p + 'eph2', value: 'e2', lease: lease.id }] });
    await s.put(p + 'stays', 'no lease');
    t.equal((await s.get(p + 'eph1'))?.lease, lease.id, 'key records its lease');
    const rec = await Recorder.start(s, p);

    const started = Date.now();
    // etcd rounds a 1 s TTL up to its minimum (2 s by default) and sweeps every 500 ms.
    await rec.until(() => rec.events.filter((e) => e.type === 'delete').length >= 2, 6000, 'lease expiry');
    t.ok(Date.now() - started >= 500, 'not before the TTL');
    const deletes = rec.events.filter((e) => e.type === 'delete');
    t.same(deletes.map((e) => (e.type === 'delete' ? e.key : '')).sort(), [p + 'eph1', p + 'eph2']);
    t.equal(new Set(rec.batches.map((b) => b.revision)).size, 1, 'both keys deleted at one revision');
    t.equal(await s.get(p + 'eph1'), null);
    t.ok(await s.get(p + 'stays'), 'keys without the lease stay');

    await waitFor(async () => lost === 1, 3000, 'onLost');
    t.equal(lost, 1, 'onLost called once');
    await t.rejects(lease.keepAlive(), 'keepAlive on an expired lease fails');
    await t.rejects(s.put(p + 'late', 'x', { lease: lease.id }), 'put with an expired lease fails');
    await rec.watch.cancel();
  });

  test('revoking a lease deletes its keys at once', async (t, s, p) => {
    const lease = await s.grantLease(30);
    let lost = false;
    lease.onLost(() => (lost = true));
    await s.put(p + 'r1', '1', { lease: lease.id });
    await s.put(p + 'r2', '2', { lease: lease.id });
    // Re-put without the lease: the key is no longer attached.
    await s.put(p + 'r3', '3', { lease: lease.id });
    await s.put(p + 'r3', '3 again');
    const rec = await Recorder.start(s, p);
    await lease.revoke();
    await rec.until(() => rec.events.length >= 2, 5000, 'revoke deletes');
    t.equal(rec.batches.length, 1, 'one revision');
    t.same(rec.events.map((e) => (e.type === 'delete' ? e.key : 'put')).sort(), [p + 'r1', p + 'r2']);
    t.equal((await s.range(p, { withCount: true })).count, 1, 'only the detached key is left');
    await lease.revoke(); // twice is fine
    await sleep(200);
    t.notOk(lost, 'a revoked lease is not "lost"');
    await rec.watch.cancel();
  });

  test('keepalive keeps keys past the TTL', async (t, s, p) => {
    const auto = await s.grantLease(1);
    const manual = await s.grantLease(1, { autoKeepAlive: false });
    await manual.keepAlive(); // renews now and from then on
    let lost = 0;
    auto.onLost(() => lost++);
    manual.onLost(() => lost++);
    await s.put(p + 'auto', 'a', { lease: auto.id });
    await s.put(p + 'manual', 'm', { lease: manual.id });
    await sleep(3200); // past the TTL even as etcd rounds it up to 2 s
    t.ok(await s.get(p + 'auto'), 'auto keepalive');
    t.ok(await s.get(p + 'manual'), 'keepAlive() turned renewal on');
    t.equal(lost, 0);
    await auto.revoke();
    await manual.revoke();
    t.equal((await s.range(p, { withCount: true })).count, 0);
  });

  test('limits: txn ops, value size, duplicate keys', async (t, s, p) => {
    const puts = (n: number): Op[] => Array.from({ length: n }, (_, i) => ({ put: `${p}op${i}`, value: 'v' }));
    await t.rejects(s.txn({ compare: [], success: puts(TXN_MAX_OPS + 1) }), /128/, '129 ops refused');
    t.equal((await s.range(p, { countOnly: true })).count, 0, 'nothing written');
    t.ok((await s.txn({ compare: [], success: puts(TXN_MAX_OPS) })).succeeded, '128 ops accepted');
    t.equal((await s.range(p, { countOnly: true })).count, TXN_MAX_OPS);

    await t.rejects(s.put(p + 'big', Buffer.alloc(VALUE_MAX_BYTES + 1)), /limit/, 'oversized value refused');
    await s.put(p + 'big', Buffer.alloc(VALUE_MAX_BYTES, 1));
    t.equal((await s.get(p + 'big'))?.value.length, VALUE_MAX_BYTES, 'largest value round-trips');
    // The largest txn the file store takes must fit etcd's request limit too.
    const keys = Array.from({ length: TXN_MAX_OPS }, (_, i) => `${p}full/${i}`);
    const keyBytes = keys.reduce((n, k) => n + Buffer.byteLength(k) + (opts.keyOverhead ?? 0), 0);
    const each = Math.floor((TXN_MAX_BYTES - 2 * keyBytes) / TXN_MAX_OPS);
    const full = await s.txn({
      compare: keys.map((key) => ({ key, modRevision: 0 })),
      success: keys.map((key) => ({ put: key, value: Buffer.alloc(each, 2) })),
    });
    t.ok(full.succeeded, `a txn of ${2 * keyBytes + each * TXN_MAX_OPS} bytes (limit ${TXN_MAX_BYTES}) accepted`);
    const mb = Buffer.alloc(1_000_000);
    await t.rejects(
      s.txn({ compare: [], success: [{ put: p + 'm1', value: mb }, { put: p + 'm2', value: mb }] }),
      /limit/,
      'a txn over the request size refused',
    );
    // Sizes are UTF-8 bytes, not string length: 'é' is two bytes, so these strings are over by half.
    const wide = 'é'.repeat(Math.ceil(VALUE_MAX_BYTES * 0.75));
    await t.rejects(s.put(p + 'wide', wide), /limit/, 'a string value over the limit in UTF-8 bytes refused');
    await t.rejects(s.txn({ compare: [], success: [{ put: p + 'wide', value: wide }] }), /limit/, 'the same in a txn');
    const half = 'é'.repeat(Math.ceil(TXN_MAX_BYTES * 0.3));
    await t.rejects(
      s.txn({ compare: [{ key: p + 'w0', value: half }], success: [{ put: p + 'w1', value: half }] }),
      /limit/,
      'a txn whose compare and put strings pass the request size in UTF-8 bytes refused',
    );
    t.equal(await s.get(p + 'wide'), null, 'nothing written');
    await t.rejects(
      s.txn({ compare: [], success: [{ put: p + 'd', value: '1' }, { put: p + 'd', value: '2' }] }),
      /more than once/,
    );
    await t.rejects(
      s.txn({ compare: [], success: [{ deletePrefix: p }, { put: p + 'd', value: '2' }] }),
      /more than once/,
    );
    await t.rejects(s.put('', 'x'), /non-empty/, 'empty key refused');
    await t.rejects(s.grantLease(0), /TTL/);
  });
}
