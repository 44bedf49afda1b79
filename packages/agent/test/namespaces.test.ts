// Table tests of links, start order and the namespace pause container (pure), and of the tar it is built from.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { dockerLinks, startOrder } from '../src/engine/links.js';
import { PAUSE_CONTAINER_NAME, isStaticElf, needsPause, pauseCreateOptions, pauseDockerName, tarOf } from '../src/engine/namespaces.js';
import { task, taskDef } from './fixtures.js';

t.test('links: docker name of the target, alias defaulting to its name', async (t) => {
  const names = { db: 'ecs-f-1-db-aa', cache: 'ecs-f-1-cache-bb' };
  t.same(dockerLinks({ name: 'web', links: ['db:database', 'cache'] }, names), ['ecs-f-1-db-aa:database', 'ecs-f-1-cache-bb:cache']);
  t.equal(dockerLinks({ name: 'web' }, names), undefined);
  t.throws(() => dockerLinks({ name: 'web', links: ['nope'] }, names), { name: 'CannotCreateContainerError' });
});

t.test('start order: link targets and volumesFrom sources first, else definition order', async (t) => {
  const cases: [string, Parameters<typeof taskDef>[1], string[] | RegExp][] = [
    ['plain', [{ name: 'a' }, { name: 'b' }, { name: 'c' }], ['a', 'b', 'c']],
    ['link to a later one', [{ name: 'web', links: ['db:d'] }, { name: 'db' }], ['db', 'web']],
    ['volumesFrom a later one', [{ name: 'a', volumesFrom: [{ sourceContainer: 'c' }] }, { name: 'b' }, { name: 'c' }], ['c', 'a', 'b']],
    ['chain', [{ name: 'a', links: ['b'] }, { name: 'b', volumesFrom: [{ sourceContainer: 'c' }] }, { name: 'c' }], ['c', 'b', 'a']],
    ['cycle', [{ name: 'a', links: ['b'] }, { name: 'b', links: ['a'] }], /circular container dependencies \(links, volumesFrom\): a -> b -> a/],
  ];
  for (const [name, cds, want] of cases) {
    const td = taskDef('f', cds);
    if (Array.isArray(want)) t.same(startOrder(td), want, name);
    else t.throws(() => startOrder(td), want, name);
  }
});

t.test('pause container: needed for task pid/ipc, labelled, shareable IPC, no network', async (t) => {
  t.equal(needsPause(taskDef('f', [{ name: 'a' }])), false);
  t.equal(needsPause(taskDef('f', [{ name: 'a' }], { pidMode: 'host', ipcMode: 'host' })), false);
  t.equal(needsPause(taskDef('f', [{ name: 'a' }], { pidMode: 'task' })), true);
  t.equal(needsPause(taskDef('f', [{ name: 'a' }], { ipcMode: 'task' })), true);
  const td = taskDef('fam', [{ name: 'a' }], { ipcMode: 'task', revision: 4 });
  t.equal(pauseDockerName(td, '0'.repeat(20)), `ecs-fam-4-internalecspausenamespace-${'0'.repeat(20)}`);
  const tk = task(td);
  const o = pauseCreateOptions({ task: tk, taskDefinition: td, dockerName: 'p', image: 'img', cluster: 'c', instanceId: 'i', cgroupParent: '/ecs/x' });
  t.match(o, { name: 'p', Image: 'img', HostConfig: { NetworkMode: 'none', IpcMode: 'shareable', Init: true, CgroupParent: '/ecs/x' } });
  t.notOk('Cmd' in o, 'the image says what runs');
  t.equal(o.Labels['com.amazonaws.ecs.container-name'], PAUSE_CONTAINER_NAME);
  t.equal(o.Labels['com.berth.container-instance'], 'i');
  t.equal(o.Labels['com.amazonaws.ecs.task-arn'], tk.taskArn);
  const pidOnly = pauseCreateOptions({ task: tk, taskDefinition: { ...td, ipcMode: undefined, pidMode: 'task' }, dockerName: 'p', image: 'img', cluster: 'c', instanceId: 'i' });
  t.notOk('IpcMode' in pidOnly.HostConfig, 'pid only: IPC left alone');
});

t.test('static ELF check and the tar the pause image is imported from', async (t) => {
  t.equal(isStaticElf(Buffer.from('#!/bin/sh\n'.padEnd(64))), false, 'not ELF');
  t.equal(isStaticElf(readFileSync(process.execPath)), false, 'node is dynamically linked');
  if (existsSync('/bin/busybox')) t.equal(isStaticElf(readFileSync('/bin/busybox')), true, 'busybox-static is static');
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-tar-'));
  try {
    const data = Buffer.from('hello pause\n');
    const file = path.join(dir, 'x.tar');
    writeFileSync(file, tarOf([{ path: 'bin/', mode: 0o755 }, { path: 'bin/hello', mode: 0o755, data }]));
    const listing = execFileSync('tar', ['-tvf', file], { encoding: 'utf8' });
    t.match(listing, /^drwxr-xr-x .* bin\/$/m);
    t.match(listing, /^-rwxr-xr-x .* 12 .* bin\/hello$/m);
    t.equal(execFileSync('tar', ['-xOf', file, 'bin/hello'], { encoding: 'utf8' }), 'hello pause\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
