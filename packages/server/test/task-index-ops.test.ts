// taskOps writes a task record with its index entries, and computes the entries of the record after
// reusing what it worked out for the record before (the parsed definition ARN, the listing's text). The
// ops must be exactly those of the plain definition below (each record's entries computed on their own,
// the listings' JSON encoded whole), in the same order, for every kind of change a writer makes.
import t from 'tap';
import { parseTaskDefinitionRef, type Task } from '@berth/core';
import type { Op } from '@berth/store';
import { taskIndexEntries, taskOps, taskRecordJson, taskKey, type TaskRecord } from '../src/state/tasks.js';

const R = '/berth/v1/';

/** The entries as defined before the reuse: every member computed from the record alone. */
function plainEntries(r: TaskRecord): { key: string; value: string }[] {
  const tk = r.task;
  const s = tk.lastStatus === 'DEACTIVATING' || tk.lastStatus === 'STOPPING' ? 'RUNNING' : tk.lastStatus ?? 'PENDING';
  const { family, revision } = parseTaskDefinitionRef(tk.taskDefinitionArn!);
  const listing = {
    d: tk.desiredStatus ?? 'RUNNING', f: family, l: tk.launchType ?? 'EC2',
    ...(tk.startedBy !== undefined ? { s: tk.startedBy } : {}), ...(tk.group !== undefined ? { g: tk.group } : {}),
  };
  const prov = s === 'PROVISIONING';
  const out = [
    { key: `${R}tasks-by-status/${r.cluster}/${s}/${prov ? tk.capacityProviderName ?? '' : r.containerInstanceId}/${r.id}`, value: JSON.stringify(listing) },
    { key: `${R}tasks-by-taskdef/${family}/${String(revision ?? 0).padStart(10, '0')}/${r.cluster}/${r.id}`, value: '' },
  ];
  const service = tk.group?.startsWith('service:') ? tk.group.slice(8) : undefined;
  if (service !== undefined) {
    const entry = { ...listing, ls: tk.lastStatus ?? 'PENDING', ...(tk.healthStatus !== undefined ? { h: tk.healthStatus } : {}), ...(r.protection ? { p: r.protection.expiresAt } : {}) };
    out.push({ key: `${R}tasks-by-service/${r.cluster}/${service}/${s === 'STOPPED' ? 'stopped' : 'live'}/${r.id}`, value: JSON.stringify(entry) });
  }
  if (prov) out.push({ key: `${R}tasks-provisioning-since/${String(Math.round((tk.createdAt ?? 0) * 1000)).padStart(15, '0')}/${r.cluster}/${tk.capacityProviderName ?? ''}/${r.id}`, value: JSON.stringify({ c: r.reservation.cpu, m: r.reservation.memory }) });
  if (s === 'STOPPED') out.push({ key: `${R}tasks-stopped-at/${String(Math.round((tk.stoppedAt ?? 0) * 1000)).padStart(15, '0')}/${r.cluster}/${r.id}`, value: '' });
  return out;
}

function plainOps(next: TaskRecord, prev?: TaskRecord): Op[] {
  const ops: Op[] = [{ put: taskKey(next.cluster, next.id), value: taskRecordJson(next) }];
  const before = new Map((prev ? plainEntries(prev) : []).map((e) => [e.key, e.value]));
  const after = plainEntries(next);
  const keep = new Set(after.map((e) => e.key));
  for (const k of before.keys()) if (!keep.has(k)) ops.push({ delete: k });
  for (const e of after) if (before.get(e.key) !== e.value) ops.push({ put: e.key, value: e.value });
  const service = next.task.group?.startsWith('service:') ? next.task.group.slice(8) : undefined;
  if (service !== undefined && next.task.lastStatus === 'STOPPED' && prev?.task.lastStatus !== 'STOPPED') ops.push({ put: `${R}service-stops/${next.cluster}/${service}/${next.id}`, value: '' });
  return ops;
}

const arn = (rev: number, family = 'web') => `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:${rev}`;
const base: Task = {
  taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c1/t1', clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c1',
  taskDefinitionArn: arn(3), lastStatus: 'PENDING', desiredStatus: 'RUNNING', launchType: 'EC2', createdAt: 1_700_000_000.25,
  containers: [{ name: 'app', image: 'busybox', lastStatus: 'PENDING' }],
};
const rec = (task: Partial<Task>, more: Partial<TaskRecord> = {}): TaskRecord => ({
  cluster: 'c1', id: 't1', containerInstanceId: 'i-1', task: { ...base, ...task }, reservation: { cpu: 8, memory: 16, ports: [], portsUdp: [] }, reportCounter: 1, ...more,
});
const svc = { group: 'service:api', startedBy: 'ecs-svc/123' };

// [change, next, prev]
const rows: [string, TaskRecord, TaskRecord | undefined][] = [
  ['a new task', rec({ group: 'family:web' }), undefined],
  ['a new service task', rec(svc), undefined],
  ['PENDING to RUNNING', rec({ lastStatus: 'RUNNING', startedAt: 1_700_000_001 }), rec({})],
  ['a service task PENDING to RUNNING, healthy', rec({ ...svc, lastStatus: 'RUNNING', healthStatus: 'HEALTHY' }), rec(svc)],
  ['a service task\'s health only', rec({ ...svc, lastStatus: 'RUNNING', healthStatus: 'UNHEALTHY' }), rec({ ...svc, lastStatus: 'RUNNING', healthStatus: 'HEALTHY' })],
  ['scale-in protection set', rec({ ...svc, lastStatus: 'RUNNING' }, { protection: { expiresAt: 1_700_003_600 } }), rec({ ...svc, lastStatus: 'RUNNING' })],
  ['asked to stop (desiredStatus)', rec({ ...svc, lastStatus: 'RUNNING', desiredStatus: 'STOPPED' }), rec({ ...svc, lastStatus: 'RUNNING' })],
  ['DEACTIVATING (filed as RUNNING)', rec({ ...svc, lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED' }), rec({ ...svc, lastStatus: 'RUNNING', desiredStatus: 'STOPPED' })],
  ['a service task STOPPED', rec({ ...svc, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stoppedAt: 1_700_000_100.5 }), rec({ ...svc, lastStatus: 'RUNNING', desiredStatus: 'STOPPED' })],
  ['STOPPED again (tags)', rec({ ...svc, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stoppedAt: 1_700_000_100.5, tags: [{ key: 'k', value: 'v' }] }), rec({ ...svc, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stoppedAt: 1_700_000_100.5 })],
  ['PROVISIONING, new', rec({ lastStatus: 'PROVISIONING', capacityProviderName: 'cp1' }, { containerInstanceId: '' }), undefined],
  ['PROVISIONING placed: PENDING on an instance', rec({ capacityProviderName: 'cp1' }), rec({ lastStatus: 'PROVISIONING', capacityProviderName: 'cp1' }, { containerInstanceId: '' })],
  ['another revision before and after', rec({ taskDefinitionArn: arn(4), lastStatus: 'RUNNING' }), rec({})],
  ['another family before and after', rec({ taskDefinitionArn: arn(1, 'other'), lastStatus: 'RUNNING' }), rec({})],
  ['startedBy and group change', rec({ startedBy: 'me', group: 'g2' }), rec({ startedBy: 'you', group: 'g1' })],
  ['startedBy and group gone', rec({}), rec({ startedBy: 'you', group: 'g1' })],
  ['launchType absent (EC2) before, EXTERNAL after', rec({ launchType: 'EXTERNAL' }), rec({ launchType: undefined })],
  ['nothing changed', rec({ lastStatus: 'RUNNING' }), rec({ lastStatus: 'RUNNING' })],
];

t.test('taskOps: the same ops, in the same order, as each record\'s entries computed on their own', async (t) => {
  for (const [name, next, prev] of rows) {
    t.same(taskOps(next, prev), plainOps(next, prev), name);
    t.same(taskIndexEntries(next), plainEntries(next), `${name}: the entries of the record after, alone`);
  }
});

t.test('taskIndexEntries refuses a task without a definition ARN, also after a record that had one', async (t) => {
  const none = rec({ taskDefinitionArn: undefined });
  t.throws(() => taskIndexEntries(none));
  t.throws(() => taskOps(none, rec({})));
});
