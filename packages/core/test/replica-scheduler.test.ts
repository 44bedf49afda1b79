// The replica scheduler as tables: one decision per row (inputs -> the recorded plan), then whole rollouts
// simulated tick by tick, recording every plan and checking the bounds at every step.
import t from 'tap';
import {
  circuitBreakerThreshold, decideService, deploymentId, initialSchedulerState, maximumTotal, minimumHealthy, newDeployment,
  startDeployment, type Deployment, type SchedulerInput, type SchedulerPlan, type SchedulerSettings, type SchedulerState,
  type ServiceTask, type Task,
} from '../src/index.js';

const S: SchedulerSettings = { settleSeconds: 40, throttleBaseSeconds: 10, throttleMaxSeconds: 900, throttleEventAfter: 3 };
const arn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/c/${id}`;
const NOW = 1000;

type Kind = 'pending' | 'running' | 'healthy' | 'unhealthy' | 'stopping' | 'crashed' | 'failedStart' | 'scaledIn';
function task(id: string, dep: string, kind: Kind, opts: { hc?: boolean; startedAgo?: number } = {}): ServiceTask {
  const t: Task = { taskArn: arn(id), startedBy: dep, group: 'service:web', createdAt: NOW - 100, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', healthStatus: 'UNKNOWN' };
  const startedAgo = opts.startedAgo ?? (kind === 'running' ? 5 : 60);
  if (kind === 'pending') t.lastStatus = 'PENDING';
  else t.startedAt = NOW - startedAgo;
  if (kind === 'healthy' && opts.hc) t.healthStatus = 'HEALTHY';
  if (kind === 'unhealthy') t.healthStatus = 'UNHEALTHY';
  if (kind === 'stopping') { t.desiredStatus = 'STOPPED'; t.stopCode = 'ServiceSchedulerInitiated'; }
  if (kind === 'crashed') Object.assign(t, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', startedAt: NOW - 3, stoppedAt: NOW - 1 });
  if (kind === 'failedStart') { Object.assign(t, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedAt: NOW - 1 }); delete t.startedAt; }
  if (kind === 'scaledIn') Object.assign(t, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated', stoppedAt: NOW - 1 });
  return { task: t, healthChecked: opts.hc ?? false };
}

const dep = (id: string, status: string, rollout: Deployment['rolloutState'] = status === 'PRIMARY' ? 'IN_PROGRESS' : 'COMPLETED', extra: Partial<Deployment> = {}): Deployment =>
  ({ ...newDeployment({ id, taskDefinition: `td:${id}`, desiredCount: 0, now: 0 }), status, rolloutState: rollout, ...extra });

function input(over: Partial<SchedulerInput>): SchedulerInput {
  return {
    serviceName: 'web', status: 'ACTIVE', desiredCount: 2, deployments: [dep('new', 'PRIMARY')], tasks: [],
    state: initialSchedulerState(), now: NOW, settings: S, newDeploymentId: 'rollback', ...over,
  };
}

/** What a plan records, in short: starts, stopped ids, deployments as id:status:rollout:failed, events. */
function record(p: SchedulerPlan) {
  return {
    start: p.start.map((s) => `${s.deploymentId}+${s.count}`),
    stop: p.stop.map((s) => s.taskArn.split('/').pop()),
    deployments: p.deployments.map((d) => `${d.id}:${d.status}:${d.rolloutState}:${d.failedTasks}`),
    events: p.events.map((e) => e.message),
    /** The Service Action of each event that is one. */
    actions: p.events.flatMap((e) => (e.action ? [e.action] : [])),
    stable: p.stable,
  };
}

t.test('bounds and thresholds: ECS rounding', async (t) => {
  t.equal(minimumHealthy(4, 50), 2);
  t.equal(minimumHealthy(2, 75), 2);
  t.equal(minimumHealthy(3, 33), 1);
  t.equal(maximumTotal(4, 200), 8);
  t.equal(maximumTotal(3, 125), 3);
  t.equal(circuitBreakerThreshold(1), 3);
  t.equal(circuitBreakerThreshold(10), 5);
  t.equal(circuitBreakerThreshold(25), 13);
  t.equal(circuitBreakerThreshold(1000), 200);
  t.match(deploymentId(1_700_000_000_000, 7), /^ecs-svc\/\d{19}$/);
  t.ok(deploymentId(2_000, 0) < deploymentId(1_000, 0), 'later deployments get smaller numbers');
});

const rows: { name: string; in: Partial<SchedulerInput>; want: Partial<ReturnType<typeof record>> }[] = [
  { name: 'a new service starts its desired count', in: { desiredCount: 3 },
    want: { start: ['new+3'], stop: [], stable: false } },
  { name: 'scale in stops pending, then unsettled, then newest first',
    in: { desiredCount: 1, deployments: [dep('new', 'PRIMARY', 'COMPLETED')], tasks: [task('a', 'new', 'running', { startedAgo: 100 }), task('b', 'new', 'pending'), task('c', 'new', 'running')] },
    want: { start: [], stop: ['b', 'c'] } },
  { name: 'a crashed task is replaced and counted as a failure',
    in: { desiredCount: 2, tasks: [task('a', 'new', 'running', { startedAgo: 100 }), task('b', 'new', 'crashed')] },
    want: { start: ['new+1'], stop: [], deployments: ['new:PRIMARY:IN_PROGRESS:1'] } },
  { name: 'a task stopped by the scheduler is no failure',
    in: { desiredCount: 1, tasks: [task('a', 'new', 'running', { startedAgo: 100 }), task('b', 'new', 'scaledIn')] },
    want: { start: [], deployments: ['new:PRIMARY:COMPLETED:0'], events: ['(service web) (deployment new) deployment completed.', '(service web) has reached a steady state.'], actions: ['SERVICE_STEADY_STATE'], stable: true } },
  { name: 'rolling update, min 100 max 200: start all new, stop no old while new are unsettled',
    in: { desiredCount: 4, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], tasks: ['a', 'b', 'c', 'd'].map((id) => task(id, 'old', 'running', { startedAgo: 100 })) },
    want: { start: ['new+4'], stop: [] } },
  { name: 'rolling update, min 50 max 100: stop two old first',
    in: { desiredCount: 4, deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 }, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: ['a', 'b', 'c', 'd'].map((id) => task(id, 'old', 'running', { startedAgo: 100 })) },
    want: { start: [], stop: ['a', 'b'] } },
  // The settle time delays counting a task as healthy; it does not make a serving old task expendable.
  { name: 'rolling update right after a scale-out, min 100: the old task still settling is kept',
    in: { desiredCount: 2, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], tasks: [task('a', 'old', 'healthy'), task('b', 'old', 'running')] },
    want: { start: ['new+2'], stop: [] } },
  { name: 'min 50: a settling old task may stop while the minimum stays healthy without it',
    in: { desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 50 }, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [task('a', 'old', 'healthy'), task('b', 'old', 'running')] },
    want: { start: ['new+2'], stop: ['b'] } },
  { name: 'min 100: an old health-checked task whose checks have not passed yet is kept too',
    in: { desiredCount: 2, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [task('a', 'old', 'healthy', { hc: true }), task('b', 'old', 'running', { hc: true })] },
    want: { start: ['new+2'], stop: [] } },
  { name: 'min 100: old tasks that serve nothing (pending, unhealthy) still go at once',
    in: { desiredCount: 2, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [task('a', 'old', 'healthy'), task('b', 'old', 'pending'), task('c', 'old', 'unhealthy', { hc: true, startedAgo: 5 })] },
    want: { stop: ['c', 'b'] } },
  { name: 'min 100: once the new tasks count as healthy, the old ones go, settled or not',
    in: { desiredCount: 2, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [task('a', 'old', 'healthy'), task('b', 'old', 'running'), task('c', 'new', 'healthy'), task('d', 'new', 'healthy')] },
    want: { start: [], stop: ['b', 'a'] } },
  { name: 'min 100 max 100 cannot progress: the ECS event',
    in: { desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100 }, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: ['a', 'b'].map((id) => task(id, 'old', 'running', { startedAgo: 100 })) },
    want: { start: [], stop: [], actions: [], events: ['(service web) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.'] } },
  { name: 'an old deployment with no task left is dropped; the new one completes',
    in: { desiredCount: 1, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], tasks: [task('a', 'new', 'running', { startedAgo: 100 }), task('b', 'old', 'scaledIn')] },
    want: { deployments: ['new:PRIMARY:COMPLETED:0'], stable: true } },
  { name: 'unhealthy past the grace period is replaced; within it, kept',
    in: { desiredCount: 2, healthCheckGracePeriodSeconds: 30, deployments: [dep('new', 'PRIMARY', 'COMPLETED')],
      tasks: [task('a', 'new', 'unhealthy', { hc: true, startedAgo: 60 }), task('b', 'new', 'unhealthy', { hc: true, startedAgo: 10 })] },
    want: { stop: ['a'], start: ['new+1'], events: ['(service web) has stopped 1 running tasks: (task a). These tasks failed container health checks.'], actions: ['TASKS_STOPPED'] } },
  // Stable is ECS's services-stable (runningCount); the rollout completes only on HEALTHY.
  { name: 'health-checked tasks count only when HEALTHY',
    in: { desiredCount: 1, tasks: [task('a', 'new', 'running', { hc: true, startedAgo: 100 })] },
    want: { deployments: ['new:PRIMARY:IN_PROGRESS:0'], stable: true } },
  { name: 'a failed start throttles the next launch',
    in: { desiredCount: 1, tasks: [task('a', 'new', 'failedStart')] },
    want: { start: [] } },
  { name: 'the circuit breaker trips at the threshold and rolls back to the last completed deployment',
    in: { desiredCount: 1, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      deployments: [dep('new', 'PRIMARY', 'IN_PROGRESS', { failedTasks: 2 }), dep('old', 'ACTIVE')],
      state: { ...initialSchedulerState(), lastCompleted: { id: 'old', taskDefinition: 'td:old' } },
      tasks: [task('a', 'old', 'running', { startedAgo: 100 }), task('b', 'new', 'crashed')] },
    // The failed deployment's only task is STOPPED, so it leaves the list at once.
    want: { start: ['rollback+1'], deployments: ['rollback:PRIMARY:IN_PROGRESS:0', 'old:ACTIVE:COMPLETED:0'], events: ['(service web) (deployment new) deployment failed: tasks failed to start.'] } },
  { name: 'without rollback a failed deployment launches nothing and stops nothing',
    in: { desiredCount: 2, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
      deployments: [dep('new', 'PRIMARY', 'IN_PROGRESS', { failedTasks: 2 }), dep('old', 'ACTIVE')],
      tasks: [task('a', 'old', 'running', { startedAgo: 100 }), task('b', 'new', 'crashed')] },
    want: { start: [], stop: [], deployments: ['new:PRIMARY:FAILED:3', 'old:ACTIVE:COMPLETED:0'] } },
  { name: 'scale-in passes over a protected task (it counts all the same)',
    in: { desiredCount: 1, deployments: [dep('new', 'PRIMARY', 'COMPLETED')],
      tasks: [{ ...task('a', 'new', 'healthy'), protectedUntil: NOW + 60 }, task('b', 'new', 'healthy'), task('c', 'new', 'running')] },
    want: { start: [], stop: ['c', 'b'] } },
  { name: 'scale-in with every extra task protected stops nothing',
    in: { desiredCount: 1, deployments: [dep('new', 'PRIMARY', 'COMPLETED')],
      tasks: [{ ...task('a', 'new', 'healthy'), protectedUntil: NOW + 60 }, { ...task('b', 'new', 'healthy'), protectedUntil: NOW + 30 }] },
    want: { start: [], stop: [] } },
  { name: 'an expired protection no longer holds: the scale-in stops the task',
    in: { desiredCount: 1, deployments: [dep('new', 'PRIMARY', 'COMPLETED')],
      tasks: [{ ...task('a', 'new', 'healthy'), protectedUntil: NOW }, task('b', 'new', 'healthy', { startedAgo: 100 })] },
    want: { stop: ['a'] } },
  { name: 'a deployment does not stop a protected old task; the rollout waits for it',
    in: { desiredCount: 2, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [{ ...task('a', 'old', 'healthy'), protectedUntil: NOW + 60 }, task('b', 'old', 'healthy'), task('c', 'new', 'healthy'), task('d', 'new', 'healthy')] },
    want: { start: [], stop: ['b'], deployments: ['new:PRIMARY:IN_PROGRESS:0', 'old:ACTIVE:COMPLETED:0'] } },
  { name: 'a deployment alarm in ALARM fails the deployment and rolls back to the last completed one',
    in: { desiredCount: 1, deploymentConfiguration: { alarms: { alarmNames: ['cpu', 'errors'], enable: true, rollback: true } }, alarmsInAlarm: ['errors'],
      deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], state: { ...initialSchedulerState(), lastCompleted: { id: 'old', taskDefinition: 'td:old' } },
      tasks: [task('a', 'old', 'healthy'), task('b', 'new', 'healthy')] },
    // maximumPercent 200 leaves no room for the rollback's task until one of the two running ones stops:
    // the failed deployment's goes first.
    want: { start: [], stop: ['b'], deployments: ['rollback:PRIMARY:IN_PROGRESS:0', 'new:ACTIVE:FAILED:0', 'old:ACTIVE:COMPLETED:0'],
      events: ['(service web) (deployment new) deployment failed: alarm detected (errors).'] } },
  { name: 'a deployment alarm without rollback fails the deployment and changes nothing else',
    in: { desiredCount: 1, deploymentConfiguration: { alarms: { alarmNames: ['errors'], enable: true, rollback: false } }, alarmsInAlarm: ['errors'],
      deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], tasks: [task('a', 'old', 'healthy'), task('b', 'new', 'healthy')] },
    want: { start: [], stop: [], deployments: ['new:PRIMARY:FAILED:0', 'old:ACTIVE:COMPLETED:0'] } },
  { name: 'alarms not enabled: an alarm in ALARM does nothing',
    in: { desiredCount: 1, deploymentConfiguration: { alarms: { alarmNames: ['errors'], enable: false, rollback: true } }, alarmsInAlarm: ['errors'],
      tasks: [task('b', 'new', 'healthy')] },
    want: { deployments: ['new:PRIMARY:COMPLETED:0'] } },
  { name: 'with alarms a settled deployment bakes before it completes',
    in: { desiredCount: 1, deploymentConfiguration: { alarms: { alarmNames: ['errors'], enable: true, rollback: true } }, alarmsInAlarm: [], bakeSeconds: 30,
      tasks: [task('b', 'new', 'healthy')] },
    want: { deployments: ['new:PRIMARY:IN_PROGRESS:0'], events: ['(service web) has reached a steady state.'] } },
  { name: 'a deleted (DRAINING) service stops everything',
    in: { status: 'DRAINING', desiredCount: 2, tasks: [task('a', 'new', 'running'), task('b', 'new', 'pending')] },
    want: { start: [], stop: ['a', 'b'] } },
];

for (const row of rows) {
  t.test(row.name, async (t) => {
    const got = record(decideService(input(row.in)));
    for (const k of Object.keys(row.want) as (keyof typeof got)[]) t.same(got[k], row.want[k], k);
  });
}

t.test('the bake time: it starts at the steady state, wakes the decision at its end, then the deployment completes', async (t) => {
  const alarms = { alarms: { alarmNames: ['errors'], enable: true, rollback: true } };
  const over = { desiredCount: 1, deploymentConfiguration: alarms, alarmsInAlarm: [], bakeSeconds: 30, tasks: [task('b', 'new', 'healthy')] };
  const first = decideService(input(over));
  t.equal(first.state.bakeStartedAt, NOW);
  t.equal(first.wakeAt, NOW + 30);
  const during = decideService(input({ ...over, deployments: first.deployments, state: first.state, now: NOW + 29, alarmsInAlarm: ['errors'] }));
  t.same(record(during).deployments, ['new:PRIMARY:FAILED:0'], 'an alarm during the bake time fails the deployment');
  const after = decideService(input({ ...over, deployments: first.deployments, state: first.state, now: NOW + 30 }));
  t.same(record(after).deployments, ['new:PRIMARY:COMPLETED:0']);
  t.equal(after.state.bakeStartedAt, undefined);
});

t.test('a protected task asks for a wake-up when its protection ends', async (t) => {
  const p = decideService(input({ desiredCount: 1, deployments: [dep('new', 'PRIMARY', 'COMPLETED')],
    tasks: [{ ...task('a', 'new', 'healthy'), protectedUntil: NOW + 60 }, { ...task('b', 'new', 'healthy'), protectedUntil: NOW + 30 }] }));
  t.equal(p.wakeAt, NOW + 30);
});

t.test('a stop is accounted once: the next decision does not count it again', async (t) => {
  const first = decideService(input({ desiredCount: 1, tasks: [task('b', 'new', 'crashed')] }));
  t.equal(first.deployments[0]!.failedTasks, 1);
  const again = decideService(input({ desiredCount: 1, tasks: [task('b', 'new', 'crashed')], deployments: first.deployments, state: first.state }));
  t.equal(again.deployments[0]!.failedTasks, 1);
});

t.test('throttling grows: 10 s, 20 s, 40 s; the third failure says so', async (t) => {
  let state: SchedulerState = initialSchedulerState();
  const tasks: ServiceTask[] = [];
  const delays: number[] = [];
  const events: string[] = [];
  for (const id of ['a', 'b', 'c']) {
    tasks.push(task(id, 'new', 'failedStart'));
    const p = decideService(input({ desiredCount: 1, tasks, state }));
    state = p.state;
    delays.push(state.nextLaunchAt! - NOW);
    events.push(...p.events.map((e) => `${e.action}: ${e.message}`));
    t.same(p.start, [], 'no launch while throttled');
    t.equal(p.wakeAt, state.nextLaunchAt);
  }
  t.same(delays, [10, 20, 40]);
  t.same(events, ['SERVICE_TASK_START_IMPAIRED: (service web) is unable to consistently start tasks successfully.']);
  t.same(decideService(input({ desiredCount: 1, tasks, state, now: NOW + 41 })).start, [{ deploymentId: 'new', taskDefinition: 'td:new', count: 1 }]);
});

// --- simulation: the plan applied to a pretend cluster, tick by tick ------------------------------------

interface Sim {
  tasks: ServiceTask[];
  deployments: Deployment[];
  state: SchedulerState;
  now: number;
  plans: ReturnType<typeof record>[];
  minHealthySeen: number;
}

/**
 * Each tick: tasks asked to stop are STOPPED; PENDING ones become RUNNING (or crash when their task
 * definition is `td:bad`); then one decision is made and applied. Records every plan.
 */
let n = 0;
function simulate(sim: Sim, base: Partial<SchedulerInput>, ticks: number, step = 10): Sim {
  for (let i = 0; i < ticks; i++) {
    sim.now += step;
    for (const x of sim.tasks) {
      const t = x.task;
      if (t.desiredStatus === 'STOPPED' && t.lastStatus !== 'STOPPED') Object.assign(t, { lastStatus: 'STOPPED', stoppedAt: sim.now });
      else if (t.lastStatus === 'PENDING') {
        const bad = sim.deployments.concat().find((d) => d.id === t.startedBy)?.taskDefinition === 'td:bad' || t.group === 'bad';
        if (bad) Object.assign(t, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', startedAt: sim.now, stoppedAt: sim.now });
        else Object.assign(t, { lastStatus: 'RUNNING', startedAt: sim.now });
      }
    }
    const p = decideService(input({ ...base, deployments: sim.deployments, tasks: sim.tasks, state: sim.state, now: sim.now, newDeploymentId: `rb${i}` }));
    for (const s of p.stop) Object.assign(sim.tasks.find((x) => x.task.taskArn === s.taskArn)!.task, { desiredStatus: 'STOPPED', stopCode: s.stopCode });
    for (const s of p.start) {
      for (let k = 0; k < s.count; k++) {
        const id = `t${++n}`;
        sim.tasks.push({ task: { taskArn: arn(id), startedBy: s.deploymentId, group: s.taskDefinition === 'td:bad' ? 'bad' : 'service:web', createdAt: sim.now, lastStatus: 'PENDING', desiredStatus: 'RUNNING' }, healthChecked: false });
      }
    }
    sim.deployments = p.deployments;
    sim.state = p.state;
    sim.plans.push(record(p));
    // Healthy = RUNNING for the settle time and not asked to stop: what the decision may rely on.
    const healthy = sim.tasks.filter((x) => x.task.lastStatus === 'RUNNING' && x.task.desiredStatus === 'RUNNING' && sim.now - (x.task.startedAt ?? sim.now) >= S.settleSeconds).length;
    if (sim.plans.length > 6) sim.minHealthySeen = Math.min(sim.minHealthySeen, healthy);
  }
  return sim;
}

t.test('simulated: scale 0 -> 4 -> 2, then a rolling update min 50 max 200 never below 2 healthy', async (t) => {
  const sim: Sim = { tasks: [], deployments: [newDeployment({ id: 'd1', taskDefinition: 'td:1', desiredCount: 0, now: 0 })], state: initialSchedulerState(), now: 0, plans: [], minHealthySeen: Infinity };
  simulate(sim, { desiredCount: 4 }, 8);
  t.equal(sim.tasks.filter((x) => x.task.lastStatus === 'RUNNING').length, 4);
  t.equal(sim.deployments[0]!.rolloutState, 'COMPLETED');
  simulate(sim, { desiredCount: 2 }, 3);
  t.equal(sim.tasks.filter((x) => x.task.lastStatus === 'RUNNING').length, 2);
  t.ok(sim.plans.at(-1)!.stable);

  simulate(sim, { desiredCount: 4 }, 8);
  const cfg = { minimumHealthyPercent: 50, maximumPercent: 200 };
  sim.deployments = startDeployment(sim.deployments, newDeployment({ id: 'd2', taskDefinition: 'td:2', desiredCount: 4, now: sim.now }), sim.now);
  sim.minHealthySeen = Infinity;
  sim.plans = [];
  simulate(sim, { desiredCount: 4, deploymentConfiguration: cfg }, 20);
  t.ok(sim.minHealthySeen >= 2, `never below 2 healthy (lowest ${sim.minHealthySeen})`);
  t.same(sim.deployments.map((d) => `${d.id}:${d.status}:${d.rolloutState}`), ['d2:PRIMARY:COMPLETED']);
  const live = sim.tasks.filter((x) => x.task.lastStatus === 'RUNNING');
  t.equal(live.length, 4);
  t.ok(live.every((x) => x.task.startedBy === 'd2'));
  t.ok(sim.plans.at(-1)!.stable);
  t.ok(sim.plans.some((p) => p.events.includes('(service web) has reached a steady state.')));
});

t.test('simulated: a crashing revision trips the circuit breaker and the last completed comes back', async (t) => {
  const sim: Sim = { tasks: [], deployments: [newDeployment({ id: 'd1', taskDefinition: 'td:1', desiredCount: 0, now: 0 })], state: initialSchedulerState(), now: 0, plans: [], minHealthySeen: Infinity };
  const base = { desiredCount: 2, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } };
  simulate(sim, base, 8);
  t.equal(sim.deployments[0]!.rolloutState, 'COMPLETED');
  sim.deployments = startDeployment(sim.deployments, newDeployment({ id: 'bad', taskDefinition: 'td:bad', desiredCount: 2, now: sim.now }), sim.now);
  simulate(sim, base, 20);
  const failed = sim.plans.find((p) => p.events.some((e) => e.includes('deployment failed')));
  t.ok(failed, 'the breaker tripped');
  t.equal(sim.deployments.length, 1);
  t.equal(sim.deployments[0]!.taskDefinition, 'td:1', 'rolled back to the completed revision');
  t.equal(sim.deployments[0]!.rolloutState, 'COMPLETED');
  t.match(sim.deployments[0]!.rolloutStateReason, /completed/);
  const running = sim.tasks.filter((x) => x.task.lastStatus === 'RUNNING');
  t.equal(running.length, 2);
});

t.test('simulated: scaled 1 -> 2, then a new revision 5 s later (min 100): never fewer than 2 running', async (t) => {
  const sim: Sim = { tasks: [], deployments: [newDeployment({ id: 'd1', taskDefinition: 'td:1', desiredCount: 0, now: 0 })], state: initialSchedulerState(), now: 0, plans: [], minHealthySeen: Infinity };
  simulate(sim, { desiredCount: 1 }, 12, 5);
  t.equal(sim.deployments[0]!.rolloutState, 'COMPLETED');
  simulate(sim, { desiredCount: 2 }, 2, 5);
  // Serving: RUNNING and not being stopped (a stop takes effect before a replacement starts).
  const running = () => sim.tasks.filter((x) => x.task.lastStatus === 'RUNNING' && x.task.desiredStatus === 'RUNNING').length;
  t.equal(running(), 2, 'the second task runs, not settled yet');
  sim.deployments = startDeployment(sim.deployments, newDeployment({ id: 'd2', taskDefinition: 'td:2', desiredCount: 2, now: sim.now }), sim.now);
  let lowest = Infinity;
  for (let i = 0; i < 30; i++) {
    simulate(sim, { desiredCount: 2 }, 1, 5);
    lowest = Math.min(lowest, running());
  }
  t.equal(lowest, 2, 'the running count never dropped below the minimum');
  t.same(sim.deployments.map((d) => `${d.id}:${d.status}:${d.rolloutState}`), ['d2:PRIMARY:COMPLETED']);
  t.ok(sim.tasks.filter((x) => x.task.lastStatus === 'RUNNING').every((x) => x.task.startedBy === 'd2'));
});
