// `make images` (deploy/docker/build-images.sh) builds the server's and the agent's images offline from this
// machine's Node; the real dockerd runs them as an operator would: the server with its state in a mounted
// directory, the agent as amazon-ecs-agent's image runs (the host's network, Docker's socket and ECS_DATADIR
// mounted at the same path). The agent joins with a token and runs a task on this machine's dockerd.
import t from 'tap';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMAGE, REPO_ROOT, adminClient, agentJoinToken, connectedInstances, docker, removeContainersWithLabel, until, waitForTask } from './e2e-helpers.js';

const tag = `test-${process.pid}`;
const cluster = `images-${process.pid}`;
const names = { server: `berth-images-server-${process.pid}`, agent: `berth-images-agent-${process.pid}` };
const state = mkdtempSync(join(tmpdir(), 'berth-images-server-'));
const data = mkdtempSync(join(tmpdir(), 'berth-images-agent-'));
t.teardown(() => {
  for (const n of Object.values(names)) execFileSync('docker', ['rm', '-f', n], { stdio: 'ignore' });
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  execFileSync('docker', ['rmi', `berth/server:${tag}`, `berth/agent:${tag}`], { stdio: 'ignore' });
  rmSync(state, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

execFileSync('bash', [`${REPO_ROOT}deploy/docker/build-images.sh`], { env: { ...process.env, IMAGE_TAG: tag, PARTS: 'server agent' }, stdio: ['ignore', 'ignore', 'inherit'] });

/** A container's output (Berth's parts log to stderr, which `docker logs` writes to its own). */
const logsOf = (name: string) => { const r = spawnSync('docker', ['logs', name], { encoding: 'utf8' }); return r.stdout + r.stderr; };
/** The JSON log lines of a container, parsed. */
const logLines = (name: string) => logsOf(name).split('\n').map((l) => { try { return JSON.parse(l) as Record<string, string>; } catch { return {}; } });

t.test('the images: the part, this machine\'s Node, the entrypoint', async (t) => {
  const agent = JSON.parse(docker('image', 'inspect', `berth/agent:${tag}`))[0];
  t.same(agent.Config.Entrypoint, ['/usr/bin/node', '/usr/lib/berth/agent/node_modules/@berth/agent/bin/berth-agent.js']);
  t.ok(agent.Config.Env.includes('ECS_DATADIR=/var/lib/berth-agent'));
  // The server's Node options, from its bin's first line (this image has no /usr/bin/env to read them).
  const server = JSON.parse(docker('image', 'inspect', `berth/server:${tag}`))[0];
  t.same(server.Config.Entrypoint, ['/usr/bin/node', '--max-semi-space-size=32', '/usr/lib/berth/server/node_modules/@berth/server/bin/berth-server.js']);
  const version = docker('run', '--rm', '--entrypoint', '/usr/bin/node', `berth/agent:${tag}`, '-p', 'process.version');
  t.equal(version, process.version, 'the Node of the machine that built it');
});

t.test('the server image serves; the agent image joins it and runs a task on this machine\'s Docker', async (t) => {
  docker('run', '-d', '--name', names.server, '--net=host', '-v', `${state}:/var/lib/berth`, `berth/server:${tag}`,
    '--listen', '127.0.0.1:0', '--ecs-listen', '127.0.0.1:0', '--console-listen', 'off', '--metrics-listen', 'off',
    '--store', 'file:/var/lib/berth/berth.db', '--bootstrap-config', '/var/lib/berth/admin-config.yaml');
  const addr = await until('the server image listening', async () => logLines(names.server).find((l) => l.msg === 'listening' && l.name === 'grpc')?.addr, 120_000)
    .catch((e) => { throw new Error(`${(e as Error).message}\n${logsOf(names.server)}`); });
  await until('the admin config', async () => existsSync(join(state, 'admin-config.yaml')) || undefined);
  const client = adminClient(join(state, 'admin-config.yaml'), addr);
  t.teardown(() => client.close());
  await client.call('CreateCluster', { clusterName: cluster });

  docker('run', '-d', '--name', names.agent, '--net=host', '-v', '/var/run/docker.sock:/var/run/docker.sock', '-v', `${data}:${data}`,
    '-e', `ECS_DATADIR=${data}`, '-e', `BERTH_SERVER=${addr}`, '-e', `ECS_CLUSTER=${cluster}`, '-e', `BERTH_JOIN_TOKEN=${await agentJoinToken(client, cluster)}`,
    '-e', 'BERTH_INTROSPECTION_ADDR=127.0.0.1:0', '-e', 'BERTH_METRICS_ADDR=127.0.0.1:0', '-e', 'BERTH_HOST_PORT_BIND_IP=127.0.0.1',
    '-e', 'ECS_IMAGE_PULL_BEHAVIOR=prefer-cached', `berth/agent:${tag}`);
  const [arn] = await until('the agent image connected', async () => { const c = await connectedInstances(client, cluster); return c.length ? c : undefined; }, 120_000)
    .catch((e) => { throw new Error(`${(e as Error).message}\n${logsOf(names.agent)}`); });
  t.ok(arn, 'registered');

  await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"] }] });
  const run = await client.call('RunTask', { cluster, taskDefinition: cluster });
  const task = await waitForTask(client, cluster, run.tasks![0]!.taskArn!, 'RUNNING', 60_000);
  t.equal(task.containerInstanceArn, arn);
  t.ok(docker('ps', '-q', '--filter', `label=com.amazonaws.ecs.task-arn=${task.taskArn}`), 'its container runs on this machine\'s dockerd');
});
