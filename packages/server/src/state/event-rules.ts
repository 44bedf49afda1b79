// EventBridge rules (`eventbridge/rules/BUS/NAME`): a bus's rules are one range, which ListRules pages and
// the rule engine reads for each batch of events. A rule's targets are their own records (event-targets.ts).
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, rangeAll, type Versioned } from './kit.js';
import { dueIndex } from './due-index.js';

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
  /** A scheduled rule's bookkeeping: the occurrence due next and when it runs (epoch seconds). */
  nextOccurrence?: number;
  fireAt?: number;
}

/** Scheduled rules by when they fire next: `eventbridge/rule-due/MS/BUS/NAME`. */
export const RULES_DUE = dueIndex(ROOT + 'eventbridge/rule-due/');
export const ruleDueKeyOf = (r: EventRuleRecord) => (r.state === 'ENABLED' ? RULES_DUE.keyOf(r.fireAt, r.eventBusName, r.name) : undefined);

export const getEventRule = (store: Store, bus: string, name: string): Promise<Versioned<EventRuleRecord> | null> => getJSON<EventRuleRecord>(store, eventRuleKey(bus, name));
/** The writes of a rule and its due entry (a scheduled rule), from `before` (absent: new). */
export const putEventRuleOps = (rec: EventRuleRecord, before?: EventRuleRecord): Op[] =>
  [{ put: eventRuleKey(rec.eventBusName, rec.name), value: json(rec) }, ...RULES_DUE.moveOps(before ? ruleDueKeyOf(before) : undefined, ruleDueKeyOf(rec))];
export const deleteEventRuleOps = (rec: EventRuleRecord): Op[] => [{ delete: eventRuleKey(rec.eventBusName, rec.name) }, ...RULES_DUE.moveOps(ruleDueKeyOf(rec), undefined)];

/** Every rule of a bus, with revisions (the rule engine's read per batch: a bus holds at most EventBridge's 300 rules). */
export async function eventRulesOf(store: Store, bus: string): Promise<Versioned<EventRuleRecord>[]> {
  return (await rangeAll(store, eventRulesPrefix(bus))).map((kv) => ({ value: decode<EventRuleRecord>(kv), modRevision: kv.modRevision }));
}

/**
 * Does any bus have an ENABLED rule with an event pattern (what the rule engine matches events against;
 * a scheduled rule matches none)? With the revision it read at, and the revision of the oldest such rule's
 * last write. Pages of 100.
 */
export async function anyEventPatternRule(store: Store): Promise<{ found: boolean; revision: number; since: number }> {
  let after: string | undefined;
  let revision: number | undefined;
  /** The oldest such rule's last write (the revision from which events can match one): every page is read. */
  let since = Infinity;
  for (;;) {
    const page = await store.range(PREFIX, { limit: 100, ...(after ? { after } : {}), ...(revision !== undefined ? { revision } : {}) });
    revision ??= page.revision;
    for (const kv of page.kvs) {
      const r = decode<EventRuleRecord>(kv);
      if (r.state === 'ENABLED' && r.eventPattern !== undefined) since = Math.min(since, kv.modRevision);
    }
    if (!page.more || page.kvs.length === 0) return { found: since !== Infinity, revision, since: since === Infinity ? 0 : since };
    after = page.kvs.at(-1)!.key;
  }
}

/** Does the bus have any rule? (DeleteEventBus refuses a bus that has.) */
export async function busHasRules(store: Store, bus: string): Promise<boolean> {
  return (await store.range(eventRulesPrefix(bus), { limit: 1, keysOnly: true })).kvs.length > 0;
}
