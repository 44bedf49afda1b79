// Table tests of the Docker create options the engine builds (pure).
import t from 'tap';
import type { ContainerDefinition } from '@berth/core';
import { INSTANCE_LABEL, dockerContainerName, randHex } from '../src/engine/container-identity.js';
import {
  DEFAULT_SWAPPINESS,
  buildCreateOptions,
  cpuShares,
  devices,
  effectiveContainer,
  memoryBytes,
  mergeEnvironment,
  taskCgroupParent,
  taskCpuShares,
  taskLimits,
  validateTask,
  type SpecInput,
} from '../src/engine/container-spec.js';
import { TaskSpecError } from '../src/engine/task-spec-error.js';
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
  t.throws(() => buildCreateOptions(input([{ name: 'a', portMappings: [{ containerPortRange: '1000-1010' }] }])),
    /Container 'a' uses portMappings\[0\]\.containerPortRange, which Berth does not support/, 'a port range fails the task, never ignored');
});

t.test('init, awsvpc, unknown members', async (t) => {
  t.equal(buildCreateOptions(input([{ name: 'a', linuxParameters: { initProcessEnabled: true } }])).options.HostConfig.Init, true);
  t.notOk('Init' in buildCreateOptions(input([{ name: 'a', linuxParameters: { initProcessEnabled: false } }])).options.HostConfig);
  const aws = input([{ name: 'a' }], {}, { networkMode: 'awsvpc' });
  t.throws(() => buildCreateOptions(aws), /uses networkMode awsvpc, which Berth does not support/);
  try {
    validateTask(aws.task, aws.taskDefinition);
    t.fail('awsvpc must be refused');
  } catch (e) {
    t.match((e as TaskSpecError).reason, /^CannotCreateContainerError: [\w-]+:\d+ uses networkMode awsvpc, which Berth does not support: /);
  }
  // What the server refuses (core's agent-support table) fails the task here too, naming the member: a task
  // placed by an older server is never run without it.
  t.throws(() => buildCreateOptions(input([{ name: 'a', credentialSpecs: ['x'] }])), /Container 'a' uses credentialSpecs, which Berth does not support/);
  const w = buildCreateOptions(input([{ name: 'a', healthCheck: { command: ['CMD', 'true'] }, ulimits: [{ name: 'nofile', softLimit: 1, hardLimit: 1 }], links: [], linuxParameters: { initProcessEnabled: true, sharedMemorySize: 64 } }])).warnings;
  t.same(w, [], 'applied members and empty lists raise no warning');
  const hc = buildCreateOptions(input([{ name: 'a', healthCheck: { command: ['CMD-SHELL', 'exit 0'], interval: 5, retries: 2 } }])).options;
  t.same(hc.Healthcheck, { Test: ['CMD-SHELL', 'exit 0'], Interval: 5e9, Timeout: 5e9, Retries: 2 }, 'healthCheck -> Healthcheck with ECS defaults');
  const l = buildCreateOptions(input([{ name: 'a', links: ['b:db'] }, { name: 'b' }], { dockerNames: { a: 'ecs-a', b: 'ecs-b' } }));
  t.same(l.warnings, [], 'links are applied');
  t.same(l.options.HostConfig.Links, ['ecs-b:db']);
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

// --- container settings -> Docker (ulimits, linuxParameters, security, dns, logging, namespaces) ----------

const hostOf = (cd: Partial<ContainerDefinition>, tdExtra = {}) => buildCreateOptions(input([{ name: 'a', ...cd }], {}, tdExtra));

t.test('absent settings stay unset', async (t) => {
  const { options, warnings } = hostOf({});
  t.same(warnings, []);
  for (const k of ['Ulimits', 'CapAdd', 'CapDrop', 'Devices', 'ShmSize', 'Tmpfs', 'MemorySwap', 'MemorySwappiness', 'Privileged', 'ReadonlyRootfs', 'Dns', 'DnsSearch', 'ExtraHosts', 'SecurityOpt', 'Sysctls', 'LogConfig', 'PidMode', 'IpcMode']) {
    t.notOk(k in options.HostConfig, `HostConfig.${k} unset`);
  }
  for (const k of ['Hostname', 'OpenStdin', 'Tty', 'NetworkDisabled']) t.notOk(k in options, `${k} unset`);
  const empty = hostOf({ ulimits: [], dnsServers: [], dnsSearchDomains: [], extraHosts: [], dockerSecurityOptions: [], systemControls: [], linuxParameters: { capabilities: { add: [], drop: [] }, devices: [], tmpfs: [] } });
  t.same(empty.warnings, []);
  for (const k of ['Ulimits', 'CapAdd', 'CapDrop', 'Devices', 'Tmpfs', 'Dns', 'DnsSearch', 'ExtraHosts', 'SecurityOpt', 'Sysctls']) t.notOk(k in empty.options.HostConfig, `empty ${k} unset`);
});

t.test('ulimits', async (t) => {
  const h = hostOf({ ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 4096 }, { name: 'core', softLimit: 0, hardLimit: 0 }, { name: 'memlock', softLimit: -1, hardLimit: -1 }] }).options.HostConfig;
  t.same(h.Ulimits, [{ Name: 'nofile', Soft: 1024, Hard: 4096 }, { Name: 'core', Soft: 0, Hard: 0 }, { Name: 'memlock', Soft: -1, Hard: -1 }]);
});

t.test('capabilities', async (t) => {
  type Row = [string, { add?: string[]; drop?: string[] }, string[] | undefined, string[] | undefined];
  const cases: Row[] = [
    ['add and drop', { add: ['NET_ADMIN', 'SYS_PTRACE'], drop: ['MKNOD'] }, ['NET_ADMIN', 'SYS_PTRACE'], ['MKNOD']],
    ['add only', { add: ['ALL'] }, ['ALL'], undefined],
    ['drop only', { drop: ['ALL'] }, undefined, ['ALL']],
    ['none', {}, undefined, undefined],
  ];
  for (const [name, caps, add, drop] of cases) {
    const h = hostOf({ linuxParameters: { capabilities: caps } }).options.HostConfig;
    t.same(h.CapAdd, add, `${name}: CapAdd`);
    t.same(h.CapDrop, drop, `${name}: CapDrop`);
  }
});

t.test('devices', async (t) => {
  type Row = [string, NonNullable<NonNullable<ContainerDefinition['linuxParameters']>['devices']>[number], object];
  const cases: Row[] = [
    ['all fields', { hostPath: '/dev/fuse', containerPath: '/dev/f', permissions: ['read', 'write', 'mknod'] }, { PathOnHost: '/dev/fuse', PathInContainer: '/dev/f', CgroupPermissions: 'rwm' }],
    ['container path defaults to host path', { hostPath: '/dev/null', permissions: ['read'] }, { PathOnHost: '/dev/null', PathInContainer: '/dev/null', CgroupPermissions: 'r' }],
    ['order r w m whatever the input order', { hostPath: '/dev/x', permissions: ['mknod', 'read'] }, { PathOnHost: '/dev/x', PathInContainer: '/dev/x', CgroupPermissions: 'rm' }],
    ['write only', { hostPath: '/dev/x', permissions: ['write'] }, { PathOnHost: '/dev/x', PathInContainer: '/dev/x', CgroupPermissions: 'w' }],
    ['no permissions: rwm as docker --device', { hostPath: '/dev/x' }, { PathOnHost: '/dev/x', PathInContainer: '/dev/x', CgroupPermissions: 'rwm' }],
    ['empty permissions: rwm', { hostPath: '/dev/x', permissions: [] }, { PathOnHost: '/dev/x', PathInContainer: '/dev/x', CgroupPermissions: 'rwm' }],
  ];
  for (const [name, d, want] of cases) {
    t.same(hostOf({ linuxParameters: { devices: [d] } }).options.HostConfig.Devices, [want], name);
  }
  t.equal(devices({ name: 'a' }), undefined);
});

t.test('sharedMemorySize and tmpfs', async (t) => {
  const cases: [number | undefined, number | undefined][] = [[undefined, undefined], [0, undefined], [64, 64 * MiB], [1, MiB]];
  for (const [shm, want] of cases) {
    const h = hostOf({ linuxParameters: shm === undefined ? {} : { sharedMemorySize: shm } }).options.HostConfig;
    t.equal(h.ShmSize, want, `sharedMemorySize ${shm}`);
  }
  const h = hostOf({
    linuxParameters: {
      tmpfs: [
        { containerPath: '/run', size: 64 },
        { containerPath: '/tmp', size: 128, mountOptions: ['noexec', 'nosuid', 'mode=1777'] },
        { containerPath: '/scratch', size: 0, mountOptions: ['ro'] },
        { containerPath: '/nosize', size: 0 },
      ],
    },
  }).options.HostConfig;
  t.same(h.Tmpfs, { '/run': 'size=64m', '/tmp': 'size=128m,noexec,nosuid,mode=1777', '/scratch': 'ro', '/nosize': '' });
});

t.test('maxSwap and swappiness', async (t) => {
  type Row = [string, Partial<ContainerDefinition>, number | undefined, number | undefined, RegExp | undefined];
  const cases: Row[] = [
    ['absent: host behaviour', { memory: 128 }, undefined, undefined, undefined],
    ['maxSwap 0: no swap', { memory: 128, linuxParameters: { maxSwap: 0 } }, 128 * MiB, DEFAULT_SWAPPINESS, undefined],
    ['maxSwap + default swappiness 60', { memory: 128, linuxParameters: { maxSwap: 256 } }, 384 * MiB, 60, undefined],
    ['maxSwap + swappiness 0', { memory: 128, linuxParameters: { maxSwap: 256, swappiness: 0 } }, 384 * MiB, 0, undefined],
    ['maxSwap + swappiness 100', { memory: 64, linuxParameters: { maxSwap: 1, swappiness: 100 } }, 65 * MiB, 100, undefined],
    ['swappiness without maxSwap: ignored', { memory: 64, linuxParameters: { swappiness: 10 } }, undefined, undefined, /swappiness needs maxSwap/],
    ['maxSwap without memory: no MemorySwap', { linuxParameters: { maxSwap: 256, swappiness: 5 } }, undefined, 5, /maxSwap needs a container memory limit/],
    ['negative maxSwap', { memory: 64, linuxParameters: { maxSwap: -1 } }, undefined, undefined, /maxSwap -1 is not valid/],
    ['swappiness out of range', { memory: 64, linuxParameters: { maxSwap: 10, swappiness: 101 } }, 74 * MiB, undefined, /swappiness 101 is not valid/],
    ['memory raised to 4 MiB first', { memory: 1, linuxParameters: { maxSwap: 0 } }, 4 * MiB, 60, undefined],
  ];
  for (const [name, cd, swap, swappiness, warn] of cases) {
    const { options, warnings } = hostOf(cd);
    t.equal(options.HostConfig.MemorySwap, swap, `${name}: MemorySwap`);
    t.equal(options.HostConfig.MemorySwappiness, swappiness, `${name}: MemorySwappiness`);
    if (warn) t.match(warnings.join('\n'), warn, `${name}: warning`);
    else t.same(warnings, [], `${name}: no warning`);
  }
});

t.test('privileged, readonly rootfs, security options, interactive, tty, networking', async (t) => {
  for (const v of [true, false]) {
    const { options } = hostOf({ privileged: v, readonlyRootFilesystem: v, interactive: v, pseudoTerminal: v, disableNetworking: v });
    t.equal(options.HostConfig.Privileged, v, `Privileged ${v}`);
    t.equal(options.HostConfig.ReadonlyRootfs, v, `ReadonlyRootfs ${v}`);
    t.equal(options.OpenStdin, v, `OpenStdin ${v}`);
    t.equal(options.Tty, v, `Tty ${v}`);
    t.equal(options.NetworkDisabled, v, `NetworkDisabled ${v}`);
    t.notOk('OpenStdin' in options.HostConfig, 'Config members are not in HostConfig');
  }
  t.same(hostOf({ dockerSecurityOptions: ['no-new-privileges', 'label:type:svirt_apache_t'] }).options.HostConfig.SecurityOpt, ['no-new-privileges', 'label:type:svirt_apache_t']);
});

t.test('hostname, dns, extra hosts, sysctls', async (t) => {
  const { options, warnings } = hostOf({
    hostname: 'web-1',
    dnsServers: ['10.0.0.2', '1.1.1.1'],
    dnsSearchDomains: ['svc.local'],
    extraHosts: [{ hostname: 'db', ipAddress: '10.0.0.5' }, { hostname: 'v6', ipAddress: '::1' }],
    systemControls: [{ namespace: 'net.core.somaxconn', value: '1024' }, { namespace: 'kernel.msgmax', value: '65536' }, { value: 'no-namespace' }, { namespace: 'net.ipv4.ip_forward' }],
  });
  t.same(warnings, []);
  t.equal(options.Hostname, 'web-1');
  t.same(options.HostConfig.Dns, ['10.0.0.2', '1.1.1.1']);
  t.same(options.HostConfig.DnsSearch, ['svc.local']);
  t.same(options.HostConfig.ExtraHosts, ['db:10.0.0.5', 'v6:::1']);
  t.same(options.HostConfig.Sysctls, { 'net.core.somaxconn': '1024', 'kernel.msgmax': '65536', 'net.ipv4.ip_forward': '' });
  const host = hostOf({ hostname: 'web-1' }, { networkMode: 'host' });
  t.notOk('Hostname' in host.options, 'no hostname with host networking');
  t.match(host.warnings.join('\n'), /hostname is not used with the host network mode/);
  t.equal(hostOf({ hostname: 'x' }, { networkMode: 'none' }).options.Hostname, 'x');
  t.notOk('Hostname' in hostOf({ hostname: '' }).options, 'empty hostname: unset');
});

t.test('pidMode and ipcMode', async (t) => {
  type Row = [string, object, string | undefined, string | undefined, RegExp | undefined];
  const cases: Row[] = [
    ['absent', {}, undefined, undefined, undefined],
    ['pid host', { pidMode: 'host' }, 'host', undefined, undefined],
    ['ipc host', { ipcMode: 'host' }, undefined, 'host', undefined],
    ['ipc none', { ipcMode: 'none' }, undefined, 'none', undefined],
    ['both host', { pidMode: 'host', ipcMode: 'host' }, 'host', 'host', undefined],
    ['pid task without a namespace container', { pidMode: 'task' }, undefined, undefined, /pidMode 'task' needs the task's namespace container/],
    ['ipc task without a namespace container', { ipcMode: 'task' }, undefined, undefined, /ipcMode 'task' needs the task's namespace container/],
    ['pid task', { pidMode: 'task', owner: 'pause1' }, 'container:pause1', undefined, undefined],
    ['ipc task', { ipcMode: 'task', owner: 'pause1' }, undefined, 'container:pause1', undefined],
    ['pid task, ipc host', { pidMode: 'task', ipcMode: 'host', owner: 'pause1' }, 'container:pause1', 'host', undefined],
  ];
  for (const [name, row, pid, ipc, warn] of cases) {
    const { owner, ...tdx } = row as { owner?: string };
    const { options, warnings } = owner ? buildCreateOptions(input([{ name: 'a', image: 'x' }], { namespaceOwner: owner }, tdx)) : hostOf({}, tdx);
    t.equal(options.HostConfig.PidMode, pid, `${name}: PidMode`);
    t.equal(options.HostConfig.IpcMode, ipc, `${name}: IpcMode`);
    if (warn) t.match(warnings.join('\n'), warn, `${name}: warning`);
    else t.same(warnings, [], `${name}: no warning`);
  }
});

t.test('logConfiguration', async (t) => {
  type Row = [string, ContainerDefinition['logConfiguration'], object];
  const cases: Row[] = [
    ['json-file with options', { logDriver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } }, { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } }],
    ['json-file without options', { logDriver: 'json-file' }, { Type: 'json-file', Config: {} }],
    ['syslog', { logDriver: 'syslog', options: { tag: 'app' } }, { Type: 'syslog', Config: { tag: 'app' } }],
    ['journald', { logDriver: 'journald' }, { Type: 'journald', Config: {} }],
    ['fluentd', { logDriver: 'fluentd', options: { 'fluentd-address': '127.0.0.1:24224', 'fluentd-async': 'true' } }, { Type: 'fluentd', Config: { 'fluentd-address': '127.0.0.1:24224', 'fluentd-async': 'true' } }],
    ['gelf', { logDriver: 'gelf', options: { 'gelf-address': 'udp://127.0.0.1:12201' } }, { Type: 'gelf', Config: { 'gelf-address': 'udp://127.0.0.1:12201' } }],
    ['splunk', { logDriver: 'splunk', options: { 'splunk-url': 'https://127.0.0.1:8088' } }, { Type: 'splunk', Config: { 'splunk-url': 'https://127.0.0.1:8088' } }],
  ];
  for (const [name, lc, want] of cases) {
    const { options, warnings } = hostOf({ logConfiguration: lc });
    t.same(options.HostConfig.LogConfig, want, `${name}: LogConfig`);
    t.same(warnings, [], `${name}: no warning`);
  }
  // Never Docker's default driver instead: the task fails naming the member.
  const refused: [string, ContainerDefinition['logConfiguration'], RegExp][] = [
    // Without an execution role (or a credentials endpoint) there is nothing to give Docker's driver.
    ['awslogs without its target', { logDriver: 'awslogs', options: { 'awslogs-group': 'g' } }, /^CannotCreateContainerError: container 'a': the awslogs log driver needs the task's execution role/],
    ['awsfirelens without the task\'s router directory', { logDriver: 'awsfirelens', options: { Name: 'file', Path: '/x' } }, /^CannotCreateContainerError: container 'a': FireLens needs the task's log router directory/],
    ['none (not an ECS driver)', { logDriver: 'none' as never }, /logConfiguration.logDriver none, which Berth does not support/],
  ];
  for (const [name, lc, re] of refused) {
    try {
      hostOf({ logConfiguration: lc });
      t.fail(`${name} must be refused`);
    } catch (e) {
      t.ok(e instanceof TaskSpecError, name);
      t.match((e as TaskSpecError).reason, re, name);
      t.notMatch((e as TaskSpecError).reason, /TOPSECRET/, `${name}: secret values are never in the reason`);
    }
  }
});

t.test('awslogs: ECS\'s options become Docker\'s driver\'s, always shipping to Berth with the execution role', async (t) => {
  const awslogs = { awsEndpoint: 'http://10.0.0.1:7421', credentialsPath: '/v2/credentials/exec-id' };
  const target = { 'awslogs-endpoint': 'http://10.0.0.1:7421', 'awslogs-credentials-endpoint': '/v2/credentials/exec-id' };
  type Row = [string, Record<string, string>, Record<string, string>];
  const cases: Row[] = [
    ['a prefix: the stream is PREFIX/CONTAINER/TASK-ID; region, mode and its buffer (ECS agent\'s 10m) default', { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'web' },
      { 'awslogs-region': 'eu-west-1', mode: 'non-blocking', 'max-buffer-size': '10m', 'awslogs-group': '/ecs/web', 'awslogs-stream': 'web/a/abc123', ...target }],
    ['non-blocking given: the buffer still defaults', { 'awslogs-group': 'g', mode: 'non-blocking' },
      { 'awslogs-region': 'eu-west-1', mode: 'non-blocking', 'max-buffer-size': '10m', 'awslogs-group': 'g', ...target }],
    ['no prefix: Docker names the stream', { 'awslogs-group': 'g', 'awslogs-region': 'us-east-1', mode: 'blocking' },
      { 'awslogs-region': 'us-east-1', mode: 'blocking', 'awslogs-group': 'g', ...target }],
    ['ECS\'s other options pass', { 'awslogs-group': 'g', 'awslogs-create-group': 'true', 'awslogs-datetime-format': '%Y', 'awslogs-multiline-pattern': '^x', 'max-buffer-size': '4m' },
      { 'awslogs-region': 'eu-west-1', mode: 'non-blocking', 'max-buffer-size': '4m', 'awslogs-group': 'g', 'awslogs-create-group': 'true', 'awslogs-datetime-format': '%Y', 'awslogs-multiline-pattern': '^x', ...target }],
    ['an endpoint of the definition\'s own is replaced: never AWS', { 'awslogs-group': 'g', 'awslogs-endpoint': 'https://logs.us-east-1.amazonaws.com', 'awslogs-credentials-endpoint': '/elsewhere' },
      { 'awslogs-region': 'eu-west-1', mode: 'non-blocking', 'max-buffer-size': '10m', 'awslogs-group': 'g', ...target }],
  ];
  for (const [name, opts, want] of cases) {
    const { options } = buildCreateOptions(input([{ name: 'a', logConfiguration: { logDriver: 'awslogs', options: opts } }], { region: 'eu-west-1', extra: { awslogs } }));
    t.same(options.HostConfig.LogConfig, { Type: 'awslogs', Config: want }, name);
  }
  // The account's defaultLogDriverMode, where the definition gives no mode.
  const blocking = buildCreateOptions(input([{ name: 'a', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g' } } }], { extra: { awslogs: { ...awslogs, mode: 'blocking' } } }));
  t.equal((blocking.options.HostConfig.LogConfig as { Config: Record<string, string> }).Config.mode, 'blocking', 'the account\'s default mode');
});

t.test('resolved secrets join the environment and the log driver\'s options', async (t) => {
  const cd: ContainerDefinition = { name: 'a', environment: [{ name: 'PLAIN', value: '1' }], logConfiguration: { logDriver: 'splunk', options: { 'splunk-url': 'https://s' }, secretOptions: [{ name: 'splunk-token', valueFrom: 'arn:aws:ssm:us-east-1:0:parameter/t' }] } };
  const { options } = buildCreateOptions(input([cd], { extra: { env: ['DB_PASSWORD=pw'], logOptions: { 'splunk-token': 'tok' } } }));
  t.same(options.Env, ['PLAIN=1', 'DB_PASSWORD=pw']);
  t.same(options.HostConfig.LogConfig, { Type: 'splunk', Config: { 'splunk-url': 'https://s', 'splunk-token': 'tok' } });
});

t.test('container overrides do not drop settings', async (t) => {
  const i = input([{ name: 'app', memory: 64, ulimits: [{ name: 'nofile', softLimit: 10, hardLimit: 20 }], linuxParameters: { maxSwap: 32 } }], {}, {}, { overrides: { containerOverrides: [{ name: 'app', memory: 128 }] } });
  const h = buildCreateOptions(i).options.HostConfig;
  t.equal(h.Memory, 128 * MiB);
  t.equal(h.MemorySwap, 160 * MiB, 'MemorySwap follows the overridden memory');
  t.same(h.Ulimits, [{ Name: 'nofile', Soft: 10, Hard: 20 }]);
});
