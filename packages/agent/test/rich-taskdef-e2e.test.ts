// The rich task definition in examples/taskdefs/rich-local.yaml (what the README runs on `make up`),
// registered with the CLI from YAML and run on a real agent and dockerd: every feature is checked from
// inside the containers, as a user would see it.
import { readFileSync } from 'node:fs';
import t from 'tap';
import type { Task } from '@berth/core';
import { REPO_ROOT, berthCli, docker, startTestCluster, until } from './e2e-helpers.js';

const { client, cluster, server } = await startTestCluster('rich', (fn) => t.teardown(async () => {
  await fn();
  try { docker('volume', 'rm', '-f', 'shared-data'); } catch { /* already gone */ }
}));
const berth = berthCli(server.addr, cluster, server.configPath);

t.test('rich-local.yaml registers, runs and behaves as ECS documents', async (t) => {
  const reg = await berth('register', 'taskdef', '-f', `${REPO_ROOT}examples/taskdefs/rich-local.yaml`, '-o', 'json');
  t.equal(reg.code, 0, reg.stderr);
  const run = await berth('run', 'rich-local', '--wait', '--timeout', '120', '-o', 'json');
  t.equal(run.code, 0, run.stdout + run.stderr);
  const taskArn: string = JSON.parse(run.stdout).tasks[0].taskArn;
  const task = await until('the task HEALTHY', async () => {
    const x = (await client.call('DescribeTasks', { cluster, tasks: [taskArn] })).tasks?.[0];
    return x?.healthStatus === 'HEALTHY' ? x : undefined;
  }, 60_000) as Task;
  const byName = new Map((task.containers ?? []).map((c) => [c.name!, c]));
  t.equal(byName.get('init')?.lastStatus, 'STOPPED', 'init ran to completion');
  t.equal(byName.get('init')?.exitCode, 0);
  t.equal(byName.get('db')?.healthStatus, 'HEALTHY');
  t.equal(byName.get('app')?.lastStatus, 'RUNNING');
  t.equal(byName.get('sidecar')?.lastStatus, 'RUNNING');
  t.ok((byName.get('app')?.networkBindings ?? []).some((b) => b.containerPort === 8080 && (b.hostPort ?? 0) > 0), 'a dynamic host port');

  const app = byName.get('app')!.runtimeId!;
  const sh = (cmd: string) => docker('exec', app, '/bin/sh', '-c', cmd).trim();
  t.equal(sh('cat /data/seed'), 'seeded', 'init wrote the shared volume; app sees it through volumesFrom db');
  t.equal(sh('cat /scratch/init'), 'ok', 'the task-scoped volume');
  t.equal(sh('wget -q -O - http://database:8080/'), 'db', 'the link alias reaches db');
  t.match(sh('ps'), /httpd/, 'pidMode task: db\'s processes are visible');
  t.equal(sh('id -u'), '1000', 'user');
  // The container's own process, read from the host: a process `docker exec` starts may see the soft limit
  // raised to the hard one, a race in Debian's runc 1.1.5 (its Go runtime raises RLIMIT_NOFILE at start
  // while `runc exec` sets the limits from outside, under load), not the task's setting.
  const limits = readFileSync(`/proc/${docker('inspect', '-f', '{{.State.Pid}}', app).trim()}/limits`, 'utf8');
  t.match(limits, /^Max open files\s+4096\s+8192\s/m, 'ulimits: nofile soft 4096, hard 8192');
  t.equal(sh('cat /proc/sys/net/core/somaxconn'), '511', 'systemControls');
  t.match(sh('grep metrics.local /etc/hosts'), /127\.0\.0\.2\s+metrics\.local/, 'extraHosts');
  t.match(sh('cat /etc/resolv.conf'), /search .*berth\.internal/, 'dnsSearchDomains');
  t.equal(sh('touch /x 2>/dev/null && echo writable || echo read-only'), 'read-only', 'readonlyRootFilesystem');
  t.match(sh('grep " /tmp " /proc/mounts'), /^tmpfs \/tmp tmpfs rw,.*noexec/, 'linuxParameters.tmpfs with its mount options');
  t.equal(sh('echo $GREETING'), 'hello');
  const bounding = BigInt(`0x${sh('grep CapBnd /proc/self/status | cut -f2')}`);
  t.equal((bounding >> 13n) & 1n, 0n, 'CAP_NET_RAW (bit 13) dropped from the bounding set, seen from inside');
  t.equal((bounding >> 0n) & 1n, 1n, 'CAP_CHOWN (bit 0) kept');
  const inspect = JSON.parse(docker('inspect', app))[0];
  t.equal(inspect.HostConfig.Init, true, 'initProcessEnabled');
  t.equal(inspect.HostConfig.ShmSize, 32 * 1024 * 1024, 'sharedMemorySize');
  t.ok((inspect.HostConfig.CapDrop ?? []).includes('NET_RAW'), 'capabilities.drop');
  t.same(inspect.HostConfig.SecurityOpt, ['no-new-privileges'], 'dockerSecurityOptions');
  t.equal(inspect.HostConfig.LogConfig.Type, 'json-file');
  t.equal(inspect.Config.Labels.team, 'platform', 'dockerLabels');
  t.equal(inspect.Config.Tty, true, 'pseudoTerminal');
  t.equal(inspect.Config.OpenStdin, true, 'interactive');

  const stop = await berth('stop', 'task', taskArn, '--reason', 'done');
  t.equal(stop.code, 0, stop.stderr);
  const stopped = await until('STOPPED', async () => {
    const x = (await client.call('DescribeTasks', { cluster, tasks: [taskArn] })).tasks?.[0];
    return x?.lastStatus === 'STOPPED' ? x : undefined;
  }, 60_000) as Task;
  const finished = (name: string) => Date.parse(JSON.parse(docker('inspect', stopped.containers!.find((c) => c.name === name)!.runtimeId!))[0].State.FinishedAt);
  t.ok(finished('app') <= finished('db'), 'app (which depends on db) stopped before db');
  t.ok(finished('sidecar') <= finished('app'), 'sidecar (which depends on app) stopped before app');
});

t.test('the syslog log driver sends a container\'s output to a UDP listener on 127.0.0.1', async (t) => {
  const { createSocket } = await import('node:dgram');
  const sock = createSocket('udp4');
  const lines: string[] = [];
  sock.on('message', (m) => lines.push(m.toString()));
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  t.teardown(() => sock.close());
  const port = sock.address().port;
  const family = `syslog-${process.pid}`;
  await client.call('RegisterTaskDefinition', {
    family,
    containerDefinitions: [{
      name: 'talker', image: 'berth-test/busybox:latest', memory: 16, essential: true,
      command: ['/bin/sh', '-c', "echo hello-from-berth; trap 'exit 0' TERM; while true; do sleep 1; done"],
      logConfiguration: { logDriver: 'syslog', options: { 'syslog-address': `udp://127.0.0.1:${port}`, tag: 'berth-talker' } },
    }],
  });
  const { tasks } = await client.call('RunTask', { cluster, taskDefinition: family });
  const line = await until('the syslog line', async () => lines.find((l) => l.includes('hello-from-berth')), 30_000);
  t.match(line, /^<\d+>/, 'a syslog frame with its priority');
  t.match(line, /berth-talker/, 'the tag option');
  await client.call('StopTask', { cluster, task: tasks![0]!.taskArn! });
});
