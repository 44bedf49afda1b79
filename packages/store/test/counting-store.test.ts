// The counting store: transparent (the conformance suite passes through it), and it counts only the work
// done inside measure(), with the keys each call covers.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../src/file-store.js';
import { CountingStore } from '../src/counting-store.js';
import { conformance } from './conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-counting-store-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
conformance(t, 'counting(file)', async () => {
  const store = new CountingStore(await FileStore.open(join(dir, `s${n++}`, 'berth.db')));
  return { store, cleanup: () => store.close() };
});

t.test('measure counts operations and the keys each covers, only inside its scope', async (t) => {
  const store = new CountingStore(await FileStore.open(join(dir, 'measure', 'berth.db')));
  t.teardown(() => store.close());
  const ops = Array.from({ length: 30 }, (_, i) => ({ put: `/m/k${String(i).padStart(2, '0')}`, value: 'v' }));
  await store.txn({ compare: [], success: ops.slice(0, 15) });
  await store.txn({ compare: [], success: ops.slice(15) });
  const { result, cost } = await store.measure(async () => {
    await store.get('/m/k00');
    await store.range('/m/', { limit: 5 });
    await store.range('/m/', { countOnly: true });
    // Attributed through async context: work started inside measure and awaited later still counts.
    await Promise.all([store.get('/m/k01'), new Promise((r) => setTimeout(r, 5)).then(() => store.get('/m/k02'))]);
    const r = await store.txn({ compare: [{ key: '/m/k00', modRevision: 0 }], success: [{ put: '/m/x', value: '1' }], failure: [{ delete: '/m/k29' }, { delete: '/m/k28' }] });
    return r.succeeded;
  });
  t.equal(result, false, 'the compare failed: the failure branch ran');
  t.same(cost.byMethod, { get: { ops: 3, keys: 3 }, range: { ops: 2, keys: 35 }, txn: { ops: 1, keys: 3 } });
  t.same([cost.ops, cost.keys], [6, 41]);
  const outside = await store.measure(async () => undefined);
  await store.get('/m/k03');
  t.same([outside.cost.ops, outside.cost.keys], [0, 0], 'calls outside measure are not counted');
});
