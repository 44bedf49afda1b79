import t from 'tap';
import {
  addEvents, placementFailureMessage, serviceChangeEvents, serviceMessage, type Deployment, type Identity, type Service, type ServiceMessage,
} from '../src/index.js';

const ID: Identity = { partition: 'aws', region: 'us-east-1', accountId: '123456789012' };
const ARN = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web';
const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod';
let n = 0;
const ids = () => `id-${++n}`;
const dep = (id: string, rolloutState: Deployment['rolloutState'], extra: Partial<Deployment> = {}): Deployment =>
  ({ id, status: 'PRIMARY', rolloutState, updatedAt: 1700000000, ...extra });
const svc = (deployments: Deployment[], events: { id: string; message: string }[] = []): Service =>
  ({ serviceArn: ARN, clusterArn: CLUSTER, serviceName: 'web', deployments, events: events.map((e) => ({ ...e, createdAt: 1700000001 })) });
const names = (s: ReturnType<typeof serviceChangeEvents>) => s.map((e) => `${e['detail-type']}:${String(e.detail.eventName)}`);

t.test('deployment state changes', async (t) => {
  const created = serviceChangeEvents(ID, undefined, svc([dep('ecs-svc/1', 'IN_PROGRESS')]), 1700000002, ids);
  t.same(names(created), ['ECS Deployment State Change:SERVICE_DEPLOYMENT_IN_PROGRESS']);
  t.same(created[0]!.resources, [ARN]);
  t.same(created[0]!.detail, { eventType: 'INFO', eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS', deploymentId: 'ecs-svc/1', updatedAt: '2023-11-14T22:13:20.000Z', reason: 'ECS deployment ecs-svc/1 in progress.' });

  const before = svc([dep('ecs-svc/1', 'IN_PROGRESS')]);
  t.same(names(serviceChangeEvents(ID, before, before, 1, ids)), [], 'no change, no event');
  const done = serviceChangeEvents(ID, before, svc([dep('ecs-svc/1', 'COMPLETED')]), 1, ids);
  t.same(done.map((e) => e.detail.reason), ['ECS deployment ecs-svc/1 completed.']);

  const rollback = serviceChangeEvents(ID, svc([dep('ecs-svc/2', 'IN_PROGRESS'), dep('ecs-svc/1', 'COMPLETED', { status: 'ACTIVE' })]), svc([
    dep('ecs-svc/3', 'IN_PROGRESS', { rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.' }),
    dep('ecs-svc/2', 'FAILED', { status: 'ACTIVE', rolloutStateReason: 'ECS deployment circuit breaker: task failed to start.' }),
    dep('ecs-svc/1', 'COMPLETED', { status: 'ACTIVE' }),
  ]), 1, ids);
  t.same(rollback.map((e) => [e.detail.eventName, e.detail.eventType, e.detail.deploymentId, e.detail.reason]), [
    ['SERVICE_DEPLOYMENT_FAILED', 'ERROR', 'ecs-svc/2', 'ECS deployment circuit breaker: task failed to start.'],
    ['SERVICE_DEPLOYMENT_IN_PROGRESS', 'INFO', 'ecs-svc/3', 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.'],
  ], 'the failure first, then the rollback, oldest first');
});

t.test('service actions: the kinds the decision gave, never read back from the texts', async (t) => {
  const d = [dep('ecs-svc/1', 'COMPLETED')];
  const before = svc(d, [{ id: 'a', message: '(service web) has started 2 tasks: (task x) (task y).' }]);
  const messages: ServiceMessage[] = [
    serviceMessage('started', 'web', ['z']),
    serviceMessage('steadyState', 'web'),
    serviceMessage('stopped', 'web', ['x']),
    placementFailureMessage('web', [{ instanceId: 'abc', reason: 'RESOURCE:MEMORY' }]),
    placementFailureMessage('web', [{ instanceId: 'abc', reason: 'ATTRIBUTE' }]),
    serviceMessage('startImpaired', 'web'),
    serviceMessage('daemonConstraint', 'web', ['y']),
    serviceMessage('configurationFailure', 'web', 'no such thing'),
    // A text that reads like an action is still only a message: the kind decides.
    { message: '(service web) has reached a steady state.' },
  ];
  let k = 0;
  const added = addEvents(before.events!, messages, 1700000001, () => `m${++k}`);
  t.equal(added.events.length, 10);
  t.equal(added.events[0]!.message, '(service web) has reached a steady state.', 'newest first');
  const ev = serviceChangeEvents(ID, before, { ...before, events: added.events }, 1700000005, ids, added.actions);
  t.same(ev.map((e) => [e.detail.eventType, e.detail.eventName, e.detail.reason]), [
    ['INFO', 'SERVICE_STEADY_STATE', undefined], ['INFO', 'TASKS_STOPPED', undefined], ['ERROR', 'SERVICE_TASK_PLACEMENT_FAILURE', 'RESOURCE:MEMORY'],
    ['ERROR', 'SERVICE_TASK_PLACEMENT_FAILURE', 'ATTRIBUTE'], ['WARN', 'SERVICE_TASK_START_IMPAIRED', undefined], ['ERROR', 'SERVICE_DAEMON_PLACEMENT_CONSTRAINT_VIOLATED', undefined],
    ['ERROR', 'SERVICE_TASK_CONFIGURATION_FAILURE', undefined],
  ], 'oldest first; "has started" is no service action');
  t.same(ev[0]!.detail, { eventType: 'INFO', eventName: 'SERVICE_STEADY_STATE', clusterArn: CLUSTER, createdAt: '2023-11-14T22:13:21.000Z' });
  t.equal(ev[0]!['detail-type'], 'ECS Service Action');
  t.notOk('version' in ev[0]!.detail, 'no detail.version, as ECS');

  const again = addEvents(added.events, [placementFailureMessage('web', [{ instanceId: 'abc', reason: 'RESOURCE:MEMORY' }])], 1700000010, () => 'n', { dedupe: () => true });
  t.same(again.actions, [], 'a repeated placement failure shown once is one action');
  t.same(placementFailureMessage('web', []), {
    message: '(service web) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.',
    action: 'SERVICE_TASK_PLACEMENT_FAILURE',
  });
});
