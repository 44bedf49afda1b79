// The deployments API through the real @aws-sdk/client-ecs (Debian's aws CLI 2.9 predates it): service
// deployments and revisions recorded for ROLLING deployments as the services controller moves them (a
// simulated agent moves the tasks, no Docker): SUCCESSFUL, superseded (STOPPED), the circuit breaker's
// rollback (ROLLBACK_SUCCESSFUL towards the last completed revision), StopServiceDeployment ROLLBACK, and
// the listing's filters and pages. Then deployment alarms (a real CloudWatch alarm going to ALARM during the
// bake time rolls the deployment back; a deleted one counts as not alarming), and task scale-in protection
// through Debian's aws CLI. One AWS minute lasts 2 s here (--aws-minute).
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ContinueServiceDeploymentCommand, CreateServiceCommand, DescribeServiceDeploymentsCommand, DescribeServiceRevisionsCommand, ECSClient,
  ListServiceDeploymentsCommand, StopServiceDeploymentCommand, UpdateServiceCommand, type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { CloudWatchClient, DeleteAlarmsCommand, PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { startServer, silentLogger } from '../src/index.js';
import { adminClient, uniq, until } from './helpers.js';
import { awsCli, userWithKey } from './aws-clients.js';
import { startSimulatedAgent, type Behaviour } from './simulated-agent.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const dir = mkdtempSync(join(tmpdir(), 'berth-deployments-'));
const server = await startServer({
  listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml'),
  services: { settleSeconds: 0.3, throttleBaseSeconds: 0.1, throttleMaxSeconds: 0.3, resyncSeconds: 1 },
  awsMinuteMs: 2000,
});
const admin = adminClient(join(dir, 'config.yaml'));
const creds = await userWithKey(admin, 'deployments');
const sdkOptions = { endpoint: `http://${server.ecsAddr}`, region: 'us-east-1', credentials: { accessKeyId: creds.id, secretAccessKey: creds.secret }, maxAttempts: 1 };
const ecs = new ECSClient(sdkOptions);
const cw = new CloudWatchClient(sdkOptions);
const awsEcs = (...args: string[]) => awsCli(creds, `http://${server.ecsAddr}`, 'ecs', ...args);
const agents: (() => void)[] = [];
t.teardown(async () => {
  agents.forEach((stop) => stop());
  ecs.destroy();
  cw.destroy();
  admin.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A cluster with one simulated agent; families named `run-*`, `fail-*` and `hang-*` behave so. */
async function setup() {
  const cluster = uniq('dep');
  await admin.call('CreateCluster', { clusterName: cluster });
  const behaviour = (family: string): Behaviour => (family.startsWith('fail-') ? 'fail' : family.startsWith('hang-') ? 'hang' : 'run');
  agents.push((await startSimulatedAgent(admin, server.ctx, cluster, behaviour)).stop);
  const family = async (kind: 'run' | 'fail' | 'hang') => {
    const f = uniq(`${kind}-app`);
    const r = await admin.call('RegisterTaskDefinition', { family: f, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 32 }] });
    return r.taskDefinition!.taskDefinitionArn!;
  };
  return { cluster, family };
}

const list = async (cluster: string, service: string, more: object = {}) =>
  (await ecs.send(new ListServiceDeploymentsCommand({ cluster, service, ...more }))).serviceDeployments ?? [];
const describe = async (arn: string): Promise<ServiceDeployment> =>
  (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments![0]!;
/** The newest service deployment once it has one of these statuses. */
const newestIs = (cluster: string, service: string, ...statuses: string[]) => until(`newest deployment ${statuses.join('|')}`, async () => {
  const d = (await list(cluster, service))[0];
  return d && statuses.includes(d.status!) ? describe(d.serviceDeploymentArn!) : undefined;
});
const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: { name: string; message: string }) => e);

t.test('a ROLLING deployment: a revision and a service deployment that ends SUCCESSFUL; a newer one supersedes', async (t) => {
  const { cluster, family } = await setup();
  const td1 = await family('run');
  const { service } = await ecs.send(new CreateServiceCommand({ cluster, serviceName: 'web', taskDefinition: td1, desiredCount: 2 }));
  const first = await newestIs(cluster, 'web', 'SUCCESSFUL');
  t.equal(first.serviceArn, service!.serviceArn);
  t.match(first.serviceDeploymentArn, new RegExp(`^arn:aws:ecs:us-east-1:\\d+:service-deployment/${cluster}/web/\\d{19}$`));
  t.match(first, { status: 'SUCCESSFUL', lifecycleStage: 'CLEAN_UP', sourceServiceRevisions: [], targetServiceRevision: { requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0 } });
  t.type(first.finishedAt, Date);
  t.match(first.deploymentCircuitBreaker, { status: 'DISABLED' });
  t.match(first.alarms, { status: 'DISABLED' });
  const revs = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [first.targetServiceRevision!.arn!, `${first.targetServiceRevision!.arn!.slice(0, -3)}000`] }));
  t.match(revs.serviceRevisions, [{ serviceRevisionArn: first.targetServiceRevision!.arn, serviceArn: service!.serviceArn, taskDefinition: td1, launchType: 'EC2' }]);
  t.match(revs.failures, [{ reason: 'MISSING' }], 'an unknown revision is a failure');

  // A deployment that never gets healthy tasks, then another: the first is superseded (STOPPED).
  const hung = await family('hang');
  await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: hung }));
  const stuck = (await list(cluster, 'web'))[0]!;
  t.equal(stuck.status, 'IN_PROGRESS');
  const td2 = await family('run');
  await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: td2 }));
  const third = await newestIs(cluster, 'web', 'SUCCESSFUL');
  t.match(await describe(stuck.serviceDeploymentArn!), { status: 'STOPPED', statusReason: 'Service deployment stopped: a newer service deployment started.' });
  t.ok(third.sourceServiceRevisions!.some((r) => r.arn === first.targetServiceRevision!.arn), 'the running revision is a source');
  t.same((await list(cluster, 'web')).map((d) => d.status), ['SUCCESSFUL', 'STOPPED', 'SUCCESSFUL'], 'newest first');
  t.same((await list(cluster, 'web', { status: ['STOPPED'] })).map((d) => d.serviceDeploymentArn), [stuck.serviceDeploymentArn]);
  const page = await ecs.send(new ListServiceDeploymentsCommand({ cluster, service: 'web', maxResults: 2 }));
  t.equal(page.serviceDeployments!.length, 2);
  const rest = await ecs.send(new ListServiceDeploymentsCommand({ cluster, service: 'web', maxResults: 2, nextToken: page.nextToken! }));
  t.same(rest.serviceDeployments!.map((d) => d.serviceDeploymentArn), [first.serviceDeploymentArn]);
  t.equal((await list(cluster, 'web', { createdAt: { before: new Date(0) } })).length, 0, 'createdAt filters');
  t.match(await errorOf(ecs.send(new ListServiceDeploymentsCommand({ cluster, service: 'nope' }))), { name: 'ServiceNotFoundException' });
});

t.test('a service keeps its last 10 service deployments: the 11th deletes the 1st and, once needed no more, its revision', async (t) => {
  const { cluster, family } = await setup();
  await ecs.send(new CreateServiceCommand({ cluster, serviceName: 'often', taskDefinition: await family('run'), desiredCount: 0 }));
  const first = (await list(cluster, 'often'))[0]!;
  for (let i = 0; i < 10; i++) await ecs.send(new UpdateServiceCommand({ cluster, service: 'often', forceNewDeployment: true }));
  await newestIs(cluster, 'often', 'SUCCESSFUL');
  const kept = await list(cluster, 'often', { maxResults: 100 });
  t.equal(kept.length, 10);
  t.notOk(kept.some((d) => d.serviceDeploymentArn === first.serviceDeploymentArn), 'the oldest is gone');
  const gone = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [first.serviceDeploymentArn!] }));
  t.match(gone.failures, [{ arn: first.serviceDeploymentArn, reason: 'MISSING' }]);
  const revs = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [first.targetServiceRevisionArn!, kept[9]!.targetServiceRevisionArn!] }));
  t.match(revs.failures, [{ arn: first.targetServiceRevisionArn, reason: 'MISSING' }]);
  t.equal(revs.serviceRevisions!.length, 1, 'the kept deployments\' revisions stay');
});

t.test("the circuit breaker's rollback: ROLLBACK_SUCCESSFUL back to the last completed revision", async (t) => {
  const { cluster, family } = await setup();
  const good = await family('run');
  await ecs.send(new CreateServiceCommand({
    cluster, serviceName: 'api', taskDefinition: good, desiredCount: 1,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
  }));
  const first = await newestIs(cluster, 'api', 'SUCCESSFUL');
  await ecs.send(new UpdateServiceCommand({ cluster, service: 'api', taskDefinition: await family('fail') }));
  const d = await newestIs(cluster, 'api', 'ROLLBACK_SUCCESSFUL');
  t.match(d, {
    rollback: { serviceRevisionArn: first.targetServiceRevision!.arn, reason: /^ECS deployment circuit breaker: rolling back to deploymentId ecs-svc\/\d+\.$/ },
    deploymentCircuitBreaker: { status: 'TRIGGERED', threshold: 3 },
    sourceServiceRevisions: [{ arn: first.targetServiceRevision!.arn, requestedTaskCount: 1, runningTaskCount: 1 }],
  });
  t.ok(d.deploymentCircuitBreaker!.failureCount! >= 3, `the failures counted (${JSON.stringify(d.deploymentCircuitBreaker)})`);
  t.type(d.rollback!.startedAt, Date);
});

t.test('StopServiceDeployment ROLLBACK; its refusals; ContinueServiceDeployment of a finished deployment', async (t) => {
  const { cluster, family } = await setup();
  await ecs.send(new CreateServiceCommand({ cluster, serviceName: 'web', taskDefinition: await family('run'), desiredCount: 1 }));
  const first = await newestIs(cluster, 'web', 'SUCCESSFUL');
  t.match(await errorOf(ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: first.serviceDeploymentArn!, stopType: 'ROLLBACK' }))),
    { name: 'ConflictException', message: /SUCCESSFUL/ }, 'a finished deployment cannot be stopped');
  await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: await family('hang') }));
  const stuck = await newestIs(cluster, 'web', 'IN_PROGRESS');
  t.match(await errorOf(ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: stuck.serviceDeploymentArn!, stopType: 'ABORT' }))),
    { name: 'InvalidParameterException', message: /ABORT/ });
  const res = await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: stuck.serviceDeploymentArn!, stopType: 'ROLLBACK' }));
  t.equal(res.serviceDeploymentArn, stuck.serviceDeploymentArn);
  const back = await newestIs(cluster, 'web', 'ROLLBACK_SUCCESSFUL');
  t.equal(back.serviceDeploymentArn, stuck.serviceDeploymentArn, 'the stopped deployment itself rolls back');
  t.match(back.rollback, { serviceRevisionArn: first.targetServiceRevision!.arn, reason: 'Service deployment rolled back by StopServiceDeployment.' });
  const s = (await admin.call('DescribeServices', { cluster, services: ['web'] })).services![0]!;
  t.equal(s.taskDefinition, (await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [first.targetServiceRevision!.arn!] }))).serviceRevisions![0]!.taskDefinition);

  const missing = stuck.serviceDeploymentArn!.replace(/\d{19}$/, '0000000000000000001');
  t.match(await errorOf(ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: missing }))), { name: 'ServiceDeploymentNotFoundException' });
  t.match(await errorOf(ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: ['arn:aws:ecs:us-east-1:1:service/x/y'] }))), { name: 'InvalidParameterException' });
  t.match(await errorOf(ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: back.serviceDeploymentArn!, hookId: 'h-1' }))),
    { name: 'ConflictException', message: /cannot be continued: it is ROLLBACK_SUCCESSFUL/ });
});

t.test('deployment alarms: one in ALARM during the bake time rolls back; a deleted one counts as not alarming', async (t) => {
  const { cluster, family } = await setup();
  await ecs.send(new CreateServiceCommand({ cluster, serviceName: 'web', taskDefinition: await family('run'), desiredCount: 1 }));
  const first = await newestIs(cluster, 'web', 'SUCCESSFUL');
  // An alarm on the cluster's CPU reservation that never fires, until it is changed to one that does.
  const alarm: PutMetricAlarmCommandInput = {
    AlarmName: `${cluster}-errors`, Namespace: 'AWS/ECS', MetricName: 'CPUReservation', Dimensions: [{ Name: 'ClusterName', Value: cluster }],
    Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 1000, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching',
  };
  await cw.send(new PutMetricAlarmCommand(alarm));
  await ecs.send(new UpdateServiceCommand({
    cluster, service: 'web', taskDefinition: await family('run'),
    deploymentConfiguration: { alarms: { alarmNames: [alarm.AlarmName!], enable: true, rollback: true }, bakeTimeInMinutes: 5 },
  }));
  const baking = await until('the deployment bakes', async () => {
    const d = await describe((await list(cluster, 'web'))[0]!.serviceDeploymentArn!);
    return d.lifecycleStage === 'BAKE_TIME' ? d : undefined;
  });
  t.match(baking, { status: 'IN_PROGRESS', alarms: { status: 'MONITORING', alarmNames: [alarm.AlarmName], triggeredAlarmNames: [] } });
  await cw.send(new PutMetricAlarmCommand({ ...alarm, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' }));
  const back = await newestIs(cluster, 'web', 'ROLLBACK_SUCCESSFUL');
  t.equal(back.serviceDeploymentArn, baking.serviceDeploymentArn);
  t.match(back, {
    rollback: { serviceRevisionArn: first.targetServiceRevision!.arn, reason: /^ECS deployment alarms: rolling back to deploymentId ecs-svc\/\d+\.$/ },
    alarms: { status: 'TRIGGERED', triggeredAlarmNames: [alarm.AlarmName] },
  });
  const events = (await admin.call('DescribeServices', { cluster, services: ['web'] })).services![0]!.events!.map((e) => e.message);
  t.ok(events.some((m) => /^\(service web\) \(deployment ecs-svc\/\d+\) deployment failed: alarm detected \(.*-errors\)\.$/.test(m!)), 'the service event');

  // The alarm deleted: the next deployment is not held by it, and the events say why.
  await cw.send(new DeleteAlarmsCommand({ AlarmNames: [alarm.AlarmName!] }));
  await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: await family('run'), deploymentConfiguration: { bakeTimeInMinutes: 1 } }));
  await newestIs(cluster, 'web', 'SUCCESSFUL');
  const later = (await admin.call('DescribeServices', { cluster, services: ['web'] })).services![0]!.events!.map((e) => e.message);
  t.ok(later.includes(`(service web) deployment alarm ${alarm.AlarmName} does not exist: it is treated as not alarming.`), 'the missing alarm is reported');
  t.match(await errorOf(ecs.send(new UpdateServiceCommand({ cluster, service: 'web', deploymentConfiguration: { alarms: { alarmNames: ['x'], enable: false, rollback: false } } }))),
    { name: 'UnsupportedFeatureException', message: /bake time without deployment alarms/ }, 'a bake time only with alarms');
  t.match(await errorOf(ecs.send(new UpdateServiceCommand({ cluster, service: 'web', deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 } }))),
    { name: 'InvalidParameterException', message: /BLUE_GREEN deployment strategy needs a load balancer with an advancedConfiguration/ }, 'traffic shifting needs a load balancer pair');
  t.match(await errorOf(ecs.send(new UpdateServiceCommand({ cluster, service: 'web', deploymentConfiguration: { lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['TEST_TRAFFIC_SHIFT'] }] } }))),
    { name: 'InvalidParameterException', message: /Lifecycle hooks run with the BLUE_GREEN, LINEAR and CANARY deployment strategies only/ }, 'lifecycle hooks only with traffic shifting');
});

t.test('task scale-in protection: a protected task survives a scale-in until its protection ends', async (t) => {
  const { cluster, family } = await setup();
  await ecs.send(new CreateServiceCommand({ cluster, serviceName: 'web', taskDefinition: await family('run'), desiredCount: 3 }));
  await newestIs(cluster, 'web', 'SUCCESSFUL');
  const running = async () => (await admin.call('ListTasks', { cluster, serviceName: 'web' })).taskArns ?? [];
  const [kept] = await running();
  const before = Date.now();
  const on = await awsEcs('update-task-protection', '--cluster', cluster, '--tasks', kept!, '--protection-enabled', '--expires-in-minutes', '30');
  t.equal(on.code, 0, on.stderr);
  t.match(on.json, { protectedTasks: [{ taskArn: kept, protectionEnabled: true }], failures: [] });
  const expires = Date.parse(on.json.protectedTasks[0].expirationDate);
  t.ok(expires >= before + 59_000 && expires <= Date.now() + 61_000, `thirty AWS minutes of 2 s (${on.json.protectedTasks[0].expirationDate})`);

  await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', desiredCount: 1 }));
  t.same(await until('scaled in to one', async () => { const r = await running(); return r.length === 1 ? r : undefined; }), [kept], 'the protected task is the one left');
  const got = await awsEcs('get-task-protection', '--cluster', cluster, '--tasks', kept!, 'nope');
  t.match(got.json, { protectedTasks: [{ taskArn: kept, protectionEnabled: true }], failures: [{ reason: 'MISSING' }] });

  // Scaled to zero, it stays until its protection is taken off.
  await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', desiredCount: 0 }));
  await new Promise((r) => setTimeout(r, 1500));
  t.same(await running(), [kept], 'still running while protected');
  const off = await awsEcs('update-task-protection', '--cluster', cluster, '--tasks', kept!, '--no-protection-enabled');
  t.match(off.json, { protectedTasks: [{ taskArn: kept, protectionEnabled: false }] });
  await until('stopped once unprotected', async () => (await running()).length === 0);

  const standalone = (await admin.call('RunTask', { cluster, taskDefinition: await family('run') })).tasks![0]!.taskArn!;
  const refused = await awsEcs('update-task-protection', '--cluster', cluster, '--tasks', standalone, '--protection-enabled');
  t.match(refused.json, { protectedTasks: [], failures: [{ arn: standalone, reason: 'TASK_NOT_VALID' }] }, 'only a service\'s tasks');
  const bad = await awsEcs('update-task-protection', '--cluster', cluster, '--tasks', kept!, '--protection-enabled', '--expires-in-minutes', '2881');
  t.match(bad.stderr, /InvalidParameterException.*expiresInMinutes/);
});
