// EventBridge's and EventBridge Scheduler's ARNs and names in the store's account and region. A rule on
// the default bus is `rule/NAME`, on another bus `rule/BUS/NAME`, as EventBridge has them.
import type { Identity } from '../arn.js';

export const DEFAULT_EVENT_BUS = 'default';
export const DEFAULT_SCHEDULE_GROUP = 'default';

const base = (id: Identity, service: string) => `arn:${id.partition}:${service}:${id.region}:${id.accountId}:`;

export const eventBusArn = (id: Identity, bus: string) => `${base(id, 'events')}event-bus/${bus}`;
export const eventRuleArn = (id: Identity, bus: string, rule: string) => `${base(id, 'events')}rule/${bus === DEFAULT_EVENT_BUS ? '' : `${bus}/`}${rule}`;
export const scheduleGroupArn = (id: Identity, group: string) => `${base(id, 'scheduler')}schedule-group/${group}`;
export const scheduleArn = (id: Identity, group: string, name: string) => `${base(id, 'scheduler')}schedule/${group}/${name}`;

/** A bus named by name or ARN (EventBusNameOrArn); absent is the default bus. */
export function eventBusNameOf(nameOrArn: string | undefined): string {
  if (nameOrArn === undefined || nameOrArn === '') return DEFAULT_EVENT_BUS;
  const i = nameOrArn.startsWith('arn:') ? nameOrArn.indexOf(':event-bus/') : -1;
  return i >= 0 ? nameOrArn.slice(i + ':event-bus/'.length) : nameOrArn;
}

/** Where Berth's events of a cluster (Berth Invocation) and PutEvents' events of a bus are stored: bus events take a stream segment no cluster name can have. */
export const busStreamSegment = (bus: string) => `bus:${bus}`;
export const busOfStreamSegment = (segment: string) => (segment.startsWith('bus:') ? segment.slice(4) : DEFAULT_EVENT_BUS);
