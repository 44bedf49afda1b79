// The per-cluster run queue (handlers/tasks/run-queue.ts) with a recording fake batch: the order of its
// steps, which batch is placed over which, what overlaps (the next batch's placement with the commit before
// it) and what never does (two commits of a key, a third batch in flight), voided and handed-back calls.
// The real batch (RunTask's) is tested through the handler in run-task-batch.test.ts.
import t from 'tap';
import { GroupQueue, type Committed, type Stage } from '../src/handlers/tasks/run-queue.js';

/** How a commit goes for a batch holding a call: 'lost' hands the call back and fails the batch; 'back' hands it back (deferred). */
type Fate = 'lost' | 'back';

function recorder() {
  const events: string[] = [];
  const names = new Map<Stage<string>, string>();
  const holds = new Map<string, Promise<void>>();
  const fates = new Map<string, Fate>();
  let opened = 0;
  // Per key: batches opened and not yet done or voided, and batches committing; the most of each seen.
  const inFlight = new Map<string, number>();
  const committing = new Map<string, number>();
  let maxInFlight = 0;
  let maxCommitting = 0;
  const bump = (m: Map<string, number>, key: string, by: number) => {
    m.set(key, (m.get(key) ?? 0) + by);
    return m.get(key)!;
  };
  const q = new GroupQueue<string>((key, previous) => {
    const name = `${key}${++opened}`;
    const calls: string[] = [];
    maxInFlight = Math.max(maxInFlight, bump(inFlight, key, 1));
    events.push(`open ${name} over ${previous ? names.get(previous) : '-'}`);
    const stage: Stage<string> = {
      async place(cs) {
        calls.push(...cs);
        events.push(`place ${name} ${cs.join('')}`);
        await new Promise((r) => setImmediate(r));
      },
      async commit(): Promise<Committed<string>> {
        maxCommitting = Math.max(maxCommitting, bump(committing, key, 1));
        events.push(`commit ${name} ${calls.join('')}`);
        for (const c of calls) await holds.get(c);
        const handBack = calls.filter((c) => fates.has(c));
        const holdsAll = !calls.some((c) => fates.get(c) === 'lost');
        for (const c of handBack) fates.delete(c);
        events.push(`done ${name}${handBack.length ? ` back ${handBack.join('')}` : ''}${holdsAll ? '' : ' lost'}`);
        bump(committing, key, -1);
        bump(inFlight, key, -1);
        return { handBack, holds: holdsAll };
      },
      void() {
        events.push(`void ${name}`);
        bump(inFlight, key, -1);
        return [...calls];
      },
    };
    names.set(stage, name);
    return stage;
  });
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
  return { q, events, hold, fates, settle, max: () => ({ inFlight: maxInFlight, committing: maxCommitting }) }; // of any one key
}

t.test('the next batch is placed while the one before commits, joined by calls arriving meanwhile, and commits after it', async (t) => {
  const r = recorder();
  const release = r.hold('a');
  r.q.add('k', 'a');
  await r.settle();
  r.q.add('k', 'b');
  await r.settle();
  r.q.add('k', 'c');
  r.q.add('k', 'd');
  r.q.add('other', 'x');
  await r.settle();
  t.same(r.events.filter((e) => e.includes('k')), [
    'open k1 over -', 'place k1 a', 'commit k1 a',
    'open k2 over k1', 'place k2 b', 'place k2 cd',
  ], 'b placed over a while a commits; c and d join its batch; nothing of it commits yet');
  release();
  await r.settle();
  t.same(r.events.filter((e) => e.includes('k')).slice(6), ['done k1', 'commit k2 bcd', 'done k2'], 'then b, c, d commit together, after a');
  t.ok(r.events.includes('commit other3 x'), 'another key apart, not waiting');
  t.same(r.max(), { inFlight: 2, committing: 1 }, 'two batches in flight at most, one committing');
});

t.test('depth two: calls arriving while a placed batch waits join it; a third batch opens only once the first is done', async (t) => {
  const r = recorder();
  const releaseA = r.hold('a');
  r.q.add('k', 'a');
  await r.settle();
  const releaseB = r.hold('b');
  r.q.add('k', 'b');
  await r.settle();
  releaseA();
  await r.settle();
  r.q.add('k', 'c');
  await r.settle();
  t.same(r.events, ['open k1 over -', 'place k1 a', 'commit k1 a', 'open k2 over k1', 'place k2 b', 'done k1', 'commit k2 b', 'open k3 over k2', 'place k3 c']);
  releaseB();
  await r.settle();
  t.same(r.events.slice(9), ['done k2', 'commit k3 c', 'done k3']);
  t.same(r.max(), { inFlight: 2, committing: 1 });
});

t.test('a batch that lost a compare voids the one placed over it: its calls and the lost ones are placed again, over nothing in flight', async (t) => {
  const r = recorder();
  const release = r.hold('a');
  r.fates.set('a', 'lost');
  r.q.add('k', 'a');
  await r.settle();
  r.q.add('k', 'b');
  r.q.add('k', 'c');
  await r.settle();
  release();
  await r.settle();
  t.same(r.events, [
    'open k1 over -', 'place k1 a', 'commit k1 a',
    'open k2 over k1', 'place k2 bc',
    'done k1 back a lost', 'void k2',
    'open k3 over -', 'place k3 abc', 'commit k3 abc', 'done k3',
  ], 'b and c never commit over a\'s lost writes; a leads the batch that places all three again');
});

t.test('calls handed back by a batch that holds lead the batch after the one placed over it', async (t) => {
  const r = recorder();
  const release = r.hold('a');
  r.fates.set('a', 'back');
  r.q.add('k', 'a');
  await r.settle();
  r.q.add('k', 'b');
  await r.settle();
  release();
  await r.settle();
  t.same(r.events, [
    'open k1 over -', 'place k1 a', 'commit k1 a',
    'open k2 over k1', 'place k2 b',
    'done k1 back a', 'commit k2 b',
    'open k3 over k2', 'place k3 a', 'done k2', 'commit k3 a', 'done k3',
  ], 'b commits over a batch that holds; a is placed again over b\'s batch');
});
