// The disk buffer: appends read back in order across segments, positions survive a reopen, a line torn by
// a crash is cut off, segments every reader passed are deleted, and appends wait for room at the bound.
import t from 'tap';
import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DiskBuffer, type BufferedEntry } from '../src/disk-buffer.js';

const entries = (from: number, n: number): BufferedEntry[] => Array.from({ length: n }, (_, i) => ({ tag: 'app', timeMs: 1000 + from + i, record: { log: `line ${from + i}` } }));
const logs = (rs: { entry: BufferedEntry }[]) => rs.map((r) => r.entry.record['log']);

t.test('entries read back in order across segments, and a reopened buffer keeps them', async (t) => {
  const dir = t.testdir();
  const b = await DiskBuffer.open(dir, { segmentBytes: 200 });
  await Promise.all([b.append(entries(0, 3)), b.append(entries(3, 3))]);
  await b.append(entries(6, 4));
  t.ok(readdirSync(dir).filter((f) => f.endsWith('.seg')).length > 1, 'rotated into several segments');
  const seen: unknown[] = [];
  for (let pos = b.start, page = await b.read(pos); page.length > 0; pos = page.at(-1)!.end, page = await b.read(pos)) seen.push(...logs(page));
  t.same(seen, entries(0, 10).map((e) => e.record['log']));
  await b.close();
  const again = await DiskBuffer.open(dir, { segmentBytes: 200 });
  t.same(again.end, b.end, 'the same end after a reopen');
  await again.append(entries(10, 1));
  t.same(logs(await again.read(b.end)), ['line 10'], 'appends go on after the old end');
  await again.close();
});

t.test('a line torn by a crash is cut off when the buffer opens', async (t) => {
  const dir = t.testdir();
  const b = await DiskBuffer.open(dir);
  await b.append(entries(0, 2));
  const end = b.end;
  await b.close();
  appendFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.seg'))!), '{"t":1,"g":"app","r":{"log":"ha');
  const again = await DiskBuffer.open(dir);
  t.same(again.end, end, 'back to the last whole line');
  t.same(logs(await again.read(again.start)), ['line 0', 'line 1']);
  await again.close();
});

t.test('segments every reader passed are deleted; a reader behind keeps them', async (t) => {
  const dir = t.testdir();
  const b = await DiskBuffer.open(dir, { segmentBytes: 100 });
  for (let i = 0; i < 6; i++) await b.append(entries(i, 1));
  const segs = () => readdirSync(dir).filter((f) => f.endsWith('.seg')).length;
  const before = segs();
  await b.release([b.start, b.end]);
  t.equal(segs(), before, 'a reader at the start keeps every segment');
  await b.release([b.end]);
  t.equal(segs(), 1, 'only the head is left once every reader is at the end');
  t.same(await b.read(b.end), []);
  await b.close();
});

t.test('at its bound, an append waits until readers free room', async (t) => {
  const dir = t.testdir();
  // One line a segment; room for three and a half lines.
  const line = Buffer.byteLength(JSON.stringify({ t: 1000, g: 'app', r: { log: 'line 0' } }) + '\n');
  const b = await DiskBuffer.open(dir, { segmentBytes: line + 1, maxBytes: line * 3.5 });
  for (let i = 0; i < 4; i++) await b.append(entries(i, 1));
  let landed = false;
  const waiting = b.append(entries(9, 1)).then(() => { landed = true; });
  await new Promise((r) => setTimeout(r, 50));
  t.notOk(landed, 'waits while the buffer is over its bound');
  await b.release([b.end]);
  await waiting;
  t.ok(landed, 'lands once the segments read are deleted');
  await b.close();
});

t.test('reads at once (one output per reader) each get their own entries: the reused read buffer is not shared', async (t) => {
  const dir = t.testdir();
  const b = await DiskBuffer.open(dir);
  await b.append(entries(0, 2000));
  const first = await b.read(b.start, 4096);
  const [x, y, z] = await Promise.all([b.read(b.start, 4096), b.read(first.at(-1)!.end, 4096), b.read(b.start, 1 << 21)]);
  t.same(logs(x!), logs(first));
  t.same(logs(y!)[0], `line ${first.length}`);
  t.same(logs(y!), entries(first.length, y!.length).map((e) => e.record['log']));
  t.same(logs(z!), entries(0, 2000).map((e) => e.record['log']), 'a read larger than the reused buffer');
  t.same(logs(await b.read(b.start, 4096)), logs(first), 'and the same again once the others are done');
  await b.close();
});

t.test('a batch parses each line when asked, holds the read buffer until released, and refuses to parse after', async (t) => {
  const dir = t.testdir();
  const b = await DiskBuffer.open(dir);
  await b.append(entries(0, 50));
  const eager = await b.read(b.start, 1000);
  const held = await b.readBatch(b.start, 1000);
  t.equal(held.length, eager.length);
  t.same(Array.from({ length: held.length }, (_, i) => held.entry(i)), eager.map((r) => r.entry), 'the same entries as read()');
  t.same(Array.from({ length: held.length }, (_, i) => held.end(i)), eager.map((r) => r.end), 'and the same ends');
  t.not(held.entry(0), held.entry(0), 'an entry is parsed anew at each call: the batch keeps none');
  // While the batch holds the one read buffer, another read gets bytes of its own.
  const other = await b.readBatch(held.end(held.length - 1), 1000);
  t.same(other.entry(0).record['log'], `line ${held.length}`);
  t.same(held.entry(1).record['log'], 'line 1', 'the held batch is untouched by the other read');
  other.release();
  held.release();
  t.throws(() => held.entry(0), /released/);
  held.release();
  t.same((await b.readBatch(b.end)).length, 0, 'nothing past the end');
  await b.close();
});

t.test('a line in the segment file is JSON.stringify of {t, g, r, c}, a chunk given to append() marking the entries without their own', async (t) => {
  const dir = t.testdir();
  const b = await DiskBuffer.open(dir);
  const odd: BufferedEntry[] = [
    { tag: 'app-"quoted"\\', timeMs: 1_700_000_000_123, record: { log: 'tab\there, newline\n, é€ and \u2028', n: 1.5, nested: { a: [1, null, true] } } },
    { tag: 'app', timeMs: 0, record: {}, chunk: 'its-own' },
  ];
  await b.append(odd, 'given==');
  await b.append(entries(0, 1));
  const text = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.seg'))!), 'utf8');
  t.equal(text, [
    JSON.stringify({ t: odd[0]!.timeMs, g: odd[0]!.tag, r: odd[0]!.record, c: 'given==' }),
    JSON.stringify({ t: 0, g: 'app', r: {}, c: 'its-own' }),
    JSON.stringify({ t: 1000, g: 'app', r: { log: 'line 0' } }),
  ].join('\n') + '\n');
  t.same((await b.read(b.start)).map((r) => r.entry), [{ ...odd[0], chunk: 'given==' }, odd[1], entries(0, 1)[0]]);
  await b.close();
});
