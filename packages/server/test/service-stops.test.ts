// A service's reconcile reads its live tasks and a page of its stop inbox, never every STOPPED task of the
// cluster: stops are taken into account a page at a time, each exactly once. A stop the scheduler counted
// while its task was still live (it ended on its own) is not counted again when the task reaches STOPPED
// behind a full inbox, and what the scheduler remembers of it stays until the stop is consumed.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@berth/api';
import { newDeployment } from '@berth/core';
import { FileStore } from '@berth/store';
import type { ServerContext } from '../src/context.js';
import { STOPS_PER_DECISION, startServiceController } from '../src/controllers/leader/services.js';
import { getService } from '../src/state/services.js';
import { serviceStops } from '../src/state/tasks.js';
import { TEST_IDENTITY, newId, serviceRecord, taskRecord, writeRecords } from './state-records.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-service-stops-'));
const store = await FileStore.open(join(dir, 'berth.db'));
t.teardown(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
const ctx: ServerContext = { store, identity: TEST_IDENTITY, log: silentLogger, now: () => Date.now() / 1000 };

t.test('stops are counted once each, a page at a time, however many wait', async (t) => {
  const cluster = 'c';
  const deployment = newDeployment({ id: 'ecs-svc/0000000000000000001', taskDefinition: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1', desiredCount: 0, now: 0 });
  const svc = serviceRecord(cluster, 'web');
  svc.service = { ...svc.service, desiredCount: 0, taskDefinition: deployment.taskDefinition!, deployments: [deployment] };
  const instance = newId();
  // Tasks that ended on their own (an essential container exited) and are still stopping.
  const crashed = Array.from({ length: STOPS_PER_DECISION + 9 }, () => {
    const r = taskRecord(cluster, newId(), instance, 'RUNNING', { desiredStatus: 'STOPPED', group: 'service:web', startedBy: deployment.id!, family: 'web' });
    r.task.stopCode = 'EssentialContainerExited';
    return r;
  });
  await writeRecords(store, { services: [svc], tasks: crashed });
  const controller = startServiceController(ctx, { resyncSeconds: 3600, throttleBaseSeconds: 3600, throttleMaxSeconds: 3600 });
  t.teardown(() => controller.stop());
  await controller.reconcile(cluster, 'web');
  const failed = async () => (await getService(store, cluster, 'web'))!.value.service.deployments![0]!.failedTasks;
  t.equal(await failed(), crashed.length, 'each counted once while still stopping');
  // They reach STOPPED together: more stops wait in the inbox than one decision takes.
  await writeRecords(store, { tasks: crashed.map((r) => ({ ...r, task: { ...r.task, lastStatus: 'STOPPED', stoppedAt: 1 } })) }, { tasks: crashed });
  for (let i = 0; i < 5 && (await serviceStops(store, cluster, 'web', 1)).ids.length > 0; i++) await controller.reconcile(cluster, 'web');
  t.same((await serviceStops(store, cluster, 'web', 100)).ids, [], 'every stop consumed, a page per decision');
  t.equal(await failed(), crashed.length, 'and none counted twice');
  await controller.reconcile(cluster, 'web');
  t.same((await getService(store, cluster, 'web'))!.value.scheduler.countedStops, [], 'the bookkeeping lets them go once consumed');
});
