// Admission of calls (admission.ts): at most maxInFlight run, at most maxQueued wait (in order) and for at
// most maxWaitMs, the rest are answered at once with ThrottlingException; over gRPC the refusal is
// RESOURCE_EXHAUSTED with that name, and a flood past the limit is answered rather than left to the
// clients' deadlines (whose stream resets would make nghttp2 close the whole connection).
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { BerthError, ECS_API } from '@berth/core';
import { AdmissionGate, BerthClient, grpcHandlers, grpcServiceDefinition, serverCredentials, type ActionTable } from '../src/index.js';

const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e as BerthError);

t.test('past maxInFlight calls wait in order; past maxQueued they are refused at once', async (t) => {
  const gate = new AdmissionGate({ maxInFlight: 2, maxQueued: 2, maxWaitMs: 60_000 });
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
  const gate = new AdmissionGate({ maxInFlight: 1, maxQueued: 5, maxWaitMs: 10 });
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
  const gate = new AdmissionGate({ maxInFlight: 1, maxQueued: 10, maxWaitMs: 60_000 });
  const server = new grpc.Server();
  server.addService(grpcServiceDefinition(ECS_API), grpcHandlers(table, {
    scope: () => ({ resources: ['*'], context: {} }), authorize: () => {}, observers: [], admit: () => gate.admit(),
  }));
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', serverCredentials(), (e, p) => (e ? reject(e) : resolve(p))));
  const client = new BerthClient(`127.0.0.1:${port}`, { deadlineMs: 120_000 });
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

