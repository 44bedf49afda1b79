// Issue 16 §8: a neighbour on the machine replays a gRPC request. From inside a task in `host` network
// mode, busybox `nc` sends the bytes of a captured CreateCluster call to the control plane on 127.0.0.1:
// refused (nothing is created) by a server that authenticates, and (to show the capture is a working
// request) obeyed by a server run --insecure, which is why that mode is for development only.
import t from 'tap';
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import {
  IMAGE, adminClient, agentJoinToken, connectedInstances, freePort, removeContainersWithLabel, spawnAgent, startControlPlane, tmp, until, waitForTask,
} from './e2e-helpers.js';

const work = tmp('berth-replay-e2e-');
const config = join(work.dir, 'config.yaml');
const secure = await startControlPlane({ store: `file:${join(work.dir, 'secure.db')}`, port: await freePort(), insecure: false, bootstrapConfig: config });
const open = await startControlPlane({ store: `file:${join(work.dir, 'open.db')}`, port: await freePort(), insecure: true });
const admin = adminClient(config);
const openClient = new BerthClient(open.addr);
const cluster = `replay-${process.pid}`;
const target = `replayed-${process.pid}`;
let agent: ReturnType<typeof spawnAgent> | undefined;
t.teardown(async () => {
  agent?.child.kill('SIGKILL');
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  admin.close();
  openClient.close();
  await secure.close();
  await open.close();
  work.cleanup();
});

/** The bytes a client sends for one CreateCluster call, captured by a proxy in front of the --insecure server. */
async function capture(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const [openHost, openPort] = open.addr.split(':') as [string, string];
  const sockets: Socket[] = [];
  const proxy = createServer((client) => {
    const upstream = createConnection(Number(openPort), openHost);
    sockets.push(client, upstream);
    client.on('data', (d: Buffer) => {
      chunks.push(d);
      upstream.write(d);
    });
    upstream.on('data', (d) => client.write(d));
    client.on('error', () => {});
    upstream.on('error', () => {});
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const { port } = proxy.address() as { port: number };
  const c = new BerthClient(`127.0.0.1:${port}`);
  await c.call('CreateCluster', { clusterName: target });
  c.close();
  for (const s of sockets) s.destroy();
  await new Promise((r) => proxy.close(r));
  // Gone again, so that only a replay can bring it back.
  await openClient.call('DeleteCluster', { cluster: target });
  return Buffer.concat(chunks);
}

t.test('a captured call replayed from a host-network task: refused with authentication, obeyed without', async (t) => {
  const request = await capture();
  t.ok(request.length > 24, 'an HTTP/2 connection preface and the call');
  t.equal((await openClient.call('DescribeClusters', { clusters: [target] })).clusters?.[0]?.status, 'INACTIVE');

  await admin.call('CreateCluster', { clusterName: cluster });
  agent = spawnAgent({ ECS_CLUSTER: cluster, BERTH_SERVER: secure.addr, ECS_RESERVED_MEMORY: '0', BERTH_JOIN_TOKEN: await agentJoinToken(admin, cluster) });
  await until('the agent connected', async () => (await connectedInstances(admin, cluster)).length === 1 || undefined, 60_000);
  const port = (addr: string) => addr.split(':').pop();
  const replay = (p: string | undefined) => `echo "$REQUEST" | base64 -d | nc -w 3 127.0.0.1 ${p} >/dev/null; echo "replayed to ${p}"`;
  await admin.call('RegisterTaskDefinition', {
    family: `replay-${process.pid}`, networkMode: 'host',
    containerDefinitions: [{
      name: 'neighbour', image: IMAGE, memory: 16, essential: true,
      environment: [{ name: 'REQUEST', value: request.toString('base64') }],
      command: ['/bin/sh', '-c', `${replay(port(secure.addr))}; ${replay(port(open.addr))}`],
    }],
  });
  const run = await admin.call('RunTask', { cluster, taskDefinition: `replay-${process.pid}` });
  const stopped = await waitForTask(admin, cluster, run.tasks![0]!.taskArn!, 'STOPPED', 60_000);
  t.equal(stopped.containers?.[0]?.exitCode, 0, 'the neighbour ran its replays');

  const onSecure = await admin.call('DescribeClusters', { clusters: [target] });
  t.same(onSecure.clusters ?? [], [], 'the server that authenticates created nothing');
  t.equal(onSecure.failures?.[0]?.reason, 'MISSING');
  await until('the --insecure server obeyed the same bytes', async () =>
    (await openClient.call('DescribeClusters', { clusters: [target] })).clusters?.[0]?.status === 'ACTIVE' || undefined, 10_000);
  t.pass('the capture is a working request: the --insecure server created the cluster again');
});
