// dockerd restarted under a running agent, end to end: a real control plane, a real berth-agent process
// pointed (DOCKER_HOST) at a second, real dockerd that this test starts, stops and starts again. That
// dockerd's bridge shows no IPAM Gateway at first (as on a fresh machine), so the task metadata endpoint
// must take the bridge interface's address; the restart recreates the bridge with another address, which
// the endpoint must follow. A service of 2 tasks: when dockerd comes back, the agent reconciles at once (the
// old tasks STOPPED with their exit codes, not RUNNING with no container until the 5-minute poll), and the
// service is back at 2 running tasks with 2 containers.
import os from 'node:os';
import t, { type Test } from 'tap';
import { BerthClient } from '@berth/api';
import type { Task } from '@berth/core';
import { bridgeGateway } from '../src/endpoints/index.js';
import {
  IMAGE, connectedInstances, spawnAgent, startControlPlane, tmp, until, type AgentProcess,
} from './e2e-helpers.js';
import { SecondDockerd } from './second-dockerd.js';

const dd = await SecondDockerd.start();
const listedByNode = os.networkInterfaces()[dd.bridge] !== undefined;
const work = tmp('berth-dockerd-restart-');
const server = await startControlPlane({ store: `file:${work.dir}/berth.db`, port: 0, services: { settleSeconds: 1, resyncSeconds: 2 } });
const client = server.client();
const cluster = `dockerd-restart-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });
const agent: AgentProcess = spawnAgent({ ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ...server.joinEnv, DOCKER_HOST: dd.host, ECS_RESERVED_MEMORY: '0' });
t.teardown(async () => {
  agent.child.kill('SIGKILL');
  (await import('node:fs')).writeFileSync('/tmp/agent-e2e-agentlog.txt', agent.logs.join('\n'));
  client.close();
  await server.close();
  await dd.close(); // its containers go with it
  work.cleanup();
});
await until('agent connected', async () => (await connectedInstances(client, cluster)).length === 1 || undefined, 60_000);

const family = `restart-${process.pid}`;
// PID 1 ignores SIGTERM, so dockerd's shutdown kills it after its 10 s stop timeout: the die events come
// when the API socket is long gone (and idle keep-alive connections to it closed), as with most services.
await client.call('RegisterTaskDefinition', {
  family,
  containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, essential: true, command: ['/bin/sh', '-c', 'while true; do sleep 0.2; done'] }],
});
await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 2 });

async function serviceTasks(): Promise<Task[]> {
  const arns = (await client.call('ListTasks', { cluster, serviceName: 'web', desiredStatus: 'RUNNING' })).taskArns ?? [];
  return arns.length ? (await client.call('DescribeTasks', { cluster, tasks: arns })).tasks ?? [] : [];
}
/** Running containers of the family in the second dockerd. */
const runningContainers = (): string[] => dd.docker('ps', '-q', '--filter', `label=com.amazonaws.ecs.task-definition-family=${family}`).split('\n').filter(Boolean);
const twoRunning = (what: string) => until(what, async () => {
  const ts = await serviceTasks();
  return ts.length === 2 && ts.every((x) => x.lastStatus === 'RUNNING') && runningContainers().length === 2 ? ts : undefined;
}, 60_000);
const envOf = (id: string): Record<string, string> =>
  Object.fromEntries((JSON.parse(dd.docker('inspect', id))[0].Config.Env as string[]).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
/** Each running container reads its own task from the metadata endpoint at its env's URI, on `gateway`. */
function readsItsTask(t: Test, gateway: string): void {
  for (const id of runningContainers()) {
    const uri = envOf(id).ECS_CONTAINER_METADATA_URI_V4;
    t.match(uri, new RegExp(`^http://${gateway.replace(/\./g, '\\.')}:\\d+/v4/`), 'the URI is on the bridge address');
    const task = JSON.parse(dd.docker('exec', id, '/bin/sh', '-c', 'wget -qO- "$ECS_CONTAINER_METADATA_URI_V4/task"'));
    t.equal(task.Family, family, 'read from inside the container');
  }
}

const first = await twoRunning('the service at 2 running');

t.test('a bridge whose IPAM shows no gateway: the endpoint is on the bridge interface address', async (t) => {
  const ipam = JSON.parse(dd.docker('network', 'inspect', 'bridge'))[0].IPAM.Config;
  t.notOk(ipam.some((c: { Gateway?: string }) => c.Gateway), 'dockerd shows only the subnet (the case under test)');
  t.notOk(listedByNode, 'when the agent started, the bridge had no carrier: Node did not list it');
  const gw = await bridgeGateway(dd.client);
  t.ok(gw, 'an address');
  t.equal(gw, dd.bridgeAddress(), "the bridge interface's own address");
  readsItsTask(t, gw!);
});

t.test('dockerd restarted (bridge recreated): tasks reconciled at once, the service recovers, the endpoint follows the bridge', async (t) => {
  const oldGateway = await bridgeGateway(dd.client);
  await dd.stop(); // the socket goes, then the containers are stopped
  dd.recreateBridge();
  await dd.restart();
  const back = Date.now();

  const stopped = await until('the old tasks STOPPED', async () => {
    const ts = (await client.call('DescribeTasks', { cluster, tasks: first.map((x) => x.taskArn!) })).tasks ?? [];
    return ts.every((x) => x.lastStatus === 'STOPPED') ? ts : undefined;
  }, 60_000);
  // The periodic poll is 5 min ± 30 s: reconciled long before it.
  t.ok(Date.now() - back < 60_000, `reconciled ${Math.round((Date.now() - back) / 1000)} s after dockerd was back`);
  for (const x of stopped) t.equal(typeof x.containers![0]!.exitCode, 'number', `task ${x.taskArn!.slice(-6)}: its exit code`);
  t.ok(agent.logs.some((l) => l.includes('Docker connection back; reconciling every task with Docker')));

  await twoRunning('the service back at 2 running, with 2 containers');
  const newGateway = await bridgeGateway(dd.client);
  t.not(newGateway, oldGateway, 'the bridge has another address');
  t.equal(newGateway, dd.bridgeAddress());
  await until('the endpoint moved', async () => agent.logs.some((l) => l.includes('the task metadata endpoint follows it') && l.includes(newGateway!)) || undefined);
  readsItsTask(t, newGateway!);
});
