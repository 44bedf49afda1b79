// Application Auto Scaling's scheduled actions through Debian's AWS CLI, on an injected clock (the leader's
// scheduler reads it; the test runs its tick by hand, so nothing waits): an at() action in Berlin's time
// raises the minimum and the service scales out to it at that instant and not a second before; a cron()
// action in New York's time within StartTime and EndTime lowers the maximum and the service scales in;
// DescribeScalingActivities tells both in AWS's words; bad schedules and missing targets are refused naming
// the member; DeleteScheduledAction and DeregisterScalableTarget take actions away.
import t from 'tap';
import { APPLICATIONAUTOSCALING_API } from '@berth/core';
import { startTestServer } from './helpers.js';
import { awsCli, userWithKey } from './aws-clients.js';

let clock = Date.parse('2030-01-01T00:00:00Z') / 1000;
const ts = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' }, scheduler: { now: () => clock, tickMs: 3_600_000 } } });
t.teardown(() => ts.close());
const { client, server } = ts;
const creds = await userWithKey(client, 'scheduled');
const aas = (...args: string[]) => awsCli(creds, `http://${server.ecsAddr}`, 'application-autoscaling', ...args);
const cluster = `scheduled-${process.pid}`;
const resource = `service/${cluster}/web`;
const scope = ['--service-namespace', 'ecs', '--resource-id', resource, '--scalable-dimension', 'ecs:service:DesiredCount'];
const api = (action: string, req: object) => client.callApi(APPLICATIONAUTOSCALING_API, action, req) as Promise<any>;
const desired = async () => (await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!.desiredCount;
const at = async (iso: string) => {
  clock = Date.parse(iso) / 1000;
  await server.leader.tickScheduler();
};

await client.call('CreateCluster', { clusterName: cluster });
await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: 'busybox', cpu: 16, memory: 16 }] });
await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: cluster, desiredCount: 1 });

t.test('scheduled actions scale at their time, in their time zone', async (t) => {
  const none = await aas('put-scheduled-action', ...scope, '--scheduled-action-name', 'early', '--schedule', 'rate(1 hour)', '--scalable-target-action', 'MinCapacity=2');
  t.match(none.stderr, /\(ObjectNotFoundException\).*No scalable target registered/);
  t.equal((await aas('register-scalable-target', ...scope, '--min-capacity', '1', '--max-capacity', '4')).code, 0);

  const morning = await aas('put-scheduled-action', ...scope, '--scheduled-action-name', 'morning', '--schedule', 'at(2030-01-15T09:00:00)',
    '--timezone', 'Europe/Berlin', '--scalable-target-action', 'MinCapacity=3');
  t.equal(morning.code, 0, morning.stderr);
  const evening = await aas('put-scheduled-action', ...scope, '--scheduled-action-name', 'evening', '--schedule', 'cron(0 18 * * ? *)',
    '--timezone', 'America/New_York', '--start-time', '2030-01-15T00:00:00Z', '--end-time', '2030-01-20T00:00:00Z',
    '--scalable-target-action', 'MinCapacity=1,MaxCapacity=2');
  t.equal(evening.code, 0, evening.stderr);
  const listed = (await aas('describe-scheduled-actions', '--service-namespace', 'ecs', '--resource-id', resource)).json?.ScheduledActions ?? [];
  t.same(listed.map((a: { ScheduledActionName: string; Schedule: string; Timezone: string }) => [a.ScheduledActionName, a.Schedule, a.Timezone]),
    [['evening', 'cron(0 18 * * ? *)', 'America/New_York'], ['morning', 'at(2030-01-15T09:00:00)', 'Europe/Berlin']]);
  t.match(listed[1]?.ScheduledActionARN, new RegExp(`^arn:aws:autoscaling:us-east-1:\\d+:scheduledAction:[0-9a-f-]+:resource/ecs/${resource}:scheduledActionName/morning$`));
  t.same(listed[0]?.ScalableTargetAction, { MinCapacity: 1, MaxCapacity: 2 });
  t.equal(new Date(listed[0]?.StartTime).toISOString(), '2030-01-15T00:00:00.000Z');
  const named = await api('DescribeScheduledActions', { ServiceNamespace: 'ecs', ScheduledActionNames: ['morning'] });
  t.same(named.ScheduledActions?.map((a: { ScheduledActionName: string }) => a.ScheduledActionName), ['morning']);

  // 09:00 in Berlin is 08:00 UTC in winter.
  await at('2030-01-15T07:59:59Z');
  t.equal(await desired(), 1, 'not a second early');
  await at('2030-01-15T08:00:00Z');
  t.equal(await desired(), 3, 'scaled out to the new minimum');
  const target = (await api('DescribeScalableTargets', { ServiceNamespace: 'ecs', ResourceIds: [resource] })).ScalableTargets?.[0];
  t.same([target?.MinCapacity, target?.MaxCapacity], [3, 4]);
  t.match(target?.RoleARN, /:role\/aws-service-role\/ecs\.application-autoscaling\.amazonaws\.com\/AWSServiceRoleForApplicationAutoScaling_ECSService$/, 'the scaler acts as the service-linked role');

  // 18:00 in New York is 23:00 UTC: the maximum goes to 2, and the count with it.
  await at('2030-01-15T22:59:00Z');
  t.equal(await desired(), 3);
  await at('2030-01-15T23:00:00Z');
  t.equal(await desired(), 2, 'scaled in to the new maximum');
  const activities = (await aas('describe-scaling-activities', '--service-namespace', 'ecs', '--resource-id', resource)).json?.ScalingActivities ?? [];
  t.same(activities.map((a: { Description: string; Cause: string; StatusCode: string; StatusMessage: string }) => [a.Description, a.Cause, a.StatusCode, a.StatusMessage]), [
    ['Setting desired count to 2.', 'maximum capacity was set to 2', 'Successful', 'Successfully set desired count to 2. Change successfully fulfilled by ecs.'],
    ['Setting desired count to 3.', 'minimum capacity was set to 3', 'Successful', 'Successfully set desired count to 3. Change successfully fulfilled by ecs.'],
  ]);
  // The last occurrence before EndTime runs (once, for the days the clock skipped); none after it.
  const raise = async () => {
    await api('RegisterScalableTarget', { ServiceNamespace: 'ecs', ResourceId: resource, ScalableDimension: 'ecs:service:DesiredCount', MaxCapacity: 4 });
    await client.call('UpdateService', { cluster, service: 'web', desiredCount: 4 });
  };
  await raise();
  await at('2030-01-19T23:00:00Z');
  t.equal(await desired(), 2, 'the last occurrence before EndTime');
  await raise();
  await at('2030-01-20T23:00:00Z');
  t.equal(await desired(), 4, 'none after EndTime');
});

t.test('refusals name the member', async (t) => {
  const put = (...more: string[]) => aas('put-scheduled-action', ...scope, '--scheduled-action-name', 'bad', ...more);
  t.match((await put('--schedule', 'cron(0 8 * * *)')).stderr, /\(ValidationException\).*Unsupported schedule expression cron\(0 8 \* \* \*\): cron\(\) takes six fields/);
  const viaApi = (more: object) => api('PutScheduledAction', { ServiceNamespace: 'ecs', ResourceId: resource, ScalableDimension: 'ecs:service:DesiredCount', ScheduledActionName: 'bad', ...more });
  await t.rejects(viaApi({ Schedule: 'rate(5 minutes)', Timezone: 'Mars/Olympus' }), { name: 'ValidationException', message: /Mars\/Olympus is not a time zone/ });
  await t.rejects(viaApi({ Schedule: 'rate(5 minutes)', ScalableTargetAction: { MinCapacity: 5, MaxCapacity: 2 } }), { name: 'ValidationException', message: /Minimum capacity \(5\) cannot be greater than maximum capacity \(2\)/ });
  await t.rejects(viaApi({ ScalableTargetAction: { MinCapacity: 1 } }), { name: 'ValidationException', message: /Schedule is required/ });
});

t.test('actions are deleted, alone or with their target', async (t) => {
  t.equal((await aas('delete-scheduled-action', ...scope, '--scheduled-action-name', 'evening')).code, 0);
  await t.rejects(api('DeleteScheduledAction', { ServiceNamespace: 'ecs', ResourceId: resource, ScalableDimension: 'ecs:service:DesiredCount', ScheduledActionName: 'evening' }),
    { name: 'ObjectNotFoundException', message: /No scheduled action found.*scheduled action name: evening/ });
  t.same((await api('DescribeScheduledActions', { ServiceNamespace: 'ecs' })).ScheduledActions?.map((a: { ScheduledActionName: string }) => a.ScheduledActionName), ['morning']);
  t.equal((await aas('deregister-scalable-target', ...scope)).code, 0);
  t.same((await api('DescribeScheduledActions', { ServiceNamespace: 'ecs' })).ScheduledActions, []);
});
