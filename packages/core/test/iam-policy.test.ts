// IAM's policy grammar and evaluation, as tables: documents IAM refuses (with IAM's texts) and those Berth
// refuses because it cannot evaluate them (naming what), then decisions for (policy, action, resource,
// context): explicit Deny over Allow, default deny, NotAction, NotResource, wildcards in actions
// (case-insensitive) and ARNs (segment by segment), and the ecs:cluster conditions under every operator.
import t from 'tap';
import { BerthError, MANAGED_POLICIES, evaluate, evaluateAll, parsePolicy, type Policy, type RequestContext } from '../src/index.js';

const V = '2012-10-17';
const doc = (statement: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ Version: V, Statement: statement, ...extra });
const allow = (more: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action: 'ecs:*', Resource: '*', ...more });

function refusal(text: string): BerthError {
  try {
    parsePolicy(text);
  } catch (e) {
    return e as BerthError;
  }
  throw new Error(`accepted: ${text}`);
}

/** document -> IAM's MalformedPolicyDocument text. */
const MALFORMED: [string, string, string][] = [
  ['not JSON', '{"Version":', 'Syntax errors in policy.'],
  ['not an object', '[]', 'Syntax errors in policy.'],
  ['unknown top-level element', doc(allow(), { Foo: 1 }), 'Syntax errors in policy.'],
  ['unknown statement element', doc(allow({ Effects: 'Allow' })), 'Syntax errors in policy.'],
  ['no Statement', JSON.stringify({ Version: V }), 'Syntax errors in policy.'],
  ['empty Statement list', doc([]), 'Syntax errors in policy.'],
  ['Action and NotAction', doc(allow({ NotAction: 'ecs:RunTask' })), 'Syntax errors in policy.'],
  ['Resource and NotResource', doc(allow({ NotResource: '*' })), 'Syntax errors in policy.'],
  ['an effect that is neither', doc(allow({ Effect: 'Permit' })), 'Syntax errors in policy.'],
  ['an action that is not a string', doc(allow({ Action: ['ecs:RunTask', 3] })), 'Syntax errors in policy.'],
  ['an unknown Version', doc(allow(), { Version: '2020-01-01' }), 'Syntax errors in policy.'],
  ['Principal in an identity policy', doc(allow({ Principal: { AWS: '*' } })), 'Policy document should not specify a principal.'],
  ['NotPrincipal likewise', doc([allow(), allow({ Sid: 'B', NotPrincipal: '*' })]), 'Policy document should not specify a principal.'],
  ['no Version', JSON.stringify({ Statement: allow() }), 'Policy document must be version 2012-10-17 or greater.'],
  ['the 2008 version', doc(allow(), { Version: '2008-10-17' }), 'Policy document must be version 2012-10-17 or greater.'],
  ['an effect in another case', doc(allow({ Effect: 'allow' })), 'The policy failed legacy parsing'],
  ['two statements with one Sid', doc([allow({ Sid: 'A' }), allow({ Sid: 'A' })]), 'Statement IDs (SID) in a single policy must be unique.'],
  ['a Sid with a dash', doc(allow({ Sid: 'read-only' })), 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*'],
  ['no Action', doc({ Effect: 'Allow', Resource: '*' }), 'Policy statement must contain actions.'],
  ['an empty Action list', doc(allow({ Action: [] })), 'Policy statement must contain actions.'],
  ['no Resource', doc({ Effect: 'Allow', Action: 'ecs:*' }), 'Policy statement must contain resources.'],
  ['a resource that is not an ARN', doc(allow({ Resource: 'my-cluster' })), 'Resource my-cluster must be in ARN format or "*".'],
  ['another partition', doc(allow({ Resource: 'arn:azure:ecs:us-east-1:1:cluster/a' })), 'Partition "azure" is not valid for resource "arn:azure:ecs:us-east-1:1:cluster/a".'],
  ['a wildcard service', doc(allow({ Resource: 'arn:aws:*:us-east-1:1:cluster/a' })), 'Resource vendor must be fully qualified and cannot contain regexes.'],
  ['an IAM resource with a region', doc(allow({ Resource: 'arn:aws:iam:us-east-1:1:user/a' })), 'IAM resource arn:aws:iam:us-east-1:1:user/a cannot contain region information.'],
  ['an action without a vendor', doc(allow({ Action: 'RunTask' })), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
  ['an action with two colons', doc(allow({ Action: 'ecs:Run:Task' })), 'Actions/Condition can contain only one colon.'],
  ['a vendor with a space', doc(allow({ Action: 'e cs:RunTask' })), 'Vendor e cs is not valid'],
];

/** documents Berth refuses because it cannot evaluate them, and what the refusal names. */
const UNSUPPORTED: [string, unknown, RegExp][] = [
  ['another condition key', { Condition: { StringEquals: { 'aws:SourceIp': '10.0.0.0/8' } } }, /uses the condition key aws:SourceIp, which Berth does not support/],
  ['another operator', { Condition: { IpAddress: { 'ecs:cluster': '10.0.0.0/8' } } }, /uses the condition operator IpAddress, which Berth does not support/],
  ['a case-insensitive String operator', { Condition: { StringEqualsIgnoreCase: { 'ecs:cluster': 'x' } } }, /condition operator StringEqualsIgnoreCase/],
  ['a set operator', { Condition: { 'ForAnyValue:StringEquals': { 'ecs:cluster': 'x' } } }, /uses the set operator ForAnyValue:StringEquals/],
  ['Null', { Condition: { Null: { 'ecs:cluster': 'true' } } }, /condition operator Null/],
  ['a policy variable in a resource', { Resource: 'arn:aws:iam::000000000000:user/${aws:username}' }, /uses a policy variable \(arn:aws:iam::000000000000:user\/\$\{aws:username\}\)/],
];

t.test('IAM refuses malformed documents with its own texts, in its order', async (t) => {
  for (const [what, text, message] of MALFORMED) {
    const e = refusal(text);
    t.equal(e.ecsName, 'MalformedPolicyDocumentException', what);
    t.equal(e.message, message, what);
  }
});

t.test('what Berth cannot evaluate is refused naming it, never accepted and ignored', async (t) => {
  for (const [what, more, message] of UNSUPPORTED) {
    const e = refusal(doc(allow(more as Record<string, unknown>)));
    t.equal(e.ecsName, 'MalformedPolicyDocumentException', what);
    t.match(e.message, message, what);
  }
});

t.test('the grammar\'s accepted forms: one statement or a list, strings or lists, every supported operator', async (t) => {
  t.same(parsePolicy(doc(allow())).statements, [{ effect: 'Allow', action: ['ecs:*'], resource: ['*'], conditions: [] }]);
  const p = parsePolicy(doc([
    { Sid: 'One', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], NotResource: 'arn:aws:ecs:*:*:cluster/prod' },
    allow({ Condition: { ArnLikeIfExists: { 'ECS:Cluster': ['arn:aws:ecs:*:*:cluster/a', 'arn:aws:ecs:*:*:cluster/b'] }, StringNotEquals: { 'ecs:cluster': 'x' } } }),
  ], { Id: 'mine' }));
  t.same(p.statements[0], { sid: 'One', effect: 'Deny', notAction: ['iam:*', 'sts:*'], notResource: ['arn:aws:ecs:*:*:cluster/prod'], conditions: [] });
  t.same(p.statements[1]!.conditions, [
    { operator: 'ArnLike', ifExists: true, key: 'ecs:cluster', values: ['arn:aws:ecs:*:*:cluster/a', 'arn:aws:ecs:*:*:cluster/b'] },
    { operator: 'StringNotEquals', ifExists: false, key: 'ecs:cluster', values: ['x'] },
  ], 'condition keys are case-insensitive; the IfExists form is a flag');
  for (const op of ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'ArnEquals', 'ArnNotEquals', 'ArnLike', 'ArnNotLike']) {
    for (const name of [op, `${op}IfExists`]) t.doesNotThrow(() => parsePolicy(doc(allow({ Condition: { [name]: { 'ecs:cluster': 'arn:aws:ecs:*:*:cluster/a' } } }))), name);
  }
});

const ACCOUNT = '000000000000';
const cluster = (name: string) => `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/${name}`;
const taskdef = (f: string, r: number) => `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${f}:${r}`;
const task = (c: string, id: string) => `arn:aws:ecs:us-east-1:${ACCOUNT}:task/${c}/${id}`;
const inCluster = (name: string): RequestContext => ({ 'ecs:cluster': cluster(name) });
const P = (...statements: unknown[]): Policy => parsePolicy(doc(statements));

/** [what, policies, action, resource, context, decision] */
const DECISIONS: [string, Policy[], string, string, RequestContext, string][] = [
  ['no policy: denied by default', [], 'ecs:RunTask', taskdef('web', 1), {}, 'ImplicitDeny'],
  ['an Allow of the action', [P(allow())], 'ecs:RunTask', taskdef('web', 1), {}, 'Allow'],
  ['another service\'s action', [P(allow())], 'iam:CreateUser', '*', {}, 'ImplicitDeny'],
  ['an explicit Deny wins over an Allow in the same policy', [P(allow(), { Effect: 'Deny', Action: 'ecs:RunTask', Resource: '*' })], 'ecs:RunTask', taskdef('web', 1), {}, 'ExplicitDeny'],
  ['an explicit Deny wins across policies', [P(allow()), P({ Effect: 'Deny', Action: 'ecs:Run*', Resource: '*' })], 'ecs:RunTask', taskdef('web', 1), {}, 'ExplicitDeny'],
  ['a Deny of something else leaves the Allow', [P(allow(), { Effect: 'Deny', Action: 'ecs:StopTask', Resource: '*' })], 'ecs:RunTask', taskdef('web', 1), {}, 'Allow'],
  ['action names are case-insensitive', [P(allow({ Action: 'ECS:runtask' }))], 'ecs:RunTask', '*', {}, 'Allow'],
  ['`*` in an action', [P(allow({ Action: 'ecs:Describe*' }))], 'ecs:DescribeTasks', '*', {}, 'Allow'],
  ['`*` in an action, not matching', [P(allow({ Action: 'ecs:Describe*' }))], 'ecs:ListTasks', '*', {}, 'ImplicitDeny'],
  ['`?` in an action', [P(allow({ Action: 'ecs:?topTask' }))], 'ecs:StopTask', '*', {}, 'Allow'],
  ['`?` is exactly one character', [P(allow({ Action: 'ecs:?StopTask' }))], 'ecs:StopTask', '*', {}, 'ImplicitDeny'],
  ['Action `*`', [P(allow({ Action: '*' }))], 'iam:DeleteUser', '*', {}, 'Allow'],
  ['NotAction allows everything else', [P(allow({ Action: undefined, NotAction: 'ecs:RunTask' }))], 'ecs:StopTask', task('a', '1'), {}, 'Allow'],
  ['NotAction does not allow what it names', [P(allow({ Action: undefined, NotAction: 'ecs:Run*' }))], 'ecs:RunTask', taskdef('web', 1), {}, 'ImplicitDeny'],
  ['a Deny with NotAction denies everything else', [P(allow({ Action: '*' }), { Effect: 'Deny', NotAction: ['ecs:Describe*', 'ecs:List*'], Resource: '*' })], 'ecs:RunTask', taskdef('web', 1), {}, 'ExplicitDeny'],
  ['... and leaves what it names', [P(allow({ Action: '*' }), { Effect: 'Deny', NotAction: ['ecs:Describe*', 'ecs:List*'], Resource: '*' })], 'ecs:DescribeTasks', task('a', '1'), {}, 'Allow'],
  ['a resource ARN exactly', [P(allow({ Resource: taskdef('web', 1) }))], 'ecs:RunTask', taskdef('web', 1), {}, 'Allow'],
  ['another revision is another resource', [P(allow({ Resource: taskdef('web', 1) }))], 'ecs:RunTask', taskdef('web', 2), {}, 'ImplicitDeny'],
  ['`*` in the resource: every revision', [P(allow({ Resource: 'arn:aws:ecs:*:*:task-definition/web:*' }))], 'ecs:RunTask', taskdef('web', 7), {}, 'Allow'],
  ['`*` in the resource spans `/` within it', [P(allow({ Resource: 'arn:aws:ecs:us-east-1:000000000000:task/*' }))], 'ecs:StopTask', task('prod', 'abc'), {}, 'Allow'],
  ['`?` in the resource', [P(allow({ Resource: 'arn:aws:ecs:us-east-1:000000000000:cluster/prod-?' }))], 'ecs:DeleteCluster', cluster('prod-1'), {}, 'Allow'],
  ['ARNs are case-sensitive', [P(allow({ Resource: 'arn:aws:ecs:us-east-1:000000000000:cluster/Prod' }))], 'ecs:DeleteCluster', cluster('prod'), {}, 'ImplicitDeny'],
  ['a wildcard never spans segments', [P(allow({ Resource: 'arn:aws:ecs:*:cluster/prod' }))], 'ecs:DeleteCluster', cluster('prod'), {}, 'ImplicitDeny'],
  ['a resource pattern does not match an unnamed resource (`*`)', [P(allow({ Resource: 'arn:aws:ecs:*:*:cluster/*' }))], 'ecs:ListClusters', '*', {}, 'ImplicitDeny'],
  ['NotResource allows the others', [P(allow({ Resource: undefined, NotResource: cluster('prod') }))], 'ecs:DeleteCluster', cluster('dev'), {}, 'Allow'],
  ['NotResource does not allow what it names', [P(allow({ Resource: undefined, NotResource: 'arn:aws:ecs:*:*:cluster/prod*' }))], 'ecs:DeleteCluster', cluster('prod-eu'), {}, 'ImplicitDeny'],
  ['a Deny with NotResource protects everything but one cluster', [P(allow(), { Effect: 'Deny', Action: 'ecs:*', NotResource: cluster('sandbox') })], 'ecs:DeleteCluster', cluster('prod'), {}, 'ExplicitDeny'],
  // ecs:cluster, under each operator
  ['ArnEquals on the cluster', [P(allow({ Condition: { ArnEquals: { 'ecs:cluster': cluster('a') } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('a'), 'Allow'],
  ['ArnEquals, another cluster', [P(allow({ Condition: { ArnEquals: { 'ecs:cluster': cluster('a') } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('b'), 'ImplicitDeny'],
  ['ArnEquals takes wildcards too', [P(allow({ Condition: { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:*:*:cluster/a*' } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('ab'), 'Allow'],
  ['ArnLike, any of the values', [P(allow({ Condition: { ArnLike: { 'ecs:cluster': [cluster('x'), 'arn:aws:ecs:*:*:cluster/b*'] } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('blue'), 'Allow'],
  ['ArnNotEquals', [P(allow({ Condition: { ArnNotEquals: { 'ecs:cluster': cluster('prod') } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('dev'), 'Allow'],
  ['ArnNotEquals, the cluster it names', [P(allow({ Condition: { ArnNotEquals: { 'ecs:cluster': cluster('prod') } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('prod'), 'ImplicitDeny'],
  ['ArnNotLike, none of the values may match', [P(allow({ Condition: { ArnNotLike: { 'ecs:cluster': [cluster('x'), 'arn:aws:ecs:*:*:cluster/p*'] } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('prod'), 'ImplicitDeny'],
  ['StringEquals is exact', [P(allow({ Condition: { StringEquals: { 'ecs:cluster': cluster('a') } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('a'), 'Allow'],
  ['StringEquals takes no wildcard', [P(allow({ Condition: { StringEquals: { 'ecs:cluster': 'arn:aws:ecs:*:*:cluster/a' } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('a'), 'ImplicitDeny'],
  ['StringLike spans segments', [P(allow({ Condition: { StringLike: { 'ecs:cluster': '*:cluster/a' } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('a'), 'Allow'],
  ['StringNotEquals', [P(allow({ Condition: { StringNotEquals: { 'ecs:cluster': cluster('a') } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('b'), 'Allow'],
  ['StringNotLike', [P(allow({ Condition: { StringNotLike: { 'ecs:cluster': '*/prod*' } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('prod-eu'), 'ImplicitDeny'],
  ['a key the request lacks fails a positive operator', [P(allow({ Condition: { ArnEquals: { 'ecs:cluster': cluster('a') } } }))], 'ecs:ListClusters', '*', {}, 'ImplicitDeny'],
  ['... satisfies its IfExists form', [P(allow({ Condition: { ArnEqualsIfExists: { 'ecs:cluster': cluster('a') } } }))], 'ecs:ListClusters', '*', {}, 'Allow'],
  ['... satisfies a negated operator', [P(allow({ Condition: { ArnNotEquals: { 'ecs:cluster': cluster('a') } } }))], 'ecs:ListClusters', '*', {}, 'Allow'],
  ['... and IfExists does not change a present key', [P(allow({ Condition: { ArnEqualsIfExists: { 'ecs:cluster': cluster('a') } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('b'), 'ImplicitDeny'],
  ['every condition must hold', [P(allow({ Condition: { ArnLike: { 'ecs:cluster': 'arn:aws:ecs:*:*:cluster/*' }, ArnNotEquals: { 'ecs:cluster': cluster('prod') } } }))], 'ecs:RunTask', taskdef('web', 1), inCluster('prod'), 'ImplicitDeny'],
  ['a Deny limited to one cluster', [P(allow(), { Effect: 'Deny', Action: 'ecs:StopTask', Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': cluster('prod') } } })], 'ecs:StopTask', task('dev', '1'), inCluster('dev'), 'Allow'],
  ['... in that cluster', [P(allow(), { Effect: 'Deny', Action: 'ecs:StopTask', Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': cluster('prod') } } })], 'ecs:StopTask', task('prod', '1'), inCluster('prod'), 'ExplicitDeny'],
];

t.test('decisions as IAM makes them', async (t) => {
  for (const [what, policies, action, resource, context, decision] of DECISIONS) {
    t.equal(evaluate(policies, action, resource, context), decision, what);
  }
});

t.test('a call on several resources is allowed only when each is, an explicit deny reported first', async (t) => {
  const p = [P(allow({ Resource: [task('a', '*'), task('b', '*')] }), { Effect: 'Deny', Action: '*', Resource: task('b', 'secret') })];
  t.same(evaluateAll(p, 'ecs:DescribeTasks', [task('a', '*'), task('b', '*')]), { decision: 'Allow' });
  t.same(evaluateAll(p, 'ecs:DescribeTasks', [task('a', '1'), task('c', '2'), task('b', 'secret')]), { decision: 'ExplicitDeny', resource: task('b', 'secret') });
  t.same(evaluateAll(p, 'ecs:DescribeTasks', [task('a', '1'), task('c', '2')]), { decision: 'ImplicitDeny', resource: task('c', '2') });
});

t.test('AWS\'s managed policies parse with the same grammar and evaluate alike', async (t) => {
  const get = (name: string) => [MANAGED_POLICIES.get(`arn:aws:iam::aws:policy/${name}`)!.policy];
  t.equal(MANAGED_POLICIES.size, 4);
  t.equal(evaluate(get('AdministratorAccess'), 'iam:DeleteUser', `arn:aws:iam::${ACCOUNT}:user/x`), 'Allow');
  t.equal(evaluate(get('ReadOnlyAccess'), 'ecs:DescribeTasks', task('a', '1'), inCluster('a')), 'Allow');
  t.equal(evaluate(get('ReadOnlyAccess'), 'ecs:RunTask', taskdef('web', 1), inCluster('a')), 'ImplicitDeny');
  t.equal(evaluate(get('ReadOnlyAccess'), 'iam:GetUserPolicy', `arn:aws:iam::${ACCOUNT}:user/x`), 'Allow', 'ReadOnlyAccess reads IAM too, as AWS\'s does');
  t.equal(evaluate(get('ReadOnlyAccess'), 'iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/x`), 'ImplicitDeny');
  t.equal(evaluate(get('ReadOnlyAccess'), 'elasticloadbalancing:DescribeTargetHealth', '*'), 'Allow', 'and load balancers');
  t.equal(evaluate(get('ReadOnlyAccess'), 'elasticloadbalancing:RegisterTargets', '*'), 'ImplicitDeny');
  t.equal(evaluate(get('AmazonECS_FullAccess'), 'ecs:RunTask', taskdef('web', 1)), 'Allow');
  t.equal(evaluate(get('AmazonECS_FullAccess'), 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/x`), 'ImplicitDeny');
  // The execution role's policy: what the agent does for a task (pulls, log streams); secrets need more, as on AWS.
  const execution = get('service-role/AmazonECSTaskExecutionRolePolicy');
  t.equal(MANAGED_POLICIES.get('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy')!.path, '/service-role/');
  t.equal(evaluate(execution, 'logs:PutLogEvents', 'arn:aws:logs:us-east-1:000000000000:log-group:g:log-stream:s'), 'Allow');
  t.equal(evaluate(execution, 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf'), 'ImplicitDeny');
  const served = new Set(['ecs', 'iam', 'sts', 'cloudwatch', 'scheduler', 'elasticloadbalancing']);
  for (const m of [...MANAGED_POLICIES.values()].filter((p) => p.path === '/')) {
    for (const s of m.policy.statements) for (const a of s.action ?? []) t.ok(a === '*' || served.has(a.split(':')[0]!), `${m.name}: ${a} is of a service Berth serves`);
  }
});
