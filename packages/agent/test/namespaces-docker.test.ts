// Network modes, links and the pid/ipc `task` namespace container against the real dockerd. The pause
// image is built by the agent's own code (docker import of the host's static busybox) under a unique
// name, used as BERTH_PAUSE_IMAGE, and removed in teardown with every container of this file's instances.
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import t from 'tap';
import { IMAGE, batch, task, taskDef, uniq } from './fixtures.js';
import { BB, Resources, assign, byName, docker, out, readOut, record, rt, script, stopAndClean } from './engine-harness.js';
import { LABEL_TASK_ARN } from '../src/engine/index.js';
import { PAUSE_CONTAINER_NAME, ensurePauseImage } from '../src/engine/namespaces.js';

const res = new Resources();
t.teardown(() => res.teardown());
const pauseImage = `berth-test/pause:${uniq('p')}`;

t.before(async () => {
  if (!(await rt.imageExists(IMAGE))) throw new Error(`${IMAGE} is missing (bash deploy/deps.sh imports it)`);
});

const outMount = (dir: string) => ({
  volumes: [{ name: 'out', host: { sourcePath: dir } }],
  mount: [{ sourceVolume: 'out', containerPath: '/out' }],
});

/** Interface names of a /proc/net/dev listing (without veths, which come and go with other containers). */
const ifaces = (dev: string) => dev.split('\n').slice(2).map((l) => l.split(':')[0]!.trim()).filter((n) => n && !n.startsWith('veth')).sort();

t.test('the pause image is built from the host busybox, and a configured one must exist', async (t) => {
  if (!existsSync('/bin/busybox')) {
    t.comment('skipped: no /bin/busybox (busybox-static) on this host');
    return;
  }
  res.images.push(pauseImage);
  await Promise.all([ensurePauseImage(rt, pauseImage, false), ensurePauseImage(rt, pauseImage, false)]);
  const img = await docker.getImage(pauseImage).inspect();
  t.same(img.Config.Cmd, ['/bin/busybox', 'sleep', '2147483647'], 'the image says what runs');
  await t.rejects(ensurePauseImage(rt, `berth-test/pause:${uniq('absent')}`, true), /BERTH_PAUSE_IMAGE\) is not on this host/);
  await t.rejects(ensurePauseImage(rt, `berth-test/pause:${uniq('absent')}`, false, '/nonexistent/busybox'), /not found \(install busybox-static, or set BERTH_PAUSE_IMAGE\)/);
});

t.test('pidMode and ipcMode task: one namespace held by the pause container; stopped and removed with the task', async (t) => {
  if (!(await rt.imageExists(pauseImage))) {
    t.comment('skipped: no pause image');
    return;
  }
  const h = await res.open(res.newInstance(), { pauseImage });
  const dir = res.hostDir();
  const o = outMount(dir);
  const td = taskDef(uniq('ns'), [
    { name: 'a', command: script(`${out('a-ns', `${BB} readlink /proc/self/ns/pid /proc/self/ns/ipc`)}; exec /bin/sleep 3601`), mountPoints: o.mount, linuxParameters: { initProcessEnabled: true } },
    { name: 'b', command: script(`while ! ${BB} ps | grep -q 'sleep 360[1]'; do sleep 0.1; done; ${out('b-ps', `${BB} ps`)}; ${out('b-ns', `${BB} readlink /proc/self/ns/pid /proc/self/ns/ipc`)}`), mountPoints: o.mount },
  ], { pidMode: 'task', ipcMode: 'task', volumes: o.volumes });
  const tk = task(td);
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const running = await h.reports.status(tk.taskArn!, 'RUNNING');
  t.equal(running.containers.length, 2, 'the pause container is not reported');
  const ps = await readOut(dir, 'b-ps');
  t.match(ps, /sleep 3601/, "b sees a's process");
  t.match(ps, /sleep 2147483647/, "b sees the pause container's process");
  const nsA = await readOut(dir, 'a-ns');
  const nsB = await readOut(dir, 'b-ns');
  t.equal(nsA, nsB, 'same pid and ipc namespaces');
  t.not(nsA.split('\n')[0], readlinkSync('/proc/self/ns/pid'), 'not the host pid namespace');

  const rec = record(h, tk.taskArn!);
  t.ok(rec.pause?.dockerId, 'the pause container is in the task record');
  const pause = await docker.getContainer(rec.pause!.dockerId!).inspect();
  t.equal(pause.State.Running, true);
  t.equal(pause.Config.Labels['com.amazonaws.ecs.container-name'], PAUSE_CONTAINER_NAME);
  t.equal(pause.Config.Labels[LABEL_TASK_ARN], tk.taskArn);
  t.equal(pause.HostConfig.IpcMode, 'shareable');
  t.equal(pause.HostConfig.NetworkMode, 'none');
  const a = await docker.getContainer(byName(running.containers, 'a').runtimeId!).inspect();
  t.equal(a.HostConfig.PidMode, `container:${pause.Id}`);
  t.equal(a.HostConfig.IpcMode, `container:${pause.Id}`);

  h.engine.applyAssignments(batch([assign({ ...tk, desiredStatus: 'STOPPED' }, td)]));
  await h.reports.status(tk.taskArn!, 'STOPPED');
  await t.resolves(async () => {
    for (let i = 0; i < 100 && (await docker.getContainer(pause.Id).inspect()).State.Running; i++) await new Promise((r) => setTimeout(r, 100));
  });
  t.equal((await docker.getContainer(pause.Id).inspect()).State.Running, false, 'stopped when the task stopped');
  await stopAndClean(h, tk, td);
  await t.rejects(docker.getContainer(pause.Id).inspect(), 'removed at cleanup');
});

t.test('the namespace container exiting stops the task', async (t) => {
  if (!(await rt.imageExists(pauseImage))) {
    t.comment('skipped: no pause image');
    return;
  }
  const h = await res.open(res.newInstance(), { pauseImage });
  const td = taskDef(uniq('nsdie'), [{ name: 'a', command: script('true') }], { ipcMode: 'task' });
  const tk = task(td);
  h.engine.applyAssignments(batch([assign(tk, td)]));
  await h.reports.status(tk.taskArn!, 'RUNNING');
  await docker.getContainer(record(h, tk.taskArn!).pause!.dockerId!).kill();
  const stopped = await h.reports.status(tk.taskArn!, 'STOPPED');
  t.match(stopped.reason, /^DockerStateError: the task namespace container/);
  t.equal(byName(stopped.containers, 'a').exitCode, 0, 'the app container was stopped');
  await stopAndClean(h, tk, td);
});

t.test('links: the linked container starts first and the alias resolves from inside', async (t) => {
  const h = await res.open(res.newInstance());
  const dir = res.hostDir();
  const o = outMount(dir);
  const td = taskDef(uniq('links'), [
    { name: 'web', links: ['db:database', 'cache'], command: script(`${out('hosts', 'cat /etc/hosts')}; ${out('ping', `${BB} ping -c1 -W2 database; echo rc=$?`)}`), mountPoints: o.mount },
    { name: 'db', command: script('true') },
    { name: 'cache', command: script('true') },
  ], { volumes: o.volumes });
  const tk = task(td);
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const running = await h.reports.status(tk.taskArn!, 'RUNNING');
  const hosts = await readOut(dir, 'hosts');
  t.match(hosts, /\sdatabase(\s|$)/m, 'the alias is in /etc/hosts');
  t.match(hosts, /\scache(\s|$)/m, 'a link without alias uses the container name');
  t.match(await readOut(dir, 'ping'), /rc=0/, 'the alias answers');
  const web = await docker.getContainer(byName(running.containers, 'web').runtimeId!).inspect();
  const db = await docker.getContainer(byName(running.containers, 'db').runtimeId!).inspect();
  t.ok(web.HostConfig.Links?.some((l: string) => l.endsWith('/database')), `Links ${JSON.stringify(web.HostConfig.Links)}`);
  t.ok(db.State.StartedAt <= web.State.StartedAt, `the link target was RUNNING before web started (${db.State.StartedAt} <= ${web.State.StartedAt})`);
  await stopAndClean(h, tk, td);
});

t.test('network modes: none has only lo; host sees the host interfaces', async (t) => {
  const h = await res.open(res.newInstance());
  const dir = res.hostDir();
  const o = outMount(dir);
  const none = taskDef(uniq('none'), [{ name: 'a', command: script(out('none', 'cat /proc/net/dev')), mountPoints: o.mount }], { networkMode: 'none', volumes: o.volumes });
  const host = taskDef(uniq('host'), [{ name: 'a', command: script(out('host', 'cat /proc/net/dev')), mountPoints: o.mount }], { networkMode: 'host', volumes: o.volumes });
  const tn = task(none);
  const th = task(host);
  h.engine.applyAssignments(batch([assign(tn, none), assign(th, host)]));
  await h.reports.status(tn.taskArn!, 'RUNNING');
  await h.reports.status(th.taskArn!, 'RUNNING');
  t.same(ifaces(await readOut(dir, 'none')), ['lo'], 'none: loopback only');
  t.same(ifaces(await readOut(dir, 'host')), ifaces(readFileSync('/proc/net/dev', 'utf8')), "host: the host's interfaces");
  await stopAndClean(h, tn, none);
  await stopAndClean(h, th, host);
});
