// CreateEventBus, DeleteEventBus, ListEventBuses (and DescribeEventBus). The `default` bus always exists;
// partner buses (EventSourceName), KMS keys, dead-letter queues, log settings and tags are refused.
import { BerthError, DEFAULT_EVENT_BUS, eventBusArn, eventBusNameOf, type Events } from '@berth/core';
import type { ServerContext } from '../../context.js';
import { deleteEventBusOp, eventBusKey, getEventBus, putEventBusOp, type EventBusRecord } from '../../state/event-buses.js';
import { busHasRules } from '../../state/event-rules.js';
import { recordsPage } from '../../state/kit.js';
import { decodeToken, encodeToken } from '../../pagination.js';
import { limitOf, refuseMembers, validation } from './common.js';

const BUS_NAME = /^[.\-_A-Za-z0-9]{1,256}$/;

export async function createEventBus(ctx: ServerContext, req: Events.CreateEventBusRequest): Promise<Events.CreateEventBusResponse> {
  refuseMembers(req, {
    EventSourceName: 'Berth has no partner event sources', KmsKeyIdentifier: 'Berth has no KMS', DeadLetterConfig: 'Berth has no SQS',
    LogConfig: 'Berth has no bus logging', Tags: 'event buses carry no tags in Berth',
  });
  if (!BUS_NAME.test(req.Name)) throw validation(`Event bus name ${req.Name} is not valid: letters, digits, '.', '-' and '_' (Berth has no partner buses, whose names hold '/').`, 'Name');
  if (req.Name === DEFAULT_EVENT_BUS) throw new BerthError('ResourceAlreadyExistsException', `Event bus ${req.Name} already exists.`, 'Name');
  const rec: EventBusRecord = { name: req.Name, arn: eventBusArn(ctx.identity, req.Name), creationTime: ctx.now(), ...(req.Description !== undefined ? { description: req.Description } : {}) };
  const res = await ctx.store.txn({ compare: [{ key: eventBusKey(req.Name), modRevision: 0 }], success: [putEventBusOp(rec)] });
  if (!res.succeeded) throw new BerthError('ResourceAlreadyExistsException', `Event bus ${req.Name} already exists.`, 'Name');
  return { EventBusArn: rec.arn, ...(rec.description !== undefined ? { Description: rec.description } : {}) };
}

export async function deleteEventBus(ctx: ServerContext, req: Events.DeleteEventBusRequest): Promise<Record<string, never>> {
  if (req.Name === DEFAULT_EVENT_BUS) throw validation('Cannot delete event bus default.', 'Name');
  const bus = await getEventBus(ctx.store, req.Name);
  if (!bus) return {};
  if (await busHasRules(ctx.store, req.Name)) throw validation(`Event bus ${req.Name} still has rules; delete them first.`, 'Name');
  await ctx.store.txn({ compare: [{ key: eventBusKey(req.Name), modRevision: bus.modRevision }], success: [deleteEventBusOp(req.Name)] });
  return {};
}

function shown(id: ServerContext['identity'], r: EventBusRecord | undefined, name = DEFAULT_EVENT_BUS): Events.EventBus {
  if (!r) return { Name: name, Arn: eventBusArn(id, name) };
  return { Name: r.name, Arn: r.arn, CreationTime: r.creationTime, LastModifiedTime: r.creationTime, ...(r.description !== undefined ? { Description: r.description } : {}) };
}

export async function describeEventBus(ctx: ServerContext, req: Events.DescribeEventBusRequest): Promise<Events.DescribeEventBusResponse> {
  const name = eventBusNameOf(req.Name);
  if (name === DEFAULT_EVENT_BUS) return shown(ctx.identity, undefined);
  const bus = await getEventBus(ctx.store, name);
  if (!bus) throw new BerthError('ResourceNotFoundException', `Event bus ${name} does not exist.`, 'Name');
  return shown(ctx.identity, bus.value);
}

export async function listEventBuses(ctx: ServerContext, req: Events.ListEventBusesRequest): Promise<Events.ListEventBusesResponse> {
  const limit = limitOf(req.Limit);
  const prefix = eventBusKey(req.NamePrefix ?? '');
  const after = decodeToken(req.NextToken, prefix);
  // The default bus leads the first page when the prefix admits it.
  const withDefault = after === undefined && DEFAULT_EVENT_BUS.startsWith(req.NamePrefix ?? '');
  const page = await recordsPage<EventBusRecord>(ctx.store, prefix, after, withDefault ? limit - 1 || 1 : limit);
  const buses = [...(withDefault ? [shown(ctx.identity, undefined)] : []), ...page.items.map((r) => shown(ctx.identity, r))];
  return { EventBuses: buses, ...(page.more && page.last ? { NextToken: encodeToken(page.last) } : {}) };
}
