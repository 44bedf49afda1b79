// Task volumes against the real dockerd: a shared Docker volume seen by two tasks and kept, a shared volume
// that must exist, a host path bound read-only, task-scoped volumes (no sourcePath, and
// dockerVolumeConfiguration) made for the task and removed at cleanup, volumesFrom, and a restarted agent
// that neither makes a volume twice nor forgets to remove it. Only this file's instances, volumes and dirs
// are touched, and all are removed in teardown.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { IMAGE, batch, task, taskDef, uniq } from './fixtures.js';
import { BB, Resources, assign, byName, docker, out, readOut, record, rt, script, stopAndClean, volumeExists } from './engine-harness.js';

const res = new Resources();
t.teardown(() => res.teardown());

t.before(async () => {
  if (!(await rt.imageExists(IMAGE))) throw new Error(`${IMAGE} is missing (bash deploy/deps.sh imports it)`);
});

t.test('a shared Docker volume seen by two tasks, autoprovisioned once and kept after cleanup', async (t) => {
  const h = await res.open(res.newInstance());
  const shared = uniq('berth-test-shared');
  res.volumes.push(shared);
  const outDir = res.hostDir();
  const volumes = [
    { name: shared, dockerVolumeConfiguration: { scope: 'shared' as const, autoprovision: true, driver: 'local', labels: { 'berth.test': 'shared' } } },
    { name: 'out', host: { sourcePath: outDir } },
  ];
  const mounts = [{ sourceVolume: shared, containerPath: '/shared' }, { sourceVolume: 'out', containerPath: '/out' }];
  const writer = taskDef(uniq('writer'), [{ name: 'w', command: script(`echo from-writer > /shared/msg; ${out('writer', 'echo ok')}`), mountPoints: mounts }], { volumes });
  const reader = taskDef(uniq('reader'), [{ name: 'r', command: script(`while [ ! -f /shared/msg ]; do sleep 0.1; done; ${out('reader', 'cat /shared/msg')}`), mountPoints: mounts }], { volumes });
  const tw = task(writer);
  const tr = task(reader);
  h.engine.applyAssignments(batch([assign(tw, writer), assign(tr, reader)]));
  await h.reports.status(tw.taskArn!, 'RUNNING');
  await h.reports.status(tr.taskArn!, 'RUNNING');
  t.equal((await readOut(outDir, 'reader')).trim(), 'from-writer', 'the second task reads what the first wrote');
  const v = await rt.inspectVolume(shared);
  t.equal(v.driver, 'local');
  t.same(v.labels, { 'berth.test': 'shared' }, 'labels from the definition');
  const rw = record(h, tw.taskArn!);
  t.match(rw.volumes?.find((x) => x.name === shared), { source: shared, scope: 'shared', autoprovision: true });
  const rr = record(h, tr.taskArn!);
  t.same(rr.volumes?.find((x) => x.name === shared)?.source, shared, 'both tasks use the volume named as in the definition');
  const wi = await docker.getContainer(byName(h.reports.of(tw.taskArn!).at(-1)!.containers, 'w').runtimeId!).inspect();
  t.same(wi.HostConfig.Binds, [`${shared}:/shared`, `${outDir}:/out`]);

  await stopAndClean(h, tw, writer);
  await stopAndClean(h, tr, reader);
  t.ok(await volumeExists(shared), 'a shared volume stays after both tasks are cleaned up');
});

t.test('a shared volume without autoprovision must exist; with full matching it must match', async (t) => {
  const h = await res.open(res.newInstance(), { sharedVolumeMatchFullConfig: true });
  const missing = uniq('berth-test-missing');
  const td = taskDef(uniq('noauto'), [{ name: 'a', command: script('true'), mountPoints: [{ sourceVolume: missing, containerPath: '/m' }] }], {
    volumes: [{ name: missing, dockerVolumeConfiguration: { scope: 'shared', autoprovision: false } }],
  });
  const tk = task(td);
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const stopped = await h.reports.status(tk.taskArn!, 'STOPPED');
  t.match(stopped.reason, /^ResourceInitializationError: volume '.*': volume '.*' does not exist and autoprovision is false/);
  t.notOk(byName(stopped.containers, 'a').runtimeId, 'no container was created');
  t.notOk(await volumeExists(missing), 'nothing was made');

  const other = uniq('berth-test-other');
  res.volumes.push(other);
  await rt.createVolume({ Name: other, Labels: { made: 'by-hand' } });
  const td2 = taskDef(uniq('mismatch'), [{ name: 'a', command: script('true'), mountPoints: [{ sourceVolume: other, containerPath: '/m' }] }], {
    volumes: [{ name: other, dockerVolumeConfiguration: { scope: 'shared', autoprovision: true, labels: { made: 'by-ecs' } } }],
  });
  const tk2 = task(td2);
  h.engine.applyAssignments(batch([assign(tk2, td2)]));
  const s2 = await h.reports.status(tk2.taskArn!, 'STOPPED');
  t.match(s2.reason, /does not match the task definition: labels are/);
  t.same((await rt.inspectVolume(other)).labels, { made: 'by-hand' }, 'the existing volume is left as it was');
});

t.test('host sourcePath bound read-only, and writable', async (t) => {
  const h = await res.open(res.newInstance());
  const ro = res.hostDir();
  writeFileSync(path.join(ro, 'in.txt'), 'from-the-host\n');
  const outDir = res.hostDir();
  const td = taskDef(uniq('hostvol'), [{
    name: 'a',
    command: script(`${out('read', 'cat /ro/in.txt')}; ${out('write', 'echo x > /ro/new.txt && echo writable || echo refused')}`),
    mountPoints: [{ sourceVolume: 'ro', containerPath: '/ro', readOnly: true }, { sourceVolume: 'out', containerPath: '/out', readOnly: false }],
  }], { volumes: [{ name: 'ro', host: { sourcePath: ro } }, { name: 'out', host: { sourcePath: outDir } }] });
  const tk = task(td);
  h.engine.applyAssignments(batch([assign(tk, td)]));
  await h.reports.status(tk.taskArn!, 'RUNNING');
  t.equal((await readOut(outDir, 'read')).trim(), 'from-the-host');
  t.match(await readOut(outDir, 'write'), /Read-only file system[\s\S]*refused/, 'a read-only mount refuses writes');
  const id = byName(h.reports.of(tk.taskArn!).at(-1)!.containers, 'a').runtimeId!;
  const info = await docker.getContainer(id).inspect();
  t.same(info.HostConfig.Binds, [`${ro}:/ro:ro`, `${outDir}:/out`]);
  await stopAndClean(h, tk, td);
  t.equal(readFileSync(path.join(ro, 'in.txt'), 'utf8'), 'from-the-host\n', 'host files stay');
});

t.test('task-scoped volumes (no sourcePath, dockerVolumeConfiguration task) and volumesFrom; removed at cleanup', async (t) => {
  const h = await res.open(res.newInstance());
  const outDir = res.hostDir();
  const family = uniq('taskvol');
  const td = taskDef(family, [
    // Defined first, but needs producer's volumes: it is created after producer (ECS's implicit order).
    { name: 'consumer', command: script(`while [ ! -f /scratch/made ]; do sleep 0.1; done; ${out('consumer', 'cat /scratch/made /cfg/made; echo x > /scratch/no && echo writable || echo refused')}`), volumesFrom: [{ sourceContainer: 'producer', readOnly: true }], mountPoints: [{ sourceVolume: 'out', containerPath: '/out' }] },
    { name: 'producer', command: script('echo scratch > /scratch/made; echo cfg > /cfg/made'), mountPoints: [{ sourceVolume: 'scratch', containerPath: '/scratch' }, { sourceVolume: 'cfg', containerPath: '/cfg' }] },
  ], {
    volumes: [
      { name: 'scratch', host: {} },
      { name: 'cfg', dockerVolumeConfiguration: { scope: 'task', driver: 'local', labels: { 'berth.test': 'task' } } },
      { name: 'out', host: { sourcePath: outDir } },
    ],
  });
  const tk = task(td);
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const running = await h.reports.status(tk.taskArn!, 'RUNNING');
  t.match(await readOut(outDir, 'consumer'), /^scratch\ncfg\n[\s\S]*refused/, 'volumesFrom gives the producer\'s volumes, read-only');
  const rec = record(h, tk.taskArn!);
  const names = Object.fromEntries((rec.volumes ?? []).map((v) => [v.name, v.source]));
  t.match(names.scratch, new RegExp(`^ecs-${family}-1-scratch-[0-9a-f]{20}$`), 'a host volume without sourcePath is a task volume');
  t.match(names.cfg, new RegExp(`^ecs-${family}-1-cfg-[0-9a-f]{20}$`));
  t.equal(names.out, outDir);
  t.ok(rec.volumes?.filter((v) => v.type === 'docker').every((v) => v.created), 'created is recorded');
  t.same((await rt.inspectVolume(names.cfg!)).labels, { 'berth.test': 'task' });
  const consumer = await docker.getContainer(byName(running.containers, 'consumer').runtimeId!).inspect();
  const producer = await docker.getContainer(byName(running.containers, 'producer').runtimeId!).inspect();
  t.same(consumer.HostConfig.VolumesFrom, [`${producer.Name.slice(1)}:ro`]);
  t.ok(Date.parse(producer.Created) < Date.parse(consumer.Created), 'the volumesFrom source is created first');

  await stopAndClean(h, tk, td);
  t.notOk(await volumeExists(names.scratch!), 'the no-sourcePath volume is removed at cleanup');
  t.notOk(await volumeExists(names.cfg!), 'the task-scoped Docker volume is removed at cleanup');
});

t.test('a restarted agent keeps the task volume it made and removes it at cleanup', async (t) => {
  const where = res.newInstance();
  const a = await res.open(where);
  const family = uniq('restartvol');
  const td = taskDef(family, [{ name: 'a', command: script('echo hi > /v/f'), mountPoints: [{ sourceVolume: 'v', containerPath: '/v' }] }], { volumes: [{ name: 'v', host: {} }] });
  const tk = task(td);
  a.engine.applyAssignments(batch([assign(tk, td)]));
  await a.reports.status(tk.taskArn!, 'RUNNING');
  const name = record(a, tk.taskArn!).volumes![0]!.source;
  await a.engine.close();

  const b = await res.open(where);
  await new Promise((r) => setTimeout(r, 500));
  const all = (await docker.listVolumes()).Volumes.map((v) => v.Name).filter((n) => n.startsWith(`ecs-${family}-`));
  t.same(all, [name], 'one volume for the task, not a second one');
  b.engine.applyAssignments(batch([assign(tk, td)]));
  await stopAndClean(b, tk, td);
  t.notOk(await volumeExists(name), 'removed by the restarted agent');
});
