// A role's trust policy, as tables: documents IAM refuses (its texts) and those Berth refuses because it
// cannot evaluate them (naming what), then whether a role is trusted by ecs-tasks.amazonaws.com for a
// request from a given account and task; and which roles an ECS call passes (iam:PassRole).
import t from 'tap';
import { BerthError, ECS_TASKS_PRINCIPAL, parseTrustPolicy, passedRoles, trustsService, type RequestContext } from '../src/index.js';

const V = '2012-10-17';
const doc = (statement: unknown) => JSON.stringify({ Version: V, Statement: statement });
const ecsTasks = (more: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: { Service: ECS_TASKS_PRINCIPAL }, Action: 'sts:AssumeRole', ...more });

function refusal(text: string): BerthError {
  try {
    parseTrustPolicy(text);
  } catch (e) {
    return e as BerthError;
  }
  throw new Error(`accepted: ${text}`);
}

const MALFORMED: [string, string, string][] = [
  ['not JSON', '{', 'Syntax errors in policy.'],
  ['no Statement', JSON.stringify({ Version: V }), 'Syntax errors in policy.'],
  ['an unknown element', doc(ecsTasks({ Foo: 1 })), 'Syntax errors in policy.'],
  ['an effect in another case', doc(ecsTasks({ Effect: 'allow' })), 'Syntax errors in policy.'],
  ['a Resource', doc(ecsTasks({ Resource: '*' })), 'Has prohibited field Resource'],
  ['no Principal', doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'Missing required field Principal'],
  ['no Action', doc({ Effect: 'Allow', Principal: { Service: ECS_TASKS_PRINCIPAL } }), 'Policy statement must contain actions.'],
  ['an action without a vendor', doc(ecsTasks({ Action: 'AssumeRole' })), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
  ['a service principal that is no DNS name', doc(ecsTasks({ Principal: { Service: 'ecs tasks' } })), 'Invalid principal in policy: "SERVICE":"ecs tasks"'],
  ['an unknown principal kind', doc(ecsTasks({ Principal: { Robot: 'x' } })), 'Invalid principal in policy: "Robot"'],
];

t.test('IAM refuses malformed trust policies with its texts', async (t) => {
  for (const [what, text, message] of MALFORMED) {
    const e = refusal(text);
    t.equal(e.name, 'MalformedPolicyDocumentException', what);
    t.equal(e.message, message, what);
  }
});

t.test('what Berth cannot evaluate is refused, naming it', async (t) => {
  const cases: [string, string, string][] = [
    ['NotPrincipal', doc({ Effect: 'Deny', NotPrincipal: { Service: ECS_TASKS_PRINCIPAL }, Action: 'sts:AssumeRole' }), 'NotPrincipal'],
    ['a federated principal', doc(ecsTasks({ Principal: { Federated: 'cognito-identity.amazonaws.com' } })), 'the Federated principal'],
    ['a condition key it does not supply', doc(ecsTasks({ Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } })), 'the condition key aws:PrincipalTag/team'],
    ['ecs:cluster, an identity-policy key', doc(ecsTasks({ Condition: { StringEquals: { 'ecs:cluster': 'x' } } })), 'the condition key ecs:cluster'],
  ];
  for (const [what, text, named] of cases) {
    const e = refusal(text);
    t.equal(e.name, 'MalformedPolicyDocumentException', what);
    t.match(e.message, `The policy uses ${named}, which Berth does not support`, what);
  }
});

t.test('whether ecs-tasks.amazonaws.com may assume the role', async (t) => {
  const ctx: RequestContext = { 'aws:sourceaccount': '123456789012', 'aws:sourcearn': 'arn:aws:ecs:us-east-1:123456789012:task/c/abc' };
  const cases: [string, unknown, boolean][] = [
    ['ECS\'s documented trust policy', ecsTasks(), true],
    ['a list of services', ecsTasks({ Principal: { Service: ['ec2.amazonaws.com', ECS_TASKS_PRINCIPAL] } }), true],
    ['another service only', ecsTasks({ Principal: { Service: 'ec2.amazonaws.com' } }), false],
    ['an AWS account only', ecsTasks({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } }), false],
    ['anyone', ecsTasks({ Principal: '*' }), true],
    ['another action', ecsTasks({ Action: 'sts:TagSession' }), false],
    ['a wildcard action', ecsTasks({ Action: 'sts:Assume*' }), true],
    ['a Deny beside the Allow', [ecsTasks(), ecsTasks({ Effect: 'Deny' })], false],
    ['the confused-deputy guard, matching', ecsTasks({ Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:us-east-1:123456789012:*' } } }), true],
    ['the confused-deputy guard, another account', ecsTasks({ Condition: { StringEquals: { 'aws:SourceAccount': '999999999999' } } }), false],
  ];
  for (const [what, statement, trusted] of cases) t.equal(trustsService(parseTrustPolicy(doc(statement)), ECS_TASKS_PRINCIPAL, ctx), trusted, what);
});

t.test('the roles an ECS call passes', async (t) => {
  const td = { taskRoleArn: 'arn:aws:iam::1:role/app', executionRoleArn: 'arn:aws:iam::1:role/exec' };
  t.same(passedRoles({}), []);
  t.same(passedRoles(td), ['arn:aws:iam::1:role/app', 'arn:aws:iam::1:role/exec']);
  t.same(passedRoles(td, { taskRoleArn: 'arn:aws:iam::1:role/admin' }), ['arn:aws:iam::1:role/admin', 'arn:aws:iam::1:role/exec'], 'an override replaces the task definition\'s role');
  t.same(passedRoles({ taskRoleArn: 'arn:aws:iam::1:role/r', executionRoleArn: 'arn:aws:iam::1:role/r' }), ['arn:aws:iam::1:role/r'], 'one role passed once');
  t.same(passedRoles(undefined, { executionRoleArn: 'arn:aws:iam::1:role/exec' }), ['arn:aws:iam::1:role/exec']);
});
