// Capacity providers' managed scaling as tables of ECS's formula: CapacityProviderReservation = M ÷ N × 100
// (200 with no machine and tasks waiting, 100 with neither), and the machine count that brings it to
// targetCapacity within the step sizes; a pass's plan: only empty machines go, drained before they are named.
import t from 'tap';
import { capacityProviderReservation, desiredMachineCount, packedMachines, planProviderScaling, type ManagedScalingInput, type ProviderMachine, type ProviderScalingInput, type ProviderScalingPlan } from '../src/index.js';

t.test('CapacityProviderReservation', async (t) => {
  const rows: [number, number, number][] = [
    // [M needed, N present, reservation]
    [2, 4, 50], [4, 4, 100], [6, 4, 150], [0, 3, 0], [3, 0, 200], [0, 0, 100],
  ];
  for (const [m, n, want] of rows) t.equal(capacityProviderReservation(m, n), want, `M=${m} N=${n}`);
});

t.test('the machines to ask for', async (t) => {
  const rows: [string, ManagedScalingInput, number][] = [
    ['on target: no change', { needed: 4, present: 4 }, 4],
    ['tasks waiting, none present: what they need', { needed: 3, present: 0 }, 3],
    ['targetCapacity 80 keeps spare room: ceil(4 × 100 ÷ 80)', { needed: 4, present: 4, targetCapacity: 80 }, 5],
    ['at least the minimum step', { needed: 5, present: 4, minimumScalingStepSize: 3 }, 7],
    ['at most the maximum step', { needed: 20, present: 4, maximumScalingStepSize: 5 }, 9],
    ['scale in to what is needed', { needed: 2, present: 6 }, 2],
    ['scale in at most the maximum step', { needed: 1, present: 10, maximumScalingStepSize: 3 }, 7],
    ['scale in never past the ideal for a minimum step', { needed: 3, present: 4, minimumScalingStepSize: 5 }, 3],
    ['no tasks: none needed', { needed: 0, present: 2 }, 0],
  ];
  for (const [name, input, want] of rows) t.equal(desiredMachineCount(input), want, name);
});

t.test('a pass: the reservation, what the hook is asked for, which machines drain and which go', async (t) => {
  const m = (id: string, tasks: number, status: 'ACTIVE' | 'DRAINING' = 'ACTIVE'): ProviderMachine => ({ id, status, tasks });
  const rows: [string, ProviderScalingInput, Partial<ProviderScalingPlan>][] = [
    ['tasks waiting, no machine: one more', { machines: [], waitingMachines: 1 }, { needed: 1, present: 0, reservation: 200, desired: 1, drain: [], remove: [] }],
    ['tasks waiting beside busy machines', { machines: [m('a', 2)], waitingMachines: 1 }, { reservation: 200, desired: 2 }],
    ['targetCapacity 50 keeps a spare machine', { machines: [m('a', 1)], waitingMachines: 0, targetCapacity: 50 }, { reservation: 100, desired: 2, drain: [] }],
    ['on target', { machines: [m('a', 1), m('b', 3)], waitingMachines: 0 }, { reservation: 100, desired: 2, drain: [], remove: [] }],
    ['an empty machine is drained first, not yet named', { machines: [m('a', 1), m('b', 0)], waitingMachines: 0 }, { reservation: 50, desired: 2, drain: ['b'], remove: [] }],
    ['once DRAINING and empty it is named', { machines: [m('a', 1), m('b', 0, 'DRAINING')], waitingMachines: 0 }, { desired: 1, drain: [], remove: ['b'] }],
    ['a machine with tasks is never picked, whatever the step (termination protection)', { machines: [m('a', 1), m('b', 1), m('c', 0)], waitingMachines: 0, minimumScalingStepSize: 3 }, { desired: 3, drain: ['c'], remove: [] }],
    ['a DRAINING machine still with tasks waits', { machines: [m('a', 1), m('b', 2, 'DRAINING'), m('c', 0)], waitingMachines: 0 }, { needed: 2, desired: 3, drain: ['c'], remove: [] }],
    ['no tasks at all: every machine drains', { machines: [m('a', 0), m('b', 0)], waitingMachines: 0 }, { reservation: 0, desired: 2, drain: ['a', 'b'] }],
    ['DRAINING ones go before ACTIVE ones', { machines: [m('a', 0), m('b', 0, 'DRAINING'), m('c', 2)], waitingMachines: 0, maximumScalingStepSize: 1 }, { desired: 2, drain: [], remove: ['b'] }],
  ];
  for (const [name, input, want] of rows) t.match(planProviderScaling(input), want, name);
});

t.test('machines the waiting tasks need: first-fit decreasing on machines of the provider\'s size', async (t) => {
  const size = { cpu: 2048, memory: 4096 };
  const rows: [string, { cpu: number; memory: number }[], number][] = [
    ['none waiting', [], 0],
    ['one small task', [{ cpu: 256, memory: 512 }], 1],
    ['eight that fill one machine exactly', Array.from({ length: 8 }, () => ({ cpu: 256, memory: 512 })), 1],
    ['nine: a second machine', Array.from({ length: 9 }, () => ({ cpu: 256, memory: 512 })), 2],
    ['whole machines each', [{ cpu: 2048, memory: 16 }, { cpu: 2048, memory: 16 }, { cpu: 2048, memory: 16 }], 3],
    ['memory binds', [{ cpu: 0, memory: 3000 }, { cpu: 0, memory: 3000 }], 2],
    ['big first, small ones fill the gaps', [{ cpu: 128, memory: 512 }, { cpu: 1536, memory: 1024 }, { cpu: 512, memory: 512 }, { cpu: 1536, memory: 1024 }], 2],
    ['a task bigger than a machine counts one of its own', [{ cpu: 4096, memory: 128 }], 1],
  ];
  for (const [name, tasks, want] of rows) t.equal(packedMachines(tasks, size), want, name);
});
