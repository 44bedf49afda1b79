// Recomputes every index and count from the primary records and compares them with what the store holds:
// the check behind the consistency test (after a random mix of writers, failovers and losses) and the
// migration test (after a schema-1 store is migrated). It reads the whole store, as only a check may.
import { remainingAfter, resourceAmounts } from '@berth/core';
import type { Store } from '@berth/store';
import { decode, rangeAll } from '../src/state/kit.js';
import {
  INSTANCES_BY_STATUS_ROOT, INSTANCES_ROOT, INSTANCE_REGISTRATIONS_ROOT, instanceIndexKeys, listInstances,
  type InstanceLiveRecord, type InstanceRegistrationRecord,
} from '../src/state/instances.js';
import {
  SERVICE_STOPS_ROOT, TASK_INDEX_ROOTS, TASKS_ROOT, instanceTaskCounts, serviceOf, taskIndexEntries, type TaskRecord,
} from '../src/state/tasks.js';
import { REVISIONS_BY_STATUS_ROOT, REVISIONS_ROOT, revisionIndexKeys, type RevisionRecord } from '../src/state/task-definitions.js';
import { SERVICES_BY_STATUS_ROOT, SERVICES_ROOT, getService, serviceIndexKeys } from '../src/state/services.js';
import { CLIENT_TOKENS_BY_TIME_ROOT, CLIENT_TOKENS_ROOT, clientTokenIndexKeys, type ClientTokenRecord } from '../src/state/client-tokens.js';
import { ASSIGNMENTS_ROOT, decodeAssignment } from '../src/state/assignments.js';
import { JOIN_TOKENS_PREFIX, JOIN_TOKENS_RETIRING_ROOT, joinTokenEntryKey, type JoinTokenRecord } from '../src/state/join-tokens.js';
import { CLUSTERS_PREFIX, clusterStats, type ClusterStats } from '../src/state/clusters.js';
import { EVENTS_ROOT, eventAttributeSet, storedEvents } from '../src/state/events.js';
import { listAttributeSets } from '../src/state/instance-attribute-sets.js';

/** Entries that should be (key -> value) against entries that are, under some prefixes. */
async function compareIndex(store: Store, what: string, roots: readonly string[], expected: Map<string, string>, problems: string[]): Promise<void> {
  const actual = new Map<string, string>();
  for (const root of roots) for (const kv of await rangeAll(store, root)) actual.set(kv.key, kv.value.toString());
  for (const [k, v] of expected) {
    if (!actual.has(k)) problems.push(`${what}: missing ${k}`);
    else if (actual.get(k) !== v) problems.push(`${what}: ${k} holds ${actual.get(k)}, expected ${v}`);
  }
  for (const k of actual.keys()) if (!expected.has(k)) problems.push(`${what}: stray ${k}`);
}

/** Every discrepancy between the records and what is kept beside them; empty when the store is consistent. */
export async function checkState(store: Store, opts: { clusterStats?: boolean } = {}): Promise<string[]> {
  const problems: string[] = [];
  const tasks = (await rangeAll(store, TASKS_ROOT)).map((kv) => decode<TaskRecord>(kv));
  const instances = (await listInstances(store)).map((v) => v.value);
  const revisions = (await rangeAll(store, REVISIONS_ROOT)).map((kv) => decode<RevisionRecord>(kv));
  const serviceKeys = (await rangeAll(store, SERVICES_ROOT)).map((kv) => kv.key.slice(SERVICES_ROOT.length).split('/'));
  const services = (await Promise.all(serviceKeys.map(([c, n]) => getService(store, c!, n!)))).map((s) => s!.value);

  // Task indexes: exactly the entries the records imply.
  await compareIndex(store, 'task index', TASK_INDEX_ROOTS, new Map(tasks.flatMap((t) => taskIndexEntries(t).map((e) => [e.key, e.value] as const))), problems);
  await compareIndex(store, 'instance index', [INSTANCES_BY_STATUS_ROOT], new Map(instances.flatMap((r) => instanceIndexKeys(r).map((k) => [k, ''] as const))), problems);
  await compareIndex(store, 'task definition index', [REVISIONS_BY_STATUS_ROOT], new Map(revisions.flatMap((r) => revisionIndexKeys(r).map((k) => [k, ''] as const))), problems);
  await compareIndex(store, 'service index', [SERVICES_BY_STATUS_ROOT], new Map(services.flatMap((r) => serviceIndexKeys(r).map((k) => [k, ''] as const))), problems);
  const tokens = await rangeAll(store, CLIENT_TOKENS_ROOT);
  await compareIndex(store, 'clientToken index', [CLIENT_TOKENS_BY_TIME_ROOT], new Map(tokens.flatMap((kv) => clientTokenIndexKeys(kv.key, decode<ClientTokenRecord>(kv)).map((k) => [k, ''] as const))), problems);

  const joinTokens = (await rangeAll(store, JOIN_TOKENS_PREFIX)).map((kv) => decode<JoinTokenRecord>(kv));
  await compareIndex(store, 'join token retirement index', [JOIN_TOKENS_RETIRING_ROOT], new Map(joinTokens.map((r) => [joinTokenEntryKey(r), ''] as const)), problems);
  // A service's stop inbox names STOPPED tasks of that service.
  const byId = new Map(tasks.map((t) => [`${t.cluster}/${t.id}`, t]));
  for (const kv of await rangeAll(store, SERVICE_STOPS_ROOT)) {
    const [cluster, service, id] = kv.key.slice(SERVICE_STOPS_ROOT.length).split('/');
    const t = byId.get(`${cluster}/${id}`);
    if (!t || t.task.lastStatus !== 'STOPPED' || serviceOf(t.task) !== service) problems.push(`service stop inbox: ${kv.key} names no STOPPED task of ${service}`);
  }

  // Instances: every live record has its registration record, of the same registrationVersion, and no
  // registration record is without its live one.
  const lives = new Map((await rangeAll(store, INSTANCES_ROOT)).map((kv) => [kv.key.slice(INSTANCES_ROOT.length), decode<InstanceLiveRecord>(kv)]));
  const regs = new Map((await rangeAll(store, INSTANCE_REGISTRATIONS_ROOT)).map((kv) => [kv.key.slice(INSTANCE_REGISTRATIONS_ROOT.length), decode<InstanceRegistrationRecord>(kv)]));
  for (const [k, l] of lives) {
    const r = regs.get(k);
    if (!r) problems.push(`instance ${k}: a live record without its registration record`);
    else if (r.registrationVersion !== l.registrationVersion) problems.push(`instance ${k}: registrationVersion ${l.registrationVersion} live, ${r.registrationVersion} registered`);
  }
  for (const k of regs.keys()) if (!lives.has(k)) problems.push(`instance ${k}: a registration record without its live record`);

  // Instances: groups and remaining resources as their live tasks say; counts as the index ranges say.
  const live = new Map<string, TaskRecord[]>();
  for (const t of tasks) if (t.task.lastStatus !== 'STOPPED') live.set(t.containerInstanceId, [...(live.get(t.containerInstanceId) ?? []), t]);
  for (const r of instances) {
    const held = live.get(r.id) ?? [];
    const groups: Record<string, number> = {};
    for (const t of held) groups[t.task.group ?? ''] = (groups[t.task.group ?? ''] ?? 0) + 1;
    if (JSON.stringify(Object.entries(r.taskGroups ?? {}).sort()) !== JSON.stringify(Object.entries(groups).sort())) {
      problems.push(`instance ${r.id}: taskGroups ${JSON.stringify(r.taskGroups)}, its live tasks say ${JSON.stringify(groups)}`);
    }
    const want = resourceAmounts(remainingAfter(r.instance.registeredResources ?? [], held.map((t) => t.reservation)));
    const have = resourceAmounts(r.instance.remainingResources ?? []);
    const sorted = (a: ReturnType<typeof resourceAmounts>) => JSON.stringify({ ...a, ports: [...a.ports].sort(), portsUdp: [...a.portsUdp].sort() });
    if (sorted(want) !== sorted(have)) problems.push(`instance ${r.id}: remaining ${sorted(have)}, its live tasks leave ${sorted(want)}`);
    const counts = await instanceTaskCounts(store, r.cluster, r.id);
    const running = held.filter((t) => t.task.lastStatus === 'RUNNING').length;
    const pending = held.filter((t) => t.task.lastStatus === 'PENDING').length;
    if (counts.running !== running || counts.pending !== pending) {
      problems.push(`instance ${r.id}: counted ${counts.running} running / ${counts.pending} pending, its tasks say ${running} / ${pending}`);
    }
  }

  // Assignments: every task not STOPPED has one, as desired; no other is left but an orphan's, whose
  // instance is INACTIVE (its agent is refused; retention removes both).
  const inactive = new Set(instances.filter((r) => r.instance.status === 'INACTIVE').map((r) => r.id));
  const assignments = new Map((await rangeAll(store, ASSIGNMENTS_ROOT)).map((kv) => [kv.key.slice(ASSIGNMENTS_ROOT.length), decodeAssignment(kv)]));
  for (const t of tasks) {
    const a = assignments.get(`${t.containerInstanceId}/${t.id}`);
    if (t.task.lastStatus !== 'STOPPED' && (!a || a.task?.taskArn !== t.task.taskArn || a.task.desiredStatus !== t.task.desiredStatus)) {
      problems.push(`task ${t.id}: assignment ${JSON.stringify(a)?.slice(0, 200)} for desiredStatus ${t.task.desiredStatus}`);
    }
  }
  for (const [key, a] of assignments) {
    const [instanceId, id] = key.split('/');
    const t = byId.get(`${a.cluster}/${id}`);
    if (t?.task.lastStatus === 'STOPPED' || !t) if (!inactive.has(instanceId!)) problems.push(`assignment ${key}: its task is ${t ? 'STOPPED' : 'gone'}`);
  }

  // Events: every kept event that names an instance attribute set finds it in the store.
  const sets = new Set(await listAttributeSets(store));
  for (const kv of await rangeAll(store, EVENTS_ROOT)) {
    for (const e of storedEvents(kv)) {
      const ref = eventAttributeSet(e.value);
      const which = e.position.i === undefined ? kv.key : `${kv.key} #${e.position.i}`;
      if (ref !== undefined && !sets.has(ref)) problems.push(`event ${which}: names the attribute set ${ref}, which is not in the store`);
    }
  }

  if (opts.clusterStats) {
    for (const kv of await rangeAll(store, CLUSTERS_PREFIX)) {
      const name = kv.key.slice(CLUSTERS_PREFIX.length);
      const want: ClusterStats = {
        registeredContainerInstancesCount: instances.filter((r) => r.cluster === name && ['ACTIVE', 'DRAINING'].includes(r.instance.status ?? 'ACTIVE')).length,
        runningTasksCount: tasks.filter((t) => t.cluster === name && t.task.lastStatus === 'RUNNING').length,
        pendingTasksCount: tasks.filter((t) => t.cluster === name && t.task.lastStatus === 'PENDING').length,
        activeServicesCount: services.filter((s) => s.cluster === name && ['ACTIVE', 'DRAINING'].includes(s.service.status ?? 'ACTIVE')).length,
      };
      const have = await clusterStats(store, name);
      if (JSON.stringify(have) !== JSON.stringify(want)) problems.push(`cluster ${name}: counts ${JSON.stringify(have)}, its members say ${JSON.stringify(want)}`);
    }
  }
  return problems;
}
