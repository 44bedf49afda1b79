// A service record is rewritten by every decision of the services controller, so it stays small however
// many tasks the service has: its events live beside it, and the scheduler's lists of task ids are packed.
// Those lists only name the tasks a decision was given (core prunes them to those): the live tasks, and
// at most one inbox's worth of stopped ones. With 1,000 tasks, every one seen healthy and counted as
// stopped on its own, and 100 events of the longest kind ECS writes, the record is under 64 KiB.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '@berth/store';
import { eventTexts, newDeployment, type ServiceEvent } from '@berth/core';
import { getService, serviceOps, storedServiceBytes } from '../src/state/services.js';
import { STOPS_PER_DECISION } from '../src/controllers/leader/services.js';
import { newId, serviceRecord } from './state-records.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-service-record-'));
const store = await FileStore.open(join(dir, 'berth.db'));
t.teardown(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

t.test('a service of 1,000 tasks keeps a record under 64 KiB, and reads back whole', async (t) => {
  const live = Array.from({ length: 1000 }, newId);
  const stopped = Array.from({ length: STOPS_PER_DECISION }, newId);
  const name = 'x'.repeat(255);
  // "has started 10 tasks: (task ...) x10" is the longest event the scheduler writes, and the most frequent.
  const events: ServiceEvent[] = Array.from({ length: 100 }, (_, i) => ({
    id: `${String(i).padStart(8, '0')}-0000-0000-0000-000000000000`, createdAt: 1_700_000_000 + i,
    message: eventTexts.started(name, live.slice(i * 10 % 990, i * 10 % 990 + 10)),
  }));
  const rec = serviceRecord('c', name);
  const deployments = [0, 1, 2].map((i) => newDeployment({ id: `ecs-svc/${String(i).padStart(19, '0')}`, taskDefinition: `arn:aws:ecs:us-east-1:000000000000:task-definition/${'f'.repeat(200)}:${i + 1}`, desiredCount: 1000, now: 0 }));
  rec.service = { ...rec.service, desiredCount: 1000, runningCount: 1000, deployments, events };
  rec.scheduler = { ...rec.scheduler, healthySeen: live, countedStops: [...live, ...stopped], startFailures: 3, nextLaunchAt: 1, lastCompleted: { id: deployments[0]!.id!, taskDefinition: deployments[0]!.taskDefinition! } };
  await store.txn({ compare: [], success: serviceOps(rec) });
  const bytes = await storedServiceBytes(store, 'c', name);
  t.ok(bytes < 64 * 1024, `the record is ${bytes} bytes`);
  t.same((await getService(store, 'c', name))!.value, rec, 'the events and the id lists read back as written');
});
