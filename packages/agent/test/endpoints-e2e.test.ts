// The agent's local endpoints end to end: a real control plane, two real berth-agent processes on this
// machine (one cluster each) and the real dockerd. Containers in bridge and host mode read their own task
// from inside with busybox wget at $ECS_CONTAINER_METADATA_URI_V4; /stats has Docker's figures; each agent
// serves only its own tasks on its own ports, bound to the bridge gateway and loopback only; introspection
// answers /v1/metadata and /v1/tasks; a taken introspection port is retried; the metadata file becomes READY;
// a restarted agent serves the URIs its running containers were created with.
import { readFileSync, readdirSync, readlinkSync, existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import Docker from 'dockerode';
import t from 'tap';
import { BerthClient } from '@berth/api';
import type { RegisterTaskDefinitionRequest } from '@berth/core';
import { bridgeGateway } from '../src/endpoints/index.js';
import {
  IMAGE, REPO_ROOT, connectedInstances, containersWithLabel, docker, dockerAsync, freePort, listening, removeContainersWithLabel,
  spawnAgent, startControlPlane, tmp, until, waitForTask, type AgentProcess,
} from './e2e-helpers.js';

const work = tmp('berth-endpoints-');
// The server runs in this process while the tests call docker synchronously (inspect, exec): on a loaded
// machine one call blocks the event loop for seconds, past the usual liveness of three 500 ms heartbeats,
// and the server drops the agents. Liveness is not what this file tests: its heartbeats are 5 s apart.
const server = await startControlPlane({
  store: `file:${join(work.dir, 'berth.db')}`, port: await freePort(),
  agents: { heartbeatPeriodMs: 5000, sessionTtlSeconds: 20 },
});
const client = server.client();
const clusterA = `tmds-a-${process.pid}`;
const clusterB = `tmds-b-${process.pid}`;
await client.call('CreateCluster', { clusterName: clusterA });
await client.call('CreateCluster', { clusterName: clusterB });

// Agent B's introspection port is taken when it starts: it must log that, run anyway, and bind later.
const blocker = net.createServer();
await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
const takenPort = (blocker.address() as net.AddressInfo).port;

const agentA = spawnAgent({ ECS_CLUSTER: clusterA, BERTH_SERVER: server.addr, ...server.joinEnv, ECS_ENABLE_CONTAINER_METADATA: 'true', ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION: '1s' });
const agentB = spawnAgent({ ECS_CLUSTER: clusterB, BERTH_SERVER: server.addr, ...server.joinEnv, BERTH_INTROSPECTION_ADDR: `127.0.0.1:${takenPort}` });

const agents = [agentA, agentB];
t.teardown(async () => {
  for (const a of agents) a.child.kill('SIGKILL');
  blocker.close();
  for (const c of [clusterA, clusterB]) removeContainersWithLabel(`com.amazonaws.ecs.cluster=${c}`);
  client.close();
  await server.close();
  work.cleanup();
});

await until('both agents connected', async () => ((await connectedInstances(client, clusterA)).length === 1 && (await connectedInstances(client, clusterB)).length === 1) || undefined);

// The bridge address as the agent derives it (IPAM's gateway, else the bridge interface's address).
const gateway = (await bridgeGateway(new Docker()))!;

/** Local addresses of the TCP sockets a process listens on (from /proc: its socket inodes, /proc/net/tcp{,6}). */
function listenSockets(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      /* closed meanwhile */
    }
  }
  const out: string[] = [];
  for (const file of ['tcp', 'tcp6']) {
    const p = `/proc/${pid}/net/${file}`;
    if (!existsSync(p)) continue;
    for (const line of readFileSync(p, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9]!)) continue; // 0A = LISTEN
      const [hexIp, hexPort] = f[1]!.split(':');
      const ip = hexIp!.length === 8 ? hexIp!.match(/../g)!.reverse().map((h) => parseInt(h, 16)).join('.') : `v6:${hexIp}`;
      out.push(`${ip}:${parseInt(hexPort!, 16)}`);
    }
  }
  return out.sort();
}

const loopCmd = ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.2; done"];
const fam = `tmds-${process.pid}`;
const bridgeDef: RegisterTaskDefinitionRequest = {
  family: `${fam}-bridge`,
  memory: '256',
  containerDefinitions: [
    { name: 'app', image: IMAGE, cpu: 128, memory: 64, command: loopCmd, portMappings: [{ containerPort: 8080, hostPort: 0 }] },
    { name: 'side', image: IMAGE, memory: 32, essential: false, command: loopCmd },
  ],
};
const hostDef: RegisterTaskDefinitionRequest = { family: `${fam}-host`, networkMode: 'host', containerDefinitions: [{ name: 'hostapp', image: IMAGE, cpu: 64, memory: 48, command: loopCmd }] };
const noneDef: RegisterTaskDefinitionRequest = { family: `${fam}-none`, networkMode: 'none', containerDefinitions: [{ name: 'quiet', image: IMAGE, memory: 16, command: loopCmd }] };
for (const d of [bridgeDef, hostDef, noneDef]) await client.call('RegisterTaskDefinition', d);

async function runOne(cluster: string, family: string): Promise<string> {
  const run = await client.call('RunTask', { cluster, taskDefinition: family });
  const arn = run.tasks![0]!.taskArn!;
  await waitForTask(client, cluster, arn, 'RUNNING');
  return arn;
}
/** The full docker id of a task's container. */
const containerOf = (taskArn: string, name: string): string =>
  containersWithLabel(`com.amazonaws.ecs.task-arn=${taskArn}`).map((id) => JSON.parse(docker('inspect', id))[0]).find((i) => i.Config.Labels['com.amazonaws.ecs.container-name'] === name).Id;
const envOf = (id: string): Record<string, string> => Object.fromEntries((JSON.parse(docker('inspect', id))[0].Config.Env as string[]).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
/** Runs busybox wget inside the container (no -T: this busybox's wget crashes with it). */
const wgetInside = (id: string, path: string): any => JSON.parse(docker('exec', id, '/bin/sh', '-c', `wget -qO- "$ECS_CONTAINER_METADATA_URI_V4${path}"`));

const bridgeTask = await runOne(clusterA, bridgeDef.family);
const hostTask = await runOne(clusterA, hostDef.family);
const noneTask = await runOne(clusterA, noneDef.family);
const otherTask = await runOne(clusterB, bridgeDef.family);
const app = containerOf(bridgeTask, 'app');
const side = containerOf(bridgeTask, 'side');
const hostApp = containerOf(hostTask, 'hostapp');
const otherApp = containerOf(otherTask, 'app');

t.test('the endpoints listen on the bridge gateway and loopback only, each agent on its own ports', async (t) => {
  const la = listening(agentA);
  t.match(la.tmds, new RegExp(`^${gateway.replace(/\./g, '\\.')}:\\d+$`), 'bridge listener on the gateway');
  t.match(la['tmds-loopback'], /^127\.0\.0\.1:\d+$/, 'host-mode listener on loopback');
  t.match(la.introspection, /^127\.0\.0\.1:\d+$/, 'introspection on loopback');
  t.match(la.metrics, /^127\.0\.0\.1:\d+$/, 'metrics on loopback');
  t.match(la.credentials, /^127\.0\.0\.1:\d+$/, 'the credentials endpoint on loopback');
  t.same(listenSockets(agentA.child.pid!), [la.tmds, la['tmds-loopback'], la.introspection, la.metrics, la.credentials].sort(), 'exactly these sockets, none on 0.0.0.0');
  t.notOk(listenSockets(agentA.child.pid!).some((a) => a.startsWith('0.0.0.0') || a.startsWith('v6:')), 'nothing on a wildcard address');
  const lb = listening(agentB);
  t.not(lb.tmds, la.tmds, 'the second agent has its own bridge port');
  t.not(lb['tmds-loopback'], la['tmds-loopback'], 'and its own loopback port');
  t.same(listenSockets(agentB.child.pid!).filter((a) => !a.endsWith(`:${takenPort}`)), [lb.tmds, lb['tmds-loopback'], lb.metrics, lb.credentials].sort());
});

t.test('a taken introspection port is logged, the agent runs anyway, and binds once the port is free', async (t) => {
  t.ok(agentB.logs.some((l) => l.includes('cannot listen') && l.includes('introspection') && l.includes('EADDRINUSE')), 'logged');
  t.equal(listening(agentB).introspection, undefined, 'not bound while taken');
  await new Promise<void>((r) => blocker.close(() => r()));
  const addr = await until('agent B introspection bound', async () => listening(agentB).introspection, 40_000, 250);
  t.equal(addr, `127.0.0.1:${takenPort}`);
  const md: any = await (await fetch(`http://${addr}/v1/metadata`)).json();
  t.equal(md.Cluster, clusterB);
});

t.test('containers get the metadata URIs of their own listener and endpoint id', async (t) => {
  const la = listening(agentA);
  const e = envOf(app);
  t.match(e.ECS_CONTAINER_METADATA_URI_V4, new RegExp(`^http://${la.tmds}/v4/[0-9a-f-]{36}$`), 'bridge: the gateway listener');
  t.equal(e.ECS_CONTAINER_METADATA_URI, e.ECS_CONTAINER_METADATA_URI_V4!.replace('/v4/', '/v3/'), 'v3 shares the endpoint id');
  t.not(envOf(side).ECS_CONTAINER_METADATA_URI_V4, e.ECS_CONTAINER_METADATA_URI_V4, 'one endpoint id per container');
  t.match(envOf(hostApp).ECS_CONTAINER_METADATA_URI_V4, new RegExp(`^http://${la['tmds-loopback']}/v4/`), 'host: the loopback listener');
  t.equal(envOf(containerOf(noneTask, 'quiet')).ECS_CONTAINER_METADATA_URI_V4, undefined, 'none mode has no network, so no URI');
  t.match(envOf(otherApp).ECS_CONTAINER_METADATA_URI_V4, new RegExp(`^http://${listening(agentB).tmds}/v4/`), 'agent B points at its own port');
});

t.test('a bridge-mode container reads its own task, and only its own', async (t) => {
  const task = wgetInside(app, '/task');
  t.equal(task.TaskARN, bridgeTask);
  t.equal(task.Cluster, clusterA);
  t.equal(task.Family, bridgeDef.family);
  t.equal(task.Revision, '1');
  t.equal(task.DesiredStatus, 'RUNNING');
  t.equal(task.KnownStatus, 'RUNNING');
  t.equal(task.LaunchType, 'EC2');
  t.same(task.Limits, { Memory: 256 }, 'task-level limits');
  t.same(task.Containers.map((c: { Name: string }) => c.Name).sort(), ['app', 'side']);
  const a = task.Containers.find((c: { Name: string }) => c.Name === 'app');
  t.equal(a.DockerId, app);
  t.same(a.Limits, { CPU: 128, Memory: 64 });
  t.same(task.Containers.find((c: { Name: string }) => c.Name === 'side').Limits, { CPU: 2, Memory: 32 }, 'CPU at least 2');
  t.equal(a.Image, IMAGE);
  t.match(a.ImageID, /^sha256:/);
  t.equal(a.Labels['com.amazonaws.ecs.task-arn'], bridgeTask);
  t.equal(a.Type, 'NORMAL');
  t.equal(a.Networks[0].NetworkMode, 'bridge');
  t.match(a.Networks[0].IPv4Addresses[0], /^\d+\.\d+\.\d+\.\d+$/);
  t.equal(a.Ports[0].ContainerPort, 8080);
  t.ok(a.Ports[0].HostPort > 0);
  t.match(a.ContainerARN, /:container\//);
  t.match(a.CreatedAt, /^\d{4}-\d\d-\d\dT.*Z$/);
  const raw = JSON.stringify(task);
  t.notOk(raw.includes(hostTask) || raw.includes(otherTask), 'no other task in the answer');
  const me = wgetInside(app, '');
  t.equal(me.Name, 'app');
  t.equal(me.DockerId, app);
  const v3 = JSON.parse(docker('exec', app, '/bin/sh', '-c', 'wget -qO- "$ECS_CONTAINER_METADATA_URI/task"'));
  t.equal(v3.TaskARN, bridgeTask, 'v3 path');
  t.equal(v3.LaunchType, undefined, 'v3 has no v4-only members');
});

t.test('a host-mode container reads its own task', async (t) => {
  const task = wgetInside(hostApp, '/task');
  t.equal(task.TaskARN, hostTask);
  t.same(task.Containers.map((c: { Name: string }) => c.Name), ['hostapp']);
  t.same(task.Containers[0].Limits, { CPU: 64, Memory: 48 });
  t.equal(task.Limits, undefined, 'no task-level limits: omitted');
  t.equal(task.Containers[0].Networks[0].NetworkMode, 'host');
  t.notOk(JSON.stringify(task).includes(bridgeTask));
});

t.test("the README's example: a container prints its own task at start", async (t) => {
  const def = JSON.parse(readFileSync(`${REPO_ROOT}examples/taskdefs/whoami.json`, 'utf8'));
  await client.call('RegisterTaskDefinition', def);
  const arn = await runOne(clusterA, def.family);
  const id = containerOf(arn, 'whoami');
  const printed = await until('task printed', async () => docker('logs', id).split('\n').find((l) => l.startsWith('{')));
  const task = JSON.parse(printed);
  t.equal(task.TaskARN, arn);
  t.same(task.Containers[0].Limits, { CPU: 128, Memory: 32 });
});

t.test('the second agent serves its own task; ids of one agent are unknown to the other', async (t) => {
  const task = wgetInside(otherApp, '/task');
  t.equal(task.TaskARN, otherTask);
  t.equal(task.Cluster, clusterB);
  const idA = envOf(app).ECS_CONTAINER_METADATA_URI_V4!.split('/v4/')[1];
  const res = await fetch(`http://${listening(agentB).tmds}/v4/${idA}/task`);
  t.equal(res.status, 404, "agent B does not know agent A's container");
  const guess = await fetch(`http://${listening(agentA).tmds}/v4/00000000-0000-4000-8000-000000000000/task`);
  t.equal(guess.status, 404, 'an unknown endpoint id gets nothing');
});

t.test('/stats and /task/stats return Docker stats with memory, CPU and network rates', async (t) => {
  const s = wgetInside(app, '/stats');
  t.ok(s.memory_stats.usage > 0, 'memory usage');
  t.ok(s.memory_stats.limit >= 64 * 1024 * 1024, 'memory limit');
  t.ok(s.cpu_stats.cpu_usage.total_usage > 0, 'cpu usage');
  t.type(s.precpu_stats, 'object');
  t.type(s.read, 'string');
  t.type(s.networks, 'object');
  t.type(s.network_rate_stats.rx_bytes_per_sec, 'number');
  t.type(s.network_rate_stats.tx_bytes_per_sec, 'number');
  const ts = wgetInside(side, '/task/stats');
  t.same(Object.keys(ts).sort(), [app, side].sort(), 'one entry per container, keyed by docker id');
  t.ok(ts[side].memory_stats.usage > 0);
});

t.test('introspection: /v1/metadata and /v1/tasks with ECS names', async (t) => {
  const base = `http://${listening(agentA).introspection}`;
  const get = async (p: string) => {
    const r = await fetch(base + p);
    return { status: r.status, body: (await r.json()) as any };
  };
  t.same((await get('/')).body, { AvailableCommands: ['/v1/metadata', '/v1/tasks', '/license'] });
  const md = (await get('/v1/metadata')).body;
  t.equal(md.Cluster, clusterA);
  t.equal(md.ContainerInstanceArn, (await connectedInstances(client, clusterA))[0]);
  t.match(md.Version, /^Berth Agent - v\d+\.\d+\.\d+/);
  const all = (await get('/v1/tasks')).body;
  const arns = all.Tasks.map((x: { Arn: string }) => x.Arn);
  for (const a of [bridgeTask, hostTask, noneTask]) t.ok(arns.includes(a), 'its own tasks');
  t.notOk(arns.includes(otherTask), "not agent B's");
  const one = (await get(`/v1/tasks?taskarn=${encodeURIComponent(bridgeTask)}`)).body;
  t.equal(one.Arn, bridgeTask);
  t.equal(one.KnownStatus, 'RUNNING');
  t.equal(one.DesiredStatus, 'RUNNING');
  t.equal(one.Family, bridgeDef.family);
  t.equal(one.Version, '1');
  const c = one.Containers.find((x: { Name: string }) => x.Name === 'app');
  t.equal(c.DockerId, app);
  t.match(c.DockerName, new RegExp(`^ecs-${bridgeDef.family}-1-app-[0-9a-f]{20}$`));
  t.equal(c.Ports[0].ContainerPort, 8080);
  t.equal((await get(`/v1/tasks?dockerid=${hostApp.slice(0, 12)}`)).body.Arn, hostTask, 'short docker id');
  t.equal((await get(`/v1/tasks?dockerid=${hostApp}`)).body.Arn, hostTask, 'full docker id');
  t.equal((await get(`/v1/tasks?dockerid=${otherApp}`)).status, 404, "agent B's container is not here");
  t.equal((await get(`/v1/tasks?dockerid=${app}&taskarn=${bridgeTask}`)).status, 400, 'both parameters');
});

t.test('the container metadata file goes READY and is removed with the task', async (t) => {
  const file = envOf(app).ECS_CONTAINER_METADATA_FILE!;
  t.match(file, /^\/opt\/ecs\/metadata\/[0-9a-f-]{36}\/ecs-container-metadata\.json$/);
  const md = await until('metadata file READY', async () => {
    const m = JSON.parse(docker('exec', app, '/bin/cat', file));
    return m.MetadataFileStatus === 'READY' ? m : undefined;
  });
  t.equal(md.Cluster, clusterA);
  t.equal(md.TaskARN, bridgeTask);
  t.equal(md.ContainerID, app);
  t.equal(md.ContainerName, 'app');
  t.equal(md.TaskDefinitionFamily, bridgeDef.family);
  t.equal(md.TaskDefinitionRevision, '1');
  t.match(md.DockerContainerName, /^\/ecs-/);
  t.match(md.ImageID, /^sha256:/);
  t.equal(md.ImageName, IMAGE);
  t.equal(md.PortMappings[0].ContainerPort, 8080);
  t.equal(md.Networks[0].NetworkMode, 'bridge');
  t.equal(envOf(otherApp).ECS_CONTAINER_METADATA_FILE, undefined, 'agent B has metadata files off');
  const dir = join(agentA.dataDir, 'metadata', bridgeTask.split('/').pop()!);
  t.ok(existsSync(dir), 'kept under ECS_DATADIR/metadata/<task id>');
  await client.call('StopTask', { cluster: clusterA, task: bridgeTask });
  await waitForTask(client, clusterA, bridgeTask, 'STOPPED');
  await until('metadata directory removed at cleanup', async () => !existsSync(dir) || undefined, 30_000, 250);
  t.pass('removed');
});

t.test("a service's task protects itself at $ECS_AGENT_URI/task-protection/v1/state; a standalone task may not", async (t) => {
  await client.call('CreateService', { cluster: clusterA, serviceName: 'guarded', taskDefinition: hostDef.family, desiredCount: 1 });
  const taskArn = await until('the service task runs', async () => {
    const arn = (await client.call('ListTasks', { cluster: clusterA, serviceName: 'guarded' })).taskArns?.[0];
    return arn && (await client.call('DescribeTasks', { cluster: clusterA, tasks: [arn] })).tasks?.[0]?.lastStatus === 'RUNNING' ? arn : undefined;
  }, 60_000);
  const guarded = containerOf(taskArn, 'hostapp');
  const uri = envOf(guarded).ECS_AGENT_URI;
  t.equal(uri, envOf(guarded).ECS_CONTAINER_METADATA_URI_V4!.replace('/v4/', '/api/'), 'ECS_AGENT_URI: the same listener and endpoint id');
  // Asynchronously: the agent asks the control plane, which runs in this process.
  const read = async (id: string) => JSON.parse(await dockerAsync('exec', id, '/bin/sh', '-c', 'wget -qO- "$ECS_AGENT_URI/task-protection/v1/state"'));
  t.same(await read(guarded), { protection: { ExpirationDate: null, ProtectionEnabled: false, TaskArn: taskArn } });
  // busybox wget cannot PUT: the request by hand through nc (kept open while the answer comes, as this nc
  // drops the connection at the end of its input); the body is what follows the blank (\\r) line.
  const put = async (id: string, body: string) => JSON.parse(await dockerAsync('exec', id, '/bin/sh', '-c',
    `u=\${ECS_AGENT_URI#http://}; hp=\${u%%/*}; b='${body}'; (printf "PUT /\${u#*/}/task-protection/v1/state HTTP/1.0\\r\\nContent-Type: application/json\\r\\nContent-Length: \${#b}\\r\\n\\r\\n\$b"; sleep 2) | nc -w 5 \${hp%:*} \${hp##*:} | sed '1,/^.\\{0,1\\}$/d'`));
  const on = await put(guarded, '{"ProtectionEnabled":true,"ExpiresInMinutes":60}');
  t.match(on, { protection: { ProtectionEnabled: true, TaskArn: taskArn } });
  const until60 = Date.parse(on.protection.ExpirationDate);
  t.ok(until60 > Date.now() + 3500_000 && until60 <= Date.now() + 3600_000, 'an hour ahead');
  const got = await client.call('GetTaskProtection', { cluster: clusterA, tasks: [taskArn] });
  t.match(got.protectedTasks, [{ taskArn, protectionEnabled: true }], 'the control plane has it');
  t.match(await put(guarded, '{"ProtectionEnabled":"yes"}'), { error: { Code: 'InvalidParameterException' } });
  t.match(await put(guarded, '{"ProtectionEnabled":false}'), { protection: { ProtectionEnabled: false, ExpirationDate: null } });
  t.match(await read(hostApp), { failure: { Arn: hostTask, Reason: 'TASK_NOT_VALID' } }, 'a standalone task is not a service\'s');
  await client.call('UpdateService', { cluster: clusterA, service: 'guarded', desiredCount: 0 });
  await client.call('DeleteService', { cluster: clusterA, service: 'guarded' });
});

t.test('a restarted agent listens on the same ports, so running containers keep working URIs', async (t) => {
  const before = listening(agentB);
  agentB.child.kill('SIGTERM');
  await agentB.exited;
  const again = spawnAgent({ ECS_CLUSTER: clusterB, BERTH_SERVER: server.addr, ...server.joinEnv, ECS_DATADIR: agentB.dataDir, BERTH_INTROSPECTION_ADDR: '127.0.0.1:0' });
  agents.push(again);
  await until('agent B back', async () => listening(again).tmds && listening(again)['tmds-loopback']);
  t.equal(listening(again).tmds, before.tmds, 'same bridge port');
  t.equal(listening(again)['tmds-loopback'], before['tmds-loopback'], 'same loopback port');
  // The agent answers /task once it has adopted the container again (session, assignments, Docker):
  // on a loaded machine that takes longer than the default wait.
  const task = await until('task served again', async () => {
    try {
      return wgetInside(otherApp, '/task');
    } catch {
      return undefined;
    }
  }, 90_000);
  t.equal(task.TaskARN, otherTask, 'the adopted container reads its task through its old URI');
});
