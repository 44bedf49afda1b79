// Task health as ECS computes it from essential containers with health checks, and how a report moves it.
import t from 'tap';
import { applyReport, newTask, taskHealthStatus, hasHealthCheck, type ContainerHealthView, type Identity, type TaskDefinition } from '../src/index.js';

t.test('taskHealthStatus: essential containers with a health check decide', async (t) => {
  const c = (essential: boolean, hasHealthCheck: boolean, healthStatus?: ContainerHealthView['healthStatus']): ContainerHealthView => ({ essential, hasHealthCheck, healthStatus });
  const cases: [string, ContainerHealthView[], string][] = [
    ['no containers', [], 'UNKNOWN'],
    ['no health check anywhere', [c(true, false), c(false, false)], 'UNKNOWN'],
    ['only a non-essential check, healthy', [c(true, false), c(false, true, 'HEALTHY')], 'UNKNOWN'],
    ['only a non-essential check, unhealthy', [c(true, false), c(false, true, 'UNHEALTHY')], 'UNKNOWN'],
    ['essential healthy', [c(true, true, 'HEALTHY')], 'HEALTHY'],
    ['essential healthy, essential without check ignored', [c(true, true, 'HEALTHY'), c(true, false, 'UNKNOWN')], 'HEALTHY'],
    ['essential still evaluating', [c(true, true)], 'UNKNOWN'],
    ['essential UNKNOWN', [c(true, true, 'UNKNOWN')], 'UNKNOWN'],
    ['one healthy one evaluating', [c(true, true, 'HEALTHY'), c(true, true, 'UNKNOWN')], 'UNKNOWN'],
    ['one unhealthy wins over unknown', [c(true, true, 'UNHEALTHY'), c(true, true, 'UNKNOWN')], 'UNHEALTHY'],
    ['one unhealthy wins over healthy', [c(true, true, 'HEALTHY'), c(true, true, 'UNHEALTHY')], 'UNHEALTHY'],
    ['non-essential unhealthy does not count', [c(true, true, 'HEALTHY'), c(false, true, 'UNHEALTHY')], 'HEALTHY'],
  ];
  for (const [name, cs, want] of cases) t.equal(taskHealthStatus(cs), want, name);
  t.equal(hasHealthCheck(undefined), false);
  t.equal(hasHealthCheck({ command: ['NONE'] }), false, 'NONE disables checks');
  t.equal(hasHealthCheck({ command: ['CMD-SHELL', 'true'] }), true);
});

const ID: Identity = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
const TD: TaskDefinition = {
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1',
  family: 'web', revision: 1, networkMode: 'bridge',
  containerDefinitions: [
    { name: 'app', image: 'x', cpu: 0, memory: 64, essential: true, healthCheck: { command: ['CMD-SHELL', 'true'] } },
    { name: 'side', image: 'x', cpu: 0, memory: 64, essential: false, healthCheck: { command: ['CMD', '/bin/true'] } },
    { name: 'plain', image: 'x', cpu: 0, memory: 64, essential: true },
  ],
};
const CI = { id: 'ci', containerInstanceArn: 'arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/ci' };

t.test('applyReport copies container health and computes the task health', async (t) => {
  const t0 = newTask({ identity: ID, cluster: 'prod', taskId: '0'.repeat(32), containerIds: ['a', 'b', 'c'], taskDefinition: TD, containerInstance: CI, now: 10 });
  t.equal(t0.healthStatus, 'UNKNOWN');
  const arn = t0.taskArn!;
  const running = applyReport(t0, { taskArn: arn, counter: 1, lastStatus: 'RUNNING', containers: [] }, 11, TD);
  t.equal(running.healthStatus, 'UNKNOWN', 'no health in the report: unchanged');
  const h1 = applyReport(running, { taskArn: arn, counter: 2, lastStatus: 'RUNNING', containers: [], containerHealth: [{ containerName: 'app', healthStatus: 'HEALTHY', statusSince: 12 }, { containerName: 'side', healthStatus: 'UNHEALTHY' }] }, 12, TD);
  t.equal(h1.healthStatus, 'HEALTHY', 'essential app healthy; non-essential side ignored');
  t.same(h1.containers!.map((c) => [c.name, c.healthStatus]), [['app', 'HEALTHY'], ['side', 'UNHEALTHY'], ['plain', 'UNKNOWN']]);
  t.equal(h1.version, running.version! + 1, 'a health change bumps the version');
  const h2 = applyReport(h1, { taskArn: arn, counter: 3, lastStatus: 'RUNNING', containers: [], containerHealth: [{ containerName: 'app', healthStatus: 'UNHEALTHY' }, { containerName: 'side', healthStatus: 'UNHEALTHY' }] }, 13, TD);
  t.equal(h2.healthStatus, 'UNHEALTHY');
  t.equal(h2.lastStatus, 'RUNNING', 'health never stops a task by itself');
  const same = applyReport(h2, { taskArn: arn, counter: 4, lastStatus: 'RUNNING', containers: [], containerHealth: [{ containerName: 'app', healthStatus: 'UNHEALTHY' }] }, 14, TD);
  t.equal(same, h2, 'nothing changed: same object');
});
