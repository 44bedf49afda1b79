// Container settings (ulimits, linuxParameters, dns, sysctls, logging, ...) as the builder maps them, against the
// real dockerd: one container is created from buildCreateOptions' output and its inspected HostConfig is checked.
// The container has a unique name and instance label; only it is touched, and it is removed in teardown.
import t from 'tap';
import Docker from 'dockerode';
import type { ContainerDefinition } from '@berth/core';
import { INSTANCE_LABEL } from '../src/engine/container-identity.js';
import { buildCreateOptions, type SpecInput } from '../src/engine/container-spec.js';
import { task, taskDef, uniq } from './fixtures.js';

const docker = new Docker();
const MiB = 1024 * 1024;
const created: string[] = [];

t.teardown(async () => {
  for (const id of created) await docker.getContainer(id).remove({ force: true, v: true }).catch(() => undefined);
});

const noCapPrefix = (a: string[] | null | undefined) => (a ?? []).map((c) => c.replace(/^CAP_/, ''));

t.test('settings reach the created container', async (t) => {
  const instanceId = uniq('berth-test-settings');
  const cd: ContainerDefinition = {
    name: 'app',
    image: 'berth-test/busybox:latest',
    command: ['/bin/sleep', '30'],
    memory: 64,
    dockerLabels: { 'berth-test': 'container-settings' },
    ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 2048 }],
    linuxParameters: {
      capabilities: { add: ['NET_ADMIN'], drop: ['MKNOD'] },
      tmpfs: [{ containerPath: '/scratch', size: 16, mountOptions: ['noexec'] }],
      sharedMemorySize: 32,
      maxSwap: 32,
      swappiness: 10,
    },
    readonlyRootFilesystem: true,
    dnsServers: ['10.0.0.2'],
    extraHosts: [{ hostname: 'db', ipAddress: '10.0.0.5' }],
    systemControls: [{ namespace: 'net.core.somaxconn', value: '1024' }],
    logConfiguration: { logDriver: 'json-file', options: { 'max-size': '10m' } },
  };
  const td = taskDef('settings', [cd]);
  const input: SpecInput = { task: task(td), taskDefinition: td, containerName: 'app', dockerName: uniq('berth-test-settings'), cluster: 'test', instanceId };
  const { options, warnings } = buildCreateOptions(input);
  t.same(warnings, [], 'everything is applied');
  t.equal(options.Labels[INSTANCE_LABEL], instanceId);

  const c = await docker.createContainer(options as Docker.ContainerCreateOptions);
  created.push(c.id);
  const info = await c.inspect();
  t.equal(info.Name, `/${input.dockerName}`);
  t.equal(info.Config.Labels['berth-test'], 'container-settings');
  const h = info.HostConfig as Docker.HostConfig & Record<string, unknown>;
  t.same(h.Ulimits, [{ Name: 'nofile', Soft: 1024, Hard: 2048 }], 'Ulimits');
  t.same(noCapPrefix(h.CapAdd), ['NET_ADMIN'], 'CapAdd');
  t.same(noCapPrefix(h.CapDrop), ['MKNOD'], 'CapDrop');
  t.same(h.Tmpfs, { '/scratch': 'size=16m,noexec' }, 'Tmpfs');
  t.equal(h.ShmSize, 32 * MiB, 'ShmSize');
  t.equal(h.Memory, 64 * MiB, 'Memory');
  t.equal(h.MemorySwap, 96 * MiB, 'MemorySwap = Memory + maxSwap');
  t.equal(h.MemorySwappiness, 10, 'MemorySwappiness');
  t.equal(h.ReadonlyRootfs, true, 'ReadonlyRootfs');
  t.same(h.Dns, ['10.0.0.2'], 'Dns');
  t.same(h.ExtraHosts, ['db:10.0.0.5'], 'ExtraHosts');
  t.same(h.Sysctls, { 'net.core.somaxconn': '1024' }, 'Sysctls');
  t.same(h.LogConfig, { Type: 'json-file', Config: { 'max-size': '10m' } }, 'LogConfig');

  // Some settings (sysctls, read-only rootfs with a tmpfs, swap) are only checked by the runtime at start.
  await c.start();
  const started = await c.inspect();
  t.equal(started.State.Running, true, 'the container starts with these settings');
  t.equal(started.State.Error, '', 'no start error');
});
