// The task engine against the real dockerd. Every test uses its own container instance id, touches only
// containers carrying it (or that it created itself), and removes them in teardown.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import t from 'tap';
import type { ContainerStateChange, TaskDefinition, Task } from '@berth/core';
import { INSTANCE_LABEL, LABEL_TASK_ARN, taskFileName, type EngineOptions, type TaskRecord } from '../src/engine/index.js';
import type { DockerRuntime } from '../src/runtime/index.js';
import { Resources, docker, rt, type Harness } from './engine-harness.js';
import { IMAGE, LOOP, SLEEP, batch, freePort, sleep, task, taskDef, uniq, until, withDesired } from './fixtures.js';

const MiB = 1024 * 1024;

// The shared harness (engine-harness.ts) opens engines and removes their containers and temp dirs; this
// file also cleans up foreign containers, image tags and task cgroups it made.
const res = new Resources();
const foreign: string[] = [];
const tags: string[] = [];
const cgroupTasks: string[] = [];

t.teardown(async () => {
  await res.teardown();
  for (const id of foreign) await rt.remove(id);
  for (const tag of tags) await docker.getImage(tag).remove({ noprune: true }).catch(() => undefined);
  for (const id of cgroupTasks) {
    for (const c of ['memory', 'cpu', 'cpuacct', 'cpuset', 'pids', 'blkio', 'devices', 'freezer', 'systemd']) {
      const d = `/sys/fs/cgroup/${c}/ecs/${id}`;
      if (existsSync(d)) await import('node:fs/promises').then((f) => f.rmdir(d)).catch(() => undefined);
    }
  }
});

const newInstance = () => res.newInstance();
/** Tasks here are kept after they stop (cleanup is tested on its own), and a pull is tried twice. */
const openEngine = (where: { instanceId: string; dataDir: string }, o: Partial<EngineOptions> = {}): Promise<Harness> =>
  res.open(where, { cleanupWaitMs: 3_600_000, pullRetry: { attempts: 2, delayMs: 50, maxDelayMs: 100 }, ...o });

const assign = (tk: Task, td: TaskDefinition) => ({ task: tk, taskDefinition: td });
const byName = (cs: ContainerStateChange[], n: string) => cs.find((c) => c.containerName === n)!;
const countTask = async (arn: string) => (await rt.listByLabel(LABEL_TASK_ARN, arn)).length;
const taskId = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

// Containers that are none of the engine's business: they must survive everything below.
const otherInstance = uniq('bt-other');
let unrelatedId = '';
let otherId = '';
let sharedArn = '';

t.before(async () => {
  if (!(await rt.imageExists(IMAGE))) throw new Error(`${IMAGE} is missing (bash deploy/deps.sh imports it)`);
  unrelatedId = await rt.create({ name: uniq('berth-test-unrelated'), Image: IMAGE, Cmd: SLEEP, Labels: {}, HostConfig: { Init: true } });
  foreign.push(unrelatedId);
  await rt.start(unrelatedId);
  sharedArn = `arn:aws:ecs:us-east-1:000000000000:task/test/${uniq('shared')}`;
  otherId = await rt.create({
    name: uniq('berth-test-other-instance'),
    Image: IMAGE,
    Cmd: SLEEP,
    Labels: { [INSTANCE_LABEL]: otherInstance, [LABEL_TASK_ARN]: sharedArn, 'com.amazonaws.ecs.container-name': 'web' },
    HostConfig: { Init: true },
  });
  foreign.push(otherId);
  await rt.start(otherId);
});

t.test('a two-container task: PENDING, RUNNING with bindings, Docker options, stop, cleanup after ack', async (t) => {
  const h = await openEngine(newInstance(), { cleanupWaitMs: 300 });
  const fixedPort = await freePort();
  const family = uniq('web');
  const td = taskDef(family, [
    {
      name: 'web',
      command: LOOP,
      portMappings: [{ containerPort: 8080, hostPort: 0, protocol: 'tcp' }],
      environment: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
      dockerLabels: { 'berth.test': 'yes', 'com.amazonaws.ecs.cluster': 'spoofed' },
      cpu: 256,
      memory: 64,
      memoryReservation: 32,
    },
    { name: 'side_car', command: SLEEP, linuxParameters: { initProcessEnabled: true }, portMappings: [{ containerPort: 9090, hostPort: fixedPort }] },
  ]);
  const tk = task(td, { overrides: { containerOverrides: [{ name: 'web', environment: [{ name: 'B', value: 'over' }] }] } });
  const arn = tk.taskArn!;
  const t0 = performance.now();
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const running = await h.reports.status(arn, 'RUNNING');
  const createToRunning = performance.now() - t0;
  t.comment(`assignment -> RUNNING report (pull check, 2 creates, 2 starts, in order): ${createToRunning.toFixed(0)} ms`);
  const first = h.reports.of(arn)[0]!;
  t.equal(first.counter, 1);
  t.ok(first.containers.some((c) => c.status !== 'PENDING'), 'no report while every container is still PENDING (the control plane knows that already)');
  t.ok(running.counter >= first.counter, 'counter grows');
  const web = byName(running.containers, 'web');
  const side = byName(running.containers, 'side_car');
  t.equal(web.status, 'RUNNING');
  t.equal(side.status, 'RUNNING');
  t.equal(web.networkBindings?.length, 1);
  t.match(web.networkBindings?.[0], { bindIP: '127.0.0.1', containerPort: 8080, protocol: 'tcp' });
  t.ok((web.networkBindings?.[0]?.hostPort ?? 0) > 0, 'dynamic host port reported');
  t.same(side.networkBindings, [{ bindIP: '127.0.0.1', containerPort: 9090, hostPort: fixedPort, protocol: 'tcp' }]);

  const wi = await docker.getContainer(web.runtimeId!).inspect();
  t.match(wi.Name, new RegExp(`^/ecs-${family}-1-web-[0-9a-f]{20}$`), 'ECS container name');
  t.same(wi.Config.Labels, {
    'berth.test': 'yes',
    'com.amazonaws.ecs.task-arn': arn,
    'com.amazonaws.ecs.container-name': 'web',
    'com.amazonaws.ecs.task-definition-family': family,
    'com.amazonaws.ecs.task-definition-version': '1',
    'com.amazonaws.ecs.cluster': 'test',
    [INSTANCE_LABEL]: h.instanceId,
  });
  t.equal(wi.HostConfig.CpuShares, 256);
  t.equal(wi.HostConfig.Memory, 64 * MiB);
  t.equal(wi.HostConfig.MemoryReservation, 32 * MiB);
  t.same(wi.HostConfig.PortBindings, { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
  t.ok(wi.Config.Env.includes('A=1') && wi.Config.Env.includes('B=over'), 'env with overrides');
  t.notOk(wi.Config.Env.some((e) => e.startsWith('AWS_REGION=')), 'no region option, no region env');
  t.notOk(wi.HostConfig.Init, 'no init unless asked');
  const si = await docker.getContainer(side.runtimeId!).inspect();
  t.match(si.Name, new RegExp(`^/ecs-${family}-1-sidecar-[0-9a-f]{20}$`), 'name without characters outside [A-Za-z0-9-]');
  t.equal(si.HostConfig.Init, true);
  t.equal(si.HostConfig.CpuShares, 2);
  t.same(si.HostConfig.PortBindings, { '9090/tcp': [{ HostIp: '127.0.0.1', HostPort: String(fixedPort) }] });

  const file = path.join(h.dataDir, 'tasks', taskFileName(arn));
  const rec = JSON.parse(readFileSync(file, 'utf8')) as TaskRecord;
  t.equal(rec.knownStatus, 'RUNNING');
  t.equal(rec.containers[0]!.dockerName, wi.Name.slice(1));
  t.equal(rec.containers[0]!.dockerId, wi.Id);
  t.equal(rec.lastReport?.counter, running.counter, 'report persisted');
  t.same(h.engine.pendingReports().map((r) => r.counter), [running.counter], 'unacknowledged report pending');
  h.engine.ackReport(arn, running.counter);
  t.same(h.engine.pendingReports(), [], 'acknowledged');

  // the same assignment again: nothing new
  h.engine.applyAssignments(batch([assign(tk, td)]));
  await sleep(300);
  t.equal(await countTask(arn), 2, 'applied twice: still one set of containers');

  const t1 = performance.now();
  h.engine.applyAssignments(batch([assign(withDesired(tk, 'STOPPED'), td)]));
  const stopped = await h.reports.status(arn, 'STOPPED');
  t.comment(`desired STOPPED -> STOPPED report: ${(performance.now() - t1).toFixed(0)} ms`);
  t.equal(byName(stopped.containers, 'web').exitCode, 0, 'trap exits 0 on SIGTERM');
  t.equal(byName(stopped.containers, 'side_car').exitCode, 143, 'init forwards SIGTERM: 143');
  t.equal(byName(stopped.containers, 'web').status, 'STOPPED');
  t.notOk(stopped.reason, 'a requested stop carries no task reason');
  t.ok(byName(stopped.containers, 'web').networkBindings?.length, 'bindings are kept on STOPPED');

  await sleep(900);
  t.equal(await countTask(arn), 2, 'not cleaned before the STOPPED report is acknowledged');
  h.engine.ackReport(arn, stopped.counter);
  await until(async () => (await countTask(arn)) === 0, 'containers removed');
  await until(() => !existsSync(file), 'state file removed');
  // The state file goes first, then the task leaves the engine's list (a moment later).
  await until(() => h.engine.snapshot().length === 0 || undefined, 'task dropped');
  t.same(h.engine.snapshot(), [], 'task dropped');
  h.engine.applyAssignments(batch([assign(tk, td)]));
  await sleep(300);
  t.equal(await countTask(arn), 0, 'a cleaned task is not run again when re-assigned');
});

t.test('an essential container exiting stops the task with its exit code', async (t) => {
  const h = await openEngine(newInstance());
  const td = taskDef(uniq('ess'), [
    { name: 'server', command: LOOP },
    { name: 'job', command: ['/bin/sh', '-c', 'sleep 0.3; exit 3'] },
    { name: 'helper', command: LOOP, essential: false },
  ]);
  const tk = task(td);
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const stopped = await h.reports.status(tk.taskArn!, 'STOPPED');
  t.equal(byName(stopped.containers, 'job').exitCode, 3);
  t.equal(byName(stopped.containers, 'server').exitCode, 0, 'the others were stopped');
  t.equal(byName(stopped.containers, 'helper').exitCode, 0);
  t.type(stopped.executionStoppedAt, 'number');
  t.ok(stopped.containers.every((c) => c.status === 'STOPPED'));
});

t.test('a non-essential container exiting leaves the task running', async (t) => {
  const h = await openEngine(newInstance());
  const td = taskDef(uniq('nonEss'), [
    { name: 'server', command: LOOP },
    { name: 'once', command: ['/bin/sh', '-c', 'exit 7'], essential: false },
  ]);
  const tk = task(td);
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const r = await h.reports.waitFor((r) => r.taskArn === tk.taskArn && byName(r.containers, 'once').exitCode === 7, 'once exited 7');
  await sleep(300);
  const last = h.reports.of(tk.taskArn!).at(-1)!;
  t.equal(last.lastStatus, 'RUNNING', 'task keeps running');
  t.equal(byName(r.containers, 'once').status, 'STOPPED');
  h.engine.applyAssignments(batch([assign(withDesired(tk, 'STOPPED'), td)]));
  await h.reports.status(tk.taskArn!, 'STOPPED');
});

t.test('pull behaviours', async (t) => {
  const localTag = `127.0.0.1:5999/berth-test/busybox:${uniq('t')}`;
  await docker.getImage(IMAGE).tag({ repo: localTag.slice(0, localTag.lastIndexOf(':')), tag: localTag.slice(localTag.lastIndexOf(':') + 1) });
  tags.push(localTag);
  const missing = `127.0.0.1:5999/berth-test/busybox:${uniq('missing')}`;

  const d = await openEngine(newInstance(), { pullBehavior: 'default' });
  const tdMissing = taskDef(uniq('pullMissing'), [{ name: 'app', image: missing, command: SLEEP }]);
  const tkMissing = task(tdMissing);
  const tdLocal = taskDef(uniq('pullLocal'), [{ name: 'app', image: localTag, command: LOOP }]);
  const tkLocal = task(tdLocal);
  d.engine.applyAssignments(batch([assign(tkMissing, tdMissing), assign(tkLocal, tdLocal)]));
  const failed = await d.reports.status(tkMissing.taskArn!, 'STOPPED');
  t.match(byName(failed.containers, 'app').reason, /^CannotPullContainerError: /, 'missing image: CannotPullContainerError');
  t.notOk(byName(failed.containers, 'app').runtimeId, 'nothing created');
  t.type(failed.pullStartedAt, 'number');
  t.type(failed.pullStoppedAt, 'number');
  const ok = await d.reports.status(tkLocal.taskArn!, 'RUNNING');
  t.type(ok.pullStartedAt, 'number', 'default: a pull was tried');
  t.ok(d.logs.lines().some((l) => l.msg === 'image pull failed; using the cached image'), 'the failed pull is logged');
  d.engine.applyAssignments(batch([assign(withDesired(tkLocal, 'STOPPED'), tdLocal)]));
  await d.reports.status(tkLocal.taskArn!, 'STOPPED');

  const a = await openEngine(newInstance(), { pullBehavior: 'always' });
  const tdA = taskDef(uniq('pullAlways'), [{ name: 'app', image: localTag, command: LOOP, essential: false }]);
  const tkA = task(tdA);
  a.engine.applyAssignments(batch([assign(tkA, tdA)]));
  const failedA = await a.reports.status(tkA.taskArn!, 'STOPPED');
  t.match(byName(failedA.containers, 'app').reason, /^CannotPullContainerError: /, 'always: the pull must succeed');
  t.equal(failedA.lastStatus, 'STOPPED', 'always: a failed pull stops the task even for a non-essential container');

  const p = await openEngine(newInstance(), { pullBehavior: 'prefer-cached' });
  const tdP = taskDef(uniq('pullCached'), [{ name: 'app', image: localTag, command: LOOP }]);
  const tkP = task(tdP);
  p.engine.applyAssignments(batch([assign(tkP, tdP)]));
  const okP = await p.reports.status(tkP.taskArn!, 'RUNNING');
  t.notOk(okP.pullStartedAt, 'prefer-cached: no pull for a cached image');
  p.engine.applyAssignments(batch([assign(withDesired(tkP, 'STOPPED'), tdP)]));
  await p.reports.status(tkP.taskArn!, 'STOPPED');
});

t.test('create and start failures, unsupported network mode', async (t) => {
  const h = await openEngine(newInstance());
  const tdC = taskDef(uniq('badCreate'), [{ name: 'app', command: LOOP, workingDirectory: 'relative/dir' }]);
  const tkC = task(tdC);
  const busy = net.createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  t.teardown(() => busy.close());
  const port = (busy.address() as net.AddressInfo).port;
  const tdS = taskDef(uniq('badStart'), [{ name: 'ok', command: LOOP }, { name: 'app', command: LOOP, portMappings: [{ containerPort: 80, hostPort: port }] }]);
  const tkS = task(tdS);
  const tdV = taskDef(uniq('vpc'), [{ name: 'app', command: LOOP }], { networkMode: 'awsvpc' });
  const tkV = task(tdV);
  h.engine.applyAssignments(batch([assign(tkC, tdC), assign(tkS, tdS), assign(tkV, tdV)]));
  const c = await h.reports.status(tkC.taskArn!, 'STOPPED');
  t.match(byName(c.containers, 'app').reason, /^CannotCreateContainerError: /);
  const s = await h.reports.status(tkS.taskArn!, 'STOPPED');
  t.match(byName(s.containers, 'app').reason, /^CannotStartContainerError: /);
  t.equal(byName(s.containers, 'ok').exitCode, 0, 'the other container was stopped');
  const v = await h.reports.status(tkV.taskArn!, 'STOPPED');
  t.match(v.reason, /^CannotCreateContainerError: [\w-]+:1 uses networkMode awsvpc, which Berth does not support: /);
  t.equal(h.reports.of(tkV.taskArn!).length, 1, 'one report, straight to STOPPED');
  t.equal(await countTask(tkV.taskArn!), 0);
});

t.test('restart: close leaves containers running, open adopts them (by id and by name) and reports what exited', async (t) => {
  const where = newInstance();
  const a = await openEngine(where);
  const td = taskDef(uniq('adopt'), [
    { name: 'keep', command: LOOP },
    { name: 'named', command: LOOP },
    { name: 'victim', command: SLEEP, essential: false, linuxParameters: { initProcessEnabled: true } },
  ]);
  const tk = task(td);
  const arn = tk.taskArn!;
  a.engine.applyAssignments(batch([assign(tk, td)]));
  const running = await a.reports.status(arn, 'RUNNING');
  a.engine.ackReport(arn, running.counter);
  await a.engine.close();
  const ids: Record<string, string> = Object.fromEntries(running.containers.map((c) => [c.containerName!, c.runtimeId!]));
  for (const id of Object.values(ids)) t.ok((await rt.inspect(id)).running, 'still running after close');

  // While the agent is away: one container is killed; and pretend the agent crashed right after creating
  // `named` (its id was never saved).
  await docker.getContainer(ids.victim!).kill();
  const file = path.join(where.dataDir, 'tasks', taskFileName(arn));
  const rec = JSON.parse(readFileSync(file, 'utf8')) as TaskRecord;
  const named = rec.containers.find((c) => c.name === 'named')!;
  delete named.dockerId;
  named.knownStatus = 'PULLED';
  writeFileSync(file, JSON.stringify(rec));

  const b = await openEngine(where);
  const r = await b.reports.waitFor((r) => r.taskArn === arn && byName(r.containers, 'victim').status === 'STOPPED', 'victim STOPPED');
  t.equal(r.lastStatus, 'RUNNING');
  t.equal(byName(r.containers, 'victim').exitCode, 137, 'killed while away: exit 137');
  t.equal(byName(r.containers, 'keep').runtimeId, ids.keep, 'adopted by id');
  t.equal(byName(r.containers, 'named').runtimeId, ids.named, 'adopted by name');
  t.ok(r.counter > running.counter, 'the counter continues');
  await sleep(500);
  t.equal(await countTask(arn), 3, 'no container created again');
  t.same(b.engine.pendingReports().map((p) => p.counter), [b.reports.of(arn).at(-1)!.counter]);
  const snap = b.engine.snapshot().find((s) => s.taskArn === arn)!;
  t.equal(snap.containers.find((c) => c.name === 'named')!.knownStatus, 'RUNNING');
  b.engine.applyAssignments(batch([assign(withDesired(tk, 'STOPPED'), td)]));
  const stopped = await b.reports.status(arn, 'STOPPED');
  t.equal(byName(stopped.containers, 'named').exitCode, 0);
});

t.test('the steady-state poll catches what the event stream missed', async (t) => {
  // A runtime whose event stream never delivers anything.
  const deaf = Object.assign(Object.create(rt) as DockerRuntime, { events: () => () => undefined });
  const h = await openEngine(newInstance(), { runtime: deaf, steadyPollMs: 300 });
  const td = taskDef(uniq('poll'), [{ name: 'main', command: LOOP }, { name: 'aux', command: SLEEP, essential: false, linuxParameters: { initProcessEnabled: true } }]);
  const tk = task(td);
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const r = await h.reports.status(tk.taskArn!, 'RUNNING');
  await docker.getContainer(byName(r.containers, 'aux').runtimeId!).kill();
  const seen = await h.reports.waitFor((x) => x.taskArn === tk.taskArn && byName(x.containers, 'aux').status === 'STOPPED', 'aux STOPPED by poll', 5000);
  t.equal(byName(seen.containers, 'aux').exitCode, 137);
  t.equal(seen.lastStatus, 'RUNNING');
  h.engine.applyAssignments(batch([assign(withDesired(tk, 'STOPPED'), td)]));
  await h.reports.status(tk.taskArn!, 'STOPPED');
});

t.test('full batches stop what they leave out; removedTaskArns stop too', async (t) => {
  const h = await openEngine(newInstance());
  const tdX = taskDef(uniq('x'), [{ name: 'app', command: LOOP }]);
  const tkX = task(tdX);
  const tdY = taskDef(uniq('y'), [{ name: 'app', command: LOOP }]);
  const tkY = task(tdY);
  h.engine.applyAssignments(batch([assign(tkX, tdX)], { full: true }));
  h.engine.applyAssignments(batch([assign(tkX, tdX)], { full: true }));
  await h.reports.status(tkX.taskArn!, 'RUNNING');
  t.equal(await countTask(tkX.taskArn!), 1, 'idempotent');
  h.engine.applyAssignments(batch([assign(tkY, tdY)], { full: true }));
  const x = await h.reports.status(tkX.taskArn!, 'STOPPED');
  t.equal(byName(x.containers, 'app').exitCode, 0);
  await h.reports.status(tkY.taskArn!, 'RUNNING');
  h.engine.applyAssignments(batch([], { removed: [tkY.taskArn!] }));
  await h.reports.status(tkY.taskArn!, 'STOPPED');
  // A task first seen already STOPPED is reported STOPPED, never started.
  const tdZ = taskDef(uniq('z'), [{ name: 'app', command: LOOP }]);
  const tkZ = task(tdZ, { desiredStatus: 'STOPPED' });
  h.engine.applyAssignments(batch([assign(tkZ, tdZ)]));
  const z = await h.reports.status(tkZ.taskArn!, 'STOPPED');
  t.equal(h.reports.of(tkZ.taskArn!).length, 1);
  t.notOk(byName(z.containers, 'app').runtimeId);
  t.equal(await countTask(tkZ.taskArn!), 0);
});

t.test('task-level memory and cpu: a task cgroup with the limits, removed at cleanup', async (t) => {
  const h = await openEngine(newInstance(), { cleanupWaitMs: 0 });
  const td = taskDef(uniq('cg'), [{ name: 'app', command: LOOP, memory: 32 }], { memory: '128', cpu: '256' });
  const tk = task(td);
  const arn = tk.taskArn!;
  const id = taskId(arn);
  cgroupTasks.push(id);
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const r = await h.reports.status(arn, 'RUNNING');
  const info = await docker.getContainer(byName(r.containers, 'app').runtimeId!).inspect();
  const memDir = `/sys/fs/cgroup/memory/ecs/${id}`;
  const warned = h.logs.lines().some((l) => l.level === 'warn' && /task-level cpu\/memory limits are not applied/.test(String(l.msg)));
  if (existsSync('/sys/fs/cgroup/memory') && !existsSync('/sys/fs/cgroup/cgroup.controllers') && !warned) {
    t.equal(info.HostConfig.CgroupParent, `/ecs/${id}`);
    t.equal(readFileSync(`${memDir}/memory.limit_in_bytes`, 'utf8').trim(), String(128 * MiB));
    t.equal(readFileSync(`/sys/fs/cgroup/cpu/ecs/${id}/cpu.cfs_quota_us`, 'utf8').trim(), '25000');
    t.ok(readdirSync(memDir).includes(info.Id), 'the container runs inside the task cgroup');
    t.equal(info.HostConfig.Memory, 32 * MiB, 'the container limit stays');
  } else {
    t.ok(warned, 'cannot create task cgroups here: warned');
    t.notOk(info.HostConfig.CgroupParent, 'runs without the task-level limit');
  }
  h.engine.applyAssignments(batch([assign(withDesired(tk, 'STOPPED'), td)]));
  const s = await h.reports.status(arn, 'STOPPED');
  h.engine.ackReport(arn, s.counter);
  await until(async () => (await countTask(arn)) === 0, 'containers removed');
  await until(() => !existsSync(memDir), 'task cgroup removed');
  t.pass('cleaned');
});

t.test('containers that are not ours survived everything', async (t) => {
  t.ok((await rt.inspect(unrelatedId)).running, 'unlabelled container untouched');
  const o = await rt.inspect(otherId);
  t.ok(o.running, "another instance's container untouched");
  t.equal(o.labels[INSTANCE_LABEL], otherInstance);
});
