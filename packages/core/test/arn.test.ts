import t from 'tap';
import {
  BerthError, NAME_PATTERN, checkName, clusterArn, clusterName, containerArn, containerInstanceArn, parseArn,
  parseTaskDefinitionRef, resourceId, serviceArn, taskArn, taskDefinitionArn, type Identity,
} from '../src/index.js';

function thrown(fn: () => void): BerthError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  return undefined;
}

const ID: Identity = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
const TASK = '0123456789abcdef0123456789abcdef';

t.test('ARN builders', async (t) => {
  t.equal(clusterArn(ID, 'prod'), 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod');
  t.equal(taskDefinitionArn(ID, 'web', 7), 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7');
  t.equal(taskArn(ID, 'prod', TASK), `arn:aws:ecs:eu-west-1:123456789012:task/prod/${TASK}`);
  t.equal(taskArn(ID, clusterArn(ID, 'prod'), TASK), `arn:aws:ecs:eu-west-1:123456789012:task/prod/${TASK}`, 'cluster ARN accepted');
  t.equal(containerInstanceArn(ID, 'prod', TASK), `arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/${TASK}`);
  t.equal(serviceArn(ID, 'prod', 'api'), 'arn:aws:ecs:eu-west-1:123456789012:service/prod/api');
  t.equal(containerArn(ID, 'prod', TASK, 'c0ffee00-1111-2222-3333-444455556666'),
    `arn:aws:ecs:eu-west-1:123456789012:container/prod/${TASK}/c0ffee00-1111-2222-3333-444455556666`);
  t.equal(clusterArn({ partition: 'aws-cn', region: 'cn-north-1', accountId: '1' }, 'x'), 'arn:aws-cn:ecs:cn-north-1:1:cluster/x');
});

t.test('parseArn', async (t) => {
  const cases: [string, ReturnType<typeof parseArn>][] = [
    ['arn:aws:ecs:us-east-1:123456789012:cluster/default',
      { partition: 'aws', service: 'ecs', region: 'us-east-1', accountId: '123456789012', resourceType: 'cluster', resource: 'default' }],
    [`arn:aws:ecs:us-east-1:123456789012:task/default/${TASK}`,
      { partition: 'aws', service: 'ecs', region: 'us-east-1', accountId: '123456789012', resourceType: 'task', resource: `default/${TASK}` }],
    ['arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
      { partition: 'aws', service: 'ecs', region: 'us-east-1', accountId: '123456789012', resourceType: 'task-definition', resource: 'web:3' }],
    ['arn:aws-us-gov:iam::123456789012:role/path/ecsTaskRole',
      { partition: 'aws-us-gov', service: 'iam', region: '', accountId: '123456789012', resourceType: 'role', resource: 'path/ecsTaskRole' }],
    ['arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::',
      { partition: 'aws', service: 'secretsmanager', region: 'us-east-1', accountId: '123456789012', resourceType: 'secret', resource: 'db-AbCdEf:password::' }],
    ['arn:aws:s3:::bucket/key.env',
      { partition: 'aws', service: 's3', region: '', accountId: '', resourceType: 'bucket', resource: 'key.env' }],
    ['arn:aws:sns:us-east-1:123456789012:topic',
      { partition: 'aws', service: 'sns', region: 'us-east-1', accountId: '123456789012', resourceType: '', resource: 'topic' }],
    ['default', null],
    ['', null],
    ['arn:aws:ecs', null],
    ['arn:aws:ecs:us-east-1:123', null],
    ['arn:aws:ecs:us-east-1:123:', null],
    ['arn::ecs:us-east-1:123:cluster/x', null],
    ['ARN:aws:ecs:us-east-1:123:cluster/x', null],
  ];
  for (const [s, want] of cases) t.same(parseArn(s), want, s || '(empty)');
});

t.test('clusterName', async (t) => {
  t.equal(clusterName(), 'default');
  t.equal(clusterName(undefined), 'default');
  t.equal(clusterName(''), 'default');
  t.equal(clusterName('prod'), 'prod');
  t.equal(clusterName('arn:aws:ecs:us-east-1:123456789012:cluster/prod'), 'prod');
  t.equal(clusterName('arn:aws-cn:ecs:cn-north-1:123456789012:cluster/my_cluster-2'), 'my_cluster-2');
  for (const bad of [
    `arn:aws:ecs:us-east-1:123456789012:task/prod/${TASK}`,
    'arn:aws:ecs:us-east-1:123456789012:service/prod/api',
    'arn:aws:ec2:us-east-1:123456789012:cluster/prod',
    'arn:aws:ecs:us-east-1:123456789012:cluster/',
    'arn:aws:ecs:us-east-1:123456789012:cluster/a/b',
    'arn:aws:ecs',
  ]) {
    const e = thrown(() => clusterName(bad));
    t.equal(e?.ecsName, 'InvalidParameterException', bad);
    t.equal(e?.field, 'cluster');
    t.match(e?.message, /^Invalid cluster identifier /);
  }
  t.equal(thrown(() => clusterName('arn:aws:ecs:r:a:task/x/y', 'clusters[2]'))?.field, 'clusters[2]');
});

t.test('parseTaskDefinitionRef', async (t) => {
  const ok: [string, { family: string; revision?: number }][] = [
    ['web', { family: 'web' }],
    ['web:3', { family: 'web', revision: 3 }],
    ['my_family-2:12', { family: 'my_family-2', revision: 12 }],
    ['arn:aws:ecs:us-east-1:123456789012:task-definition/web:3', { family: 'web', revision: 3 }],
    ['arn:aws:ecs:us-east-1:123456789012:task-definition/web', { family: 'web' }],
  ];
  for (const [ref, want] of ok) t.strictSame(parseTaskDefinitionRef(ref), want, ref);
  const bad = [
    '', 'web:0', 'web:-1', 'web:x', 'web:', ':3', 'web:3:4', 'my family', 'web:1.5', 'web:99999999999',
    'arn:aws:ecs:us-east-1:123456789012:cluster/web', 'arn:aws:ecs:us-east-1:123456789012:task-definition/',
    'arn:aws:iam::123456789012:task-definition/web:1', 'arn:aws',
  ];
  for (const ref of bad) {
    const e = thrown(() => parseTaskDefinitionRef(ref));
    t.equal(e?.ecsName, 'InvalidParameterException', JSON.stringify(ref));
    t.equal(e?.field, 'taskDefinition');
    t.match(e?.message, /^(Invalid task definition identifier |Invalid revision number\. Number: )/);
  }
  t.equal(thrown(() => parseTaskDefinitionRef('x:y', 'taskDefinitions[1]'))?.field, 'taskDefinitions[1]');
});

t.test('resourceId', async (t) => {
  t.equal(resourceId(`arn:aws:ecs:us-east-1:123456789012:task/prod/${TASK}`), TASK);
  t.equal(resourceId(TASK), TASK);
  t.equal(resourceId('arn:aws:ecs:us-east-1:123456789012:cluster/prod'), 'prod');
  t.equal(resourceId('arn:aws:ecs:us-east-1:123456789012:task-definition/web:3'), 'web:3');
  t.equal(resourceId(`arn:aws:ecs:us-east-1:123456789012:container-instance/prod/${TASK}`), TASK);
});

t.test('names', async (t) => {
  for (const ok of ['default', 'a', 'My_Cluster-01', 'x'.repeat(255)]) {
    t.ok(NAME_PATTERN.test(ok), ok.slice(0, 20));
    t.doesNotThrow(() => checkName('clusterName', ok));
  }
  const bad: [unknown, RegExp][] = [
    ['', /must not be empty/], ['x'.repeat(256), /at most 255/], ['my cluster', /letters, numbers/], ['a.b', /letters, numbers/],
    ['ünï', /letters, numbers/], [5, /must be a string/], [undefined, /must be a string/],
  ];
  for (const [v, msg] of bad) {
    const e = thrown(() => checkName('family', v));
    t.equal(e?.ecsName, 'InvalidParameterException', String(v).slice(0, 20));
    t.equal(e?.field, 'family');
    t.match(e?.message, /^'family' /, 'the message names the member, not its path');
    t.match(e?.message, msg);
  }
});
