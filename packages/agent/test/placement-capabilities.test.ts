// Every task definition in examples/ (and core's fixtures) against a container instance advertising what
// this agent really registers (registrationRequest, not a copy of its list): what RunTask does not refuse
// is placed there, so no requiresAttributes entry is missing from the agent's capabilities; what it
// refuses names the member (the definitions' own memberOf constraints are about the user's instances, not the
// agent, and are left out). An ARM64 task never lands on an x86_64 instance. Pure: no Docker, no server.
import t from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import {
  buildTaskDefinition, placeTasks, taskDefinitionRefusal, validateRegisterTaskDefinition,
  type Attribute, type PlacementCandidate, type RegisterTaskDefinitionRequest, type TaskDefinition,
} from '@berth/core';
import { loadConfig } from '../src/config.js';
import { registrationRequest, type HostFacts } from '../src/registration.js';

const REPO = new URL('../../../../', import.meta.url);
const HOST: HostFacts = { cpus: 8, memoryMiB: 32768, arch: 'x64', dockerVersion: '20.10.24', dockerApiVersion: '1.41', hostname: 'h' };

function instance(id: string, host: HostFacts): PlacementCandidate {
  const req = registrationRequest({ ...loadConfig({}), cluster: 'c' }, host);
  return { id, arn: `arn:aws:ecs:us-east-1:0:container-instance/c/${id}`, status: 'ACTIVE', agentConnected: true, remainingResources: req.totalResources!, attributes: req.attributes! };
}

function registered(file: URL): TaskDefinition {
  const text = readFileSync(file, 'utf8');
  const req = (file.pathname.endsWith('.json') ? JSON.parse(text) : parse(text)) as RegisterTaskDefinitionRequest;
  validateRegisterTaskDefinition(req);
  return buildTaskDefinition(req, { arn: `arn:aws:ecs:us-east-1:0:task-definition/${req.family}:1`, revision: 1, registeredAt: 0 });
}

const files = (dir: string) => readdirSync(new URL(dir, REPO)).filter((f) => /\.(json|ya?ml)$/.test(f)).map((f) => new URL(`${dir}${f}`, REPO));

t.test('every example task definition is placed on this agent, or refused naming the member', async (t) => {
  const x86 = instance('x86', HOST);
  const outcome: Record<string, string> = {};
  for (const file of [...files('examples/taskdefs/'), ...files('packages/core/test/fixtures/task-definitions/')]) {
    const name = file.pathname.split('/').slice(-2).join('/');
    const td = registered(file);
    const refusal = taskDefinitionRefusal(td);
    if (refusal) {
      outcome[name] = `refused: ${refusal.field}`;
      t.match(refusal.message, /which Berth does not support: /, `${name}: ${refusal.message}`);
      continue;
    }
    const placed = placeTasks({ instances: [x86], reservation: { cpu: 0, memory: 0, ports: [], portsUdp: [] }, count: 1, taskDefinition: td });
    t.same(placed.failures, [], `${name}: requires ${(td.requiresAttributes ?? []).map((a) => a.name).join(', ') || 'nothing'}`);
    outcome[name] = placed.placements.length === 1 ? 'placed' : 'not placed';
  }
  // The runnable examples the README walks through all place.
  for (const f of ['hello.json', 'nginx.json', 'rich-local.yaml', 'whoami.json']) t.equal(outcome[`taskdefs/${f}`], 'placed', f);
  t.notOk(Object.values(outcome).includes('not placed'), JSON.stringify(outcome, null, 1));
});

t.test('runtimePlatform: an ARM64 task lands on arm64 instances only, with ECS\'s ATTRIBUTE', async (t) => {
  const x86 = instance('x86', HOST);
  const arm = instance('arm', { ...HOST, arch: 'arm64' });
  const hello = registered(new URL('examples/taskdefs/hello.json', REPO));
  const td = (cpuArchitecture: 'ARM64' | 'X86_64'): TaskDefinition => ({ ...hello, runtimePlatform: { cpuArchitecture, operatingSystemFamily: 'LINUX' } });
  const place = (d: TaskDefinition, instances: PlacementCandidate[], count = 1) =>
    placeTasks({ instances, reservation: { cpu: 0, memory: 0, ports: [], portsUdp: [] }, count, taskDefinition: d, random: () => 0 });
  t.same(place(td('ARM64'), [x86, arm], 3).placements, ['arm', 'arm', 'arm']);
  t.same(place(td('X86_64'), [x86, arm], 3).placements, ['x86', 'x86', 'x86']);
  const none = place(td('ARM64'), [x86]);
  t.same(none.failures.map((f) => [f.instanceId, f.reason]), [['x86', 'ATTRIBUTE']]);
  t.match(none.failures[0]!.detail, /has ecs.cpu-architecture x86_64; the task needs cpuArchitecture ARM64/);
  t.match(none.explanation, /1 excluded by ATTRIBUTE runtimePlatform/);
});

t.test('a feature the agent does not advertise keeps the task off the instance', async (t) => {
  const x86 = instance('x86', HOST);
  const names = new Set((x86.attributes ?? []).map((a: Attribute) => a.name));
  for (const absent of ['com.amazonaws.ecs.capability.ecr-auth', 'ecs.capability.task-eni', 'ecs.capability.efs']) {
    t.notOk(names.has(absent), `not advertised: ${absent}`);
  }
  for (const present of ['com.amazonaws.ecs.capability.privileged-container', 'ecs.capability.docker-plugin.local', 'com.amazonaws.ecs.capability.logging-driver.journald', 'ecs.capability.container-health-check',
    'ecs.capability.secrets.asm.environment-variables', 'ecs.capability.secrets.ssm.environment-variables', 'com.amazonaws.ecs.capability.task-iam-role',
    'com.amazonaws.ecs.capability.logging-driver.awslogs', 'ecs.capability.execution-role-awslogs',
    'com.amazonaws.ecs.capability.logging-driver.awsfirelens', 'ecs.capability.firelens.fluentbit', 'ecs.capability.firelens.fluentd']) {
    t.ok(names.has(present), `advertised: ${present}`);
  }
  // Task roles and awslogs only where the agent serves the credentials endpoint.
  const without = registrationRequest({ ...loadConfig({ BERTH_CREDENTIALS_ADDR: 'off' }), cluster: 'c' }, HOST).attributes!.map((a) => a.name);
  for (const a of ['com.amazonaws.ecs.capability.task-iam-role', 'com.amazonaws.ecs.capability.logging-driver.awslogs', 'ecs.capability.execution-role-awslogs']) {
    t.notOk(without.includes(a), `no ${a} without the credentials endpoint`);
  }
  // A private ECR image needs ecr-auth (ECS's requiresAttributes), which Berth's agent cannot do.
  const ecr = { ...registered(new URL('examples/taskdefs/hello.json', REPO)) };
  ecr.requiresAttributes = [{ name: 'com.amazonaws.ecs.capability.ecr-auth' }];
  const placed = placeTasks({ instances: [x86], reservation: { cpu: 0, memory: 0, ports: [], portsUdp: [] }, count: 1, taskDefinition: ecr });
  t.same(placed.failures.map((f) => f.reason), ['ATTRIBUTE']);
  t.match(placed.failures[0]!.detail, /no attribute com.amazonaws.ecs.capability.ecr-auth/);
});
