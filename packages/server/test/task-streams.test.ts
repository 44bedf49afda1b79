// The server's end of the request/stream facility on one session, frame by frame: output credit goes back to
// the agent only as the consumer passes bytes on (a stalled client stalls the agent after one window), input
// waits for the agent's credit and tells the consumer when it may read again, an agent past its credit is
// cut off, a cancel reaches the agent, and the session's end ends every stream.
import t from 'tap';
import { TASK_STREAM_CHUNK, TASK_STREAM_WINDOW, type TaskStreamEnd, type TaskStreamFrame } from '@berth/core';
import { TaskStreams } from '../src/dispatch/task-streams.js';

function session() {
  const sent: TaskStreamFrame[] = [];
  const streams = new TaskStreams((f) => sent.push(f));
  const got: { fd: number; n: number }[] = [];
  const ends: TaskStreamEnd[] = [];
  let drained = 0;
  const s = streams.start({ kind: 'exec', taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/t', containerName: 'app', command: ['sh'], tty: false, stdin: true }, {
    data: (fd, bytes) => got.push({ fd, n: bytes.length }),
    end: (e) => ends.push(e),
    inputDrained: () => drained++,
  });
  const credit = () => sent.filter((f) => f.credit !== undefined).reduce((n, f) => n + f.credit!, 0);
  const input = () => sent.filter((f) => f.data !== undefined).reduce((n, f) => n + f.data!.length, 0);
  return { streams, s, sent, got, ends, credit, input, drained: () => drained };
}
const data = (id: string, n: number, fd = 1): TaskStreamFrame => ({ streamId: id, fd, data: Buffer.alloc(n) });

t.test('the open frame carries the window; output credit only as the consumer passes bytes on', async (t) => {
  const x = session();
  t.match(x.sent[0], { open: { kind: 'exec', window: TASK_STREAM_WINDOW } });
  for (let i = 0; i < TASK_STREAM_WINDOW / TASK_STREAM_CHUNK; i++) x.streams.onFrame(data(x.s.id, TASK_STREAM_CHUNK, i % 2 ? 2 : 1));
  t.equal(x.got.reduce((n, g) => n + g.n, 0), TASK_STREAM_WINDOW, 'a window arrives');
  t.same([...new Set(x.got.map((g) => g.fd))].sort(), [1, 2], 'on its fds');
  t.equal(x.credit(), 0, 'nothing passed on: no credit, the agent waits');
  x.s.passedOn(TASK_STREAM_WINDOW / 4);
  t.equal(x.credit(), 0, 'a quarter: kept for the batch');
  x.s.passedOn(TASK_STREAM_WINDOW / 4);
  t.equal(x.credit(), TASK_STREAM_WINDOW / 2, 'half a window: given back');
});

t.test('an agent past its credit is cut off', async (t) => {
  const x = session();
  x.streams.onFrame(data(x.s.id, TASK_STREAM_WINDOW));
  x.streams.onFrame(data(x.s.id, 1));
  t.match(x.ends, [{ error: /1 bytes with 0 bytes of credit/ }]);
  t.ok(x.sent.some((f) => f.end), 'and told so');
  t.equal(x.streams.size, 0);
});

t.test('input waits for the agent\'s credit', async (t) => {
  const x = session();
  t.equal(x.s.write(Buffer.alloc(TASK_STREAM_WINDOW)), true, 'a window fits');
  t.equal(x.s.write(Buffer.alloc(100)), false, 'more waits: the consumer pauses its client');
  x.s.closeStdin();
  t.equal(x.input(), TASK_STREAM_WINDOW);
  t.notOk(x.sent.some((f) => f.closeStdin), 'the end of input waits behind the input');
  x.streams.onFrame({ streamId: x.s.id, credit: 100 });
  t.equal(x.input(), TASK_STREAM_WINDOW + 100, 'credit: the rest goes');
  t.ok(x.sent[x.sent.length - 1]!.closeStdin, 'then the end of input');
  t.equal(x.drained(), 1, 'and the consumer may read again');
  t.ok(Math.max(...x.sent.filter((f) => f.data).map((f) => f.data!.length)) <= TASK_STREAM_CHUNK, 'in frames of at most a chunk');
});

t.test('a cancel reaches the agent; the session\'s end ends every stream', async (t) => {
  const x = session();
  x.s.cancel('The client went away.');
  t.match(x.sent[x.sent.length - 1], { end: { error: 'The client went away.' } });
  t.same(x.ends, [{ error: 'The client went away.' }]);
  const y = session();
  y.streams.closeAll('The agent disconnected.');
  t.same(y.ends, [{ error: 'The agent disconnected.', errorCode: 'TargetNotConnectedException' }]);
  y.streams.onFrame(data(y.s.id, 10));
  t.equal(y.got.length, 0, 'frames after the end are dropped');
  t.equal(y.streams.size, 0);
});
