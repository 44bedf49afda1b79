// Capacity providers' managed scaling as tables of ECS's formula: CapacityProviderReservation = M ÷ N × 100
// (200 with no machine and tasks waiting, 100 with neither), and the machine count that brings it to
// targetCapacity within the step sizes.
import t from 'tap';
import { capacityProviderReservation, desiredMachineCount, type ManagedScalingInput } from '../src/index.js';

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
