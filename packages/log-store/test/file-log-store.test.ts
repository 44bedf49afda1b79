// The conformance suite on the embedded log store, then what only it has: a directory of its own (0700,
// files 0600), one owner at a time, a restart that keeps streams, tokens and events, a torn write cut,
// and retention removing whole segments.
import t from 'tap';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLogStore } from '../src/file/file-log-store.js';
import { logStoreConformance } from './conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-log-store-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
logStoreConformance(t, 'file', async (clock) => {
  const store = await FileLogStore.open(join(dir, `s${n++}`), { now: () => clock.ms, maxSegmentBytes: 4096 });
  return { store, cleanup: () => store.close() };
});

t.test('a restart keeps groups, streams, tokens and events; a torn last record is cut', async (t) => {
  const path = join(dir, 'restart');
  const s1 = await FileLogStore.open(path);
  await s1.createLogGroup('g', { retentionInDays: 7 });
  await s1.createLogStream('g', 'st');
  const now = Date.now();
  const r = await s1.putLogEvents('g', 'st', [{ timestamp: now, message: 'one' }, { timestamp: now + 1, message: 'two' }]);
  await t.rejects(FileLogStore.open(path), /in use by process \d+: an embedded log store serves one server/, 'a second owner is refused');
  await s1.close();
  const seg = join(path, 'segments', readdirSync(join(path, 'segments')).find((f) => f.endsWith('.seg'))!);
  appendFileSync(seg, '{"s":"torn');
  const s2 = await FileLogStore.open(path);
  t.same((await s2.describeLogGroups({})).items.map((g) => [g.logGroupName, g.retentionInDays]), [['g', 7]]);
  t.same((await s2.getLogEvents('g', 'st', { startFromHead: true })).events.map((e) => e.message), ['one', 'two']);
  const r2 = await s2.putLogEvents('g', 'st', [{ timestamp: now + 2, message: 'three' }], r.nextSequenceToken);
  t.ok(r2.nextSequenceToken, 'the token survived the restart');
  t.equal(statSync(path).mode & 0o777, 0o700, 'the directory is 0700');
  for (const f of ['meta.jsonl', join('segments', readdirSync(join(path, 'segments'))[0]!)]) t.equal(statSync(join(path, f)).mode & 0o777, 0o600, `${f} is 0600`);
  await s2.close();
});

t.test('retention removes whole sealed segments, and the stream keeps its token', async (t) => {
  const path = join(dir, 'retention');
  const clock = { ms: Date.UTC(2026, 0, 10) };
  const s = await FileLogStore.open(path, { now: () => clock.ms, maxSegmentBytes: 1024 });
  await s.createLogGroup('g', { retentionInDays: 1 });
  await s.createLogStream('g', 'st');
  let token: string | undefined;
  for (let k = 0; k < 20; k++) token = (await s.putLogEvents('g', 'st', [{ timestamp: clock.ms + k, message: `line ${k} ${'x'.repeat(200)}` }], token)).nextSequenceToken;
  const before = readdirSync(join(path, 'segments')).filter((f) => f.endsWith('.seg')).length;
  t.ok(before > 3, `the batches fill several segments (${before})`);
  clock.ms += 2 * 86_400_000;
  await s.enforceRetention();
  t.same(readdirSync(join(path, 'segments')).filter((f) => f.endsWith('.seg')).length, 1, 'only the active segment is left');
  await s.close();
  const again = await FileLogStore.open(path, { now: () => clock.ms });
  t.ok((await again.putLogEvents('g', 'st', [{ timestamp: clock.ms, message: 'after' }], token)).nextSequenceToken, 'the token survived its segments');
  await again.close();
});
