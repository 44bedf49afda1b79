// WatchEvents' per-client buffer cap: a client that stops reading while events keep coming is disconnected
// once more events wait for it than the cap, with a status that says it fell behind and to resume from its
// cursor; resuming from the cursor of the last event it received gives exactly the rest, none lost or
// doubled. The client (openEventStream, and with it `berth events -w`) resumes by itself.
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { callMetadata, channelCredentials, loadBerthProtos, type EventMessage } from '@berth/api';
import { putSession } from '../src/index.js';
import { machineResources, startTestServer, uniq, until } from './helpers.js';

const CAP = 40;
const ts = await startTestServer({ server: { events: { maxBufferedEvents: CAP } } });
t.teardown(() => ts.close());
const { client } = ts;

/** A cluster with one instance and a small task definition: each RunTask of 10 writes 11 events. */
async function setup(): Promise<{ cluster: string; burst(n: number): Promise<void> }> {
  const cluster = uniq('slow');
  await client.call('CreateCluster', { clusterName: cluster });
  const reg = await client.call('RegisterContainerInstance', {
    cluster,
    totalResources: machineResources(100_000, 1_000_000),
  });
  // A session key stands in for a connected agent, so RunTask places there.
  const id = reg.containerInstance!.containerInstanceArn!.split('/').pop()!;
  await putSession(ts.server.ctx.store, id, { sessionId: 'test', cluster, since: 0 });
  await until('the instance is placeable', async () => (await ts.server.ctx.instances!.snapshot(cluster)).connected.has(id));
  await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', cpu: 1, memory: 6 }] });
  return {
    cluster,
    async burst(n) {
      let placed = 0;
      for (let i = 0; i < n / 10; i++) placed += (await client.call('RunTask', { cluster, taskDefinition: cluster, count: 10 })).tasks!.length;
      if (placed !== n) throw new Error(`only ${placed} of ${n} tasks placed`);
    },
  };
}

/** Every kept event of the cluster, in order (follow false: the stream ends once caught up). */
async function kept(cluster: string, cursor?: string): Promise<string[]> {
  const out: string[] = [];
  for await (const m of client.watchEvents({ cluster, follow: false, ...(cursor ? { cursor } : {}) })) if (m.event) out.push(m.cursor!);
  return out;
}

t.test('a client that stops reading is told it fell behind, and resuming from its cursor loses nothing', async (t) => {
  const { cluster, burst } = await setup();
  const BerthEvents = loadBerthProtos().berth.v1.BerthEvents;
  const raw = new BerthEvents(ts.server.addr, channelCredentials(ts.tls));
  t.teardown(() => raw.close());
  const def = BerthEvents.service.WatchEvents!;
  const req = { cluster, follow: true };
  const call = raw.WatchEvents(req, callMetadata(def.path, def.requestSerialize(req), ts.credentials)) as grpc.ClientReadableStream<EventMessage>;
  const received: string[] = [];
  let caughtUp!: () => void;
  const isCaughtUp = new Promise<void>((r) => (caughtUp = r));
  call.on('data', (m: EventMessage) => (m.caughtUp ? caughtUp() : received.push(m.cursor!)));
  const status = new Promise<grpc.StatusObject>((r) => call.on('status', r));
  call.on('error', () => {});
  await isCaughtUp;
  call.pause();
  await burst(400);
  await until('the server ended the stream', () => ts.server.events.size === 0);
  call.resume();
  const s = await status;
  t.equal(s.code, grpc.status.RESOURCE_EXHAUSTED);
  t.match(s.details, new RegExp(`The event stream fell behind: more than ${CAP} events waited to be sent to this client\\. Watch again from the cursor of the last event received\\.`));
  t.equal(s.metadata.get('ecs-error-type')[0], 'LimitExceededException');
  t.ok(received.length < 440, `it had received ${received.length} of 441 events`);
  const rest = await kept(cluster, received.at(-1));
  const all = await kept(cluster);
  t.same([...received, ...rest], all, 'what it received, then the rest from its cursor: every event once, in order');
});

t.test('openEventStream resumes by itself: a slow reader sees every event once, in order', async (t) => {
  const { cluster, burst } = await setup();
  const errorsBefore = ts.server.metrics.snapshot()['berth-events:WatchEvents']?.errors ?? 0;
  const stream = client.watchEvents({ cluster, follow: true });
  const it = stream[Symbol.asyncIterator]();
  const seen: string[] = [];
  for (let r = await it.next(); !r.value.caughtUp; r = await it.next()) seen.push(r.value.cursor!);
  // The reader stops pulling while 3,000 events come, then reads them all. Berth's client takes up to
  // 1 MiB per stream before HTTP/2 flow control holds the server back (api/credentials.ts), so it takes
  // well over a thousand events before any wait in the server's buffer.
  await burst(3000);
  await until('the server ended the stream', () => ts.server.events.size === 0);
  const all = await kept(cluster);
  let caughtUpAgain = 0;
  while (seen.length < all.length) {
    const r = await it.next();
    if (r.value.caughtUp) caughtUpAgain++;
    else seen.push(r.value.cursor!);
  }
  t.equal(caughtUpAgain, 0, 'caught up is said once');
  stream.cancel();
  t.same(seen, all, 'every event once, in order, across the resume');
  t.ok((ts.server.metrics.snapshot()['berth-events:WatchEvents']?.errors ?? 0) > errorsBefore, 'the server did end a stream that fell behind');
});
