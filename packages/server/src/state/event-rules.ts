// EventBridge rules (`eventbridge/rules/BUS/NAME`): a bus's rules are one range, which ListRules pages and
// the rule engine reads for each batch of events. A rule's targets are their own records (event-targets.ts).
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, rangeAll, type Versioned } from './kit.js';

const PREFIX = ROOT + 'eventbridge/rules/';
export const eventRulesPrefix = (bus: string) => `${PREFIX}${bus}/`;
export const eventRuleKey = (bus: string, name: string) => `${eventRulesPrefix(bus)}${name}`;

export interface EventRuleRecord {
  name: string;
  arn: string;
  eventBusName: string;
  eventPattern?: string;
  scheduleExpression?: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  roleArn?: string;
  /** The account that created it (DescribeRule's CreatedBy). */
  createdBy: string;
  /** Epoch seconds. */
  createdAt: number;
  /** Why Berth disabled it (its invocation rate limit), until it is enabled again. */
  disabledReason?: string;
}

export const getEventRule = (store: Store, bus: string, name: string): Promise<Versioned<EventRuleRecord> | null> => getJSON<EventRuleRecord>(store, eventRuleKey(bus, name));
export const putEventRuleOp = (rec: EventRuleRecord): Op => ({ put: eventRuleKey(rec.eventBusName, rec.name), value: json(rec) });
export const deleteEventRuleOp = (bus: string, name: string): Op => ({ delete: eventRuleKey(bus, name) });

/** Every rule of a bus, with revisions (the rule engine's read per batch: a bus holds at most EventBridge's 300 rules). */
export async function eventRulesOf(store: Store, bus: string): Promise<Versioned<EventRuleRecord>[]> {
  return (await rangeAll(store, eventRulesPrefix(bus))).map((kv) => ({ value: decode<EventRuleRecord>(kv), modRevision: kv.modRevision }));
}

/** Does the bus have any rule? (DeleteEventBus refuses a bus that has.) */
export async function busHasRules(store: Store, bus: string): Promise<boolean> {
  return (await store.range(eventRulesPrefix(bus), { limit: 1, keysOnly: true })).kvs.length > 0;
}
