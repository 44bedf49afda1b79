// A rule's targets (`eventbridge/targets/BUS/RULE/ID`, EventBridge's Target shape as given), and beside each
// the index ListRuleNamesByTarget reads: `eventbridge/rules-by-target/ARN/BUS/RULE/ID` (the ARN base64url).
import type { Op, Store } from '@berth/store';
import type { Events } from '@berth/core';
import { ROOT, decode, lastSegment, rangeAll } from './kit.js';

const PREFIX = ROOT + 'eventbridge/targets/';
const BY_TARGET = ROOT + 'eventbridge/rules-by-target/';
const enc = (arn: string) => Buffer.from(arn).toString('base64url');
export const eventTargetsPrefix = (bus: string, rule: string) => `${PREFIX}${bus}/${rule}/`;
const targetKey = (bus: string, rule: string, id: string) => `${eventTargetsPrefix(bus, rule)}${id}`;
const byTargetPrefix = (arn: string, bus: string) => `${BY_TARGET}${enc(arn)}/${bus}/`;

export type EventTarget = Events.Target;

/** A rule's targets (at most EventBridge's 5), in id order. */
export async function eventTargetsOf(store: Store, bus: string, rule: string): Promise<EventTarget[]> {
  return (await rangeAll(store, eventTargetsPrefix(bus, rule))).map((kv) => decode<EventTarget>(kv));
}

export function putEventTargetOps(bus: string, rule: string, target: EventTarget, before?: EventTarget): Op[] {
  return [
    ...(before && before.Arn !== target.Arn ? [{ delete: `${byTargetPrefix(before.Arn, bus)}${rule}/${before.Id}` }] : []),
    { put: targetKey(bus, rule, target.Id), value: JSON.stringify(target) },
    { put: `${byTargetPrefix(target.Arn, bus)}${rule}/${target.Id}`, value: '' },
  ];
}

export const deleteEventTargetOps = (bus: string, rule: string, target: EventTarget): Op[] => [
  { delete: targetKey(bus, rule, target.Id) },
  { delete: `${byTargetPrefix(target.Arn, bus)}${rule}/${target.Id}` },
];

/** The names of a bus's rules that have a target with this ARN, in order, after `after` (a name). */
export async function ruleNamesByTarget(store: Store, arn: string, bus: string, after: string | undefined, limit: number): Promise<{ names: string[]; more: boolean }> {
  const prefix = byTargetPrefix(arn, bus);
  const names: string[] = [];
  let from = after !== undefined ? `${prefix}${after}/\uffff` : undefined;
  for (;;) {
    const page = await store.range(prefix, { limit: 100, keysOnly: true, ...(from ? { after: from } : {}) });
    for (const kv of page.kvs) {
      const name = kv.key.slice(prefix.length, kv.key.length - lastSegment(kv.key).length - 1);
      if (names.at(-1) !== name) names.push(name);
      if (names.length > limit) return { names: names.slice(0, limit), more: true };
    }
    if (!page.more || page.kvs.length === 0) return { names, more: false };
    from = page.kvs.at(-1)!.key;
  }
}
