import t from 'tap';
import {
  CONTAINER_INSTANCE_STATE_CHANGE, EVENT_DETAIL_MEMBERS, TASK_STATE_CHANGE, containerInstanceStateChangeEvent, emitsEvent, eventSummary, isoMillis,
  isoTextOf,
  isoSeconds, newTask, stopTask, taskStateChangeEvent, type ContainerInstance, type Identity, type Task, type TaskDefinition,
} from '../src/index.js';

const ID: Identity = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
const CI_ID = 'fedcba9876543210fedcba9876543210';
const TD: TaskDefinition = {
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3',
  family: 'web', revision: 3, networkMode: 'bridge',
  containerDefinitions: [{ name: 'app', image: 'nginx', cpu: 256, memory: 512, essential: true }],
};
const CI_ARN = `arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/${CI_ID}`;
const NOW = 1700000000.25;

t.test('times: details carry milliseconds, the envelope whole seconds, all UTC', async (t) => {
  t.equal(isoMillis(NOW), '2023-11-14T22:13:20.250Z');
  t.equal(isoSeconds(NOW), '2023-11-14T22:13:20Z');
});

t.test('a task event: EventBridge envelope, the Task with ISO times, no health or tags', async (t) => {
  const task: Task = {
    ...newTask({
      identity: ID, cluster: 'prod', taskId: '0123456789abcdef0123456789abcdef', containerIds: ['11111111-2222-3333-4444-555555555555'],
      taskDefinition: TD, containerInstance: { id: CI_ID, containerInstanceArn: CI_ARN }, now: NOW - 10, tags: [{ key: 'a', value: 'b' }],
    }),
  };
  const e = taskStateChangeEvent(ID, task, NOW, 'evt-1');
  t.same(Object.keys(e).sort(), ['account', 'detail', 'detail-type', 'id', 'region', 'resources', 'source', 'time', 'version']);
  t.match(e, {
    version: '0', id: 'evt-1', 'detail-type': TASK_STATE_CHANGE, source: 'aws.ecs', account: '123456789012', region: 'eu-west-1',
    time: '2023-11-14T22:13:20Z', resources: [task.taskArn],
  });
  const d = e.detail;
  t.equal(d.taskArn, task.taskArn);
  t.equal(d.clusterArn, 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod');
  t.equal(d.containerInstanceArn, CI_ARN);
  t.equal(d.taskDefinitionArn, TD.taskDefinitionArn);
  t.equal(d.lastStatus, 'PENDING');
  t.equal(d.desiredStatus, 'RUNNING');
  t.equal(d.launchType, 'EC2');
  t.equal(d.group, 'family:web');
  t.equal(d.version, 1);
  t.equal(d.createdAt, '2023-11-14T22:13:10.250Z');
  t.equal(d.updatedAt, '2023-11-14T22:13:20.250Z');
  t.notOk('healthStatus' in d, 'no healthStatus (ECS leaves it out)');
  t.notOk('tags' in d, 'no tags');
  t.notOk('enableExecuteCommand' in d);
  t.match(d.overrides, { containerOverrides: [{ name: 'app' }] });
  const c = (d.containers as Record<string, unknown>[])[0]!;
  t.match(c, { name: 'app', image: 'nginx', lastStatus: 'PENDING', taskArn: task.taskArn, cpu: '256', memory: '512' });
  t.notOk('healthStatus' in c);

  const stopped = stopTask(task, 'bye', NOW + 1);
  const s = taskStateChangeEvent(ID, stopped, NOW + 1, 'evt-2').detail;
  t.match(s, { desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'bye', version: 2, stoppingAt: '2023-11-14T22:13:21.250Z' });
});

t.test('a container instance event: the instance, agentConnected from the caller, no counts', async (t) => {
  const ci: ContainerInstance = {
    containerInstanceArn: CI_ARN, ec2InstanceId: 'i-1', version: 7, versionInfo: { agentVersion: '1.0.0' }, status: 'DRAINING',
    agentConnected: false, runningTasksCount: 3, pendingTasksCount: 1, registeredAt: NOW - 100, attributes: [{ name: 'ecs.os-type', value: 'linux' }],
    registeredResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }], remainingResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 512 }],
    tags: [{ key: 'x', value: 'y' }], attachments: [],
  };
  const e = containerInstanceStateChangeEvent(ID, ci, 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod', true, NOW, 'evt-3');
  t.match(e, { 'detail-type': CONTAINER_INSTANCE_STATE_CHANGE, resources: [CI_ARN], source: 'aws.ecs' });
  t.same(e.detail, {
    agentConnected: true, attachments: [], attributes: [{ name: 'ecs.os-type', value: 'linux' }], containerInstanceArn: CI_ARN, ec2InstanceId: 'i-1',
    registeredResources: ci.registeredResources, remainingResources: ci.remainingResources, status: 'DRAINING', version: 7,
    versionInfo: { agentVersion: '1.0.0' }, clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
    registeredAt: '2023-11-14T22:11:40.250Z', updatedAt: '2023-11-14T22:13:20.250Z',
  });
  t.same(eventSummary(e), { resource: CI_ARN, status: 'DRAINING' });
  t.same(eventSummary(containerInstanceStateChangeEvent(ID, ci, 'c', false, NOW, 'x')).status, 'DRAINING (agent disconnected)');
});

t.test('emitsEvent: a new resource or a version that moved', async (t) => {
  const cases: [({ version?: number } | undefined), { version?: number }, boolean][] = [
    [undefined, { version: 1 }, true],
    [{ version: 1 }, { version: 2 }, true],
    [{ version: 2 }, { version: 2 }, false],
    [{}, {}, false],
  ];
  for (const [a, b, want] of cases) t.equal(emitsEvent(a, b), want, `${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
});

t.test('ISO times: the same text as Date.toISOString, inside the years 0000-9999 and outside them', async (t) => {
  const cases = [
    0, 1, 999, 1000, 59_999, 60_000, 3_599_999, 3_600_000, 86_399_999, 1_700_000_000_250, 1_796_298_236_071, 951_782_400_000 /* 2000-02-29 */,
    4_107_542_399_999 /* 2100-02-28T23:59:59.999 */, 253_402_300_799_999, 253_402_300_800_000, -1, -62_198_755_200_000, 8.64e15,
  ];
  for (const ms of cases) t.equal(isoTextOf(ms), new Date(ms).toISOString(), `${ms}`);
  // Hours visited out of order: the hour's text remembered for one is never used for another.
  for (const ms of [1_796_298_236_071, 1_796_294_636_071, 1_796_298_236_072, 1_796_301_836_000]) t.equal(isoTextOf(ms), new Date(ms).toISOString(), `${ms} again`);
  t.throws(() => isoTextOf(NaN), 'an invalid time throws, as toISOString does');
  t.equal(isoSeconds(1_796_298_236.999), '2026-12-03T11:43:56Z');
});

/** The generic copy the pickers replaced: the reference they must agree with. */
function pickByList(o: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

t.test('event details copy exactly the listed members, in the lists\' order, like a copy by the lists', async (t) => {
  const every = (keys: readonly string[]) => Object.fromEntries(keys.map((k, i) => [k, `v${i}`]));
  const allTask = { ...every(EVENT_DETAIL_MEMBERS.task), healthStatus: 'HEALTHY', tags: [], containers: [{ ...every(EVENT_DETAIL_MEMBERS.container), healthStatus: 'x' }] } as unknown as Task;
  const d = taskStateChangeEvent(ID, allTask, NOW, 'e').detail;
  t.same(Object.keys(d), [...EVENT_DETAIL_MEMBERS.task, 'containers', 'updatedAt']);
  t.same(Object.keys((d.containers as object[])[0]!), [...EVENT_DETAIL_MEMBERS.container]);
  const allInstance = { ...every(EVENT_DETAIL_MEMBERS.instance), runningTasksCount: 1, tags: [] } as unknown as ContainerInstance;
  const i = containerInstanceStateChangeEvent(ID, allInstance, 'c', false, NOW, 'e').detail;
  t.same(Object.keys(i), [...EVENT_DETAIL_MEMBERS.instance, 'clusterArn', 'updatedAt']);
  t.equal(i.agentConnected, false, 'agentConnected is the caller\'s');

  const task: Task = {
    ...newTask({
      identity: ID, cluster: 'prod', taskId: '0123456789abcdef0123456789abcdef', containerIds: ['11111111-2222-3333-4444-555555555555', '66666666-7777-8888-9999-000000000000'],
      taskDefinition: { ...TD, containerDefinitions: [...TD.containerDefinitions!, { name: 'side', image: 'busybox', memoryReservation: 64, essential: false }] },
      containerInstance: { id: CI_ID, containerInstanceArn: CI_ARN }, now: NOW - 10, tags: [{ key: 'a', value: 'b' }], startedBy: 'me', group: 'g',
    }),
    lastStatus: 'RUNNING', startedAt: NOW - 5, pullStartedAt: NOW - 8, pullStoppedAt: NOW - 7, version: 3,
  };
  task.containers = task.containers!.map((c, n) => ({ ...c, lastStatus: 'RUNNING', runtimeId: `r${n}`, networkBindings: [{ containerPort: 80, hostPort: 8080 + n }] }));
  for (const x of [task, { ...task, containers: [] }, {} as Task]) {
    const want = {
      ...pickByList(x, EVENT_DETAIL_MEMBERS.task),
      ...Object.fromEntries((['createdAt', 'connectivityAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt', 'stoppingAt', 'executionStoppedAt', 'stoppedAt'] as const)
        .filter((k) => x[k] !== undefined).map((k) => [k, isoMillis(x[k]!)])),
      containers: (x.containers ?? []).map((c) => pickByList(c, EVENT_DETAIL_MEMBERS.container)),
      updatedAt: isoMillis(NOW),
    };
    t.equal(JSON.stringify(taskStateChangeEvent(ID, x, NOW, 'e').detail), JSON.stringify(want), 'the same JSON text as the copy by the lists');
  }
});
