// dependsOn, health checks and restart policies on the real dockerd, driving the Engine directly. Every
// test uses its own container instance id and removes its containers in teardown.
import t from 'tap';
import { taskHealthFromDefinition, type ContainerStateChange, type HealthStatus, type Task, type TaskDefinition, type TaskStateReport } from '@berth/core';
import { Engine, INSTANCE_LABEL, LABEL_TASK_ARN, type EngineOptions } from '../src/engine/index.js';
import { DockerRuntime } from '../src/runtime/index.js';
import { IMAGE, LOOP, Reports, batch, captureLogger, task, taskDef, tempDir, uniq, until, withDesired } from './fixtures.js';

const rt = new DockerRuntime();
const docker = rt.docker;
const instances: string[] = [];
const engines: Engine[] = [];
const dirs: (() => void)[] = [];

t.teardown(async () => {
  for (const e of engines) await e.close().catch(() => undefined);
  for (const inst of instances) for (const c of await rt.listByLabel(INSTANCE_LABEL, inst)) await rt.remove(c.id);
  for (const d of dirs) d();
});

t.before(async () => {
  if (!(await rt.imageExists(IMAGE))) throw new Error(`${IMAGE} is missing (bash deploy/deps.sh imports it)`);
});

async function openEngine(o: Partial<EngineOptions> = {}) {
  const instanceId = uniq('btf');
  instances.push(instanceId);
  const tmp = tempDir('berth-features');
  dirs.push(tmp.cleanup);
  const reports = new Reports();
  const logs = captureLogger();
  const engine = await Engine.open({
    runtime: rt,
    dataDir: tmp.dir,
    cluster: 'test',
    instanceId,
    instanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/test/${instanceId}`,
    pullBehavior: 'prefer-cached',
    stopTimeoutSec: 2,
    cleanupWaitMs: 3_600_000,
    steadyPollMs: 60_000,
    hostIp: '127.0.0.1',
    log: logs.log,
    onReport: reports.push,
    ...o,
  });
  engines.push(engine);
  return { engine, reports, logs };
}

const assign = (tk: Task, td: TaskDefinition) => ({ task: tk, taskDefinition: td });
const byName = (cs: ContainerStateChange[], n: string) => cs.find((c) => c.containerName === n)!;
const sh = (script: string) => ['/bin/sh', '-c', script];
const times = async (id: string) => {
  const s = (await docker.getContainer(id).inspect()).State;
  return { started: Date.parse(s.StartedAt), finished: s.FinishedAt.startsWith('0001') ? undefined : Date.parse(s.FinishedAt), running: s.Running };
};
const healthOf = (r: TaskStateReport, n: string) => r.containerHealth?.find((h) => h.containerName === n)?.healthStatus;

t.test('dependsOn SUCCESS: the app starts only after its init container exited 0; the task stops in reverse order', async (t) => {
  const h = await openEngine();
  const td = taskDef(uniq('init'), [
    { name: 'init', essential: false, command: sh('sleep 1; exit 0') },
    { name: 'db', command: LOOP },
    { name: 'app', command: LOOP, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }, { containerName: 'db', condition: 'START' }] },
  ]);
  const tk = task(td);
  const arn = tk.taskArn!;
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const running = await h.reports.status(arn, 'RUNNING', 60_000);
  const init = byName(running.containers, 'init');
  t.equal(init.status, 'STOPPED', 'init ran to completion');
  t.equal(init.exitCode, 0);
  t.equal(byName(running.containers, 'app').status, 'RUNNING');
  const ti = await times(init.runtimeId!);
  const tdb = await times(byName(running.containers, 'db').runtimeId!);
  const ta = await times(byName(running.containers, 'app').runtimeId!);
  t.ok(ti.finished !== undefined && ta.started >= ti.finished, `app started (${ta.started}) after init finished (${ti.finished})`);
  t.ok(ta.started >= tdb.started, 'app started after db (START)');
  t.notOk(h.reports.of(arn).some((r) => byName(r.containers, 'app').status === 'RUNNING' && byName(r.containers, 'init').status !== 'STOPPED'), 'no report shows app running before init stopped');

  h.engine.applyAssignments(batch([assign(withDesired(tk, 'STOPPED'), td)]));
  const stopped = await h.reports.status(arn, 'STOPPED', 60_000);
  t.equal(byName(stopped.containers, 'app').exitCode, 0);
  const sa = await times(byName(running.containers, 'app').runtimeId!);
  const sdb = await times(byName(running.containers, 'db').runtimeId!);
  t.ok(sa.finished !== undefined && sdb.finished !== undefined && sdb.finished >= sa.finished, `db (a dependency) stopped after app (${sdb.finished} >= ${sa.finished})`);
});

t.test('dependsOn SUCCESS on a container that exits 1: the app is given up with ECS reason and the task stops', async (t) => {
  const h = await openEngine();
  const td = taskDef(uniq('initfail'), [
    { name: 'init', essential: false, command: sh('exit 1') },
    { name: 'app', command: LOOP, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] },
  ]);
  const tk = task(td);
  const arn = tk.taskArn!;
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const stopped = await h.reports.status(arn, 'STOPPED', 60_000);
  const app = byName(stopped.containers, 'app');
  t.equal(app.status, 'STOPPED');
  t.equal(app.exitCode, 143, 'exit code 143, as ECS');
  t.match(app.reason, /^CannotStartContainerError: dependency graph: failed to resolve container ordering dependency \[init\(berth-test\/busybox:latest\) \(STOPPED->RUNNING\) - Exit: 1\] for target \[app\(berth-test\/busybox:latest\) \(NONE->RUNNING\)\] as dependency did not exit successfully\.$/);
  t.notOk(app.runtimeId, 'app was never created');
  t.equal(byName(stopped.containers, 'init').exitCode, 1);
  t.equal((await rt.listByLabel(LABEL_TASK_ARN, arn)).length, 1, 'only init has a Docker container');
  t.notOk(h.reports.of(arn).some((r) => r.lastStatus === 'RUNNING'), 'never RUNNING');
});

t.test('health checks: one goes HEALTHY (and a HEALTHY dependency then starts), one goes UNHEALTHY', async (t) => {
  const h = await openEngine();
  // Intervals below ECS's 5 s minimum keep the test short (the engine takes the definition as given).
  const fast = { interval: 1, timeout: 2, retries: 1 };
  const td = taskDef(uniq('health'), [
    { name: 'web', command: LOOP, healthCheck: { command: ['CMD-SHELL', 'exit 0'], ...fast } },
    { name: 'app', command: LOOP, dependsOn: [{ containerName: 'web', condition: 'HEALTHY' }] },
    { name: 'bad', essential: false, command: LOOP, healthCheck: { command: ['CMD', '/bin/sh', '-c', 'exit 1'], ...fast } },
  ]);
  const tk = task(td);
  const arn = tk.taskArn!;
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const healthy = await h.reports.waitFor((r) => r.taskArn === arn && healthOf(r, 'web') === 'HEALTHY', 'web HEALTHY', 60_000);
  const first = h.reports.of(arn)[0]!;
  t.same(first.containerHealth?.map((x) => [x.containerName, x.healthStatus]), [['web', 'UNKNOWN'], ['bad', 'UNKNOWN']], 'health starts UNKNOWN; containers without a check are not listed');
  t.type(healthy.containerHealth?.find((x) => x.containerName === 'web')?.statusSince, 'number');
  const running = await h.reports.status(arn, 'RUNNING', 60_000);
  t.ok(running.counter >= healthy.counter, 'app reached RUNNING only once web was HEALTHY');
  t.ok(h.reports.of(arn).every((r) => byName(r.containers, 'app').status !== 'RUNNING' || healthOf(r, 'web') === 'HEALTHY'), 'no report shows app running before web was healthy');
  const unhealthy = await h.reports.waitFor((r) => r.taskArn === arn && healthOf(r, 'bad') === 'UNHEALTHY', 'bad UNHEALTHY', 60_000);
  const last = h.reports.of(arn).at(-1)!;
  t.equal(healthOf(last, 'web'), 'HEALTHY');
  const map = new Map(last.containerHealth!.map((x) => [x.containerName, x.healthStatus as HealthStatus]));
  t.equal(taskHealthFromDefinition(td, map), 'HEALTHY', 'task HEALTHY: the unhealthy container is not essential');
  t.ok(unhealthy.counter > 0);
  t.equal(byName(last.containers, 'bad').status, 'RUNNING', 'an unhealthy container is not stopped by the agent');
  const snap = h.engine.snapshot().find((s) => s.taskArn === arn)!;
  t.match(snap.containers.find((c) => c.name === 'bad')!.health, { status: 'UNHEALTHY', exitCode: 1 }, 'the failing check exit code is kept');

  // An essential container going UNHEALTHY makes the task UNHEALTHY.
  const td2 = taskDef(uniq('unhealthy'), [{ name: 'only', command: LOOP, healthCheck: { command: ['CMD-SHELL', 'exit 1'], ...fast } }]);
  const tk2 = task(td2);
  h.engine.applyAssignments(batch([assign(tk2, td2)]));
  const u = await h.reports.waitFor((r) => r.taskArn === tk2.taskArn && healthOf(r, 'only') === 'UNHEALTHY', 'only UNHEALTHY', 60_000);
  t.equal(taskHealthFromDefinition(td2, new Map([['only', 'UNHEALTHY']])), 'UNHEALTHY');
  t.equal(u.lastStatus, 'RUNNING');
  h.engine.applyAssignments(batch([assign(withDesired(tk, 'STOPPED'), td), assign(withDesired(tk2, 'STOPPED'), td2)]));
  await h.reports.status(arn, 'STOPPED', 60_000);
  await h.reports.status(tk2.taskArn!, 'STOPPED', 60_000);
});

t.test('restartPolicy: an exit is restarted in place; ignored exit codes and too-early exits are not', async (t) => {
  // The engine's clock runs an hour ahead: each container has "run" longer than its restartAttemptPeriod.
  const h = await openEngine({ now: () => Date.now() + 3_600_000 });
  const policy = { enabled: true, ignoredExitCodes: [3], restartAttemptPeriod: 60 };
  // Exits 1 on its first run; a restart in place finds its marker file and keeps running.
  const flaky = sh("if [ -f /ran ]; then trap 'exit 0' TERM; while true; do sleep 0.1; done; fi; echo x > /ran; sleep 1; exit 1");
  const td = taskDef(uniq('restart'), [{ name: 'app', command: flaky, restartPolicy: policy }]);
  const tk = task(td);
  const arn = tk.taskArn!;
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const running = await h.reports.status(arn, 'RUNNING', 60_000);
  const id = byName(running.containers, 'app').runtimeId!;
  const snap = await until(() => h.engine.snapshot().find((s) => s.taskArn === arn && (s.containers[0]!.restartCount ?? 0) >= 1), 'a restart', 30_000);
  const c = snap.containers[0]!;
  t.equal(c.restartCount, 1, 'restarted once');
  t.equal(c.dockerId, id, 'the same Docker container');
  t.equal(c.knownStatus, 'RUNNING');
  await until(async () => (await times(id)).running, 'running again', 10_000);
  const after = await times(id);
  t.ok(c.startedAt !== undefined && after.started > c.startedAt && after.running, 'Docker shows it started again since its first start');
  t.notOk(h.reports.of(arn).some((r) => r.lastStatus === 'STOPPED' || byName(r.containers, 'app').status === 'STOPPED'), 'no STOPPED report: the task stays RUNNING');
  t.ok(h.logs.lines().some((l) => l.msg === 'container exited; restarting it in place' && l.exitCode === 1));

  // An ignored exit code is not restarted: the essential container stops the task.
  const td2 = taskDef(uniq('ignored'), [{ name: 'app', command: sh('sleep 1; exit 3'), restartPolicy: policy }]);
  const tk2 = task(td2);
  h.engine.applyAssignments(batch([assign(tk2, td2)]));
  const s2 = await h.reports.status(tk2.taskArn!, 'STOPPED', 60_000);
  t.equal(byName(s2.containers, 'app').exitCode, 3);
  t.notOk(h.engine.snapshot().find((s) => s.taskArn === tk2.taskArn)?.containers[0]?.restartCount, 'no restart for an ignored exit code');

  // With the true clock the container ran less than restartAttemptPeriod: not restarted.
  const h2 = await openEngine();
  const td3 = taskDef(uniq('early'), [{ name: 'app', command: sh('sleep 1; exit 1'), restartPolicy: policy }]);
  const tk3 = task(td3);
  h2.engine.applyAssignments(batch([assign(tk3, td3)]));
  const s3 = await h2.reports.status(tk3.taskArn!, 'STOPPED', 60_000);
  t.equal(byName(s3.containers, 'app').exitCode, 1);
  t.ok(h2.logs.lines().some((l) => l.msg === 'not restarting container' && l.reason === 'attempt reset period has not elapsed'));

  h.engine.applyAssignments(batch([assign(withDesired(tk, 'STOPPED'), td)]));
  const stopped = await h.reports.status(arn, 'STOPPED', 60_000);
  t.equal(byName(stopped.containers, 'app').exitCode, 0, 'a stop asked for is not restarted');
});

t.test('restartPolicy: a restart saved but not made before the agent stopped is made by the next agent', async (t) => {
  const ahead = () => Date.now() + 3_600_000;
  // A runtime whose second start of a container never answers: the agent "dies" mid-restart.
  const started = new Set<string>();
  const stuck = Object.create(rt) as DockerRuntime;
  stuck.start = (id: string) => (started.has(id) ? new Promise<void>(() => undefined) : (started.add(id), rt.start(id)));
  const a = await openEngine({ runtime: stuck, now: ahead });
  const flaky = sh("if [ -f /ran ]; then trap 'exit 0' TERM; while true; do sleep 0.1; done; fi; echo x > /ran; sleep 1; exit 1");
  const td = taskDef(uniq('restart-adopt'), [{ name: 'app', command: flaky, restartPolicy: { enabled: true, restartAttemptPeriod: 60 } }]);
  const tk = task(td);
  const arn = tk.taskArn!;
  a.engine.applyAssignments(batch([assign(tk, td)]));
  const running = await a.reports.status(arn, 'RUNNING', 60_000);
  const id = byName(running.containers, 'app').runtimeId!;
  await until(() => a.logs.lines().some((l) => l.msg === 'container exited; restarting it in place'), 'restart decided', 30_000);
  await a.engine.close();
  t.equal((await times(id)).running, false, 'the container is left exited');

  // Reopen on the same state and instance with a working runtime.
  const inst = instances.at(-1)!;
  const dir = (a.engine as unknown as { opts: EngineOptions }).opts.dataDir;
  const reports = new Reports();
  const logs = captureLogger();
  const b = await Engine.open({
    runtime: rt, dataDir: dir, cluster: 'test', instanceId: inst, instanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/test/${inst}`,
    pullBehavior: 'prefer-cached', stopTimeoutSec: 2, cleanupWaitMs: 3_600_000, steadyPollMs: 60_000, log: logs.log, onReport: reports.push, now: ahead,
  });
  engines.push(b);
  await until(async () => (await times(id)).running, 'restarted by the next agent', 20_000);
  const c = b.snapshot().find((s) => s.taskArn === arn)!.containers[0]!;
  t.equal(c.restartCount, 1, 'counted once');
  t.equal(c.knownStatus, 'RUNNING');
  t.notOk(reports.all.some((r) => r.lastStatus === 'STOPPED'), 'the task stays RUNNING');
  b.applyAssignments(batch([assign(withDesired(tk, 'STOPPED'), td)]));
  await reports.status(arn, 'STOPPED', 60_000);
});

t.test("startTimeout: a HEALTHY dependency that never becomes healthy in its startTimeout gives the app up", async (t) => {
  const h = await openEngine();
  const td = taskDef(uniq('timeout'), [
    { name: 'web', command: LOOP, startTimeout: 2, healthCheck: { command: ['CMD-SHELL', 'exit 1'], interval: 1, timeout: 2, retries: 1 } },
    { name: 'app', command: LOOP, dependsOn: [{ containerName: 'web', condition: 'HEALTHY' }] },
  ]);
  const tk = task(td);
  const arn = tk.taskArn!;
  const t0 = Date.now();
  h.engine.applyAssignments(batch([assign(tk, td)]));
  const stopped = await h.reports.status(arn, 'STOPPED', 60_000);
  const app = byName(stopped.containers, 'app');
  t.equal(app.exitCode, 143);
  t.match(app.reason, /^CannotStartContainerError: dependency graph: container ordering dependency \[web\(.*\) \(RUNNING->RUNNING\)\] for target \[app\(.*\) \(NONE->RUNNING\)\] has timed out\.$/);
  t.ok(Date.now() - t0 >= 2000, 'not before the startTimeout');
  t.equal(byName(stopped.containers, 'web').status, 'STOPPED', 'the essential app stopped the task');
});
