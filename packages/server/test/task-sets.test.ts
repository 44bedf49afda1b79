// Task sets over gRPC on the file store, without agents: what the actions answer and refuse, and that a
// deleted EXTERNAL service takes its task sets with it. (The flow with running tasks is the agent
// package's task-sets-sdk-e2e test.)
import t from 'tap';
import { rejection, startTestServer, uniq, until } from './helpers.js';
import { serviceTaskSets } from '../src/state/task-sets.js';

const ts = await startTestServer({ server: { services: { resyncSeconds: 1 } } });
t.teardown(() => ts.close());
const { client } = ts;
const { store } = ts.server.ctx;

const cluster = uniq('tsets');
await client.call('CreateCluster', { clusterName: cluster });
const family = uniq('tsets-td');
const td = (await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'berth-test/busybox:latest', memory: 16 }] })).taskDefinition!.taskDefinitionArn!;

t.test('CreateService with the EXTERNAL controller: ECS rules', async (t) => {
  const withTd = await rejection(client.call('CreateService', { cluster, serviceName: uniq('x'), desiredCount: 1, taskDefinition: td, deploymentController: { type: 'EXTERNAL' } }));
  t.same([withTd.ecsName, withTd.field], ['InvalidParameterException', 'taskDefinition']);
  const daemon = await rejection(client.call('CreateService', { cluster, serviceName: uniq('x'), schedulingStrategy: 'DAEMON', deploymentController: { type: 'EXTERNAL' } }));
  t.same([daemon.ecsName, daemon.field], ['InvalidParameterException', 'schedulingStrategy']);
  const codeDeploy = await rejection(client.call('CreateService', { cluster, serviceName: uniq('x'), desiredCount: 1, taskDefinition: td, deploymentController: { type: 'CODE_DEPLOY' } }));
  t.same([codeDeploy.ecsName, codeDeploy.field], ['UnsupportedFeatureException', 'deploymentController.type']);
});

t.test('task set actions: answers and refusals', async (t) => {
  const service = uniq('ext');
  await client.call('CreateService', { cluster, serviceName: service, desiredCount: 3, deploymentController: { type: 'EXTERNAL' } });
  const { taskSet: a } = await client.call('CreateTaskSet', { cluster, service, taskDefinition: family, scale: { value: 50, unit: 'PERCENT' }, tags: [{ key: 'k', value: 'v' }] });
  t.equal(a?.computedDesiredCount, 2, '50% of 3, rounded up');
  t.equal(a?.taskDefinition, td, 'a bare family is its latest revision');
  t.same(a?.tags, [{ key: 'k', value: 'v' }]);

  const described = await client.call('DescribeTaskSets', { cluster, service, taskSets: [a!.id!, 'ecs-svc/0000000000000000001'] });
  t.notOk(described.taskSets?.[0]?.tags, 'tags only with include TAGS');
  t.same(described.failures?.map((f) => f.reason), ['MISSING']);
  t.same((await client.call('DescribeTaskSets', { cluster, service, include: ['TAGS'] })).taskSets?.[0]?.tags, [{ key: 'k', value: 'v' }]);

  // Each call is made when its row is checked: made all at once, a refusal waits unhandled while an earlier
  // row is awaited (tap fails that as an unhandled rejection), and their order of arrival would not be the table's.
  const cases: [string, () => Promise<unknown>, string, string | undefined][] = [
    ['no such task set', () => client.call('UpdateTaskSet', { cluster, service, taskSet: 'ecs-svc/0000000000000000001', scale: { value: 1, unit: 'PERCENT' } }), 'TaskSetNotFoundException', 'taskSet'],
    ['a scale over 100%', () => client.call('UpdateTaskSet', { cluster, service, taskSet: a!.id!, scale: { value: 150, unit: 'PERCENT' } }), 'InvalidParameterException', 'scale.value'],
    ['load balancers', () => client.call('CreateTaskSet', { cluster, service, taskDefinition: family, loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:x', containerName: 'app', containerPort: 80 }] }), 'UnsupportedFeatureException', 'loadBalancers'],
    ['deleting a task set scaled above 0', () => client.call('DeleteTaskSet', { cluster, service, taskSet: a!.taskSetArn! }), 'InvalidParameterException', 'force'],
    ['a new task definition through UpdateService', () => client.call('UpdateService', { cluster, service, taskDefinition: family }), 'InvalidParameterException', 'taskDefinition'],
    ['a missing service', () => client.call('CreateTaskSet', { cluster, service: uniq('none'), taskDefinition: family }), 'ServiceNotFoundException', 'service'],
  ];
  for (const [what, call, ecsName, field] of cases) {
    const e = await rejection(call());
    t.same([e.ecsName, e.field], [ecsName, field], what);
  }
  const plain = uniq('ecs');
  await client.call('CreateService', { cluster, serviceName: plain, desiredCount: 0, taskDefinition: family });
  const notExternal = await rejection(client.call('CreateTaskSet', { cluster, service: plain, taskDefinition: family }));
  t.equal(notExternal.message, `The service ${plain} uses the ECS deployment controller; task sets need the EXTERNAL deployment controller.`);

  const forced = await client.call('DeleteTaskSet', { cluster, service, taskSet: a!.id!, force: true });
  t.equal(forced.taskSet?.status, 'DRAINING');
  t.equal(forced.taskSet?.computedDesiredCount, 0);
  await until('the drained task set gone (it had no task)', async () => (await serviceTaskSets(store, cluster, service)).length === 0 || undefined);
  const primary = await rejection(client.call('UpdateServicePrimaryTaskSet', { cluster, service, primaryTaskSet: a!.id! }));
  t.same([primary.ecsName, primary.field], ['TaskSetNotFoundException', 'primaryTaskSet'], 'a removed task set is not found');
});

t.test('a deleted EXTERNAL service takes its task sets with it', async (t) => {
  const service = uniq('gone');
  await client.call('CreateService', { cluster, serviceName: service, desiredCount: 2, deploymentController: { type: 'EXTERNAL' } });
  await client.call('CreateTaskSet', { cluster, service, taskDefinition: family });
  await client.call('CreateTaskSet', { cluster, service, taskDefinition: family, scale: { value: 0, unit: 'PERCENT' } });
  t.equal((await serviceTaskSets(store, cluster, service)).length, 2);
  await client.call('DeleteService', { cluster, service, force: true });
  await until('INACTIVE', async () => (await client.call('DescribeServices', { cluster, services: [service] })).services?.[0]?.status === 'INACTIVE' || undefined);
  t.same(await serviceTaskSets(store, cluster, service), [], 'no task-set key left');
  const after = await rejection(client.call('DescribeTaskSets', { cluster, service }));
  t.equal(after.ecsName, 'ServiceNotFoundException');
});
