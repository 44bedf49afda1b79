// Table tests of the pure rules behind dependsOn, health checks and restart policies.
import t from 'tap';
import {
  DEPENDENCY_EXIT_CODE,
  containerDependencies,
  describe,
  startGate,
  stopBlockers,
  type OrderView,
} from '../src/engine/dependencies.js';
import { dockerHealthcheck, healthFromDocker, nextHealth } from '../src/engine/health.js';
import { DEFAULT_RESTART_ATTEMPT_PERIOD, restartDecision } from '../src/engine/restart-policy.js';

const view = (name: string, o: Partial<OrderView> = {}): OrderView => ({
  name, image: 'img', knownStatus: 'NONE', desiredStatus: 'RUNNING', hasHealthCheck: false, dependsOn: [], ...o,
});
const all = (...vs: OrderView[]) => new Map(vs.map((v) => [v.name, v]));

t.test('containerDependencies: dependsOn plus the implied links (START) and volumesFrom (CREATE)', async (t) => {
  t.same(
    containerDependencies({ name: 'a', dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }], links: ['db:database'], volumesFrom: [{ sourceContainer: 'data' }] }),
    [{ containerName: 'init', condition: 'SUCCESS' }, { containerName: 'data', condition: 'CREATE' }, { containerName: 'db', condition: 'START' }],
  );
  t.same(containerDependencies({ name: 'a' }), []);
});

t.test('startGate: when each condition holds', async (t) => {
  const cases: [string, OrderView['dependsOn'][number]['condition'], Partial<OrderView>, 'go' | 'wait' | 'fail'][] = [
    ['START, dep not started', 'START', { knownStatus: 'CREATED' }, 'wait'],
    ['START, dep running', 'START', { knownStatus: 'RUNNING' }, 'go'],
    ['START, dep ran and stopped', 'START', { knownStatus: 'STOPPED', exitCode: 0, desiredStatus: 'STOPPED', startedAt: 1 }, 'go'],
    ['START, dep never started, not given up yet', 'START', { knownStatus: 'PULLED' }, 'wait'],
    ['COMPLETE, dep given up before it ran', 'COMPLETE', { knownStatus: 'STOPPED', exitCode: 143, desiredStatus: 'STOPPED' }, 'fail'],
    ['START, dep given up before starting', 'START', { knownStatus: 'STOPPED', desiredStatus: 'STOPPED' }, 'fail'],
    ['START, dep given up, its create in flight', 'START', { knownStatus: 'PULLED', desiredStatus: 'STOPPED', applied: 'CREATED' }, 'wait'],
    ['CREATE, dep pulled', 'CREATE', { knownStatus: 'PULLED' }, 'wait'],
    ['CREATE, dep created', 'CREATE', { knownStatus: 'CREATED' }, 'go'],
    ['COMPLETE, dep running', 'COMPLETE', { knownStatus: 'RUNNING' }, 'wait'],
    ['COMPLETE, dep exited 3', 'COMPLETE', { knownStatus: 'STOPPED', exitCode: 3, desiredStatus: 'STOPPED', startedAt: 1 }, 'go'],
    ['SUCCESS, dep running', 'SUCCESS', { knownStatus: 'RUNNING' }, 'wait'],
    ['SUCCESS, dep exited 0', 'SUCCESS', { knownStatus: 'STOPPED', exitCode: 0, desiredStatus: 'STOPPED', startedAt: 1 }, 'go'],
    ['SUCCESS, dep exited 1', 'SUCCESS', { knownStatus: 'STOPPED', exitCode: 1 }, 'fail'],
    ['SUCCESS, dep stopped, no exit code', 'SUCCESS', { knownStatus: 'STOPPED' }, 'fail'],
    ['HEALTHY, dep running, unknown', 'HEALTHY', { knownStatus: 'RUNNING', hasHealthCheck: true }, 'wait'],
    ['HEALTHY, dep unhealthy (may recover: waits, as ECS)', 'HEALTHY', { knownStatus: 'RUNNING', hasHealthCheck: true, healthStatus: 'UNHEALTHY' }, 'wait'],
    ['HEALTHY, dep healthy', 'HEALTHY', { knownStatus: 'RUNNING', hasHealthCheck: true, healthStatus: 'HEALTHY' }, 'go'],
    ['HEALTHY, dep has no health check', 'HEALTHY', { knownStatus: 'RUNNING', healthStatus: 'HEALTHY' }, 'wait'],
    ['HEALTHY, dep stopped unhealthy', 'HEALTHY', { knownStatus: 'STOPPED', exitCode: 0, hasHealthCheck: true, healthStatus: 'UNHEALTHY' }, 'fail'],
  ];
  for (const [name, condition, dep, want] of cases) {
    const target = view('app', { dependsOn: [{ containerName: 'dep', condition }] });
    t.equal(startGate(target, all(target, view('dep', dep)), 0).kind, want, name);
  }
  const target = view('app', { dependsOn: [{ containerName: 'gone', condition: 'START' }] });
  t.match(startGate(target, all(target), 0), { kind: 'fail', message: /dependency \[<nil>\] for target \[app\(img\) \(NONE->RUNNING\)\] does not exist\./ });
  const stopping = view('app', { desiredStatus: 'STOPPED', dependsOn: [{ containerName: 'dep', condition: 'START' }] });
  t.equal(startGate(stopping, all(stopping, view('dep')), 0).kind, 'go', 'a container going to STOPPED is never held by its dependencies');
});

t.test('startGate: ECS messages, the first unmet dependency, start timeouts', async (t) => {
  const app = view('app', { dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] });
  const failed = view('init', { knownStatus: 'STOPPED', desiredStatus: 'STOPPED', exitCode: 1 });
  t.same(startGate(app, all(app, failed), 0), {
    kind: 'fail',
    message: 'dependency graph: failed to resolve container ordering dependency [init(img) (STOPPED->STOPPED) - Exit: 1] for target [app(img) (NONE->RUNNING)] as dependency did not exit successfully.',
  });
  t.equal(DEPENDENCY_EXIT_CODE, 143);
  t.equal(describe(undefined), '<nil>');

  const two = view('app', { dependsOn: [{ containerName: 'a', condition: 'START' }, { containerName: 'b', condition: 'HEALTHY' }] });
  t.same(startGate(two, all(two, view('a', { knownStatus: 'RUNNING' }), view('b', { knownStatus: 'RUNNING', hasHealthCheck: true })), 0), { kind: 'wait', on: { containerName: 'b', condition: 'HEALTHY' } });

  const w = view('app', { dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] });
  const db = view('db', { knownStatus: 'RUNNING', hasHealthCheck: true, startedAt: 10_000, startTimeoutSec: 5 });
  t.equal(startGate(w, all(w, db), 15_000).kind, 'wait', 'within the startTimeout of the dependency');
  t.match(startGate(w, all(w, db), 15_001), { kind: 'fail', message: /dependency graph: container ordering dependency \[db\(img\) \(RUNNING->RUNNING\)\] for target \[app\(img\) \(NONE->RUNNING\)\] has timed out\./ });
  t.equal(startGate(w, all(w, { ...db, startTimeoutSec: undefined }), 1e12).kind, 'wait', 'no startTimeout: no time limit');
  t.equal(startGate(w, all(w, { ...db, startedAt: undefined }), 1e12).kind, 'wait', 'not started: the clock has not begun');
  const s = view('app', { dependsOn: [{ containerName: 'db', condition: 'START' }] });
  t.equal(startGate(s, all(s, { ...db, knownStatus: 'CREATED' }), 1e12).kind, 'wait', 'START has no time limit');
  const created = view('app', { knownStatus: 'CREATED', dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] });
  t.equal(startGate(created, all(created, db), 1e12).kind, 'wait', 'a created target no longer times out');
});

t.test('stopBlockers: a container stops after the containers that depend on it', async (t) => {
  const db = view('db', { knownStatus: 'RUNNING', desiredStatus: 'STOPPED' });
  const app = view('app', { knownStatus: 'RUNNING', desiredStatus: 'STOPPED', dependsOn: [{ containerName: 'db', condition: 'START' }] });
  const other = view('other', { knownStatus: 'RUNNING', desiredStatus: 'STOPPED' });
  t.same(stopBlockers(db, all(db, app, other)), ['app']);
  t.same(stopBlockers(app, all(db, app, other)), [], 'nothing depends on app');
  t.same(stopBlockers(db, all(db, { ...app, knownStatus: 'STOPPED' }, other)), [], 'app stopped: db may stop');
});

t.test('dockerHealthcheck: ECS healthCheck to Docker, with ECS defaults', async (t) => {
  const s = 1e9;
  t.same(dockerHealthcheck({ command: ['CMD-SHELL', 'curl -f localhost'] }), { Test: ['CMD-SHELL', 'curl -f localhost'], Interval: 30 * s, Timeout: 5 * s, Retries: 3 });
  t.same(dockerHealthcheck({ command: ['CMD', '/bin/true'], interval: 5, timeout: 2, retries: 1, startPeriod: 10 }), { Test: ['CMD', '/bin/true'], Interval: 5 * s, Timeout: 2 * s, Retries: 1, StartPeriod: 10 * s });
  t.same(dockerHealthcheck({ command: ['NONE'] }), { Test: ['NONE'] });
  t.equal(dockerHealthcheck(undefined), undefined);
  t.equal(dockerHealthcheck({ command: [] }), undefined);
});

t.test('health from Docker: starting changes nothing; a new status stamps since', async (t) => {
  t.equal(healthFromDocker('healthy'), 'HEALTHY');
  t.equal(healthFromDocker('unhealthy'), 'UNHEALTHY');
  t.equal(healthFromDocker('starting'), undefined);
  t.equal(healthFromDocker(undefined), undefined);
  t.equal(nextHealth(undefined, { status: 'starting' }, 5), undefined);
  t.same(nextHealth(undefined, { status: 'healthy', lastExitCode: 0, lastOutput: 'ok' }, 5), { status: 'HEALTHY', since: 5, output: 'ok' });
  t.equal(nextHealth({ status: 'HEALTHY', since: 5 }, { status: 'healthy' }, 9), undefined, 'same status: since kept');
  const bad = nextHealth({ status: 'HEALTHY', since: 5 }, { status: 'unhealthy', lastExitCode: 1, lastOutput: 'x'.repeat(2000) }, 9)!;
  t.equal(bad.status, 'UNHEALTHY');
  t.equal(bad.exitCode, 1);
  t.equal(bad.since, 9);
  t.equal(bad.output!.length, 1024, 'output capped');
});

t.test('restartDecision: ECS restart tracker rules', async (t) => {
  const min = 60_000;
  const on = { enabled: true, ignoredExitCodes: [0, 42], restartAttemptPeriod: 60 };
  const cases: [string, Parameters<typeof restartDecision>[0], Parameters<typeof restartDecision>[1], number, boolean, string?][] = [
    ['no policy', undefined, { exitCode: 1, desiredStatus: 'RUNNING', startedAt: 0 }, 10 * min, false, 'restart policy is not enabled'],
    ['disabled', { enabled: false }, { exitCode: 1, desiredStatus: 'RUNNING', startedAt: 0 }, 10 * min, false],
    ['desired STOPPED', on, { exitCode: 1, desiredStatus: 'STOPPED', startedAt: 0 }, 10 * min, false, "container's desired status is stopped"],
    ['no exit code', on, { desiredStatus: 'RUNNING', startedAt: 0 }, 10 * min, false, 'exit code is nil'],
    ['ignored exit code', on, { exitCode: 42, desiredStatus: 'RUNNING', startedAt: 0 }, 10 * min, false, 'exit code 42 should be ignored'],
    ['ran long enough since start', on, { exitCode: 1, desiredStatus: 'RUNNING', startedAt: 0 }, min, true],
    ['exited too early after start', on, { exitCode: 1, desiredStatus: 'RUNNING', startedAt: 0 }, min - 1, false, 'attempt reset period has not elapsed'],
    ['last restart counts, not the first start', on, { exitCode: 1, desiredStatus: 'RUNNING', startedAt: 0, lastRestartAt: 5 * min }, 5 * min + 30_000, false],
    ['long enough since the last restart', on, { exitCode: 1, desiredStatus: 'RUNNING', startedAt: 0, lastRestartAt: 5 * min }, 6 * min, true],
    ['default period 300 s', { enabled: true }, { exitCode: 0, desiredStatus: 'RUNNING', startedAt: 0 }, 299_999, false],
    ['default period elapsed; exit 0 restarts unless ignored', { enabled: true }, { exitCode: 0, desiredStatus: 'RUNNING', startedAt: 0 }, DEFAULT_RESTART_ATTEMPT_PERIOD * 1000, true],
  ];
  for (const [name, policy, input, now, want, reason] of cases) {
    const d = restartDecision(policy, input, now);
    t.equal(d.restart, want, name);
    if (reason) t.equal(d.reason, reason, `${name}: reason`);
  }
});
