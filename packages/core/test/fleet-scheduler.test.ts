// The fleet's decisions as tables: DAEMON services (one task per eligible instance, stop before start on
// a rolling update), tasks on DRAINING instances (replaced within min/max percent) and tasks on instances
// whose agent is lost (written off and replaced; the surplus stopped when the agent comes back).
import t from 'tap';
import {
  AGENT_LOST_REASON, DAEMON_CONSTRAINT_REASON, DRAINING_REASON, decideDaemon, decideService, initialSchedulerState,
  newDeployment, type DaemonInput, type Deployment, type SchedulerInput, type SchedulerPlan, type SchedulerSettings,
  type ServiceTask, type Task,
} from '../src/index.js';

const S: SchedulerSettings = { settleSeconds: 40, throttleBaseSeconds: 10, throttleMaxSeconds: 900, throttleEventAfter: 3 };
const NOW = 1000;
const arn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/c/${id}`;

type Kind = 'pending' | 'running' | 'healthy' | 'stopping' | 'stopped';
function task(id: string, dep: string, on: string, kind: Kind, instanceState?: ServiceTask['instanceState']): ServiceTask {
  const t: Task = { taskArn: arn(id), startedBy: dep, group: 'service:web', createdAt: NOW - 100, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', healthStatus: 'UNKNOWN' };
  if (kind === 'pending') t.lastStatus = 'PENDING';
  else t.startedAt = NOW - (kind === 'running' ? 5 : 60);
  if (kind === 'stopping') Object.assign(t, { desiredStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated' });
  if (kind === 'stopped') Object.assign(t, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated', stoppedAt: NOW - 1 });
  return { task: t, healthChecked: false, instanceId: on, ...(instanceState ? { instanceState } : {}) };
}
const dep = (id: string, status: string, rollout: Deployment['rolloutState'] = status === 'PRIMARY' ? 'IN_PROGRESS' : 'COMPLETED'): Deployment =>
  ({ ...newDeployment({ id, taskDefinition: `td:${id}`, desiredCount: 0, now: 0 }), status, rolloutState: rollout });

function record(p: SchedulerPlan) {
  return {
    start: p.start.map((s) => `${s.deploymentId}+${s.count}${s.instanceIds ? '@' + s.instanceIds.join(',') : ''}`),
    stop: p.stop.map((s) => `${s.taskArn.split('/').pop()}:${s.reason === DRAINING_REASON ? 'drain' : s.reason === AGENT_LOST_REASON ? 'lost' : s.reason === DAEMON_CONSTRAINT_REASON ? 'constraint' : 'scale'}`),
    events: p.events.map((e) => e.message),
    /** The Service Action of each event that is one. */
    actions: p.events.flatMap((e) => (e.action ? [e.action] : [])),
    stable: p.stable,
  };
}

const base = { serviceName: 'web', status: 'ACTIVE', deployments: [dep('new', 'PRIMARY')], tasks: [], state: initialSchedulerState(), now: NOW, settings: S, newDeploymentId: 'rb' };
const replica = (over: Partial<SchedulerInput>): SchedulerInput => ({ ...base, desiredCount: 2, ...over });
const daemon = (over: Partial<DaemonInput>): DaemonInput => ({ ...base, instances: [], ...over });
const inst = (...ids: string[]) => ids.map((id) => ({ id, eligible: !id.startsWith('x') }));

const daemonRows: { name: string; in: Partial<DaemonInput>; want: Partial<ReturnType<typeof record>> & { desiredCount?: number } }[] = [
  { name: 'one task per eligible instance; desiredCount is computed', in: { instances: inst('a', 'b', 'xc') },
    want: { start: ['new+2@a,b'], stop: [], desiredCount: 2 } },
  { name: 'an instance whose agent is away (not lost) counts, but nothing starts there until it is back',
    in: { instances: [{ id: 'a', eligible: true }, { id: 'b', eligible: true, agentConnected: false }] },
    want: { start: ['new+1@a'], desiredCount: 2 } },
  { name: 'an instance that joins gets its task; the others keep theirs',
    in: { instances: inst('a', 'b', 'c'), tasks: [task('1', 'new', 'a', 'healthy'), task('2', 'new', 'b', 'healthy')] },
    want: { start: ['new+1@c'], stop: [], desiredCount: 3 } },
  { name: 'steady: one healthy task on each', in: { deployments: [dep('new', 'PRIMARY', 'COMPLETED')], instances: inst('a', 'b'), tasks: [task('1', 'new', 'a', 'healthy'), task('2', 'new', 'b', 'healthy')] },
    want: { start: [], stop: [], stable: true, desiredCount: 2 } },
  { name: 'a DRAINING instance keeps its daemon task while other services\' tasks are still there',
    in: { instances: [{ id: 'a', eligible: true }, { id: 'b', eligible: false, busy: true }], tasks: [task('1', 'new', 'a', 'healthy'), task('2', 'new', 'b', 'healthy', 'DRAINING')] },
    want: { start: [], stop: [], desiredCount: 1, stable: false } },
  { name: 'a DRAINING instance loses its daemon task last, once the others have left',
    in: { instances: [{ id: 'a', eligible: true }, { id: 'b', eligible: false }], tasks: [task('1', 'new', 'a', 'healthy'), task('2', 'new', 'b', 'healthy', 'DRAINING')] },
    want: { start: [], stop: ['2:drain'], desiredCount: 1, events: ['(service web) has stopped 1 running tasks: (task 2). Their container instances are DRAINING.'], actions: ['TASKS_STOPPED'] } },
  { name: 'an instance that no longer meets the constraints loses its task',
    in: { instances: inst('a', 'xb'), tasks: [task('1', 'new', 'a', 'healthy'), task('2', 'new', 'xb', 'healthy')] },
    want: { stop: ['2:constraint'], desiredCount: 1, actions: ['SERVICE_DAEMON_PLACEMENT_CONSTRAINT_VIOLATED'] } },
  { name: 'two copies on one instance: the newer goes',
    in: { instances: inst('a'), tasks: [task('1', 'new', 'a', 'healthy'), task('2', 'new', 'a', 'running')] },
    want: { start: [], stop: ['2:scale'] } },
  { name: 'rolling update (min 0): old tasks stop first, nothing starts where one is still stopping',
    in: { deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], instances: inst('a', 'b'), tasks: [task('1', 'old', 'a', 'healthy'), task('2', 'old', 'b', 'healthy')] },
    want: { start: [], stop: ['1:scale', '2:scale'] } },
  { name: 'rolling update: the replacement starts once the old task is STOPPED',
    in: { deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], instances: inst('a', 'b'), tasks: [task('1', 'old', 'a', 'stopped'), task('2', 'old', 'b', 'stopping')] },
    want: { start: ['new+1@a'], stop: [] } },
  { name: 'rolling update with minimumHealthyPercent 50: one instance at a time',
    in: { deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 }, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], instances: inst('a', 'b'),
      tasks: [task('1', 'old', 'a', 'healthy'), task('2', 'old', 'b', 'healthy')] },
    want: { start: [], stop: ['1:scale'] } },
  { name: 'rolling update with minimumHealthyPercent 100 cannot progress: the ECS event',
    in: { deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100 }, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], instances: inst('a'),
      tasks: [task('1', 'old', 'a', 'healthy')] },
    want: { start: [], stop: [], events: ['(service web) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.'] } },
  { name: 'a lost agent\'s task is written off; the instance is not eligible, nothing starts there',
    in: { instances: [{ id: 'a', eligible: true }, { id: 'b', eligible: false }], tasks: [task('1', 'new', 'a', 'healthy'), task('2', 'new', 'b', 'healthy', 'LOST')] },
    want: { start: [], stop: ['2:lost'], desiredCount: 1 } },
  { name: 'a deleted daemon stops everything', in: { status: 'DRAINING', instances: inst('a'), tasks: [task('1', 'new', 'a', 'healthy')] },
    want: { start: [], stop: ['1:scale'], desiredCount: 0 } },
];

for (const row of daemonRows) {
  t.test(`daemon: ${row.name}`, async (t) => {
    const p = decideDaemon(daemon(row.in));
    const { desiredCount, ...want } = row.want;
    t.match(record(p), want);
    if (desiredCount !== undefined) t.equal(p.desiredCount, desiredCount);
  });
}

const drainRows: { name: string; in: Partial<SchedulerInput>; want: Partial<ReturnType<typeof record>> }[] = [
  { name: 'max 200: replacements start first, the draining tasks stay while they are unsettled',
    in: { deployments: [dep('new', 'PRIMARY', 'COMPLETED')], tasks: [task('1', 'new', 'a', 'healthy', 'DRAINING'), task('2', 'new', 'a', 'healthy', 'DRAINING')] },
    want: { start: ['new+2'], stop: [], stable: false } },
  { name: 'replacements healthy: the draining tasks stop, with the draining event',
    in: { deployments: [dep('new', 'PRIMARY', 'COMPLETED')], tasks: [task('1', 'new', 'a', 'healthy', 'DRAINING'), task('2', 'new', 'a', 'healthy', 'DRAINING'), task('3', 'new', 'b', 'healthy'), task('4', 'new', 'b', 'healthy')] },
    want: { start: [], stop: ['1:drain', '2:drain'], events: ['(service web) has stopped 2 running tasks: (task 1) (task 2). Their container instances are DRAINING.'] } },
  { name: 'replacements not yet healthy: min 100 keeps the draining tasks',
    in: { deployments: [dep('new', 'PRIMARY', 'COMPLETED')], tasks: [task('1', 'new', 'a', 'healthy', 'DRAINING'), task('2', 'new', 'a', 'healthy', 'DRAINING'), task('3', 'new', 'b', 'running'), task('4', 'new', 'b', 'running')] },
    want: { start: [], stop: [] } },
  { name: 'min 50 max 100: stop one first, then start',
    in: { deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 }, deployments: [dep('new', 'PRIMARY', 'COMPLETED')],
      tasks: [task('1', 'new', 'a', 'healthy', 'DRAINING'), task('2', 'new', 'a', 'healthy', 'DRAINING')] },
    want: { start: [], stop: ['1:drain'] } },
  { name: 'a PENDING task on a draining instance stops at once',
    in: { deployments: [dep('new', 'PRIMARY', 'COMPLETED')], tasks: [task('1', 'new', 'b', 'healthy'), task('2', 'new', 'a', 'pending', 'DRAINING')] },
    want: { start: ['new+1'], stop: ['2:drain'] } },
  { name: 'the draining instance still has a stopping task: not steady yet',
    in: { deployments: [dep('new', 'PRIMARY', 'COMPLETED')], tasks: [task('1', 'new', 'b', 'healthy'), task('2', 'new', 'b', 'healthy'), task('3', 'new', 'a', 'stopping', 'DRAINING')] },
    want: { start: [], stop: [], stable: false } },
];
for (const row of drainRows) {
  t.test(`draining: ${row.name}`, async (t) => t.match(record(decideService(replica(row.in))), row.want));
}

const lostRows: { name: string; in: Partial<SchedulerInput>; want: Partial<ReturnType<typeof record>> }[] = [
  { name: 'tasks on a lost instance are written off and replaced at once (they count for nothing, even at max 100)',
    in: { deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100 }, deployments: [dep('new', 'PRIMARY', 'COMPLETED')],
      tasks: [task('1', 'new', 'a', 'healthy', 'LOST'), task('2', 'new', 'b', 'healthy')] },
    want: { start: ['new+1'], stop: ['1:lost'], events: ["(service web) has stopped 1 running tasks: (task 1). Their container instances' agents were lost."] } },
  { name: 'written off while the agent is away: steady with the replacement; the old task does not count',
    in: { deployments: [dep('new', 'PRIMARY', 'COMPLETED')], tasks: [task('1', 'new', 'a', 'stopping', 'LOST'), task('2', 'new', 'b', 'healthy'), task('3', 'new', 'b', 'healthy')] },
    want: { start: [], stop: [], stable: true } },
  { name: 'the agent is back: its written-off task is stopping (the agent stops it), nothing more starts',
    in: { deployments: [dep('new', 'PRIMARY', 'COMPLETED')], tasks: [task('1', 'new', 'a', 'stopping'), task('2', 'new', 'b', 'healthy'), task('3', 'new', 'b', 'healthy')] },
    want: { start: [], stop: [] } },
  { name: 'an agent back before its tasks were written off: the surplus (newest) is stopped',
    in: { desiredCount: 1, deployments: [dep('new', 'PRIMARY', 'COMPLETED')], tasks: [task('1', 'new', 'a', 'healthy'), task('2', 'new', 'b', 'running')] },
    want: { start: [], stop: ['2:scale'] } },
];
for (const row of lostRows) {
  t.test(`lost agent: ${row.name}`, async (t) => t.match(record(decideService(replica(row.in))), row.want));
}

t.test('a lost task counts in no deployment: the old deployment leaves with it', async (t) => {
  const p = decideService(replica({ desiredCount: 1, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
    tasks: [task('1', 'old', 'a', 'stopping', 'LOST'), task('2', 'new', 'b', 'healthy')] }));
  t.same(p.deployments.map((d) => `${d.id}:${d.runningCount}`), ['new:1']);
  t.equal(p.deployments[0]!.rolloutState, 'COMPLETED');
});

t.test('simulated drain: replicas move off a draining instance, never more than max, never fewer healthy than min', async (t) => {
  // Four tasks over a and b; a drains. min 50 max 150 (D=4: at least 2 healthy, at most 6 tasks).
  const cfg = { minimumHealthyPercent: 50, maximumPercent: 150 };
  let tasks: ServiceTask[] = ['1', '2'].map((id) => task(id, 'new', 'a', 'healthy', 'DRAINING')).concat(['3', '4'].map((id) => task(id, 'new', 'b', 'healthy')));
  let state = initialSchedulerState();
  let deployments = [dep('new', 'PRIMARY', 'COMPLETED')];
  let n = 5;
  let now = NOW;
  for (let tick = 0; tick < 20; tick++) {
    const p = decideService(replica({ desiredCount: 4, deploymentConfiguration: cfg, tasks, state, deployments, now }));
    state = p.state;
    deployments = p.deployments;
    const stopIds = new Set(p.stop.map((s) => s.taskArn));
    tasks = tasks.map((x) => (stopIds.has(x.task.taskArn!) ? { ...x, task: { ...x.task, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated' } } : x));
    for (const s of p.start) for (let i = 0; i < s.count; i++) tasks.push({ ...task(String(n++), 'new', 'b', 'running'), task: { ...task(String(n), 'new', 'b', 'running').task, taskArn: arn(String(n - 1)), startedAt: now } });
    const up = tasks.filter((x) => x.task.lastStatus !== 'STOPPED');
    t.ok(up.length <= 6, `tick ${tick}: at most 6 tasks`);
    const healthy = up.filter((x) => x.task.startedAt !== undefined && now - x.task.startedAt >= 40).length;
    if (tick > 0) t.ok(healthy >= 2, `tick ${tick}: at least 2 healthy`);
    if (p.stable && up.every((x) => x.instanceState !== 'DRAINING')) break;
    now += 20;
  }
  const up = tasks.filter((x) => x.task.lastStatus !== 'STOPPED');
  t.equal(up.length, 4);
  t.ok(up.every((x) => x.instanceId === 'b'), 'nothing left on the draining instance');
});
