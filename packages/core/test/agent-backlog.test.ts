// An agent's backlog (what the server could not write while the agent did not read): merging assignment
// batches leaves the agent where every batch would have, acknowledgements keep the highest counter, and
// however much happened meanwhile the backlog holds one entry per task.
import t from 'tap';
import { addToBacklog, backlogMessages, backlogSize, emptyBacklog, mergeAssignments, type AssignmentBatch, type ServerMessage, type TaskAssignment } from '../src/index.js';

const arn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/c/${id}`;
const task = (id: string, desiredStatus = 'RUNNING'): TaskAssignment => ({
  task: { taskArn: arn(id), desiredStatus },
  taskDefinition: { family: 'f', revision: 1, containerDefinitions: [] },
});
const batch = (seq: number, full: boolean, tasks: TaskAssignment[], removed: string[] = []): AssignmentBatch => ({ seq, full, tasks, removedTaskArns: removed.map(arn) });

/** What an agent holds after applying batches in order: task id -> desiredStatus. */
function apply(batches: AssignmentBatch[], start: Record<string, string> = {}): Record<string, string> {
  let held = { ...start };
  for (const b of batches) {
    if (b.full) held = {};
    for (const r of b.removedTaskArns) delete held[r.split('/').pop()!];
    for (const a of b.tasks) held[a.task.taskArn!.split('/').pop()!] = a.task.desiredStatus!;
  }
  return held;
}

t.test('mergeAssignments: one batch says what the two said, in order', async (t) => {
  const cases: [string, AssignmentBatch, AssignmentBatch, { full: boolean; tasks: Record<string, string>; removed: string[]; seq: number }][] = [
    ['two increments, different tasks', batch(1, false, [task('a')]), batch(2, false, [task('b')]), { full: false, tasks: { a: 'RUNNING', b: 'RUNNING' }, removed: [], seq: 2 }],
    ['the newer assignment of a task wins', batch(1, false, [task('a')]), batch(2, false, [task('a', 'STOPPED')]), { full: false, tasks: { a: 'STOPPED' }, removed: [], seq: 2 }],
    ['assigned, then removed: removed', batch(1, false, [task('a')]), batch(2, false, [], ['a']), { full: false, tasks: {}, removed: ['a'], seq: 2 }],
    ['removed, then assigned again: assigned', batch(1, false, [], ['a']), batch(2, false, [task('a')]), { full: false, tasks: { a: 'RUNNING' }, removed: [], seq: 2 }],
    ['a full set, then an increment: a full set', batch(1, true, [task('a'), task('b')]), batch(2, false, [task('c')], ['a']), { full: true, tasks: { b: 'RUNNING', c: 'RUNNING' }, removed: [], seq: 2 }],
    ['an increment, then a full set: the full set', batch(1, false, [task('a')], ['x']), batch(2, true, [task('b')]), { full: true, tasks: { b: 'RUNNING' }, removed: [], seq: 2 }],
  ];
  for (const [name, older, newer, want] of cases) {
    const m = mergeAssignments(older, newer);
    t.same({ full: m.full, tasks: Object.fromEntries(m.tasks.map((a) => [a.task.taskArn!.split('/').pop(), a.task.desiredStatus])), removed: m.removedTaskArns.map((r) => r.split('/').pop()), seq: m.seq }, want, name);
  }
});

t.test('whatever the agent held, the merged batch leaves it where the batches one by one would', async (t) => {
  // A seeded walk over a handful of tasks: increments, removals and full sets in a random order.
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const ids = ['a', 'b', 'c', 'd', 'e'];
  for (let round = 0; round < 200; round++) {
    const batches: AssignmentBatch[] = [];
    for (let i = 0; i < 1 + rnd(6); i++) {
      const full = rnd(5) === 0;
      const tasks = ids.filter(() => rnd(3) === 0).map((id) => task(id, rnd(2) ? 'RUNNING' : 'STOPPED'));
      const removed = full ? [] : ids.filter((id) => rnd(4) === 0 && !tasks.some((a) => a.task.taskArn === arn(id)));
      batches.push(batch(i + 1, full, tasks, removed));
    }
    const start = { a: 'RUNNING', z: 'RUNNING' };
    const merged = batches.reduce((acc, b) => mergeAssignments(acc, b));
    t.same(apply([merged], start), apply(batches, start), `round ${round}`);
  }
});

t.test('a backlog holds one entry per task, and writes out in order: assignments, acks, heartbeat, reconnect', async (t) => {
  const b = emptyBacklog();
  const welcome: ServerMessage = { welcome: { protocolVersion: 1, heartbeatPeriodMs: 1000, sessionId: 's', containerInstanceArn: 'i' } };
  addToBacklog(b, welcome);
  for (let i = 0; i < 1000; i++) {
    addToBacklog(b, { assignments: batch(i, false, [task(`t${i % 10}`, i % 2 ? 'STOPPED' : 'RUNNING')]) });
    addToBacklog(b, { reportAck: { taskArn: arn(`t${i % 10}`), counter: i } });
    addToBacklog(b, { heartbeat: { sentMs: i } });
  }
  addToBacklog(b, { reconnect: { reason: 'bye' } });
  t.same(backlogSize(b), { assignments: 10, acks: 10 }, '1,000 batches of 10 tasks: 10 entries');
  const out = backlogMessages(b);
  t.same(out.map((m) => Object.keys(m)[0]), ['welcome', 'assignments', ...Array(10).fill('reportAck'), 'heartbeat', 'reconnect']);
  t.same(out[0], welcome);
  const acks = out.filter((m): m is { reportAck: { taskArn: string; counter: number } } => 'reportAck' in m);
  t.same(acks.map((m) => m.reportAck.counter).sort((x, y) => x - y), [990, 991, 992, 993, 994, 995, 996, 997, 998, 999], 'the highest counter of each task');
  t.same((out.find((m) => 'heartbeat' in m) as { heartbeat: { sentMs: number } }).heartbeat.sentMs, 999, 'the newest heartbeat answer');
  const a = (out[1] as { assignments: AssignmentBatch }).assignments;
  t.equal(a.seq, 999, 'the newest seq');
});
