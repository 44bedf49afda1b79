// What rollout undo goes back to, as tables: the previous revision from a service's deployment history
// (newest first), and the UpdateService that brings a service back to a revision.
import t from 'tap';
import type { Service, ServiceDeployment, ServiceRevision } from '@berth/core';
import { previousRevision, undoUpdate } from '../src/commands/rollout-history.js';

const rev = (n: number) => `arn:aws:ecs:us-east-1:000000000000:service-revision/c/web/${n}`;
const dep = (status: string, target: number, back?: number): ServiceDeployment =>
  ({ status: status as ServiceDeployment['status'], targetServiceRevision: { arn: rev(target) }, ...(back !== undefined ? { rollback: { serviceRevisionArn: rev(back) } } : {}) });

t.test('previous revision', async (t) => {
  const rows: [string, ServiceDeployment[], number | undefined][] = [
    ['the revision before a completed deployment', [dep('SUCCESSFUL', 3), dep('SUCCESSFUL', 2), dep('SUCCESSFUL', 1)], 2],
    ['what an unfinished deployment replaces', [dep('IN_PROGRESS', 3), dep('SUCCESSFUL', 2)], 2],
    ['a settled one over a newer superseded one', [dep('SUCCESSFUL', 4), dep('STOPPED', 3), dep('SUCCESSFUL', 2)], 2],
    ['a rolled back deployment runs the revision it went back to: the one before that', [dep('ROLLBACK_SUCCESSFUL', 3, 2), dep('SUCCESSFUL', 2), dep('SUCCESSFUL', 1)], 1],
    ['after a rollback, the revision that was rolled back to is not "previous" of itself', [dep('SUCCESSFUL', 4), dep('ROLLBACK_SUCCESSFUL', 3, 2), dep('SUCCESSFUL', 2)], 2],
    ['a deployment with the same revision as now is skipped', [dep('SUCCESSFUL', 5), dep('SUCCESSFUL', 5), dep('SUCCESSFUL', 1)], 1],
    ['none settled: the newest other one named', [dep('IN_PROGRESS', 2), dep('STOPPED', 1)], 1],
    ['one deployment: nothing to go back to', [dep('SUCCESSFUL', 1)], undefined],
    ['no history', [], undefined],
  ];
  for (const [what, history, want] of rows) t.equal(previousRevision(history), want === undefined ? undefined : rev(want), what);
});

t.test('the UpdateService of an undo', async (t) => {
  const lb = { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/1', containerName: 'app', containerPort: 80 };
  const service: Service = { serviceName: 'web', loadBalancers: [lb], serviceRegistries: [], deployments: [{ status: 'PRIMARY', taskDefinition: 'td:3' }] };
  const revision = (more: Partial<ServiceRevision>): ServiceRevision => ({ taskDefinition: 'td:1', loadBalancers: [lb], serviceRegistries: [], ...more });
  t.same(undoUpdate('c', service, revision({})), { cluster: 'c', service: 'web', taskDefinition: 'td:1' }, 'the task definition; members as they are now stay out');
  t.same(undoUpdate('c', service, revision({ loadBalancers: [] })), { cluster: 'c', service: 'web', taskDefinition: 'td:1', loadBalancers: [] }, 'a member that differs goes in (the control plane says whether it can change it)');
  t.same(undoUpdate('c', service, revision({ platformVersion: '1.4.0' })), { cluster: 'c', service: 'web', taskDefinition: 'td:1', platformVersion: '1.4.0' }, 'members of the deployment too');
  t.same(undoUpdate('c', service, { taskDefinition: 'td:1' }), { cluster: 'c', service: 'web', taskDefinition: 'td:1' }, 'members a revision does not record stay out');
});
