// Schema 1 -> 2, run once at start on a store written by Berth up to be347ae: the records keep their keys,
// and what schema 2 keeps beside them is backfilled from them through the same functions every writer uses
// (the indexes of task definitions, instances, tasks, services and clientTokens); instance records get the
// task groups and INACTIVE time older code could leave out, and service records move their events beside
// them and pack the scheduler's id lists. The cluster counts are the leader's to aggregate.
//
// Every step writes in bounded transactions and is idempotent (a converted record is recognised and left
// alone), and the version is bumped last, with a compare that it is still 1: an interrupted migration runs
// again at the next start, and two replicas migrating at once agree. Every replica must run this version
// before any serves again: a schema-1 server writes no indexes (it refuses a schema-2 store at start).
import { remainingAfter } from '@berth/core';
import type { KeyValue, Op, Store } from '@berth/store';
import type { Logger } from '@berth/api';
import { commitInBatches, decode, rangeAll } from './kit.js';
import { REVISIONS_ROOT, revisionIndexKeys, type RevisionRecord } from './task-definitions.js';
import {
  INSTANCES_ROOT, instanceOps, instanceRegistrationKey, joinInstance, parseInstanceKey, wholeInstanceOps,
  type InstanceLiveRecord, type InstanceRecord, type InstanceRegistrationRecord,
} from './instances.js';
import { TASKS_ROOT, taskIndexEntries, type TaskRecord } from './tasks.js';
import { SERVICES_ROOT, serviceOps, type ServiceRecord } from './services.js';
import { CLIENT_TOKENS_ROOT, clientTokenIndexKeys, type ClientTokenRecord } from './client-tokens.js';
import { SCHEMA_KEY } from './schema.js';

export interface MigrationStats {
  revisions: number;
  instances: number;
  tasks: number;
  services: number;
  clientTokens: number;
}

/** Writes each record's ops with a compare on the revision it was read at (a record changed meanwhile is read again). */
async function rewrite(store: Store, kv: KeyValue, ops: (kv: KeyValue) => Op[] | null): Promise<void> {
  for (let cur: KeyValue | null = kv; cur;) {
    const o = ops(cur);
    if (o === null) return;
    if ((await store.txn({ compare: [{ key: cur.key, modRevision: cur.modRevision }], success: o })).succeeded) return;
    cur = await store.get(cur.key);
  }
}

export async function migrateFromV1(store: Store, log: Logger): Promise<MigrationStats> {
  const put = (keys: string[]): Op[] => keys.map((key) => ({ put: key, value: '' }));

  const revisions = await rangeAll(store, REVISIONS_ROOT);
  await commitInBatches(store, revisions.flatMap((kv) => put(revisionIndexKeys(decode<RevisionRecord>(kv)))));
  log.info('migration: task definition index written', { revisions: revisions.length });

  const tasks = (await rangeAll(store, TASKS_ROOT)).map((kv) => decode<TaskRecord>(kv));
  await commitInBatches(store, tasks.flatMap((t) => taskIndexEntries(t).map((e) => ({ put: e.key, value: e.value }))));
  log.info('migration: task indexes written', { tasks: tasks.length });

  // Instances: their task groups and remaining resources from their live tasks (records older than
  // placement constraints had no groups, and schema 1 left an orphaned task's hold on its INACTIVE
  // instance), when INACTIVE ones stopped (for their retention), and their status index.
  const live = new Map<string, TaskRecord[]>();
  for (const t of tasks) if (t.task.lastStatus !== 'STOPPED') live.set(t.containerInstanceId, [...(live.get(t.containerInstanceId) ?? []), t]);
  const now = Date.now() / 1000;
  const instances = await rangeAll(store, INSTANCES_ROOT);
  for (const kv of instances) {
    // A store split already (schema 6, this migration run again over it): the record is its two parts.
    const k = parseInstanceKey(kv.key);
    const reg = k ? await store.get(instanceRegistrationKey(k.cluster, k.id)) : null;
    await rewrite(store, kv, (cur) => {
      const rec = reg ? joinInstance(decode<InstanceLiveRecord>(cur), decode<InstanceRegistrationRecord>(reg)) : decode<InstanceRecord>(cur);
      const held = live.get(rec.id) ?? [];
      const taskGroups: Record<string, number> = {};
      for (const t of held) taskGroups[t.task.group ?? ''] = (taskGroups[t.task.group ?? ''] ?? 0) + 1;
      const next: InstanceRecord = {
        ...rec, taskGroups,
        instance: { ...rec.instance, remainingResources: remainingAfter(rec.instance.registeredResources ?? [], held.map((t) => t.reservation)) },
        ...(rec.instance.status === 'INACTIVE' && rec.inactiveAt === undefined ? { inactiveAt: now } : {}),
      };
      // Schema 2's layout (one whole record; migrate-v5.ts splits it later), or schema 6's over a split
      // store, with the index entry whatever it was.
      return reg ? instanceOps(next) : wholeInstanceOps(next);
    });
  }
  log.info('migration: instances completed', { instances: instances.length });

  // Services: events beside the record, id lists packed, status index. A converted record packs its lists.
  const services = await rangeAll(store, SERVICES_ROOT);
  for (const kv of services) {
    await rewrite(store, kv, (cur) => {
      const old = decode<ServiceRecord>(cur);
      if (typeof (old.scheduler?.healthySeen as unknown) === 'string') return null;
      const rec: ServiceRecord = {
        ...old,
        scheduler: { ...old.scheduler, countedStops: old.scheduler?.countedStops ?? [], healthySeen: old.scheduler?.healthySeen ?? [] },
      };
      return serviceOps(rec);
    });
  }
  log.info('migration: services converted', { services: services.length });

  const tokens = await rangeAll(store, CLIENT_TOKENS_ROOT);
  await commitInBatches(store, tokens.flatMap((kv) => put(clientTokenIndexKeys(kv.key, decode<ClientTokenRecord>(kv)))));
  log.info('migration: clientToken index written', { clientTokens: tokens.length });

  // Last, and only from 1: an interrupted run left the version at 1, so the next start runs it again.
  await store.txn({ compare: [{ key: SCHEMA_KEY, value: '1' }], success: [{ put: SCHEMA_KEY, value: '2' }] });
  return { revisions: revisions.length, instances: instances.length, tasks: tasks.length, services: services.length, clientTokens: tokens.length };
}
