// The ECS JSON endpoint driven by the real @aws-sdk/client-ecs (JS SDK v3), signing with a Berth access key:
// a rich task definition round trip, SDK pagination over 150 revisions, and errors as SDK exception classes.
import t, { type Test } from 'tap';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClusterNotFoundException, CreateClusterCommand, DeleteClusterCommand, DescribeTaskDefinitionCommand, ECSClient, ECSServiceException,
  ListClustersCommand, RegisterTaskDefinitionCommand, paginateListTaskDefinitions, type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { BerthClient } from '@berth/api';
import { startServer, silentLogger } from '../src/index.js';
import { REPO_ROOT, uniq, adminClient } from './helpers.js';
import { userWithKey } from './aws-clients.js';

// No client may ever look for credentials or regions outside this test (conventions page).
process.env.AWS_EC2_METADATA_DISABLED = 'true';

const dir = mkdtempSync(join(tmpdir(), 'berth-ecs-sdk-'));
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml') });
const admin = adminClient(join(dir, 'config.yaml'));
const creds = await userWithKey(admin, 'sdk-test');
const sdk = (secret = creds.secret, accessKeyId = creds.id) =>
  new ECSClient({ endpoint: `http://${server.ecsAddr}`, region: 'eu-central-1', credentials: { accessKeyId, secretAccessKey: secret }, maxAttempts: 1 });
const ecs = sdk();
t.teardown(async () => {
  ecs.destroy();
  admin.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Deep equality of what was sent inside what came back (ECS adds computed members, never changes sent ones). */
function sentIsKept(t: Test, got: unknown, sent: unknown, path: string): void {
  if (Array.isArray(sent)) {
    t.equal((got as unknown[] | undefined)?.length, sent.length, `${path} length`);
    sent.forEach((v, i) => sentIsKept(t, (got as unknown[])?.[i], v, `${path}[${i}]`));
  } else if (sent !== null && typeof sent === 'object') {
    for (const [k, v] of Object.entries(sent)) sentIsKept(t, (got as Record<string, unknown>)?.[k], v, `${path}.${k}`);
  } else {
    t.equal(got, sent, path);
  }
}

t.test('a rich task definition from a real ECS JSON file comes back unchanged', async (t) => {
  const input = JSON.parse(readFileSync(`${REPO_ROOT}examples/taskdefs/rich-awsvpc.json`, 'utf8')) as RegisterTaskDefinitionCommandInput;
  input.family = uniq(input.family!);
  const reg = await ecs.send(new RegisterTaskDefinitionCommand(input));
  t.equal(reg.$metadata.httpStatusCode, 200);
  t.equal(reg.taskDefinition?.revision, 1);
  const desc = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${input.family}:1`, include: ['TAGS'] }));
  const { tags, cpu, memory, ...sent } = input;
  sentIsKept(t, desc.taskDefinition, sent, 'taskDefinition');
  // ECS's one rewrite: "1 vCPU" and "2 GB" come back as units and MiB.
  t.equal(desc.taskDefinition?.cpu, cpu === '1 vCPU' ? '1024' : cpu);
  t.equal(desc.taskDefinition?.memory, memory === '2 GB' ? '2048' : memory);
  t.same(desc.tags, tags ?? []);
  t.type(desc.taskDefinition?.registeredAt, Date, 'timestamps arrive as numbers the SDK turns into Dates');
});

t.test('paginateListTaskDefinitions walks 150 revisions registered through the SDK', async (t) => {
  const family = uniq('sdk-many');
  for (let i = 0; i < 150; i++) {
    await ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions: [{ name: 'app', image: 'berth-test/busybox:latest', memory: 16, command: ['/bin/true'] }] }));
  }
  const arns: string[] = [];
  let pages = 0;
  for await (const page of paginateListTaskDefinitions({ client: ecs, pageSize: 40 }, { familyPrefix: family })) {
    pages++;
    arns.push(...(page.taskDefinitionArns ?? []));
  }
  t.equal(arns.length, 150);
  t.equal(new Set(arns).size, 150, 'no revision twice');
  t.equal(pages, 4, 'pages of 40');
  t.match(arns[0], new RegExp(`task-definition/${family}:1$`));
  t.match(arns[149], new RegExp(`task-definition/${family}:150$`));
});

t.test('errors are the SDK exception classes', async (t) => {
  const missing = await ecs.send(new DeleteClusterCommand({ cluster: uniq('missing') })).catch((e: unknown) => e);
  t.ok(missing instanceof ClusterNotFoundException, 'ClusterNotFoundException');
  t.equal((missing as ECSServiceException).$fault, 'client');
  t.equal((missing as ECSServiceException).$metadata.httpStatusCode, 400);

  const bad = await ecs.send(new RegisterTaskDefinitionCommand({ family: 'bad family!', containerDefinitions: [{ name: 'a', image: 'x', memory: 8 }] })).catch((e: unknown) => e);
  t.equal((bad as Error).name, 'InvalidParameterException');
  t.equal((bad as Error).message, "'family' may contain only letters, numbers, hyphens and underscores ('bad family!' given).", 'ECS\'s text alone');

  const forged = sdk(creds.secret.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
  t.teardown(() => forged.destroy());
  const sig = await forged.send(new ListClustersCommand({})).catch((e: unknown) => e);
  t.equal((sig as Error).name, 'InvalidSignatureException');
  t.match((sig as Error).message, /signature we calculated does not match/);
  const stranger = sdk(creds.secret, 'AKIAAAAAAAAAAAAAAAAA');
  t.teardown(() => stranger.destroy());
  t.equal(((await stranger.send(new ListClustersCommand({})).catch((e: unknown) => e)) as Error).name, 'UnrecognizedClientException');

  // An action Berth does not implement: the SDK sees its name in the error.
  const { ListServicesByNamespaceCommand } = await import('@aws-sdk/client-ecs');
  const unimpl = await ecs.send(new ListServicesByNamespaceCommand({ namespace: 'x' })).catch((e: unknown) => e);
  t.equal((unimpl as Error).name, 'UnsupportedFeatureException');
  t.match((unimpl as Error).message, /ListServicesByNamespace/);

  const ok = await ecs.send(new CreateClusterCommand({ clusterName: uniq('sdk') }));
  t.equal(ok.cluster?.status, 'ACTIVE', 'and a good call still works');
});
