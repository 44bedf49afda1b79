import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import {
  BerthError, ECS_LIST_DEFAULTS, FARGATE_CPU_MEMORY, applyListDefaults, buildTaskDefinition, checkShape, checkTags,
  parseCpu, parseMemory, requiredAttributes, SHAPES, taskDefinitionArn, validateRegisterTaskDefinition,
  type ContainerDefinition, type RegisterTaskDefinitionRequest, type TaskDefinition,
} from '../src/index.js';

/** Does an error message carry Berth's field path (a prefix `cpu:`, or a path such as `containerDefinitions[0].memory`)? */
const carriesPath = (message: string, field: string | undefined): boolean =>
  field !== undefined && field !== '' && (message.startsWith(`${field}:`) || (/[.[]/.test(field) && message.includes(field)));

// Fixtures are real-world ECS task definitions (AWS's published examples and common shapes), as JSON.
const FIXTURES = new URL('../../test/fixtures/task-definitions/', import.meta.url);
const fixture = (name: string): RegisterTaskDefinitionRequest => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();

const ID = { partition: 'aws', region: 'us-east-1', accountId: '123456789012' };
const meta = (req: RegisterTaskDefinitionRequest, revision = 1) => ({
  arn: taskDefinitionArn(ID, req.family, revision),
  revision,
  registeredAt: 1700000000.5,
  registeredBy: 'arn:aws:iam::123456789012:root',
});
const build = (req: RegisterTaskDefinitionRequest) => buildTaskDefinition(req, meta(req));

function thrown(fn: () => void): BerthError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  return undefined;
}

const names = (td: TaskDefinition) => (td.requiresAttributes ?? []).map((a) => a.name);

t.test('every fixture validates and builds into a model-conformant TaskDefinition', async (t) => {
  t.ok(fixtureNames.length >= 9, 'fixtures found');
  for (const name of fixtureNames) {
    const req = fixture(name);
    const before = JSON.stringify(req);
    const err = thrown(() => validateRegisterTaskDefinition(req));
    t.equal(err, undefined, `${name} is valid${err ? `: ${err.message}` : ''}`);
    const td = build(req);
    t.equal(JSON.stringify(req), before, `${name}: the request is not modified`);
    t.doesNotThrow(() => checkShape('TaskDefinition', td), `${name}: result conforms to the TaskDefinition shape`);
    t.equal(td.status, 'ACTIVE');
    t.equal(td.revision, 1);
    t.equal(td.taskDefinitionArn, `arn:aws:ecs:us-east-1:123456789012:task-definition/${req.family}:1`);
    t.equal(td.registeredAt, 1700000000.5);
    t.equal(td.registeredBy, 'arn:aws:iam::123456789012:root');
    t.notOk('tags' in td, `${name}: tags are not part of the TaskDefinition`);
    t.ok(td.compatibilities?.includes('EC2'), `${name}: EC2-compatible`);
    for (const rc of req.requiresCompatibilities ?? []) t.ok(td.compatibilities?.includes(rc), `${name}: compatible with required ${rc}`);
    for (const m of ECS_LIST_DEFAULTS['TaskDefinition']!) t.ok(Array.isArray((td as Record<string, unknown>)[m]), `${name}: ${m} is a list`);
    td.containerDefinitions!.forEach((c, i) => {
      t.equal(c.essential, req.containerDefinitions[i]!.essential ?? true, `${name}: essential defaulted`);
      t.equal(c.cpu, req.containerDefinitions[i]!.cpu ?? 0, `${name}: cpu defaulted`);
      for (const m of ECS_LIST_DEFAULTS['ContainerDefinition']!) t.ok(Array.isArray((c as Record<string, unknown>)[m]), `${name}: ${c.name}.${m} is a list`);
      for (const pm of c.portMappings!) t.ok(pm.protocol === 'tcp' || pm.protocol === 'udp', `${name}: protocol set`);
    });
    // What the request said is kept (defaults only fill gaps).
    for (const [k, v] of Object.entries(req)) {
      if (k === 'tags' || k === 'cpu' || k === 'memory' || k === 'containerDefinitions') continue;
      t.same((td as Record<string, unknown>)[k], v, `${name}: ${k} kept`);
    }
  }
});

t.test('a rich definition survives registration member for member', async (t) => {
  const req = fixture('rich-skeleton.json');
  validateRegisterTaskDefinition(req);
  const td = build(req);
  const reqMembers = Object.keys(req).filter((k) => k !== 'tags');
  t.ok(reqMembers.length >= 15, 'the fixture is rich');
  for (const k of reqMembers) {
    t.strictSame((td as Record<string, unknown>)[k], (req as unknown as Record<string, unknown>)[k], `${k} unchanged`);
  }
  // Every ContainerDefinition member that the model has appears in at least one container of the fixture.
  const used = new Set(req.containerDefinitions.flatMap((c) => Object.keys(c)));
  const model = checkShapeMembers('ContainerDefinition');
  t.same(model.filter((m) => !used.has(m)), [], 'the fixture uses every ContainerDefinition member');
  t.strictSame(td.compatibilities, ['EXTERNAL', 'EC2']);
  t.equal(td.networkMode, 'bridge');
  t.same(names(td).sort(), [
    'com.amazonaws.ecs.capability.docker-remote-api.1.18',
    'com.amazonaws.ecs.capability.docker-remote-api.1.19',
    'com.amazonaws.ecs.capability.docker-remote-api.1.21',
    'com.amazonaws.ecs.capability.docker-remote-api.1.22',
    'com.amazonaws.ecs.capability.docker-remote-api.1.24',
    'com.amazonaws.ecs.capability.docker-remote-api.1.25',
    'com.amazonaws.ecs.capability.ecr-auth',
    'com.amazonaws.ecs.capability.logging-driver.splunk',
    'com.amazonaws.ecs.capability.task-iam-role',
    'ecs.capability.container-health-check',
    'ecs.capability.container-ordering',
    'ecs.capability.container-restart-policy',
    'ecs.capability.env-files.s3',
    'ecs.capability.execution-role-ecr-pull',
    'ecs.capability.firelens.fluentbit',
    'ecs.capability.firelens.options.config.file',
    'ecs.capability.network.container-port-range',
    'ecs.capability.private-registry-authentication.secretsmanager',
    'ecs.capability.secrets.asm.bootstrap.log-driver',
    'ecs.capability.secrets.ssm.environment-variables',
  ].sort());
});

function checkShapeMembers(shape: string): string[] {
  const s = SHAPES[shape];
  return s !== undefined && s.type === 'structure' ? Object.keys(s.members) : [];
}

t.test('defaults, normalisation and computed members', async (t) => {
  t.test('nginx webserver (EC2, bridge)', async (t) => {
    const td = build(fixture('webserver-nginx.json'));
    t.equal(td.networkMode, 'bridge');
    t.notOk('cpu' in td, 'no task cpu invented');
    t.strictSame(td.compatibilities, ['EXTERNAL', 'EC2']);
    const c = td.containerDefinitions![0]!;
    t.strictSame(c.portMappings, [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }]);
    t.equal(c.essential, true);
    t.strictSame(c.environment, []);
    t.strictSame(c.mountPoints, []);
    t.strictSame(c.volumesFrom, []);
    t.strictSame(c.systemControls, []);
    t.strictSame(td.volumes, []);
    t.strictSame(td.placementConstraints, []);
    t.strictSame(td.requiresAttributes, []);
    t.strictSame(Object.keys(c).slice(0, 4), ['name', 'image', 'cpu', 'memory'], 'members in ECS order');
  });
  t.test('bridge dynamic host port is 0', async (t) => {
    const td = build(fixture('docker-volume.json'));
    t.strictSame(td.containerDefinitions![0]!.portMappings, [{ containerPort: 5432, hostPort: 0, protocol: 'tcp' }]);
    t.ok(names(td).includes('com.amazonaws.ecs.capability.docker-remote-api.1.25'));
  });
  t.test('EFS on Fargate: vCPU / GB strings normalised, hostPort = containerPort', async (t) => {
    const td = build(fixture('efs-volume.json'));
    t.equal(td.cpu, '1024');
    t.equal(td.memory, '2048');
    t.strictSame(td.compatibilities, ['EC2', 'FARGATE']);
    t.strictSame(td.containerDefinitions![0]!.portMappings, [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }]);
    t.ok(names(td).includes('ecs.capability.efs'));
    t.ok(names(td).includes('ecs.capability.efsAuth'));
    t.ok(names(td).includes('ecs.capability.task-eni'));
  });
  t.test('Fargate with awslogs and secrets', async (t) => {
    const td = build(fixture('fargate-awslogs-secrets.json'));
    t.strictSame(td.compatibilities, ['EC2', 'FARGATE']);
    for (const n of [
      'com.amazonaws.ecs.capability.logging-driver.awslogs', 'ecs.capability.execution-role-awslogs',
      'com.amazonaws.ecs.capability.ecr-auth', 'ecs.capability.execution-role-ecr-pull',
      'com.amazonaws.ecs.capability.docker-remote-api.1.19', 'com.amazonaws.ecs.capability.docker-remote-api.1.21',
      'com.amazonaws.ecs.capability.task-iam-role', 'com.amazonaws.ecs.capability.docker-remote-api.1.18',
      'ecs.capability.task-eni', 'ecs.capability.secrets.asm.environment-variables',
      'ecs.capability.secrets.ssm.environment-variables',
    ]) t.ok(names(td).includes(n), n);
    t.strictSame(td.ephemeralStorage, { sizeInGiB: 30 });
  });
  t.test('firelens and app mesh', async (t) => {
    const fl = build(fixture('firelens-fluentbit.json'));
    t.ok(names(fl).includes('ecs.capability.firelens.fluentbit'));
    t.ok(names(fl).includes('com.amazonaws.ecs.capability.logging-driver.awsfirelens'));
    const am = build(fixture('appmesh-proxy.json'));
    t.ok(names(am).includes('ecs.capability.aws-appmesh'));
    t.ok(names(am).includes('ecs.capability.container-ordering'));
    t.strictSame(am.proxyConfiguration, fixture('appmesh-proxy.json').proxyConfiguration);
  });
  t.test('multi-container dependsOn / healthCheck', async (t) => {
    const td = build(fixture('multi-container-dependson.json'));
    t.ok(names(td).includes('ecs.capability.container-health-check'));
    t.ok(names(td).includes('com.amazonaws.ecs.capability.docker-remote-api.1.24'));
    t.strictSame(td.containerDefinitions!.map((c) => c.essential), [false, true, true, false]);
  });
  t.test('networkMode defaults to awsvpc when FARGATE is required', async (t) => {
    const td = build({ family: 'f', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ name: 'a', image: 'nginx' }] });
    t.equal(td.networkMode, 'awsvpc');
    t.strictSame(td.compatibilities, ['EC2', 'FARGATE']);
  });
  t.test('an awsvpc definition that Fargate cannot run is EC2 only', async (t) => {
    const td = build({ family: 'f', networkMode: 'awsvpc', containerDefinitions: [{ name: 'a', image: 'nginx', memory: 128, privileged: true }] });
    t.strictSame(td.compatibilities, ['EC2']);
  });
  t.test('MANAGED_INSTANCES is listed when required', async (t) => {
    const td = build({ family: 'f', requiresCompatibilities: ['MANAGED_INSTANCES'], containerDefinitions: [{ name: 'a', image: 'nginx', memory: 128 }] });
    t.strictSame(td.compatibilities, ['EXTERNAL', 'EC2', 'MANAGED_INSTANCES']);
  });
  t.test('null members (hand-written JSON) are treated as absent and dropped', async (t) => {
    const req = JSON.parse(`{"family":"n","taskRoleArn":null,"containerDefinitions":[{"name":"a","image":"nginx","memory":64,
      "hostname":null,"portMappings":[{"containerPort":80,"hostPort":null}],"environment":null}]}`) as RegisterTaskDefinitionRequest;
    validateRegisterTaskDefinition(req);
    const td = build(req);
    t.notOk('taskRoleArn' in td);
    t.notOk('hostname' in td.containerDefinitions![0]!);
    t.strictSame(td.containerDefinitions![0]!.environment, []);
    t.strictSame(td.containerDefinitions![0]!.portMappings, [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }]);
  });
  t.test('the result shares no objects with the request', async (t) => {
    const req = fixture('rich-skeleton.json');
    const td = build(req);
    td.containerDefinitions![0]!.environment!.push({ name: 'X', value: 'y' });
    t.equal(req.containerDefinitions[0]!.environment!.length, 1);
  });
});

t.test('applyListDefaults', async (t) => {
  const resp = applyListDefaults('DescribeTaskDefinitionResponse', {
    taskDefinition: { family: 'x', containerDefinitions: [{ name: 'a', portMappings: [{ containerPort: 1 }] }] },
    tags: [],
  }) as { taskDefinition: TaskDefinition };
  t.strictSame(resp.taskDefinition.volumes, []);
  t.strictSame(resp.taskDefinition.requiresAttributes, []);
  const c = resp.taskDefinition.containerDefinitions![0]!;
  t.strictSame(c.portMappings, [{ containerPort: 1 }], 'existing lists are kept');
  t.strictSame(c.environment, []);
  t.strictSame(c.systemControls, []);
  t.notOk('secrets' in c, 'other lists stay absent');
  const cluster = applyListDefaults('Cluster', { clusterName: 'x' });
  t.strictSame(cluster, { clusterName: 'x' }, 'shapes without defaults are untouched');
  t.equal(applyListDefaults('TaskDefinition', undefined), undefined);
  t.equal(applyListDefaults('TaskDefinition', null), null);
});

t.test('parseCpu / parseMemory', async (t) => {
  const cpu: [string, number][] = [['1024', 1024], ['256', 256], ['1 vCPU', 1024], ['1 vcpu', 1024], ['2vCPU', 2048],
    ['0.5 vcpu', 512], ['.25 vCPU', 256], ['0.125 vCPU', 128], [' 4 VCPU ', 4096], ['16 vCPUs', 16384]];
  for (const [s, n] of cpu) t.equal(parseCpu(s, 'cpu'), n, `cpu ${s}`);
  const mem: [string, number][] = [['2048', 2048], ['2GB', 2048], ['2 GB', 2048], ['0.5 GB', 512], ['1 gb', 1024],
    ['3 GiB', 3072], ['512 MiB', 512], ['512MB', 512], ['120 GB', 122880]];
  for (const [s, n] of mem) t.equal(parseMemory(s, 'memory'), n, `memory ${s}`);
  for (const s of ['', 'lots', '1 GHz', '1.5', '0.1 vCPU', '-1', '1e3', '1 vCPU 2', '0x400']) {
    const e = thrown(() => parseCpu(s, 'cpu'));
    t.equal(e?.ecsName, 'InvalidParameterException', `cpu ${JSON.stringify(s)} refused`);
    t.equal(e?.field, 'cpu');
  }
  for (const s of ['', '2 TB', 'two GB', '1.5', '0.3 GB', '-512']) {
    const e = thrown(() => parseMemory(s, 'overrides.memory'));
    t.equal(e?.ecsName, 'InvalidParameterException', `memory ${JSON.stringify(s)} refused`);
    t.equal(e?.field, 'overrides.memory');
  }
  t.match(thrown(() => parseCpu('lots', 'cpu'))?.message, /^Invalid 'cpu' value 'lots'/);
});

t.test('FARGATE_CPU_MEMORY matches the documented table', async (t) => {
  t.strictSame(FARGATE_CPU_MEMORY[256], [512, 1024, 2048]);
  t.strictSame(FARGATE_CPU_MEMORY[512], [1024, 2048, 3072, 4096]);
  t.equal(FARGATE_CPU_MEMORY[4096]!.at(-1), 30720);
  t.strictSame(FARGATE_CPU_MEMORY[8192]!.slice(0, 2), [16384, 20480]);
  t.equal(FARGATE_CPU_MEMORY[16384]!.at(-1), 122880);
  t.equal(FARGATE_CPU_MEMORY[16384]![1], 40960);
});

// --- invalid variants: one broken rule each ---------------------------------------------------------

type Req = RegisterTaskDefinitionRequest;
const ec2 = (): Req => ({
  family: 'base',
  containerDefinitions: [{ name: 'app', image: 'nginx:1.25', memory: 256, portMappings: [{ containerPort: 80 }] }],
});
const fargate = (): Req => ({
  family: 'base',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
  containerDefinitions: [{ name: 'app', image: 'nginx', portMappings: [{ containerPort: 80 }] }],
});
const c0 = (r: Req): ContainerDefinition => r.containerDefinitions[0]!;
const second = (over: Partial<ContainerDefinition> = {}): ContainerDefinition => ({ name: 'side', image: 'busybox', memory: 64, essential: false, ...over });
const IPE = 'InvalidParameterException';
const CE = 'ClientException';

interface Case { name: string; base?: () => Req; mutate: (r: Req) => void; ecs: string; field: string | undefined; message?: RegExp }
const cases: Case[] = [
  // model-level
  { name: 'unknown request member', mutate: (r) => { (r as unknown as Record<string, unknown>)['famly'] = 'x'; }, ecs: IPE, field: 'famly', message: /Unknown member 'famly' in RegisterTaskDefinitionRequest/ },
  { name: 'unknown container member', mutate: (r) => { (c0(r) as Record<string, unknown>)['foo'] = 1; }, ecs: IPE, field: 'containerDefinitions[0].foo', message: /Unknown member 'foo' in ContainerDefinition/ },
  { name: 'networkMode typo', mutate: (r) => { r.networkMode = 'brige' as never; }, ecs: IPE, field: 'networkMode', message: /^'networkMode' must be one of bridge \| host \| awsvpc \| none \('brige' given\)\.$/ },
  { name: 'family missing', mutate: (r) => { delete (r as Partial<Req>).family; }, ecs: IPE, field: 'family', message: /^Missing required member 'family' in RegisterTaskDefinitionRequest\.$/ },
  { name: 'container cpu as a string', mutate: (r) => { c0(r).cpu = '512' as never; }, ecs: IPE, field: 'containerDefinitions[0].cpu' },
  { name: 'protocol sctp', mutate: (r) => { c0(r).portMappings![0]!.protocol = 'sctp' as never; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].protocol' },
  { name: 'healthCheck without command', mutate: (r) => { c0(r).healthCheck = {} as never; }, ecs: IPE, field: 'containerDefinitions[0].healthCheck.command' },
  { name: 'placement constraint distinctInstance', mutate: (r) => { r.placementConstraints = [{ type: 'distinctInstance' as never, expression: 'x' }]; }, ecs: IPE, field: 'placementConstraints[0].type' },
  { name: '51 tags', mutate: (r) => { r.tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })); }, ecs: IPE, field: 'tags' },
  // family and containers
  { name: 'family with a space', mutate: (r) => { r.family = 'my app'; }, ecs: IPE, field: 'family' },
  { name: 'family too long', mutate: (r) => { r.family = 'f'.repeat(256); }, ecs: IPE, field: 'family' },
  { name: 'no containers', mutate: (r) => { r.containerDefinitions = []; }, ecs: CE, field: 'containerDefinitions' },
  { name: '11 containers', mutate: (r) => { r.containerDefinitions = Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, image: 'busybox', memory: 32 })); }, ecs: CE, field: 'containerDefinitions', message: /Too many containers/ },
  { name: 'container without name', mutate: (r) => { delete c0(r).name; }, ecs: CE, field: 'containerDefinitions[0].name', message: /Container\.name should not be null or empty\./ },
  { name: 'container name with a dot', mutate: (r) => { c0(r).name = 'app.v2'; }, ecs: IPE, field: 'containerDefinitions[0].name' },
  { name: 'duplicate container names', mutate: (r) => { r.containerDefinitions.push(second({ name: 'app' })); }, ecs: IPE, field: 'containerDefinitions[1].name' },
  { name: 'image missing', mutate: (r) => { delete c0(r).image; }, ecs: CE, field: 'containerDefinitions[0].image', message: /^Container\.image should not be null or empty\.$/ },
  { name: 'image blank', mutate: (r) => { c0(r).image = '  '; }, ecs: CE, field: 'containerDefinitions[0].image' },
  { name: 'image with an unexpanded variable', mutate: (r) => { c0(r).image = '$IMAGE_NAME'; }, ecs: CE, field: 'containerDefinitions[0].image', message: /invalid characters/ },
  { name: 'image with a short digest', mutate: (r) => { c0(r).image = 'nginx@sha256:abc'; }, ecs: CE, field: 'containerDefinitions[0].image' },
  { name: 'no essential container', mutate: (r) => { c0(r).essential = false; }, ecs: IPE, field: 'containerDefinitions' },
  // memory and cpu
  { name: 'no memory anywhere', mutate: (r) => { delete c0(r).memory; }, ecs: CE, field: 'containerDefinitions[0].memory', message: /At least one of 'memory' or 'memoryReservation' must be specified/ },
  { name: 'memory below memoryReservation', mutate: (r) => { c0(r).memory = 512; c0(r).memoryReservation = 1024; }, ecs: IPE, field: 'containerDefinitions[0].memory', message: /^Invalid setting for container 'app': 'memory' must be greater than or equal to 'memoryReservation' \(512 < 1024\)\.$/ },
  { name: 'memory below 6 MiB', mutate: (r) => { c0(r).memory = 4; }, ecs: IPE, field: 'containerDefinitions[0].memory' },
  { name: 'memoryReservation 0', mutate: (r) => { c0(r).memoryReservation = 0; }, ecs: IPE, field: 'containerDefinitions[0].memoryReservation' },
  { name: 'container memory above task memory', mutate: (r) => { r.memory = '512'; c0(r).memory = 1024; }, ecs: CE, field: 'containerDefinitions[0].memory', message: /greater than for the task/ },
  { name: 'reservations above task memory', mutate: (r) => { r.memory = '512'; c0(r).memory = 300; r.containerDefinitions.push(second({ memory: undefined, memoryReservation: 300 })); }, ecs: CE, field: 'memory' },
  { name: 'container cpu above task cpu', mutate: (r) => { r.cpu = '256'; c0(r).cpu = 200; r.containerDefinitions.push(second({ cpu: 100 })); }, ecs: CE, field: 'cpu', message: /sum of all container 'cpu' values/ },
  { name: 'negative container cpu', mutate: (r) => { c0(r).cpu = -1; }, ecs: IPE, field: 'containerDefinitions[0].cpu' },
  { name: 'task cpu below 128', mutate: (r) => { r.cpu = '64'; }, ecs: IPE, field: 'cpu' },
  { name: 'task cpu above 192 vCPU', mutate: (r) => { r.cpu = '193 vCPU'; }, ecs: IPE, field: 'cpu' },
  { name: 'task cpu garbage', mutate: (r) => { r.cpu = 'lots'; }, ecs: IPE, field: 'cpu' },
  { name: 'task memory in TB', mutate: (r) => { r.memory = '2 TB'; }, ecs: IPE, field: 'memory' },
  { name: 'task memory 0', mutate: (r) => { r.memory = '0'; }, ecs: IPE, field: 'memory' },
  // ports
  { name: 'containerPort 0', mutate: (r) => { c0(r).portMappings![0]!.containerPort = 0; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].containerPort' },
  { name: 'containerPort 70000', mutate: (r) => { c0(r).portMappings![0]!.containerPort = 70000; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].containerPort' },
  { name: 'containerPort missing', mutate: (r) => { c0(r).portMappings = [{ hostPort: 80 }]; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].containerPort' },
  { name: 'hostPort -1', mutate: (r) => { c0(r).portMappings![0]!.hostPort = -1; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].hostPort' },
  { name: 'hostPort 65536', mutate: (r) => { c0(r).portMappings![0]!.hostPort = 65536; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].hostPort' },
  { name: 'awsvpc hostPort != containerPort', mutate: (r) => { r.networkMode = 'awsvpc'; c0(r).portMappings![0]!.hostPort = 8080; }, ecs: CE, field: 'containerDefinitions[0].portMappings[0].hostPort', message: /When networkMode=awsvpc, the host ports and container ports in port mappings must match/ },
  { name: 'host mode hostPort != containerPort', mutate: (r) => { r.networkMode = 'host'; c0(r).portMappings![0]!.hostPort = 0; }, ecs: CE, field: 'containerDefinitions[0].portMappings[0].hostPort' },
  { name: 'port mappings with networkMode none', mutate: (r) => { r.networkMode = 'none'; }, ecs: IPE, field: 'containerDefinitions[0].portMappings' },
  { name: 'duplicate static host port', mutate: (r) => { c0(r).portMappings![0]!.hostPort = 80; r.containerDefinitions.push(second({ portMappings: [{ containerPort: 8080, hostPort: 80 }] })); }, ecs: IPE, field: 'containerDefinitions[1].portMappings[0].hostPort', message: /^Invalid setting for container 'side': host port 80\/tcp is already used by container 'app'\.$/ },
  { name: 'duplicate container port in awsvpc', mutate: (r) => { r.networkMode = 'awsvpc'; r.containerDefinitions.push(second({ portMappings: [{ containerPort: 80 }] })); }, ecs: IPE, field: 'containerDefinitions[1].portMappings[0].containerPort' },
  { name: 'containerPortRange with hostPort', mutate: (r) => { c0(r).portMappings = [{ containerPortRange: '8000-8010', hostPort: 8000 }]; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].hostPort' },
  { name: 'containerPortRange with containerPort', mutate: (r) => { c0(r).portMappings = [{ containerPortRange: '8000-8010', containerPort: 8000 }]; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].containerPort' },
  { name: 'containerPortRange malformed', mutate: (r) => { c0(r).portMappings = [{ containerPortRange: '8000:8010' }]; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].containerPortRange' },
  { name: 'containerPortRange reversed', mutate: (r) => { c0(r).portMappings = [{ containerPortRange: '8010-8000' }]; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].containerPortRange' },
  { name: 'containerPortRange in host mode', mutate: (r) => { r.networkMode = 'host'; c0(r).portMappings = [{ containerPortRange: '8000-8010' }]; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].containerPortRange' },
  { name: 'containerPortRange overlapping a port', mutate: (r) => { c0(r).portMappings = [{ containerPort: 8005 }, { containerPortRange: '8000-8010' }]; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[1].containerPortRange' },
  { name: 'port name with capitals', mutate: (r) => { c0(r).portMappings![0]!.name = 'Web'; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[0].name' },
  { name: 'duplicate port names', mutate: (r) => { c0(r).portMappings = [{ containerPort: 80, name: 'web' }, { containerPort: 81, name: 'web' }]; }, ecs: IPE, field: 'containerDefinitions[0].portMappings[1].name' },
  // network mode rules
  { name: 'links in awsvpc', mutate: (r) => { r.networkMode = 'awsvpc'; r.containerDefinitions.push(second()); c0(r).links = ['side']; }, ecs: CE, field: 'containerDefinitions[0].links', message: /Links are not supported when networkMode=awsvpc/ },
  { name: 'link to an unknown container', mutate: (r) => { c0(r).links = ['db:database']; }, ecs: IPE, field: 'containerDefinitions[0].links[0]' },
  { name: 'link to itself', mutate: (r) => { c0(r).links = ['app']; }, ecs: IPE, field: 'containerDefinitions[0].links[0]' },
  { name: 'hostname in awsvpc', mutate: (r) => { r.networkMode = 'awsvpc'; c0(r).hostname = 'web'; }, ecs: CE, field: 'containerDefinitions[0].hostname' },
  { name: 'extraHosts in awsvpc', mutate: (r) => { r.networkMode = 'awsvpc'; c0(r).extraHosts = [{ hostname: 'a', ipAddress: '10.0.0.1' }]; }, ecs: IPE, field: 'containerDefinitions[0].extraHosts' },
  // cross references
  { name: 'mountPoint to an unknown volume', mutate: (r) => { c0(r).mountPoints = [{ sourceVolume: 'data', containerPath: '/data' }]; }, ecs: IPE, field: 'containerDefinitions[0].mountPoints[0].sourceVolume' },
  { name: 'mountPoint without containerPath', mutate: (r) => { r.volumes = [{ name: 'data' }]; c0(r).mountPoints = [{ sourceVolume: 'data' }]; }, ecs: IPE, field: 'containerDefinitions[0].mountPoints[0].containerPath' },
  { name: 'volumesFrom an unknown container', mutate: (r) => { c0(r).volumesFrom = [{ sourceContainer: 'ghost' }]; }, ecs: IPE, field: 'containerDefinitions[0].volumesFrom[0].sourceContainer' },
  { name: 'volumesFrom itself', mutate: (r) => { c0(r).volumesFrom = [{ sourceContainer: 'app' }]; }, ecs: IPE, field: 'containerDefinitions[0].volumesFrom[0].sourceContainer' },
  { name: 'dependsOn an unknown container', mutate: (r) => { c0(r).dependsOn = [{ containerName: 'ghost', condition: 'START' }]; }, ecs: IPE, field: 'containerDefinitions[0].dependsOn[0].containerName' },
  { name: 'dependsOn COMPLETE on an essential container', mutate: (r) => { r.containerDefinitions.push(second({ essential: true })); c0(r).dependsOn = [{ containerName: 'side', condition: 'COMPLETE' }]; }, ecs: IPE, field: 'containerDefinitions[0].dependsOn[0].condition' },
  { name: 'dependsOn SUCCESS on an implicitly essential container', mutate: (r) => { r.containerDefinitions.push(second({ essential: undefined })); c0(r).dependsOn = [{ containerName: 'side', condition: 'SUCCESS' }]; }, ecs: IPE, field: 'containerDefinitions[0].dependsOn[0].condition' },
  { name: 'dependsOn HEALTHY without a healthCheck', mutate: (r) => { r.containerDefinitions.push(second()); c0(r).dependsOn = [{ containerName: 'side', condition: 'HEALTHY' }]; }, ecs: IPE, field: 'containerDefinitions[0].dependsOn[0].condition' },
  { name: 'dependsOn condition typo', mutate: (r) => { r.containerDefinitions.push(second()); c0(r).dependsOn = [{ containerName: 'side', condition: 'STARTED' as never }]; }, ecs: IPE, field: 'containerDefinitions[0].dependsOn[0].condition' },
  { name: 'dependsOn cycle', mutate: (r) => { r.containerDefinitions.push(second({ dependsOn: [{ containerName: 'app', condition: 'START' }] })); c0(r).dependsOn = [{ containerName: 'side', condition: 'START' }]; }, ecs: IPE, field: 'containerDefinitions[1].dependsOn', message: /form a cycle: app -> side -> app/ },
  { name: 'proxyConfiguration names no container', mutate: (r) => { r.proxyConfiguration = { type: 'APPMESH', containerName: 'envoy' }; }, ecs: IPE, field: 'proxyConfiguration.containerName' },
  // health checks, restart policy, timeouts
  { name: 'healthCheck interval 2', mutate: (r) => { c0(r).healthCheck = { command: ['CMD', 'true'], interval: 2 }; }, ecs: IPE, field: 'containerDefinitions[0].healthCheck.interval' },
  { name: 'healthCheck timeout 61', mutate: (r) => { c0(r).healthCheck = { command: ['CMD', 'true'], timeout: 61 }; }, ecs: IPE, field: 'containerDefinitions[0].healthCheck.timeout' },
  { name: 'healthCheck retries 0', mutate: (r) => { c0(r).healthCheck = { command: ['CMD', 'true'], retries: 0 }; }, ecs: IPE, field: 'containerDefinitions[0].healthCheck.retries' },
  { name: 'healthCheck startPeriod 301', mutate: (r) => { c0(r).healthCheck = { command: ['CMD', 'true'], startPeriod: 301 }; }, ecs: IPE, field: 'containerDefinitions[0].healthCheck.startPeriod' },
  { name: 'healthCheck without CMD', mutate: (r) => { c0(r).healthCheck = { command: ['curl', '-f', 'http://localhost/'] }; }, ecs: IPE, field: 'containerDefinitions[0].healthCheck.command[0]' },
  { name: 'healthCheck empty command', mutate: (r) => { c0(r).healthCheck = { command: [] }; }, ecs: IPE, field: 'containerDefinitions[0].healthCheck.command' },
  { name: 'healthCheck CMD-SHELL alone', mutate: (r) => { c0(r).healthCheck = { command: ['CMD-SHELL'] }; }, ecs: IPE, field: 'containerDefinitions[0].healthCheck.command' },
  { name: 'restartAttemptPeriod 30', mutate: (r) => { c0(r).restartPolicy = { enabled: true, restartAttemptPeriod: 30 }; }, ecs: IPE, field: 'containerDefinitions[0].restartPolicy.restartAttemptPeriod' },
  { name: 'restartAttemptPeriod 1801', mutate: (r) => { c0(r).restartPolicy = { enabled: true, restartAttemptPeriod: 1801 }; }, ecs: IPE, field: 'containerDefinitions[0].restartPolicy.restartAttemptPeriod' },
  { name: 'negative stopTimeout', mutate: (r) => { c0(r).stopTimeout = -1; }, ecs: IPE, field: 'containerDefinitions[0].stopTimeout' },
  { name: 'negative startTimeout', mutate: (r) => { c0(r).startTimeout = -5; }, ecs: IPE, field: 'containerDefinitions[0].startTimeout' },
  { name: '11 environment files', mutate: (r) => { c0(r).environmentFiles = Array.from({ length: 11 }, (_, i) => ({ type: 's3', value: `arn:aws:s3:::b/${i}.env` })); }, ecs: IPE, field: 'containerDefinitions[0].environmentFiles' },
  { name: 'secrets without an execution role', mutate: (r) => { c0(r).secrets = [{ name: 'A', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/a' }]; }, ecs: CE, field: 'containerDefinitions[0].secrets', message: /must also specify a value for 'executionRoleArn'/ },
  { name: 'log secretOptions without an execution role', mutate: (r) => { c0(r).logConfiguration = { logDriver: 'splunk', secretOptions: [{ name: 'splunk-token', valueFrom: 'x' }] }; }, ecs: CE, field: 'containerDefinitions[0].logConfiguration.secretOptions' },
  { name: 'ulimit soft above hard', mutate: (r) => { c0(r).ulimits = [{ name: 'nofile', softLimit: 2048, hardLimit: 1024 }]; }, ecs: IPE, field: 'containerDefinitions[0].ulimits[0].softLimit' },
  { name: 'swappiness 101', mutate: (r) => { c0(r).linuxParameters = { swappiness: 101 }; }, ecs: IPE, field: 'containerDefinitions[0].linuxParameters.swappiness' },
  { name: 'GPU count not a number', mutate: (r) => { c0(r).resourceRequirements = [{ type: 'GPU', value: 'two' }]; }, ecs: IPE, field: 'containerDefinitions[0].resourceRequirements[0].value' },
  { name: 'two firelens routers', mutate: (r) => { c0(r).firelensConfiguration = { type: 'fluentbit' }; r.containerDefinitions.push(second({ firelensConfiguration: { type: 'fluentd' } })); }, ecs: IPE, field: 'containerDefinitions[1].firelensConfiguration' },
  { name: 'awsfirelens without a router', mutate: (r) => { c0(r).logConfiguration = { logDriver: 'awsfirelens' }; }, ecs: IPE, field: 'containerDefinitions[0].logConfiguration.logDriver' },
  // volumes, constraints, storage
  { name: 'volume without a name', mutate: (r) => { r.volumes = [{ host: {} }]; }, ecs: IPE, field: 'volumes[0].name' },
  { name: 'volume name with a slash', mutate: (r) => { r.volumes = [{ name: 'a/b' }]; }, ecs: IPE, field: 'volumes[0].name' },
  { name: 'duplicate volume names', mutate: (r) => { r.volumes = [{ name: 'data' }, { name: 'data' }]; }, ecs: IPE, field: 'volumes[1].name' },
  { name: 'volume with two kinds', mutate: (r) => { r.volumes = [{ name: 'data', host: {}, dockerVolumeConfiguration: {} }]; }, ecs: IPE, field: 'volumes[0]' },
  { name: 'EFS access point without TLS', mutate: (r) => { r.volumes = [{ name: 'e', efsVolumeConfiguration: { fileSystemId: 'fs-1', authorizationConfig: { accessPointId: 'fsap-1' } } }]; }, ecs: IPE, field: 'volumes[0].efsVolumeConfiguration.transitEncryption' },
  { name: 'EFS access point with a rootDirectory', mutate: (r) => { r.volumes = [{ name: 'e', efsVolumeConfiguration: { fileSystemId: 'fs-1', rootDirectory: '/data', transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: 'fsap-1' } } }]; }, ecs: IPE, field: 'volumes[0].efsVolumeConfiguration.rootDirectory' },
  { name: '11 placement constraints', mutate: (r) => { r.placementConstraints = Array.from({ length: 11 }, () => ({ type: 'memberOf' as const, expression: 'attribute:a == b' })); }, ecs: IPE, field: 'placementConstraints' },
  { name: 'memberOf without expression', mutate: (r) => { r.placementConstraints = [{ type: 'memberOf' }]; }, ecs: IPE, field: 'placementConstraints[0].expression' },
  { name: 'memberOf expression that does not parse', mutate: (r) => { r.placementConstraints = [{ type: 'memberOf', expression: 'attribute:stack == prod and' }]; }, ecs: IPE, field: 'placementConstraints[0].expression' },
  { name: 'ephemeralStorage 10 GiB', mutate: (r) => { r.ephemeralStorage = { sizeInGiB: 10 }; }, ecs: IPE, field: 'ephemeralStorage.sizeInGiB' },
  // tags
  { name: 'tag key with aws: prefix', mutate: (r) => { r.tags = [{ key: 'AWS:owner', value: 'x' }]; }, ecs: IPE, field: 'tags[0].key' },
  { name: 'duplicate tag keys', mutate: (r) => { r.tags = [{ key: 'a', value: '1' }, { key: 'a', value: '2' }]; }, ecs: IPE, field: 'tags[1].key' },
  { name: 'tag value with a bad character', mutate: (r) => { r.tags = [{ key: 'a', value: 'x;y' }]; }, ecs: IPE, field: 'tags[0].value' },
  // launch types
  { name: 'EXTERNAL with awsvpc', mutate: (r) => { r.networkMode = 'awsvpc'; r.requiresCompatibilities = ['EXTERNAL']; }, ecs: CE, field: 'networkMode' },
  { name: 'Fargate in bridge mode', base: fargate, mutate: (r) => { r.networkMode = 'bridge'; }, ecs: CE, field: 'networkMode', message: /Fargate only supports network mode 'awsvpc'/ },
  { name: 'Fargate without networkMode', base: fargate, mutate: (r) => { delete r.networkMode; }, ecs: CE, field: 'networkMode' },
  { name: 'Fargate without task cpu', base: fargate, mutate: (r) => { delete r.cpu; }, ecs: CE, field: 'cpu' },
  { name: 'Fargate without any memory (as ECS: the container rule first)', base: fargate, mutate: (r) => { delete r.memory; }, ecs: CE, field: 'containerDefinitions[0].memory' },
  { name: 'Fargate without task memory', base: fargate, mutate: (r) => { delete r.memory; c0(r).memory = 256; }, ecs: CE, field: 'memory', message: /Fargate requires that 'memory' be defined at the task level/ },
  { name: 'Fargate cpu/memory pair', base: fargate, mutate: (r) => { r.memory = '4096'; }, ecs: CE, field: 'memory', message: /No Fargate configuration exists for given values: 256 CPU, 4096 memory/ },
  { name: 'Fargate cpu not in the table', base: fargate, mutate: (r) => { r.cpu = '384'; }, ecs: CE, field: 'cpu' },
  { name: 'Fargate 8 vCPU memory step', base: fargate, mutate: (r) => { r.cpu = '8 vCPU'; r.memory = '18 GB'; }, ecs: CE, field: 'memory' },
  { name: 'Fargate pidMode host', base: fargate, mutate: (r) => { r.pidMode = 'host'; }, ecs: CE, field: 'pidMode', message: /do not support pidMode 'host'/ },
  { name: 'Fargate ipcMode', base: fargate, mutate: (r) => { r.ipcMode = 'task'; }, ecs: CE, field: 'ipcMode' },
  { name: 'Fargate privileged', base: fargate, mutate: (r) => { c0(r).privileged = true; }, ecs: CE, field: 'containerDefinitions[0].privileged' },
  { name: 'Fargate devices', base: fargate, mutate: (r) => { c0(r).linuxParameters = { devices: [{ hostPath: '/dev/fuse' }] }; }, ecs: CE, field: 'containerDefinitions[0].linuxParameters.devices' },
  { name: 'Fargate sharedMemorySize', base: fargate, mutate: (r) => { c0(r).linuxParameters = { sharedMemorySize: 64 }; }, ecs: CE, field: 'containerDefinitions[0].linuxParameters.sharedMemorySize' },
  { name: 'Fargate tmpfs', base: fargate, mutate: (r) => { c0(r).linuxParameters = { tmpfs: [{ containerPath: '/t', size: 8 }] }; }, ecs: CE, field: 'containerDefinitions[0].linuxParameters.tmpfs' },
  { name: 'Fargate capability NET_ADMIN', base: fargate, mutate: (r) => { c0(r).linuxParameters = { capabilities: { add: ['SYS_PTRACE', 'NET_ADMIN'] } }; }, ecs: CE, field: 'containerDefinitions[0].linuxParameters.capabilities.add[1]' },
  { name: 'Fargate ulimit core', base: fargate, mutate: (r) => { c0(r).ulimits = [{ name: 'core', softLimit: 0, hardLimit: 0 }]; }, ecs: CE, field: 'containerDefinitions[0].ulimits[0].name' },
  { name: 'Fargate stopTimeout 121', base: fargate, mutate: (r) => { c0(r).stopTimeout = 121; }, ecs: CE, field: 'containerDefinitions[0].stopTimeout' },
  { name: 'Fargate startTimeout 1', base: fargate, mutate: (r) => { c0(r).startTimeout = 1; }, ecs: CE, field: 'containerDefinitions[0].startTimeout' },
  { name: 'Fargate json-file logs', base: fargate, mutate: (r) => { c0(r).logConfiguration = { logDriver: 'json-file' }; }, ecs: CE, field: 'containerDefinitions[0].logConfiguration.logDriver' },
  { name: 'Fargate awslogs without an execution role', base: fargate, mutate: (r) => { delete r.executionRoleArn; c0(r).logConfiguration = { logDriver: 'awslogs', options: { 'awslogs-group': 'g' } }; }, ecs: CE, field: 'executionRoleArn', message: /execution role ARN to support log driver awslogs/ },
  { name: 'Fargate ECR image without an execution role', base: fargate, mutate: (r) => { delete r.executionRoleArn; c0(r).image = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1'; }, ecs: CE, field: 'executionRoleArn' },
  { name: 'Fargate docker volume', base: fargate, mutate: (r) => { r.volumes = [{ name: 'v', dockerVolumeConfiguration: { scope: 'task' } }]; }, ecs: CE, field: 'volumes[0].dockerVolumeConfiguration' },
  { name: 'Fargate host sourcePath', base: fargate, mutate: (r) => { r.volumes = [{ name: 'v', host: { sourcePath: '/var/data' } }]; }, ecs: CE, field: 'volumes[0].host.sourcePath' },
  { name: 'Fargate GPU', base: fargate, mutate: (r) => { c0(r).resourceRequirements = [{ type: 'GPU', value: '1' }]; }, ecs: CE, field: 'containerDefinitions[0].resourceRequirements[0]' },
  // size
  { name: 'request above 64 KiB', mutate: (r) => { c0(r).environment = Array.from({ length: 700 }, (_, i) => ({ name: `VAR_${i}`, value: 'x'.repeat(80) })); }, ecs: CE, field: undefined, message: /too large/ },
];

t.test('the base requests are valid', async (t) => {
  t.doesNotThrow(() => validateRegisterTaskDefinition(ec2()));
  t.doesNotThrow(() => validateRegisterTaskDefinition(fargate()));
});

t.test('invalid variants fail with the expected error and field', async (t) => {
  for (const c of cases) {
    const r = (c.base ?? ec2)();
    c.mutate(r);
    const e = thrown(() => validateRegisterTaskDefinition(r));
    if (!e) {
      t.fail(`${c.name}: accepted`);
      continue;
    }
    t.equal(e.ecsName, c.ecs, `${c.name}: ${e.ecsName} (${e.message})`);
    t.equal(e.field, c.field, `${c.name}: field ${c.field}`);
    t.notOk(carriesPath(e.message, c.field), `${c.name}: the message is ECS's text alone, without the field path (${e.message})`);
    if (c.message) t.match(e.message, c.message, `${c.name}: message`);
  }
});

t.test('accepted edge cases', async (t) => {
  const ok: [string, (r: Req) => void][] = [
    ['memory equal to memoryReservation', (r) => { c0(r).memoryReservation = 256; }],
    ['only memoryReservation', (r) => { delete c0(r).memory; c0(r).memoryReservation = 128; }],
    ['only task memory', (r) => { delete c0(r).memory; r.memory = '1 GB'; }],
    ['sum of hard limits above task memory but reservations below', (r) => { r.memory = '512'; c0(r).memory = 512; c0(r).memoryReservation = 256; r.containerDefinitions.push(second({ memory: 512, memoryReservation: 128 })); }],
    ['cpu sum equal to task cpu', (r) => { r.cpu = '0.25 vcpu'; c0(r).cpu = 128; r.containerDefinitions.push(second({ cpu: 128 })); }],
    ['bridge dynamic ports repeated', (r) => { r.containerDefinitions.push(second({ portMappings: [{ containerPort: 80 }, { containerPort: 80, hostPort: 0 }] })); }],
    ['same host port on tcp and udp', (r) => { c0(r).portMappings = [{ containerPort: 53, hostPort: 53, protocol: 'tcp' }, { containerPort: 53, hostPort: 53, protocol: 'udp' }]; }],
    ['host mode hostPort omitted', (r) => { r.networkMode = 'host'; }],
    ['awsvpc hostPort equal', (r) => { r.networkMode = 'awsvpc'; c0(r).portMappings![0]!.hostPort = 80; }],
    ['port range in awsvpc', (r) => { r.networkMode = 'awsvpc'; c0(r).portMappings = [{ containerPortRange: '8000-8099', protocol: 'udp' }, { containerPort: 80 }]; }],
    ['healthCheck NONE', (r) => { c0(r).healthCheck = { command: ['NONE'] }; }],
    ['healthCheck bounds', (r) => { c0(r).healthCheck = { command: ['CMD', 'true'], interval: 300, timeout: 60, retries: 10, startPeriod: 0 }; }],
    ['dependsOn COMPLETE on a non-essential container', (r) => { r.containerDefinitions.push(second()); c0(r).dependsOn = [{ containerName: 'side', condition: 'COMPLETE' }]; }],
    ['image by digest', (r) => { c0(r).image = `nginx@sha256:${'a'.repeat(64)}`; }],
    ['image with registry port and tag', (r) => { c0(r).image = 'registry.local:5000/team/app:v1.2.3'; }],
    ['stopTimeout above 120 on EC2', (r) => { c0(r).stopTimeout = 600; }],
    ['Fargate pidMode task', (r) => { Object.assign(r, fargate()); r.pidMode = 'task'; }],
    ['Fargate 16 vCPU 120 GB', (r) => { Object.assign(r, fargate()); r.cpu = '16 vCPU'; r.memory = '120 GB'; }],
    ['Fargate SYS_PTRACE and nofile', (r) => { Object.assign(r, fargate()); c0(r).linuxParameters = { capabilities: { add: ['SYS_PTRACE'] }, initProcessEnabled: true }; c0(r).ulimits = [{ name: 'nofile', softLimit: 4096, hardLimit: 8192 }]; }],
    ['Fargate public ECR image without an execution role', (r) => { Object.assign(r, fargate()); delete r.executionRoleArn; c0(r).image = 'public.ecr.aws/nginx/nginx:latest'; }],
    ['ten containers', (r) => { r.containerDefinitions = Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, image: 'busybox', memory: 32 })); }],
    ['50 tags with unicode', (r) => { r.tags = Array.from({ length: 50 }, (_, i) => ({ key: `clé ${i}`, value: 'ünïcødé: a/b=c+d-e@f_g.h' })); }],
    ['tag without value', (r) => { r.tags = [{ key: 'flag' }]; }],
  ];
  for (const [name, mutate] of ok) {
    const r = ec2();
    mutate(r);
    const e = thrown(() => validateRegisterTaskDefinition(r));
    t.equal(e, undefined, `${name}${e ? `: ${e.message}` : ''}`);
  }
});

t.test('checkTags', async (t) => {
  t.doesNotThrow(() => checkTags('tags', []));
  t.doesNotThrow(() => checkTags('tags', [{ key: 'k'.repeat(128), value: 'v'.repeat(256) }]));
  const bad: [unknown, string][] = [
    ['nope', 'tags'],
    [[{ value: 'x' }], 'tags[0].key'],
    [[{ key: '' }], 'tags[0].key'],
    [[{ key: 'k'.repeat(129) }], 'tags[0].key'],
    [[{ key: 'k', value: 'v'.repeat(257) }], 'tags[0].value'],
    [[{ key: 'a#b' }], 'tags[0].key'],
    [[{ key: 'aws:x' }], 'tags[0].key'],
    [[{ key: 'Aws:x' }], 'tags[0].key'],
    [[{ key: 'ok' }, { key: 'ok' }], 'tags[1].key'],
    [[{ key: 'k', value: 5 }], 'tags[0].value'],
    [[null], 'tags[0]'],
    [Array.from({ length: 51 }, (_, i) => ({ key: `k${i}` })), 'tags'],
  ];
  for (const [tags, field] of bad) {
    const e = thrown(() => checkTags('tags', tags));
    t.equal(e?.ecsName, 'InvalidParameterException', `${JSON.stringify(tags).slice(0, 40)} refused`);
    t.equal(e?.field, field);
  }
  t.doesNotThrow(() => checkTags('tags', [{ key: 'awsome' }, { key: 'x:aws:y' }]), 'aws only reserved as a prefix');
});

t.test('requiredAttributes on a request (before build)', async (t) => {
  const attrs = requiredAttributes(fixture('webserver-nginx.json'));
  t.strictSame(attrs, []);
});
