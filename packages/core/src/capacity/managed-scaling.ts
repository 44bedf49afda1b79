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

/** CloudWatch's namespace of the reservation (dimensions ClusterName and CapacityProviderName). */
export const MANAGED_SCALING_NAMESPACE = 'AWS/ECS/ManagedScaling';
/**
 * The attribute that puts a machine in a capacity provider: set by its agent (ECS_INSTANCE_ATTRIBUTES=
 * {"berth.capacity-provider":"NAME"}) or with PutAttributes. ECS knows a machine's provider from its Auto
 * Scaling group; Berth's machines have none.
 */
export const CAPACITY_PROVIDER_ATTRIBUTE = 'berth.capacity-provider';

/** A machine of the provider as the pass sees it. */
export interface ProviderMachine {
  id: string;
  status: 'ACTIVE' | 'DRAINING';
  /** Tasks placed on it and not yet STOPPED. */
  tasks: number;
}

export interface ProviderScalingInput {
  machines: readonly ProviderMachine[];
  /** Machines the tasks waiting for this provider (PROVISIONING) need beyond those present. */
  waitingMachines: number;
  targetCapacity?: number;
  minimumScalingStepSize?: number;
  maximumScalingStepSize?: number;
}

export interface ProviderScalingPlan {
  needed: number;
  present: number;
  reservation: number;
  /** What the hook is asked for: present − remove when scaling in (once they are empty), else desired. */
  desired: number;
  /** ACTIVE machines to set DRAINING now (picked for removal). */
  drain: string[];
  /** DRAINING, empty machines to name to the hook for removal. */
  remove: string[];
}

/**
 * One pass of managed scaling for a provider: ECS's reservation and desired count, and, when scaling in,
 * which machines go. M counts the machines with tasks (plus what waiting tasks need), and the desired count
 * never goes below M, so only empty machines are ever picked: managed termination protection always
 * holds. DRAINING ones go first (already on their way); an ACTIVE one is drained first and named to the
 * hook only once DRAINING and still empty, so no task lands on a machine being taken away. The hook is
 * asked for present − named machines.
 */
export function planProviderScaling(i: ProviderScalingInput): ProviderScalingPlan {
  const present = i.machines.length;
  const needed = i.machines.filter((m) => m.tasks > 0).length + i.waitingMachines;
  const reservation = capacityProviderReservation(needed, present);
  const want = desiredMachineCount({ needed, present, targetCapacity: i.targetCapacity, minimumScalingStepSize: i.minimumScalingStepSize, maximumScalingStepSize: i.maximumScalingStepSize });
  if (want >= present) return { needed, present, reservation, desired: want, drain: [], remove: [] };
  const candidates = i.machines
    .filter((m) => m.tasks === 0)
    .sort((a, b) => (a.status === b.status ? (a.id < b.id ? -1 : 1) : a.status === 'DRAINING' ? -1 : 1))
    .slice(0, present - want);
  const remove = candidates.filter((m) => m.status === 'DRAINING').map((m) => m.id);
  return { needed, present, reservation, desired: present - remove.length, drain: candidates.filter((m) => m.status === 'ACTIVE').map((m) => m.id), remove };
}

/**
 * How many machines of `size` the waiting tasks fill, first-fit decreasing (ECS's cluster auto scaling
 * estimates the same from its instance types); a task bigger than a machine counts one machine of its own.
 */
export function packedMachines(tasks: readonly { cpu: number; memory: number }[], size: { cpu: number; memory: number }): number {
  const bins: { cpu: number; memory: number }[] = [];
  for (const t of [...tasks].sort((a, b) => b.cpu + b.memory - (a.cpu + a.memory))) {
    const bin = bins.find((b) => b.cpu >= t.cpu && b.memory >= t.memory);
    if (bin) {
      bin.cpu -= t.cpu;
      bin.memory -= t.memory;
    } else bins.push({ cpu: Math.max(0, size.cpu - t.cpu), memory: Math.max(0, size.memory - t.memory) });
  }
  return bins.length;
}
