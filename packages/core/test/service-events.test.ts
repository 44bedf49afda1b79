import t from 'tap';
import { serviceChangeEvents, type Deployment, type Identity, type Service } from '../src/index.js';

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

t.test('service actions from the scheduler messages added', async (t) => {
  const d = [dep('ecs-svc/1', 'COMPLETED')];
  const before = svc(d, [{ id: 'a', message: '(service web) has started 2 tasks: (task x) (task y).' }]);
  const after = svc(d, [
    { id: 'e', message: '(service web) is unable to consistently start tasks successfully.' },
    { id: 'd', message: '(service web) was unable to place a task because no container instance met all of its requirements. Reason: The closest matching (container-instance abc) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.' },
    { id: 'c', message: '(service web) has stopped 1 running tasks: (task x).' },
    { id: 'b', message: '(service web) has reached a steady state.' },
    { id: 'a', message: '(service web) has started 2 tasks: (task x) (task y).' },
  ]);
  const ev = serviceChangeEvents(ID, before, after, 1700000005, ids);
  t.same(ev.map((e) => [e.detail.eventType, e.detail.eventName]), [
    ['INFO', 'SERVICE_STEADY_STATE'], ['INFO', 'TASKS_STOPPED'], ['ERROR', 'SERVICE_TASK_PLACEMENT_FAILURE'], ['WARN', 'SERVICE_TASK_START_IMPAIRED'],
  ], 'oldest first; "has started" is no service action');
  t.equal(ev[2]!.detail.reason, 'RESOURCE:MEMORY');
  t.same(ev[0]!.detail, { eventType: 'INFO', eventName: 'SERVICE_STEADY_STATE', clusterArn: CLUSTER, createdAt: '2023-11-14T22:13:21.000Z' });
  t.equal(ev[0]!['detail-type'], 'ECS Service Action');
  t.notOk('version' in ev[0]!.detail, 'no detail.version, as ECS');
});
