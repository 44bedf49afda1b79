// Capacity providers' managed scaling (issue 22 §6), ECS's formula as pure functions: the capacity
// provider reservation of a provider's machines, and how many machines its scale hook should be asked
// for to bring the reservation to targetCapacity, within the step sizes.
//
// ECS: M = machines needed for the tasks running and waiting (PROVISIONING) on the provider, N = machines
// present. CapacityProviderReservation = M ÷ N × 100, with N = 0: 200 when tasks wait (M > 0), 100 when
// none do; M = 0 with N > 0 is 0. Desired machines = ceil(M × 100 ÷ targetCapacity); a change is at least
// minimumScalingStepSize and at most maximumScalingStepSize machines (defaults 1 and 10000), and never
// below what is needed.

export function capacityProviderReservation(needed: number, present: number): number {
  if (present === 0) return needed > 0 ? 200 : 100;
  return (needed / present) * 100;
}

export interface ManagedScalingInput {
  /** Machines needed for running and waiting tasks (M). */
  needed: number;
  /** Machines present (N). */
  present: number;
  /** targetCapacity, 1-100 (default 100). */
  targetCapacity?: number;
  minimumScalingStepSize?: number;
  maximumScalingStepSize?: number;
}

/** How many machines the provider should have: N when the reservation is on target. */
export function desiredMachineCount(i: ManagedScalingInput): number {
  const target = i.targetCapacity ?? 100;
  const minStep = i.minimumScalingStepSize ?? 1;
  const maxStep = i.maximumScalingStepSize ?? 10000;
  const ideal = Math.ceil((i.needed * 100) / target);
  if (ideal === i.present) return i.present;
  const change = Math.min(maxStep, Math.max(minStep, Math.abs(ideal - i.present)));
  if (ideal > i.present) return i.present + change;
  // Scaling in: never below what the tasks need, nor past the ideal by the minimum step.
  return Math.max(ideal, i.needed, i.present - change);
}
