// FireLens end to end, as ECS runs it: a real control plane, a real berth-agent and the real dockerd run a
// task definition written for aws-for-fluent-bit (a log router container with firelensConfiguration, an
// app container logging with awsfirelens and Fluent Bit's cloudwatch_logs options, a worker with its
// syslog options), with berth-log-router as the router. The app's numbered lines reach Berth's CloudWatch
// Logs store exactly once and in order, each record with ECS's task metadata; the worker's reach a real
// rsyslogd from Debian (RFC 5424 over TCP, started with setsid on loopback) in order; the router listened
// before the apps started, and at the end they stopped first and the router drained what it held, then
// exited by itself (0) before the task was STOPPED.
// The containers print, then wait for the test's signal, which comes once the router has taken in every
// line (its /metrics): Docker drops what it still holds of a container's output some time after the
// container exits, whatever the router does, and a loaded machine can leave it holding many lines.
//
// The router's image: no registry is reachable and there is no router image yet, so the router runs from
// the busybox test image with the host's Node runtime and this repository bind-mounted read only (host
// volumes of the task definition). It ships with an IAM user's key in its environment and the control
// plane's AWS listener in AWS_ENDPOINT_URL (a task role would need the 169.254.170.2 translation, which
// task-credentials-e2e.test.ts owns on this machine); the host network mode lets it reach loopback.
import t from 'tap';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { IAM_API, type Iam } from '@berth/core';
import { IMAGE, REPO_ROOT, docker, freePort, startTestCluster, tmp, until, waitForTask } from './e2e-helpers.js';

t.setTimeout(300_000);
const LINES = 1_000;
const EVENTS = 200;

const { server, client, cluster, agents: [agent] } = await startTestCluster('firelens', t.teardown, { server: { ecsJson: { listen: '127.0.0.1:0' } } });
const group = `/ecs/firelens-e2e-${process.pid}`;
await client.callApi(IAM_API, 'CreateUser', { UserName: 'router' });
await client.callApi(IAM_API, 'PutUserPolicy', {
  UserName: 'router', PolicyName: 'ship',
  PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:*:*:log-group:${group}:*` }] }),
});
const { AccessKey } = (await client.callApi(IAM_API, 'CreateAccessKey', { UserName: 'router' })) as Iam.CreateAccessKeyResponse;

// Debian's rsyslogd on loopback, in the foreground of its own session: one TCP input, what it receives
// written to a file as APP-NAME and the message.
const { dir: work, cleanup } = tmp('berth-rsyslog-');
t.teardown(cleanup);
const syslogPort = await freePort();
const syslogOut = join(work, 'received.log');
writeFileSync(join(work, 'rsyslog.conf'), [
  `global(workDirectory="${work}")`,
  'module(load="imtcp")',
  `input(type="imtcp" address="127.0.0.1" port="${syslogPort}" ruleset="received")`,
  'template(name="line" type="string" string="%app-name% %msg%\\n")',
  `ruleset(name="received") { action(type="omfile" file="${syslogOut}" template="line") }`,
].join('\n') + '\n');
const rsyslogd = spawn('setsid', ['/usr/sbin/rsyslogd', '-n', '-f', join(work, 'rsyslog.conf'), '-i', join(work, 'rsyslogd.pid')], { stdio: 'ignore' });
t.teardown(() => {
  const pid = existsSync(join(work, 'rsyslogd.pid')) ? Number(readFileSync(join(work, 'rsyslogd.pid'), 'utf8')) : undefined;
  if (pid) process.kill(pid, 'SIGTERM');
  rsyslogd.kill('SIGTERM');
});
await until('rsyslogd listening', () => new Promise<boolean>((resolve) => {
  const s = connect(syslogPort, '127.0.0.1', () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
}), 30_000);

const metricsPort = await freePort();
mkdirSync(join(work, 'signal'));
const waitForSignal = 'while [ ! -f /signal/done ]; do sleep 0.2; done';

/** The host's Node, its libraries and this repository, read only, for the router's container. */
const hostNode = [['usr', '/usr', '/usr'], ['lib', '/usr/lib', '/lib'], ['lib64', '/usr/lib64', '/lib64'], ['repo', REPO_ROOT, REPO_ROOT]] as const;

t.test('lines through the task\'s log router to the log store (exactly once, in order) and to rsyslogd; router first up and last down', async (t) => {
  const family = `firelens-${process.pid}`;
  await client.call('RegisterTaskDefinition', {
    family,
    networkMode: 'host',
    volumes: [...hostNode.map(([name, sourcePath]) => ({ name, host: { sourcePath } })), { name: 'signal', host: { sourcePath: join(work, 'signal') } }],
    containerDefinitions: [
      {
        name: 'log_router', image: IMAGE, memory: 128, essential: true,
        firelensConfiguration: { type: 'fluentbit' },
        entryPoint: ['/usr/bin/node'], command: [`${REPO_ROOT}packages/log-router/bin/berth-log-router.js`, '--metrics-listen', `127.0.0.1:${metricsPort}`],
        environment: [
          { name: 'AWS_ACCESS_KEY_ID', value: AccessKey.AccessKeyId }, { name: 'AWS_SECRET_ACCESS_KEY', value: AccessKey.SecretAccessKey },
          { name: 'AWS_ENDPOINT_URL', value: `http://${server.ecsAddr}` },
        ],
        mountPoints: hostNode.map(([name, , containerPath]) => ({ sourceVolume: name, containerPath, readOnly: true })),
        // Time to ship what it holds once the app has stopped (ECS's default stop timeout).
        stopTimeout: 30,
      },
      {
        name: 'worker', image: IMAGE, memory: 32, essential: false,
        command: ['sh', '-c', `seq 1 ${EVENTS} | sed 's/^/event /'; ${waitForSignal}`],
        mountPoints: [{ sourceVolume: 'signal', containerPath: '/signal', readOnly: true }],
        logConfiguration: {
          logDriver: 'awsfirelens',
          options: { Name: 'syslog', host: '127.0.0.1', port: String(syslogPort), mode: 'tcp', syslog_format: 'rfc5424', syslog_message_key: 'log', syslog_appname_preset: 'worker' },
        },
      },
      {
        name: 'app', image: IMAGE, memory: 32, essential: true,
        // After the worker (a dependsOn of its own: the router's START dependency is added beside it).
        dependsOn: [{ containerName: 'worker', condition: 'START' }],
        command: ['sh', '-c', `seq 1 ${LINES} | sed 's/^/line /'; ${waitForSignal}`],
        mountPoints: [{ sourceVolume: 'signal', containerPath: '/signal', readOnly: true }],
        logConfiguration: {
          logDriver: 'awsfirelens',
          options: { Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: group, log_stream_prefix: 'firelens/', auto_create_group: 'true' },
        },
      },
    ],
  });
  const run = await client.call('RunTask', { cluster, taskDefinition: family });
  t.same(run.failures, [], 'placed (the agent advertises FireLens)');
  const taskArn = run.tasks![0]!.taskArn!;
  const taskId = taskArn.split('/').pop()!;
  await until('the router took in every line', async () => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    return Number(/^berth_log_router_input_records_total (\d+)/m.exec(text)?.[1]) === LINES + EVENTS;
  }, 120_000).catch((e) => {
    t.comment(agent!.logs.slice(-40).join('\n'));
    throw e;
  });
  writeFileSync(join(work, 'signal', 'done'), '');
  const stopped = await waitForTask(client, cluster, taskArn, 'STOPPED', 180_000).catch((e) => {
    t.comment(agent!.logs.slice(-40).join('\n'));
    throw e;
  });
  const byName = new Map(stopped.containers!.map((c) => [c.name!, c]));
  if (byName.get('app')?.exitCode !== 0) t.comment(JSON.stringify({ reason: stopped.stoppedReason, containers: stopped.containers!.map((c) => [c.name, c.exitCode, c.reason]) }));
  t.equal(byName.get('app')?.exitCode, 0, 'the app ran to its end');
  t.equal(byName.get('log_router')?.exitCode, 0, 'the router drained and exited on SIGTERM (not killed)');

  // Everything was shipped before the router exited: the store holds every line as the task is STOPPED.
  const stream = `firelens/app-firelens-${taskId}`;
  const messages: string[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await server.logs!.getLogEvents(group, stream, { startFromHead: true, ...(token ? { nextToken: token } : {}) });
    messages.push(...page.events.map((e) => e.message));
    if (page.nextForwardToken === token) break;
    token = page.nextForwardToken;
  }
  const records = messages.map((m) => JSON.parse(m) as Record<string, string>);
  t.equal(records.length, LINES, 'nothing lost, nothing doubled');
  t.same(records.map((r) => r['log']), Array.from({ length: LINES }, (_, k) => `line ${k + 1}`), 'in order');
  const appName = docker('inspect', '-f', '{{.Name}}', byName.get('app')!.runtimeId!);
  t.match(records[0], { source: 'stdout', container_name: appName, ecs_cluster: cluster, ecs_task_arn: taskArn, ecs_task_definition: `${family}:1` }, 'Docker\'s fields and ECS\'s metadata on each record');

  // Order: the router listened before the app started; the app stopped before the router.
  const lines = agent!.logs.map((l) => { try { return JSON.parse(l) as { msg: string; container?: string; taskArn?: string }; } catch { return undefined; } }).filter((l) => l?.taskArn === taskArn);
  const listening = lines.findIndex((l) => l?.msg === 'log router listening');
  const appStarted = lines.findIndex((l) => l?.msg === 'container started' && l.container === 'app');
  t.ok(listening >= 0 && appStarted > listening, 'the app started after the router listened');
  const finished = (name: string) => Date.parse(docker('inspect', '-f', '{{.State.FinishedAt}}', byName.get(name)!.runtimeId!));
  t.ok(finished('app') <= finished('log_router') && finished('worker') <= finished('log_router'), 'the router stopped after the others');

  // The worker's lines at the real rsyslogd (its file is written as it receives them).
  const received = await until(`${EVENTS} lines at rsyslogd`, async () => {
    const got = existsSync(syslogOut) ? readFileSync(syslogOut, 'utf8').split('\n').filter(Boolean) : [];
    return got.length >= EVENTS ? got : undefined;
  }, 30_000);
  t.same(received, Array.from({ length: EVENTS }, (_, k) => `worker event ${k + 1}`), 'every worker line at rsyslogd, in order, as RFC 5424 with its app name');
});
