// Two control-plane replicas on one etcd (a private one: the services controller sweeps INACTIVE services
// store-wide, and leadership is per store). One of them wins the election and runs the services controller
// (the other serves the API); either way the launch transaction compares and writes the service record,
// so no loop starts more tasks than desired, through a scale-up and a rolling update. A simulated agent (applyTaskReport, as the dispatcher
// does) moves the tasks; no Docker.
import t from 'tap';
import { BerthClient } from '@berth/api';
import { startPrivateEtcd } from '@berth/store';
import type { Service } from '@berth/core';
import { startServer, silentLogger, sessionKey } from '../src/index.js';
import { applyTaskReport } from '../src/dispatch/task-reports.js';
import { tasksOf, uniq, sleep, until } from './helpers.js';

const etcd = await startPrivateEtcd();
const services = { settleSeconds: 0.3, throttleBaseSeconds: 0.2, throttleMaxSeconds: 1, resyncSeconds: 1 };
const a = await startServer({ insecure: true, listen: '127.0.0.1:0', store: `etcd://${etcd.endpoint}`, log: silentLogger, services });
const b = await startServer({ insecure: true, listen: '127.0.0.1:0', store: `etcd://${etcd.endpoint}`, log: silentLogger, services });
const client = new BerthClient(`${a.addr},${b.addr}`);
const { store } = a.ctx;
t.equal([a, b].filter((x) => x.leader.isLeader).length, 1, 'exactly one replica runs the controllers');
let stopAgent = false;
t.teardown(async () => {
  stopAgent = true;
  client.close();
  await a.close();
  await b.close();
  await etcd.stop();
});

const cluster = uniq('etcd-svc');
const family = uniq('web');
await client.call('CreateCluster', { clusterName: cluster });
for (const image of ['busybox:1', 'busybox:2']) {
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image, memory: 32 }] });
}
const { containerInstance } = await client.call('RegisterContainerInstance', {
  cluster,
  totalResources: [
    { name: 'CPU', type: 'INTEGER', integerValue: 8192 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 8192 },
    { name: 'PORTS', type: 'STRINGSET', stringSetValue: [] }, { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
  ],
});
const instance = containerInstance!.containerInstanceArn!.split('/').pop()!;
await store.put(sessionKey(instance), JSON.stringify({ sessionId: 'sim' }));
// The simulated agent: PENDING -> RUNNING, asked to stop -> STOPPED.
void (async () => {
  const counters = new Map<string, number>();
  while (!stopAgent) {
    try {
      for (const r of await tasksOf(store, cluster)) {
        if (r.task.lastStatus === 'STOPPED') continue;
        const lastStatus = r.task.desiredStatus === 'STOPPED' ? 'STOPPED' : r.task.lastStatus === 'PENDING' ? 'RUNNING' : undefined;
        if (!lastStatus) continue;
        const counter = (counters.get(r.id) ?? 0) + 1;
        counters.set(r.id, counter);
        await applyTaskReport(a.ctx, instance, { taskArn: r.task.taskArn!, counter, lastStatus, containers: [{ containerName: 'app', status: lastStatus }] });
      }
    } catch {
      /* the store closes at teardown */
    }
    await sleep(30);
  }
})();

const live = async () => (await tasksOf(store, cluster)).filter((r) => r.task.lastStatus !== 'STOPPED' && r.task.desiredStatus !== 'STOPPED');
const describe = async (): Promise<Service> => (await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!;
const stable = (n: number) => until(`stable at ${n}`, async () => {
  const s = await describe();
  return s.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === n ? s : undefined;
});

t.test('two replicas, two loops: never more tasks than maximumPercent allows', async (t) => {
  let most = 0;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      most = Math.max(most, (await live()).length);
      await sleep(20);
    }
  })();
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: `${family}:1`, desiredCount: 6, deploymentConfiguration: { maximumPercent: 150, minimumHealthyPercent: 50 } });
  await stable(6);
  t.equal(most, 6, 'scale-up: exactly the desired count');
  most = 0;
  await client.call('UpdateService', { cluster, service: 'web', taskDefinition: family });
  const s = await stable(6);
  watching = false;
  await watcher;
  t.ok(most <= 9, `rolling update within maximumPercent 150 (most ${most})`);
  t.match(s.taskDefinition, new RegExp(`${family}:2$`));
  t.equal((await live()).length, 6);
});
