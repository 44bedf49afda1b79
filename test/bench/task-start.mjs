// Scenario task-start: RunTask to RUNNING as recorded by the control plane (createdAt -> startedAt,
// both stamped by the server), beside `docker run -d` of the same container, in one run. A real
// control plane (file store), a real berth-agent process and the real dockerd.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLEET_API } from '@berth/core';
import { startServerInProcess } from '../sim/server-process.mjs';
import { QUICK, ROOT, percentile, record } from './lib.mjs';

const N = QUICK ? 5 : 30;
const IMAGE = 'berth-test/busybox:latest';
const CMD = ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const docker = (...a) => execFileSync('docker', a, { encoding: 'utf8' }).trim();

const dir = mkdtempSync(join(tmpdir(), 'berth-bench-'));
const { server, client } = await startServerInProcess(dir, { agents: { heartbeatPeriodMs: 2000 } });
const cluster = `bench-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });
const agent = spawn(process.execPath, [`${ROOT}packages/agent/bin/berth-agent.js`], {
  // The agent joins as a real one does: a one-use token, then its own certificate.
  env: { PATH: process.env.PATH, BERTH_JOIN_TOKEN: (await client.callApi(FLEET_API, 'CreateJoinToken', { cluster, uses: 1 })).token, ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ECS_DATADIR: join(dir, 'agent'), ECS_IMAGE_PULL_BEHAVIOR: 'prefer-cached', ECS_CONTAINER_STOP_TIMEOUT: '2s', ECS_LOGLEVEL: 'warn', ECS_AGENT_CONFIG_FILE_PATH: join(dir, 'none.json') },
  stdio: 'inherit',
});
try {
  for (;;) {
    const l = await client.call('ListContainerInstances', { cluster });
    if (l.containerInstanceArns?.length) {
      const d = await client.call('DescribeContainerInstances', { cluster, containerInstances: l.containerInstanceArns });
      if (d.containerInstances?.[0]?.agentConnected) break;
    }
    await sleep(100);
  }
  await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: IMAGE, memory: 16, command: CMD }] });

  const berth = [], wall = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const { tasks } = await client.call('RunTask', { cluster, taskDefinition: cluster });
    let task;
    for (;;) {
      task = (await client.call('DescribeTasks', { cluster, tasks: [tasks[0].taskArn] })).tasks[0];
      if (task.lastStatus === 'RUNNING' || task.lastStatus === 'STOPPED') break;
      await sleep(10);
    }
    if (task.lastStatus !== 'RUNNING') throw new Error(`task stopped: ${task.stoppedReason}`);
    wall.push(performance.now() - t0);
    berth.push((task.startedAt - task.createdAt) * 1000);
    await client.call('StopTask', { cluster, task: task.taskArn });
  }
  const plain = [];
  const ids = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    ids.push(docker('run', '-d', '--label', `berth-bench=${cluster}`, IMAGE, ...CMD));
    plain.push(performance.now() - t0);
  }
  docker('rm', '-f', ...ids);
  const row = (name, v) => [name, v.length, percentile(v, 50).toFixed(0), percentile(v, 99).toFixed(0)];
  const ratio = percentile(berth, 50) / percentile(plain, 50);
  record('task-start: RunTask to RUNNING vs docker run -d', ['path', 'n', 'median ms', 'p99 ms'], [
    row('Berth, control plane createdAt -> startedAt', berth),
    row('Berth, client RunTask -> sees RUNNING', wall),
    row('docker run -d (CLI)', plain),
  ], [`Ratio of medians, Berth / docker run: ${ratio.toFixed(2)}.`]);
} finally {
  agent.kill('SIGTERM');
  await new Promise((r) => agent.on('exit', r));
  const left = docker('ps', '-aq', '--filter', `label=com.amazonaws.ecs.cluster=${cluster}`);
  if (left) docker('rm', '-f', ...left.split('\n'));
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
