// The defaults ECS fills in: each entry of the table is documented by the model (or observed, and then
// named here), and building a task definition or describing a deployment configuration fills them where
// absent and keeps what was given.
import t from 'tap';
import {
  ECS_MEMBER_DEFAULTS, SHAPES, applyMemberDefaults, buildTaskDefinition, describedConfiguration, taskDefinitionArn,
  type ContainerDefinition, type RegisterTaskDefinitionRequest, type TaskDefinition,
} from '../src/index.js';
import { readFileSync } from 'node:fs';

const MODEL = JSON.parse(readFileSync(new URL('../../../../protos/aws-models/ecs/service-2.json', import.meta.url), 'utf8')) as {
  shapes: Record<string, { members?: Record<string, { documentation?: string }> }>;
};

/** Entries the model words otherwise than "the default is X": what it says instead. */
const WORDED_OTHERWISE: Record<string, RegExp> = {
  'ContainerDefinition.essential': /If this parameter is omitted, a container is assumed to be essential\./,
  'EFSVolumeConfiguration.rootDirectory': /If this parameter is omitted, the root of the Amazon EFS volume will be used\./,
};
/** Not in the model: DescribeTaskDefinition shows `"cpu": 0` for a container registered without one. */
const OBSERVED = new Set(['ContainerDefinition.cpu']);

t.test('every member default is a member of its shape, documented by the model', async (t) => {
  for (const [shape, members] of Object.entries(ECS_MEMBER_DEFAULTS)) {
    for (const [member, value] of Object.entries(members)) {
      const key = `${shape}.${member}`;
      t.ok(SHAPES[shape]?.type === 'structure' && member in (SHAPES[shape] as { members: object }).members, `${key} is in the model`);
      if (OBSERVED.has(key)) continue;
      const doc = (MODEL.shapes[shape]?.members?.[member]?.documentation ?? '').replace(/<[^>]+>/g, '');
      const worded = WORDED_OTHERWISE[key] ?? new RegExp(`(default[^.]*\\b${String(value)}\\b|\\b${String(value)}\\b[^.]*default)`, 'i');
      t.match(doc, worded, `${key} = ${String(value)}: the model says so`);
    }
  }
});

const ID = { partition: 'aws', region: 'us-east-1', accountId: '123456789012' };
const build = (req: RegisterTaskDefinitionRequest): TaskDefinition =>
  buildTaskDefinition(req, { arn: taskDefinitionArn(ID, req.family, 1), revision: 1, registeredAt: 1700000000 });
const one = (c: Partial<ContainerDefinition>, extra: Partial<RegisterTaskDefinitionRequest> = {}): RegisterTaskDefinitionRequest =>
  ({ family: 'f', containerDefinitions: [{ name: 'app', image: 'busybox', memory: 64, ...c }], ...extra });

interface Case {
  name: string;
  req: RegisterTaskDefinitionRequest;
  /** Picks the part of the built definition the case is about. */
  pick: (td: TaskDefinition) => unknown;
  want: unknown;
}

const cases: Case[] = [
  { name: 'a container is essential, with 0 CPU units', req: one({}), pick: (td) => [td.containerDefinitions![0]!.essential, td.containerDefinitions![0]!.cpu], want: [true, 0] },
  { name: 'given essential and cpu stay', req: one({ essential: false, cpu: 256 }, { containerDefinitions: [{ name: 'app', image: 'busybox', memory: 64, essential: false, cpu: 256 }, { name: 'b', image: 'busybox', memory: 64 }] }), pick: (td) => [td.containerDefinitions![0]!.essential, td.containerDefinitions![0]!.cpu], want: [false, 256] },
  { name: 'port mapping in bridge mode: tcp, dynamic host port', req: one({ portMappings: [{ containerPort: 80 }] }), pick: (td) => td.containerDefinitions![0]!.portMappings, want: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }] },
  { name: 'port mapping in host mode: host port = container port', req: one({ portMappings: [{ containerPort: 80, protocol: 'udp' }] }, { networkMode: 'host' }), pick: (td) => td.containerDefinitions![0]!.portMappings, want: [{ containerPort: 80, hostPort: 80, protocol: 'udp' }] },
  { name: 'networkMode bridge', req: one({}), pick: (td) => td.networkMode, want: 'bridge' },
  { name: 'enableFaultInjection false', req: one({}), pick: (td) => td.enableFaultInjection, want: false },
  { name: 'health check timings', req: one({ healthCheck: { command: ['CMD', 'true'] } }), pick: (td) => td.containerDefinitions![0]!.healthCheck, want: { command: ['CMD', 'true'], interval: 30, timeout: 5, retries: 3 } },
  { name: 'given health check timings stay', req: one({ healthCheck: { command: ['CMD', 'true'], interval: 10, timeout: 2, retries: 1, startPeriod: 5 } }), pick: (td) => td.containerDefinitions![0]!.healthCheck, want: { command: ['CMD', 'true'], interval: 10, timeout: 2, retries: 1, startPeriod: 5 } },
  { name: 'mount points read-write', req: one({ mountPoints: [{ sourceVolume: 'v', containerPath: '/v' }, { sourceVolume: 'v', containerPath: '/w', readOnly: true }] }, { volumes: [{ name: 'v' }] }), pick: (td) => td.containerDefinitions![0]!.mountPoints, want: [{ sourceVolume: 'v', containerPath: '/v', readOnly: false }, { sourceVolume: 'v', containerPath: '/w', readOnly: true }] },
  { name: 'volumesFrom read-write', req: { family: 'f', containerDefinitions: [{ name: 'app', image: 'busybox', memory: 64, volumesFrom: [{ sourceContainer: 'b' }] }, { name: 'b', image: 'busybox', memory: 64 }] }, pick: (td) => td.containerDefinitions![0]!.volumesFrom, want: [{ sourceContainer: 'b', readOnly: false }] },
  { name: 'restart policy attempt period', req: one({ restartPolicy: { enabled: true } }), pick: (td) => td.containerDefinitions![0]!.restartPolicy, want: { enabled: true, restartAttemptPeriod: 300 } },
  { name: 'EFS volume: the root, no transit encryption', req: one({}, { volumes: [{ name: 'e', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }] }), pick: (td) => td.volumes![0]!.efsVolumeConfiguration, want: { fileSystemId: 'fs-1', rootDirectory: '/', transitEncryption: 'DISABLED' } },
  { name: 'EFS access point: IAM authorization off', req: one({}, { volumes: [{ name: 'e', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: 'fsap-1' } } }] }), pick: (td) => td.volumes![0]!.efsVolumeConfiguration, want: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: 'fsap-1', iam: 'DISABLED' }, rootDirectory: '/' } },
  { name: 'a host volume gets no EFS defaults', req: one({}, { volumes: [{ name: 'h', host: { sourcePath: '/srv' } }] }), pick: (td) => td.volumes, want: [{ name: 'h', host: { sourcePath: '/srv' } }] },
];

t.test('buildTaskDefinition fills ECS defaults where absent and keeps what was given', async (t) => {
  for (const c of cases) {
    const before = JSON.stringify(c.req);
    t.same(c.pick(build(c.req)), c.want, c.name);
    t.equal(JSON.stringify(c.req), before, `${c.name}: the request is not modified`);
  }
});

t.test('describedConfiguration: ECS fills the percentages and the circuit breaker', async (t) => {
  const table: [string, Parameters<typeof describedConfiguration>, unknown][] = [
    ['REPLICA, nothing given', [undefined], { deploymentCircuitBreaker: { enable: false, rollback: false, resetOnHealthyTask: true }, maximumPercent: 200, minimumHealthyPercent: 100 }],
    ['DAEMON, nothing given', [undefined, true], { deploymentCircuitBreaker: { enable: false, rollback: false, resetOnHealthyTask: true }, maximumPercent: 100, minimumHealthyPercent: 0 }],
    ['given values stay', [{ maximumPercent: 150, minimumHealthyPercent: 50, deploymentCircuitBreaker: { enable: true, rollback: true, resetOnHealthyTask: false } }],
      { maximumPercent: 150, minimumHealthyPercent: 50, deploymentCircuitBreaker: { enable: true, rollback: true, resetOnHealthyTask: false } }],
  ];
  for (const [name, args, want] of table) {
    const before = JSON.stringify(args[0]);
    t.same(describedConfiguration(...args), want, name);
    t.equal(JSON.stringify(args[0]), before, `${name}: the input is not modified`);
  }
});

t.test('applyMemberDefaults leaves shapes without defaults alone', async (t) => {
  const cluster = { clusterName: 'c' };
  t.same(applyMemberDefaults('Cluster', cluster), { clusterName: 'c' });
  t.equal(applyMemberDefaults('TaskDefinition', undefined), undefined);
});
