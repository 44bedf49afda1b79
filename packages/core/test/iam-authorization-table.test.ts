// The authorization table: every entry is an action of its API's model; what each names for a request, as
// a table (the resource ARNs of the Service Authorization Reference's type, and ecs:cluster where it lists
// it); members absent or malformed leave the resource unnamed (`*`), never a wrong ARN.
import t from 'tap';
import { AUTHORIZATION_TABLE, AWS_APIS, authorizationScope, neverDenied, parseArn, type ScopeEnv } from '../src/index.js';

const env: ScopeEnv = {
  identity: { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' },
  callerUserName: 'alice',
  latestRevision: async (family) => ({ web: 4 } as Record<string, number>)[family],
  secretArn: async (id) => (id === 'db' || id === 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db' ? 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' : undefined),
};
const ecs = (rest: string) => `arn:aws:ecs:eu-west-1:123456789012:${rest}`;
const iam = (rest: string) => `arn:aws:iam::123456789012:${rest}`;
const logs = (rest: string) => `arn:aws:logs:eu-west-1:123456789012:${rest}`;
const elb = (rest: string) => `arn:aws:elasticloadbalancing:eu-west-1:123456789012:${rest}`;
const events = (rest: string) => `arn:aws:events:eu-west-1:123456789012:${rest}`;
const scheduler = (rest: string) => `arn:aws:scheduler:eu-west-1:123456789012:${rest}`;
const HEX = '0123456789abcdef';
const inCluster = (c: string) => ({ 'ecs:cluster': ecs(`cluster/${c}`) });

t.test('every entry is an action of its API\'s model', async (t) => {
  const byPrefix = new Map(Object.values(AWS_APIS).map((a) => [a.iamPrefix, a]));
  for (const action of Object.keys(AUTHORIZATION_TABLE)) {
    const [prefix, name] = action.split(':') as [string, string];
    t.ok(byPrefix.get(prefix)?.operations[name], `${action} is an operation of the ${prefix} model`);
  }
});

/** [action, request, resources, context] */
const SCOPES: [string, Record<string, unknown>, string[], Record<string, string>][] = [
  ['ecs:CreateCluster', { clusterName: 'prod' }, [ecs('cluster/prod')], {}],
  ['ecs:CreateCluster', {}, [ecs('cluster/default')], {}],
  ['ecs:DeleteCluster', { cluster: ecs('cluster/prod') }, [ecs('cluster/prod')], {}],
  ['ecs:DescribeClusters', { clusters: ['a', ecs('cluster/b')] }, [ecs('cluster/a'), ecs('cluster/b')], {}],
  ['ecs:DescribeClusters', {}, [ecs('cluster/default')], {}],
  ['ecs:ListClusters', {}, ['*'], {}],
  ['ecs:CreateCapacityProvider', { name: 'pis' }, [ecs('capacity-provider/pis')], {}],
  ['ecs:DescribeCapacityProviders', { capacityProviders: ['pis', ecs('capacity-provider/vms')] }, [ecs('capacity-provider/pis'), ecs('capacity-provider/vms')], {}],
  ['ecs:DescribeCapacityProviders', {}, ['*'], {}],
  ['ecs:PutClusterCapacityProviders', { cluster: 'prod' }, [ecs('cluster/prod')], {}],
  ['ecs:RegisterTaskDefinition', { family: 'web' }, [ecs('task-definition/web:*')], {}],
  ['ecs:RegisterTaskDefinition', { family: 'no spaces' }, ['*'], {}],
  ['ecs:DeregisterTaskDefinition', { taskDefinition: 'web:1' }, ['*'], {}],
  ['ecs:DeleteTaskDefinitions', { taskDefinitions: ['web:1', ecs('task-definition/db:2')] }, [ecs('task-definition/web:1'), ecs('task-definition/db:2')], {}],
  ['ecs:DescribeTaskDefinition', { taskDefinition: 'web' }, ['*'], {}],
  ['ecs:ListTaskDefinitions', {}, ['*'], {}],
  ['ecs:ListTaskDefinitionFamilies', {}, ['*'], {}],
  ['ecs:RegisterContainerInstance', { cluster: 'edge' }, [ecs('cluster/edge')], {}],
  ['ecs:DescribeContainerInstances', { cluster: 'edge', containerInstances: ['i1', ecs('container-instance/edge/i2')] }, [ecs('container-instance/edge/i1'), ecs('container-instance/edge/i2')], inCluster('edge')],
  ['ecs:ListContainerInstances', { cluster: 'edge' }, [ecs('cluster/edge')], {}],
  ['ecs:UpdateContainerInstancesState', { containerInstances: ['i1'], status: 'DRAINING' }, [ecs('container-instance/default/i1')], inCluster('default')],
  ['ecs:DeregisterContainerInstance', { cluster: 'edge', containerInstance: 'i1' }, [ecs('cluster/edge')], {}],
  ['ecs:PutAttributes', { cluster: 'edge', attributes: [{ name: 'a', targetId: 'i1' }, { name: 'b', targetId: 'i1' }] }, [ecs('container-instance/edge/i1')], inCluster('edge')],
  ['ecs:DeleteAttributes', { attributes: [{ name: 'a', targetId: 'i2' }] }, [ecs('container-instance/default/i2')], inCluster('default')],
  ['ecs:ListAttributes', { cluster: 'edge', targetType: 'container-instance' }, [ecs('cluster/edge')], {}],
  ['ecs:RunTask', { cluster: 'prod', taskDefinition: 'web' }, [ecs('task-definition/web:4')], inCluster('prod')],
  ['ecs:RunTask', { taskDefinition: 'web:2' }, [ecs('task-definition/web:2')], inCluster('default')],
  ['ecs:RunTask', { taskDefinition: 'nothing-registered' }, ['*'], inCluster('default')],
  ['ecs:StartTask', { cluster: 'prod', taskDefinition: ecs('task-definition/web:3'), containerInstances: ['i1'] }, [ecs('task-definition/web:3')], inCluster('prod')],
  ['ecs:StopTask', { cluster: 'prod', task: 'abc' }, [ecs('task/prod/abc')], inCluster('prod')],
  ['ecs:ExecuteCommand', { cluster: 'prod', task: 'abc', container: 'web', command: 'sh' }, [ecs('task/prod/abc')], inCluster('prod')],
  ['ecs:DescribeTasks', { cluster: 'prod', tasks: ['abc', ecs('task/prod/def')] }, [ecs('task/prod/abc'), ecs('task/prod/def')], inCluster('prod')],
  ['ecs:ListTasks', { cluster: 'prod' }, ['*'], inCluster('prod')],
  ['ecs:ListTasks', { cluster: 'prod', containerInstance: 'i1' }, [ecs('container-instance/prod/i1')], inCluster('prod')],
  ['ecs:TagResource', { resourceArn: ecs('service/prod/web'), tags: [] }, [ecs('service/prod/web')], {}],
  ['ecs:UntagResource', { resourceArn: ecs('cluster/prod'), tagKeys: ['a'] }, [ecs('cluster/prod')], {}],
  ['ecs:ListTagsForResource', { resourceArn: ecs('task/prod/abc') }, [ecs('task/prod/abc')], {}],
  ['ecs:CreateService', { cluster: 'prod', serviceName: 'web', taskDefinition: 'web' }, [ecs('service/prod/web')], inCluster('prod')],
  ['ecs:UpdateService', { cluster: 'prod', service: ecs('service/prod/web') }, [ecs('service/prod/web')], inCluster('prod')],
  ['ecs:DeleteService', { service: 'web' }, [ecs('service/default/web')], inCluster('default')],
  ['ecs:DescribeServices', { cluster: 'prod', services: ['web', 'db'] }, [ecs('service/prod/web'), ecs('service/prod/db')], inCluster('prod')],
  ['ecs:ListServices', { cluster: 'prod' }, ['*'], inCluster('prod')],
  ['sts:GetCallerIdentity', {}, ['*'], {}],
  ['iam:CreateUser', { UserName: 'bob' }, [iam('user/bob')], {}],
  ['iam:GetUser', {}, [iam('user/alice')], {}],
  ['iam:ListUsers', {}, ['*'], {}],
  ['iam:CreateAccessKey', {}, [iam('user/alice')], {}],
  ['iam:ListAccessKeys', { UserName: 'bob' }, [iam('user/bob')], {}],
  ['iam:UpdateAccessKey', { AccessKeyId: 'AKIA', Status: 'Inactive' }, [iam('user/alice')], {}],
  ['iam:PutUserPolicy', { UserName: 'bob', PolicyName: 'p', PolicyDocument: '{}' }, [iam('user/bob')], {}],
  ['iam:AttachUserPolicy', { UserName: 'bob', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, [iam('user/bob')], {}],
  ['iam:CreateRole', { RoleName: 'app', AssumeRolePolicyDocument: '{}' }, [iam('role/app')], {}],
  ['iam:ListRoles', {}, ['*'], {}],
  ['iam:PutRolePolicy', { RoleName: 'app', PolicyName: 'p', PolicyDocument: '{}' }, [iam('role/app')], {}],
  ['iam:GetRole', {}, ['*'], {}],
  ['secretsmanager:CreateSecret', { Name: 'db' }, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-??????'], {}],
  ['secretsmanager:GetSecretValue', { SecretId: 'db' }, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'], {}],
  ['secretsmanager:GetSecretValue', { SecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db' }, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'], {}],
  ['secretsmanager:GetSecretValue', { SecretId: 'nope' }, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:nope-??????'], {}],
  ['ssm:GetParameters', { Names: ['/app/db', 'plain:3'] }, ['arn:aws:ssm:eu-west-1:123456789012:parameter/app/db', 'arn:aws:ssm:eu-west-1:123456789012:parameter/plain'], {}],
  // Malformed or absent members: the resource is unnamed, never a wrong ARN.
  ['ecs:DeleteCluster', { cluster: 42 }, ['*'], {}],
  ['ecs:DeleteCluster', { cluster: ecs('service/prod/web') }, ['*'], {}],
  ['ecs:DescribeTasks', { cluster: 'prod', tasks: 'abc' }, ['*'], inCluster('prod')],
  ['ecs:StopTask', { cluster: ['x'], task: 'abc' }, ['*'], {}],
  ['ecs:RunTask', { taskDefinition: 'web:0' }, ['*'], inCluster('default')],
  ['ecs:TagResource', {}, ['*'], {}],
  ['logs:CreateLogGroup', { logGroupName: '/ecs/web' }, [logs('log-group:/ecs/web:*')], {}],
  ['logs:GetLogEvents', { logGroupIdentifier: logs('log-group:/ecs/web:*'), logStreamName: 's' }, [logs('log-group:/ecs/web:*')], {}],
  ['logs:FilterLogEvents', {}, ['*'], {}],
  ['logs:DescribeLogGroups', { logGroupNamePrefix: '/ecs' }, ['*'], {}],
  ['logs:PutLogEvents', { logGroupName: '/ecs/web', logStreamName: 'web/app/1' }, [logs('log-group:/ecs/web:log-stream:web/app/1')], {}],
  ['logs:PutLogEvents', { logGroupName: '/ecs/web' }, ['*'], {}],
  ['elasticloadbalancing:CreateLoadBalancer', { Name: 'web' }, [elb('loadbalancer/app/web/*')], {}],
  ['elasticloadbalancing:CreateLoadBalancer', { Name: 'web', Type: 'network' }, [elb('loadbalancer/net/web/*')], {}],
  ['elasticloadbalancing:CreateLoadBalancer', { Name: 'web', Type: 'gateway' }, ['*'], {}],
  ['elasticloadbalancing:CreateTargetGroup', { Name: 'api' }, [elb('targetgroup/api/*')], {}],
  ['elasticloadbalancing:DeleteLoadBalancer', { LoadBalancerArn: elb(`loadbalancer/app/web/${HEX}`) }, [elb(`loadbalancer/app/web/${HEX}`)], {}],
  ['elasticloadbalancing:DeleteLoadBalancer', { LoadBalancerArn: elb(`targetgroup/web/${HEX}`) }, ['*'], {}],
  ['elasticloadbalancing:RegisterTargets', { TargetGroupArn: elb(`targetgroup/api/${HEX}`) }, [elb(`targetgroup/api/${HEX}`)], {}],
  ['elasticloadbalancing:CreateRule', { ListenerArn: elb(`listener/app/web/${HEX}/${HEX}`) }, [elb(`listener/app/web/${HEX}/${HEX}`)], {}],
  ['elasticloadbalancing:SetRulePriorities', { RulePriorities: [{ RuleArn: elb(`listener-rule/app/web/${HEX}/${HEX}/${HEX}`) }] }, [elb(`listener-rule/app/web/${HEX}/${HEX}/${HEX}`)], {}],
  ['elasticloadbalancing:DescribeTargetHealth', { TargetGroupArn: elb(`targetgroup/api/${HEX}`) }, ['*'], {}],
  ['events:PutRule', { Name: 'nightly' }, [events('rule/nightly')], {}],
  ['events:PutTargets', { Rule: 'r', EventBusName: 'orders' }, [events('rule/orders/r')], {}],
  ['events:PutTargets', { Rule: 'r', EventBusName: events('event-bus/orders') }, [events('rule/orders/r')], {}],
  ['events:DeleteRule', {}, ['*'], {}],
  ['events:PutEvents', { Entries: [{ Source: 'a' }, { EventBusName: 'orders' }] }, [events('event-bus/default'), events('event-bus/orders')], {}],
  ['events:CreateEventBus', { Name: 'orders' }, [events('event-bus/orders')], {}],
  ['events:ListRules', {}, ['*'], {}],
  ['scheduler:CreateSchedule', { Name: 'tick' }, [scheduler('schedule/default/tick')], {}],
  ['scheduler:UpdateSchedule', { Name: 'tick', GroupName: 'batch' }, [scheduler('schedule/batch/tick')], {}],
  ['scheduler:DeleteScheduleGroup', { Name: 'batch' }, [scheduler('schedule-group/batch')], {}],
];

t.test('what each action names, per the Service Authorization Reference', async (t) => {
  for (const [action, request, resources, context] of SCOPES) {
    t.same(await authorizationScope(action, request, env), { resources, context }, `${action} ${JSON.stringify(request)}`);
    const type = AUTHORIZATION_TABLE[action]!.resourceType;
    for (const r of resources) {
      // A log stream's ARN is written under its group's (log-group:G:log-stream:S).
      if (r === '*' || type === 'ecs-resource' || type === 'log-stream') continue;
      t.equal(parseArn(r)?.resourceType, type, `${action} names ${type} resources`);
    }
  }
});

t.test('an anonymous caller names no user where IAM would default to the caller\'s', async (t) => {
  const anon: ScopeEnv = { identity: env.identity, latestRevision: env.latestRevision, secretArn: env.secretArn };
  t.same(await authorizationScope('iam:CreateAccessKey', {}, anon), { resources: ['*'], context: {} });
  t.equal(await authorizationScope('ecs:NotAnAction', {}, env), undefined, 'no entry, no scope');
});

t.test('GetCallerIdentity is never denied, as AWS', async (t) => {
  t.ok(neverDenied('sts:GetCallerIdentity'));
  t.notOk(neverDenied('ecs:ListClusters'));
  t.notOk(neverDenied('toString'));
});
