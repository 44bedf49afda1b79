// Two replicas on one etcd: the agent's session is on A, the CLI calls B, and B passes `berth logs TASK` and
// `berth exec` on to A with the caller's own signature (A authenticates and authorizes the caller itself).
// The session record names A's address; without it, or with the agent away, the call is refused with
// TargetNotConnectedException.
import t from 'tap';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { startPrivateEtcd } from '@berth/store';
import { startServer, silentLogger } from '@berth/server';
import { IMAGE, REPO_ROOT, berthCli, connectedInstances, removeContainersWithLabel, spawnAgent, startControlPlane, tmp, until } from './e2e-helpers.js';

const work = tmp('berth-task-io-replicas-');
const etcd = await startPrivateEtcd();
const store = `etcd://${etcd.endpoint}`;
const secretsKeyPath = join(work.dir, 'secrets.key');
const a = await startControlPlane({ store, port: 0, secretsKeyPath, bootstrapConfig: join(work.dir, 'config.yaml') });
const b = await startServer({ store, listen: '127.0.0.1:0', secretsKeyPath, log: silentLogger, agents: { heartbeatPeriodMs: 500, sessionTtlSeconds: 2 } });
const cluster = `replicas-${process.pid}`;
const client = a.client();
await client.call('CreateCluster', { clusterName: cluster });
const agent = spawnAgent({ ECS_CLUSTER: cluster, BERTH_SERVER: a.addr, ECS_RESERVED_MEMORY: '0', ...a.joinEnv });
t.teardown(async () => {
  agent.child.kill('SIGKILL');
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  client.close();
  await b.close();
  await a.close();
  await etcd.stop();
  work.cleanup();
});
const viaA = berthCli(a.addr, cluster, a.configPath);
// The admin's key and CA, addressed to B alone.
const viaB = berthCli(b.addr, cluster, a.configPath);

t.test('B serves logs and exec for a task whose agent is on A', async (t) => {
  await until('the agent connected to A', async () => (await connectedInstances(client, cluster)).length === 1 || undefined, 60_000);
  const file = join(work.dir, 'td.json');
  writeFileSync(file, JSON.stringify({ family: `rep-${process.pid}`, containerDefinitions: [{ name: 'app', image: IMAGE, memory: 32, command: ['/bin/sh', '-c', 'echo hello-from-a; sleep 3600'] }] }));
  t.equal((await viaA('register', 'taskdef', '-f', file)).code, 0);
  const run = await viaA('run', `rep-${process.pid}`, '--wait', '--enable-execute-command', '-o', 'json');
  t.equal(run.code, 0, run.stderr);
  const id = JSON.parse(run.stdout).tasks[0].taskArn.split('/').pop();
  t.equal(b.dispatcher.size, 0, 'B holds no agent session');

  const logs = await until('the line logged', async () => {
    const r = await viaB('logs', id);
    return r.stdout.includes('hello-from-a') ? r : undefined;
  });
  t.equal(logs.code, 0);
  const ex = await viaB('exec', id, '--', 'sh', '-c', 'echo via-b; exit 4');
  t.same([ex.code, ex.stdout], [4, 'via-b\n'], 'exec passed on, exit code back');

  // Input and back-pressure across the hop: many windows each way.
  const echoed = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [`${REPO_ROOT}packages/cli/bin/berth.js`, '--cluster', cluster, 'exec', '-i', id, '--', 'wc', '-c'], { env: { ...process.env, BERTH_CONFIG: a.configPath!, BERTH_SERVER: b.addr } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', () => resolve(Number(out.trim())));
    child.stdin.end(Buffer.alloc(2_000_000, 'y'));
  });
  t.equal(echoed, 2_000_000, 'input of many windows arrives whole through B');

  const unsigned = await berthCli(b.addr, cluster)('logs', id);
  t.equal(unsigned.code, 1, 'a caller without a key is refused (at B, before anything is passed on)');
});

t.test('the agent away: TargetNotConnectedException', async (t) => {
  const tasks = JSON.parse((await viaA('get', 'tasks', '-o', 'json')).stdout);
  agent.child.kill('SIGKILL');
  await until('the agent disconnected', async () => (await connectedInstances(client, cluster)).length === 0 || undefined, 30_000);
  const r = await viaB('logs', tasks[0].taskArn);
  t.equal(r.code, 1);
  t.match(r.stderr, /^TargetNotConnectedException: The agent of container instance [0-9a-f]+, where the task runs, is not connected/);
});
