// Table tests of the Docker create options the engine builds (pure).
import t from 'tap';
import type { ContainerDefinition } from '@berth/core';
import {
  INSTANCE_LABEL,
  TaskSpecError,
  buildCreateOptions,
  cpuShares,
  dockerContainerName,
  effectiveContainer,
  memoryBytes,
  mergeEnvironment,
  randHex,
  taskCgroupParent,
  taskCpuShares,
  taskLimits,
  validateTask,
  type SpecInput,
} from '../src/engine/container-spec.js';
import { task, taskDef } from './fixtures.js';

const MiB = 1024 * 1024;

function input(cds: ContainerDefinition[], extra: Partial<SpecInput> = {}, tdExtra = {}, taskOpts = {}): SpecInput {
  const td = taskDef('fam', cds, tdExtra);
  return { task: task(td, { id: 'abc123', ...taskOpts }), taskDefinition: td, containerName: cds[0]!.name!, dockerName: 'ecs-fam-1-x-00', cluster: 'prod', instanceId: 'inst-1', ...extra };
}

t.test('docker container name', async (t) => {
  t.match(randHex(), /^[0-9a-f]{20}$/);
  t.not(randHex(), randHex());
  const cases: [string, number, string, string][] = [
    ['web', 3, 'app', 'ecs-web-3-app-0123456789abcdef0123'],
    ['db', 164, 'post_gres.1', 'ecs-db-164-postgres1-0123456789abcdef0123'],
    ['a-b', 1, 'x-y_z', 'ecs-a-b-1-x-yz-0123456789abcdef0123'],
  ];
  for (const [fam, rev, c, want] of cases) t.equal(dockerContainerName(fam, rev, c, '0123456789abcdef0123'), want);
  t.match(dockerContainerName('f', 1, 'c'), /^ecs-f-1-c-[0-9a-f]{20}$/);
});

t.test('labels: dockerLabels first, ECS labels and the instance label win', async (t) => {
  const i = input([{ name: 'app', dockerLabels: { mine: 'yes', 'com.amazonaws.ecs.cluster': 'spoofed', [INSTANCE_LABEL]: 'spoofed' } }]);
  const { options } = buildCreateOptions(i);
  t.same(options.Labels, {
    mine: 'yes',
    'com.amazonaws.ecs.task-arn': i.task.taskArn,
    'com.amazonaws.ecs.container-name': 'app',
    'com.amazonaws.ecs.task-definition-family': 'fam',
    'com.amazonaws.ecs.task-definition-version': '1',
    'com.amazonaws.ecs.cluster': 'prod',
    [INSTANCE_LABEL]: 'inst-1',
  });
  t.equal(options.name, 'ecs-fam-1-x-00');
  t.equal(options.Image, 'berth-test/busybox:latest');
});

t.test('cpu shares clamp to [2, 262144], 2 when absent or 0', async (t) => {
  const cases: [number | undefined, number][] = [[undefined, 2], [0, 2], [1, 2], [2, 2], [128, 128], [1024, 1024], [262144, 262144], [300000, 262144], [-5, 2]];
  for (const [cpu, want] of cases) t.equal(cpuShares(cpu), want, `cpu ${cpu}`);
});

t.test('memory MiB to bytes, at least 4 MiB, absent when 0', async (t) => {
  const cases: [number | undefined, number | undefined][] = [[undefined, undefined], [0, undefined], [1, 4 * MiB], [4, 4 * MiB], [6, 6 * MiB], [512, 512 * MiB]];
  for (const [m, want] of cases) t.equal(memoryBytes(m), want, `memory ${m}`);
  const { options } = buildCreateOptions(input([{ name: 'a', memory: 64, memoryReservation: 2, cpu: 300 }]));
  t.equal(options.HostConfig.Memory, 64 * MiB);
  t.equal(options.HostConfig.MemoryReservation, 4 * MiB);
  t.equal(options.HostConfig.CpuShares, 300);
  const none = buildCreateOptions(input([{ name: 'a' }])).options.HostConfig;
  t.notOk('Memory' in none);
  t.notOk('MemoryReservation' in none);
  t.equal(none.CpuShares, 2);
});

t.test('command, entryPoint, env, workdir, user with containerOverrides', async (t) => {
  t.same(mergeEnvironment([{ name: 'A', value: '1' }, { name: 'B', value: '2' }], [{ name: 'B', value: 'x' }, { name: 'C', value: '3' }]), [
    { name: 'A', value: '1' },
    { name: 'B', value: 'x' },
    { name: 'C', value: '3' },
  ]);
  const cd: ContainerDefinition = { name: 'app', command: ['/bin/a'], entryPoint: ['/bin/sh', '-c'], environment: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], workingDirectory: '/srv', user: '1000:1000', cpu: 10, memory: 10, memoryReservation: 8 };
  const e = effectiveContainer(cd, { name: 'app', command: ['/bin/b', 'x'], environment: [{ name: 'B', value: 'over' }], cpu: 20, memory: 30, memoryReservation: 9 });
  t.same(e.command, ['/bin/b', 'x']);
  t.equal(e.cpu, 20);
  t.equal(e.memory, 30);
  t.equal(e.memoryReservation, 9);
  t.same(cd.command, ['/bin/a'], 'the definition is not modified');

  const i = input([cd], { region: 'eu-west-1' }, {}, { overrides: { containerOverrides: [{ name: 'app', command: ['/bin/b'], environment: [{ name: 'C', value: '3' }], memory: 40 }, { name: 'other', command: ['/nope'] }] } });
  const { options } = buildCreateOptions(i);
  t.same(options.Cmd, ['/bin/b']);
  t.same(options.Entrypoint, ['/bin/sh', '-c']);
  t.same(options.Env, ['A=1', 'B=2', 'C=3', 'AWS_REGION=eu-west-1', 'AWS_DEFAULT_REGION=eu-west-1']);
  t.equal(options.WorkingDir, '/srv');
  t.equal(options.User, '1000:1000');
  t.equal(options.HostConfig.Memory, 40 * MiB);

  const own = buildCreateOptions(input([{ name: 'a', environment: [{ name: 'AWS_REGION', value: 'mine' }] }], { region: 'eu-west-1' })).options;
  t.same(own.Env, ['AWS_REGION=mine', 'AWS_DEFAULT_REGION=eu-west-1'], 'a region the definition sets is kept');
  const noRegion = buildCreateOptions(input([{ name: 'a' }])).options;
  t.notOk(noRegion.Env, 'no region option: nothing injected');
  t.notOk(noRegion.Cmd);
});

t.test('ports by network mode', async (t) => {
  const pms: ContainerDefinition['portMappings'] = [
    { containerPort: 80, hostPort: 8080 },
    { containerPort: 81, hostPort: 0 },
    { containerPort: 82 },
    { containerPort: 53, hostPort: 5353, protocol: 'udp' },
    { containerPort: 80, hostPort: 8081, protocol: 'tcp' },
  ];
  const bridge = buildCreateOptions(input([{ name: 'a', portMappings: pms }], { hostIp: '127.0.0.1' })).options;
  t.equal(bridge.HostConfig.NetworkMode, 'bridge');
  t.same(bridge.ExposedPorts, { '80/tcp': {}, '81/tcp': {}, '82/tcp': {}, '53/udp': {} });
  t.same(bridge.HostConfig.PortBindings, {
    '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }, { HostIp: '127.0.0.1', HostPort: '8081' }],
    '81/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    '82/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
  });
  const dflt = buildCreateOptions(input([{ name: 'a', portMappings: [{ containerPort: 80 }] }])).options;
  t.same(dflt.HostConfig.PortBindings, { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '' }] }, 'default host ip 0.0.0.0 as ECS');
  const host = buildCreateOptions(input([{ name: 'a', portMappings: pms }], {}, { networkMode: 'host' })).options;
  t.equal(host.HostConfig.NetworkMode, 'host');
  t.notOk(host.HostConfig.PortBindings, 'host mode publishes nothing');
  t.ok(host.ExposedPorts);
  const none = buildCreateOptions(input([{ name: 'a', portMappings: pms }], {}, { networkMode: 'none' })).options;
  t.equal(none.HostConfig.NetworkMode, 'none');
  t.notOk(none.HostConfig.PortBindings);
  t.notOk(none.ExposedPorts);
  const range = buildCreateOptions(input([{ name: 'a', portMappings: [{ containerPortRange: '1000-1010' }] }]));
  t.match(range.warnings.join('\n'), /containerPortRange 1000-1010/);
  t.notOk(range.options.HostConfig.PortBindings);
});

t.test('init, awsvpc, unknown members', async (t) => {
  t.equal(buildCreateOptions(input([{ name: 'a', linuxParameters: { initProcessEnabled: true } }])).options.HostConfig.Init, true);
  t.notOk('Init' in buildCreateOptions(input([{ name: 'a', linuxParameters: { initProcessEnabled: false } }])).options.HostConfig);
  const aws = input([{ name: 'a' }], {}, { networkMode: 'awsvpc' });
  t.throws(() => buildCreateOptions(aws), /network mode 'awsvpc' is not supported/);
  try {
    validateTask(aws.task, aws.taskDefinition);
    t.fail('awsvpc must be refused');
  } catch (e) {
    t.match((e as TaskSpecError).reason, /^CannotCreateContainerError: network mode 'awsvpc'/);
  }
  const w = buildCreateOptions(input([{ name: 'a', healthCheck: { command: ['CMD', 'true'] }, ulimits: [{ name: 'nofile', softLimit: 1, hardLimit: 1 }], links: [], linuxParameters: { initProcessEnabled: true, sharedMemorySize: 64 } }])).warnings;
  t.equal(w.length, 1);
  t.match(w[0], /healthCheck, ulimits, linuxParameters\.sharedMemorySize/);
  t.notMatch(w[0], /links/, 'empty lists are not reported');
});

t.test('task-level limits and cgroup parent', async (t) => {
  type Row = [string, { cpu?: string; memory?: string }, { cpu?: string; memory?: string } | undefined, { cpuUnits?: number; memoryMiB?: number }];
  const cases: Row[] = [
    ['none', {}, undefined, {}],
    ['cpu units', { cpu: '256' }, undefined, { cpuUnits: 256 }],
    ['vCPU', { cpu: '0.5 vCPU', memory: '1 GB' }, undefined, { cpuUnits: 512, memoryMiB: 1024 }],
    ['override wins', { cpu: '256', memory: '512' }, { memory: '128' }, { cpuUnits: 256, memoryMiB: 128 }],
  ];
  for (const [name, tdx, ov, want] of cases) {
    const td = taskDef('fam', [{ name: 'a' }], tdx);
    const tk = task(td, { id: 'tid1', overrides: ov ? { ...ov, containerOverrides: [] } : undefined, cpu: undefined, memory: undefined });
    delete tk.cpu;
    delete tk.memory;
    t.same(taskLimits(tk, td), want, name);
    t.equal(taskCgroupParent(tk, td), Object.keys(want).length ? '/ecs/tid1' : undefined, `${name}: cgroup parent`);
  }
  const i = input([{ name: 'a' }], { cgroupParent: '/ecs/abc123' });
  t.equal(buildCreateOptions(i).options.HostConfig.CgroupParent, '/ecs/abc123');
  t.notOk('CgroupParent' in buildCreateOptions(input([{ name: 'a' }])).options.HostConfig);
  const td = taskDef('fam', [{ name: 'a', cpu: 100 }, { name: 'b' }, { name: 'c', cpu: 4 }], { memory: '64' });
  t.equal(taskCpuShares(task(td), td), 106);
  const big = taskDef('fam', [{ name: 'a', memory: 128 }], { memory: '64' });
  t.throws(() => validateTask(task(big), big), /memory 128 MiB exceeds the task memory 64 MiB/);
  t.doesNotThrow(() => validateTask(task(td), td));
});
