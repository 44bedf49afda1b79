// Publishing ECS events: every writer of a task or container instance record adds the event's put to
// the SAME transaction as the record (so an event exists exactly when its change committed: nothing
// lost, nothing doubled). An event is due when core's emitsEvent says so (a new record or a version that
// moved); Berth's own bookkeeping (report counters, taskGroups) bumps no version and emits nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import { clusterArn, containerInstanceStateChangeEvent, emitsEvent, serviceChangeEvents, taskStateChangeEvent, type ContainerInstance, type Service, type ServiceAction, type Task } from '@berth/core';
import type { Op } from '@berth/store';
import type { ServerContext } from '../context.js';
import { eventsPrefix, sessionKey } from '../keys.js';

let seq = 0;
/** This process's part of event keys: random once, so keys from two replicas in the same ms never collide. */
const PROCESS_TAG = randomBytes(4).toString('hex');
/**
 * A fresh event key in `cluster` at `now` (epoch seconds): time-ordered, never colliding. The counter
 * keeps the events of one transaction (same revision) in the order they were built.
 */
export function eventKey(cluster: string, now: number): string {
  seq = (seq + 1) % 1e9;
  return `${eventsPrefix(cluster)}${String(Math.round(now * 1000)).padStart(15, '0')}-${String(seq).padStart(9, '0')}${PROCESS_TAG}`;
}

/** The put of an "ECS Task State Change" for `task` (already changed), or nothing when `before` says no change. */
export function taskEventOps(ctx: ServerContext, cluster: string, task: Task, before?: Task): Op[] {
  if (before !== undefined && !emitsEvent(before, task)) return [];
  const now = ctx.now();
  return [{ put: eventKey(cluster, now), value: JSON.stringify(taskStateChangeEvent(ctx.identity, task, now, randomUUID())) }];
}

/** The put of an "ECS Container Instance State Change"; agentConnected as the caller knows it. */
export function instanceEventOps(ctx: ServerContext, cluster: string, instance: ContainerInstance, agentConnected: boolean, before?: ContainerInstance): Op[] {
  if (before !== undefined && !emitsEvent(before, instance)) return [];
  const now = ctx.now();
  const e = containerInstanceStateChangeEvent(ctx.identity, instance, clusterArn(ctx.identity, cluster), agentConnected, now, randomUUID());
  return [{ put: eventKey(cluster, now), value: JSON.stringify(e) }];
}

/** Whether the instance's agent holds a session now (agentConnected, for an event's detail). */
export async function agentConnected(ctx: ServerContext, instanceId: string): Promise<boolean> {
  return (await ctx.store.get(sessionKey(instanceId))) !== null;
}

/** The puts of the "ECS Service Action" / "ECS Deployment State Change" events a service write makes. */
export function serviceEventOps(ctx: ServerContext, cluster: string, before: Service | undefined, after: Service, actions: readonly ServiceAction[] = []): Op[] {
  const now = ctx.now();
  return serviceChangeEvents(ctx.identity, before, after, now, randomUUID, actions).map((e) => ({ put: eventKey(cluster, now), value: JSON.stringify(e) }));
}
