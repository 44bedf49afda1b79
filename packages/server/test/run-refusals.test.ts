// RunTask and StartTask refuse task definitions Berth cannot run (awsvpc, EFS, FSx, EBS at launch) with
// InvalidParameterException naming the reason, and write nothing. Real gRPC on the file store, no Docker.
import t from 'tap';
import { sessionKey } from '../src/index.js';
import { startTestServer, rejection, uniq } from './helpers.js';

const ts = await startTestServer();
t.teardown(() => ts.close());
const { client } = ts;
const { store } = ts.server.ctx;

t.test('awsvpc and EFS definitions are kept, and refused at RunTask and StartTask', async (t) => {
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
  t.same(reg.taskDefinition?.volumes?.[0]?.efsVolumeConfiguration, { fileSystemId: 'fs-12345678', rootDirectory: '/export' }, 'EFS configuration kept as given');

  // The leader's cluster counts settle first, so a write after this is the test's.
  await ts.server.leader.flushClusterStats();
  const before = await store.revision();
  for (const [family, re] of [[vpc, /networkMode awsvpc/], [efs, /volumes\[0\] \('data'\) uses efsVolumeConfiguration/]] as const) {
    const run = await rejection(client.call('RunTask', { cluster, taskDefinition: family }));
    t.equal(run.ecsName, 'InvalidParameterException', run.message);
    t.equal(run.field, 'taskDefinition');
    t.match(run.message, re);
    const start = await rejection(client.call('StartTask', { cluster, taskDefinition: family, containerInstances: [instanceArn] }));
    t.equal(start.ecsName, 'InvalidParameterException', start.message);
    t.match(start.message, re);
  }
  t.equal(await store.revision(), before, 'nothing written');
  const d = await client.call('DescribeTaskDefinition', { taskDefinition: efs });
  t.equal(d.taskDefinition?.volumes?.[0]?.name, 'data', 'the definition is still there');
});
