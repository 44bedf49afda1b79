// Admission's second look (api/admission.ts decideAtWork), through the real transport: a RunTask that has
// been in a busy server longer than maxQueuedMs when its cluster's batch forms is answered with
// ThrottlingException (gRPC RESOURCE_EXHAUSTED, ECS's name and text), and nothing of it was written: no
// task, no instance resources taken, no clientToken kept (the same call retried later places its task).
// The first batch's transaction is held (a pass-through store on the server's context) so the second call
// waits behind it for as long as the test says.
import t from 'tap';
import { join } from 'node:path';
import { clientForContext, readCliConfig, SHEDDING_RATE } from '@berth/api';
import { resourceAmounts, type RunTaskResponse } from '@berth/core';
import type { Store, TxnRequest } from '@berth/store';
import { machineResources, rejection, startTestServer, uniq } from './helpers.js';
import { sessionKey } from '../src/index.js';
import { getInstance } from '../src/state/instances.js';

const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

t.test('a RunTask too long in a busy server when its batch forms is refused with ThrottlingException, and nothing of it is written', async (t) => {
  const ts = await startTestServer({ server: { admission: { maxQueuedMs: 300 } } });
  t.teardown(() => ts.close());
  // Refusals are what this test reads: a client that does not retry them.
  const admin = readCliConfig(join(ts.dir, 'config.yaml')).contexts[0]!;
  const client = clientForContext({ ...admin, server: ts.server.addr }, { throttledRetries: 0 });
  t.teardown(() => client.close());
  const cluster = uniq('at-work');
  await client.call('CreateCluster', { clusterName: cluster });
  const { containerInstance } = await client.call('RegisterContainerInstance', { cluster, totalResources: machineResources(4096, 1000), versionInfo: { agentVersion: '0.1.0' } });
  const instance = idOf(containerInstance!.containerInstanceArn!);
  const store = ts.server.ctx.store;
  await store.put(sessionKey(instance), JSON.stringify({ sessionId: 'test' }));
  // The connectivity controller records agentConnected on the instance from its watch: once it has, the
  // first call's transaction cannot lose its compare to it (a lost call is placed again, older).
  for (;;) {
    const { containerInstances } = await client.call('DescribeContainerInstances', { cluster, containerInstances: [instance] });
    if (containerInstances?.[0]?.agentConnected) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const family = uniq('fam');
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 100 }] });

  // The server's transactions held while the gate is shut.
  let open = () => {};
  let shut: Promise<void> | undefined;
  const held: TxnRequest[] = [];
  ts.server.ctx.store = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'txn') {
        return async (req: TxnRequest) => {
          if (shut) {
            held.push(req);
            await shut;
          }
          return target.txn(req);
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as Store;
  t.teardown(() => void (ts.server.ctx.store = store));
  shut = new Promise((r) => (open = r));

  const run = (clientToken: string) => client.call('RunTask', { cluster, taskDefinition: family, clientToken });
  const first = run('first');
  while (held.length === 0) await new Promise((r) => setTimeout(r, 5));
  const second = rejection(run('second'));
  // The second waits behind the held batch past its bound, in a server busy with calls.
  await new Promise((r) => setTimeout(r, 400));
  await Promise.all(Array.from({ length: 2 * SHEDDING_RATE }, () => client.call('ListClusters', {})));
  shut = undefined;
  open();

  const firstTasks = ((await first) as RunTaskResponse).tasks ?? [];
  t.equal(firstTasks.length, 1, 'the call whose batch was under way is answered with its task');
  const e = await second;
  t.equal(e.ecsName, 'ThrottlingException', 'the call too long in the server: ECS\'s throttling error');
  t.match(e.message, /^Rate exceeded: the server is at its limit \(the call waited \d+ ms in the server for its turn to be worked on\); retry with backoff\.$/);
  t.ok(ts.server.admission.refused >= 1, 'counted as refused');

  const listed = (await client.call('ListTasks', { cluster })).taskArns ?? [];
  t.same(listed, firstTasks.map((x) => x.taskArn), 'only the first call\'s task is in the store');
  const rec = await getInstance(store, cluster, instance);
  t.equal(resourceAmounts(rec!.value.instance.remainingResources).memory, 900, 'the instance gave memory to one task only');

  // Its clientToken was not kept: the same call, made again, places its task.
  const again = (await run('second')) as RunTaskResponse;
  t.equal(again.tasks?.length, 1, 'retried with the same clientToken, the call places its task');
  t.not(again.tasks?.[0]?.taskArn, firstTasks[0]?.taskArn);
  t.equal(((await client.call('ListTasks', { cluster })).taskArns ?? []).length, 2);
});
