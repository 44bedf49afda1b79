import t from 'tap';
import {
  ORPHANED_REASON, PROVISIONING_TIMEOUT_STOP, applyReport, newTask, orphanTask, provisionedTask, stopTask, type Identity, type Task, type TaskDefinition, type TaskStateReport,
} from '../src/index.js';

const ID: Identity = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
const TASK_ID = '0123456789abcdef0123456789abcdef';
const CI_ID = 'fedcba9876543210fedcba9876543210';
const TD: TaskDefinition = {
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3',
  family: 'web', revision: 3, networkMode: 'bridge',
  containerDefinitions: [
    { name: 'app', image: 'nginx', cpu: 256, memory: 512, essential: true },
    { name: 'sidecar', image: 'busybox', cpu: 0, memoryReservation: 32, essential: false },
  ],
};
const CI = {
  id: CI_ID,
  containerInstanceArn: `arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/${CI_ID}`,
  attributes: [{ name: 'ecs.availability-zone', value: 'home-1a' }, { name: 'ecs.cpu-architecture', value: 'arm64' }],
};

const base = (extra: Partial<Parameters<typeof newTask>[0]> = {}) => newTask({
  identity: ID, cluster: 'prod', taskId: TASK_ID, containerIds: ['c1', 'c2'], taskDefinition: TD, containerInstance: CI, now: 1000, ...extra,
});

t.test('newTask builds what RunTask returns', async (t) => {
  const task = base({ startedBy: 'me', overrides: { containerOverrides: [{ name: 'sidecar', command: ['sh'], memory: 64 }], memory: '1 GB' } });
  const arn = `arn:aws:ecs:eu-west-1:123456789012:task/prod/${TASK_ID}`;
  t.equal(task.taskArn, arn);
  t.equal(task.clusterArn, 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod');
  t.equal(task.taskDefinitionArn, TD.taskDefinitionArn);
  t.equal(task.containerInstanceArn, CI.containerInstanceArn);
  t.equal(task.lastStatus, 'PENDING');
  t.equal(task.desiredStatus, 'RUNNING');
  t.equal(task.launchType, 'EC2');
  t.equal(task.group, 'family:web');
  t.equal(task.startedBy, 'me');
  t.equal(task.createdAt, 1000);
  t.equal(task.version, 1);
  t.equal(task.availabilityZone, 'home-1a');
  t.same(task.attributes, [{ name: 'ecs.cpu-architecture', value: 'arm64' }]);
  t.equal(task.memory, '1024', 'task memory override, normalised');
  t.notOk('cpu' in task, 'no task-level cpu anywhere');
  t.notOk('tags' in task, 'no tags unless given');
  t.same(task.overrides?.containerOverrides, [{ name: 'app' }, { name: 'sidecar', command: ['sh'], memory: 64 }], 'one entry per container');
  t.equal(task.containers?.length, 2);
  const [app, side] = task.containers!;
  t.same(app, {
    containerArn: `arn:aws:ecs:eu-west-1:123456789012:container/prod/${TASK_ID}/c1`, taskArn: arn, name: 'app', image: 'nginx',
    lastStatus: 'PENDING', networkBindings: [], networkInterfaces: [], healthStatus: 'UNKNOWN', cpu: '256', memory: '512',
  });
  t.equal(side?.cpu, '0');
  t.equal(side?.memory, '64', 'container override applied');
  t.equal(side?.memoryReservation, '32');
  const tagged = base({ tags: [{ key: 'a', value: 'b' }], group: 'batch', launchType: 'EXTERNAL' });
  t.same(tagged.tags, [{ key: 'a', value: 'b' }]);
  t.equal(tagged.group, 'batch');
  t.equal(tagged.launchType, 'EXTERNAL');
  t.throws(() => base({ containerIds: ['only-one'] }), 'one container id per container');
});

let counter = 0;
const report = (lastStatus: TaskStateReport['lastStatus'], containers: TaskStateReport['containers'], extra: Partial<TaskStateReport> = {}): TaskStateReport => ({
  taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/prod/${TASK_ID}`, counter: ++counter, lastStatus, containers, ...extra,
});

t.test('RUNNING then STOPPED after StopTask: stamps by the control plane clock, forward only', async (t) => {
  let task: Task = base();
  task = applyReport(task, report('RUNNING', [
    { containerName: 'app', status: 'RUNNING', runtimeId: 'abc', networkBindings: [{ bindIP: '0.0.0.0', containerPort: 80, hostPort: 32768, protocol: 'tcp' }], imageDigest: 'sha256:1' },
    { containerName: 'sidecar', status: 'RUNNING', runtimeId: 'def' },
  ], { pullStartedAt: 1001, pullStoppedAt: 1002 }), 1005, TD);
  t.equal(task.lastStatus, 'RUNNING');
  t.equal(task.startedAt, 1005);
  t.equal(task.connectivity, 'CONNECTED');
  t.equal(task.connectivityAt, 1005);
  t.equal(task.pullStartedAt, 1001);
  t.equal(task.pullStoppedAt, 1002);
  t.equal(task.version, 2);
  t.equal(task.containers![0]!.runtimeId, 'abc');
  t.equal(task.containers![0]!.networkBindings![0]!.hostPort, 32768);
  t.equal(task.containers![0]!.imageDigest, 'sha256:1');

  const same = applyReport(task, report('RUNNING', [{ containerName: 'app', status: 'RUNNING' }]), 1010, TD);
  t.equal(same, task, 'nothing changed: same object, same version');
  const digest = applyReport(task, report('RUNNING', [{ containerName: 'app', status: 'RUNNING', imageDigest: 'sha256:2' }]), 1010, TD);
  t.not(digest, task, 'a change that moves no status is still a change');
  t.equal(digest.version, 3);
  t.equal(digest.containers![0]!.imageDigest, 'sha256:2');
  t.equal(task.containers![0]!.imageDigest, 'sha256:1', 'the given task is unchanged');
  const back = applyReport(task, report('PENDING', [{ containerName: 'app', status: 'PENDING' }]), 1011, TD);
  t.equal(back.lastStatus, 'RUNNING', 'never backwards');
  t.equal(back.containers![0]!.lastStatus, 'RUNNING');

  const stopping = stopTask(task, undefined, 1020);
  t.equal(stopping.desiredStatus, 'STOPPED');
  t.equal(stopping.stopCode, 'UserInitiated');
  t.equal(stopping.stoppedReason, 'Task stopped by user');
  t.equal(stopping.stoppingAt, 1020);
  t.equal(stopping.version, 3);
  t.equal(stopTask(stopping, 'again', 1021), stopping, 'a second stop changes nothing');

  const stopped = applyReport(stopping, report('STOPPED', [{ containerName: 'app', status: 'STOPPED', exitCode: 143 }], { executionStoppedAt: 1024 }), 1025, TD);
  t.equal(stopped.lastStatus, 'STOPPED');
  t.equal(stopped.stoppedAt, 1025);
  t.equal(stopped.stoppingAt, 1020, 'kept from the stop');
  t.equal(stopped.executionStoppedAt, 1024);
  t.equal(stopped.stopCode, 'UserInitiated', 'the asked-for stop keeps its cause');
  t.equal(stopped.stoppedReason, 'Task stopped by user');
  t.equal(stopped.containers![0]!.exitCode, 143);
  t.same(stopped.containers!.map((c) => c.lastStatus), ['STOPPED', 'STOPPED'], 'every container STOPPED');
  t.equal(stopped.version, 4);
  t.equal(applyReport(stopped, report('RUNNING', []), 1030, TD).lastStatus, 'STOPPED', 'STOPPED is final');
  t.equal(stopTask(stopped, 'x', 1031), stopped);
  t.equal(stopTask(base(), 'deploy', 1).stoppedReason, 'deploy');
});

t.test('stop causes the control plane works out', async (t) => {
  const running = applyReport(base(), report('RUNNING', [{ containerName: 'app', status: 'RUNNING' }, { containerName: 'sidecar', status: 'RUNNING' }]), 1005, TD);
  const cases: [string, Task, TaskStateReport, Partial<Task>][] = [
    ['essential container exits while the task still runs: desired STOPPED',
      running, report('RUNNING', [{ containerName: 'app', status: 'STOPPED', exitCode: 1 }]),
      { lastStatus: 'RUNNING', desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', stoppingAt: 2000 }],
    ['non-essential container exit does not stop the task',
      running, report('RUNNING', [{ containerName: 'sidecar', status: 'STOPPED', exitCode: 0 }]),
      { lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }],
    ['task STOPPED with an exited essential container',
      running, report('STOPPED', [{ containerName: 'app', status: 'STOPPED', exitCode: 0 }]),
      { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', stoppingAt: 2000, stoppedAt: 2000, executionStoppedAt: 2000 }],
    ['a pull failure: TaskFailedToStart with the container reason',
      base(), report('STOPPED', [{ containerName: 'app', status: 'STOPPED', reason: 'CannotPullContainerError: pull access denied' }]),
      { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: 'CannotPullContainerError: pull access denied' }],
    ['a create failure reported while still PENDING stops it at once',
      base(), report('PENDING', [{ containerName: 'app', status: 'STOPPED', reason: 'CannotCreateContainerError: bad mount' }]),
      { lastStatus: 'PENDING', desiredStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: 'CannotCreateContainerError: bad mount' }],
    ['never ran, only a task reason',
      base(), report('STOPPED', [], { reason: 'ResourceInitError: no' }),
      { lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: 'ResourceInitError: no' }],
    ['a quick essential exit seen straight from PENDING is an exit, not a failure to start',
      base(), report('STOPPED', [{ containerName: 'app', status: 'STOPPED', exitCode: 0 }]),
      { lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' }],
  ];
  for (const [name, task, r, want] of cases) {
    const got = applyReport(task, r, 2000, TD);
    for (const [k, v] of Object.entries(want)) t.same(got[k as keyof Task], v, `${name}: ${k}`);
    t.equal(got.version, task.version! + 1, `${name}: version + 1`);
  }
  // After an essential exit set desired STOPPED, the STOPPED report keeps that cause.
  const exiting = applyReport(running, report('RUNNING', [{ containerName: 'app', status: 'STOPPED', exitCode: 2 }]), 2000, TD);
  const done = applyReport(exiting, report('STOPPED', [{ containerName: 'sidecar', status: 'STOPPED', exitCode: 137 }], { reason: 'whatever' }), 2005, TD);
  t.equal(done.stopCode, 'EssentialContainerExited');
  t.equal(done.stoppedReason, 'Essential container in task exited');
  t.equal(done.stoppingAt, 2000);
  t.equal(done.stoppedAt, 2005);
  t.equal(done.containers![0]!.exitCode, 2);
});

t.test('orphanTask: a task left on an instance deregistered with force is no longer tracked', async (t) => {
  const running = { ...base(), lastStatus: 'RUNNING' } as Task;
  const o = orphanTask(running, 2000);
  t.same([o.lastStatus, o.desiredStatus, o.stopCode, o.stoppedReason, o.stoppedAt, o.stoppingAt, o.version], ['STOPPED', 'STOPPED', 'UserInitiated', ORPHANED_REASON, 2000, 2000, 2]);
  t.equal(o.containers?.[0]?.lastStatus, 'PENDING', 'containers keep their last known status');
  const asked = orphanTask(stopTask(running, 'bye', 1500), 2000);
  t.same([asked.stopCode, asked.stoppedReason, asked.stoppingAt], ['UserInitiated', 'bye', 1500], 'a stop already asked for keeps its cause');
  t.equal(orphanTask(o, 3000), o, 'a STOPPED task is unchanged');
});

t.test('applyReport leaves the task it was given as it was: the new task has its own containers', async (t) => {
  const task = base();
  const before = JSON.stringify(task);
  const next = applyReport(task, report('STOPPED', [{ containerName: 'app', status: 'STOPPED', exitCode: 1, reason: 'exited' }]), 1020, TD);
  t.equal(JSON.stringify(task), before, 'the given task is unchanged');
  t.equal(next.lastStatus, 'STOPPED');
  t.equal(next.containers![0]!.lastStatus, 'STOPPED');
  t.not(next.containers![0], task.containers![0], 'the container changed is a copy');
});

t.test('a capacity provider\'s task that finds no room: PROVISIONING on no instance, placed later, or stopped at once', async (t) => {
  const waiting = base({ containerInstance: undefined, capacityProviderName: 'pis' });
  t.equal(waiting.lastStatus, 'PROVISIONING');
  t.equal(waiting.desiredStatus, 'RUNNING');
  t.equal(waiting.containerInstanceArn, undefined, 'no instance yet');
  t.equal(waiting.availabilityZone, undefined);
  t.equal(waiting.capacityProviderName, 'pis');
  t.equal(base({ capacityProviderName: 'pis' }).lastStatus, 'PENDING', 'placed at once: PENDING, with its provider');

  const placed = provisionedTask(waiting, CI, ID, 'prod');
  t.match(placed, { lastStatus: 'PENDING', containerInstanceArn: CI.containerInstanceArn, availabilityZone: 'home-1a', attributes: [{ name: 'ecs.cpu-architecture', value: 'arm64' }], capacityProviderName: 'pis', version: 2 });
  t.equal(provisionedTask(placed, CI, ID, 'prod'), placed, 'only a PROVISIONING task is placed');

  const stopped = stopTask(waiting, undefined, 2000);
  t.match(stopped, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppingAt: 2000, stoppedAt: 2000, executionStoppedAt: 2000 });
  t.ok(stopped.containers!.every((c) => c.lastStatus === 'STOPPED'), 'nothing ran: its containers are STOPPED with it');
  const timedOut = stopTask(waiting, PROVISIONING_TIMEOUT_STOP.stoppedReason, 3000, PROVISIONING_TIMEOUT_STOP.stopCode);
  t.match(timedOut, { lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: /^Capacity is unavailable at this time\./ });
});
