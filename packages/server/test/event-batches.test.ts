// ECS events stored one key per transaction and cluster (a batch, state/events.ts withEventBatches): the
// merge as a table; then, on the file store and on etcd, a store holding keys of one event (as servers
// before batches wrote them, in each stored form) and batches read together in commit order by WatchEvents
// and the rule engine, a resume from every cursor (inside a batch, at its last event, and a single-event
// key's cursor as given out before batches), retention deleting a batch whole with its mark, and the
// stream's buffer cap counting events, not keys.
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { EVENTS_API, clusterArn } from '@berth/core';
import { callMetadata, channelCredentials, loadBerthProtos, type EventMessage } from '@berth/api';
import type { KeyValue, Op, Store } from '@berth/store';
import {
  EVENTS_ROOT, compactEventPutOp, eventAttributeSet, eventKeyTime, eventPositionAfter, eventPutOp, eventText, eventsDeletedKey,
  eventsPrefix, storedEventCount, storedEvents, storedInstanceEvent, withEventBatches, ATTRIBUTES_HOLE, type EventPosition,
} from '../src/state/events.js';
import { decodeCursor, encodeCursor } from '../src/events/stream.js';
import { sweepEvents } from '../src/controllers/leader/event-retention.js';
import { rangeAll } from '../src/state/kit.js';
import { clearEtcdNamespace, etcdNamespace, startTestServer, uniq, until, type TestServer } from './helpers.js';

const noStore = {} as Store;
const kvOf = (key: string, value: string, r = 7): KeyValue => ({ key, value: Buffer.from(value), createRevision: r, modRevision: r, version: 1 } as unknown as KeyValue);
const putOf = (op: Op) => op as { put: string; value: string };

/** A test event: its text names its place `n`, so order is visible. */
const event = (source: string, n: number, extra: Record<string, unknown> = {}) => ({
  version: '0', id: `${source}-${n}`, 'detail-type': 'Test Batch', source, account: '000000000000', time: '2026-12-03T00:00:00Z', region: 'us-east-1',
  resources: [], detail: { n, text: `ünïcödé ${n} \u2028 "quoted"`, ...extra },
});

t.test('withEventBatches: one put per cluster, under its smallest key, its events in key order, every other op as it was', async (t) => {
  const now = 1_700_000_000;
  const a1 = eventPutOp('a', now, event('s', 1));
  const a2 = compactEventPutOp('a', now, JSON.stringify(event('s', 2, { task: 'arn:aws:ecs:us-east-1:000000000000:task/a/0123456789abcdef' })), ['0123456789abcdef', 'arn:aws:ecs:us-east-1:000000000000:']);
  const b1 = eventPutOp('b', now, event('s', 3));
  const attrs = JSON.stringify([{ name: 'x' }]);
  const a3 = storedInstanceEvent('a', now, { ...event('s', 4), detail: { attributes: ATTRIBUTES_HOLE } }, '000000000003600/ref');
  const b2 = eventPutOp('b', now, event('s', 5));
  const c1 = eventPutOp('bus:c', now, event('s', 6));
  const other: Op = { put: '/berth/v1/tasks/a/x', value: '{}' };
  const del: Op = { delete: '/berth/v1/assignments/i/x' };
  t.ok(putOf(a1).put < putOf(a2).put && putOf(a2).put < putOf(a3).put, 'keys made in order sort in order');
  // Out of key order on purpose: the batch puts them back in key order.
  const ops = [other, a2, del, b1, a1, a3, b2, c1];
  const out = withEventBatches(ops);
  t.equal(out.length, 5, 'the other ops, one put for a, one for b, c\'s single event');
  t.same(out[0], other);
  t.equal(putOf(out[1]!).put, putOf(a1).put, 'a\'s batch: at its first put\'s place, under its smallest key');
  t.same(out[2], del);
  t.equal(putOf(out[3]!).put, putOf(b1).put);
  t.same(out[4], c1, 'a cluster (here a bus) with one event keeps its key of one event');
  t.equal(putOf(out[1]!).value, `\u001e${putOf(a1).value}\u001e${putOf(a2).value}\u001e${putOf(a3).value}`, 'each stored form, after RS');

  const kv = kvOf(putOf(out[1]!).put, putOf(out[1]!).value);
  const parts = storedEvents(kv);
  t.equal(storedEventCount(kv.value), 3);
  t.same(parts.map((p) => p.position), [{ r: 7, k: putOf(a1).put, i: 0 }, { r: 7, k: putOf(a1).put, i: 1 }, { r: 7, k: putOf(a1).put }],
    'positions: the index, but the last event at the key\'s own position');
  t.equal(eventText(noStore, parts[0]!), JSON.stringify(event('s', 1)), 'read back byte for byte: whole');
  t.equal(eventText(noStore, parts[1]!), JSON.stringify(event('s', 2, { task: 'arn:aws:ecs:us-east-1:000000000000:task/a/0123456789abcdef' })), 'compact');
  t.equal(eventAttributeSet(parts[2]!.value), '000000000003600/ref', 'an instance event still names its set');
  t.equal(await eventText({ get: async () => kvOf('s', attrs) } as unknown as Store, parts[2]!),
    JSON.stringify({ ...event('s', 4), detail: { attributes: [{ name: 'x' }] } }), 'and reads back with its attributes');
  t.throws(() => eventText(noStore, kv), /batch/, 'a batch whole is not one event');
  t.same(storedEvents(kvOf(putOf(a1).put, putOf(a1).value)).map((p) => p.position), [{ r: 7, k: putOf(a1).put }], 'a key of one event: one event at the key');
  t.equal(storedEventCount(Buffer.from(putOf(a1).value)), 1);

  const a4 = eventPutOp('a', now, event('s', 7));
  const again = withEventBatches([out[1]!, a4]);
  t.equal(again.length, 1, 'a batch and another event of its cluster: one batch');
  t.same(storedEvents(kvOf(putOf(again[0]!).put, putOf(again[0]!).value)).map((p) => p.value.toString()), [a1, a2, a3, a4].map((o) => putOf(o).value),
    'its events in key order, each stored form as it was');
  const none = [other, del];
  t.equal(withEventBatches(none), none, 'no events: the same ops');
  const stray = { put: `${eventsPrefix('a')}000-x`, value: '{"bad":"\u001e"}' };
  t.same(withEventBatches([stray, a4]), [stray, a4], 'a value with RS raw (no stored form of ours) keeps its own key');
});

t.test('stream positions and cursors', async (t) => {
  const k1 = `${EVENTS_ROOT}c/1`;
  const k2 = `${EVENTS_ROOT}c/2`;
  const table: [EventPosition, EventPosition | undefined, boolean][] = [
    [{ r: 1, k: k1 }, undefined, true],
    [{ r: 2, k: k1, i: 0 }, { r: 1, k: k2 }, true],
    [{ r: 1, k: k2, i: 0 }, { r: 1, k: k1 }, true],
    [{ r: 1, k: k1, i: 1 }, { r: 1, k: k1, i: 0 }, true],
    [{ r: 1, k: k1, i: 0 }, { r: 1, k: k1, i: 1 }, false],
    [{ r: 1, k: k1 }, { r: 1, k: k1, i: 5 }, true],
    [{ r: 1, k: k1, i: 5 }, { r: 1, k: k1 }, false],
    [{ r: 1, k: k1 }, { r: 1, k: k1 }, false],
    [{ r: 1, k: k1, i: 0 }, { r: 1, k: '' }, true],
  ];
  for (const [a, b, want] of table) t.equal(eventPositionAfter(a, b), want, `${JSON.stringify(a)} after ${JSON.stringify(b)}`);
  for (const p of [{ r: 3, k: k1 }, { r: 3, k: k1, i: 0 }, { r: 3, k: k1, i: 4 }]) t.same(decodeCursor(encodeCursor(p)), p, 'round trip');
  for (const bad of [{ r: 3, k: k1, i: -1 }, { r: 3, k: k1, i: 1.5 }, { r: 3, k: k1, i: '1' }]) {
    t.throws(() => decodeCursor(Buffer.from(JSON.stringify(bad)).toString('base64url')), /not one this server gave out/);
  }
});

interface Written { cursors: string[]; ids: string[] }

function suite(name: string, etcd: string | undefined) {
  t.test(name, async (t) => {
    const ts: TestServer = await startTestServer(etcd !== undefined ? { etcdNamespace: etcd } : {});
    t.teardown(() => ts.close());
    const { ctx } = ts.server;
    const { client } = ts;
    const cluster = uniq('batch');
    const other = uniq('batch-other');
    const source = uniq('test.batch');
    let n = 0;
    /** Events of `cluster` (and `also` of `other`) in one transaction: batched, or as keys of their own (as before batches). */
    const write = async (count: number, opts: { batched: boolean; also?: number; at?: number }) => {
      const now = opts.at ?? ctx.now();
      const ops: Op[] = [];
      for (let i = 0; i < count; i++) {
        const e = event(source, ++n);
        // Alternate the stored forms a key of one event had: whole, and compact.
        ops.push(n % 2 === 0 ? eventPutOp(cluster, now, e) : compactEventPutOp(cluster, now, JSON.stringify(e), [source, cluster]));
      }
      for (let i = 0; i < (opts.also ?? 0); i++) ops.push(eventPutOp(other, now, event(source, ++n)));
      const res = await ctx.store.txn({ compare: [], success: opts.batched ? withEventBatches(ops) : ops });
      return { revision: res.revision, keys: opts.batched ? new Set(withEventBatches(ops).map((o) => putOf(o).put)).size : ops.length };
    };
    const backlog = async (req: { cluster?: string; cursor?: string }): Promise<Written> => {
      const out: Written = { cursors: [], ids: [] };
      for await (const m of client.watchEvents({ ...req, follow: false })) {
        const e = JSON.parse(m.event!) as { id: string; source: string };
        if (e.source !== source) continue;
        out.cursors.push(m.cursor!);
        out.ids.push(e.id);
      }
      return out;
    };
    const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${source}-${from + i}`);

    await t.test('keys of one event and batches, read together in commit order; a resume from every cursor', async (t) => {
      t.equal((await write(1, { batched: false })).keys, 1, '1: a key of one event (as before batches)');
      t.equal((await write(3, { batched: true })).keys, 1, '2-4: one batch');
      t.equal((await write(2, { batched: false })).keys, 2, '5-6: two keys of one event in one transaction (as before batches)');
      t.equal((await write(2, { batched: true, also: 2 })).keys, 2, '7-8 and 9-10 (another cluster): a batch per cluster in one transaction');
      t.equal((await write(1, { batched: true })).keys, 1, '11: one event, batched: a key of one event');
      const all = await backlog({ cluster });
      t.same(all.ids, [...ids(1, 8), ...ids(11, 11)], 'the cluster\'s events in commit order, within and across batches');
      t.equal(new Set(all.cursors).size, all.cursors.length, 'every event its own cursor');
      const everywhere = await backlog({});
      t.same(everywhere.ids, [...ids(1, 6), ...(`${cluster}/` < `${other}/` ? [...ids(7, 8), ...ids(9, 10)] : [...ids(9, 10), ...ids(7, 8)]), ...ids(11, 11)],
        'every cluster: one transaction\'s batches by key');
      const kinds = all.cursors.map((c) => (decodeCursor(c)!.i === undefined ? 'key' : 'inside'));
      t.same(kinds, ['key', 'inside', 'inside', 'key', 'key', 'key', 'inside', 'key', 'key'], 'cursors: keys of one event and batches\' last events name the key');
      for (let j = 0; j < all.cursors.length; j++) {
        t.same((await backlog({ cluster, cursor: all.cursors[j] })).ids, all.ids.slice(j + 1), `from the cursor of event ${all.ids[j]} (${kinds[j]}): exactly the rest`);
      }
      // The cursor a server before batches gave for event 5 (a key of one event): its key and revision.
      const stored = await rangeAll(ctx.store, eventsPrefix(cluster));
      t.same(stored.map((kv) => storedEventCount(kv.value)), [1, 3, 1, 1, 2, 1], 'six keys hold the cluster\'s nine events');
      const old = encodeCursor({ r: stored[2]!.createRevision, k: stored[2]!.key });
      t.same((await backlog({ cluster, cursor: old })).ids, all.ids.slice(5), 'an old cursor of a key of one event resumes exactly');

      // Following: new batches and keys arrive in order, with cursors that resume as the backlog's do.
      const stream = client.watchEvents({ cluster, follow: true, cursor: all.cursors.at(-1)! });
      const it = stream[Symbol.asyncIterator]();
      t.teardown(() => stream.cancel());
      const next = async () => { for (;;) { const r = await it.next(); if (r.done) throw new Error('ended'); if (r.value.event) return r.value; } };
      await write(4, { batched: true });
      await write(1, { batched: false });
      const followed: EventMessage[] = [];
      for (let i = 0; i < 5; i++) followed.push(await next());
      t.same(followed.map((m) => (JSON.parse(m.event!) as { id: string }).id), ids(12, 16), 'followed: the batch\'s events, then the key of one event');
      t.same((await backlog({ cluster, cursor: followed[1]!.cursor })).ids, ids(14, 16), 'a followed cursor inside a batch resumes there');
      stream.cancel();
    });

    await t.test('the rule engine: each event of a batch matched once, in order', async (t) => {
      const rule = uniq('batched');
      await client.callApi(EVENTS_API, 'PutRule', { Name: rule, EventPattern: JSON.stringify({ source: [source] }) });
      await client.callApi(EVENTS_API, 'PutTargets', {
        Rule: rule,
        Targets: [{ Id: 't', Arn: clusterArn(ctx.identity, cluster), RoleArn: `arn:aws:iam::${ctx.identity.accountId}:role/none`, EcsParameters: { TaskDefinitionArn: uniq('none') } }],
      });
      const from = n + 1;
      await write(1, { batched: false });
      await write(3, { batched: true, also: 2 });
      await write(2, { batched: false });
      await write(4, { batched: true });
      const want = ids(from, n);
      const invoked = async () => {
        const seen: string[] = [];
        for await (const m of client.watchEvents({ detailTypes: ['Berth Invocation'], follow: false })) {
          const d = (JSON.parse(m.event!) as { detail: { rule?: string; eventId?: string } }).detail;
          if (d.rule === rule && d.eventId !== undefined) seen.push(d.eventId);
        }
        return seen;
      };
      const seen = await until('every event matched', async () => {
        const s = await invoked();
        return s.length >= want.length ? s : undefined;
      });
      // The events of one transaction in two clusters run by key, as the stream orders them.
      const order = (await backlog({})).ids.filter((id) => want.includes(id));
      t.same(seen, order, 'invoked once each, in the stream\'s order');
      t.same([...seen].sort(), [...want].sort());
    });

    await t.test('retention deletes a batch whole, with its mark; a cursor inside it is refused, one at its end is not', async (t) => {
      const c2 = uniq('batch-old');
      const src = uniq('test.old');
      const oldAt = ctx.now() - 7200;
      const oldOps = [1, 2, 3].map((i) => eventPutOp(c2, oldAt, event(src, i)));
      const oldRes = await ctx.store.txn({ compare: [], success: withEventBatches(oldOps) });
      const newRes = await ctx.store.txn({ compare: [], success: withEventBatches([4, 5].map((i) => eventPutOp(c2, ctx.now(), event(src, i)))) });
      const before = await rangeAll(ctx.store, eventsPrefix(c2));
      t.same(before.map((kv) => storedEventCount(kv.value)), [3, 2], 'two batches');
      t.ok(eventKeyTime(before[0]!.key) < (ctx.now() - 3600) * 1000, 'the first one older than the window');
      const cursors: string[] = [];
      for await (const m of client.watchEvents({ cluster: c2, follow: false })) cursors.push(m.cursor!);
      t.equal(cursors.length, 5);
      t.ok((await sweepEvents(ctx, 3600)) >= 1, 'the sweep deleted');
      const after = await rangeAll(ctx.store, eventsPrefix(c2));
      t.same(after.map((kv) => kv.key), [before[1]!.key], 'the old batch went whole; the new one stays');
      const mark = JSON.parse((await ctx.store.get(eventsDeletedKey(c2)))!.value.toString()) as EventPosition;
      t.same(mark, { r: oldRes.revision, k: before[0]!.key }, 'the mark: the batch\'s key, past all its events');
      for (const c of cursors.slice(0, 2)) {
        const err = await (async () => { try { for await (const _ of client.watchEvents({ cluster: c2, cursor: c, follow: false })) { /* drain */ } } catch (e) { return e as { ecsName?: string; message: string }; } return undefined; })();
        t.match(err, { message: /deleted by retention/ }, 'a cursor inside the deleted batch is refused: it missed events');
      }
      const rest: string[] = [];
      for await (const m of client.watchEvents({ cluster: c2, cursor: cursors[2]!, follow: false })) rest.push((JSON.parse(m.event!) as { id: string }).id);
      t.same(rest, [`${src}-4`, `${src}-5`], 'the cursor of its last event resumes with the rest: nothing was missed');
      t.ok(newRes.revision > oldRes.revision);
    });
  });
}

suite('file store', undefined);
const namespace = etcdNamespace('event-batches');
t.teardown(() => clearEtcdNamespace(namespace));
suite('etcd', namespace);

t.test('the buffer cap counts events, not keys', async (t) => {
  const CAP = 5;
  const ts = await startTestServer({ server: { events: { maxBufferedEvents: CAP } } });
  t.teardown(() => ts.close());
  const { ctx } = ts.server;
  const cluster = uniq('batch-cap');
  const BerthEvents = loadBerthProtos().berth.v1.BerthEvents;
  const raw = new BerthEvents(ts.server.addr, channelCredentials(ts.tls));
  t.teardown(() => raw.close());
  const def = BerthEvents.service.WatchEvents!;
  const open = () => {
    const req = { cluster, follow: true };
    const call = raw.WatchEvents(req, callMetadata(def.path, def.requestSerialize(req), ts.credentials)) as grpc.ClientReadableStream<EventMessage>;
    const received: string[] = [];
    let caughtUp!: () => void;
    const isCaughtUp = new Promise<void>((r) => (caughtUp = r));
    call.on('data', (m: EventMessage) => (m.caughtUp ? caughtUp() : received.push(m.event!)));
    const status = new Promise<grpc.StatusObject>((r) => call.on('status', r));
    call.on('error', () => {});
    return { call, received, isCaughtUp, status };
  };
  const batch = (count: number) => ctx.store.txn({ compare: [], success: withEventBatches(Array.from({ length: count }, (_, i) => eventPutOp(cluster, ctx.now(), event('cap', i)))) });

  const s1 = open();
  await s1.isCaughtUp;
  await batch(CAP);
  await until('a batch of as many events as the cap is delivered', () => s1.received.length === CAP);
  t.equal(ts.server.events.size, 1, 'and the stream stays open');
  s1.call.cancel();
  await until('closed', () => ts.server.events.size === 0);

  const s2 = open();
  await s2.isCaughtUp;
  await batch(CAP + 1);
  const st = await s2.status;
  t.equal(st.code, grpc.status.RESOURCE_EXHAUSTED, 'one key of more events than the cap: the stream fell behind');
  t.match(st.details, new RegExp(`more than ${CAP} events waited`));
});
