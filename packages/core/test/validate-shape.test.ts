import { readFileSync } from 'node:fs';
import t from 'tap';
import { BerthError, OPERATIONS, SHAPES, checkShape, describeValue, shapeOf, type Shape } from '../src/index.js';

function thrown(fn: () => void): BerthError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  return undefined;
}

/** A value of the shape with EVERY member set, respecting enums and bounds. */
function sample(name: string, depth = 0): unknown {
  const s: Shape = shapeOf(name);
  switch (s.type) {
    case 'structure': {
      const o: Record<string, unknown> = {};
      if (depth < 40) for (const [m, ms] of Object.entries(s.members)) o[m] = sample(ms, depth + 1);
      return o;
    }
    case 'list': {
      const n = Math.max(1, s.min ?? 0);
      return Array.from({ length: Math.min(n, s.max ?? n) }, () => sample(s.member, depth + 1));
    }
    case 'map':
      return { k1: sample(s.value, depth + 1), 'key.with-dots': sample(s.value, depth + 1) };
    case 'string':
      return s.enum ? s.enum[s.enum.length - 1] : 'x'.repeat(Math.max(1, s.min ?? 0));
    case 'integer':
    case 'long':
    case 'double':
      return s.min ?? s.max ?? 7;
    case 'boolean':
      return false;
    case 'timestamp':
      return 1700000000.25;
  }
}

t.test('every member of TaskDefinition and ContainerDefinition is accepted', async (t) => {
  for (const name of ['TaskDefinition', 'ContainerDefinition', 'RegisterTaskDefinitionRequest']) {
    const v = sample(name) as Record<string, unknown>;
    const s = shapeOf(name);
    t.equal(s.type, 'structure');
    if (s.type === 'structure') t.same(Object.keys(v), Object.keys(s.members), `${name}: sample has every member`);
    t.doesNotThrow(() => checkShape(name, v), name);
  }
  const td = sample('TaskDefinition') as { containerDefinitions: Record<string, unknown>[] };
  t.ok(Object.keys(td.containerDefinitions[0]!).length >= 40, 'nested ContainerDefinition is full');
});

t.test('a fully populated value of every structure in the model is accepted', async (t) => {
  let n = 0;
  for (const [name, s] of Object.entries(SHAPES)) {
    if (s.type !== 'structure') continue;
    const e = thrown(() => checkShape(name, sample(name)));
    if (e) t.fail(`${name}: ${e.message}`);
    n++;
  }
  t.ok(n > 300, `${n} structures checked`);
  for (const [op, { input }] of Object.entries(OPERATIONS)) {
    if (thrown(() => checkShape(input, sample(input)))) t.fail(`${op} input`);
  }
});

t.test('the rich task definition fixture passes the model check', async (t) => {
  const url = new URL('../../test/fixtures/task-definitions/rich-skeleton.json', import.meta.url);
  const req = JSON.parse(readFileSync(url, 'utf8'));
  t.doesNotThrow(() => checkShape('RegisterTaskDefinitionRequest', req));
});

interface Bad { name: string; shape: string; value: unknown; path?: string; field: string; message?: string | RegExp }
const reg = (extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => ({
  family: 'f',
  containerDefinitions: [{ name: 'a', image: 'nginx', ...container }],
  ...extra,
});
const bad: Bad[] = [
  { name: 'unknown top-level member', shape: 'RegisterTaskDefinitionRequest', value: reg({ foo: 1 }), field: 'foo', message: "Unknown member 'foo' in RegisterTaskDefinitionRequest." },
  { name: 'unknown nested member', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { foo: 'x' }), field: 'containerDefinitions[0].foo', message: "Unknown member 'foo' in ContainerDefinition." },
  { name: 'unknown member deep in a list', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { portMappings: [{ containerPort: 80 }, { containerPort: 81, hostport: 81 }] }), field: 'containerDefinitions[0].portMappings[1].hostport' },
  { name: 'wire-cased member is unknown', shape: 'CreateServiceRequest', value: { serviceName: 's', enableEcsManagedTags: true }, field: 'enableEcsManagedTags' },
  { name: '__proto__ member', shape: 'Tag', value: JSON.parse('{"__proto__": {"x": 1}}'), field: '__proto__' },
  { name: 'constructor member', shape: 'Tag', value: { constructor: 'x' }, field: 'constructor' },
  { name: 'enum', shape: 'RegisterTaskDefinitionRequest', value: reg({ networkMode: 'brige' }), field: 'networkMode', message: "'networkMode' must be one of bridge | host | awsvpc | none ('brige' given)." },
  { name: 'enum in a list', shape: 'RegisterTaskDefinitionRequest', value: reg({ requiresCompatibilities: ['EC2', 'fargate'] }), field: 'requiresCompatibilities[1]' },
  { name: 'enum is case-sensitive', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { portMappings: [{ containerPort: 80, protocol: 'TCP' }] }), field: 'containerDefinitions[0].portMappings[0].protocol' },
  { name: 'required top-level', shape: 'RegisterTaskDefinitionRequest', value: { containerDefinitions: [] }, field: 'family', message: "Missing required member 'family' in RegisterTaskDefinitionRequest." },
  { name: 'required null', shape: 'RegisterTaskDefinitionRequest', value: { family: null, containerDefinitions: [] }, field: 'family' },
  { name: 'required nested', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { dependsOn: [{ containerName: 'b' }] }), field: 'containerDefinitions[0].dependsOn[0].condition', message: "Missing required member 'condition' in ContainerDependency." },
  { name: 'string expected', shape: 'RegisterTaskDefinitionRequest', value: { family: 5, containerDefinitions: [] }, field: 'family', message: /^'family' must be a string, got 5\.$/ },
  { name: 'integer expected, got string', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { memory: '512' }), field: 'containerDefinitions[0].memory', message: /must be an integer, got '512'/ },
  { name: 'integer expected, got fraction', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { cpu: 0.5 }), field: 'containerDefinitions[0].cpu' },
  { name: 'integer out of int32', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { memory: 2 ** 31 }), field: 'containerDefinitions[0].memory' },
  { name: 'boolean expected', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { essential: 'true' }), field: 'containerDefinitions[0].essential' },
  { name: 'list expected', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { command: 'npm start' }), field: 'containerDefinitions[0].command', message: /must be a list/ },
  { name: 'object expected', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { healthCheck: ['CMD', 'true'] }), field: 'containerDefinitions[0].healthCheck', message: /must be an object \(HealthCheck\)/ },
  { name: 'list item null', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { command: ['a', null] }), field: 'containerDefinitions[0].command[1]' },
  { name: 'list item of the wrong type', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { command: ['a', 1] }), field: 'containerDefinitions[0].command[1]' },
  { name: 'map expected', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { dockerLabels: ['a=b'] }), field: 'containerDefinitions[0].dockerLabels' },
  { name: 'map value not a string', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { dockerLabels: { a: 1 } }), field: 'containerDefinitions[0].dockerLabels.a' },
  { name: 'map value null', shape: 'RegisterTaskDefinitionRequest', value: reg({}, { logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': null } } }), field: 'containerDefinitions[0].logConfiguration.options.awslogs-group' },
  { name: 'timestamp as ISO string', shape: 'TaskDefinition', value: { registeredAt: '2024-01-01T00:00:00Z' }, field: 'registeredAt', message: /epoch seconds/ },
  { name: 'double expected', shape: 'Resource', value: { doubleValue: 'NaN' }, field: 'doubleValue' },
  { name: 'double not finite', shape: 'Resource', value: { doubleValue: Infinity }, field: 'doubleValue' },
  { name: 'long not safe', shape: 'Resource', value: { longValue: 2 ** 60 }, field: 'longValue' },
  { name: 'list max', shape: 'RegisterTaskDefinitionRequest', value: reg({ tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}` })) }), field: 'tags', message: "'tags' must have at most 50 items (51 given)." },
  { name: 'list min', shape: 'MetricNamesList', value: [], field: '', message: /^MetricNamesList must have at least 1 item/ },
  { name: 'string min', shape: 'RegisterTaskDefinitionRequest', value: reg({ tags: [{ key: '' }] }), field: 'tags[0].key', message: "'key' must be at least 1 character (0 given)." },
  { name: 'string max', shape: 'RegisterTaskDefinitionRequest', value: reg({ tags: [{ key: 'k'.repeat(129) }] }), field: 'tags[0].key' },
  { name: 'string max in code points', shape: 'Tag', value: { key: '😀'.repeat(129) }, field: 'key', message: /129 given/ },
  { name: 'integer min/max', shape: 'RunTaskRequest', value: { taskDefinition: 'x', capacityProviderStrategy: [{ capacityProvider: 'p', weight: 1001 }] }, field: 'capacityProviderStrategy[0].weight', message: "'weight' must be between 0 and 1000 (1001 given)." },
  { name: 'top-level not an object', shape: 'RegisterTaskDefinitionRequest', value: [], field: '', message: /^RegisterTaskDefinitionRequest must be an object/ },
  { name: 'path prefix', shape: 'ContainerDefinition', value: { cpu: 'x' }, path: 'containerDefinitions[3]', field: 'containerDefinitions[3].cpu' },
  { name: 'path prefix on required', shape: 'PortMapping', value: { foo: 1 }, path: 'overrides.x', field: 'overrides.x.foo' },
];

t.test('model violations name the field', async (t) => {
  for (const b of bad) {
    const e = thrown(() => checkShape(b.shape, b.value, b.path));
    if (!e) {
      t.fail(`${b.name}: accepted`);
      continue;
    }
    t.equal(e.ecsName, 'InvalidParameterException', b.name);
    t.equal(e.field, b.field, `${b.name}: field (${e.message})`);
    t.notOk(b.field !== '' && (e.message.startsWith(`${b.field}:`) || (/[.[]/.test(b.field) && e.message.includes(b.field))), `${b.name}: the message does not carry the path`);
    if (typeof b.message === 'string') t.equal(e.message, b.message, `${b.name}: message`);
    else if (b.message) t.match(e.message, b.message, `${b.name}: message`);
  }
});

t.test('accepted edge cases', async (t) => {
  const ok: [string, string, unknown][] = [
    ['null and undefined members are absent', 'RegisterTaskDefinitionRequest', { family: 'f', containerDefinitions: [{ name: 'a', image: 'b', memory: null, hostname: undefined }], cpu: null }],
    ['empty lists', 'RegisterTaskDefinitionRequest', { family: 'f', containerDefinitions: [], volumes: [], tags: [] }],
    ['128 emoji tag key', 'Tag', { key: '😀'.repeat(128) }],
    ['fractional timestamp', 'TaskDefinition', { registeredAt: 1700000000.123 }],
    ['patterns are not checked', 'RegisterTaskDefinitionRequest', { family: 'not a valid family!', containerDefinitions: [] }],
    ['empty map', 'ContainerDefinition', { dockerLabels: {} }],
    ['no-arg request', 'ListClustersRequest', {}],
    ['a document holds any JSON value (HookDetails)', 'DeploymentLifecycleHook', { hookDetails: { any: { keys: [1, 'x', null] } } }],
    ['a document may be a list or a scalar', 'DeploymentLifecycleHook', { hookDetails: [1, 2] }],
  ];
  for (const [name, shape, v] of ok) {
    const e = thrown(() => checkShape(shape, v));
    t.equal(e, undefined, `${name}${e ? `: ${e.message}` : ''}`);
  }
});

t.test('shapeOf', async (t) => {
  t.equal(shapeOf('Tag').type, 'structure');
  t.equal(shapeOf('NetworkMode').type, 'string');
  t.throws(() => shapeOf('NoSuchShape'), /unknown ECS model shape 'NoSuchShape'/);
  t.throws(() => shapeOf('toString'), /unknown ECS model shape/);
  t.throws(() => checkShape('NoSuchShape', {}), /unknown ECS model shape/);
});

t.test('describeValue', async (t) => {
  t.equal(describeValue('x'), "'x'");
  t.equal(describeValue(3), '3');
  t.equal(describeValue(null), 'null');
  t.equal(describeValue([]), 'a list');
  t.equal(describeValue({}), 'an object');
  t.equal(describeValue(undefined), 'nothing');
  t.equal(describeValue('y'.repeat(100)).length, 62);
});

t.test('it is fast enough to run on every request', async (t) => {
  const url = new URL('../../test/fixtures/task-definitions/rich-skeleton.json', import.meta.url);
  const req = JSON.parse(readFileSync(url, 'utf8'));
  const n = 2000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) checkShape('RegisterTaskDefinitionRequest', req);
  const us = Number(process.hrtime.bigint() - start) / 1000 / n;
  t.comment(`checkShape(rich task definition): ${us.toFixed(1)} µs per call`);
  t.ok(us < 2000, 'well under 2 ms per call');
});
