// Schema 3 -> 4, run once at start (after the earlier migrations on an older store): every assignment carries its
// task, so the dispatcher sends it without reading the task back. An assignment is given the task record
// as it stands (its desiredStatus is the assignment's: every writer changes both in one transaction); one
// whose task is already gone (an orphan of an INACTIVE instance, past the task's retention) is removed, as
// no agent could be sent it. Idempotent (a converted assignment is left alone), in bounded transactions,
// and the version is bumped last with a compare that it is still 3, as in migrate-v1.ts.
import type { Op, Store } from '@berth/store';
import type { Logger } from '@berth/api';
import { commitInBatches, rangeAll } from './kit.js';
import { ASSIGNMENTS_ROOT, assignmentOp, decodeAssignment, parseAssignmentKey } from './assignments.js';
import { getTasks } from './tasks.js';
import { SCHEMA_KEY } from './schema.js';

/** An assignment as schemas 2 and 3 wrote it. */
interface V3Assignment {
  cluster: string;
  taskId: string;
  desiredStatus: string;
  task?: unknown;
}

export async function migrateFromV3(store: Store, log: Logger): Promise<{ assignments: number; removed: number }> {
  // A run interrupted and run again finds the assignments it converted stored compact (assignmentOp):
  // decodeAssignment reads both forms.
  const old = (await rangeAll(store, ASSIGNMENTS_ROOT)).map((kv) => ({ key: kv.key, a: decodeAssignment(kv) as unknown as V3Assignment }))
    .filter((x) => x.a.task === undefined);
  const ops: Op[] = [];
  let removed = 0;
  for (let i = 0; i < old.length; i += 100) {
    const chunk = old.slice(i, i + 100);
    const tasks = await Promise.all(chunk.map(({ a }) => getTasks(store, a.cluster, [a.taskId]).then(([t]) => t)));
    chunk.forEach(({ key }, j) => {
      const t = tasks[j];
      if (t && t.value.containerInstanceId === parseAssignmentKey(key).instanceId) ops.push(assignmentOp(t.value));
      else {
        ops.push({ delete: key });
        removed++;
      }
    });
  }
  await commitInBatches(store, ops);
  log.info('migration: assignments carry their task', { assignments: old.length - removed, removed });
  await store.txn({ compare: [{ key: SCHEMA_KEY, value: '3' }], success: [{ put: SCHEMA_KEY, value: '4' }] });
  return { assignments: old.length - removed, removed };
}
