// What placement sees of an instance (launch-plan.ts's candidate): a table of instance records and the
// candidate each gives, members present exactly when the record (or the snapshot) has them.
import t from 'tap';
import type { PlacementCandidate } from '@berth/core';
import { WithChanges, candidate, type Snap } from '../src/handlers/tasks/launch-plan.js';
import type { InstanceRecord } from '../src/state/instances.js';

const ID = '0123456789abcdef0123456789abcdef';
const ARN = `arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/${ID}`;
const CPU = [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }];
const rec = (instance: InstanceRecord['instance'], taskGroups?: Record<string, number>): InstanceRecord =>
  ({ cluster: 'prod', id: ID, instance, ...(taskGroups ? { taskGroups } : {}) }) as InstanceRecord;
const base = { id: ID, arn: ARN };

const table: [string, Snap, Parameters<typeof candidate>[1], PlacementCandidate][] = [
  ['a bare record: ACTIVE, no resources', { rec: rec({ containerInstanceArn: ARN }), modRevision: 1, agentConnected: false }, undefined,
    { ...base, status: 'ACTIVE', agentConnected: false, remainingResources: [], taskGroups: undefined }],
  ['every optional member', {
    rec: rec({
      containerInstanceArn: ARN, status: 'DRAINING', remainingResources: CPU, attributes: [{ name: 'a', value: 'b' }],
      versionInfo: { agentVersion: '1.2.3' }, ec2InstanceId: 'i-1', registeredAt: 1700000000,
    }, { 'family:web': 2 }),
    modRevision: 7, agentConnected: true, running: 3,
  }, undefined, {
    ...base, status: 'DRAINING', agentConnected: true, remainingResources: CPU, attributes: [{ name: 'a', value: 'b' }],
    agentVersion: '1.2.3', ec2InstanceId: 'i-1', registeredAt: 1700000000, taskGroups: { 'family:web': 2 }, runningTasksCount: 3,
  }],
  ['remaining given replaces the record\'s; versionInfo without an agent version; running 0 kept', {
    rec: rec({ containerInstanceArn: ARN, remainingResources: CPU, versionInfo: {} }), modRevision: 2, agentConnected: true, running: 0,
  }, [], { ...base, status: 'ACTIVE', agentConnected: true, remainingResources: [], taskGroups: undefined, runningTasksCount: 0 }],
];

for (const [name, snap, remaining, want] of table) {
  t.test(name, async (t) => {
    const got = candidate(snap, remaining);
    t.strictSame(got, want);
    t.same(Object.keys(got).sort(), Object.keys(want).sort(), 'exactly these members');
  });
}

t.test('WithChanges: the snapshot by position, with changed records in place of their own, nothing copied', async (t) => {
  const at = (id: string, modRevision: number) => ({ rec: { ...rec({ containerInstanceArn: `${ARN}-${id}` }), id }, modRevision });
  const base = [at('a', 1), at('b', 2), at('c', 3)];
  const list = new WithChanges(base, new Map([['b', at('b', -1)], ['gone', at('gone', -2)]]));
  t.equal(list.length, 3, 'as long as the snapshot: a changed record it does not hold adds nothing');
  t.same([0, 1, 2].map((i) => [list.at(i)!.rec.id, list.at(i)!.modRevision]), [['a', 1], ['b', -1], ['c', 3]]);
  list.changed.set('c', at('c', -3));
  t.equal(list.at(2)!.modRevision, -3, 'a change made while placing is seen at once');
  t.equal(list.at(3), undefined);
  t.same(base.map((c) => c.modRevision), [1, 2, 3], 'the snapshot itself is untouched');
  t.equal(new WithChanges(base).at(1), base[1], 'without changes: the snapshot\'s own records');
});
