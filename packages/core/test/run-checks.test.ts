// What the agent applies, as one table (agent-support.ts) walked against the ECS model: every member of
// every shape reachable from TaskDefinition has an entry, every refused entry refuses with
// UnsupportedFeatureException naming the member, and runnable definitions pass.
import t from 'tap';
import {
  APPLIED_LOG_DRIVERS, BerthError, LOG_DRIVER_SUPPORT, SHAPES, TASK_DEFINITION_SUPPORT, checkRunnable, checkRunnableOverrides, containerRefusal,
  taskDefinitionRefusal, type TaskDefinition,
} from '../src/index.js';

const td = (extra: Partial<TaskDefinition>): TaskDefinition => ({ family: 'f', revision: 3, containerDefinitions: [{ name: 'a', image: 'x' }], ...extra });

/** Every structure shape reachable from TaskDefinition or TaskOverride (RunTask's overrides), with its members. */
function reachable(): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const visit = (name: string) => {
    const s = SHAPES[name];
    if (!s) return;
    if (s.type === 'list') visit(s.member);
    else if (s.type === 'map') visit(s.value);
    else if (s.type === 'structure' && !out.has(name)) {
      out.set(name, s.members);
      Object.values(s.members).forEach(visit);
    }
  };
  visit('TaskDefinition');
  visit('TaskOverride');
  return out;
}

t.test('the table covers every member of every shape reachable from TaskDefinition and TaskOverride, and nothing else', async (t) => {
  const shapes = reachable();
  t.ok(shapes.size >= 30, `${shapes.size} shapes`);
  for (const [name, members] of shapes) {
    const entries = TASK_DEFINITION_SUPPORT[name];
    t.ok(entries, `${name} has entries`);
    t.same(Object.keys(entries ?? {}).sort(), Object.keys(members).sort(), `${name}: one entry per model member`);
  }
  t.same(Object.keys(TASK_DEFINITION_SUPPORT).filter((n) => !shapes.has(n)), [], 'no entry for a shape the model does not reach');
  const drivers = SHAPES.LogDriver;
  t.same(Object.keys(LOG_DRIVER_SUPPORT).sort(), drivers?.type === 'string' ? [...(drivers.enum ?? [])].sort() : [], 'every ECS log driver');
  t.same(APPLIED_LOG_DRIVERS, ['json-file', 'syslog', 'journald', 'gelf', 'fluentd', 'splunk', 'awslogs', 'awsfirelens']);
});

/** A present value of a model shape, for a member set on its own. */
function sample(shape: string): unknown {
  const s = SHAPES[shape]!;
  switch (s.type) {
    case 'structure': return { x: 1 };
    case 'list': return [sample(s.member)];
    case 'map': return { k: 'v' };
    case 'boolean': return true;
    case 'integer': case 'long': case 'double': return 1;
    case 'string': return s.enum?.[0] ?? 'x';
    default: return 'x';
  }
}

t.test('every member the table refuses outright is refused, naming the member', async (t) => {
  const where: Record<string, (member: string, v: unknown) => Partial<TaskDefinition>> = {
    TaskDefinition: (m, v) => ({ [m]: v }),
    ContainerDefinition: (m, v) => ({ containerDefinitions: [{ name: 'ok', image: 'x' }, { name: 'b', image: 'x', [m]: v }] }),
    PortMapping: (m, v) => ({ containerDefinitions: [{ name: 'a', image: 'x', portMappings: [{ containerPort: 80, [m]: v }] }] }),
    LogConfiguration: (m, v) => ({ containerDefinitions: [{ name: 'a', image: 'x', logConfiguration: { logDriver: 'json-file', [m]: v } }] }),
    Volume: (m, v) => ({ volumes: [{ name: 'data', [m]: v }] }),
  };
  const prefix: Record<string, string> = { TaskDefinition: '', ContainerDefinition: 'containerDefinitions[1].', PortMapping: 'containerDefinitions[0].portMappings[0].', LogConfiguration: 'containerDefinitions[0].logConfiguration.', Volume: 'volumes[0].' };
  let n = 0;
  for (const [shape, entries] of Object.entries(TASK_DEFINITION_SUPPORT)) {
    for (const [member, support] of Object.entries(entries)) {
      if (typeof support !== 'object' || !('refused' in support)) continue;
      const build = where[shape];
      if (!build) continue; // shapes of refused members: reached only through them
      const type = (SHAPES[shape] as { members: Record<string, string> }).members[member]!;
      const e = t.throws(() => checkRunnable(td(build(member, sample(type))))) as unknown as BerthError;
      t.equal(e.ecsName, 'UnsupportedFeatureException', `${shape}.${member}`);
      t.equal(e.field, `${prefix[shape]}${member}`);
      t.ok(e.message.endsWith(`which Berth does not support: ${support.refused}`), e.message);
      n++;
    }
  }
  t.ok(n >= 11, `${n} refused members checked`);
});

t.test('members refused for some values only, and the messages', async (t) => {
  const cases: [Partial<TaskDefinition>, string, string][] = [
    [{ networkMode: 'awsvpc' }, 'networkMode', 'The task definition f:3 uses networkMode awsvpc, which Berth does not support: each awsvpc task needs an elastic network interface of its own; use bridge, host or none.'],
    [{ volumes: [{ name: 'ok' }, { name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }] }, 'volumes[1].efsVolumeConfiguration',
      "Volume 'data' of f:3 uses efsVolumeConfiguration, which Berth does not support: Amazon EFS file systems are not mounted; use a host or Docker volume."],
    [{ volumes: [{ name: 'ebs', configuredAtLaunch: true }] }, 'volumes[0].configuredAtLaunch', "Volume 'ebs' of f:3 uses configuredAtLaunch true, which Berth does not support: Amazon EBS volumes are not attached at launch; use a host or Docker volume."],
    [{ containerDefinitions: [{ name: 'log', image: 'r', firelensConfiguration: { type: 'fluentbit' } }, { name: 'web', image: 'x', logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'kinesis_firehose' } } }] }, 'containerDefinitions[1].logConfiguration.options', "Container 'web' of f:3 uses logConfiguration.options Name kinesis_firehose, which Berth does not support: berth-log-router's outputs are cloudwatch_logs, syslog and file."],
    [{ containerDefinitions: [{ name: 'web', image: 'x', repositoryCredentials: { credentialsParameter: 'arn:aws:secretsmanager:us-east-1:1:secret:hub-AbCdEf' } }] }, 'containerDefinitions[0].repositoryCredentials',
      "Container 'web' of f:3 uses repositoryCredentials, which Berth does not support: the agent does not pull with registry credentials from Secrets Manager; log the host's Docker in to the registry instead."],
    [{ containerDefinitions: [{ name: 'web', image: 'x', versionConsistency: 'enabled' }] }, 'containerDefinitions[0].versionConsistency', "Container 'web' of f:3 uses versionConsistency enabled, which Berth does not support: image tags are not resolved to digests; set versionConsistency to disabled or leave it out."],
    [{ runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } }, 'runtimePlatform.operatingSystemFamily', 'The task definition f:3 uses runtimePlatform.operatingSystemFamily WINDOWS_SERVER_2022_CORE, which Berth does not support: Berth runs Linux container instances only.'],
    [{ enableFaultInjection: true }, 'enableFaultInjection', 'The task definition f:3 uses enableFaultInjection true, which Berth does not support: there are no fault injection endpoints.'],
  ];
  for (const [extra, field, message] of cases) {
    const e = t.throws(() => checkRunnable(td(extra)), field) as unknown as BerthError;
    t.equal(e.ecsName, 'UnsupportedFeatureException');
    t.equal(e.field, field);
    t.equal(e.message, message);
  }
});

t.test('runnable definitions pass: what the agent applies, empty lists, and the values it runs', async (t) => {
  for (const d of [
    td({}),
    td({ networkMode: 'bridge', executionRoleArn: 'arn:aws:iam::1:role/exec', runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' } }),
    td({ networkMode: 'host', enableFaultInjection: false, inferenceAccelerators: [] }),
    td({ volumes: [{ name: 'h', host: { sourcePath: '/tmp' } }, { name: 'e', host: {} }, { name: 'n' }, { name: 'l', configuredAtLaunch: false }] }),
    td({ volumes: [{ name: 'd', dockerVolumeConfiguration: { scope: 'shared', autoprovision: true, driver: 'local' } }] }),
    td({ containerDefinitions: [{ name: 'a', image: 'x', secrets: [], environmentFiles: [], versionConsistency: 'disabled', portMappings: [{ containerPort: 80, name: 'http', appProtocol: 'http' }],
      logConfiguration: { logDriver: 'journald', options: { tag: 'x' }, secretOptions: [] } }] }),
  ]) t.equal(taskDefinitionRefusal(d), undefined, JSON.stringify(d));
  // Every example and fixture definition: packages/agent/test/placement-capabilities.test.ts.
});

t.test('the agent\'s own check of a container names the member', async (t) => {
  t.equal(containerRefusal({ name: 'a', logConfiguration: { logDriver: 'syslog' } }), undefined);
  t.equal(containerRefusal({ name: 'a' }), undefined);
  t.equal(containerRefusal({ name: 'a', logConfiguration: { logDriver: 'splunk', secretOptions: [{ name: 'splunk-token', valueFrom: 'arn:aws:ssm:us-east-1:1:parameter/t' }] } }), undefined, 'secretOptions are applied');
  t.match(containerRefusal({ name: 'a', logConfiguration: { logDriver: 'local' as never } }), /logConfiguration.logDriver local, which Berth does not support: it is not one of ECS's log drivers/);
  t.match(containerRefusal({ name: 'a', credentialSpecs: ['credentialspec:file://x.json'] }), /^Container 'a' uses credentialSpecs, which Berth does not support/);
  t.equal(containerRefusal({ name: 'a', secrets: [{ name: 'P', valueFrom: 'arn:aws:ssm:us-east-1:1:parameter/p' }] }), undefined, 'secrets are applied');
  t.equal(containerRefusal({ name: 'a', secrets: [], ulimits: [{ name: 'nofile', softLimit: 1, hardLimit: 1 }] }), undefined, 'empty lists and applied members pass');
});

t.test('RunTask overrides answer to the same table: refused members are named, applied ones pass', async (t) => {
  const refusal = (o: Parameters<typeof checkRunnableOverrides>[0]) => {
    try {
      checkRunnableOverrides(o);
      return undefined;
    } catch (e) {
      t.ok(e instanceof BerthError && e.ecsName === 'UnsupportedFeatureException', 'UnsupportedFeatureException');
      return { field: (e as BerthError).field, message: (e as BerthError).message };
    }
  };
  t.same(refusal({ containerOverrides: [{ name: 'a' }, { name: 'b', environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::bucket/x.env' }] }] }), {
    field: 'overrides.containerOverrides[1].environmentFiles',
    message: "The override of container 'b' uses environmentFiles, which Berth does not support: environment files would come from Amazon S3; use environment instead.",
  });
  t.equal(refusal({ ephemeralStorage: { sizeInGiB: 30 } })?.field, 'overrides.ephemeralStorage');
  t.equal(refusal({ containerOverrides: [{ name: 'a', resourceRequirements: [{ type: 'GPU', value: '1' }] }] })?.field, 'overrides.containerOverrides[0].resourceRequirements');
  t.equal(refusal(undefined), undefined);
  t.equal(refusal({ cpu: '256', memory: '512', executionRoleArn: 'arn:aws:iam::1:role/e', taskRoleArn: 'arn:aws:iam::1:role/r', containerOverrides: [{ name: 'a', command: ['x'], environment: [{ name: 'K', value: 'v' }], cpu: 1, memory: 64, memoryReservation: 32, environmentFiles: [], resourceRequirements: [] }] }), undefined, 'applied members and empty lists pass');
});
