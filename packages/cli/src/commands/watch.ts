// `berth get KIND -w`, as `kubectl get -w`: the list, then a row for each change as it happens, read from the
// ECS event stream (WatchEvents) of the kinds that have events: tasks and instances (the event carries the
// object as Describe shows it), services and deployments (the event names the service, described again). The
// other kinds have no events, and -w is a usage error for them. Events kept from before the list was read are
// skipped, but those of the moment it was read (the list may have missed them).
import { CONTAINER_INSTANCE_STATE_CHANGE, DEPLOYMENT_STATE_CHANGE, SERVICE_ACTION, TASK_STATE_CHANGE, parseArn, type EcsEvent } from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { render, table, type Column } from '../output.js';

export const WATCHABLE = ['task', 'instance', 'service', 'deployment'] as const;
export type WatchableKind = (typeof WATCHABLE)[number];

export function checkWatchable(kind: string): asserts kind is WatchableKind {
  if (!(WATCHABLE as readonly string[]).includes(kind)) throw new UsageError(`get -w follows the kinds that have events: tasks, instances, services, deployments (not ${kind}s)`);
}

const DETAIL_TYPES: Record<WatchableKind, string[]> = {
  task: [TASK_STATE_CHANGE],
  instance: [CONTAINER_INSTANCE_STATE_CHANGE],
  service: [SERVICE_ACTION, DEPLOYMENT_STATE_CHANGE],
  deployment: [DEPLOYMENT_STATE_CHANGE],
};

/** An event's object with ECS's epoch seconds where the event has ISO times (as Describe answers it). */
function asDescribed(detail: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, typeof v === 'string' && /At$/.test(k) && !Number.isNaN(Date.parse(v)) ? Date.parse(v) / 1000 : v]));
}

/**
 * Follows `kind`'s changes after the list printed at `listedAt` (epoch ms): `rows(e)` turns an event into the
 * objects to print, each printed in the command's format (a table row without its header, or one json, yaml,
 * name or jsonpath output per object).
 */
export async function follow<T>(ctx: CommandContext, kind: WatchableKind, listedAt: number, columns: Column<T>[], rows: (e: EcsEvent, detail: T) => Promise<T[]>): Promise<void> {
  const stream = ctx.client.watchEvents({ cluster: ctx.cluster(), follow: true, detailTypes: DETAIL_TYPES[kind] });
  let caughtUp = false;
  for await (const m of stream) {
    if (m.caughtUp) caughtUp = true;
    if (m.event === undefined) continue;
    const e = JSON.parse(m.event) as EcsEvent;
    if (!caughtUp && Date.parse(e.time) < listedAt - 1000) continue;
    for (const obj of await rows(e, asDescribed(e.detail as Record<string, unknown>) as T)) {
      ctx.out(ctx.output === 'json' ? JSON.stringify(obj) + '\n' : ctx.output === 'yaml' ? `---\n${render('yaml', obj, () => '')}` : render(ctx.output, obj, (wide) => table([obj], columns, wide).replace(/^.*\n/, '')));
    }
  }
}

/** The service an event names (its first resource). */
export function eventService(e: EcsEvent): string | undefined {
  const arn = (e.resources ?? []).map((r) => parseArn(r)).find((a) => a?.resourceType === 'service');
  return arn ? arn.resource.split('/').pop() : undefined;
}
