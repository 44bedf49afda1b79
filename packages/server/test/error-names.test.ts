// Every error name Berth raises exists in the model of the API raising it. The names are collected from the
// code: `new BerthError('Name'`, `super('Name'` of BerthError subclasses, and the helpers invalid()
// (InvalidParameterException), clientError() (ClientException) and unsupportedFeature()
// (UnsupportedFeatureException). A file belongs to the API it serves:
// STS's handlers to STS; IAM's handlers, users, keys and policies (auth/) and core's policy grammar
// (core/src/iam/) to IAM, but auth/pass-role.ts to ECS (the ECS call refuses); secrets/ to Secrets Manager and
// SSM; CloudWatch Logs' handlers, core's logs/ and the log store to CloudWatch Logs; ELBv2's handlers
// (handlers/elb/, but berth-lb's health reports, which the fleet service serves in ECS's names) and core's ELB
// rules (core/src/elb/) to ELBv2, whose bad input is the query protocol's ValidationError (its model names none
// of its own); EventBridge's handlers and core's patterns (core/src/eventbridge/) to EventBridge (whose model
// names no bad-input error either: ValidationError), Scheduler's handlers to Scheduler; every other file of
// core and the server to ECS (invoking/: a rule's or schedule's RunTask, whose refusals are recorded in ECS's names).
// The AWS protocol layer (server/src/aws/) raises AWS's common errors, which no model lists (core's
// CommonErrorName). A refusal of the policy check takes the raising API's name: its model's
// AccessDeniedException (listed or not, on the JSON and REST-JSON protocols), the query protocol's common
// AccessDenied on IAM and STS.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AWS_APIS, accessDenied, type AwsApiName } from '@berth/core';
import { validationError } from '@berth/api';
import { REPO_ROOT } from './helpers.js';

const OWNERS: [RegExp, AwsApiName | 'protocol'][] = [
  [/^packages\/server\/src\/aws\//, 'protocol'],
  [/^packages\/server\/src\/handlers\/sts\.ts$/, 'sts'],
  // iam:PassRole is refused by the ECS call that passes the role.
  [/^packages\/server\/src\/auth\/pass-role\.ts$/, 'ecs'],
  [/^packages\/server\/src\/secrets\/secrets-manager\.ts$/, 'secretsmanager'],
  [/^packages\/server\/src\/secrets\/parameter-store\.ts$/, 'ssm'],
  [/^packages\/server\/src\/auth\//, 'iam'],
  [/^packages\/server\/src\/handlers\/iam\.ts$/, 'iam'],
  [/^packages\/core\/src\/iam\//, 'iam'],
  [/^packages\/core\/src\/logs\//, 'logs'],
  [/^packages\/server\/src\/handlers\/logs\.ts$/, 'logs'],
  [/^packages\/log-store\/src\//, 'logs'],
  [/^packages\/server\/src\/handlers\/elb\/(target-health|lb-statistics)-reports\.ts$/, 'ecs'],
  [/^packages\/server\/src\/handlers\/elb\//, 'elbv2'],
  [/^packages\/core\/src\/elb\//, 'elbv2'],
  // Berth's own invoking service (webhooks, invocations) answers ECS's errors, as the fleet service does.
  [/^packages\/server\/src\/handlers\/eventbridge\/invoking\.ts$/, 'ecs'],
  [/^packages\/server\/src\/handlers\/eventbridge\//, 'events'],
  [/^packages\/core\/src\/eventbridge\//, 'events'],
  [/^packages\/server\/src\/handlers\/scheduler\//, 'scheduler'],
  [/^packages\/server\/src\/handlers\/cloudwatch\//, 'cloudwatch'],
  [/^packages\/server\/src\/handlers\/autoscaling(-[a-z]+)?\.ts$/, 'applicationautoscaling'],
  // The console's sign-in answers the seam's own errors (ThrottlingException, UnrecognizedClientException).
  [/^packages\/server\/src\/console\//, 'protocol'],
  [/^packages\/(core|server)\/src\//, 'ecs'],
];

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts') && !f.includes('/model/') && !f.startsWith('model/')).map((f) => join(dir, f));
}

const raised = new Map<string, Set<string>>(); // "api name" -> files
for (const file of [...sources(join(REPO_ROOT, 'packages/core/src')), ...sources(join(REPO_ROOT, 'packages/server/src')), ...sources(join(REPO_ROOT, 'packages/log-store/src'))]) {
  const rel = relative(REPO_ROOT, file);
  const owner = OWNERS.find(([re]) => re.test(rel))?.[1];
  if (!owner || owner === 'protocol') continue;
  const text = readFileSync(file, 'utf8');
  const names = [
    ...[...text.matchAll(/new BerthError\(\s*'(\w+)'/g)].map((m) => m[1]!),
    ...[...text.matchAll(/super\(\s*'(\w+Exception)'/g)].map((m) => m[1]!),
    ...(/\binvalid\(/.test(text) ? ['InvalidParameterException'] : []),
    ...(/\bclientError\(/.test(text) ? ['ClientException'] : []),
    ...(/\bunsupportedFeature\(/.test(text) ? ['UnsupportedFeatureException'] : []),
  ];
  for (const n of names) {
    const key = `${owner} ${n}`;
    if (!raised.has(key)) raised.set(key, new Set());
    raised.get(key)!.add(rel);
  }
}

t.ok(raised.size > 10, `error names found in the code (${raised.size})`);
for (const [key, files] of [...raised].sort(([a], [b]) => a.localeCompare(b))) {
  const [api, name] = key.split(' ') as [AwsApiName, string];
  const ok = Object.hasOwn(AWS_APIS[api].errors, name) || (name === 'ValidationError' && validationError(AWS_APIS[api]) === name);
  t.ok(ok, `${name} is an error of ${AWS_APIS[api].serviceId}'s model (raised in ${[...files].join(', ')})`);
}

t.test('a refusal of the policy check: AccessDeniedException, except the query protocol\'s AccessDenied', async (t) => {
  for (const api of Object.values(AWS_APIS)) {
    const name = accessDenied(api, 'arn:aws:iam::000000000000:user/u', `${api.iamPrefix}:X`, '*', false).ecsName;
    if (Object.hasOwn(api.errors, 'AccessDeniedException') || !api.protocols.includes('query')) t.equal(name, 'AccessDeniedException', `${api.serviceId}: AccessDeniedException`);
    else t.equal(name, 'AccessDenied', `${api.serviceId}: the query protocol's common AccessDenied`);
  }
  t.equal(accessDenied(AWS_APIS.ecs, 'u', 'ecs:X', '*', false).ecsName, 'AccessDeniedException', 'ECS\'s');
  t.equal(accessDenied(AWS_APIS.iam, 'u', 'iam:X', '*', false).ecsName, 'AccessDenied', 'IAM\'s');
  t.equal(accessDenied(AWS_APIS.sts, 'u', 'sts:X', '*', false).ecsName, 'AccessDenied', 'STS\'s');
});
