// Services over real gRPC on the file store, with the services controller running for real. There is no
// Docker here: a simulated agent (a polling loop calling applyTaskReport, as the dispatcher does) moves the
// tasks, and its behaviour per task definition family says whether they run, crash or never start.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import type { CreateServiceRequest, Service } from '@berth/core';
import { startServer, silentLogger } from '../src/index.js';
import { getTask, taskKey, taskOps } from '../src/state/tasks.js';
import { revisionKey } from '../src/state/task-definitions.js';
import { carriesPath, rejection, tasksOf, uniq, sleep, until } from './helpers.js';
import { startSimulatedAgent, type Behaviour } from './simulated-agent.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-svc-'));
const server = await startServer({
  insecure: true,
  listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger,
  services: { settleSeconds: 0.3, throttleBaseSeconds: 0.2, throttleMaxSeconds: 1, resyncSeconds: 1, inactiveRetentionSeconds: 2 },
});
const client = new BerthClient(server.addr);
const { ctx } = server;
const { store } = ctx;
const agents: (() => void)[] = [];
t.teardown(async () => {
  agents.forEach((stop) => stop());
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** Registers an instance whose simulated agent moves its tasks as `behaviour(family)` says. */
async function simulatedAgent(cluster: string, behaviour: (family: string) => Behaviour): Promise<string> {
  const a = await startSimulatedAgent(client, ctx, cluster, behaviour);
  agents.push(a.stop);
  return a.instance;
}

async function setup(opts: { agent?: (family: string) => Behaviour } = {}) {
  const cluster = uniq('svc');
  const family = uniq('web');
  await client.call('CreateCluster', { clusterName: cluster });
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 32 }] });
  if (opts.agent) await simulatedAgent(cluster, opts.agent);
  return { cluster, family };
}

const describe = async (cluster: string, name: string): Promise<Service> =>
  (await client.call('DescribeServices', { cluster, services: [name], include: ['TAGS'] })).services![0]!;

async function liveTasks(cluster: string, name: string) {
  return (await tasksOf(store, cluster)).filter((r) => r.task.group === `service:${name}` && r.task.lastStatus !== 'STOPPED').map((r) => r.task);
}

const stable = (cluster: string, name: string, what = 'stable') => until(what, async () => {
  const s = await describe(cluster, name);
  return s.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === s.desiredCount && s.pendingCount === 0 ? s : undefined;
});

t.test('CreateService: ECS shapes, defaults, idempotency and validation naming the field', async (t) => {
  const { cluster, family } = await setup();
  const req: CreateServiceRequest = { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 0, clientToken: 'tok-1', tags: [{ key: 'team', value: 'a' }] };
  const { service } = await client.call('CreateService', req);
  t.equal(service!.serviceArn, `arn:aws:ecs:us-east-1:000000000000:service/${cluster}/web`);
  t.equal(service!.status, 'ACTIVE');
  t.equal(service!.taskDefinition, `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:1`);
  t.match(service!.deploymentConfiguration, { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: false, rollback: false } });
  t.equal(service!.deployments!.length, 1);
  t.match(service!.deployments![0], { status: 'PRIMARY', rolloutState: 'IN_PROGRESS', desiredCount: 0, failedTasks: 0, launchType: 'EC2' });
  t.match(service!.deployments![0]!.id, /^ecs-svc\/\d{19}$/);
  t.equal(service!.deployments![0]!.rolloutStateReason, `ECS deployment ${service!.deployments![0]!.id} in progress.`);
  t.equal(service!.schedulingStrategy, 'REPLICA');
  t.match(service, { launchType: 'EC2', deploymentController: { type: 'ECS' }, propagateTags: 'NONE', enableECSManagedTags: false, enableExecuteCommand: false, healthCheckGracePeriodSeconds: 0 }, 'ECS\'s defaults');
  t.equal(service!.deploymentConfiguration!.deploymentCircuitBreaker!.resetOnHealthyTask, true);

  const again = await client.call('CreateService', req);
  t.equal(again.service!.deployments![0]!.id, service!.deployments![0]!.id, 'a retry returns the same service');
  const e = await rejection(client.call('CreateService', { ...req, desiredCount: 1 }));
  t.match(e, { ecsName: 'InvalidParameterException', message: 'Creation of service was not idempotent.' });

  const bad = async (over: Partial<CreateServiceRequest>, field: string, name = 'InvalidParameterException') => {
    const e = await rejection(client.call('CreateService', { ...req, serviceName: 'other', ...over } as CreateServiceRequest));
    t.match(e, { ecsName: name, field }, field);
    t.notOk(carriesPath(e.message, field), `ECS's text alone: ${e.message}`);
  };
  await bad({ deploymentConfiguration: { minimumHealthyPercent: 150 } }, 'deploymentConfiguration.minimumHealthyPercent');
  await bad({ deploymentConfiguration: { maximumPercent: 50 } }, 'deploymentConfiguration.maximumPercent');
  await bad({ desiredCount: -1 }, 'desiredCount');
  await bad({ desiredCount: undefined }, 'desiredCount');
  // DAEMON services (ECS's rules): no desiredCount, no placement strategy, maximumPercent 100.
  await bad({ schedulingStrategy: 'DAEMON' }, 'desiredCount');
  t.match(await rejection(client.call('CreateService', { ...req, serviceName: 'other', schedulingStrategy: 'DAEMON' })),
    { message: 'The daemon scheduling strategy does not support a desired count for services.' }, 'ECS\'s words');
  await bad({ schedulingStrategy: 'DAEMON', desiredCount: undefined, placementStrategy: [{ type: 'spread', field: 'instanceId' }] }, 'placementStrategy');
  await bad({ schedulingStrategy: 'DAEMON', desiredCount: undefined, deploymentConfiguration: { maximumPercent: 200 } }, 'deploymentConfiguration.maximumPercent');
  const dm = await client.call('CreateService', { cluster, serviceName: 'agentd', taskDefinition: family, schedulingStrategy: 'DAEMON' });
  t.match(dm.service, { schedulingStrategy: 'DAEMON', desiredCount: 0, deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100 } });
  t.match(await rejection(client.call('UpdateService', { cluster, service: 'agentd', desiredCount: 2 })), { ecsName: 'InvalidParameterException', field: 'desiredCount' });
  await client.call('DeleteService', { cluster, service: 'agentd' });
  await bad({ serviceName: 'bad name' }, 'serviceName');
  await bad({ taskDefinition: 'nope-family' }, 'taskDefinition', 'ClientException');
  await bad({ placementStrategy: [{ type: 'spread' }] }, 'placementStrategy[0].field');
  // loadBalancers are checked as ECS checks them (packages/core/test/service-load-balancers.test.ts has the table).
  await bad({ loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:x' }] }, 'loadBalancers[0].containerName');
  await bad({ loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1', containerName: 'app', containerPort: 80 }] }, 'loadBalancers[0].targetGroupArn');
  t.match(await rejection(client.call('CreateService', { ...req, cluster: 'no-such-cluster' })), { ecsName: 'ClusterNotFoundException' });

  const d = await client.call('DescribeServices', { cluster, services: ['web', 'missing'] });
  t.equal(d.services!.length, 1);
  t.equal(d.services![0]!.tags, undefined, 'tags only with include TAGS');
  t.same(d.failures, [{ arn: `arn:aws:ecs:us-east-1:000000000000:service/${cluster}/missing`, reason: 'MISSING' }]);
  t.same((await describe(cluster, service!.serviceArn!)).tags, [{ key: 'team', value: 'a' }]);
  t.same((await client.call('ListServices', { cluster })).serviceArns, [service!.serviceArn]);
  // The leader aggregates the cluster's counts from the indexes: they follow within a second.
  t.ok(await until('the cluster counts the service', async () => {
    await server.leader.flushClusterStats();
    return (await client.call('DescribeClusters', { clusters: [cluster] })).clusters![0]!.activeServicesCount === 1;
  }));
});

t.test('UpdateService and DeleteService errors', async (t) => {
  const { cluster, family } = await setup();
  t.match(await rejection(client.call('UpdateService', { cluster, service: 'nope', desiredCount: 1 })), { ecsName: 'ServiceNotFoundException', message: 'Service not found.' });
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 1 });
  t.match(await rejection(client.call('DeleteService', { cluster, service: 'web' })), { ecsName: 'InvalidParameterException', field: 'force', message: 'The service cannot be stopped while it is scaled above 0.' });
  const del = await client.call('DeleteService', { cluster, service: 'web', force: true });
  t.equal(del.service!.status, 'DRAINING');
  t.match(await rejection(client.call('UpdateService', { cluster, service: 'web', desiredCount: 2 })), { ecsName: 'ServiceNotActiveException' });
  t.same((await client.call('ListServices', { cluster })).serviceArns, [], 'DRAINING services are not listed');
  await until('INACTIVE', async () => (await describe(cluster, 'web')).status === 'INACTIVE');
  // The name can be used again once the old service is INACTIVE.
  const re = await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 0 });
  t.equal(re.service!.status, 'ACTIVE');
});

t.test('the controller keeps the desired count: scale 0 -> 3 -> 1, replace a crashed task', async (t) => {
  let crash = false;
  const { cluster, family } = await setup({ agent: () => (crash ? 'crash' : 'run') });
  const { service } = await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 0 });
  const dep = service!.deployments![0]!.id!;
  let s = await stable(cluster, 'web', 'stable at 0');
  t.match(s.events![0]!.message, '(service web) has reached a steady state.');

  await client.call('UpdateService', { cluster, service: 'web', desiredCount: 3 });
  s = await stable(cluster, 'web', 'stable at 3');
  t.equal(s.deployments![0]!.id, dep, 'scaling keeps the deployment');
  const tasks = await liveTasks(cluster, 'web');
  t.equal(tasks.length, 3);
  t.ok(tasks.every((x) => x.group === 'service:web' && x.startedBy === dep));
  t.ok(s.events!.some((e) => /^\(service web\) has started \d tasks: (\(task [0-9a-f]{32}\) ?)+\.$/.test(e.message!)), 'started event');
  const listed = await client.call('ListTasks', { cluster, serviceName: 'web' });
  t.equal(listed.taskArns!.length, 3);

  await client.call('UpdateService', { cluster, service: 'web', desiredCount: 1 });
  s = await stable(cluster, 'web', 'stable at 1');
  t.equal((await liveTasks(cluster, 'web')).length, 1);
  t.ok(s.events!.some((e) => /^\(service web\) has stopped 2 running tasks: \(task \w+\) \(task \w+\)\.$/.test(e.message!)), 'stopped event');
  const stoppedOne = (await tasksOf(store, cluster)).find((r) => r.task.lastStatus === 'STOPPED')!;
  t.equal(stoppedOne.task.stopCode, 'ServiceSchedulerInitiated');
  t.equal(stoppedOne.task.stoppedReason, `Scaling activity initiated by (deployment ${dep})`);

  const [only] = await liveTasks(cluster, 'web');
  crash = true;
  await until('the task crashed', async () => (await liveTasks(cluster, 'web')).every((x) => x.taskArn !== only!.taskArn));
  crash = false;
  s = await stable(cluster, 'web', 'replaced');
  const now = await liveTasks(cluster, 'web');
  t.equal(now.length, 1);
  t.not(now[0]!.taskArn, only!.taskArn, 'a new task replaced the crashed one');
});

t.test('rolling update to a new revision, then a crashing revision trips the breaker and rolls back', async (t) => {
  const { cluster, family } = await setup({ agent: (f) => (f.startsWith('crash') ? 'crash' : 'run') });
  const crashFamily = uniq('crash');
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'busybox:2', memory: 32 }] });
  await client.call('RegisterTaskDefinition', { family: crashFamily, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 32 }] });
  await client.call('CreateService', {
    cluster, serviceName: 'web', taskDefinition: `${family}:1`, desiredCount: 4,
    deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
  });
  await stable(cluster, 'web', 'first deployment');

  // Watch the whole rollout: never fewer than 2 RUNNING tasks that are not being stopped.
  let lowest = Infinity;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const running = (await liveTasks(cluster, 'web')).filter((x) => x.lastStatus === 'RUNNING' && x.desiredStatus === 'RUNNING').length;
      lowest = Math.min(lowest, running);
      await sleep(10);
    }
  })();
  const up = await client.call('UpdateService', { cluster, service: 'web', taskDefinition: family });
  t.equal(up.service!.deployments!.length, 2);
  t.match(up.service!.deployments!.map((d) => d.status), ['PRIMARY', 'ACTIVE']);
  const s = await stable(cluster, 'web', 'second deployment');
  watching = false;
  await watcher;
  t.ok(lowest >= 2, `never fewer than 2 running (lowest ${lowest})`);
  t.equal(s.taskDefinition, `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:2`);
  t.ok((await liveTasks(cluster, 'web')).every((x) => x.taskDefinitionArn === s.taskDefinition));
  t.ok(s.events!.some((e) => e.message === `(service web) (deployment ${s.deployments![0]!.id}) deployment completed.`));

  const bad = await client.call('UpdateService', { cluster, service: 'web', taskDefinition: crashFamily });
  const badId = bad.service!.deployments![0]!.id!;
  const back = await until('rolled back', async () => {
    const x = await describe(cluster, 'web');
    return x.deployments?.[0]?.id !== badId && x.deployments?.[0]?.status === 'PRIMARY' ? x : undefined;
  });
  t.equal(back.deployments![0]!.taskDefinition, s.taskDefinition, 'the last completed revision comes back');
  t.equal(back.deployments![0]!.rolloutStateReason, `ECS deployment circuit breaker: rolling back to deploymentId ${s.deployments![0]!.id}.`);
  t.ok(back.events!.some((e) => e.message === `(service web) (deployment ${badId}) deployment failed: tasks failed to start.`));
  const done = await stable(cluster, 'web', 'stable after rollback');
  t.equal(done.taskDefinition, s.taskDefinition);
});

t.test('no container instance: the ECS placement event, once', async (t) => {
  const { cluster, family } = await setup();
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 1 });
  const msg = '(service web) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';
  await until('placement event', async () => (await describe(cluster, 'web')).events?.some((e) => e.message === msg));
  await sleep(1500);
  t.equal((await describe(cluster, 'web')).events!.filter((e) => e.message === msg).length, 1, 'duplicates are suppressed');
});

t.test('tasks that never start are throttled and say so', async (t) => {
  const { cluster, family } = await setup({ agent: () => 'fail' });
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 1 });
  const s = await until('start impaired', async () => {
    const x = await describe(cluster, 'web');
    return x.events?.some((e) => e.message === '(service web) is unable to consistently start tasks successfully.') ? x : undefined;
  });
  t.ok(s.deployments![0]!.failedTasks! >= 3);
});

t.test('UpdateService over gRPC: an absent placement list is unchanged, an empty one removes it (as over JSON)', async (t) => {
  const { cluster, family } = await setup();
  const strategy = [{ type: 'binpack' as const, field: 'memory' }];
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 0, placementStrategy: strategy });
  const same = await client.call('UpdateService', { cluster, service: 'web', desiredCount: 0 });
  t.same(same.service!.placementStrategy, strategy);
  t.equal(same.service!.deployments!.length, 1, 'no new deployment');
  const cleared = await client.call('UpdateService', { cluster, service: 'web', placementStrategy: [] });
  t.same(cleared.service!.placementStrategy, [], '[] removes the strategy');
  t.equal(cleared.service!.deployments!.length, 2, 'a placement change starts a deployment');
});

t.test('container health: the rollout completes on HEALTHY; UNHEALTHY past the grace period is replaced', async (t) => {
  const { cluster } = await setup({ agent: () => 'run' });
  const family = uniq('hc');
  await client.call('RegisterTaskDefinition', {
    family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 32, healthCheck: { command: ['CMD-SHELL', 'true'] } }],
  });
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 1, healthCheckGracePeriodSeconds: 1 });
  // Stands in for the agent's health reports: the task's healthStatus as the dispatcher would store it.
  const setHealth = async (arn: string, healthStatus: 'HEALTHY' | 'UNHEALTHY') => {
    const cur = (await getTask(store, cluster, idOf(arn)))!;
    const rec = structuredClone(cur.value);
    rec.task.healthStatus = healthStatus;
    rec.task.containers = rec.task.containers?.map((c) => ({ ...c, healthStatus }));
    await store.txn({ compare: [{ key: taskKey(cluster, rec.id), modRevision: cur.modRevision }], success: taskOps(rec, cur.value) });
  };
  const first = await until('RUNNING', async () => (await liveTasks(cluster, 'web')).find((x) => x.lastStatus === 'RUNNING'));
  await sleep(600);
  t.equal((await describe(cluster, 'web')).deployments![0]!.rolloutState, 'IN_PROGRESS', 'RUNNING is not enough with a health check');
  await setHealth(first.taskArn!, 'HEALTHY');
  await stable(cluster, 'web', 'completed on HEALTHY');
  await setHealth(first.taskArn!, 'UNHEALTHY');
  const stopped = await until('stopped as unhealthy', async () => {
    const r = (await tasksOf(store, cluster)).find((x) => x.task.taskArn === first.taskArn);
    return r?.task.desiredStatus === 'STOPPED' ? r.task : undefined;
  });
  t.equal(stopped.stoppedReason, 'Task failed container health checks');
  t.equal(stopped.stopCode, 'ServiceSchedulerInitiated');
  t.ok((stopped.stoppingAt ?? 0) - (stopped.startedAt ?? 0) >= 1, 'not before the grace period');
  const next = await until('replacement RUNNING', async () => (await liveTasks(cluster, 'web')).find((x) => x.lastStatus === 'RUNNING' && x.taskArn !== first.taskArn));
  t.ok(next);
  const s = await describe(cluster, 'web');
  t.ok(s.events!.some((e) => e.message === `(service web) has stopped 1 running tasks: (task ${idOf(first.taskArn!)}). These tasks failed container health checks.`));
});

t.test('a deregistered revision keeps serving its service', async (t) => {
  const { cluster, family } = await setup({ agent: () => 'run' });
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 0 });
  await client.call('DeregisterTaskDefinition', { taskDefinition: `${family}:1` });
  await client.call('UpdateService', { cluster, service: 'web', desiredCount: 2 });
  await stable(cluster, 'web', 'two tasks of the INACTIVE revision');
  t.equal((await liveTasks(cluster, 'web')).length, 2);
});

t.test('three loops on one store never launch more than desired', async (t) => {
  const { startServiceController } = await import('../src/controllers/leader/services.js');
  const extra = [startServiceController(ctx, { resyncSeconds: 1 }), startServiceController(ctx, { resyncSeconds: 1 })];
  t.teardown(() => Promise.all(extra.map((c) => c.stop())));
  const { cluster, family } = await setup({ agent: () => 'run' });
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 5 });
  let most = 0;
  const end = Date.now() + 2500;
  while (Date.now() < end) {
    most = Math.max(most, (await liveTasks(cluster, 'web')).length);
    await sleep(20);
  }
  t.equal(most, 5, 'never more than 5 tasks');
  await stable(cluster, 'web', 'stable with three loops');
});

t.test('an INACTIVE service is describable for the retention window, then MISSING', async (t) => {
  const { cluster, family } = await setup();
  await client.call('CreateService', { cluster, serviceName: 'gone', taskDefinition: family, desiredCount: 0 });
  await client.call('DeleteService', { cluster, service: 'gone' });
  await until('INACTIVE', async () => (await describe(cluster, 'gone')).status === 'INACTIVE');
  const d = await until('MISSING', async () => {
    const r = await client.call('DescribeServices', { cluster, services: ['gone'] });
    return r.failures?.length ? r : undefined;
  });
  t.equal(d.failures![0]!.reason, 'MISSING');
  t.match(await rejection(client.call('DeleteService', { cluster, service: 'gone' })), { ecsName: 'ServiceNotFoundException' });
});

t.test('a DAEMON service covers the instances its constraints allow: attributes bring instances in and take them out', async (t) => {
  const { cluster, family } = await setup();
  const ids = [await simulatedAgent(cluster, () => 'run'), await simulatedAgent(cluster, () => 'run'), await simulatedAgent(cluster, () => 'run')];
  const tag = (id: string) => client.call('PutAttributes', { cluster, attributes: [{ name: 'stack', value: 'prod', targetId: id, targetType: 'container-instance' }] });
  await tag(ids[0]!);
  await client.call('CreateService', {
    cluster, serviceName: 'agentd', taskDefinition: family, schedulingStrategy: 'DAEMON',
    placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }],
  });
  const on = async () => (await tasksOf(store, cluster))
    .filter((r) => r.task.group === 'service:agentd' && r.task.lastStatus !== 'STOPPED').map((r) => r.containerInstanceId).sort();
  await stable(cluster, 'agentd', 'one instance');
  t.same(await on(), [ids[0]]);
  await tag(ids[2]!);
  const s = await until('two instances', async () => {
    const d = await describe(cluster, 'agentd');
    return d.desiredCount === 2 && d.runningCount === 2 ? d : undefined;
  });
  t.equal(s.deployments![0]!.desiredCount, 2);
  t.same(await on(), [ids[0], ids[2]].sort());
  await client.call('DeleteAttributes', { cluster, attributes: [{ name: 'stack', targetId: ids[0]!, targetType: 'container-instance' }] });
  await until('back to one instance', async () => {
    const d = await describe(cluster, 'agentd');
    return d.desiredCount === 1 && d.runningCount === 1 ? d : undefined;
  });
  t.same(await on(), [ids[2]]);
  const events = (await describe(cluster, 'agentd')).events!.map((e) => e.message);
  t.ok(events.some((m) => /no longer meet the placement constraints\.$/.test(m!)), 'the stop says why');
  await client.call('DeleteService', { cluster, service: 'agentd' });
  await until('INACTIVE', async () => (await describe(cluster, 'agentd')).status === 'INACTIVE');
});

t.test('a DAEMON service covers only the instances that have what its task definition requires (an ARM64 task, arm64 instances)', async (t) => {
  const { cluster } = await setup();
  const ids = [await simulatedAgent(cluster, () => 'run'), await simulatedAgent(cluster, () => 'run'), await simulatedAgent(cluster, () => 'run')];
  for (const [i, arch] of [[0, 'x86_64'], [1, 'arm64'], [2, 'x86_64']] as const) {
    await client.call('PutAttributes', { cluster, attributes: [{ name: 'ecs.cpu-architecture', value: arch, targetId: ids[i]!, targetType: 'container-instance' }] });
  }
  const family = uniq('arm');
  await client.call('RegisterTaskDefinition', { family, runtimePlatform: { cpuArchitecture: 'ARM64' }, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 32 }] });
  await client.call('CreateService', { cluster, serviceName: 'armd', taskDefinition: family, schedulingStrategy: 'DAEMON' });
  const s = await stable(cluster, 'armd', 'one arm64 instance');
  t.equal(s.desiredCount, 1, 'only the arm64 instance is eligible');
  const on = (await tasksOf(store, cluster)).filter((r) => r.task.group === 'service:armd' && r.task.lastStatus !== 'STOPPED').map((r) => r.containerInstanceId);
  t.same(on, [ids[1]]);
  t.notOk(s.events!.some((e) => /unable to place/.test(e.message!)), 'no placement failures on the x86_64 instances');
  await client.call('DeleteService', { cluster, service: 'armd', force: true });
});

t.test('a service whose stored definition uses what Berth refuses says so, once, and launches nothing', async (t) => {
  const { cluster, family } = await setup({ agent: () => 'run' });
  await client.call('CreateService', { cluster, serviceName: 'old', taskDefinition: family, desiredCount: 0 });
  await stable(cluster, 'old', 'stable at 0');
  // As a store written before the refusal: the definition already uses repositoryCredentials.
  const key = revisionKey(family, 1);
  const rec = JSON.parse((await store.get(key))!.value.toString());
  rec.taskDefinition.containerDefinitions[0].repositoryCredentials = { credentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hub-AbCdEf' };
  await store.put(key, JSON.stringify(rec));
  await client.call('UpdateService', { cluster, service: 'old', desiredCount: 1 });
  const s = await until('the configuration failure event', async () => {
    const d = await describe(cluster, 'old');
    return d.events?.some((e) => /failed to launch a task with \(error Container 'app' of .* uses repositoryCredentials, which Berth does not support: /.test(e.message!)) ? d : undefined;
  });
  await sleep(500);
  const again = await describe(cluster, 'old');
  t.equal(again.events!.filter((e) => /failed to launch a task/.test(e.message!)).length, 1, 'shown once');
  t.same(await liveTasks(cluster, 'old'), [], 'nothing launched');
  t.equal(s.runningCount, 0);
  await client.call('DeleteService', { cluster, service: 'old', force: true });
});
