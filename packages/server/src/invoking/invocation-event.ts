// `Berth Invocation`: Berth's own event (source `berth.events`, on the default bus's stream, or the rule's
// bus) telling that a rule or schedule ran its target, with the tasks started or why not. Rules can match it.
import { randomUUID } from 'node:crypto';
import { BERTH_INVOCATION, busStreamSegment, isoSeconds } from '@berth/core';
import type { Op } from '@berth/store';
import type { ServerContext } from '../context.js';
import { eventPutOp } from '../state/events.js';
import type { InvocationRecord } from '../state/invocations.js';

/** The put of an invocation's event: `owner` names the rule or schedule in the detail, `arn` leads the resources. */
export function invocationEventOp(ctx: ServerContext, bus: string, arn: string, owner: Record<string, string>, rec: InvocationRecord, now: number): Op {
  const event = {
    version: '0', id: randomUUID(), 'detail-type': BERTH_INVOCATION, source: 'berth.events', account: ctx.identity.accountId,
    time: isoSeconds(now), region: ctx.identity.region, resources: [arn, ...(rec.taskArns ?? [])],
    detail: { ...owner, ...rec, time: new Date(rec.time * 1000).toISOString() },
  };
  return eventPutOp(busStreamSegment(bus), now, event);
}
