// Task placement (ECS API brief §4.3-4.5), as ECS describes its pipeline:
//   1. feasibility: a chain of small checks, each either passing an instance or naming the ECS reason
//      that excludes it (status, AGENT, RESOURCE:CPU / MEMORY / PORTS / PORTS_UDP; constraints will add
//      ATTRIBUTE and memberOf / distinctInstance checks here);
//   2. ranking: a chain of rankers, each narrowing the feasible instances to those it likes best
//      (binpack and spread will be rankers; with none, every feasible instance ties);
//   3. a random pick among the survivors.
// Tasks are placed one at a time and the chosen instance's remaining resources are updated before the
// next one, so a burst never oversubscribes an instance. Pure: the caller passes the snapshot and
// commits the result with a compare on what it read.
import type { Resource } from './model/types.js';
import { fits, subtract, type Reservation } from './resources.js';

export interface PlacementCandidate {
  /** Container instance id (32 hex). */
  id: string;
  arn: string;
  status: string;
  agentConnected: boolean;
  remainingResources: Resource[];
}

/** Passes (null) or names the ECS failure reason that excludes the instance for this task. */
export type FeasibilityCheck = (c: PlacementCandidate, reservation: Reservation) => string | null;

export interface RankContext {
  reservation: Reservation;
  /** Instance ids chosen so far in this call, in order. */
  placed: readonly string[];
  random: () => number;
}

/** Narrows the feasible candidates to the best ones (never to none, given at least one). */
export type Ranker = (feasible: readonly PlacementCandidate[], ctx: RankContext) => PlacementCandidate[];

/** Only ACTIVE instances take new tasks (DRAINING, REGISTERING... are excluded with their status as reason). */
export const statusCheck: FeasibilityCheck = (c) => (c.status === 'ACTIVE' ? null : c.status || 'INACTIVE');
/** ECS's AGENT: the instance's agent is not connected. */
export const agentCheck: FeasibilityCheck = (c) => (c.agentConnected ? null : 'AGENT');
/** RESOURCE:CPU / MEMORY / PORTS / PORTS_UDP against the instance's remaining resources. */
export const resourceCheck: FeasibilityCheck = (c, r) => fits(c.remainingResources, r);

export const DEFAULT_CHECKS: readonly FeasibilityCheck[] = [statusCheck, agentCheck, resourceCheck];

export interface PlacementInput {
  instances: readonly PlacementCandidate[];
  reservation: Reservation;
  count: number;
  /** [0, 1); Math.random by default. Tests pass a seeded one. */
  random?: () => number;
  /** Feasibility chain; DEFAULT_CHECKS by default. */
  checks?: readonly FeasibilityCheck[];
  /** Ranking chain (placement strategies); none by default = random among every feasible instance. */
  rankers?: readonly Ranker[];
}

export interface PlacementResult {
  /** The instance id of each placed task, in placement order (an id repeats when it takes several). */
  placements: string[];
  /** When some tasks could not be placed: one entry per instance with the reason that excluded it. */
  failures: { instanceId: string; reason: string }[];
  /** Each instance's remaining resources after the placements (only instances that took a task). */
  remaining: Map<string, Resource[]>;
}

/** The first reason the chain gives for `c`, or null when it passes every check. */
export function firstFailure(checks: readonly FeasibilityCheck[], c: PlacementCandidate, r: Reservation): string | null {
  for (const check of checks) {
    const why = check(c, r);
    if (why !== null) return why;
  }
  return null;
}

export function placeTasks(input: PlacementInput): PlacementResult {
  const random = input.random ?? Math.random;
  const checks = input.checks ?? DEFAULT_CHECKS;
  const rankers = input.rankers ?? [];
  const r = input.reservation;
  // Working copies: remaining resources change as tasks land.
  const pool = input.instances.map((c) => ({ ...c }));
  const placements: string[] = [];
  const remaining = new Map<string, Resource[]>();
  for (let n = 0; n < input.count; n++) {
    const reasons = new Map<string, string>();
    let feasible: PlacementCandidate[] = [];
    for (const c of pool) {
      const why = firstFailure(checks, c, r);
      if (why === null) feasible.push(c);
      else reasons.set(c.id, why);
    }
    if (feasible.length === 0) {
      // Every further task would fail the same way: report each instance once, and stop.
      return { placements, failures: pool.map((c) => ({ instanceId: c.id, reason: reasons.get(c.id)! })), remaining };
    }
    const ctx: RankContext = { reservation: r, placed: placements, random };
    for (const rank of rankers) {
      const best = rank(feasible, ctx);
      if (best.length > 0) feasible = best;
    }
    const chosen = feasible[Math.min(feasible.length - 1, Math.floor(random() * feasible.length))]!;
    chosen.remainingResources = subtract(chosen.remainingResources, r);
    remaining.set(chosen.id, chosen.remainingResources);
    placements.push(chosen.id);
  }
  return { placements, failures: [], remaining };
}
