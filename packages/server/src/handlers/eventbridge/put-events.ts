// PutEvents and TestEventPattern. PutEvents takes EventBridge's limits (10 entries, which the model's check
// holds, and 256 KiB in all, sized as EventBridge sizes them) and answers per entry: an entry that is not valid fails alone, with
// EventBridge's error code. A Source beginning with `aws.` is refused (NotAuthorizedForSourceException),
// so nobody forges ECS's events, and so is `berth.` (Berth's own events). The accepted entries become
// events on their bus's stream in one transaction, which the rule engine follows.
import { randomUUID } from 'node:crypto';
import { DEFAULT_EVENT_BUS, busStreamSegment, compileEventPattern, eventBusNameOf, isoSeconds, matchesEventPattern, type Events } from '@berth/core';
import type { ServerContext } from '../../context.js';
import { eventPutOp } from '../../state/events.js';
import { getEventBus } from '../../state/event-buses.js';
import { refuseMembers, validation } from './common.js';

export const MAX_PUT_EVENTS_BYTES = 256 * 1024;
const RESERVED_SOURCES = ['aws.', 'berth.'];

/** An entry's size as EventBridge counts it: 14 bytes for Time, then the UTF-8 bytes of the rest. */
export function entrySize(e: Events.PutEventsRequestEntry): number {
  const b = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));
  return (e.Time !== undefined ? 14 : 0) + b(e.Source) + b(e.DetailType) + b(e.Detail) + (e.Resources ?? []).reduce((n, r) => n + b(r), 0);
}

type EntryResult = { event: Record<string, unknown>; bus: string } | { ErrorCode: string; ErrorMessage: string };

async function entryEvent(ctx: ServerContext, e: Events.PutEventsRequestEntry, buses: Map<string, boolean>): Promise<EntryResult> {
  const bad = (member: string, reason: string) => ({ ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${member} is not valid. Reason: ${reason}` });
  if (!e.Source) return bad('Source', 'Source is a required argument.');
  if (!e.DetailType) return bad('DetailType', 'DetailType is a required argument.');
  if (!e.Detail) return bad('Detail', 'Detail is a required argument.');
  if (RESERVED_SOURCES.some((p) => e.Source!.startsWith(p))) return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  if (e.TraceHeader !== undefined) return bad('TraceHeader', 'Berth has no X-Ray.');
  let detail: unknown;
  try {
    detail = JSON.parse(e.Detail);
  } catch {
    return bad('Detail', 'Detail is malformed.');
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return bad('Detail', 'Detail is malformed.');
  const bus = eventBusNameOf(e.EventBusName);
  if (!buses.has(bus)) buses.set(bus, bus === DEFAULT_EVENT_BUS || (await getEventBus(ctx.store, bus)) !== null);
  if (!buses.get(bus)) return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${bus} does not exist.` };
  const event = {
    version: '0', id: randomUUID(), 'detail-type': e.DetailType, source: e.Source, account: ctx.identity.accountId,
    time: isoSeconds(e.Time ?? ctx.now()), region: ctx.identity.region, resources: e.Resources ?? [], detail,
  };
  return { event, bus };
}

export async function putEvents(ctx: ServerContext, req: Events.PutEventsRequest): Promise<Events.PutEventsResponse> {
  refuseMembers(req, { EndpointId: 'Berth has no global endpoints' });
  const size = req.Entries.reduce((n, e) => n + entrySize(e), 0);
  if (size > MAX_PUT_EVENTS_BYTES) throw validation(`Total size of the entries in the request is over the limit (${size} bytes; at most ${MAX_PUT_EVENTS_BYTES}).`, 'Entries');
  const buses = new Map<string, boolean>();
  const results: EntryResult[] = [];
  for (const e of req.Entries) results.push(await entryEvent(ctx, e, buses));
  const now = ctx.now();
  const ops = results.flatMap((r) => ('event' in r ? [eventPutOp(busStreamSegment(r.bus), now, r.event)] : []));
  if (ops.length > 0) await ctx.store.txn({ compare: [], success: ops });
  const entries = results.map((r) => ('event' in r ? { EventId: r.event.id as string } : r));
  return { FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries };
}

const ENVELOPE = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export async function testEventPattern(_ctx: ServerContext, req: Events.TestEventPatternRequest): Promise<Events.TestEventPatternResponse> {
  const pattern = compileEventPattern(req.EventPattern);
  let event: unknown;
  try {
    event = JSON.parse(req.Event);
  } catch {
    throw validation('Parameter Event is not valid.', 'Event');
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) throw validation('Parameter Event is not valid.', 'Event');
  const missing = ENVELOPE.filter((k) => typeof (event as Record<string, unknown>)[k] !== 'string');
  if (missing.length) throw validation(`Parameter Event is not valid. Reason: missing or not a string: ${missing.join(', ')}.`, 'Event');
  return { Result: matchesEventPattern(pattern, event) };
}

