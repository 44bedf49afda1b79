// What EventBridge's handlers share: the bus and rule a request names, and its list paging (Limit 1-100).
import { BerthError, DEFAULT_EVENT_BUS, EVENTS_API, eventBusNameOf } from '@berth/core';
import { validationError } from '@berth/api';
import { targetChecks } from '../../invoking/target-checks.js';

/** EventBridge's refusals of bad input: its model names no error of its own for it (the seam's ValidationError). */
export const { validation, refuseMembers, checkEcsTarget } = targetChecks(validationError(EVENTS_API) as 'ValidationError');
import type { ServerContext } from '../../context.js';
import { getEventBus } from '../../state/event-buses.js';
import { getEventRule, type EventRuleRecord } from '../../state/event-rules.js';
import type { Versioned } from '../../state/kit.js';

/** The bus a request names, which must exist. */
export async function existingBus(ctx: ServerContext, nameOrArn: string | undefined): Promise<string> {
  const bus = eventBusNameOf(nameOrArn);
  if (bus !== DEFAULT_EVENT_BUS && !(await getEventBus(ctx.store, bus))) throw new BerthError('ResourceNotFoundException', `Event bus ${bus} does not exist.`, 'EventBusName');
  return bus;
}

export async function existingRule(ctx: ServerContext, bus: string, name: string): Promise<Versioned<EventRuleRecord>> {
  const rule = await getEventRule(ctx.store, bus, name);
  if (!rule) throw new BerthError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus}.`, 'Name');
  return rule;
}

export function limitOf(limit: number | undefined): number {
  if (limit === undefined) return 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw validation(`Limit must be between 1 and 100 (${limit} given).`, 'Limit');
  return limit;
}
