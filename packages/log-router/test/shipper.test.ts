// The shipper hands its output the batch's matching entries one at a time, in order, across batches, and
// moves its position past entries no output of its takes. (The output here is an in-process recorder
// behind the Output interface; router-docker.test.ts ships to the real log store.)
import t from 'tap';
import { DiskBuffer, comparePositions, type BufferedEntry } from '../src/disk-buffer.js';
import { BATCH_BYTES, Shipper } from '../src/shipper.js';
import { tagMatcher, type Output } from '../src/outputs/output.js';

function recorder(match: string) {
  const got: string[] = [];
  const sends: number[] = [];
  const output: Output = {
    name: `recorder.${match}`,
    matches: tagMatcher(match),
    async send(entries) {
      let n = 0;
      for (const e of entries) {
        got.push(String(e.record['log']));
        n++;
      }
      sends.push(n);
      return { rejected: 0 };
    },
  };
  return { output, got, sends };
}

t.test('matching entries in order over several batches; a shipper whose output takes none still moves on', async (t) => {
  const dir = t.testdir();
  const b = await DiskBuffer.open(dir);
  const n = 12_000;
  const all: BufferedEntry[] = Array.from({ length: n }, (_, i) => ({ tag: i % 3 === 0 ? 'odd' : 'app', timeMs: 1000 + i, record: { log: `line ${i} ${'x'.repeat(40)}` } }));
  await b.append(all);
  t.ok(b.bytes > 2 * BATCH_BYTES, 'more than two batches');
  const app = recorder('app');
  const none = recorder('nothing-*');
  const shippers = [new Shipper(b, app.output, dir), new Shipper(b, none.output, dir)];
  for (const s of shippers) await s.start();
  while (shippers.some((s) => comparePositions(s.position, b.end) < 0)) await new Promise((r) => setTimeout(r, 20));
  t.same(app.got, all.filter((e) => e.tag === 'app').map((e) => e.record['log']), 'every matching entry once, in order');
  t.ok(app.sends.length >= 3, `in batches (${app.sends.length})`);
  t.same(none.got, []);
  t.same(shippers.map((s) => s.counts.sent), [app.got.length, 0]);
  await b.close();
  await Promise.all(shippers.map((s) => s.stop()));
});
