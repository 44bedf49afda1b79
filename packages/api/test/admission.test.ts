// Admission of calls (admission.ts): at most maxInFlight run, at most maxQueued wait (in order) and for at
// most maxWaitMs, the rest are answered at once with ThrottlingException; over gRPC the refusal is
// RESOURCE_EXHAUSTED with that name, and a flood past the limit is answered rather than left to the
// clients' deadlines (whose stream resets would make nghttp2 close the whole connection). A late or
// saturated event loop refuses API calls, never machines' calls; a flood that overloads the loop itself
// is shed, and the server keeps answering.
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { BerthError, ECS_API } from '@berth/core';
import { AdmissionGate, BerthClient, CallAges, DEFAULT_ADMISSION, parseAmzDate, signGrpcCall, EventLoopLoad, decideAdmission, grpcHandlers, SHEDDING_RATE, grpcServiceDefinition, serverCredentials, type ActionTable, type AdmissionState, type LoadSignals } from '../src/index.js';

const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e as BerthError);

t.test('the decision, by table', async (t) => {
  const l = { maxInFlight: 2, maxQueued: 2, maxWaitMs: 1000, maxLagMs: 100, maxAgeMs: 5000, maxUtilization: 0.9 };
  const calm: AdmissionState = { class: 'api', arrivals: 100, running: 0, waiting: 0, lagMs: 0, utilization: 0.6 };
  const rows: [string, Partial<AdmissionState>, string, RegExp?][] = [
    ['a calm server admits', {}, 'admit'],
    ['up to maxInFlight', { running: 1 }, 'admit'],
    ['past maxInFlight the call waits', { running: 2 }, 'wait'],
    ['behind others waiting, a call waits even below maxInFlight', { running: 1, waiting: 1 }, 'wait'],
    ['the queue full: refused', { running: 2, waiting: 2 }, 'refuse', /2 calls are already waiting/],
    ['a late loop refuses at once, whatever the count', { lagMs: 101 }, 'refuse', /101 ms behind/],
    ['at the lag bound itself, admitted', { lagMs: 100 }, 'admit'],
    ['a late loop with few calls arriving is not their doing: admitted', { lagMs: 5000, arrivals: SHEDDING_RATE - 1 }, 'admit'],
    ['a late loop that was mostly idle (the machine short of CPU): admitted', { lagMs: 5000, utilization: 0.3 }, 'admit'],
    ['a saturated loop admits what it can run now', { utilization: 0.99, running: 1 }, 'admit'],
    ['a saturated loop refuses a call that would wait', { utilization: 0.99, running: 2 }, 'refuse', /busy 99%/],
    ['a call read long after it was made by a server busy with calls is refused', { ageMs: 5001 }, 'refuse', /5 s after it was made/],
    ['at the age bound itself, admitted', { ageMs: 5000 }, 'admit'],
    ['an old call with few calls arriving (a slow link): admitted', { ageMs: 60_000, arrivals: SHEDDING_RATE - 1 }, 'admit'],
    ['an old call to a mostly idle loop: admitted', { ageMs: 60_000, utilization: 0.3 }, 'admit'],
    ['a machine is admitted through a late loop', { class: 'machine', lagMs: 5000 }, 'admit'],
    ['a machine is admitted however old its call', { class: 'machine', ageMs: 60_000 }, 'admit'],
    ['a machine is admitted past every count', { class: 'machine', running: 9, waiting: 9, utilization: 1 }, 'admit'],
  ];
  for (const [name, s, verdict, why] of rows) {
    const d = decideAdmission({ ...calm, ...s }, l);
    t.equal(d.verdict, verdict, name);
    if (why) t.match(d.verdict === 'refuse' && d.why, why, `${name}: says why`);
  }
});

t.test('the gate reads the loop: API calls refused while it is late, machines admitted, admitted again once it keeps up', async (t) => {
  let load: LoadSignals = { lagMs: 0, utilization: 0 };
  const gate = new AdmissionGate({ ...DEFAULT_ADMISSION, maxLagMs: 50 }, () => load);
  (await gate.admit())();
  load = { lagMs: 400, utilization: 1 };
  for (let i = 0; i < SHEDDING_RATE - 2; i++) (await gate.admit('api'))();
  t.equal(gate.refused, 0, 'a few calls through a late loop are admitted');
  const e = await refusal(gate.admit('api'));
  t.equal(e.ecsName, 'ThrottlingException');
  t.match(e.message, /Rate exceeded.*400 ms behind.*retry with backoff/);
  const machine = await gate.admit('machine');
  t.equal(gate.running, 1, 'the machine runs');
  machine();
  load = { lagMs: 0, utilization: 0.5 };
  (await gate.admit())();
  t.equal(gate.refused, 1);
  t.equal(gate.running, 0);
});

t.test('the loop monitor sees a loop that is running late before its own sampler does', async (t) => {
  const load = new EventLoopLoad(50);
  t.teardown(() => load.stop());
  await new Promise((r) => setTimeout(r, 120));
  const end = performance.now() + 300;
  while (performance.now() < end); // the loop blocked 300 ms: the sampler cannot tick
  t.ok(load.signals().lagMs >= 250, `lag seen at once: ${load.signals().lagMs} ms`);
  await new Promise((r) => setTimeout(r, 120));
  t.ok(load.signals().utilization > 0, 'utilisation sampled');
});

t.test('past maxInFlight calls wait in order; past maxQueued they are refused at once', async (t) => {
  const gate = new AdmissionGate({ ...DEFAULT_ADMISSION, maxInFlight: 2, maxQueued: 2, maxWaitMs: 60_000 });
  const first = await gate.admit();
  await gate.admit();
  const order: string[] = [];
  const third = gate.admit().then((release) => (order.push('third'), release));
  const fourth = gate.admit().then((release) => (order.push('fourth'), release));
  t.equal(gate.waiting, 2);
  const fifth = await refusal(gate.admit());
  t.equal(fifth.ecsName, 'ThrottlingException');
  t.match(fifth.message, /Rate exceeded/);
  t.equal(gate.refused, 1);

  first();
  first(); // a second release of the same call frees nothing more
  const releaseThird = await third;
  t.same(order, ['third'], 'one release, one turn: the first waiter');
  t.equal(gate.running, 2);
  t.equal(gate.waiting, 1);
  releaseThird();
  (await fourth)();
  t.same(order, ['third', 'fourth']);
  t.equal(gate.running, 1, 'only the second call still runs');
});

t.test('a call that waits longer than maxWaitMs is refused and leaves the queue', async (t) => {
  const gate = new AdmissionGate({ ...DEFAULT_ADMISSION, maxInFlight: 1, maxQueued: 5, maxWaitMs: 10 });
  const holder = await gate.admit();
  const e = await refusal(gate.admit());
  t.equal(e.ecsName, 'ThrottlingException');
  t.match(e.message, /no turn within 10 ms/);
  t.equal(gate.waiting, 0);
  holder();
  t.equal(gate.running, 0, 'the turn is not handed to the refused call');
});

t.test('over gRPC: a flood past the limit is answered at once with ThrottlingException, and the connection keeps serving', async (t) => {
  let open!: () => void;
  const blocked = new Promise<void>((r) => (open = r));
  let runs = 0;
  const table: ActionTable = {
    api: ECS_API,
    handlers: {
      ListClusters: async () => {
        runs++;
        await blocked;
        return { clusterArns: [] };
      },
    },
  };
  const gate = new AdmissionGate({ ...DEFAULT_ADMISSION, maxInFlight: 1, maxQueued: 10, maxWaitMs: 60_000 });
  const server = new grpc.Server();
  server.addService(grpcServiceDefinition(ECS_API), grpcHandlers(table, {
    scope: () => ({ resources: ['*'], context: {} }), authorize: () => {}, observers: [], admit: () => gate.admit(),
  }));
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', serverCredentials(), (e, p) => (e ? reject(e) : resolve(p))));
  const client = new BerthClient(`127.0.0.1:${port}`, { deadlineMs: 120_000, throttledRetries: 0 });
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });

  // More calls than nghttp2's burst of 1,000 stream resets: none is left to its deadline. Every call past
  // the one running and the ten waiting is refused while the first still blocks.
  const n = 1500;
  const settled = { ok: 0, throttled: 0, other: 0 };
  const calls = Array.from({ length: n }, () => client.call('ListClusters', {}).then(
    () => void settled.ok++,
    (e: BerthError) => void (e.ecsName === 'ThrottlingException' && /Rate exceeded/.test(e.message) ? settled.throttled++ : settled.other++),
  ));
  while (settled.throttled + settled.other < n - 11) await new Promise((r) => setTimeout(r, 5));
  t.same(settled, { ok: 0, throttled: n - 11, other: 0 });
  t.equal(gate.refused, n - 11);
  t.equal(runs, 1);
  open();
  await Promise.all(calls);
  t.same(settled, { ok: 11, throttled: n - 11, other: 0 }, 'the running call and the 10 that waited are served');
  t.same(await client.call('ListClusters', {}), { clusterArns: [] }, 'the same connection serves the next call');
});


t.test('over gRPC: a flood that overloads the event loop itself is shed with ThrottlingException, and the server keeps answering', async (t) => {
  // Each call costs 5 ms of the loop (the work a real call does, in CPU): 1,000 at once are 5 s of work,
  // far past the 100 ms the gate lets the loop fall behind.
  const table: ActionTable = {
    api: ECS_API,
    handlers: {
      ListClusters: async () => {
        const end = performance.now() + 5;
        while (performance.now() < end);
        return { clusterArns: [] };
      },
    },
  };
  const load = new EventLoopLoad(20);
  const gate = new AdmissionGate({ ...DEFAULT_ADMISSION, maxLagMs: 100 }, () => load.signals());
  const server = new grpc.Server();
  server.addService(grpcServiceDefinition(ECS_API), grpcHandlers(table, {
    scope: () => ({ resources: ['*'], context: {} }), authorize: () => {}, observers: [], admit: (cls) => gate.admit(cls),
  }));
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', serverCredentials(), (e, p) => (e ? reject(e) : resolve(p))));
  const client = new BerthClient(`127.0.0.1:${port}`, { deadlineMs: 120_000, throttledRetries: 0 });
  t.teardown(() => {
    load.stop();
    client.close();
    server.forceShutdown();
  });
  const settled = { ok: 0, throttled: 0, other: [] as string[] };
  // Open loop: 50 calls every 10 ms, whatever the answers do (the loop's own lateness stretches the pace).
  const calls: Promise<void>[] = [];
  for (let wave = 0; wave < 20; wave++) {
    for (let i = 0; i < 50; i++) {
      calls.push(client.call('ListClusters', {}).then(
        () => void settled.ok++,
        (e: BerthError) => void (e.ecsName === 'ThrottlingException' && /behind/.test(e.message) ? settled.throttled++ : settled.other.push(e.message)),
      ));
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(calls);
  t.ok(settled.throttled > 0, `calls refused for the loop's lag: ${settled.throttled}`);
  t.ok(settled.ok > 0, `calls served: ${settled.ok}`);
  t.same(settled.other, [], 'no other failure');
  t.equal(gate.refused, settled.throttled);
  await new Promise((r) => setTimeout(r, 200));
  t.same(await client.call('ListClusters', {}), { clusterArns: [] }, 'once the flood is over, the next call is served');
});

t.test('the client sends a call refused for load again after a back-off, as the AWS SDKs do; other refusals are not retried', async (t) => {
  let refusals = 2;
  let runs = 0;
  const table: ActionTable = { api: ECS_API, handlers: { ListClusters: async () => (runs++, { clusterArns: [] }) } };
  const server = new grpc.Server();
  server.addService(grpcServiceDefinition(ECS_API), grpcHandlers(table, {
    scope: () => ({ resources: ['*'], context: {} }), authorize: () => {}, observers: [],
    admit: async () => {
      if (refusals-- > 0) throw new BerthError('ThrottlingException', 'Rate exceeded');
      if (refusals < -1) throw new BerthError('LimitExceededException', 'not a refusal for load');
      return () => {};
    },
  }));
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', serverCredentials(), (e, p) => (e ? reject(e) : resolve(p))));
  const client = new BerthClient(`127.0.0.1:${port}`);
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  t.same(await client.call('ListClusters', {}), { clusterArns: [] }, 'served at the third try');
  t.equal(runs, 1);
  t.equal((await refusal(client.call('ListClusters', {}))).ecsName, 'LimitExceededException', 'sent once');
  t.equal(refusals, -2, 'no retry of another refusal');
});

t.test('how long ago a call was made: its signed time against the freshest of its connection', async (t) => {
  let now = 1_000_000_000_000;
  const ages = new CallAges(() => now);
  t.equal(parseAmzDate('20261202T124400Z'), Date.UTC(2026, 11, 2, 12, 44, 0));
  t.equal(parseAmzDate('yesterday'), undefined);
  // A client whose clock runs 2 minutes behind: its fresh calls define no wait.
  t.equal(ages.age('a', now - 120_000), 0, 'the first call of a connection is fresh');
  now += 10;
  t.equal(ages.age('a', now - 120_000), 0);
  t.equal(ages.age('a', now - 120_000 - 8000), 8000, 'a call signed 8 s before the fresh ones waited 8 s');
  t.equal(ages.age('b', now - 8000), 0, 'each connection has its own clock');
  // A client clock set back: forgotten after two windows.
  now += 130_000;
  t.equal(ages.age('a', now - 120_000 - 30_000), 0, 'after two quiet windows, the next call is fresh again');
  t.equal(ages.size, 1, 'connections not heard from are forgotten');
});

t.test('over gRPC: a signed call read long after it was made by a busy server is refused, the fresh ones on its connection served', async (t) => {
  const table: ActionTable = { api: ECS_API, handlers: { ListClusters: async () => ({ clusterArns: [] }) } };
  // A loop busy with calls (the calls arrive below): only then does a call's age count.
  const gate = new AdmissionGate({ ...DEFAULT_ADMISSION, maxAgeMs: 5000 }, () => ({ lagMs: 0, utilization: 0.9 }));
  const server = new grpc.Server();
  const def = grpcServiceDefinition(ECS_API);
  server.addService(def, grpcHandlers(table, {
    scope: () => ({ resources: ['*'], context: {} }), authorize: () => {}, observers: [], admit: (cls, ageMs) => gate.admit(cls, ageMs),
  }));
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', serverCredentials(), (e, p) => (e ? reject(e) : resolve(p))));
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  const m = def.ListClusters!;
  const key = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' };
  const call = (signedAt: number) => new Promise<string>((resolve) => {
    const body = m.requestSerialize({});
    client.makeUnaryRequest(m.path, m.requestSerialize, m.responseDeserialize, {}, signGrpcCall(m.path, body, key, signedAt), (e) => resolve(e ? `${e.code} ${e.details}` : 'ok'));
  });
  // Sent together (they arrive in order, within a few turns): enough fresh calls to make the server busy
  // with calls, then one made 20 s before.
  const fresh = Array.from({ length: SHEDDING_RATE }, () => call(Date.now()));
  const old = call(Date.now() - 20_000);
  t.same(new Set(await Promise.all(fresh)), new Set(['ok']), 'the fresh calls');
  t.match(await old, new RegExp(`^${grpc.status.RESOURCE_EXHAUSTED} .*Rate exceeded.*(19|20|21) s after it was made`), 'made 20 s before it was read: refused');
  t.equal(await call(Date.now()), 'ok', 'the next fresh call on the connection');
  t.equal(gate.refused, 1);
});
