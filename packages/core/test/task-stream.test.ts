// The request/stream facility's flow control: a sender never sends more than its credit, a receiver gives
// credit back in half-window batches, and however the two interleave the bytes in flight never exceed the
// window and a flow the receiver keeps up with never stalls.
import t from 'tap';
import { ReceiveCredit, SendCredit, TASK_STREAM_CHUNK } from '../src/index.js';

t.test('a sender takes at most its credit and a chunk per frame', async (t) => {
  const cases: [credit: number, wanted: number, sent: number, left: number][] = [
    [100, 40, 40, 60],
    [100, 400, 100, 0],
    [0, 10, 0, 0],
    [10 * TASK_STREAM_CHUNK, 3 * TASK_STREAM_CHUNK, TASK_STREAM_CHUNK, 9 * TASK_STREAM_CHUNK],
  ];
  for (const [credit, wanted, sent, left] of cases) {
    const s = new SendCredit(credit);
    t.equal(s.take(wanted), sent, `credit ${credit}, wanted ${wanted}`);
    t.equal(s.available, left);
  }
  const s = new SendCredit(0);
  s.grant(5);
  t.equal(s.take(10), 5, 'granted credit is spent');
});

t.test('a receiver gives credit back in half-window batches', async (t) => {
  const r = new ReceiveCredit(100);
  r.received(30);
  t.equal(r.passedOn(30), 0, '30 owed: below half the window, kept');
  r.received(30);
  t.equal(r.passedOn(30), 60, '60 owed: given back');
  r.received(100);
  t.equal(r.passedOn(10), 0, 'held, little passed on: nothing yet');
  t.throws(() => r.received(1), { name: 'InvalidParameterException' }, 'a sender past its credit is refused');
  t.equal(r.passedOn(90), 100);
});

t.test('sender and receiver together: never more than a window in flight, never stalled while the reader keeps up', async (t) => {
  const window = 1000;
  for (const readEvery of [1, 2, 20]) {
    const s = new SendCredit(window);
    const r = new ReceiveCredit(window);
    let unread = 0;
    let sent = 0;
    let most = 0;
    let stalled = 0;
    for (let step = 1; step <= 200; step++) {
      const n = s.take(90);
      r.received(n);
      unread += n;
      sent += n;
      most = Math.max(most, unread);
      if (step % readEvery === 0) {
        s.grant(r.passedOn(unread));
        unread = 0;
      }
      if (n < 90) stalled++;
    }
    t.ok(most <= window, `reading every ${readEvery} steps: at most ${most} bytes in flight`);
    // What is sent between two reads fits the window: no stall; more than a window: the sender waits.
    if (readEvery * 90 <= window) t.equal(stalled, 0, `reading every ${readEvery} steps keeps up: never stalled`);
    else t.ok(stalled > 0, `reading every ${readEvery} steps falls behind: the sender waits`);
    t.ok(sent > 0);
  }
});
