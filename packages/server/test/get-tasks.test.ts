// getTasks reads a cluster's tasks in getMany calls of at most 128 keys (the store's limit per call),
// answering in the order asked, null for a task that does not exist, a task asked twice twice.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountingStore, FileStore } from '@berth/store';
import { getTasks } from '../src/state/tasks.js';
import { newId, taskRecord, writeRecords } from './state-records.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-get-tasks-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('300 tasks in three getMany calls, in order, missing ones null', async (t) => {
  const store = new CountingStore(await FileStore.open(join(dir, 'berth.db')));
  t.teardown(() => store.close());
  const instance = newId();
  const tasks = Array.from({ length: 298 }, () => taskRecord('c', newId(), instance, 'RUNNING'));
  await writeRecords(store, { tasks });
  const ids = [...tasks.map((r) => r.id), 'missing', tasks[0]!.id];
  const { result, cost } = await store.measure(() => getTasks(store, 'c', ids));
  t.same(result.map((r) => r?.value.id ?? null), [...tasks.map((r) => r.id), null, tasks[0]!.id]);
  t.same(cost.byMethod, { getMany: { ops: 3, keys: 300 } }, 'one call per 128 keys');
});
