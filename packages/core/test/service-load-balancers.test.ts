// Services behind load balancers, as tables: ECS's checks of loadBalancers, the targets a task is, the
// registrations a service changes, a task's targets' health, and the replica scheduler with them
// (healthy by its targets, replaced when they are unhealthy, DEACTIVATING while they drain).
import t from 'tap';
import {
  BerthError, checkServiceLoadBalancers, deactivateTask, decideService, initialSchedulerState, newDeployment, releaseTask, targetChanges,
  taskTargetHealth, taskTargets, type Deployment, type LoadBalancer, type SchedulerInput, type ServiceTask, type Task, type TaskDefinition, type TargetGroupFacts,
} from '../src/index.js';

const TG = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef';
const TG2 = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/api/fedcba9876543210';
const td: TaskDefinition = {
  family: 'web', networkMode: 'bridge',
  containerDefinitions: [{ name: 'web', image: 'busybox', portMappings: [{ containerPort: 80, hostPort: 0 }] }, { name: 'side', image: 'busybox' }],
};
const groups = new Map<string, TargetGroupFacts | undefined>([
  [TG, { targetType: 'instance', hasLoadBalancer: true }],
  [TG2, { targetType: 'ip', hasLoadBalancer: true }],
  ['arn:lonely', { targetType: 'instance', hasLoadBalancer: false }],
]);
const lb = (over: Partial<LoadBalancer> = {}): LoadBalancer => ({ targetGroupArn: TG, containerName: 'web', containerPort: 80, ...over });

t.test('loadBalancers are checked as ECS checks them, with its texts', async (t) => {
  const rows: { name: string; lbs: LoadBalancer[]; message?: string; field?: string }[] = [
    { name: 'a target group, its container and port', lbs: [lb()] },
    { name: 'no such target group', lbs: [lb({ targetGroupArn: 'arn:nope' })], message: 'The target group with targetGroupArn arn:nope does not exist.', field: 'loadBalancers[0].targetGroupArn' },
    { name: 'a group no load balancer uses', lbs: [lb({ targetGroupArn: 'arn:lonely' })], message: 'The target group with targetGroupArn arn:lonely does not have an associated load balancer.' },
    { name: 'no such container', lbs: [lb({ containerName: 'db' })], message: 'The container db does not exist in the task definition.', field: 'loadBalancers[0].containerName' },
    { name: 'a port the container does not map', lbs: [lb({ containerPort: 8080 })], message: 'The container web did not have a container port 8080 defined.', field: 'loadBalancers[0].containerPort' },
    { name: 'a container with no port at all', lbs: [lb({ containerName: 'side' })], message: 'The container side did not have a container port 80 defined.' },
    { name: 'ip targets need awsvpc', lbs: [lb({ targetGroupArn: TG2 })], message: `The provided target group ${TG2} has target type ip, which is incompatible with the bridge network mode specified in the task definition.` },
    { name: 'Classic load balancers', lbs: [{ loadBalancerName: 'old', containerName: 'web', containerPort: 80 }], field: 'loadBalancers[0].loadBalancerName' },
    { name: 'a blank container name', lbs: [lb({ containerName: '' })], message: 'Container Name can not be blank.' },
    { name: 'more than 5', lbs: Array.from({ length: 6 }, () => lb()), field: 'loadBalancers' },
    { name: 'the same one twice', lbs: [lb(), lb()], field: 'loadBalancers[1]' },
  ];
  for (const r of rows) {
    const run = () => checkServiceLoadBalancers(r.lbs, td, groups);
    if (r.message === undefined && r.field === undefined) { t.doesNotThrow(run, r.name); continue; }
    try {
      run();
      t.fail(`${r.name}: accepted`);
    } catch (e) {
      t.type(e, BerthError, r.name);
      t.equal((e as BerthError).ecsName, 'InvalidParameterException', r.name);
      if (r.message) t.equal((e as BerthError).message, r.message, r.name);
      if (r.field) t.equal((e as BerthError).field, r.field, r.name);
    }
  }
});

const running = (id: string, hostPort?: number): Task => ({
  taskArn: `arn:aws:ecs:us-east-1:000000000000:task/c/${id}`, lastStatus: 'RUNNING', desiredStatus: 'RUNNING',
  containers: [{ name: 'web', networkBindings: hostPort === undefined ? [] : [{ bindIP: '0.0.0.0', containerPort: 80, hostPort, protocol: 'tcp' }] }],
});

t.test('a task is its instance and the host port its container port is bound to', async (t) => {
  t.same(taskTargets(running('a', 32768), 'ci1', [lb()]), [{ targetGroupArn: TG, id: 'ci1', port: 32768, taskArn: running('a').taskArn }]);
  t.same(taskTargets(running('a'), 'ci1', [lb()]), [], 'no binding reported yet: no target');
  t.same(taskTargets(running('a', 32768), 'ci1', [lb({ containerPort: 81 })]), [], 'another port');
});

t.test('registrations: what is missing registers, the service\'s own stale targets deregister, nothing else is touched', async (t) => {
  const svc = 'arn:svc/web';
  const want = (id: string, port: number) => ({ targetGroupArn: TG, id, port, taskArn: `task-${port}` });
  const got = targetChanges([want('ci1', 1), want('ci1', 2), want('ci2', 3)], [
    { id: 'ci1', port: 1, service: svc, draining: false }, // kept
    { id: 'ci1', port: 2, service: svc, draining: true }, // draining, wanted again: registered again
    { id: 'ci1', port: 4, service: svc, draining: false }, // no task is it: deregistered
    { id: 'ci1', port: 5, draining: false }, // by hand: left alone
    { id: 'ci1', port: 6, service: 'arn:svc/other', draining: false }, // another service's
    { id: 'ci1', port: 7, service: svc, draining: true }, // already draining
  ], svc);
  t.same(got.register.map((r) => r.port), [2, 3]);
  t.same(got.deregister, [{ id: 'ci1', port: 4 }]);
});

t.test('a task\'s targets\' health over its target groups', async (t) => {
  t.same(taskTargetHealth([{ targetGroupArn: TG, state: 'healthy' }, { targetGroupArn: TG2, state: 'unavailable' }]), { state: 'healthy' });
  t.same(taskTargetHealth([{ targetGroupArn: TG, state: 'healthy' }, { targetGroupArn: TG2, state: 'unhealthy' }]), { state: 'unhealthy', targetGroupArn: TG2 });
  t.same(taskTargetHealth([{ targetGroupArn: TG, state: 'healthy' }, { targetGroupArn: TG2 }]), { state: 'initial' }, 'one not registered yet');
  t.same(taskTargetHealth([{ targetGroupArn: TG, state: 'initial' }]), { state: 'initial' });
  t.same(taskTargetHealth([]), { state: 'initial' });
});

t.test('the lifecycle: DEACTIVATING while the targets drain, then STOPPING', async (t) => {
  const r = running('a', 1);
  const d = deactivateTask({ ...r, version: 3 }, 'Scaling', 100, 'ServiceSchedulerInitiated');
  t.match(d, { lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling', stoppingAt: 100, version: 4 });
  t.match(releaseTask(d), { lastStatus: 'STOPPING', desiredStatus: 'STOPPED', version: 5 });
  const pending = { ...r, lastStatus: 'PENDING' };
  t.match(deactivateTask(pending, 'x', 100, 'ServiceSchedulerInitiated'), { lastStatus: 'PENDING', desiredStatus: 'STOPPED' }, 'a task that never served stops at once');
  t.equal(releaseTask(r), r, 'only a DEACTIVATING task is released');
});

// --- the replica scheduler behind a load balancer --------------------------------------------------------
const NOW = 1000;
type Health = 'healthy' | 'unhealthy' | 'initial';
function lbTask(id: string, dep: string, health: Health, extra: Partial<Task> = {}, hc?: Task['healthStatus']): ServiceTask {
  const task: Task = { ...running(id, 30000), startedBy: dep, group: 'service:web', createdAt: NOW - 100, startedAt: NOW - 60, healthStatus: hc ?? 'UNKNOWN', ...extra };
  return { task, healthChecked: hc !== undefined, targetHealth: health === 'unhealthy' ? { state: 'unhealthy', targetGroupArn: TG } : { state: health } };
}
const deployment = (id: string, status: string) => ({ ...newDeployment({ id, taskDefinition: `td:${id}`, desiredCount: 0, now: 0 }), status });
const input = (over: Partial<SchedulerInput>): SchedulerInput => ({
  serviceName: 'web', status: 'ACTIVE', desiredCount: 2, deployments: [deployment('new', 'PRIMARY')], tasks: [], state: initialSchedulerState(), now: NOW,
  settings: { settleSeconds: 40, throttleBaseSeconds: 10, throttleMaxSeconds: 900, throttleEventAfter: 3 }, newDeploymentId: 'rb', drainSeconds: 5, ...over,
});
const ids = (arns: readonly string[]) => arns.map((a) => a.split('/').pop());

t.test('the scheduler behind a load balancer', async (t) => {
  const rows: { name: string; in: Partial<SchedulerInput>; stop?: string[]; deactivate?: string[]; release?: string[]; start?: number; stable?: boolean; reason?: string; wakeAt?: number; events?: RegExp }[] = [
    { name: 'a task counts as healthy when its targets are: no settle time, so the old one goes',
      in: { deployments: [deployment('new', 'PRIMARY'), deployment('old', 'ACTIVE')], desiredCount: 1,
        tasks: [lbTask('n1', 'new', 'healthy', { startedAt: NOW - 2 }), lbTask('o1', 'old', 'healthy')] },
      stop: ['o1'], deactivate: ['o1'] },
    { name: 'a task whose targets are still initial is not healthy, however long it has run',
      in: { deployments: [deployment('new', 'PRIMARY'), deployment('old', 'ACTIVE')], desiredCount: 1,
        tasks: [lbTask('n1', 'new', 'initial', { startedAt: NOW - 600 }), lbTask('o1', 'old', 'healthy')] },
      stop: [] },
    { name: 'healthy targets but a failing container health check: not healthy',
      in: { deployments: [deployment('new', 'PRIMARY'), deployment('old', 'ACTIVE')], desiredCount: 1,
        tasks: [lbTask('n1', 'new', 'healthy', {}, 'UNKNOWN'), lbTask('o1', 'old', 'healthy')] },
      stop: [] },
    { name: 'an unhealthy target past the grace period: the task is replaced, with ECS\'s reason',
      in: { healthCheckGracePeriodSeconds: 30, tasks: [lbTask('a', 'new', 'healthy'), lbTask('b', 'new', 'unhealthy')] },
      stop: ['b'], deactivate: ['b'], start: 1, reason: `Task failed ELB health checks in (target-group ${TG})`, events: /has stopped 1 running tasks: \(task b\)\. These tasks failed ELB health checks\./ },
    { name: 'an unhealthy target within the grace period stays, and the decision wakes when the period ends',
      in: { healthCheckGracePeriodSeconds: 120, tasks: [lbTask('a', 'new', 'healthy'), lbTask('b', 'new', 'unhealthy')] },
      stop: [], wakeAt: NOW - 60 + 120 },
    { name: 'a pending task stops at once: it never served',
      in: { desiredCount: 1, tasks: [lbTask('a', 'new', 'healthy'), lbTask('b', 'new', 'initial', { lastStatus: 'PENDING' })] },
      stop: ['b'], deactivate: [] },
    { name: 'a DEACTIVATING task is released once the delay has passed, and not before',
      in: { desiredCount: 1, tasks: [lbTask('a', 'new', 'healthy'),
        lbTask('d1', 'new', 'initial', { lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated', stoppingAt: NOW - 5 }),
        lbTask('d2', 'new', 'initial', { lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated', stoppingAt: NOW - 2 })] },
      stop: [], release: ['d1'], wakeAt: NOW + 3 },
    { name: 'healthy targets at the desired count: stable',
      in: { desiredCount: 2, tasks: [lbTask('a', 'new', 'healthy'), lbTask('b', 'new', 'healthy')] },
      stop: [], start: 0, stable: true },
  ];
  for (const r of rows) {
    const p = decideService(input(r.in));
    if (r.stop) t.same(ids(p.stop.map((s) => s.taskArn)), r.stop, `${r.name}: stops`);
    if (r.deactivate) t.same(ids(p.stop.filter((s) => s.deactivate).map((s) => s.taskArn)), r.deactivate, `${r.name}: deactivates`);
    t.same(ids(p.release), r.release ?? [], `${r.name}: releases`);
    if (r.start !== undefined) t.equal(p.start.reduce((n, s) => n + s.count, 0), r.start, `${r.name}: starts`);
    if (r.stable !== undefined) t.equal(p.stable, r.stable, `${r.name}: stable`);
    if (r.reason) t.equal(p.stop[0]?.reason, r.reason, `${r.name}: reason`);
    if (r.wakeAt !== undefined) t.equal(p.wakeAt, r.wakeAt, `${r.name}: wakes`);
    if (r.events) t.match(p.events.map((e) => e.message).join('\n'), r.events, `${r.name}: events`);
  }
});

t.test('a rolling deployment behind a load balancer, simulated: never fewer than desired serving targets', async (t) => {
  // min 100 max 200; each tick: new tasks run, their targets turn healthy a tick later; deactivated ones
  // drain for 2 ticks and then stop. Serving = RUNNING with a healthy target and not deactivating.
  let now = NOW;
  let tasks: ServiceTask[] = ['o1', 'o2', 'o3'].map((id) => lbTask(id, 'old', 'healthy'));
  const deployments: Deployment[] = [deployment('new', 'PRIMARY'), deployment('old', 'ACTIVE')];
  let state = initialSchedulerState();
  let n = 0;
  let minServing = Infinity;
  for (let tick = 0; tick < 30; tick++) {
    const p = decideService(input({ desiredCount: 3, deployments, tasks, state, now, drainSeconds: 2 }));
    state = p.state;
    deployments.splice(0, deployments.length, ...p.deployments);
    for (const s of p.stop) {
      const x = tasks.find((y) => y.task.taskArn === s.taskArn)!;
      x.task = s.deactivate ? deactivateTask(x.task, s.reason, now, s.stopCode) : { ...x.task, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: s.stopCode };
    }
    for (const a of p.release) {
      const x = tasks.find((y) => y.task.taskArn === a)!;
      x.task = { ...releaseTask(x.task), lastStatus: 'STOPPED' };
    }
    for (const st of p.start) for (let i = 0; i < st.count; i++) tasks.push(lbTask(`n${++n}`, st.deploymentId, 'initial', { startedAt: now }));
    now += 1;
    // A tick later: targets registered a tick ago are healthy.
    tasks = tasks.map((x) => (x.task.lastStatus === 'RUNNING' && x.task.startedAt! < now - 1 ? { ...x, targetHealth: { state: 'healthy' } } : x));
    const serving = tasks.filter((x) => x.task.lastStatus === 'RUNNING' && x.task.desiredStatus === 'RUNNING' && x.targetHealth?.state === 'healthy').length;
    minServing = Math.min(minServing, serving);
    if (p.stable) break;
  }
  t.equal(minServing, 3, 'three serving targets at every step');
  t.same(deployments.map((d) => `${d.id}:${d.rolloutState}`), ['new:COMPLETED']);
  t.ok(tasks.filter((x) => x.task.startedBy === 'old').every((x) => x.task.lastStatus === 'STOPPED'), 'the old tasks drained and stopped');
});
