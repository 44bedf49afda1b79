// The task-set decision (the EXTERNAL deployment controller) as tables, in the replica scheduler's manner:
// one decision per row, then an external controller's whole flow simulated tick by tick.
import t from 'tap';
import {
  computedDesiredCount, decideTaskSets, initialSchedulerState, type SchedulerSettings, type SchedulerState, type ServiceTask,
  type Task, type TaskSet, type TaskSetInput, type TaskSetPlan,
} from '../src/index.js';

const S: SchedulerSettings = { settleSeconds: 40, throttleBaseSeconds: 10, throttleMaxSeconds: 900, throttleEventAfter: 3 };
const arn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/c/${id}`;
const NOW = 1000;

type Kind = 'pending' | 'running' | 'unhealthy' | 'stopping' | 'failedStart';
function task(id: string, set: string, kind: Kind, createdAgo = 100): ServiceTask {
  const t: Task = { taskArn: arn(id), startedBy: set, group: 'service:web', createdAt: NOW - createdAgo, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', startedAt: NOW - 60 };
  if (kind === 'pending') { t.lastStatus = 'PENDING'; delete t.startedAt; }
  if (kind === 'unhealthy') t.healthStatus = 'UNHEALTHY';
  if (kind === 'stopping') Object.assign(t, { desiredStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated' });
  if (kind === 'failedStart') { Object.assign(t, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedAt: NOW - 1 }); delete t.startedAt; }
  return { task: t, healthChecked: kind === 'unhealthy' };
}

const set = (id: string, status: string, pct: number, extra: Partial<TaskSet> = {}): TaskSet =>
  ({ id, status, taskDefinition: `td:${id}`, scale: { value: pct, unit: 'PERCENT' }, computedDesiredCount: 0, runningCount: 0, pendingCount: 0, stabilityStatus: 'STABILIZING', ...extra });

function input(over: Partial<TaskSetInput>): TaskSetInput {
  return { serviceName: 'web', status: 'ACTIVE', desiredCount: 4, taskSets: [], tasks: [], state: initialSchedulerState(), now: NOW, settings: S, newDeploymentId: 'unused', ...over };
}

/** A plan in short: starts, stopped ids, task sets as id:status:computed:running:pending:stability, removed ids. */
function record(p: TaskSetPlan) {
  return {
    start: p.start.map((s) => `${s.deploymentId}+${s.count}`),
    stop: p.stop.map((s) => s.taskArn.split('/').pop()),
    sets: p.taskSets.map((s) => `${s.id}:${s.status}:${s.computedDesiredCount}:${s.runningCount}:${s.pendingCount}:${s.stabilityStatus}`),
    removed: p.removed,
    stable: p.stable,
  };
}

t.test('computedDesiredCount: the percentage of desiredCount, rounded up; nothing while DRAINING', async (t) => {
  const cases: [number, number, string, number][] = [
    [4, 100, 'ACTIVE', 4], [4, 50, 'PRIMARY', 2], [3, 50, 'ACTIVE', 2], [3, 33.333333, 'ACTIVE', 1], [10, 0.5, 'ACTIVE', 1],
    [0, 100, 'PRIMARY', 0], [4, 0, 'ACTIVE', 0], [4, 100, 'DRAINING', 0],
  ];
  for (const [desired, pct, status, want] of cases) t.equal(computedDesiredCount(desired, { value: pct, unit: 'PERCENT' }, status), want, `${pct}% of ${desired}, ${status}`);
  t.equal(computedDesiredCount(4, undefined, 'ACTIVE'), 4, 'no scale: 100%');
});

const rows: { name: string; in: Partial<TaskSetInput>; want: Partial<ReturnType<typeof record>> }[] = [
  { name: 'a new task set starts its computed count',
    in: { taskSets: [set('a', 'PRIMARY', 100)] },
    want: { start: ['a+4'], stop: [], sets: ['a:PRIMARY:4:0:0:STABILIZING'], stable: false } },
  { name: 'two task sets, each kept at its own share',
    in: { taskSets: [set('a', 'PRIMARY', 100), set('b', 'ACTIVE', 50)], tasks: ['1', '2', '3', '4'].map((id) => task(id, 'a', 'running')) },
    want: { start: ['b+2'], stop: [], sets: ['a:PRIMARY:4:4:0:STEADY_STATE', 'b:ACTIVE:2:0:0:STABILIZING'] } },
  { name: 'scaled down: pending first, then the newest',
    in: { taskSets: [set('a', 'PRIMARY', 25)], tasks: [task('1', 'a', 'running'), task('2', 'a', 'pending'), task('3', 'a', 'running', 70)] },
    want: { start: [], stop: ['2', '3'], sets: ['a:PRIMARY:1:2:1:STABILIZING'] } },
  { name: 'steady: running at the computed count, nothing pending',
    in: { taskSets: [set('a', 'PRIMARY', 50)], tasks: [task('1', 'a', 'running'), task('2', 'a', 'running')] },
    want: { start: [], stop: [], sets: ['a:PRIMARY:2:2:0:STEADY_STATE'], stable: true } },
  { name: 'a DRAINING task set stops its tasks, and is gone once none is left',
    in: { taskSets: [set('a', 'PRIMARY', 100), set('b', 'DRAINING', 100)], desiredCount: 1, tasks: [task('1', 'a', 'running'), task('2', 'b', 'running'), task('3', 'b', 'stopping')] },
    want: { stop: ['2'], sets: ['a:PRIMARY:1:1:0:STEADY_STATE', 'b:DRAINING:0:2:0:STABILIZING'], removed: [], stable: false } },
  { name: 'a drained task set is removed',
    in: { taskSets: [set('a', 'PRIMARY', 100), set('b', 'DRAINING', 100)], desiredCount: 1, tasks: [task('1', 'a', 'running')] },
    want: { stop: [], sets: ['a:PRIMARY:1:1:0:STEADY_STATE'], removed: ['b'], stable: true } },
  { name: 'an unhealthy task is replaced in its own task set',
    in: { taskSets: [set('a', 'PRIMARY', 50)], tasks: [task('1', 'a', 'running'), task('2', 'a', 'unhealthy')] },
    want: { start: ['a+1'], stop: ['2'] } },
  { name: 'tasks of a task set no longer listed are stopped',
    in: { taskSets: [set('a', 'PRIMARY', 25)], tasks: [task('1', 'a', 'running'), task('2', 'gone', 'running')] },
    want: { start: [], stop: ['2'], stable: false } },
  { name: 'a deleted service stops everything',
    in: { status: 'DRAINING', taskSets: [set('a', 'PRIMARY', 100)], tasks: [task('1', 'a', 'running'), task('2', 'a', 'pending')] },
    want: { start: [], stop: ['1', '2'], sets: ['a:PRIMARY:0:1:1:STABILIZING'] } },
];

for (const row of rows) {
  t.test(row.name, async (t) => {
    const got = record(decideTaskSets(input(row.in)));
    for (const [k, v] of Object.entries(row.want)) t.same(got[k as keyof typeof got], v, k);
  });
}

t.test('a failed start throttles the task set like a service', async (t) => {
  const p = decideTaskSets(input({ taskSets: [set('a', 'PRIMARY', 25)], tasks: [task('1', 'a', 'failedStart')] }));
  t.same(p.start, [], 'no launch while throttled');
  t.equal(p.wakeAt, NOW + 10);
  t.equal(p.state.startFailures, 1);
});

// --- simulation: an external controller's flow on a pretend cluster -------------------------------------

interface Sim { tasks: ServiceTask[]; sets: TaskSet[]; state: SchedulerState; now: number }
let n = 0;
/** Each tick: stops take effect, PENDING tasks run; one decision, applied (its task sets replace the sim's). */
function tick(sim: Sim, desiredCount: number): TaskSetPlan {
  sim.now += 10;
  for (const x of sim.tasks) {
    if (x.task.desiredStatus === 'STOPPED') Object.assign(x.task, { lastStatus: 'STOPPED', stoppedAt: sim.now });
    else if (x.task.lastStatus === 'PENDING') Object.assign(x.task, { lastStatus: 'RUNNING', startedAt: sim.now });
  }
  const p = decideTaskSets(input({ desiredCount, taskSets: sim.sets, tasks: sim.tasks, state: sim.state, now: sim.now }));
  for (const s of p.stop) Object.assign(sim.tasks.find((x) => x.task.taskArn === s.taskArn)!.task, { desiredStatus: 'STOPPED', stopCode: s.stopCode });
  for (const s of p.start) for (let k = 0; k < s.count; k++) {
    sim.tasks.push({ task: { taskArn: arn(`t${++n}`), startedBy: s.deploymentId, group: 'service:web', createdAt: sim.now, lastStatus: 'PENDING', desiredStatus: 'RUNNING' }, healthChecked: false });
  }
  sim.sets = p.taskSets;
  sim.state = p.state;
  return p;
}
const running = (sim: Sim, id: string) => sim.tasks.filter((x) => x.task.startedBy === id && x.task.lastStatus === 'RUNNING' && x.task.desiredStatus === 'RUNNING').length;
const settle = (sim: Sim, desired: number) => {
  for (let i = 0; i < 10; i++) if (tick(sim, desired).stable) return true;
  return false;
};

t.test('simulated: blue at 100%, green added at 100%, primary shifted, blue scaled to 0 and deleted', async (t) => {
  const sim: Sim = { tasks: [], sets: [set('blue', 'PRIMARY', 100)], state: initialSchedulerState(), now: 0 };
  t.ok(settle(sim, 3), 'blue steady');
  t.equal(running(sim, 'blue'), 3);
  sim.sets = [...sim.sets, set('green', 'ACTIVE', 100)];
  t.ok(settle(sim, 3), 'both steady');
  t.same([running(sim, 'blue'), running(sim, 'green')], [3, 3], 'green runs beside blue');
  sim.sets = sim.sets.map((s) => ({ ...s, status: s.id === 'green' ? 'PRIMARY' : 'ACTIVE' }));
  sim.sets = sim.sets.map((s) => (s.id === 'blue' ? { ...s, scale: { value: 0, unit: 'PERCENT' } } : s));
  t.ok(settle(sim, 3), 'blue scaled to 0');
  t.same([running(sim, 'blue'), running(sim, 'green')], [0, 3]);
  sim.sets = sim.sets.map((s) => (s.id === 'blue' ? { ...s, status: 'DRAINING' } : s));
  tick(sim, 3);
  t.same(sim.sets.map((s) => `${s.id}:${s.status}:${s.stabilityStatus}`), ['green:PRIMARY:STEADY_STATE'], 'blue is gone');
  t.ok(settle(sim, 6), 'the service scaled out');
  t.equal(running(sim, 'green'), 6, 'green follows the desired count');
});
