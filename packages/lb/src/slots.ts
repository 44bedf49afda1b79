// Which server slot of a backend each target takes, kept stable across changes so a target that comes or
// goes is a few runtime commands on its slot, never a reload: a target keeps its slot while it stays, a
// new one takes a free slot, a gone one frees its slot. Only when the free slots run out does the backend
// grow (to twice what it needs), and that is a reload. Every slot `sN` has a twin `oN`, a backup server
// without health checks (haproxy-config.ts: ELB's fail-open), given the same target, weight and state
// by the same commands. Pure.
import type { SlotTarget } from './haproxy-config.js';

export interface SlotPlan {
  slots: (SlotTarget | null)[];
  /**
   * HAProxy runtime API commands that make the running backend match `slots` (empty with `grow`), in two
   * parts: `arrive` brings targets in (a new one, one back from draining), `leave` takes them out (one
   * draining, one gone). berth-lb runs a pass's arrivals before it changes weights and its departures
   * after, so neither order of a weight change and a target change leaves a weighted group without a
   * target for a moment.
   */
  arrive: string[];
  leave: string[];
  /** The slots ran out: the backend must be regenerated with `slots` (already grown) and HAProxy reloaded. */
  grow: boolean;
}

export const MIN_SLOTS = 8;
const keyOf = (t: SlotTarget) => `${t.address}:${t.port}`;

export function planSlots(backend: string, current: (SlotTarget | null)[], desired: SlotTarget[]): SlotPlan {
  const want = new Map(desired.map((t) => [keyOf(t), t]));
  const slots: (SlotTarget | null)[] = current.length > 0 ? [...current] : Array(MIN_SLOTS).fill(null);
  const arrive: string[] = [];
  const leave: string[] = [];
  const server = (i: number) => `${backend}/s${i}`;
  const twin = (i: number) => `${backend}/o${i}`;
  const placed = new Set<string>();
  /** Slots whose target is gone in this plan, and the commands that empty them. */
  const emptied = new Map<number, string[]>();
  for (const [i, s] of slots.entries()) {
    if (!s) continue;
    const d = want.get(keyOf(s));
    if (!d) {
      // Gone (drained, or deregistered with no delay): its slot goes back to maintenance.
      emptied.set(i, [
        `set server ${server(i)} state maint`, `set server ${server(i)} addr 127.0.0.1 port 1`,
        `set server ${twin(i)} state maint`, `set server ${twin(i)} addr 127.0.0.1 port 1`,
      ]);
      slots[i] = null;
      continue;
    }
    placed.add(keyOf(d));
    if (d.draining !== s.draining) (d.draining ? leave : arrive).push(`set weight ${server(i)} ${d.draining ? 0 : 1}`, `set weight ${twin(i)} ${d.draining ? 0 : 1}`);
    slots[i] = d;
  }
  const fresh = desired.filter((t) => !placed.has(keyOf(t)));
  // New targets take the slots that were free first, and only then those emptied now (whose emptying then
  // comes with the arrival, just before it).
  const free = [...slots.flatMap((s, i) => (s || emptied.has(i) ? [] : [i])), ...emptied.keys()];
  if (fresh.length > free.length) {
    // Grow: the kept targets stay where they are, the new ones fill the free slots, then new slots.
    const size = Math.max(MIN_SLOTS, 2 ** Math.ceil(Math.log2(2 * desired.length)));
    const grown: (SlotTarget | null)[] = [...slots, ...Array(Math.max(0, size - slots.length)).fill(null)];
    let next = 0;
    for (const t of fresh) {
      while (grown[next]) next++;
      grown[next] = t;
    }
    return { slots: grown, arrive: [], leave: [], grow: true };
  }
  for (const [n, t] of fresh.entries()) {
    const i = free[n]!;
    slots[i] = t;
    arrive.push(...(emptied.get(i) ?? []));
    emptied.delete(i);
    // A new target waits for its health checks (health down) before it takes requests. HAProxy ignores a
    // health change of a server in maintenance (a free slot), and would bring it back with the slot's
    // last health (UP, from the target before): so it leaves maintenance for drain (no new requests)
    // first, is set down there, and only then made ready.
    arrive.push(
      `set server ${server(i)} addr ${t.address} port ${t.port}`,
      `set server ${server(i)} state drain`,
      `set server ${server(i)} health down`,
      `set weight ${server(i)} ${t.draining ? 0 : 1}`,
      `set server ${server(i)} state ready`,
      // The twin has no checks: it is up as soon as it is ready, and takes requests only while no
      // target of the group is up (fail-open).
      `set server ${twin(i)} addr ${t.address} port ${t.port}`,
      `set weight ${twin(i)} ${t.draining ? 0 : 1}`,
      `set server ${twin(i)} state ready`,
    );
  }
  for (const commands of emptied.values()) leave.push(...commands);
  return { slots, arrive, leave, grow: false };
}
