// RunTask, StartTask, CreateService and UpdateService refuse task definitions the agent would not run
// (awsvpc, EFS, repositoryCredentials, a FireLens option the log router lacks... core's agent-support table) with UnsupportedFeatureException naming
// the member, and write nothing. Real gRPC on the file store, no Docker.
import t from 'tap';
import { sessionKey } from '../src/index.js';
import { startTestServer, rejection, uniq, until } from './helpers.js';

const ts = await startTestServer();
t.teardown(() => ts.close());
const { client } = ts;
const { store } = ts.server.ctx;

t.test('definitions the agent would not run are kept, and refused at RunTask, StartTask, CreateService and UpdateService', async (t) => {
  const cluster = uniq('refuse');
  await client.call('CreateCluster', { clusterName: cluster });
  const { containerInstance } = await client.call('RegisterContainerInstance', {
    cluster,
    totalResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 },
    ],
  });
  const instanceArn = containerInstance!.containerInstanceArn!;
  await store.put(sessionKey(instanceArn.slice(instanceArn.lastIndexOf('/') + 1)), JSON.stringify({ sessionId: 'test' }));
  const app = { name: 'app', image: 'busybox', memory: 64, mountPoints: [] as { sourceVolume: string; containerPath: string }[] };
  const vpc = uniq('vpc');
  await client.call('RegisterTaskDefinition', { family: vpc, networkMode: 'awsvpc', containerDefinitions: [app] });
  const efs = uniq('efs');
  const reg = await client.call('RegisterTaskDefinition', {
    family: efs,
    volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', rootDirectory: '/export' } }],
    containerDefinitions: [{ ...app, mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] }],
  });
  t.same(reg.taskDefinition?.volumes?.[0]?.efsVolumeConfiguration, { fileSystemId: 'fs-12345678', rootDirectory: '/export', transitEncryption: 'DISABLED' }, 'EFS configuration kept as given, with ECS\'s default');

  const secrets = uniq('secrets');
  await client.call('RegisterTaskDefinition', { family: secrets, containerDefinitions: [{ ...app, repositoryCredentials: { credentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hub-AbCdEf' } }] });
  const firelens = uniq('firelens');
  await client.call('RegisterTaskDefinition', { family: firelens, containerDefinitions: [{ ...app, name: 'log', firelensConfiguration: { type: 'fluentbit' } }, { ...app, logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch_logs', role_arn: 'arn:aws:iam::123456789012:role/x' } } }] });
  const before = await store.revision();
  const refusals = [
    [vpc, 'networkMode', /uses networkMode awsvpc, which Berth does not support/],
    [efs, 'volumes[0].efsVolumeConfiguration', /Volume 'data' of .* uses efsVolumeConfiguration, which Berth does not support/],
    [secrets, 'containerDefinitions[0].repositoryCredentials', /Container 'app' of .* uses repositoryCredentials, which Berth does not support/],
    [firelens, 'containerDefinitions[1].logConfiguration.options', /Container 'app' of .* uses logConfiguration.options role_arn, which Berth does not support: berth-log-router's cloudwatch_logs output has no option role_arn/],
  ] as const;
  const service = uniq('svc');
  await client.call('RegisterTaskDefinition', { family: service, containerDefinitions: [app] });
  await client.call('CreateService', { cluster, serviceName: service, taskDefinition: service, desiredCount: 0 });
  // The leader's cluster counts (the instance, the service) settle first, so a write after this is the test's.
  await until('the cluster counts settled', async () => {
    await ts.server.leader.flushClusterStats();
    const c = (await client.call('DescribeClusters', { clusters: [cluster] })).clusters![0]!;
    return c.registeredContainerInstancesCount === 1 && c.activeServicesCount === 1;
  });
  const afterService = await store.revision();
  for (const [family, field, re] of refusals) {
    // Each refusal is caught as it is made: they come back in any order (the launches read no store).
    const calls = {
      RunTask: rejection(client.call('RunTask', { cluster, taskDefinition: family })),
      StartTask: rejection(client.call('StartTask', { cluster, taskDefinition: family, containerInstances: [instanceArn] })),
      CreateService: rejection(client.call('CreateService', { cluster, serviceName: uniq('s'), taskDefinition: family, desiredCount: 1 })),
      UpdateService: rejection(client.call('UpdateService', { cluster, service, taskDefinition: family })),
    };
    for (const [action, call] of Object.entries(calls)) {
      const e = await call;
      t.equal(e.ecsName, 'UnsupportedFeatureException', `${action} ${family}: ${e.message}`);
      t.equal(e.field, field, `${action} ${family}: field`);
      t.match(e.message, re, `${action} ${family}: message`);
    }
  }
  t.equal(await store.revision(), afterService, 'nothing written');
  t.ok(afterService > before);
  const d = await client.call('DescribeTaskDefinition', { taskDefinition: efs });
  t.equal(d.taskDefinition?.volumes?.[0]?.name, 'data', 'the definition is still there');
});
