import t from 'tap';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { boundHeapGrowth } from '../src/heap-bound.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('a full collection once the heap has grown by the step, none while it does not grow', async (t) => {
  const majors: number[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors.push(e.startTime);
  });
  obs.observe({ entryTypes: ['gc'] });
  t.teardown(() => obs.disconnect());
  const bound = boundHeapGrowth(1 * 2 ** 20, 20);
  t.teardown(() => bound.stop());

  // Quiet: the heap does not grow by a step, so nothing is collected on its account.
  await sleep(200);
  t.equal(bound.collections, 0, 'an idle heap is left alone');

  // Lines passing through: short-lived garbage, more than a step of it between looks, kept a little while.
  let keep: string[][] = [];
  for (let round = 0; round < 20 && bound.collections < 3; round++) {
    keep = Array.from({ length: 4000 }, (_, i) => [`line ${round} ${i} `.repeat(8)]);
    await sleep(30);
  }
  t.equal(keep.length, 4000, 'the last lines still held');
  t.ok(bound.collections >= 3, `collections asked for as the heap grew (${bound.collections})`);
  await sleep(50);
  t.ok(majors.length >= bound.collections, `V8 ran them as full collections (${majors.length} major GCs seen)`);

  const before = bound.collections;
  bound.stop();
  keep = Array.from({ length: 40000 }, (_, i) => [`after ${i} `.repeat(8)]);
  await sleep(100);
  t.equal(bound.collections, before, 'stopped: no more');
});
