// Publishing ECS events: every writer of a task or container instance record adds the event's put to
// the SAME transaction as the record (so an event exists exactly when its change committed: nothing
// lost, nothing doubled). An event is due when core's emitsEvent says so (a new record or a version that
// moved); Berth's own bookkeeping (report counters, taskGroups) bumps no version and emits nothing.
import { randomUUID } from 'node:crypto';
import { clusterArn, containerInstanceStateChangeEvent, emitsEvent, serviceChangeEvents, taskStateChangeEvent, type Attribute, type ContainerInstance, type Service, type ServiceAction, type Task } from '@berth/core';
import type { Op } from '@berth/store';
import type { ServerContext } from '../context.js';
import { ATTRIBUTES_HOLE, DEFAULT_EVENT_RETENTION_SECONDS, compactEventPutOp, eventPutOp, storedInstanceEvent } from '../state/events.js';
import { instanceOps, type InstanceRecord } from '../state/instances.js';
import { lastSegment } from '../state/kit.js';
import {
  attributeSetHash, attributeSetPutOp, attributeSetRef, attributeSetRefEnd, attributeSetWindowEnd, rememberAttributeSet,
} from '../state/instance-attribute-sets.js';

/**
 * The put of an "ECS Task State Change" for `task` (already changed), or nothing when `before` says no
 * change: stored compact (state/events.ts), with the task's id, the cluster's name and the account's
 * ARN prefix named once (a third fewer bytes at the bench's names, 1.6 KB whole; a quarter for a cluster
 * named default). Two per task placed: PENDING and RUNNING.
 */
export function taskEventOps(ctx: ServerContext, cluster: string, task: Task, before?: Task): Op[] {
  if (before !== undefined && !emitsEvent(before, task)) return [];
  const now = ctx.now();
  const { partition, region, accountId } = ctx.identity;
  const text = JSON.stringify(taskStateChangeEvent(ctx.identity, task, now, randomUUID()));
  return [compactEventPutOp(cluster, now, text, [lastSegment(task.taskArn ?? ''), cluster, `arn:${partition}:ecs:${region}:${accountId}:`])];
}

/** The put of an "ECS Container Instance State Change"; agentConnected as the caller knows it. */
export function instanceEventOps(ctx: ServerContext, cluster: string, instance: ContainerInstance, agentConnected: boolean, before?: ContainerInstance): Op[] {
  if (before !== undefined && !emitsEvent(before, instance)) return [];
  const now = ctx.now();
  const e = containerInstanceStateChangeEvent(ctx.identity, instance, clusterArn(ctx.identity, cluster), agentConnected, now, randomUUID());
  return [eventPutOp(cluster, now, e)];
}

/**
 * An instance's write and its "ECS Container Instance State Change", in one list for one transaction:
 * instanceOps(next, prev) and the event (and the record as written, for caches), whose attributes are stored once per window in a set
 * (state/instance-attribute-sets.ts). `prev` is the record the transaction compares (the store's): the set
 * it remembers is named again when it is of the event's window and holds the same attributes; otherwise
 * the set is put, and the written live record remembers it. What readers deliver is the same text as
 * instanceEventOps's event.
 */
export function instanceChange(ctx: ServerContext, next: InstanceRecord, prev: InstanceRecord | undefined, agentConnected: boolean): { ops: Op[]; record: InstanceRecord } {
  const attrs = next.instance.attributes;
  if (attrs === undefined || attrs.length === 0) return { ops: [...instanceOps(next, prev), ...instanceEventOps(ctx, next.cluster, next.instance, agentConnected)], record: next };
  const now = ctx.now();
  const end = attributeSetWindowEnd(now, ctx.eventRetentionSeconds ?? DEFAULT_EVENT_RETENTION_SECONDS);
  const remembered = prev?.attributeSet;
  let ref: string | undefined;
  let text: string | undefined;
  if (remembered !== undefined && attributeSetRefEnd(remembered) === end) {
    // A launch copies the attributes by reference; anything else is compared by content address.
    if (prev!.instance.attributes === attrs) ref = remembered;
    else {
      text = JSON.stringify(attrs);
      if (attributeSetRef(end, attributeSetHash(text)) === remembered) ref = remembered;
    }
  }
  const ops: Op[] = [];
  if (ref === undefined) {
    text ??= JSON.stringify(attrs);
    ref = attributeSetRef(end, attributeSetHash(text));
    ops.push(attributeSetPutOp(ref, text));
    // Content-addressed: right whether or not this transaction commits.
    rememberAttributeSet(ref, text);
  }
  const rec = next.attributeSet === ref ? next : { ...next, attributeSet: ref };
  const holed = { ...next.instance, attributes: ATTRIBUTES_HOLE as unknown as Attribute[] };
  const e = containerInstanceStateChangeEvent(ctx.identity, holed, clusterArn(ctx.identity, next.cluster), agentConnected, now, randomUUID());
  return { ops: [...instanceOps(rec, prev), ...ops, storedInstanceEvent(next.cluster, now, e, ref)], record: rec };
}

/** instanceChange's writes. */
export const instanceChangeOps = (ctx: ServerContext, next: InstanceRecord, prev: InstanceRecord | undefined, agentConnected: boolean): Op[] =>
  instanceChange(ctx, next, prev, agentConnected).ops;

/** The puts of the "ECS Service Action" / "ECS Deployment State Change" events a service write makes. */
export function serviceEventOps(ctx: ServerContext, cluster: string, before: Service | undefined, after: Service, actions: readonly ServiceAction[] = []): Op[] {
  const now = ctx.now();
  return serviceChangeEvents(ctx.identity, before, after, now, randomUUID, actions).map((e) => eventPutOp(cluster, now, e));
}
