// The per-cluster run queue (handlers/tasks/run-queue.ts) with a recording fake batch: the order of its
// steps, which batches each is placed over, what overlaps (a batch commits while the ones before it still
// commit, up to the queue's depth) and handed-back calls. The real batch (RunTask's, with its compares by
// value over the writes of the batches before it) is tested through the handler in run-task-batch.test.ts.
import t from 'tap';
import { GroupQueue, MAX_COMMITTING, type Stage } from '../src/handlers/tasks/run-queue.js';

function recorder(depth = MAX_COMMITTING) {
  const events: string[] = [];
  const names = new Map<Stage<string>, string>();
  const holds = new Map<string, Promise<void>>();
  /** Calls a commit hands back (once). */
  const back = new Set<string>();
  /** Calls whose batch loses a compare (they are handed back with it). */
  const lostBy = new Set<string>();
  let opened = 0;
  const committing = new Map<string, number>();
  let maxCommitting = 0;
  const bump = (key: string, by: number) => {
    committing.set(key, (committing.get(key) ?? 0) + by);
    return committing.get(key)!;
  };
  const q = new GroupQueue<string>((key, before) => {
    const name = `${key}${++opened}`;
    const calls: string[] = [];
    events.push(`open ${name} over ${before.length ? before.map((b) => names.get(b)).join(',') : '-'}`);
    const stage: Stage<string> = {
      async place(cs) {
        calls.push(...cs);
        events.push(`place ${name} ${cs.join('')}`);
        await new Promise((r) => setImmediate(r));
      },
      async commit(): Promise<{ handBack: string[]; lost: boolean }> {
        maxCommitting = Math.max(maxCommitting, bump(key, 1));
        events.push(`commit ${name} ${calls.join('')}`);
        for (const c of calls) await holds.get(c);
        const handBack = calls.filter((c) => back.has(c) || lostBy.has(c));
        const lost = calls.some((c) => lostBy.has(c));
        for (const c of handBack) {
          back.delete(c);
          lostBy.delete(c);
        }
        events.push(`done ${name}${handBack.length ? ` back ${handBack.join('')}` : ''}${lost ? ' lost' : ''}`);
        bump(key, -1);
        return { handBack, lost };
      },
    };
    names.set(stage, name);
    return stage;
  }, depth);
  /** Holds the commit of the batch holding `call` until the returned function is called. */
  const hold = (call: string) => {
    let release = () => {};
    holds.set(call, new Promise<void>((r) => (release = r)));
    return () => {
      holds.delete(call);
      release();
    };
  };
  const settle = () => new Promise((r) => setTimeout(r, 20));
  return { q, events, hold, back, lostBy, settle, max: () => maxCommitting };
}

t.test('calls of one turn go together; the next batch is placed over the one committing and commits without waiting for it', async (t) => {
  const r = recorder();
  const release = r.hold('a');
  r.q.add('k', 'a');
  r.q.add('k', 'b');
  await r.settle();
  r.q.add('k', 'c');
  r.q.add('k', 'd');
  r.q.add('other', 'x');
  await r.settle();
  t.same(r.events.filter((e) => e.includes('k')), [
    'open k1 over -', 'place k1 ab', 'commit k1 ab',
    'open k3 over k1', 'place k3 cd', 'commit k3 cd', 'done k3',
  ], 'a and b arrive in one turn: one batch; c and d are placed over it and commit while it still commits');
  t.ok(r.events.includes('commit other2 x'), 'another key apart, not waiting');
  release();
  await r.settle();
  t.same(r.events.filter((e) => e.includes('k')).slice(7), ['done k1'], 'then the first is done');
  t.equal(r.max(), 2);
});

t.test('at most the queue\'s depth commits at once; calls arriving meanwhile wait and then go together', async (t) => {
  const r = recorder(2);
  const releaseA = r.hold('a');
  const releaseB = r.hold('b');
  r.q.add('k', 'a');
  await r.settle();
  r.q.add('k', 'b');
  await r.settle();
  r.q.add('k', 'c');
  await r.settle();
  r.q.add('k', 'd');
  await r.settle();
  t.same(r.events, ['open k1 over -', 'place k1 a', 'commit k1 a', 'open k2 over k1', 'place k2 b', 'commit k2 b'], 'c and d wait: two batches commit');
  releaseB();
  await r.settle();
  t.same(r.events.slice(6), ['done k2', 'open k3 over k1', 'place k3 cd', 'commit k3 cd', 'done k3'], 'once one is done, c and d go together, over the one still committing');
  releaseA();
  await r.settle();
  t.same(r.events.slice(11), ['done k1']);
  t.equal(r.max(), 2, 'never more than two at once');
});

t.test('calls handed back lead the next batch, placed over what still commits', async (t) => {
  const r = recorder();
  const release = r.hold('a');
  r.back.add('a');
  r.q.add('k', 'a');
  await r.settle();
  const releaseB = r.hold('b');
  r.q.add('k', 'b');
  await r.settle();
  release();
  await r.settle();
  t.same(r.events, [
    'open k1 over -', 'place k1 a', 'commit k1 a',
    'open k2 over k1', 'place k2 b', 'commit k2 b',
    'done k1 back a', 'open k3 over k2', 'place k3 a', 'commit k3 a', 'done k3',
  ], 'a is placed again, over b\'s batch still committing');
  releaseB();
  await r.settle();
  t.same(r.events.slice(11), ['done k2']);
});

t.test('a key with nothing left ends its loop; a later call starts it again', async (t) => {
  const r = recorder();
  r.q.add('k', 'a');
  await r.settle();
  r.q.add('k', 'b');
  await r.settle();
  t.same(r.events, ['open k1 over -', 'place k1 a', 'commit k1 a', 'done k1', 'open k2 over -', 'place k2 b', 'commit k2 b', 'done k2']);
});

t.test('after a lost compare the batches still committing finish first; then the calls go again in the order they came', async (t) => {
  const r = recorder();
  const releaseA = r.hold('a');
  const releaseB = r.hold('b');
  r.lostBy.add('a');
  r.lostBy.add('b');
  r.q.add('k', 'a');
  await r.settle();
  r.q.add('k', 'b');
  await r.settle();
  releaseA();
  await r.settle();
  t.same(r.events, ['open k1 over -', 'place k1 a', 'commit k1 a', 'open k2 over k1', 'place k2 b', 'commit k2 b', 'done k1 back a lost'],
    'a is not placed again while b, placed over its lost writes, still commits');
  releaseB();
  await r.settle();
  t.same(r.events.slice(7), ['done k2 back b lost', 'open k3 over -', 'place k3 ab', 'commit k3 ab', 'done k3'],
    'then a and b go together, in order');
});
