// Docker's own awslogs log driver ships a real container's output to Berth's CloudWatch Logs API
// (awslogs-endpoint = Berth's AWS listener), signed as an IAM user allowed to write that group only: every
// line arrives, in order, and a line longer than Docker's 16 KiB read buffer arrives whole, in each log
// store backend (the control plane restarted on the same state store with ClickHouse as its log store,
// so the user and its key stay the same).
//
// Credentials: ECS gives the driver awslogs-credentials-endpoint, which dockerd fetches from
// 169.254.170.2 (the agent's credentials endpoint; task-credentials-e2e.test.ts ships a task's lines that
// way). This test sizes the store's side instead, so it gives a second dockerd of its own the user's key
// in its environment (the driver's default credential chain): the host's dockerd and network are left alone.
import t from 'tap';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { IAM_API, type Iam } from '@berth/core';
import { SecondDockerd } from './second-dockerd.js';
import { IMAGE, startControlPlane, tmp, until } from './e2e-helpers.js';

type Tap = Parameters<Parameters<typeof t.test>[0]>[0];

const LINES = 100_000;
const { dir, cleanup } = tmp('berth-awslogs-');
t.teardown(cleanup);

const store = `file:${join(dir, 'berth.db')}`;
const group = `/ecs/awslogs-${process.pid}`;
let cp = await startControlPlane({ store, port: 0, ecsJson: { listen: '127.0.0.1:0' } });
const admin = cp.client();
await admin.callApi(IAM_API, 'CreateUser', { UserName: 'shipper' });
await admin.callApi(IAM_API, 'PutUserPolicy', {
  UserName: 'shipper', PolicyName: 'ship',
  PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:*:*:log-group:${group}:*` }] }),
});
const { AccessKey } = (await admin.callApi(IAM_API, 'CreateAccessKey', { UserName: 'shipper' })) as Iam.CreateAccessKeyResponse;
admin.close();
t.teardown(() => cp.close());

const dockerd = await SecondDockerd.start({ AWS_ACCESS_KEY_ID: AccessKey.AccessKeyId, AWS_SECRET_ACCESS_KEY: AccessKey.SecretAccessKey });
t.teardown(() => dockerd.close());

async function shipAndRead(t: Tap, stream: string): Promise<void> {
  const script = `seq 1 ${LINES} | sed 's/^/line /'; head -c 40960 /dev/zero | tr '\\0' x; echo`;
  // Not execFileSync: the server answering the driver runs in this process. What `docker run` itself
  // prints (it attaches) is not read: the log store is where the lines are looked for.
  const run = spawn('docker', ['run', '--rm', '--network', 'none', '--log-driver', 'awslogs',
    '--log-opt', `awslogs-endpoint=http://${cp.ecsAddr}`, '--log-opt', 'awslogs-region=us-east-1',
    '--log-opt', `awslogs-group=${group}`, '--log-opt', `awslogs-stream=${stream}`, '--log-opt', 'awslogs-create-group=true',
    IMAGE, 'sh', '-c', script], { env: { ...process.env, DOCKER_HOST: dockerd.host }, stdio: 'ignore' });
  t.equal(await new Promise((resolve) => run.once('exit', resolve)), 0, 'the container ran');
  const messages = await until(`${LINES + 1} events in the log store`, async () => {
    const got: string[] = [];
    let token: string | undefined;
    for (;;) {
      const page = await cp.logs!.getLogEvents(group, stream, { startFromHead: true, ...(token ? { nextToken: token } : {}) }).catch(() => undefined);
      if (!page) return undefined;
      got.push(...page.events.map((e) => e.message));
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    return got.length >= LINES + 1 ? got : undefined;
  }, 60_000, 500);
  t.equal(messages.length, LINES + 1, 'nothing lost, nothing doubled');
  t.same(messages.slice(0, LINES), Array.from({ length: LINES }, (_, k) => `line ${k + 1}`), 'in order');
  t.equal(messages[LINES], 'x'.repeat(40960), 'the 40 KiB line arrives whole');
}

t.test('a container logging with awslogs to Berth\'s embedded log store: every line, in order, the long one whole', async (t) => {
  t.equal(cp.logs?.kind, 'file');
  await shipAndRead(t, 'app/web/1');
});

t.test('the same to ClickHouse', async (t) => {
  const db = `berth_awslogs_${process.pid}`;
  await cp.close();
  cp = await startControlPlane({ store, port: 0, ecsJson: { listen: '127.0.0.1:0' }, logs: { logStore: `clickhouse://127.0.0.1:8123/${db}` } });
  t.teardown(() => fetch('http://127.0.0.1:8123/', { method: 'POST', body: `DROP DATABASE IF EXISTS ${db}` }).then(() => undefined));
  t.equal(cp.logs?.kind, 'clickhouse');
  await shipAndRead(t, 'app/web/2');
});
