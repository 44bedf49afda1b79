// The queue-driven worker example (issue 23 §5, examples/taskdefs/redis-worker.json, docs/invoking-tasks.md)
// on a real agent: Debian's redis-server, started here with setsid on loopback, holds a list of jobs; a
// service of two workers (host network mode, so 127.0.0.1 is the host's) drains it, each job done once;
// jobs pushed later are drained too.
import t from 'tap';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerDefinition } from '@berth/core';
import { REPO_ROOT, freePort, startTestCluster, until } from './e2e-helpers.js';

t.setTimeout(300_000);

const { work, client, cluster } = await startTestCluster('redis-worker', t.teardown.bind(t));
const port = await freePort();
const redisServer = spawn('setsid', ['/usr/bin/redis-server', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', work.dir],
  { stdio: ['ignore', 'ignore', 'pipe'] });
t.teardown(() => void redisServer.kill('SIGKILL'));
const redis = (...args: string[]) => execFileSync('/usr/bin/redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
await until('redis-server answering', async () => {
  try {
    return redis('PING') === 'PONG';
  } catch {
    return undefined;
  }
});

// The example as committed, pointed at this test's redis-server.
const def = JSON.parse(readFileSync(join(REPO_ROOT, 'examples/taskdefs/redis-worker.json'), 'utf8')) as { family: string; containerDefinitions: ContainerDefinition[] };
const worker = def.containerDefinitions[0]!;
worker.environment = worker.environment!.map((e) => (e.name === 'REDIS_PORT' ? { ...e, value: String(port) } : e));
const family = `redis-worker-${process.pid}`;
await client.call('RegisterTaskDefinition', { ...def, family } as never);

const jobs = (from: number, n: number) => Array.from({ length: n }, (_, i) => `job-${from + i}`);
const done = () => redis('LRANGE', 'jobs:done', '0', '-1').split('\n').filter(Boolean);

t.test('a service of two workers drains the queue, each job done once', async (t) => {
  redis('RPUSH', 'jobs', ...jobs(0, 40));
  await client.call('CreateService', { cluster, serviceName: 'workers', taskDefinition: family, desiredCount: 2 });
  await until('the queue drained', async () => redis('LLEN', 'jobs') === '0' && done().length === 40 || undefined, 120_000, 500);
  t.same(done().sort(), jobs(0, 40).sort(), 'every job, none twice');

  redis('RPUSH', 'jobs', ...jobs(40, 10));
  await until('the jobs pushed later drained', async () => done().length === 50 || undefined, 60_000, 500);
  t.same(done().sort(), jobs(0, 50).sort());
  const running = (await client.call('ListTasks', { cluster, serviceName: 'workers', desiredStatus: 'RUNNING' })).taskArns ?? [];
  t.equal(running.length, 2, 'both workers still running, waiting for work');
  await client.call('DeleteService', { cluster, service: 'workers', force: true });
});
