// The recent invocations of each rule and schedule (`invocations/OWNER/MS-ID`, OWNER `rule/BUS/NAME` or
// `schedule/GROUP/NAME`): what `berth describe rule|schedule` shows. Keyed by the time of the event or
// occurrence and its id, so writing one again (a retry after a failover) rewrites the same key; bounded:
// the writer trims an owner's oldest beyond KEEP_INVOCATIONS.
import type { Op, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

const PREFIX = ROOT + 'invocations/';
export const invocationsPrefix = (owner: string) => `${PREFIX}${owner}/`;
export const ruleInvocationOwner = (bus: string, rule: string) => `rule/${bus}/${rule}`;
export const scheduleInvocationOwner = (group: string, name: string) => `schedule/${group}/${name}`;

/** Invocations kept per rule or schedule. */
export const KEEP_INVOCATIONS = 20;

export interface InvocationRecord {
  /** Epoch seconds: when it ran. */
  time: number;
  /** The matched event's id (rules) or the occurrence, ISO (schedules). */
  eventId?: string;
  occurrence?: string;
  targetId?: string;
  /** Tasks started. */
  taskArns?: string[];
  /** Why it did not run, or what failed. */
  failure?: string;
}

/** The put of one invocation: `atMs` and `id` name it, so the same invocation written twice is one record. */
export function putInvocationOp(owner: string, atMs: number, id: string, rec: InvocationRecord): Op {
  return { put: `${invocationsPrefix(owner)}${String(Math.round(atMs)).padStart(15, '0')}-${id}`, value: json(rec) };
}

/** The newest invocations of an owner, newest first. */
export async function recentInvocations(store: Store, owner: string): Promise<InvocationRecord[]> {
  const page = await store.range(invocationsPrefix(owner), { limit: KEEP_INVOCATIONS, reverse: true });
  return page.kvs.map((kv) => decode<InvocationRecord>(kv));
}

/** Deletes of an owner's invocations beyond the newest KEEP_INVOCATIONS (and all of them with `all`). */
export async function trimInvocationOps(store: Store, owner: string, all = false): Promise<Op[]> {
  const { kvs } = await store.range(invocationsPrefix(owner), { keysOnly: true, reverse: true, limit: 200 });
  return kvs.slice(all ? 0 : KEEP_INVOCATIONS).map((kv) => ({ delete: kv.key }));
}
