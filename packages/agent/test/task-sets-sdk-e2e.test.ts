// An external deployment controller's flow through the real @aws-sdk/client-ecs on a real control plane, a
// real berth-agent and dockerd: CreateService with the EXTERNAL controller, a blue task set, a green one
// beside it, the primary shifted to green, blue scaled to 0 and deleted; the task counts (each task set's
// and the service's, and the tasks each carries its task set's id) are checked at every step.
import t from 'tap';
import {
  CreateServiceCommand, CreateTaskSetCommand, DeleteServiceCommand, DeleteTaskSetCommand, DescribeServicesCommand, DescribeTaskSetsCommand,
  DescribeTasksCommand, ECSClient, ListTasksCommand, RegisterTaskDefinitionCommand, UpdateServiceCommand, UpdateServicePrimaryTaskSetCommand,
  UpdateTaskSetCommand, type TaskSet,
} from '@aws-sdk/client-ecs';
import { IAM_API, type Iam } from '@berth/core';
import { IMAGE, startTestCluster, until } from './e2e-helpers.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const { server, client, cluster } = await startTestCluster('task-sets', t.teardown.bind(t), {
  server: { ecsJson: { listen: '127.0.0.1:0' }, services: { settleSeconds: 1, throttleBaseSeconds: 0.5, throttleMaxSeconds: 2, resyncSeconds: 2 } },
});
await client.callApi(IAM_API, 'CreateUser', { UserName: 'deployer' });
await client.callApi(IAM_API, 'AttachUserPolicy', { UserName: 'deployer', PolicyArn: 'arn:aws:iam::aws:policy/AmazonECS_FullAccess' });
const { AccessKey: key } = await client.callApi(IAM_API, 'CreateAccessKey', { UserName: 'deployer' }) as Iam.CreateAccessKeyResponse;
const ecs = new ECSClient({ endpoint: `http://${server.ecsAddr}`, region: 'us-east-1', credentials: { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey }, maxAttempts: 1 });
t.teardown(() => ecs.destroy());

const family = `task-sets-${process.pid}`;
const loop = "trap 'exit 0' TERM; while true; do sleep 0.2; done";
const register = async (version: string) => (await ecs.send(new RegisterTaskDefinitionCommand({
  family, networkMode: 'host', containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, cpu: 16, essential: true, command: ['/bin/sh', '-c', loop], environment: [{ name: 'VERSION', value: version }] }],
}))).taskDefinition!.taskDefinitionArn!;

const service = 'web';
const sets = async (): Promise<TaskSet[]> => (await ecs.send(new DescribeTaskSetsCommand({ cluster, service }))).taskSets ?? [];
const describe = async () => (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }))).services![0]!;
/** RUNNING tasks not asked to stop, per task set id (what each task carries in startedBy). */
async function runningBySet(): Promise<Record<string, number>> {
  const arns = (await ecs.send(new ListTasksCommand({ cluster, serviceName: service }))).taskArns ?? [];
  const tasks = arns.length ? (await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }))).tasks ?? [] : [];
  const out: Record<string, number> = {};
  for (const x of tasks) if (x.lastStatus === 'RUNNING' && x.desiredStatus === 'RUNNING') out[x.startedBy!] = (out[x.startedBy!] ?? 0) + 1;
  return out;
}
/** Waits until every task set is STEADY_STATE with these running counts (by task set id) and the service agrees. */
async function steady(what: string, want: Record<string, number>): Promise<TaskSet[]> {
  return until(what, async () => {
    const now = await sets();
    const ok = now.length === Object.keys(want).length &&
      now.every((s) => s.stabilityStatus === 'STEADY_STATE' && s.runningCount === want[s.id!] && s.computedDesiredCount === want[s.id!] && s.pendingCount === 0);
    if (!ok) return undefined;
    const s = await describe();
    const total = Object.values(want).reduce((a, b) => a + b, 0);
    const sorted = (o: Record<string, number>) => JSON.stringify(Object.entries(o).filter(([, n]) => n > 0).sort());
    return s.runningCount === total && sorted(await runningBySet()) === sorted(want) ? now : undefined;
  }, 90_000, 300);
}

t.test('an external controller deploys blue, then green, through task sets', async (t) => {
  const blueTd = await register('blue');
  const greenTd = await register('green');
  const created = await ecs.send(new CreateServiceCommand({ cluster, serviceName: service, desiredCount: 2, deploymentController: { type: 'EXTERNAL' } }));
  t.equal(created.service?.deploymentController?.type, 'EXTERNAL');
  t.same(created.service?.deployments, [], 'no deployments: the task sets say what runs');
  t.notOk(created.service?.taskDefinition);

  const blue = (await ecs.send(new CreateTaskSetCommand({ cluster, service, taskDefinition: blueTd, externalId: 'blue', scale: { value: 100, unit: 'PERCENT' }, clientToken: 'blue-1' }))).taskSet!;
  t.equal(blue.status, 'ACTIVE');
  t.equal(blue.externalId, 'blue');
  t.equal(blue.computedDesiredCount, 2);
  t.equal(blue.stabilityStatus, 'STABILIZING');
  t.match(blue.taskSetArn, new RegExp(`:task-set/${cluster}/${service}/ecs-svc/\\d{19}$`));
  const again = (await ecs.send(new CreateTaskSetCommand({ cluster, service, taskDefinition: blueTd, clientToken: 'blue-1' }))).taskSet!;
  t.equal(again.id, blue.id, 'the same clientToken returns the same task set');
  await ecs.send(new UpdateServicePrimaryTaskSetCommand({ cluster, service, primaryTaskSet: blue.taskSetArn! }));
  const [b1] = await steady('blue runs 2', { [blue.id!]: 2 });
  t.equal(b1?.status, 'PRIMARY');
  t.equal((await describe()).taskDefinition, blueTd, 'the service takes its primary task set\'s task definition');

  // Green beside blue, at half the desired count (rounded up), then all of it.
  const green = (await ecs.send(new CreateTaskSetCommand({ cluster, service, taskDefinition: greenTd, externalId: 'green', scale: { value: 50, unit: 'PERCENT' } }))).taskSet!;
  t.equal(green.computedDesiredCount, 1);
  await steady('blue 2, green 1', { [blue.id!]: 2, [green.id!]: 1 });
  const scaled = (await ecs.send(new UpdateTaskSetCommand({ cluster, service, taskSet: green.id!, scale: { value: 100, unit: 'PERCENT' } }))).taskSet!;
  t.equal(scaled.computedDesiredCount, 2);
  await steady('blue 2, green 2', { [blue.id!]: 2, [green.id!]: 2 });

  // Shift the primary: blue becomes ACTIVE, green PRIMARY.
  const primary = (await ecs.send(new UpdateServicePrimaryTaskSetCommand({ cluster, service, primaryTaskSet: green.id! }))).taskSet!;
  t.equal(primary.status, 'PRIMARY');
  const statuses = Object.fromEntries((await sets()).map((s) => [s.externalId, s.status]));
  t.same(statuses, { blue: 'ACTIVE', green: 'PRIMARY' });
  t.equal((await describe()).taskDefinition, greenTd);

  // Deleting blue while it still runs needs force; scaled to 0 first it needs none.
  const refused = await ecs.send(new DeleteTaskSetCommand({ cluster, service, taskSet: blue.id! })).catch((e: Error) => e);
  t.equal((refused as Error).name, 'InvalidParameterException');
  await ecs.send(new UpdateTaskSetCommand({ cluster, service, taskSet: blue.id!, scale: { value: 0, unit: 'PERCENT' } }));
  await steady('blue 0, green 2', { [blue.id!]: 0, [green.id!]: 2 });
  const deleted = (await ecs.send(new DeleteTaskSetCommand({ cluster, service, taskSet: blue.taskSetArn! }))).taskSet!;
  t.equal(deleted.status, 'DRAINING');
  const left = await steady('only green', { [green.id!]: 2 });
  t.same(left.map((s) => s.externalId), ['green'], 'a drained task set is gone');
  const missing = await ecs.send(new DescribeTaskSetsCommand({ cluster, service, taskSets: [blue.id!] }));
  t.equal(missing.failures?.[0]?.reason, 'MISSING');

  // The service's desired count drives the task sets; a new revision goes through a task set, not UpdateService.
  await ecs.send(new UpdateServiceCommand({ cluster, service, desiredCount: 3 }));
  await steady('green follows desiredCount 3', { [green.id!]: 3 });
  const viaService = await ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: blueTd })).catch((e: Error) => e);
  t.equal((viaService as Error).name, 'InvalidParameterException');
  t.same((await describe()).taskSets?.map((s) => [s.status, s.runningCount]), [['PRIMARY', 3]], 'DescribeServices shows the task sets');

  await ecs.send(new DeleteServiceCommand({ cluster, service, force: true }));
  await until('the service INACTIVE, its tasks stopped', async () => (await describe()).status === 'INACTIVE' || undefined, 60_000);
  t.same(await runningBySet(), {});
});
