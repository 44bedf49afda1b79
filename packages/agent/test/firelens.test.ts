// The agent's FireLens pieces, pure: the implicit START dependency on the router (ECS's
// addFirelensContainerDependency), Docker's fluentd driver for an awsfirelens container (synchronous,
// acknowledged) and the router's binds, as buildCreateOptions gives them to Docker.
import t from 'tap';
import type { ContainerDefinition, Task, TaskDefinition } from '@berth/core';
import { buildCreateOptions } from '../src/engine/container-spec.js';
import { containerDependencies } from '../src/engine/dependencies.js';
import { firelensPaths } from '../src/engine/firelens.js';

const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/c/0123abcd';
const router: ContainerDefinition = { name: 'log_router', image: 'berth/log-router', essential: true, firelensConfiguration: { type: 'fluentbit' } };
const app = (extra: Partial<ContainerDefinition> = {}): ContainerDefinition => ({ name: 'app', image: 'x', logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'file', Path: '/logs', 'log-driver-buffer-limit': '2097152' } }, ...extra });
const td = (...cds: ContainerDefinition[]): TaskDefinition => ({ family: 'f', revision: 1, containerDefinitions: cds });

t.test('an awsfirelens container depends on the router with START, unless it already does or the router depends on others', async (t) => {
  const def = td(router, app());
  t.same(containerDependencies(app(), def), [{ containerName: 'log_router', condition: 'START' }]);
  t.same(containerDependencies(router, def), [], 'the router itself');
  t.same(containerDependencies(app({ dependsOn: [{ containerName: 'log_router', condition: 'HEALTHY' }] }), def), [{ containerName: 'log_router', condition: 'HEALTHY' }], 'its own dependency on the router stays');
  const routerWaits = { ...router, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' as const }] };
  t.same(containerDependencies(app(), td(routerWaits, app())), [], 'none when the router has dependencies (ECS: no cycles)');
  t.same(containerDependencies({ name: 'plain', image: 'x' }, def), [], 'a container logging elsewhere');
});

t.test('Docker options: the fluentd driver to the router\'s socket for the app, the binds for the router', async (t) => {
  const def = td(router, app());
  const task = { taskArn, taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/f:1' } as Task;
  const paths = firelensPaths('/var/lib/ecs/data', taskArn);
  const spec = (containerName: string) => buildCreateOptions({ task, taskDefinition: def, containerName, dockerName: `d-${containerName}`, cluster: 'c', instanceId: 'i', firelens: paths }).options;
  t.same(spec('app').HostConfig.LogConfig, {
    Type: 'fluentd',
    Config: {
      'fluentd-address': 'unix:///var/lib/ecs/data/firelens/0123abcd/socket/fluent.sock', tag: 'app-firelens-0123abcd',
      'fluentd-async': 'false', 'fluentd-request-ack': 'true', 'fluentd-sub-second-precision': 'true', 'fluentd-buffer-limit': '2097152',
    },
  });
  t.same(spec('log_router').HostConfig.Binds, ['/var/lib/ecs/data/firelens/0123abcd/config:/etc/berth-log-router:ro', '/var/lib/ecs/data/firelens/0123abcd/socket:/var/run']);
  t.equal(spec('log_router').HostConfig.LogConfig, undefined, 'the router logs as Docker\'s default');
});
