// berth-log-router end to end, with real parts: a container on the host's dockerd logs through Docker's
// `fluentd` driver (with acknowledgements, and not async: Docker's async mode discards what is queued when
// the container stops, so the agent uses the synchronous one) into the router's
// unix socket; the router ships to Berth's CloudWatch Logs API (an in-process control plane, signed as an
// IAM user allowed that group) and to a file. The router is SIGKILLed mid-stream and started again on the
// same buffer: the log store ends with every line exactly once and in order (buffered before acknowledged,
// resent chunks recognised, a retried PutLogEvents recognised by its sequence token), and the file output,
// which has no way to recognise a repeat, has every line at least once.
import t from 'tap';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientForContext, readCliConfig } from '@berth/api';
import { IAM_API, type Iam } from '@berth/core';
import { silentLogger, startServer } from '@berth/server';

// A line at a time, acknowledged, on a machine shared with other tests: minutes, not seconds, under load.
t.setTimeout(600_000);

const BIN = fileURLToPath(new URL('../../bin/berth-log-router.js', import.meta.url));
const IMAGE = 'berth-test/busybox:latest';
const LINES = 5_000;
const dir = mkdtempSync(join(tmpdir(), 'berth-router-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml') });
t.teardown(() => server.close());
const group = `/ecs/firelens-${process.pid}`;
const admin = clientForContext(readCliConfig(join(dir, 'config.yaml')).contexts[0]!);
await admin.callApi(IAM_API, 'CreateUser', { UserName: 'router' });
await admin.callApi(IAM_API, 'PutUserPolicy', {
  UserName: 'router', PolicyName: 'ship',
  PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:*:*:log-group:${group}:*` }] }),
});
const { AccessKey } = (await admin.callApi(IAM_API, 'CreateAccessKey', { UserName: 'router' })) as Iam.CreateAccessKeyResponse;
admin.close();

const socket = join(dir, 'fluent.sock');
mkdirSync(join(dir, 'signal'));
const outFile = join(dir, 'out', 'app.log');
writeFileSync(join(dir, 'router.json'), JSON.stringify({
  outputs: [
    { Name: 'cloudwatch_logs', Match: 'app-*', region: 'us-east-1', log_group_name: group, log_stream_prefix: 'firelens/', auto_create_group: 'true', endpoint: `http://${server.ecsAddr}`, log_key: 'log' },
    { Name: 'file', Match: '*', Path: join(dir, 'out'), File: 'app.log', Format: 'plain', Mkdir: 'true' },
  ],
}));
let routerLog = '';
function startRouter(): ChildProcess {
  const p = spawn(process.execPath, [BIN, '--config', join(dir, 'router.json'), '--listen', `unix:${socket}`, '--buffer-dir', join(dir, 'buffer')], {
    env: { PATH: process.env['PATH'], AWS_ACCESS_KEY_ID: AccessKey.AccessKeyId, AWS_SECRET_ACCESS_KEY: AccessKey.SecretAccessKey },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  p.stderr!.on('data', (d: Buffer) => { routerLog += d.toString(); });
  return p;
}
const fileLines = () => (existsSync(outFile) ? readFileSync(outFile, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { log: string }).log) : []);

t.test('a router killed mid-stream and restarted: every line in the log store exactly once, in order', async (t) => {
  let router = startRouter();
  t.teardown(() => router.kill('SIGKILL'));
  await until('the router\'s socket', async () => (existsSync(socket) ? true : undefined), 20_000);
  const name = `berth-router-test-${process.pid}`;
  t.teardown(() => { spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' }); });
  const run = spawn('docker', ['run', '--rm', '--name', name, '--network', 'none', '--log-driver', 'fluentd',
    '--log-opt', `fluentd-address=unix://${socket}`, '--log-opt', 'fluentd-request-ack=true',
    '--log-opt', 'fluentd-sub-second-precision=true', '--log-opt', 'tag=app-firelens-test',
    // Docker gives a stopped container's logger two seconds to drain, then drops the rest: the container
    // stays until the test has seen every line, so what is measured is the router, not that grace.
    '-v', `${dir}/signal:/signal`,
    IMAGE, 'sh', '-c', `seq 1 ${LINES} | sed 's/^/line /'; while [ ! -f /signal/done ]; do sleep 0.2; done`], { stdio: 'ignore' });
  const exited = new Promise((resolve) => run.once('exit', resolve));
  await until('a fifth of the lines shipped to the file', async () => (fileLines().length >= LINES / 5 ? true : undefined), 180_000)
    .catch((err) => { t.comment(`router: ${routerLog.slice(-3000)}; file: ${fileLines().length} lines`); throw err; });
  router.kill('SIGKILL');
  await new Promise((r) => router.once('exit', r));
  const atKill = fileLines().length;
  t.ok(atKill < LINES, `killed mid-stream (${atKill} of ${LINES} lines in the file)`);
  await sleep(1000);
  router = startRouter();

  let seen = 0;
  const events = await until(`${LINES} events in the log store`, async () => {
    const streams = await server.logs!.describeLogStreams(group, {}).catch(() => undefined);
    const stream = streams?.items[0]?.logStreamName;
    if (!stream) return undefined;
    const got: string[] = [];
    let token: string | undefined;
    for (;;) {
      const page = await server.logs!.getLogEvents(group, stream, { startFromHead: true, ...(token ? { nextToken: token } : {}) });
      got.push(...page.events.map((e) => e.message));
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    seen = got.length;
    return got.length >= LINES ? got : undefined;
  }, 300_000).catch(async (err) => {
    writeFileSync(join(dir, 'signal', 'done'), '');
    router.kill('SIGTERM');
    await sleep(2000);
    t.comment(`${seen} events; router: ${routerLog.slice(-3000)}`);
    throw err;
  });
  writeFileSync(join(dir, 'signal', 'done'), '');
  t.equal(await exited, 0, 'the container ran to the end');
  t.equal(events.length, LINES, 'nothing lost, nothing doubled');
  t.same(events, Array.from({ length: LINES }, (_, k) => `line ${k + 1}`), 'in order');

  const inFile = await until('every line in the file', async () => {
    const lines = fileLines();
    return new Set(lines).size >= LINES ? lines : undefined;
  }, 120_000);
  t.equal(new Set(inFile).size, LINES, `the file has every line (at least once: ${inFile.length - LINES} repeated)`);
});
