// Task events and assignments stored compact (kit.ts's compactText): the strings they repeat named once,
// each occurrence a control character that JSON text never holds raw. What eventText reads back is the
// event's JSON text byte for byte, whatever the strings (one inside another, at the edges, next to each
// other, non-ASCII around them); taskEventOps stores a real task's event so, and assignmentOp its
// assignment, both smaller, and decodeAssignment reads both forms.
import t from 'tap';
import { newTask, taskStateChangeEvent, type Identity, type TaskDefinition } from '@berth/core';
import type { KeyValue, Store } from '@berth/store';
import { compactEventPutOp, eventAttributeSet, eventText } from '../src/state/events.js';
import { taskEventOps } from '../src/events/publish.js';
import { assignmentOp, decodeAssignment } from '../src/state/assignments.js';
import type { ServerContext } from '../src/context.js';

const kvOf = (op: { put: string; value: string }): KeyValue => ({ key: op.put, value: Buffer.from(op.value), createRevision: 1, modRevision: 1, version: 1 });
const noStore = {} as Store;
const put = (text: string, strings: string[]) => compactEventPutOp('c', 1000, text, strings) as { put: string; value: string };

t.test('read back exact: a table of texts and strings', async (t) => {
  // [case, text, strings, the strings named (none: stored whole)]
  const rows: [string, string, string[], string[]][] = [
    ['each string several times', JSON.stringify({ a: 'arn:x:task/prod/0123abcd', b: ['prod', 'arn:x:', '0123abcd'], c: 'prodprod' }), ['0123abcd', 'prod', 'arn:x:'], ['0123abcd', 'prod', 'arn:x:']],
    ['a string inside an earlier one (already replaced there)', JSON.stringify({ a: 'abcdefgh', b: 'cdef' }), ['abcdefgh', 'cdef'], ['abcdefgh', 'cdef']],
    ['an earlier string inside a later one: the later one is gone', JSON.stringify({ a: 'cdef', b: 'abcdefgh' }), ['cdef', 'abcdefgh'], ['cdef']],
    ['strings at both ends of the text', '"abcd-xyz-abcd"', ['"abcd', 'abcd"'], ['"abcd', 'abcd"']],
    ['non-ASCII (too short to name), escapes and a backslash around them', JSON.stringify({ s: 'ünï\u2028"q"\\zzzz☃zzzz\u0001' }), ['zzzz', 'ünï'], ['zzzz']],
    ['a string that is not in the text is not named', JSON.stringify({ a: 'abcd' }), ['wxyz', 'abcd'], ['abcd']],
    ['too short, or with a control character: not named', JSON.stringify({ a: 'abc', b: 'ab\u0002cd' }), ['abc', 'ab\u0002cd', ''], []],
    ['at most three strings', JSON.stringify({ a: 'aaaa bbbb cccc dddd' }), ['aaaa', 'bbbb', 'cccc', 'dddd'], ['aaaa', 'bbbb', 'cccc']],
    ['nothing to name: stored whole', '{}', ['abcd'], []],
  ];
  for (const [name, text, strings, named] of rows) {
    const op = put(text, strings);
    t.equal(op.value, named.length === 0 ? text : `%${JSON.stringify(named)}\n${op.value.slice(op.value.indexOf('\n') + 1)}`, `${name}: ${named.length === 0 ? 'whole' : `names ${named.join(', ')}`}`);
    t.equal(eventText(noStore, kvOf(op)), text, `${name}: read back byte for byte`);
    t.equal(eventAttributeSet(Buffer.from(op.value)), undefined, `${name}: names no attribute set`);
  }
});

t.test('taskEventOps: a task event stored compact, read back as the event\'s JSON', async (t) => {
  const identity: Identity = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
  const td: TaskDefinition = {
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/default:3', family: 'default', revision: 3,
    containerDefinitions: [{ name: 'app', image: 'nginx', cpu: 256, memory: 512, essential: true }, { name: 'log', image: 'fluent-bit', essential: false }],
  };
  const ciId = 'fedcba9876543210fedcba9876543210';
  const task = newTask({
    identity, cluster: 'default', taskId: '0123456789abcdef0123456789abcdef', containerIds: ['11111111-2222-3333-4444-555555555555', '66666666-7777-8888-9999-000000000000'],
    taskDefinition: td, containerInstance: { id: ciId, containerInstanceArn: `arn:aws:ecs:eu-west-1:123456789012:container-instance/default/${ciId}` }, now: 1_700_000_000, tags: [],
    overrides: { containerOverrides: [{ name: 'app', command: ['echo', 'default 0123456789abcdef0123456789abcdef \u0001'] }] },
  });
  const ctx = { identity, now: () => 1_700_000_001.5 } as unknown as ServerContext;
  const [op] = taskEventOps(ctx, 'default', task) as { put: string; value: string }[];
  t.ok(op!.value.startsWith('%'), 'compact');
  const text = eventText(noStore, kvOf(op!)) as string;
  const event = JSON.parse(text) as ReturnType<typeof taskStateChangeEvent>;
  t.equal(text, JSON.stringify(taskStateChangeEvent(identity, task, 1_700_000_001.5, event.id)), 'the JSON of the event, exact');
  t.ok(op!.value.length < text.length * 0.8, `smaller: ${op!.value.length} of ${text.length} characters`);
  t.same(taskEventOps(ctx, 'default', task, task), [], 'no change, no event');
});

t.test('assignmentOp: stored compact, decoded to the same record; one stored whole decodes as before', async (t) => {
  const identity: Identity = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };
  const ciId = '43d29b4504190e589120b066b7892711';
  const id = 'd4dc8d566b2165d70d7486e5a57c8e7e';
  const task = newTask({
    identity, cluster: 'bench-cluster', taskId: id, containerIds: ['a447a95a-c20d-4192-8a9e-d6838aa68b4c'],
    taskDefinition: { taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/bench-cluster:1', family: 'bench-cluster', revision: 1, containerDefinitions: [{ name: 'c', image: 'busybox', cpu: 8, memory: 16 }] },
    containerInstance: { id: ciId, containerInstanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/bench-cluster/${ciId}` }, now: 1_796_298_236.068, tags: [],
  });
  const rec = { cluster: 'bench-cluster', id, containerInstanceId: ciId, task, reservation: { cpu: 8, memory: 16, ports: [], portsUdp: [] }, reportCounter: 0 };
  const op = assignmentOp(rec) as { put: string; value: string };
  const whole = JSON.stringify({ cluster: rec.cluster, task });
  t.ok(op.value.startsWith('%') && op.value.length < whole.length * 0.8, `compact: ${op.value.length} of ${whole.length} characters`);
  t.same(decodeAssignment(kvOf(op)), JSON.parse(whole), 'decoded: the record');
  t.same(decodeAssignment(kvOf({ put: op.put, value: whole })), JSON.parse(whole), 'stored whole (schema 7): the same');
});
