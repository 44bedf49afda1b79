// The AWS CLI (Debian's /usr/bin/aws) drives tasks on a real agent through the ECS JSON endpoint, signed
// with a Berth access key: run-task, the tasks-running waiter, stop-task, the tasks-stopped waiter, and
// describe-tasks with the stop reason and exit code, as scripts written for ECS expect.
import t from 'tap';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { IAM_API, type Iam } from '@berth/core';
import { IMAGE, adminClient, agentJoinToken, connectedInstances, containersWithLabel, freePort, removeContainersWithLabel, spawnAgent, startControlPlane, tmp, until } from './e2e-helpers.js';

const work = tmp('berth-aws-cli-tasks-');
const config = join(work.dir, 'config.yaml');
const server = await startControlPlane({ store: `file:${join(work.dir, 'berth.db')}`, port: await freePort(), ecsJson: { listen: '127.0.0.1:0' }, insecure: false, bootstrapConfig: config });
const client = adminClient(config);
const cluster = `aws-cli-${process.pid}`;
let agent: ReturnType<typeof spawnAgent> | undefined;
t.teardown(async () => {
  agent?.child.kill('SIGKILL');
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  client.close();
  await server.close();
  work.cleanup();
});
// An administrator: a user with AdministratorAccess and its key.
await client.callApi(IAM_API, 'CreateUser', { UserName: 'aws-cli' });
await client.callApi(IAM_API, 'AttachUserPolicy', { UserName: 'aws-cli', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
const { AccessKey: accessKey } = await client.callApi(IAM_API, 'CreateAccessKey', { UserName: 'aws-cli' }) as Iam.CreateAccessKeyResponse;

function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; json?: any }> {
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: work.dir,
    AWS_ACCESS_KEY_ID: accessKey.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: accessKey.SecretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve) => {
    execFile('/usr/bin/aws', ['ecs', ...args, '--endpoint-url', `http://${server.ecsAddr}`, '--output', 'json'], { env, timeout: 120_000 }, (err, stdout, stderr) => {
      let json: unknown;
      try { json = stdout.trim() ? JSON.parse(stdout) : undefined; } catch { /* not JSON */ }
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0, stdout, stderr, json });
    });
  });
}

t.test('run-task, wait tasks-running, stop-task, wait tasks-stopped', async (t) => {
  // The agent joins a cluster that exists (it stops at once on a missing one, as amazon-ecs-agent does):
  // made here with the CLI, then the agent starts.
  t.equal((await aws('create-cluster', '--cluster-name', cluster)).code, 0);
  agent = spawnAgent({ ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, BERTH_JOIN_TOKEN: await agentJoinToken(client, cluster) });
  await until('agent connected', async () => (await connectedInstances(client, cluster)).length === 1 || undefined, 60_000);
  const family = `aws-cli-${process.pid}`;
  const reg = await aws('register-task-definition', '--family', family, '--container-definitions', JSON.stringify([
    { name: 'app', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', "trap 'exit 3' TERM; while true; do sleep 0.2; done"] },
  ]));
  t.equal(reg.code, 0, reg.stderr);

  const run = await aws('run-task', '--cluster', cluster, '--task-definition', family, '--count', '2', '--started-by', 'aws-cli-test');
  t.equal(run.code, 0, run.stderr);
  t.same(run.json?.failures, []);
  const arns: string[] = run.json?.tasks?.map((x: { taskArn: string }) => x.taskArn) ?? [];
  t.equal(arns.length, 2);

  const running = await aws('wait', 'tasks-running', '--cluster', cluster, '--tasks', ...arns);
  t.equal(running.code, 0, `tasks-running waiter: ${running.stderr}`);
  const described = await aws('describe-tasks', '--cluster', cluster, '--tasks', ...arns);
  t.same(described.json?.tasks?.map((x: { lastStatus: string }) => x.lastStatus), ['RUNNING', 'RUNNING']);
  t.equal(described.json?.tasks?.[0]?.startedBy, 'aws-cli-test');
  for (const arn of arns) t.equal(containersWithLabel(`com.amazonaws.ecs.task-arn=${arn}`, false).length, 1, 'a running container per task');

  for (const arn of arns) t.equal((await aws('stop-task', '--cluster', cluster, '--task', arn, '--reason', 'done here')).code, 0);
  const stopped = await aws('wait', 'tasks-stopped', '--cluster', cluster, '--tasks', ...arns);
  t.equal(stopped.code, 0, `tasks-stopped waiter: ${stopped.stderr}`);
  const after = await aws('describe-tasks', '--cluster', cluster, '--tasks', ...arns);
  for (const task of after.json?.tasks ?? []) {
    t.equal(task.lastStatus, 'STOPPED');
    t.equal(task.stoppedReason, 'done here');
    t.equal(task.stopCode, 'UserInitiated');
    t.equal(task.containers?.[0]?.exitCode, 3, 'the exit code the container gave on SIGTERM');
  }
  const listed = await aws('list-tasks', '--cluster', cluster, '--desired-status', 'STOPPED');
  t.same([...(listed.json?.taskArns ?? [])].sort(), [...arns].sort());
});
