// EventBridge's action table (JSON 1.1, target AWSEvents, SigV4 service `events`). The model's other
// actions (archives, replays, API destinations, connections, endpoints, partner sources, permissions, tags)
// answer the unsupported error naming them.
import { EVENTS_API, type Events } from '@berth/core';
import type { ActionTable, CallContext } from '@berth/api';
import { boundTable, type ContextHandler } from '../bound-table.js';
import type { ServerContext } from '../../context.js';
import { deleteRule, describeRule, disableRule, enableRule, listRules, putRule } from './rules.js';
import { listRuleNamesByTarget, listTargetsByRule, putTargets, removeTargets } from './targets.js';
import { putEvents, testEventPattern } from './put-events.js';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './buses.js';

type Handlers = { [A in keyof Events.EventsActions]?: (ctx: ServerContext, req: Events.EventsActions[A]['request'], call: CallContext) => Promise<unknown> };

const HANDLERS: Handlers = {
  PutRule: putRule, DescribeRule: describeRule, ListRules: listRules, EnableRule: enableRule, DisableRule: disableRule, DeleteRule: deleteRule,
  PutTargets: putTargets, RemoveTargets: removeTargets, ListTargetsByRule: listTargetsByRule, ListRuleNamesByTarget: listRuleNamesByTarget,
  PutEvents: putEvents, TestEventPattern: testEventPattern,
  CreateEventBus: createEventBus, DeleteEventBus: deleteEventBus, DescribeEventBus: describeEventBus, ListEventBuses: listEventBuses,
};

export const eventsActionTable = (ctx: ServerContext): ActionTable => boundTable(EVENTS_API, ctx, HANDLERS as Record<string, ContextHandler>);
