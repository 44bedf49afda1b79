// Whole records for tests that write the store directly (seeding a big cluster fast, or members in states
// the API cannot reach quickly): built here and written through the state layer's own ops, so every index
// is kept as the server keeps it.
import { randomBytes } from 'node:crypto';
import { containerInstanceArn, initialSchedulerState, serviceArn, taskArn, type Identity } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { commitInBatches } from '../src/state/kit.js';
import { instanceOps, type InstanceRecord } from '../src/state/instances.js';
import { taskOps, type TaskRecord } from '../src/state/tasks.js';
import { serviceOps, type ServiceRecord } from '../src/state/services.js';
import { assignmentOp } from '../src/state/assignments.js';

export const TEST_IDENTITY: Identity = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };
export const newId = () => randomBytes(16).toString('hex');

export function instanceRecord(cluster: string, id: string, status = 'ACTIVE', opts: { cpu?: number; memory?: number; identity?: Identity } = {}): InstanceRecord {
  const resources = [
    { name: 'CPU', type: 'INTEGER', integerValue: opts.cpu ?? 1_000_000 }, { name: 'MEMORY', type: 'INTEGER', integerValue: opts.memory ?? 1_000_000 },
    { name: 'PORTS', type: 'STRINGSET', stringSetValue: [] }, { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
  ];
  return {
    cluster, id, taskGroups: {},
    instance: {
      containerInstanceArn: containerInstanceArn(opts.identity ?? TEST_IDENTITY, cluster, id), status, version: 1, agentConnected: false,
      registeredResources: resources, remainingResources: resources, attributes: [], registeredAt: 0, versionInfo: {},
    },
  };
}

export function taskRecord(cluster: string, id: string, instanceId: string, lastStatus: string,
  opts: { desiredStatus?: string; group?: string; family?: string; startedBy?: string; stoppedAt?: number; identity?: Identity } = {}): TaskRecord {
  const identity = opts.identity ?? TEST_IDENTITY;
  const family = opts.family ?? 'fam';
  return {
    cluster, id, containerInstanceId: instanceId, reportCounter: 0,
    reservation: { cpu: 0, memory: 0, ports: [], portsUdp: [] },
    task: {
      taskArn: taskArn(identity, cluster, id),
      taskDefinitionArn: `arn:aws:ecs:${identity.region}:${identity.accountId}:task-definition/${family}:1`,
      containerInstanceArn: containerInstanceArn(identity, cluster, instanceId),
      lastStatus, desiredStatus: opts.desiredStatus ?? (lastStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING'),
      group: opts.group ?? `family:${family}`, launchType: 'EC2', version: 1, createdAt: 0, containers: [],
      ...(opts.startedBy !== undefined ? { startedBy: opts.startedBy } : {}),
      ...(lastStatus === 'STOPPED' ? { stoppedAt: opts.stoppedAt ?? 0 } : {}),
    },
  };
}

export function serviceRecord(cluster: string, name: string, status = 'ACTIVE', identity: Identity = TEST_IDENTITY): ServiceRecord {
  return {
    cluster, name, requestHash: 'test', scheduler: initialSchedulerState(),
    service: { serviceArn: serviceArn(identity, cluster, name), serviceName: name, status, desiredCount: 0, deployments: [], events: [] },
  };
}

/** The ops that write a task with its assignment, as a launch does (and the task's indexes). */
export function taskWithAssignmentOps(r: TaskRecord): Op[] {
  return [...taskOps(r), ...(r.task.lastStatus !== 'STOPPED' ? [assignmentOp(r)] : [])];
}

type Records = { instances?: readonly InstanceRecord[]; tasks?: readonly TaskRecord[]; services?: readonly ServiceRecord[] };

/** Writes records through the state layer's ops, in large transactions; `before` are the records they replace. */
export async function writeRecords(store: Store, records: Records, before: Records = {}): Promise<void> {
  const prev = <R>(list: readonly R[] | undefined, key: (r: R) => string) => new Map((list ?? []).map((r) => [key(r), r]));
  const pi = prev(before.instances, (r) => r.id);
  const pt = prev(before.tasks, (r) => r.id);
  const ps = prev(before.services, (r) => `${r.cluster}/${r.name}`);
  await commitInBatches(store, [
    ...(records.instances ?? []).flatMap((r) => instanceOps(r, pi.get(r.id))),
    ...(records.tasks ?? []).flatMap((r) => (pt.has(r.id) ? taskOps(r, pt.get(r.id)) : taskWithAssignmentOps(r))),
    ...(records.services ?? []).flatMap((r) => serviceOps(r, ps.get(`${r.cluster}/${r.name}`))),
  ]);
}
