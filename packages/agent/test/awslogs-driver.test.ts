// Docker's own awslogs log driver ships a real container's output to Berth's CloudWatch Logs API
// (awslogs-endpoint = Berth's AWS listener), signed as an IAM user allowed to write that group only: every
// line arrives, in order, and a line longer than Docker's 16 KiB read buffer arrives whole.
//
// Credentials: ECS gives the driver awslogs-credentials-endpoint, which dockerd fetches from
// 169.254.170.2 (the agent's credentials endpoint, issue 17). Until that exists this test gives a second
// dockerd of its own the user's key in its environment (the driver's default credential chain), so the
// host's dockerd and network are left alone.
import t from 'tap';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { IAM_API, type Iam } from '@berth/core';
import { SecondDockerd } from './second-dockerd.js';
import { IMAGE, startControlPlane, tmp, until } from './e2e-helpers.js';

const LINES = 2000;
const { dir, cleanup } = tmp('berth-awslogs-');
t.teardown(cleanup);

const cp = await startControlPlane({ store: `file:${join(dir, 'berth.db')}`, port: 0, ecsJson: { listen: '127.0.0.1:0' } });
t.teardown(() => cp.close());
const group = `/ecs/awslogs-${process.pid}`;
const admin = cp.client();
t.teardown(() => admin.close());
await admin.callApi(IAM_API, 'CreateUser', { UserName: 'shipper' });
await admin.callApi(IAM_API, 'PutUserPolicy', {
  UserName: 'shipper', PolicyName: 'ship',
  PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:*:*:log-group:${group}:*` }] }),
});
const { AccessKey } = (await admin.callApi(IAM_API, 'CreateAccessKey', { UserName: 'shipper' })) as Iam.CreateAccessKeyResponse;

const dockerd = await SecondDockerd.start({ AWS_ACCESS_KEY_ID: AccessKey.AccessKeyId, AWS_SECRET_ACCESS_KEY: AccessKey.SecretAccessKey });
t.teardown(() => dockerd.close());

t.test('a container logging with awslogs to Berth: every line, in order, the long one whole', async (t) => {
  const script = `seq 1 ${LINES} | sed 's/^/line /'; head -c 40960 /dev/zero | tr '\\0' x; echo`;
  // Not execFileSync: the server answering the driver runs in this process.
  await promisify(execFile)('docker', ['run', '--rm', '--network', 'none', '--log-driver', 'awslogs',
    '--log-opt', `awslogs-endpoint=http://${cp.ecsAddr}`, '--log-opt', 'awslogs-region=us-east-1',
    '--log-opt', `awslogs-group=${group}`, '--log-opt', 'awslogs-stream=app/web/1', '--log-opt', 'awslogs-create-group=true',
    IMAGE, 'sh', '-c', script], { env: { ...process.env, DOCKER_HOST: dockerd.host } });
  const messages = await until(`${LINES + 1} events in the log store`, async () => {
    const got: string[] = [];
    let token: string | undefined;
    for (;;) {
      const page = await cp.logs!.getLogEvents(group, 'app/web/1', { startFromHead: true, ...(token ? { nextToken: token } : {}) }).catch(() => undefined);
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
});
