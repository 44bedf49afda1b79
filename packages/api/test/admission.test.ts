// Admission of calls (admission.ts): in each lane (mutating, read-only) at most its limit run, at most
// maxQueued wait (in order) and for at most maxWaitMs, the rest are answered at once with
// ThrottlingException; a flood of reads never takes a mutating call's turn; a call whose caller's deadline
// has passed or that was made too long ago is refused, never served late. Over gRPC the refusal is
// RESOURCE_EXHAUSTED with that name, and a flood past the limit is answered rather than left to the
// clients' deadlines (whose stream resets would make nghttp2 close the whole connection). A late or
// saturated event loop refuses API calls, never machines' calls; a flood that overloads the loop itself
// is shed, and the server keeps answering.
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { BerthError, ECS_API } from '@berth/core';
import { AdmissionGate, BerthClient, CallAges, DEFAULT_ADMISSION, parseAmzDate, signGrpcCall, EventLoopLoad, decideAdmission, grpcHandlers, laneOf, lateness, runCall, SHEDDING_RATE, grpcServiceDefinition, serverCredentials, type ActionTable, type AdmissionLimits, type AdmissionState, type LoadSignals, type Ticket } from '../src/index.js';

const API: Ticket = { class: 'api' };
const READ: Ticket = { class: 'api', lane: 'read-only' };
const MUTATING: Ticket = { class: 'api', lane: 'mutating' };
const MACHINE: Ticket = { class: 'machine' };
/** One lane's limits for the gate tests: `n` at once in each lane. */
const limits = (n: number, more: Partial<AdmissionLimits> = {}): AdmissionLimits => ({ ...DEFAULT_ADMISSION, maxMutatingInFlight: n, maxReadInFlight: n, ...more });

const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e as BerthError);

t.test('the decision, by table', async (t) => {
  // Two mutating calls at once, three read-only ones; `running` and `waiting` are the call's own lane's.
  const l: AdmissionLimits = { maxMutatingInFlight: 2, maxReadInFlight: 3, maxQueued: 2, maxWaitMs: 1000, maxLagMs: 100, maxAgeMs: 5000, maxUtilization: 0.9 };
  const calm: AdmissionState = { class: 'api', lane: 'mutating', arrivals: 100, running: 0, waiting: 0, lagMs: 0, utilization: 0.6 };
  const read = { lane: 'read-only' } as const;
  const rows: [string, Partial<AdmissionState>, string, RegExp?][] = [
    ['a calm server admits', {}, 'admit'],
    ['up to the mutating lane\'s limit', { running: 1 }, 'admit'],
    ['past it the mutating call waits', { running: 2 }, 'wait', /no turn within 1000 ms/],
    ['a read-only call has its own, larger limit', { ...read, running: 2 }, 'admit'],
    ['past the read-only limit a read waits', { ...read, running: 3 }, 'wait'],
    ['behind others waiting, a call waits even below its limit', { running: 1, waiting: 1 }, 'wait'],
    ['the lane\'s queue full: refused', { running: 2, waiting: 2 }, 'refuse', /2 mutating calls are already waiting/],
    ['the read lane\'s queue full: refused', { ...read, running: 3, waiting: 2 }, 'refuse', /2 read-only calls are already waiting/],
    ['a late loop refuses a read at once, whatever the count', { ...read, lagMs: 101 }, 'refuse', /101 ms behind/],
    ['a late loop admits a mutating call while its lane has room (the reads are shed)', { lagMs: 5000, running: 1 }, 'admit'],
    ['a late loop refuses a mutating call whose lane is full', { lagMs: 101, running: 2 }, 'refuse', /101 ms behind/],
    ['a late loop refuses a mutating call behind others waiting', { lagMs: 101, running: 1, waiting: 1 }, 'refuse', /101 ms behind/],
    ['at the lag bound itself, a read is admitted', { ...read, lagMs: 100 }, 'admit'],
    ['a late loop with few calls arriving is not their doing: admitted', { ...read, lagMs: 5000, arrivals: SHEDDING_RATE - 1 }, 'admit'],
    ['a late loop that was mostly idle (the machine short of CPU): admitted', { ...read, lagMs: 5000, utilization: 0.3 }, 'admit'],
    ['a saturated loop admits what it can run now', { utilization: 0.99, running: 1 }, 'admit'],
    ['a saturated loop refuses a call that would wait', { utilization: 0.99, running: 2 }, 'refuse', /busy 99%/],
    ['a call made long ago, on a server with calls arriving, is refused', { ageMs: 5001 }, 'refuse', /made 5 s ago/],
    ['the same for a read', { ...read, ageMs: 5001 }, 'refuse', /made 5 s ago/],
    ['at the age bound itself, admitted', { ageMs: 5000 }, 'admit'],
    ['an old call with few calls arriving (a slow link): admitted', { ageMs: 60_000, arrivals: SHEDDING_RATE - 1 }, 'admit'],
    // Session 11's reads served 20-28 s late: the loop waiting (on its store's worker, or for the CPU) read
    // its backlog with utilisation under BUSY_SHARE, and the age rule, which then asked for a busy loop, let them in.
    ['an old call to a mostly idle loop (starved, or waiting on its store): refused', { ageMs: 6000, utilization: 0.3 }, 'refuse', /made 6 s ago/],
    ['a call whose caller\'s deadline has passed: refused', { leftMs: -5 }, 'refuse', /deadline passed 5 ms ago/],
    ['... even with few calls arriving', { leftMs: 0, arrivals: 1 }, 'refuse', /deadline passed/],
    ['a call with time left is admitted', { leftMs: 10 }, 'admit'],
    ['a call that would wait waits no longer than its deadline', { running: 2, leftMs: 300 }, 'wait', /before its caller's deadline/],
    ['... nor past its age bound', { running: 2, ageMs: 4800 }, 'wait', /within 5 s of the call's making/],
    ['a machine is admitted through a late loop', { class: 'machine', lagMs: 5000 }, 'admit'],
    ['a machine is admitted however old its call, or past its deadline', { class: 'machine', ageMs: 60_000, leftMs: -1 }, 'admit'],
    ['a machine is admitted past every count', { class: 'machine', running: 9, waiting: 9, utilization: 1 }, 'admit'],
  ];
  for (const [name, s, verdict, why] of rows) {
    const d = decideAdmission({ ...calm, ...s }, l);
    t.equal(d.verdict, verdict, name);
    if (why) t.match(d.verdict !== 'admit' && d.why, why, `${name}: says why`);
  }
  const waitFor = (s: Partial<AdmissionState>) => {
    const d = decideAdmission({ ...calm, running: 2, ...s }, l);
    return d.verdict === 'wait' ? d.forMs : undefined;
  };
  t.equal(waitFor({}), 1000, 'a waiter waits maxWaitMs');
  t.equal(waitFor({ leftMs: 300 }), 300, 'or until its deadline');
  t.equal(waitFor({ ageMs: 4800 }), 200, 'or until its age bound');
  t.equal(waitFor({ ageMs: 4800, arrivals: SHEDDING_RATE - 1 }), 1000, 'the age bound only with calls arriving');
});

t.test('the lane of an action, by table', async (t) => {
  const rows: [string | undefined, string][] = [
    ['RunTask', 'mutating'], ['StartTask', 'mutating'], ['StopTask', 'mutating'], ['RegisterTaskDefinition', 'mutating'],
    ['CreateService', 'mutating'], ['UpdateService', 'mutating'], ['DeleteCluster', 'mutating'], ['TagResource', 'mutating'],
    ['PutMetricData', 'mutating'], ['SubmitTaskStateChange', 'mutating'], ['AssumeRole', 'mutating'], ['CreateAccessKey', 'mutating'],
    ['DescribeTasks', 'read-only'], ['ListTasks', 'read-only'], ['ListTagsForResource', 'read-only'], ['GetCallerIdentity', 'read-only'],
    ['GetSecretValue', 'read-only'], ['BatchGetSecretValue', 'read-only'], ['FilterLogEvents', 'read-only'], ['GetMetricData', 'read-only'],
    ['DiscoverPollEndpoint', 'read-only'], ['TestEventPattern', 'read-only'], ['SimulatePrincipalPolicy', 'read-only'],
    // A verb is a whole word: these only start with a read's letters.
    ['Listen', 'mutating'], ['Getaway', 'mutating'], ['Describes', 'mutating'],
    // Not known when it takes its turn (a query request's action is in its body): mutating.
    [undefined, 'mutating'], ['', 'mutating'],
  ];
  for (const [action, lane] of rows) t.equal(laneOf(action), lane, String(action));
});

t.test('lateness, by table: the rule at arrival, at the turn and at the handler', async (t) => {
  const l = DEFAULT_ADMISSION;
  t.equal(lateness({ class: 'api', arrivals: 100 }, l), undefined, 'nothing known: serve it');
  t.equal(lateness({ class: 'api', arrivals: 100, ageMs: 4999, leftMs: 1 }, l), undefined, 'young, deadline ahead');
  t.match(lateness({ class: 'api', arrivals: 100, ageMs: 5001 }, l), /made 5 s ago/);
  t.equal(lateness({ class: 'api', arrivals: 1, ageMs: 50_000 }, l), undefined, 'a lone old call on a calm server (a slow link)');
  t.match(lateness({ class: 'api', arrivals: 1, leftMs: -1 }, l), /deadline passed/, 'its caller has given up, calm server or not');
  t.equal(lateness({ class: 'machine', arrivals: 100, ageMs: 50_000, leftMs: -1 }, l), undefined, 'a machine never');
});

t.test('the gate reads the loop: API calls refused while it is late, machines admitted, admitted again once it keeps up', async (t) => {
  let load: LoadSignals = { lagMs: 0, utilization: 0 };
  const gate = new AdmissionGate({ ...DEFAULT_ADMISSION, maxLagMs: 50 }, () => load);
  (await gate.admit(READ))();
  load = { lagMs: 400, utilization: 1 };
  for (let i = 0; i < SHEDDING_RATE - 2; i++) (await gate.admit(READ))();
  t.equal(gate.refused, 0, 'a few calls through a late loop are admitted');
  const e = await refusal(gate.admit(READ));
  t.equal(e.ecsName, 'ThrottlingException');
  t.match(e.message, /Rate exceeded.*400 ms behind.*retry with backoff/);
  const mutating = await gate.admit(MUTATING);
  t.equal(gate.running('mutating'), 1, 'a mutating call with room in its lane is admitted through the late loop');
  const machine = await gate.admit(MACHINE);
  t.equal(gate.running(), 2, 'the machine runs, outside both lanes');
  t.equal(gate.running('read-only') + gate.running('mutating'), 1);
  machine();
  mutating();
  load = { lagMs: 0, utilization: 0.5 };
  (await gate.admit(READ))();
  t.equal(gate.refused, 1);
  t.equal(gate.running(), 0);
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
  const gate = new AdmissionGate(limits(2, { maxQueued: 2, maxWaitMs: 60_000 }));
  const first = await gate.admit();
  await gate.admit();
  const order: string[] = [];
  const third = gate.admit().then((release) => (order.push('third'), release));
  const fourth = gate.admit().then((release) => (order.push('fourth'), release));
  t.equal(gate.waiting(), 2);
  const fifth = await refusal(gate.admit());
  t.equal(fifth.ecsName, 'ThrottlingException');
  t.match(fifth.message, /Rate exceeded/);
  t.equal(gate.refused, 1);

  first();
  first(); // a second release of the same call frees nothing more
  const releaseThird = await third;
  t.same(order, ['third'], 'one release, one turn: the first waiter');
  t.equal(gate.running(), 2);
  t.equal(gate.waiting(), 1);
  releaseThird();
  (await fourth)();
  t.same(order, ['third', 'fourth']);
  t.equal(gate.running(), 1, 'only the second call still runs');
});

t.test('a call that waits longer than maxWaitMs is refused and leaves the queue', async (t) => {
  const gate = new AdmissionGate(limits(1, { maxQueued: 5, maxWaitMs: 10 }));
  const holder = await gate.admit();
  const e = await refusal(gate.admit());
  t.equal(e.ecsName, 'ThrottlingException');
  t.match(e.message, /no turn within 10 ms/);
  t.equal(gate.waiting(), 0);
  holder();
  t.equal(gate.running(), 0, 'the turn is not handed to the refused call');
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
  const gate = new AdmissionGate(limits(1, { maxQueued: 10, maxWaitMs: 60_000 }));
  const server = new grpc.Server();
  server.addService(grpcServiceDefinition(ECS_API), grpcHandlers(table, {
    scope: () => ({ resources: ['*'], context: {} }), authorize: () => {}, observers: [], admit: (ticket) => gate.admit(ticket),
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
    scope: () => ({ resources: ['*'], context: {} }), authorize: () => {}, observers: [], admit: (ticket) => gate.admit(ticket),
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
  // A loop that is mostly waiting: a call's age counts all the same (only a lone call is let through).
  const gate = new AdmissionGate({ ...DEFAULT_ADMISSION, maxAgeMs: 5000 }, () => ({ lagMs: 0, utilization: 0.1 }));
  const server = new grpc.Server();
  const def = grpcServiceDefinition(ECS_API);
  server.addService(def, grpcHandlers(table, {
    scope: () => ({ resources: ['*'], context: {} }), authorize: () => {}, observers: [], admit: (ticket) => gate.admit(ticket),
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
  t.match(await old, new RegExp(`^${grpc.status.RESOURCE_EXHAUSTED} .*Rate exceeded.*made (19|20|21) s ago`), 'made 20 s before it was read: refused');
  t.equal(await call(Date.now()), 'ok', 'the next fresh call on the connection');
  t.equal(gate.refused, 1);
});

t.test('over gRPC: a flood of reads fills the read lane and is refused, and a RunTask in the middle of it is admitted and served', async (t) => {
  let open!: () => void;
  const blocked = new Promise<void>((r) => (open = r));
  const runs = { DescribeTasks: 0, RunTask: 0 };
  const table: ActionTable = {
    api: ECS_API,
    handlers: {
      // Every read holds its turn until the test lets them go: the read lane stays full.
      DescribeTasks: async () => {
        runs.DescribeTasks++;
        await blocked;
        return { tasks: [], failures: [] };
      },
      RunTask: async () => (runs.RunTask++, { tasks: [], failures: [] }),
    },
  };
  // The loop reads late and busy while the flood lasts (a fake signal: the flood here is too small to
  // make a real loop late on every machine): reads are refused for it, a mutating call with room is not.
  let load: LoadSignals = { lagMs: 0, utilization: 0 };
  const gate = new AdmissionGate({ ...DEFAULT_ADMISSION, maxMutatingInFlight: 2, maxReadInFlight: 4, maxQueued: 10, maxWaitMs: 120_000 }, () => load);
  const server = new grpc.Server();
  server.addService(grpcServiceDefinition(ECS_API), grpcHandlers(table, {
    scope: () => ({ resources: ['*'], context: {} }), authorize: () => {}, observers: [], admit: (ticket) => gate.admit(ticket), late: (ticket, at) => gate.lateRefusal(ticket, at),
  }));
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', serverCredentials(), (e, p) => (e ? reject(e) : resolve(p))));
  const client = new BerthClient(`127.0.0.1:${port}`, { deadlineMs: 120_000, throttledRetries: 0 });
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  const settled = { ok: 0, throttled: 0, other: [] as string[] };
  const read = () => client.call('DescribeTasks', { tasks: ['t'] }).then(
    () => void settled.ok++,
    (e: BerthError) => void (e.ecsName === 'ThrottlingException' ? settled.throttled++ : settled.other.push(e.message)),
  );
  // 1,000 reads: 4 run, 10 wait, the rest are refused at once (lane full and its queue full).
  const reads = Array.from({ length: 1000 }, read);
  while (settled.throttled + settled.other.length < 1000 - 14) await new Promise((r) => setTimeout(r, 5));
  t.same({ ...settled, running: gate.running('read-only'), waiting: gate.waiting('read-only') }, { ok: 0, throttled: 986, other: [], running: 4, waiting: 10 }, 'the read lane: full, its queue full, the rest refused');
  t.same(await client.call('RunTask', { taskDefinition: 'web' }), { tasks: [], failures: [] }, 'a RunTask behind 1,000 reads: served');
  t.equal(runs.RunTask, 1);

  // Now the loop runs late, busy with the flood: 500 more reads are refused for it, and RunTasks are
  // still admitted (their lane has room).
  load = { lagMs: 2000, utilization: 1 };
  const more = Array.from({ length: 500 }, read);
  const runTasks = await Promise.all(Array.from({ length: 3 }, () => client.call('RunTask', { taskDefinition: 'web' }).then(() => 'ok', (e: BerthError) => e.ecsName)));
  while (settled.throttled + settled.other.length < 1500 - 14) await new Promise((r) => setTimeout(r, 5));
  t.same(runTasks, ['ok', 'ok', 'ok'], 'RunTasks admitted through the late loop');
  t.equal(runs.RunTask, 4);
  t.equal(runs.DescribeTasks, 4, 'no read more got to work');
  t.same(settled, { ok: 0, throttled: 1486, other: [] });
  load = { lagMs: 0, utilization: 0 };
  open();
  await Promise.all([...reads, ...more]);
  t.same(settled, { ok: 14, throttled: 1486, other: [] }, 'the reads that ran and waited are served once let go');
  t.equal(gate.refused, 1486);
});

t.test('a call whose caller\'s deadline has passed is refused, at its arrival or before its handler, and its handler never runs', async (t) => {
  let runs = 0;
  const table: ActionTable = { api: ECS_API, handlers: { RunTask: async () => (runs++, { tasks: [], failures: [] }) } };
  const gate = new AdmissionGate();
  const hooks = { scope: () => ({ resources: ['*'], context: {} }), authorize: () => {}, observers: [], admit: (ticket: Ticket) => gate.admit(ticket), late: (ticket: Ticket, at: number) => gate.lateRefusal(ticket, at) };
  const call = (deadline: number, authenticate: () => Promise<never> | Promise<{ kind: 'anonymous'; reason: string }>) => runCall(table, hooks, {
    transport: 'grpc', peer: 'test', lane: 'mutating', deadline, authenticate, decode: () => ({ action: 'RunTask', request: { taskDefinition: 'web' } }),
  });
  const anonymous = async () => ({ kind: 'anonymous' as const, reason: 'test' });
  const gone = await call(Date.now() - 1, anonymous);
  t.match('error' in gone && gone.error, { name: 'ThrottlingException', message: /deadline passed/ }, 'past its deadline on arrival: refused');
  // Its deadline passes while it is authenticated (a slow store read, say): refused before the handler.
  const deadline = Date.now() + 20;
  const slow = await call(deadline, async () => {
    while (Date.now() <= deadline) await new Promise((r) => setTimeout(r, 5));
    return anonymous();
  });
  t.match('error' in slow && slow.error, { name: 'ThrottlingException', message: /deadline passed/ }, 'its deadline passed before its handler: refused');
  t.equal(runs, 0, 'neither ran');
  const inTime = await call(Date.now() + 60_000, anonymous);
  t.notOk('error' in inTime, 'a call with time left is served');
  t.equal(runs, 1);
  t.equal(gate.refused, 2);
  t.equal(gate.running(), 0, 'every turn given back');
});

t.test('a call waiting for its turn waits no longer than its caller\'s deadline', async (t) => {
  const gate = new AdmissionGate(limits(1, { maxWaitMs: 60_000 }));
  const holder = await gate.admit(MUTATING);
  const e = await refusal(gate.admit({ ...MUTATING, deadline: Date.now() + 20 }));
  t.match(e.message, /no turn before its caller's deadline/);
  t.equal(gate.waiting(), 0);
  holder();
  t.equal(gate.running(), 0);
});
