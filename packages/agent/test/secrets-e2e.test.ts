// Secrets into containers end to end: a real control plane, a real berth-agent and the real dockerd. A task
// whose execution role allows them gets a Secrets Manager value (one key of a JSON secret, and a whole one
// by its name) and a SecureString parameter as environment variables; the values are nowhere else: not in
// ECS_DATADIR, the agent's or the server's log, the store's task and assignment records or the events. A
// task whose execution role does not allow its secret stops with ECS's ResourceInitializationError.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { Logger } from '@berth/api';
import { ECS_TASKS_PRINCIPAL, IAM_API, SECRETSMANAGER_API, SSM_API } from '@berth/core';
import { IMAGE, connectedInstances, containersWithLabel, docker, freePort, removeContainersWithLabel, spawnAgent, startControlPlane, tmp, until, waitForTask } from './e2e-helpers.js';

t.setTimeout(180_000);

const serverLines: string[] = [];
const keep = (level: string) => (msg: string, f?: object) => void serverLines.push(JSON.stringify({ level, msg, ...f }));
const log: Logger = { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
const work = tmp('berth-secrets-e2e-');
const server = await startControlPlane({ store: `file:${join(work.dir, 'berth.db')}`, port: await freePort(), log });
const client = server.client();
const cluster = `secrets-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });
const agent = spawnAgent({ ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ...server.joinEnv });
t.teardown(async () => {
  agent.child.kill('SIGKILL');
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  client.close();
  await server.close();
  work.cleanup();
});
await until('the agent connected', async () => (await connectedInstances(client, cluster)).length === 1 || undefined);

const { accountId, region } = server.ctx.identity;
const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const PASSWORD = `pw-${suffix}-Zq`;
const TOKEN = `tok-${suffix}-Xy`;
const KEY = `key-${suffix}-Wv`;
const sm = (action: string, req: object) => client.callApi(SECRETSMANAGER_API, action, req) as Promise<{ ARN: string }>;
const iam = (action: string, req: object) => client.callApi(IAM_API, action, req);
const db = await sm('CreateSecret', { Name: `db-${suffix}`, SecretString: JSON.stringify({ user: 'app', password: PASSWORD }) });
await sm('CreateSecret', { Name: `token-${suffix}`, SecretString: TOKEN });
await client.callApi(SSM_API, 'PutParameter', { Name: `/app-${suffix}/key`, Type: 'SecureString', Value: KEY });

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ECS_TASKS_PRINCIPAL }, Action: 'sts:AssumeRole' }] });
const role = async (name: string, statements: object[]) => {
  await iam('CreateRole', { RoleName: name, AssumeRolePolicyDocument: trust });
  await iam('PutRolePolicy', { RoleName: name, PolicyName: 'Secrets', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
  return `arn:aws:iam::${accountId}:role/${name}`;
};
const exec = await role(`exec-${suffix}`, [
  { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [`arn:aws:secretsmanager:${region}:${accountId}:secret:db-${suffix}-*`, `arn:aws:secretsmanager:${region}:${accountId}:secret:token-${suffix}-*`] },
  { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: `arn:aws:ssm:${region}:${accountId}:parameter/app-${suffix}/*` },
]);
const narrow = await role(`narrow-${suffix}`, [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:${region}:${accountId}:secret:token-${suffix}-*` }]);

const secrets = [
  { name: 'DB_PASSWORD', valueFrom: `${db.ARN}:password::` },
  { name: 'API_TOKEN', valueFrom: `arn:aws:secretsmanager:${region}:${accountId}:secret:token-${suffix}` },
  { name: 'APP_KEY', valueFrom: `/app-${suffix}/key` },
];
const register = async (family: string, executionRoleArn: string) => (await client.call('RegisterTaskDefinition', {
  family, executionRoleArn, containerDefinitions: [{ name: 'app', image: IMAGE, memory: 32, command: ['sleep', '60'], secrets }],
})).taskDefinition!.taskDefinitionArn!;
const run = async (taskDefinition: string) => (await client.call('RunTask', { cluster, taskDefinition })).tasks![0]!.taskArn!;

/** Every file under a directory, as text. */
function filesUnder(dir: string): string {
  return readdirSync(dir, { recursive: true }).map((f) => join(dir, String(f))).filter((p) => statSync(p).isFile()).map((p) => readFileSync(p, 'latin1')).join('\n');
}

t.test('a task gets its secrets as environment variables, and nothing else holds them', async (t) => {
  const taskArn = await run(await register(`with-secrets-${suffix}`, exec));
  await waitForTask(client, cluster, taskArn, 'RUNNING', 60_000);
  const [id] = containersWithLabel(`com.amazonaws.ecs.task-arn=${taskArn}`);
  const env: string[] = JSON.parse(docker('inspect', '--format', '{{json .Config.Env}}', id!));
  t.ok(env.includes(`DB_PASSWORD=${PASSWORD}`), 'one key of a JSON secret');
  t.ok(env.includes(`API_TOKEN=${TOKEN}`), 'a secret by its partial ARN');
  t.ok(env.includes(`APP_KEY=${KEY}`), 'a SecureString parameter, decrypted');

  const store = (await server.ctx.store.range('/berth/v1/')).kvs.filter((kv) => !/\/(secrets|parameters)\//.test(kv.key)).map((kv) => kv.value.toString()).join('\n');
  const described = JSON.stringify(await client.call('DescribeTasks', { cluster, tasks: [taskArn] }));
  for (const [what, text] of [['ECS_DATADIR', filesUnder(agent.dataDir)], ["the agent's log", agent.logs.join('\n')], ["the server's log", serverLines.join('\n')],
    ['the store\'s task, assignment and event records', store], ['DescribeTasks', described]] as const) {
    for (const v of [PASSWORD, TOKEN, KEY]) t.notOk(text.includes(v), `not in ${what}`);
  }
  await client.call('StopTask', { cluster, task: taskArn });
});

t.test('an execution role that does not allow a secret stops the task with ECS\'s reason', async (t) => {
  const taskArn = await run(await register(`denied-${suffix}`, narrow));
  const stopped = await waitForTask(client, cluster, taskArn, 'STOPPED', 60_000);
  t.match(stopped.stoppedReason, new RegExp(`^ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: AccessDeniedException: User: arn:aws:sts::${accountId}:assumed-role/narrow-${suffix}/\\w+ is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:${region}:${accountId}:secret:db-${suffix}-\\w{6}`));
  t.same(containersWithLabel(`com.amazonaws.ecs.task-arn=${taskArn}`), [], 'no container was created');
});
