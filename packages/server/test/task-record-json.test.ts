// A launch encodes a task once for its record and its assignment (state/tasks.ts taskRecordJson): the
// texts spliced around that one encoding must decode to exactly the record and the assignment.
import t from 'tap';
import type { Task } from '@berth/core';
import { taskOps, taskRecordJson, type TaskRecord } from '../src/state/tasks.js';
import type { KeyValue } from '@berth/store';
import { assignmentOp, decodeAssignment } from '../src/state/assignments.js';

const task: Task = {
  taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c1/abc', clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c1',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:3', lastStatus: 'PENDING', desiredStatus: 'RUNNING',
  group: 'family:web', containers: [{ name: 'app', image: 'busybox', lastStatus: 'PENDING' }], tags: [{ key: 'q"uote', value: 'ü\n' }],
};
const rec: TaskRecord = {
  cluster: 'c1', id: 'abc', containerInstanceId: 'i-1', task,
  reservation: { cpu: 8, memory: 16, ports: [8080], portsUdp: [] }, reportCounter: 4,
};

t.test('a task record encoded around its task text decodes to the record', async (t) => {
  t.same(JSON.parse(taskRecordJson(rec)), rec);
  t.same(JSON.parse(taskRecordJson(rec, JSON.stringify(task))), rec, 'with the task encoded by the caller');
  const put = taskOps(rec, undefined, JSON.stringify(task))[0]!;
  t.ok('put' in put && put.value === taskRecordJson(rec), 'taskOps writes that text');
});

t.test('an assignment encoded around its task text decodes to {cluster, task}', async (t) => {
  const op = assignmentOp(rec, JSON.stringify(task));
  t.ok('put' in op);
  // Stored compact (schema 8: the task's id, the cluster and the ARN prefix named once), read back whole.
  if ('put' in op) t.same(decodeAssignment({ key: 'k', value: Buffer.from(String(op.value)), createRevision: 1, modRevision: 1, version: 1 } as KeyValue), { cluster: 'c1', task });
  const plain = assignmentOp(rec);
  if ('put' in plain && 'put' in op) t.equal(plain.value, op.value, 'the same text whether or not the caller encoded the task');
});
