// CloudWatch alarms and Application Auto Scaling through real clients (Debian's CLI: query for CloudWatch,
// JSON 1.1 for Application Auto Scaling; @aws-sdk/client-cloudwatch: JSON 1.0), without agents: a step
// scaling policy invoked by an alarm on the cluster's CPUReservation (from the instance records: 0% here,
// as no agent is connected to place tasks) scales the service within its maximum, the scale-out cooldown letting only a larger scale-out through; alarm state
// changes are events; what Berth cannot act on is refused naming it. The leader's period is run by hand
// (leader.tickMetrics), so nothing waits.
import t from 'tap';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { startTestServer } from './helpers.js';
import { awsCli, putScalingPolicySdk, userWithKey } from './aws-clients.js';

const ts = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' } } });
t.teardown(() => ts.close());
const { client, server } = ts;
const creds = await userWithKey(client, 'alarms');
const endpoint = `http://${server.ecsAddr}`;
const cw = (...args: string[]) => awsCli(creds, endpoint, 'cloudwatch', ...args);
const aas = (...args: string[]) => awsCli(creds, endpoint, 'application-autoscaling', ...args);
const cluster = `alarms-${process.pid}`;
const resource = `service/${cluster}/web`;
const desired = async () => (await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!.desiredCount;

await client.call('CreateCluster', { clusterName: cluster });
await client.call('RegisterContainerInstance', {
  cluster, totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }],
});
await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: 'busybox', cpu: 256, memory: 64 }] });
await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: cluster, desiredCount: 1 });

t.test('a step scaling policy invoked by an alarm', async (t) => {
  t.equal((await aas('register-scalable-target', '--service-namespace', 'ecs', '--resource-id', resource, '--scalable-dimension', 'ecs:service:DesiredCount',
    '--min-capacity', '1', '--max-capacity', '4')).code, 0);
  const put = await aas('put-scaling-policy', '--service-namespace', 'ecs', '--resource-id', resource, '--scalable-dimension', 'ecs:service:DesiredCount',
    '--policy-name', 'more', '--policy-type', 'StepScaling', '--step-scaling-policy-configuration',
    JSON.stringify({ AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 2 }], Cooldown: 300 }));
  t.equal(put.code, 0, put.stderr);
  const policyArn: string = put.json?.PolicyARN;
  t.match(policyArn, new RegExp(`^arn:aws:autoscaling:[^:]+:\\d+:scalingPolicy:[^:]+:resource/ecs/${resource}:policyName/more$`));

  const alarm = await cw('put-metric-alarm', '--alarm-name', 'reserved', '--namespace', 'AWS/ECS', '--metric-name', 'CPUReservation',
    '--dimensions', `Name=ClusterName,Value=${cluster}`, '--statistic', 'Average', '--period', '60', '--evaluation-periods', '1',
    '--threshold', '20', '--comparison-operator', 'LessThanThreshold', '--alarm-actions', policyArn);
  t.equal(alarm.code, 0, alarm.stderr);
  const created = await cw('describe-alarms', '--alarm-names', 'reserved');
  t.equal(created.json?.MetricAlarms?.[0]?.StateValue, 'INSUFFICIENT_DATA');
  t.equal(created.json?.MetricAlarms?.[0]?.StateReason, 'Unchecked: Initial alarm creation');

  // One period: the cluster's CPUReservation is 0%, 20 below the threshold: ALARM, and that step is +2.
  await server.leader.tickMetrics();
  const fired = (await cw('describe-alarms', '--alarm-names', 'reserved')).json?.MetricAlarms?.[0];
  t.equal(fired?.StateValue, 'ALARM');
  t.match(fired?.StateReason, /^Threshold Crossed: 1 datapoint was less than the threshold \(20\.0\)\. The most recent datapoints which crossed the threshold: \[0\.0 \(/);
  t.equal(await desired(), 3);
  // Still in ALARM a period later: within the scale-out cooldown a larger scale-out goes through, capped at the maximum.
  await server.leader.tickMetrics();
  t.equal(await desired(), 4, 'never above MaxCapacity');
  await server.leader.tickMetrics();
  t.equal(await desired(), 4);

  const activities = (await aas('describe-scaling-activities', '--service-namespace', 'ecs', '--resource-id', resource)).json?.ScalingActivities ?? [];
  t.same(activities.map((a: { Description: string }) => a.Description), ['Setting desired count to 4.', 'Setting desired count to 3.']);
  t.match(activities[1]?.Cause, /monitor alarm reserved in state ALARM triggered policy more$/);

  // SetAlarmState, and every change an event on the stream of the alarm's cluster.
  t.equal((await cw('set-alarm-state', '--alarm-name', 'reserved', '--state-value', 'OK', '--state-reason', 'testing')).code, 0);
  t.equal((await cw('describe-alarms', '--state-value', 'OK')).json?.MetricAlarms?.[0]?.StateReason, 'testing');
  const states: string[] = [];
  for await (const m of client.watchEvents({ cluster, detailTypes: ['CloudWatch Alarm State Change'] })) states.push(JSON.parse(m.event!).detail.state.value);
  t.same(states, ['ALARM', 'OK']);

  // JSON 1.0 (the SDK) reads the same alarm.
  const sdk = new CloudWatchClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: creds.id, secretAccessKey: creds.secret }, maxAttempts: 1 });
  t.teardown(() => sdk.destroy());
  const viaSdk = await sdk.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'res' }));
  t.same(viaSdk.MetricAlarms?.map((a) => [a.AlarmName, a.StateValue, a.Threshold]), [['reserved', 'OK', 20]]);

  t.match((await cw('delete-alarms', '--alarm-names', 'reserved', 'nothing')).stderr, /\(ResourceNotFound\).*Alarm nothing does not exist/);
  t.equal((await cw('delete-alarms', '--alarm-names', 'reserved')).code, 0);
  t.same((await cw('describe-alarms')).json?.MetricAlarms, []);
});

t.test('a target-tracking policy\'s alarms come and go with it', async (t) => {
  const put = await aas('put-scaling-policy', '--service-namespace', 'ecs', '--resource-id', resource, '--scalable-dimension', 'ecs:service:DesiredCount',
    '--policy-name', 'mem', '--policy-type', 'TargetTrackingScaling', '--target-tracking-scaling-policy-configuration',
    JSON.stringify({ TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' }, DisableScaleIn: true }));
  t.equal(put.code, 0, put.stderr);
  t.equal(put.json?.Alarms?.length, 1, 'DisableScaleIn: no low alarm');
  t.match(put.json?.Alarms?.[0]?.AlarmName, new RegExp(`^TargetTracking-${resource}-AlarmHigh-`));
  const policies = (await aas('describe-scaling-policies', '--service-namespace', 'ecs', '--resource-id', resource)).json?.ScalingPolicies ?? [];
  t.same(policies.map((p: { PolicyName: string }) => p.PolicyName).sort(), ['mem', 'more']);
  t.equal((await cw('describe-alarms')).json?.MetricAlarms?.length, 1);
  t.equal((await aas('deregister-scalable-target', '--service-namespace', 'ecs', '--resource-id', resource, '--scalable-dimension', 'ecs:service:DesiredCount')).code, 0);
  t.same((await cw('describe-alarms')).json?.MetricAlarms, [], 'the policy\'s alarm went with its target');
  t.same((await aas('describe-scalable-targets', '--service-namespace', 'ecs')).json?.ScalableTargets, []);
});

t.test('registering a target brings the service\'s desired count inside its range', async (t) => {
  t.equal(await desired(), 4);
  t.equal((await aas('register-scalable-target', '--service-namespace', 'ecs', '--resource-id', resource, '--scalable-dimension', 'ecs:service:DesiredCount',
    '--min-capacity', '1', '--max-capacity', '2')).code, 0);
  t.equal(await desired(), 2, 'down to the new maximum');
});

t.test('what Berth cannot act on is refused, naming it', async (t) => {
  const rows: [string, Promise<{ stderr: string }>, RegExp][] = [
    ['an SNS action', cw('put-metric-alarm', '--alarm-name', 'x', '--namespace', 'AWS/ECS', '--metric-name', 'CPUUtilization', '--statistic', 'Average', '--period', '60',
      '--evaluation-periods', '1', '--threshold', '1', '--comparison-operator', 'GreaterThanThreshold', '--alarm-actions', 'arn:aws:sns:us-east-1:000000000000:ops'),
    /\(InvalidParameterValue\).*AlarmActions\.member\.1, which Berth does not support/],
    ['a namespace Berth has no metrics of', cw('put-metric-alarm', '--alarm-name', 'x', '--namespace', 'AWS/EC2', '--metric-name', 'CPUUtilization', '--statistic', 'Average',
      '--period', '60', '--evaluation-periods', '1', '--threshold', '1', '--comparison-operator', 'GreaterThanThreshold'), /uses Namespace, which Berth does not support/],
    ['another service namespace', aas('register-scalable-target', '--service-namespace', 'dynamodb', '--resource-id', 'table/t', '--scalable-dimension', 'dynamodb:table:ReadCapacityUnits',
      '--min-capacity', '1', '--max-capacity', '2'), /\(ValidationException\).*uses ServiceNamespace, which Berth does not support/],
    ['a role other than the service-linked one', aas('register-scalable-target', '--service-namespace', 'ecs', '--resource-id', resource, '--scalable-dimension', 'ecs:service:DesiredCount',
      '--role-arn', 'arn:aws:iam::000000000000:role/mine'), /\(ValidationException\).*uses RoleARN, which Berth does not support.*service-linked role arn:aws:iam::\d+:role\/aws-service-role\/ecs\.application-autoscaling\.amazonaws\.com\/AWSServiceRoleForApplicationAutoScaling_ECSService/],
    ['a metric-math Expression without --prometheus-url', cw('put-metric-alarm', '--alarm-name', 'x', '--metrics', JSON.stringify([{ Id: 'e1', Expression: 'vector(1)' }]),
      '--evaluation-periods', '1', '--threshold', '1', '--comparison-operator', 'GreaterThanThreshold'),
    /\(InvalidParameterValue\).*uses Metrics\.member\.1\.Expression, which Berth does not support: a metric-math Expression is evaluated as PromQL against Prometheus, and this server has none: start berth-server with --prometheus-url URL\./],
  ];
  for (const [name, run, want] of rows) t.match((await run).stderr, want, name);
  const expression = await putScalingPolicySdk(creds, endpoint, {
    ServiceNamespace: 'ecs', ResourceId: resource, ScalableDimension: 'ecs:service:DesiredCount', PolicyName: 'backlog', PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: { TargetValue: 10, CustomizedMetricSpecification: { Metrics: [{ Id: 'e1', Expression: 'vector(1)' }] } },
  });
  t.match(expression.error, {
    name: 'ValidationException',
    message: /uses TargetTrackingScalingPolicyConfiguration\.CustomizedMetricSpecification\.Metrics\.0\.Expression, which Berth does not support: .*--prometheus-url URL\./,
  }, 'a customized metric\'s Expression without --prometheus-url');
  const alb = await aas('put-scaling-policy', '--service-namespace', 'ecs', '--resource-id', resource, '--scalable-dimension', 'ecs:service:DesiredCount',
    '--policy-name', 'req', '--policy-type', 'TargetTrackingScaling', '--target-tracking-scaling-policy-configuration',
    JSON.stringify({ TargetValue: 100, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget' } }));
  t.match(alb.stderr, /\(ValidationException\).*ALBRequestCountPerTarget needs a ResourceLabel of the form app\//, 'ALBRequestCountPerTarget without its target group is refused');
});

t.test('ALBRequestCountPerTarget tracks ELB\'s requests per target of the labelled group', async (t) => {
  const label = 'app/web/50dc6c495c0c9188/targetgroup/web/73e2d6bc24d8a067';
  const put = await aas('put-scaling-policy', '--service-namespace', 'ecs', '--resource-id', resource, '--scalable-dimension', 'ecs:service:DesiredCount',
    '--policy-name', 'requests', '--policy-type', 'TargetTrackingScaling', '--target-tracking-scaling-policy-configuration',
    JSON.stringify({ TargetValue: 100, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: label } }));
  t.equal(put.code, 0, put.stderr);
  const alarms = (await cw('describe-alarms', '--alarm-name-prefix', `TargetTracking-${resource}-AlarmHigh`)).json?.MetricAlarms as { Namespace: string; MetricName: string; Statistic: string; Dimensions: unknown; AlarmActions: string[] }[];
  const high = alarms.find((a) => a.AlarmActions[0] === put.json?.PolicyARN);
  t.match(high, { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCountPerTarget', Statistic: 'Sum', Dimensions: [{ Name: 'TargetGroup', Value: 'targetgroup/web/73e2d6bc24d8a067' }] });
});
