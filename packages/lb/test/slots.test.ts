// Slot assignment: a target keeps its slot, a new one takes a free slot (health down until checked), a
// gone one frees its slot, draining is a weight; only running out of slots means a reload. Each slot's
// fail-open twin (oN: a backup without checks) follows it: same target, weight and state. Commands that
// bring a target in are apart from those that take one out (berth-lb runs weights between them).
import t from 'tap';
import { MIN_SLOTS, planSlots, type SlotTarget } from '../src/index.js';

const T = (port: number, draining = false): SlotTarget => ({ address: '10.0.0.1', port, draining });

t.test('slot plans', async (t) => {
  const first = planSlots('b_x', [], [T(1), T(2)]);
  t.equal(first.slots.length, MIN_SLOTS, 'a backend starts with spare slots');
  t.same(first.slots.slice(0, 3), [T(1), T(2), null]);
  t.same(first.leave, []);
  t.same(first.arrive.slice(0, 5), ['set server b_x/s0 addr 10.0.0.1 port 1', 'set server b_x/s0 state drain', 'set server b_x/s0 health down', 'set weight b_x/s0 1', 'set server b_x/s0 state ready']);
  t.notOk(first.grow);

  const cases: [string, (SlotTarget | null)[], SlotTarget[], (SlotTarget | null)[], { arrive?: string[]; leave?: string[] }][] = [
    ['nothing changes', [T(1), T(2), null], [T(2), T(1)], [T(1), T(2), null], {}],
    ['one goes: its slot is freed, the other stays put', [T(1), T(2), null], [T(2)], [null, T(2), null], { leave: [
      'set server b_x/s0 state maint', 'set server b_x/s0 addr 127.0.0.1 port 1', 'set server b_x/o0 state maint', 'set server b_x/o0 addr 127.0.0.1 port 1'] }],
    ['one comes: the first free slot', [null, T(2), null], [T(2), T(3)], [T(3), T(2), null], { arrive: [
      'set server b_x/s0 addr 10.0.0.1 port 3', 'set server b_x/s0 state drain', 'set server b_x/s0 health down', 'set weight b_x/s0 1', 'set server b_x/s0 state ready',
      'set server b_x/o0 addr 10.0.0.1 port 3', 'set weight b_x/o0 1', 'set server b_x/o0 state ready'] }],
    ['one comes as another goes', [T(1), null], [T(2)], [null, T(2)], {
      arrive: ['set server b_x/s1 addr 10.0.0.1 port 2', 'set server b_x/s1 state drain', 'set server b_x/s1 health down', 'set weight b_x/s1 1', 'set server b_x/s1 state ready',
        'set server b_x/o1 addr 10.0.0.1 port 2', 'set weight b_x/o1 1', 'set server b_x/o1 state ready'],
      leave: ['set server b_x/s0 state maint', 'set server b_x/s0 addr 127.0.0.1 port 1', 'set server b_x/o0 state maint', 'set server b_x/o0 addr 127.0.0.1 port 1'],
    }],
    ['no free slot but one emptied now: the newcomer takes it, emptied just before', [T(1), T(2)], [T(2), T(3)], [T(3), T(2)], {
      arrive: ['set server b_x/s0 state maint', 'set server b_x/s0 addr 127.0.0.1 port 1', 'set server b_x/o0 state maint', 'set server b_x/o0 addr 127.0.0.1 port 1',
        'set server b_x/s0 addr 10.0.0.1 port 3', 'set server b_x/s0 state drain', 'set server b_x/s0 health down', 'set weight b_x/s0 1', 'set server b_x/s0 state ready',
        'set server b_x/o0 addr 10.0.0.1 port 3', 'set weight b_x/o0 1', 'set server b_x/o0 state ready'],
    }],
    ['one starts draining', [T(1), T(2)], [T(1, true), T(2)], [T(1, true), T(2)], { leave: ['set weight b_x/s0 0', 'set weight b_x/o0 0'] }],
    ['one comes back from draining', [T(1, true)], [T(1)], [T(1)], { arrive: ['set weight b_x/s0 1', 'set weight b_x/o0 1'] }],
  ];
  for (const [name, current, desired, slots, { arrive = [], leave = [] }] of cases) {
    const p = planSlots('b_x', current, desired);
    t.same([p.slots, p.arrive, p.leave, p.grow], [slots, arrive, leave, false], name);
  }
  const full = planSlots('b_x', [T(1), T(2)], [T(1), T(2), T(3)]);
  t.ok(full.grow, 'out of free slots: a reload');
  t.same(full.slots, [T(1), T(2), T(3), null, null, null, null, null], 'kept targets stay in their slots, the backend grows');
  t.same([full.arrive, full.leave], [[], []]);
});
