// The engine's failure paths on the FAKE container runtime (no dockerd): a create or start that fails, a
// container dying mid-start, an inspect failing once, Docker going away and coming back at every step of
// a task's life, and dockerd restarted under running tasks. Each asserts what the engine reports
// (statuses, reasons, exit codes), that no container is made twice and that none is left behind.
import t, { type Test } from 'tap';
import type { ContainerDefinition, Task, TaskDefinition, TaskStateReport } from '@berth/core';
import { Engine, type EngineOptions } from '../src/engine/index.js';
import { RuntimeError } from '../src/runtime/runtime.js';
import { FakeContainerRuntime } from './fake-container-runtime.js';
import { IMAGE, Reports, batch, captureLogger, sleep, task, taskDef, tempDir, uniq, until, withDesired } from './fixtures.js';

interface Run {
  rt: FakeContainerRuntime;
  engine: Engine;
  reports: Reports;
  logs: ReturnType<typeof captureLogger>;
  cleaned: string[];
}

async function open(t: Test, o: Partial<EngineOptions> = {}): Promise<Run> {
  const rt = new FakeContainerRuntime([IMAGE]);
  const dir = tempDir('berth-fake');
  const reports = new Reports();
  const logs = captureLogger();
  const cleaned: string[] = [];
  const instanceId = uniq('fake');
  const engine = await Engine.open({
    runtime: rt,
    dataDir: dir.dir,
    cluster: 'test',
    instanceId,
    instanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/test/${instanceId}`,
    pullBehavior: 'prefer-cached',
    stopTimeoutSec: 1,
    cleanupWaitMs: 50,
    // No periodic poll in these tests: whatever the engine learns, it learns from events and reconnects.
    steadyPollMs: 3_600_000,
    pullRetry: { attempts: 1, delayMs: 10, maxDelayMs: 10 },
    log: logs.log,
    onReport: reports.push,
    onTaskCleaned: (arn) => cleaned.push(arn),
    ...o,
  });
  t.teardown(async () => {
    await engine.close();
    dir.cleanup();
  });
  return { rt, engine, reports, logs, cleaned };
}

function run(r: Run, containers: ContainerDefinition[], extra: Partial<TaskDefinition> = {}): { tk: Task; td: TaskDefinition; arn: string } {
  const td = taskDef(uniq('fam'), containers, extra);
  const tk = task(td);
  r.engine.applyAssignments(batch([{ task: tk, taskDefinition: td }]));
  return { tk, td, arn: tk.taskArn! };
}

const container = (rep: TaskStateReport, name: string) => rep.containers.find((c) => c.containerName === name)!;

/** Acknowledges the task's last report and waits until the engine cleaned it up. */
async function cleanUp(r: Run, arn: string): Promise<void> {
  await until(() => {
    r.engine.ackReport(arn, r.reports.of(arn).at(-1)!.counter);
    return r.cleaned.includes(arn);
  }, 'task cleaned up');
}

const boom = (msg: string) => new RuntimeError(msg, 500);
const APP: ContainerDefinition = { name: 'app', command: ['run'] };

t.test('create fails: the container and the task stop with CannotCreateContainerError; no container, no retry', async (t) => {
  const r = await open(t);
  r.rt.failNext('create', boom('devmapper: Thin Pool has 0 free data blocks'));
  const { arn } = run(r, [APP]);
  const stopped = await r.reports.status(arn, 'STOPPED');
  t.equal(container(stopped, 'app').status, 'STOPPED');
  t.equal(container(stopped, 'app').reason, 'CannotCreateContainerError: devmapper: Thin Pool has 0 free data blocks');
  t.notOk(container(stopped, 'app').runtimeId, 'no container id: none was made');
  t.same(r.reports.of(arn).map((x) => x.lastStatus), ['STOPPED'], 'one report: it never ran');
  await cleanUp(r, arn);
  t.equal(r.rt.count('create'), 1, 'not retried');
  t.equal(r.rt.containers.size, 0, 'nothing left behind');
});

t.test('start fails: CannotStartContainerError; the created container is removed at cleanup', async (t) => {
  const r = await open(t);
  r.rt.failNext('start', boom('OCI runtime create failed: exec: "run": executable file not found in $PATH'));
  const { arn } = run(r, [APP, { name: 'side', essential: false, command: ['idle'] }]);
  const stopped = await r.reports.status(arn, 'STOPPED');
  const app = container(stopped, 'app');
  t.match(app.reason, /^CannotStartContainerError: OCI runtime create failed/);
  t.equal(app.runtimeId, r.rt.named('app')[0]!.id, 'reported with its container id');
  t.equal(container(stopped, 'side').status, 'STOPPED', 'the essential container took the task down');
  await cleanUp(r, arn);
  t.equal(r.rt.containers.size, 0, 'both containers removed: no orphan');
  t.equal(r.rt.count('create'), 2, 'one create per container');
});

t.test('a container that dies mid-start: STOPPED with its exit code, never reported RUNNING', async (t) => {
  const r = await open(t);
  r.rt.exitOnStart('app', 3);
  const { arn } = run(r, [APP]);
  const stopped = await r.reports.status(arn, 'STOPPED');
  t.equal(container(stopped, 'app').exitCode, 3);
  t.notOk(r.reports.of(arn).some((x) => x.lastStatus === 'RUNNING'), 'the task never counted as running');
  t.equal(r.rt.count('start'), 1, 'not started again');
  await cleanUp(r, arn);
  t.equal(r.rt.containers.size, 0);
});

t.test('an inspect that fails once after a die is retried, not dropped', async (t) => {
  const r = await open(t);
  const { arn } = run(r, [APP]);
  await r.reports.status(arn, 'RUNNING');
  const inspects = r.rt.count('inspect');
  r.rt.failNext('inspect', boom('Error response from daemon: context deadline exceeded'));
  r.rt.exit(r.rt.named('app')[0]!.id, 7);
  const stopped = await r.reports.status(arn, 'STOPPED', 10_000);
  t.equal(container(stopped, 'app').exitCode, 7);
  t.ok(r.rt.count('inspect') >= inspects + 2, 'inspected again after the failure');
  t.ok(r.logs.lines().some((l) => l.msg === 'cannot inspect container; will try again'));
});

t.test('Docker away before a task starts: it waits, nothing fails, and runs once Docker is back', async (t) => {
  const r = await open(t);
  r.rt.goAway();
  const { arn } = run(r, [APP]);
  await until(() => r.logs.lines().some((l) => l.msg === 'Docker did not answer; the task waits until it is back'), 'the task noticed');
  await sleep(300);
  t.same(r.reports.of(arn), [], 'nothing reported while Docker is away (no failure)');
  r.rt.comeBack();
  const running = await r.reports.status(arn, 'RUNNING');
  t.equal(container(running, 'app').status, 'RUNNING');
  t.equal(r.rt.containers.size, 1);
  t.equal(r.rt.count('create'), 1);
});

t.test('Docker goes away after making a container, before answering: adopted by name, never made twice', async (t) => {
  const r = await open(t);
  r.rt.afterNext('create', () => r.rt.goAway());
  const { arn } = run(r, [APP]);
  await until(() => r.rt.containers.size === 1 && r.logs.lines().some((l) => l.msg === 'Docker did not answer; the task waits until it is back'), 'create made, answer lost');
  r.rt.comeBack();
  const running = await r.reports.status(arn, 'RUNNING');
  t.equal(r.rt.containers.size, 1, 'one container');
  t.equal(r.rt.count('create'), 1, 'found by its name instead of a second create');
  t.equal(container(running, 'app').runtimeId, [...r.rt.containers.keys()][0]);
  t.equal(r.rt.count('start'), 1);
});

t.test('Docker goes away after starting a container: not started twice; its exit while away is reported', async (t) => {
  const r = await open(t);
  r.rt.afterNext('start', () => r.rt.goAway());
  const { arn } = run(r, [APP]);
  await until(() => r.rt.named('app')[0]?.status === 'running' && r.logs.lines().some((l) => l.msg === 'Docker did not answer; the task waits until it is back'), 'start made, answer lost');
  r.rt.exit(r.rt.named('app')[0]!.id, 9); // exits while Docker is away: the event is lost
  r.rt.comeBack();
  const stopped = await r.reports.status(arn, 'STOPPED');
  t.equal(container(stopped, 'app').exitCode, 9);
  t.equal(r.rt.count('start'), 1, 'looked before starting again');
});

t.test('a task stopped while Docker is away after an unanswered create leaves no container behind', async (t) => {
  const r = await open(t);
  r.rt.afterNext('create', () => r.rt.goAway());
  const { arn, tk, td } = run(r, [APP]);
  await until(() => r.rt.containers.size === 1 && r.logs.lines().some((l) => l.msg === 'Docker did not answer; the task waits until it is back'), 'create made, answer lost');
  r.engine.applyAssignments(batch([{ task: withDesired(tk, 'STOPPED'), taskDefinition: td }]));
  const stopped = await r.reports.status(arn, 'STOPPED');
  t.notOk(container(stopped, 'app').runtimeId, 'its id was never learnt');
  r.rt.comeBack();
  await cleanUp(r, arn);
  t.equal(r.rt.containers.size, 0, 'found by its saved name and removed');
});

t.test('Docker away while a task stops: the stop is made once Docker is back', async (t) => {
  const r = await open(t);
  const { arn, tk, td } = run(r, [APP]);
  await r.reports.status(arn, 'RUNNING');
  r.rt.goAway();
  r.engine.applyAssignments(batch([{ task: withDesired(tk, 'STOPPED'), taskDefinition: td }]));
  await until(() => r.logs.lines().some((l) => l.msg === 'Docker did not answer; the task waits until it is back'), 'the stop got no answer');
  t.notOk(r.reports.of(arn).some((x) => x.lastStatus === 'STOPPED'), 'not STOPPED while its container may run');
  r.rt.comeBack();
  const stopped = await r.reports.status(arn, 'STOPPED');
  t.equal(container(stopped, 'app').exitCode, 0);
  t.notOk(container(stopped, 'app').reason, 'a clean stop');
  await cleanUp(r, arn);
  t.equal(r.rt.containers.size, 0);
});

t.test('Docker away while task resources are made: the task volume is made once Docker is back', async (t) => {
  const r = await open(t);
  r.rt.goAway();
  const { arn } = run(r, [{ ...APP, mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] }], { volumes: [{ name: 'data', dockerVolumeConfiguration: { scope: 'task' } }] });
  await until(() => r.logs.lines().some((l) => l.msg === 'Docker did not answer; the task waits until it is back'), 'the task noticed');
  r.rt.comeBack();
  await r.reports.status(arn, 'RUNNING');
  t.equal(r.rt.volumes.size, 1, 'one volume');
  t.equal(r.rt.containers.size, 1);
});

for (const dieEventsSeen of [true, false]) {
  t.test(`dockerd restarted under running tasks (die events ${dieEventsSeen ? 'seen, inspects unanswered' : 'lost'}): reconciled as soon as Docker is back`, async (t) => {
    const r = await open(t);
    const a = run(r, [APP]);
    const b = run(r, [APP, { name: 'side', essential: false, command: ['idle'] }]);
    await r.reports.status(a.arn, 'RUNNING');
    await r.reports.status(b.arn, 'RUNNING');
    r.rt.stopDaemon({ dieEventsSeen });
    await sleep(300);
    t.notOk(r.reports.all.some((x) => x.lastStatus === 'STOPPED'), 'nothing known while Docker is away');
    const back = Date.now();
    r.rt.comeBack();
    const [sa, sb] = await Promise.all([r.reports.status(a.arn, 'STOPPED', 5_000), r.reports.status(b.arn, 'STOPPED', 5_000)]);
    t.ok(Date.now() - back < 5_000, 'at once, not at the next periodic poll');
    t.equal(container(sa, 'app').exitCode, 143);
    t.equal(container(sb, 'app').exitCode, 143);
    t.equal(container(sb, 'side').exitCode, 143);
    t.ok(r.logs.lines().some((l) => l.msg === 'Docker connection back; reconciling every task with Docker'));
  });
}

t.test('Docker back without the event stream noticing: the task tries again after a back-off', async (t) => {
  const r = await open(t);
  r.rt.goAway({ streamsStayOpen: true });
  const { arn } = run(r, [APP]);
  await until(() => r.logs.lines().some((l) => l.msg === 'Docker did not answer; the task waits until it is back'), 'the task noticed');
  r.rt.comeBack();
  await r.reports.status(arn, 'RUNNING', 10_000);
  t.ok(r.logs.lines().some((l) => l.msg === 'trying Docker again'));
  t.equal(r.rt.containers.size, 1);
});
