// A task event stored compact (state/events.ts's compactEventPutOp): the strings it repeats named once,
// each occurrence a control character that JSON text never holds raw. What eventText reads back is the
// event's JSON text byte for byte, whatever the strings (one inside another, at the edges, next to each
// other, non-ASCII around them), and taskEventOps stores a real task's event so, a third smaller.
import t from 'tap';
import { newTask, taskStateChangeEvent, type Identity, type TaskDefinition } from '@berth/core';
import type { KeyValue, Store } from '@berth/store';
import { compactEventPutOp, eventAttributeSet, eventText } from '../src/state/events.js';
import { taskEventOps } from '../src/events/publish.js';
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
