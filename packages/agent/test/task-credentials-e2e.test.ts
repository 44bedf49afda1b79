// Task-role credentials end to end (issue 17 §4-5): a real control plane minting 30-second credentials, a
// real berth-agent that owns this machine's address translation (BERTH_CREDENTIALS_ENDPOINT=on), the real
// dockerd and Debian's AWS CLI.
// - the AWS CLI given only AWS_CONTAINER_CREDENTIALS_FULL_URI (the endpoint on loopback) is the task's role
//   session: it may call what the role allows and is refused the rest;
// - the credentials are refreshed past half their life; the old ones are refused once expired, and the
//   task's all once it stopped;
// - a bridge-mode container reads its credentials at 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
//   with busybox wget; another task's container is refused that path; no container opens a TCP connection
//   to a port that listens only on the host's 127.0.0.1;
// - dockerd's awslogs driver ships a container's lines to Berth's log store with the execution role's
//   credentials, fetched from 169.254.170.2 (the OUTPUT rule); no container reads those.
// This file changes the host's iptables, routes and a sysctl (through the agent); it checks first that none
// of that is there, and at the end removes exactly it with `berth-agent --uninstall-credentials-rules`.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import t from 'tap';
import { BerthClient } from '@berth/api';
import { ECS_TASKS_PRINCIPAL, IAM_API } from '@berth/core';
import { credentialsTranslation } from '../src/credentials/address-translation.js';
import { bridgeGateway, bridgeInterface } from '../src/endpoints/bridge-address.js';
import {
  IMAGE, REPO_ROOT, containersWithLabel, docker, freePort, listening, spawnAgent, startTestCluster, until, waitForTask, type AgentProcess,
} from './e2e-helpers.js';

t.setTimeout(300_000);
const run = promisify(execFile);
/** A set-up step that throws fails as an assertion naming it: CI's summary prints assertions, not stderr. */
async function step<T>(name: string, f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (e) {
    t.fail(`set-up: ${name}: ${(e as Error).stack ?? e}`);
    throw e;
  }
}

const bridge = await bridgeInterface(new Docker());
const gateway = (await bridgeGateway(new Docker()))!;
/** Whether a piece of the translation is there (whatever the port, for the nat rules). */
const present = (argv: string[], output?: string) => {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  return r.status === 0 && (output === undefined || (output === '*' ? r.stdout.trim() !== '' : r.stdout.trim() === output));
};
const translationOnHost = () => {
  const fixed = credentialsTranslation({ bridge, port: 1 }).slice(0, 3).filter((r) => present(r.check, r.checkOutput)).map((r) => r.name);
  const nat = execFileSync('iptables', ['-w', '-t', 'nat', '-S'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('169.254.170.2'));
  return [...fixed, ...nat];
};
// Another agent owning the translation on this machine (make up's) would have its rules removed with ours.
await step('a host without the translation', () => {
  const before = translationOnHost();
  if (before.length) throw new Error(`this host already has the credentials address translation (another agent with BERTH_CREDENTIALS_ENDPOINT=on?): ${before.join('; ')}`);
});

// A fixed port, as 51679 is in production: a restarted agent finds its translation in place.
const agentEnv = { BERTH_CREDENTIALS_ENDPOINT: 'on', BERTH_CREDENTIALS_ADDR: `127.0.0.1:${await freePort()}` };
const { server, client, cluster, agents: [agent] } = await step('the cluster', () => startTestCluster('creds', t.teardown, {
  server: { ecsJson: { listen: '127.0.0.1:0' }, taskCredentials: { lifetimeSeconds: 30 } },
  agents: [agentEnv],
}));
let restarted: AgentProcess | undefined;
const uninstall = () => spawnSync(process.execPath, [`${REPO_ROOT}packages/agent/bin/berth-agent.js`, '--uninstall-credentials-rules'], {
  env: { PATH: process.env.PATH ?? '', ECS_DATADIR: agent!.dataDir, ECS_AGENT_CONFIG_FILE_PATH: join(agent!.dataDir, 'none.json') }, encoding: 'utf8',
});
// Whatever happens: the host gets back what it had (nothing, checked above).
t.teardown(async () => {
  for (const a of [agent!, restarted]) a?.child.kill('SIGKILL');
  await Promise.all([agent!.exited, restarted?.exited]);
  uninstall();
});

const credentialsAddr = await step('the endpoint', () => until('the credentials endpoint listening', async () => listening(agent!).credentials));
const port = Number(credentialsAddr.split(':').pop());
await step('the translation', () => until('the address translation installed', async () => credentialsTranslation({ bridge, port }).every((r) => present(r.check, r.checkOutput))));

const { accountId } = server.ctx.identity;
const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const iam = (action: string, req: object) => client.callApi(IAM_API, action, req);
const roleName = `creds-app-${suffix}`;
await iam('CreateRole', {
  RoleName: roleName,
  AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ECS_TASKS_PRINCIPAL }, Action: 'sts:AssumeRole' }] }),
});
await iam('PutRolePolicy', { RoleName: roleName, PolicyName: 'List', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:ListClusters', Resource: '*' }] }) });
const taskRoleArn = `arn:aws:iam::${accountId}:role/${roleName}`;

const family = `creds-${suffix}`;
await client.call('RegisterTaskDefinition', {
  family, taskRoleArn, networkMode: 'bridge',
  containerDefinitions: [{
    name: 'app', image: IMAGE, memory: 32, command: ['sleep', '600'],
    // What a container needs to send packets for 127.0.0.1 out to the host (the attempt below).
    linuxParameters: { capabilities: { add: ['NET_ADMIN'] } }, systemControls: [{ namespace: 'net.ipv4.conf.eth0.route_localnet', value: '1' }],
  }],
});
const runTask = async () => {
  const arn = (await client.call('RunTask', { cluster, taskDefinition: family })).tasks![0]!.taskArn!;
  await waitForTask(client, cluster, arn, 'RUNNING', 60_000);
  const [id] = containersWithLabel(`com.amazonaws.ecs.task-arn=${arn}`);
  const env: string[] = JSON.parse(docker('inspect', '--format', '{{json .Config.Env}}', id!));
  const uri = env.find((e) => e.startsWith('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI='))?.split('=')[1];
  return { arn, container: id!, env, uri: uri! };
};
const a = await step('task a', runTask);
const b = await step('task b', runTask);

/** A shell command in a task's container (its network namespace): exit status and output. */
const inContainer = (id: string, script: string) => {
  const r = spawnSync('docker', ['exec', id, 'sh', '-c', script], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};
/** The credentials endpoint on loopback, as the host and host-mode containers reach it. */
const fromEndpoint = async (uri: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${uri}`);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
};
interface Creds { AccessKeyId: string; SecretAccessKey: string; Token: string; Expiration: string; RoleArn: string }
/** Debian's AWS CLI against the AWS listener, with only the given credential settings. */
const aws = async (creds: Record<string, string>, ...args: string[]) => {
  const env = {
    PATH: process.env.PATH ?? '', HOME: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_DEFAULT_REGION: 'us-east-1', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', ...creds,
  };
  try {
    const { stdout } = await run('/usr/bin/aws', [...args, '--endpoint-url', `http://${server.ecsAddr}`, '--output', 'json'], { env });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
};
const signedWith = (c: Creds) => ({ AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, AWS_SESSION_TOKEN: c.Token });

t.test('a task with a role gets the endpoint\'s relative URI and the control plane\'s AWS listener', async (t) => {
  t.match(a.uri, /^\/v2\/credentials\/[0-9a-f-]{36}$/, 'an unguessable id per task');
  t.not(a.uri, b.uri, 'each task its own');
  t.ok(a.env.includes(`AWS_ENDPOINT_URL=http://${server.ecsAddr}`), 'AWS_ENDPOINT_URL: the advertised AWS listener');
});

t.test('a bridge-mode container reads its credentials at 169.254.170.2; another task\'s container is refused', async (t) => {
  const own = inContainer(a.container, `wget -q -O - "http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"`);
  t.equal(own.status, 0, 'wget read its own task\'s credentials');
  const creds = JSON.parse(own.out) as Creds;
  t.match(creds, { AccessKeyId: /^ASIA[A-Z2-7]{16}$/, SecretAccessKey: /^.{40}$/, Token: /./, Expiration: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, RoleArn: taskRoleArn });
  const other = inContainer(b.container, `wget -q -O - "http://169.254.170.2${a.uri}"`);
  t.not(other.status, 0, 'another task\'s container gets no answer to that path');
  t.match(other.out, /400/, `answered 400: ${other.out}`);
  t.equal(inContainer(b.container, `wget -q -O - "http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"`).status, 0, 'its own path it reads');
});

t.test('no container opens a TCP connection to a port that listens only on the host\'s 127.0.0.1', async (t) => {
  const accepted: Socket[] = [];
  const listener = createServer((s) => accepted.push(s.end('host loopback\n')));
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  t.teardown(() => listener.close());
  const q = (listener.address() as { port: number }).port;
  const attempts = {
    'the bridge gateway': `echo | nc -w 3 ${gateway} ${q}`,
    '169.254.170.2 on that port': `echo | nc -w 3 169.254.170.2 ${q}`,
    // What route_localnet on the bridge would otherwise let through: packets for 127.0.0.1 sent to the host.
    '127.0.0.1 routed to the host': `ip route del local 127.0.0.1 dev lo table local; ip route del local 127.0.0.0/8 dev lo table local; ip route add 127.0.0.1/32 via ${gateway} dev eth0 && echo | nc -w 3 127.0.0.1 ${q}`,
  };
  for (const [what, script] of Object.entries(attempts)) {
    const r = inContainer(b.container, script);
    t.notMatch(r.out, /host loopback/, `${what}: no answer from the host's loopback`);
  }
  t.equal(accepted.length, 0, 'the loopback-only listener accepted nothing');
});

t.test('the AWS CLI given only AWS_CONTAINER_CREDENTIALS_FULL_URI acts as the task\'s role', async (t) => {
  const fullUri = { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}${a.uri}` };
  const taskId = a.arn.split('/').pop();
  const who = await aws(fullUri, 'sts', 'get-caller-identity');
  t.equal(who.code, 0, who.out);
  t.equal(JSON.parse(who.out).Arn, `arn:aws:sts::${accountId}:assumed-role/${roleName}/${taskId}`);
  const allowed = await aws(fullUri, 'ecs', 'list-clusters');
  t.equal(allowed.code, 0, allowed.out);
  t.ok((JSON.parse(allowed.out).clusterArns as string[]).some((c) => c.endsWith(`/${cluster}`)), 'what the role allows');
  const denied = await aws(fullUri, 'ecs', 'create-cluster', '--cluster-name', `denied-${suffix}`);
  t.not(denied.code, 0);
  t.match(denied.out, new RegExp(`AccessDeniedException.*assumed-role/${roleName}/${taskId} is not authorized to perform: ecs:CreateCluster`), 'refused the rest');
});

t.test('30-second credentials are refreshed past half their life, the old refused once expired, all once the task stopped', async (t) => {
  const first = (await fromEndpoint(a.uri)).body as unknown as Creds;
  const second = await until('new credentials past half the lifetime', async () => {
    const c = (await fromEndpoint(a.uri)).body as unknown as Creds;
    return c.AccessKeyId !== first.AccessKeyId ? c : undefined;
  }, 40_000, 1000);
  t.ok(Date.parse(second.Expiration) > Date.parse(first.Expiration), 'a later expiration');
  t.equal((await aws(signedWith(second), 'ecs', 'list-clusters')).code, 0, 'the new ones work');
  // On gRPC too: the same seam, the token in the call's metadata.
  const grpcAs = (sessionToken: string) => new BerthClient(server.addr, { tls: { caPem: server.ca!.certPem }, credentials: { accessKeyId: second.AccessKeyId, secretAccessKey: second.SecretAccessKey, sessionToken } });
  const good = grpcAs(second.Token);
  t.ok((await good.call('ListClusters', {})).clusterArns?.some((c) => c.endsWith(`/${cluster}`)), 'gRPC ListClusters as the role');
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: { ecsName?: string }) => e.ecsName);
  t.equal(await refusal(good.call('CreateCluster', { clusterName: `denied-${suffix}` })), 'AccessDeniedException', 'gRPC: refused the rest');
  good.close();
  const forged = grpcAs(`${second.Token.slice(0, -4)}AAAA`);
  t.equal(await refusal(forged.call('ListClusters', {})), 'UnrecognizedClientException', 'gRPC: refused with another token');
  forged.close();
  await until('the first credentials refused once expired', async () => /UnrecognizedClientException/.test((await aws(signedWith(first), 'ecs', 'list-clusters')).out), 40_000, 1000);

  // Never in the agent's log or the store's records but their own (sealed).
  const store = (await server.ctx.store.range('/berth/v1/')).kvs.filter((kv) => !kv.key.includes('/task-credentials/')).map((kv) => kv.value.toString()).join('\n');
  for (const secret of [first.SecretAccessKey, first.Token, second.SecretAccessKey, second.Token]) {
    t.notOk(agent!.logs.join('\n').includes(secret), 'not in the agent\'s log');
    t.notOk(store.includes(secret), 'not in the store\'s other records');
  }
  const sealed = (await server.ctx.store.range('/berth/v1/task-credentials/')).kvs.map((kv) => kv.value.toString()).join('\n');
  t.notOk(sealed.includes(second.SecretAccessKey) || sealed.includes(second.Token), 'sealed in their own');

  await client.call('StopTask', { cluster, task: a.arn });
  await waitForTask(client, cluster, a.arn, 'STOPPED', 60_000);
  await until('the stopped task\'s credentials refused', async () => /UnrecognizedClientException/.test((await aws(signedWith(second), 'ecs', 'list-clusters')).out), 30_000, 1000);
  t.equal((await fromEndpoint(a.uri)).status, 400, 'the endpoint answers 400 for a stopped task');
});

t.test('awslogs: dockerd ships a container\'s lines to Berth with the execution role\'s credentials from 169.254.170.2', async (t) => {
  const group = `/ecs/creds-${suffix}`;
  const execRole = `creds-exec-${suffix}`;
  await iam('CreateRole', {
    RoleName: execRole,
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ECS_TASKS_PRINCIPAL }, Action: 'sts:AssumeRole' }] }),
  });
  await iam('PutRolePolicy', {
    RoleName: execRole, PolicyName: 'Logs',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:*:*:log-group:${group}:*` }] }),
  });
  const logsFamily = `creds-logs-${suffix}`;
  await client.call('RegisterTaskDefinition', {
    family: logsFamily, executionRoleArn: `arn:aws:iam::${accountId}:role/${execRole}`,
    containerDefinitions: [{
      name: 'app', image: IMAGE, memory: 32, command: ['sh', '-c', 'for i in 1 2 3; do echo "line $i"; done; sleep 600'],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': group, 'awslogs-stream-prefix': 'web', 'awslogs-create-group': 'true' } },
    }],
  });
  const arn = (await client.call('RunTask', { cluster, taskDefinition: logsFamily })).tasks![0]!.taskArn!;
  await waitForTask(client, cluster, arn, 'RUNNING', 60_000);
  const [id] = containersWithLabel(`com.amazonaws.ecs.task-arn=${arn}`);
  const lc = JSON.parse(docker('inspect', '--format', '{{json .HostConfig.LogConfig}}', id!)) as { Type: string; Config: Record<string, string> };
  t.equal(lc.Config['awslogs-endpoint'], `http://${server.ecsAddr}`, 'the driver ships to Berth');
  t.match(lc.Config['awslogs-credentials-endpoint'], /^\/v2\/credentials\/[0-9a-f-]{36}$/);
  const stream = `web/app/${arn.split('/').pop()}`;
  const lines = await until('the lines in the log store', async () => {
    const page = await server.logs!.getLogEvents(group, stream, { startFromHead: true }).catch(() => undefined);
    return page && page.events.length >= 3 ? page.events.map((e) => e.message) : undefined;
  }, 60_000, 500);
  t.same(lines, ['line 1', 'line 2', 'line 3'], `in ${group}, stream ${stream}`);
  // The execution role is the agent's and dockerd's: a container asking for it at 169.254.170.2 is refused.
  const asked = inContainer(b.container, `wget -q -O - "http://169.254.170.2${lc.Config['awslogs-credentials-endpoint']}"`);
  t.not(asked.status, 0, 'a container cannot read the execution role\'s credentials');
  t.match(asked.out, /400/);
});

t.test('a role that does not trust ecs-tasks.amazonaws.com is never handed to a task', async (t) => {
  const untrusted = `creds-untrusted-${suffix}`;
  await iam('CreateRole', {
    RoleName: untrusted,
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  });
  const arn = `arn:aws:iam::${accountId}:role/${untrusted}`;
  const ran = await client.call('RunTask', { cluster, taskDefinition: family, overrides: { taskRoleArn: arn } });
  const run = ran.tasks?.[0]?.taskArn;
  if (!run) throw new Error(`not run: ${JSON.stringify(ran.failures)}`);
  const stopped = await waitForTask(client, cluster, run, 'STOPPED', 60_000);
  t.match(stopped.containers?.[0]?.reason, new RegExp(`ECS was unable to assume the role '${arn}'`), 'the container\'s reason says why');
  t.same(containersWithLabel(`com.amazonaws.ecs.task-arn=${run}`).filter((id) => docker('inspect', '--format', '{{.State.Running}}', id) === 'true'), [], 'nothing runs');
});

t.test('the translation stays when the agent stops, a restart adds nothing, the uninstall removes exactly it', async (t) => {
  agent!.child.kill('SIGTERM');
  await agent!.exited;
  t.ok(credentialsTranslation({ bridge, port }).every((r) => present(r.check, r.checkOutput)), 'still there while containers may run');
  restarted = spawnAgent({ ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ECS_DATADIR: agent!.dataDir, ...agentEnv });
  const line = await until('the restarted agent\'s translation', async () => restarted!.logs.find((l) => l.includes('credentials endpoint address translation in place')));
  t.same(JSON.parse(line).added, [], 'a restart adds nothing');
  const nat = execFileSync('iptables', ['-w', '-t', 'nat', '-S'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('169.254.170.2'));
  t.equal(nat.length, 2, 'one PREROUTING and one OUTPUT rule, not twice');
  restarted.child.kill('SIGTERM');
  await restarted.exited;
  const un = uninstall();
  t.equal(un.status, 0, `berth-agent --uninstall-credentials-rules: ${un.stderr}`);
  t.same(translationOnHost(), [], 'all of it removed');
});
