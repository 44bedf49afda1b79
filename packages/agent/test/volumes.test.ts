// Table tests of the task volume plan and the container mounts (pure).
import t from 'tap';
import type { TaskDefinition, Volume } from '@berth/core';
import { buildCreateOptions } from '../src/engine/container-spec.js';
import { planVolumes, volumeAction, volumeSpec, type VolumeRecord } from '../src/engine/volumes.js';
import { task, taskDef } from './fixtures.js';

const hexes = () => {
  let n = 0;
  return () => `h${++n}`;
};
const defWith = (volumes: Volume[], mounts: string[] = volumes.map((v) => v.name!)): TaskDefinition =>
  taskDef('fam', [{ name: 'app', mountPoints: mounts.map((m) => ({ sourceVolume: m, containerPath: `/${m}` })) }], { revision: 7, volumes });

t.test('planVolumes: names, scopes and drivers as the ECS agent chooses them', async (t) => {
  const cases: [string, Volume, VolumeRecord | undefined][] = [
    ['host path', { name: 'h', host: { sourcePath: '/srv/data' } }, { name: 'h', type: 'host', source: '/srv/data' }],
    ['host without sourcePath: a task local volume', { name: 'e', host: {} }, { name: 'e', type: 'docker', source: 'ecs-fam-7-e-h1', scope: 'task', driver: 'local' }],
    ['name only: a task local volume', { name: 'n' }, { name: 'n', type: 'docker', source: 'ecs-fam-7-n-h1', scope: 'task', driver: 'local' }],
    ['docker, default scope task', { name: 'd', dockerVolumeConfiguration: {} }, { name: 'd', type: 'docker', source: 'ecs-fam-7-d-h1', scope: 'task', driver: 'local' }],
    ['docker task with driver, opts, labels', { name: 'd', dockerVolumeConfiguration: { scope: 'task', driver: 'local', driverOpts: { type: 'tmpfs', device: 'tmpfs' }, labels: { a: 'b' } } },
      { name: 'd', type: 'docker', source: 'ecs-fam-7-d-h1', scope: 'task', driver: 'local', driverOpts: { type: 'tmpfs', device: 'tmpfs' }, labels: { a: 'b' } }],
    ['docker shared: named as the volume', { name: 's', dockerVolumeConfiguration: { scope: 'shared', autoprovision: true } }, { name: 's', type: 'docker', source: 's', scope: 'shared', driver: 'local', autoprovision: true }],
    ['docker shared, autoprovision absent', { name: 's', dockerVolumeConfiguration: { scope: 'shared', driver: 'rexray' } }, { name: 's', type: 'docker', source: 's', scope: 'shared', driver: 'rexray', autoprovision: false }],
  ];
  for (const [name, v, want] of cases) t.same(planVolumes(defWith([v]), hexes()), want ? [want] : [], name);
  t.same(planVolumes(defWith([{ name: 'unused', host: {} }], []), hexes()), [], 'an empty host volume nobody mounts is not made');
  t.equal(planVolumes(defWith([{ name: 'unused', dockerVolumeConfiguration: {} }], []), hexes()).length, 1, 'a Docker volume is made even unmounted (as ECS)');
  t.throws(() => planVolumes(defWith([{ name: 'x', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }]), hexes()), { name: 'ResourceInitializationError' });
});

t.test('volumeAction: task volumes are created; shared ones reused, autoprovisioned or failed', async (t) => {
  const shared = (extra: Partial<VolumeRecord> = {}): VolumeRecord => ({ name: 's', type: 'docker', source: 's', scope: 'shared', driver: 'local', ...extra });
  const have = (extra = {}) => ({ name: 's', driver: 'local', options: {}, labels: {}, ...extra });
  const cases: [string, VolumeRecord, ReturnType<typeof have> | undefined, boolean, string | RegExp][] = [
    ['host', { name: 'h', type: 'host', source: '/x' }, undefined, false, 'none'],
    ['task scope', { name: 't', type: 'docker', source: 'ecs-x', scope: 'task', driver: 'local' }, undefined, false, 'create'],
    ['shared missing, autoprovision', shared({ autoprovision: true }), undefined, false, 'create'],
    ['shared missing, no autoprovision', shared({ autoprovision: false }), undefined, false, /does not exist and autoprovision is false/],
    ['shared exists', shared({ autoprovision: true }), have(), false, 'none'],
    ['shared differs, name match only (default)', shared({ labels: { a: '1' } }), have({ driver: 'other' }), false, 'none'],
    ['shared same, full match', shared({ labels: { a: '1' }, driverOpts: { o: 'x' } }), have({ labels: { a: '1' }, options: { o: 'x' } }), true, 'none'],
    ['shared driver differs, full match', shared(), have({ driver: 'other' }), true, /driver is other, expected local/],
    ['shared labels differ, full match', shared({ labels: { a: '1' } }), have({ labels: { a: '2' } }), true, /labels are/],
    ['shared options differ, full match', shared({ driverOpts: { o: 'x' } }), have(), true, /driverOpts are/],
  ];
  for (const [name, v, existing, full, want] of cases) {
    const a = volumeAction(v, existing, full);
    if (typeof want === 'string') t.equal(a.kind, want, name);
    else {
      t.equal(a.kind, 'fail', name);
      t.match((a as { reason: string }).reason, want, name);
    }
  }
});

t.test('volumeSpec: Binds and VolumesFrom with readOnly', async (t) => {
  const vols: VolumeRecord[] = [
    { name: 'h', type: 'host', source: '/srv' },
    { name: 'd', type: 'docker', source: 'ecs-fam-7-d-h1', scope: 'task' },
  ];
  const spec = volumeSpec(
    {
      name: 'app',
      mountPoints: [{ sourceVolume: 'h', containerPath: '/data', readOnly: true }, { sourceVolume: 'd', containerPath: '/scratch', readOnly: false }, { sourceVolume: 'd', containerPath: '/again' }],
      volumesFrom: [{ sourceContainer: 'src' }, { sourceContainer: 'src2', readOnly: true }],
    },
    vols,
    { src: 'ecs-fam-7-src-1', src2: 'ecs-fam-7-src2-2' },
  );
  t.same(spec, { Binds: ['/srv:/data:ro', 'ecs-fam-7-d-h1:/scratch', 'ecs-fam-7-d-h1:/again'], VolumesFrom: ['ecs-fam-7-src-1', 'ecs-fam-7-src2-2:ro'] });
  t.same(volumeSpec({ name: 'x' }, vols, {}), {}, 'nothing mounted: nothing set');
  t.throws(() => volumeSpec({ name: 'x', mountPoints: [{ sourceVolume: 'nope', containerPath: '/n' }] }, vols, {}), { name: 'CannotCreateContainerError' });
  t.throws(() => volumeSpec({ name: 'x', volumesFrom: [{ sourceContainer: 'nope' }] }, vols, {}), { name: 'CannotCreateContainerError' });

  const td = defWith([{ name: 'h', host: { sourcePath: '/srv' } }]);
  const built = buildCreateOptions({ task: task(td), taskDefinition: td, containerName: 'app', dockerName: 'n', cluster: 'c', instanceId: 'i', volumes: planVolumes(td, hexes()) });
  t.same(built.options.HostConfig.Binds, ['/srv:/h']);
  t.same(built.warnings, [], 'mountPoints are applied');
});
