// The control plane's in-memory maps shrink when what they track goes: after N services are created and
// deleted and N instances join, connect their agent and are deregistered (and retention has removed
// them from the store), every map keyed by service, instance, cluster or session (the services
// controller, the cluster counts, the instance informer, agent connectivity, the dispatcher's sessions, the
// event streams) is back to the size it had before.
import t from 'tap';
import { startTestServer, uniq, until } from './helpers.js';
import type { ChannelTls } from '@berth/api';
import { connectAgent, joinAgent, type AgentStream } from './agent-stream.js';

// DescribeServices takes 10 at a time.
const N = 10;
// The agents join with a token as real ones do (the join rate raised: they all come from loopback at once).
const joinRate = { burst: 100, perSecond: 100 };
const ts = await startTestServer({
  server: {
    taskRetentionSeconds: 0, services: { inactiveRetentionSeconds: 0, resyncSeconds: 1, settleSeconds: 1 },
    fleet: { joinRateLimit: { perSource: joinRate, overall: joinRate } },
  },
});
t.teardown(() => ts.close());
const { client } = ts;

const cluster = uniq('mem');
await client.call('CreateCluster', { clusterName: cluster });
const resources = [
  { name: 'CPU', type: 'INTEGER', integerValue: 4096 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 8192 },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: [] }, { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
];
const register = () => joinAgent(ts.server, client, cluster, resources);
/** An agent that keeps up: it runs what it is given (reports RUNNING) and stops what it is told to (STOPPED). */
async function agentFor({ tls, containerInstanceArn }: { tls: ChannelTls; containerInstanceArn: string }): Promise<AgentStream> {
  const a = connectAgent(ts.server.addr, tls);
  a.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn } });
  if (!('welcome' in (await a.next()))) throw new Error('no welcome');
  const reported = new Map<string, 'RUNNING' | 'STOPPED'>();
  void (async () => {
    for (;;) {
      const m = await a.next();
      if (!('assignments' in m)) continue;
      for (const { task } of m.assignments.tasks) {
        const want = task.desiredStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING';
        if (reported.get(task.taskArn!) === want || reported.get(task.taskArn!) === 'STOPPED') continue;
        reported.set(task.taskArn!, want);
        a.send({ report: { taskArn: task.taskArn!, counter: want === 'RUNNING' ? 1 : 2, lastStatus: want, containers: [] } });
      }
    }
  })();
  return a;
}
await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', cpu: 1, memory: 6 }] });
// One instance stays, with its agent: the services' tasks land there.
const base = await agentFor(await register());
t.teardown(() => base.cancel());

const footprint = () => ts.server.memoryFootprint();
/** No map changes for 1.5 s (longer than the cluster counts' flush period). */
const settled = async () => {
  let last = JSON.stringify(footprint());
  await until('the maps settle', async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const now = JSON.stringify(footprint());
    const same = now === last;
    last = now;
    return same;
  });
};

/** N services created and deleted, N instances joined, connected and deregistered; resolves once they have left the store. */
async function round(n: number, tag: string): Promise<void> {
  const services = Array.from({ length: n }, (_, i) => `${tag}-${i}`);
  for (const serviceName of services) await client.call('CreateService', { cluster, serviceName, taskDefinition: cluster, desiredCount: 2 });
  await until('the services run their tasks', async () => {
    const d = await client.call('DescribeServices', { cluster, services });
    return d.services!.every((s) => s.runningCount === 2) || undefined;
  });
  const agents: AgentStream[] = [];
  const arns: string[] = [];
  for (let i = 0; i < n; i++) {
    const joined = await register();
    arns.push(joined.containerInstanceArn);
    agents.push(await agentFor(joined));
  }
  await until('every agent is connected', () => ts.server.dispatcher.size === n + 1);
  for (const service of services) await client.call('DeleteService', { cluster, service, force: true });
  for (const containerInstance of arns) await client.call('DeregisterContainerInstance', { cluster, containerInstance, force: true });
  await until('the deregistered agents are disconnected', () => ts.server.dispatcher.size === 1);
  for (const a of agents) a.cancel();
  await until('the services left the store', async () => (await client.call('DescribeServices', { cluster, services })).failures!.length === n || undefined);
  await until('the instances left the store', async () => (await client.call('DescribeContainerInstances', { cluster, containerInstances: arns })).failures!.length === n || undefined);
}

t.test(`after ${N} services and ${N} instances come and go, every map is back to its size`, async (t) => {
  // A first round starts what starts lazily (the instance informer) and fills the bounded caches.
  await round(1, 'warm');
  await settled();
  const before = footprint();
  const peak: Record<string, number> = { ...before };
  const sample = setInterval(() => {
    for (const [k, n] of Object.entries(footprint())) peak[k] = Math.max(peak[k] ?? 0, n);
  }, 20);
  t.teardown(() => clearInterval(sample));
  await round(N, 'svc');
  await settled();
  clearInterval(sample);
  t.same(footprint(), before, 'every map is back to its size');
  for (const k of ['services.instanceSeen', 'instances.instances', 'instances.connected', 'dispatcher.sessions']) {
    t.ok(peak[k]! >= before[k]! + N, `${k} did grow meanwhile (${before[k]} -> ${peak[k]})`);
  }
  t.ok(peak['services.wakes']! > before['services.wakes']!, 'the services had wake-ups meanwhile');
});
