// fromWire's compiled converters (wire.ts) against the generic walk they replaced, kept here as it was
// (commit db518be): every example task definition and core's fixtures, registered as RegisterTaskDefinition
// builds them, with a task RunTask would make of each (overrides, tags, attributes), sent as an assignment
// over the agent's real protos and decoded as the agent decodes it; and every request and response of every
// API's model with every member set. Same values, same member order (JSON text compared), and fresh
// objects: nothing decoded shares an object with the decoded message.
import t, { type Test } from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import {
  AWS_APIS, ECS_API, applyListDefaults, buildTaskDefinition, newTask, validateRegisterTaskDefinition,
  type ApiModel, type RegisterTaskDefinitionRequest, type TaskDefinition,
} from '@berth/core';
import { agentService } from '../src/agent-protos.js';
import { serverMessageToWire } from '../src/agent-wire.js';
import { fromWire, grpcServiceDefinition, toWire, PRESENCE_KEY, DOCUMENT_KEY } from '../src/index.js';

/** The generic walk's way in, as wire.ts had it before the converters were compiled. */
function walkIn(api: ApiModel, shapeName: string, value: unknown): unknown {
  const shape = api.shapes[shapeName];
  if (value === null || value === undefined || !shape) return value;
  const emptyOf = (s: string) => (api.shapes[s]?.type === 'list' ? [] : {});
  switch (shape.type) {
    case 'structure': {
      if (shape.document) {
        const text = (value as Record<string, unknown>)[DOCUMENT_KEY];
        return typeof text === 'string' ? JSON.parse(text) as unknown : undefined;
      }
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (k === PRESENCE_KEY) continue;
        const modelName = !Object.hasOwn(shape.members, k) ? (shape.renames?.[k] ?? api.renames[k] ?? k) : k;
        const member = shape.members[modelName];
        out[modelName] = member ? walkIn(api, member, v) : v;
      }
      const flags = shape.presence ? (value as Record<string, unknown>)[PRESENCE_KEY] : undefined;
      if (Array.isArray(flags)) {
        for (const m of flags) {
          const ms = typeof m === 'string' && Object.hasOwn(shape.members, m) ? shape.members[m]! : undefined;
          if (ms && out[m] === undefined) out[m] = api.shapes[ms]!.type === 'list' ? [] : {};
        }
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) return value;
      if (shape.wrapped) return value.map((v) => walkIn(api, shape.member, (v as { value?: unknown })?.value ?? emptyOf(shape.member)));
      return value.map((v) => walkIn(api, shape.member, v));
    }
    case 'map': {
      if (typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        out[k] = !shape.wrapped ? walkIn(api, shape.value, v) : walkIn(api, shape.value, (v as { value?: unknown })?.value ?? emptyOf(shape.value));
      }
      return out;
    }
    case 'long':
      return typeof value === 'string' ? Number(value) : value;
    default:
      return value;
  }
}

/** fromWire as it was: the walk, then ECS's always-present lists. */
function fromWireBefore(shapeName: string, value: unknown, opts: { listDefaults?: boolean; api?: ApiModel } = {}): unknown {
  const api = opts.api ?? ECS_API;
  const v = walkIn(api, shapeName, value);
  if (opts.listDefaults && api === ECS_API) applyListDefaults(shapeName, v);
  return v;
}

/** Every object and array reachable from `v`. */
function objects(v: unknown, into = new Set<object>()): Set<object> {
  if (v !== null && typeof v === 'object' && !into.has(v)) {
    into.add(v);
    for (const x of Object.values(v)) objects(x, into);
  }
  return into;
}

function same(t: Test, shape: string, wire: unknown, label: string, opts: { listDefaults?: boolean; api?: ApiModel } = {}): void {
  const before = fromWireBefore(shape, wire, opts);
  const now = fromWire(shape, wire, opts);
  t.equal(JSON.stringify(now), JSON.stringify(before), `${label}: same members, values and order`);
  t.same(now, before, label);
  const wireObjects = objects(wire);
  t.notOk([...objects(now)].some((o) => wireObjects.has(o)), `${label}: no object or array shared with the decoded message`);
}

const REPO = new URL('../../../../', import.meta.url);
const files = (dir: string) => readdirSync(new URL(dir, REPO)).filter((f) => /\.(json|ya?ml)$/.test(f)).map((f) => new URL(`${dir}${f}`, REPO));
const ID = { partition: 'aws', region: 'us-east-1', accountId: '123456789012' };

function registered(file: URL, revision: number): TaskDefinition {
  const text = readFileSync(file, 'utf8');
  const req = (file.pathname.endsWith('.json') ? JSON.parse(text) : parse(text)) as RegisterTaskDefinitionRequest;
  validateRegisterTaskDefinition(req);
  return buildTaskDefinition(req, { arn: `arn:aws:ecs:us-east-1:123456789012:task-definition/${req.family}:${revision}`, revision, registeredAt: 1700000000.125, registeredBy: 'arn:aws:iam::123456789012:user/admin' });
}

t.test('every example task definition and its task decode from an assignment as before', async (t) => {
  const connect = (agentService('berth.v1.AgentService') as unknown as { service: Record<string, import('@grpc/grpc-js').MethodDefinition<object, object>> }).service.Connect!;
  const examples = [...files('examples/taskdefs/'), ...files('packages/core/test/fixtures/task-definitions/')];
  t.ok(examples.length >= 15, `${examples.length} task definitions`);
  for (const [i, file] of examples.entries()) {
    const name = file.pathname.split('/').slice(-2).join('/');
    const td = registered(file, i + 1);
    const defs = td.containerDefinitions ?? [];
    const task = newTask({
      identity: ID, cluster: 'wire', taskId: i.toString(16).padStart(32, '0'), containerIds: defs.map((_, j) => `0000000${j}-0000-4000-8000-000000000000`),
      taskDefinition: td, now: 1700000001.5, startedBy: 'wire-test', group: 'family:x', tags: [{ key: 'k', value: 'v' }], enableExecuteCommand: i % 2 === 0,
      containerInstance: { id: 'c'.repeat(32), containerInstanceArn: `arn:aws:ecs:us-east-1:123456789012:container-instance/wire/${'c'.repeat(32)}`, attributes: [{ name: 'ecs.availability-zone', value: 'az-1' }, { name: 'ecs.cpu-architecture', value: 'arm64' }] },
      overrides: { containerOverrides: defs.slice(0, 1).map((c) => ({ name: c.name!, command: ['sh', '-c', 'true'], environment: [], cpu: 4 })), memory: '512', ephemeralStorage: { sizeInGiB: 21 } },
    });
    const buf = connect.responseSerialize(serverMessageToWire({ assignments: { seq: 9007199254740000 + i, full: i % 2 === 1, removedTaskArns: [], tasks: [{ task, taskDefinition: td }] } }));
    const w = connect.responseDeserialize(buf) as { assignments: { tasks: { task: unknown; taskDefinition: unknown }[] } };
    const a = w.assignments.tasks[0]!;
    same(t, 'Task', a.task, `${name}: its task`, { listDefaults: true });
    same(t, 'TaskDefinition', a.taskDefinition, `${name}: the definition`, { listDefaults: true });
    same(t, 'TaskDefinition', a.taskDefinition, `${name}: the definition, no list defaults`);
    t.same(fromWire('TaskDefinition', a.taskDefinition, { listDefaults: true }), td, `${name}: the definition the server sent`);
  }
});

/** A value with every member set (a shortened form of model-roundtrip.test.ts's `full` samples). */
function sample(api: ApiModel, shapeName: string, depth = 0): unknown {
  const s = api.shapes[shapeName]!;
  switch (s.type) {
    case 'blob': return 'YmVydGg=';
    case 'string': return s.enum ? s.enum[0] : `v-${shapeName}`;
    case 'integer': return 7;
    case 'long': return 123456789012;
    case 'double': return 1.5;
    case 'timestamp': return 1700000000.25;
    case 'boolean': return depth % 2 === 0;
    case 'list': { if (depth > 10) return undefined; const item = sample(api, s.member, depth + 1); return item === undefined ? [] : [item, item]; }
    case 'map': return depth > 10 ? {} : { k: sample(api, s.value, depth + 1), z: sample(api, s.value, depth + 1) };
    case 'structure':
      if (depth > 10) return undefined;
      if (s.document) return { suite: 'wire', n: [1, null, true], nested: { deep: 'x' } };
      return Object.fromEntries(Object.entries(s.members).map(([m, shape]) => [m, sample(api, shape, depth + 1)]).filter(([, v]) => v !== undefined));
  }
}

for (const api of Object.values(AWS_APIS)) {
  t.test(`${api.name}: every request and response decodes as before`, async (t) => {
    const def = grpcServiceDefinition(api);
    let checked = 0;
    for (const [action, op] of Object.entries(api.operations)) {
      const m = def[action]!;
      const req = m.requestDeserialize(m.requestSerialize(toWire(op.input, sample(api, op.input), api)));
      const res = m.responseDeserialize(m.responseSerialize(toWire(op.output, sample(api, op.output), api)));
      const reqNow = fromWire(op.input, req, { api }), resNow = fromWire(op.output, res, { api, listDefaults: true });
      const reqBefore = fromWireBefore(op.input, req, { api }), resBefore = fromWireBefore(op.output, res, { api, listDefaults: true });
      if (JSON.stringify(reqNow) !== JSON.stringify(reqBefore)) t.same(reqNow, reqBefore, `${action} request`);
      if (JSON.stringify(resNow) !== JSON.stringify(resBefore)) t.same(resNow, resBefore, `${action} response`);
      checked++;
    }
    t.equal(checked, Object.keys(api.operations).length, 'all actions checked');
  });
}

t.test('what is not a model value passes as before', async (t) => {
  const odd: [string, unknown][] = [
    ['Task', null], ['Task', undefined], ['Task', 'text'], ['Task', [1, 2]], ['Task', { unknownMember: { a: 1 }, containers: 'not a list' }],
    ['Task', { containers: [null, { name: 'a', exitCode: 0 }] }], ['Task', { [PRESENCE_KEY]: ['containers', 'nope', 7, 'overrides'] }],
    ['NoSuchShape', { a: 1 }], ['ContainerDefinition', { dockerLabels: 'x', bindIp: 'wrong place' }],
    ['TaskDefinition', { registeredAt: 1, revision: '3' }],
  ];
  for (const [shape, v] of odd) {
    t.equal(JSON.stringify(fromWire(shape, v)), JSON.stringify(fromWireBefore(shape, v)), `${shape} ${JSON.stringify(v)}`);
    t.equal(JSON.stringify(fromWire(shape, v, { listDefaults: true })), JSON.stringify(fromWireBefore(shape, v, { listDefaults: true })), `${shape} ${JSON.stringify(v)}, list defaults`);
  }
});

t.test('an agent\'s report and a heartbeat cross the agent protos with their absent members absent', async (t) => {
  const connect = (agentService('berth.v1.AgentService') as unknown as { service: Record<string, import('@grpc/grpc-js').MethodDefinition<object, object>> }).service.Connect!;
  const { agentMessageToWire, agentMessageFromWire } = await import('../src/agent-wire.js');
  const report = {
    taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/wire/0123', counter: 4, lastStatus: 'RUNNING', reason: undefined, pullStartedAt: 1700000000.5,
    containers: [{ containerName: 'c', runtimeId: 'f'.repeat(64), status: 'RUNNING', networkBindings: [], exitCode: undefined }],
  };
  const wire = agentMessageToWire({ report } as never) as { report: Record<string, unknown> };
  t.notOk('reason' in wire.report, 'an undefined member is not sent');
  const back = agentMessageFromWire(connect.requestDeserialize(connect.requestSerialize(wire)) as Record<string, unknown>);
  t.same(back, { report: { taskArn: report.taskArn, counter: 4, lastStatus: 'RUNNING', pullStartedAt: 1700000000.5, containers: [{ containerName: 'c', runtimeId: 'f'.repeat(64), status: 'RUNNING', networkBindings: [] }] } });
  t.notOk('reason' in (back as { report: object }).report, 'absent stays absent');
  t.same(agentMessageFromWire(connect.requestDeserialize(connect.requestSerialize(agentMessageToWire({ heartbeat: { sentMs: 12.5 } })))), { heartbeat: { sentMs: 12.5 } });
});
