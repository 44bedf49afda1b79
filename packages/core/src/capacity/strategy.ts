// Capacity provider strategies (issue 22 §6): which strategy a launch uses, ECS's checks of it, and how a
// number of tasks is split over its providers, base first, then by weight. Pure: the handlers (RunTask,
// CreateService, UpdateService) and the services controller read the cluster and call these.
//
// ECS: a strategy (capacityProviderStrategy on RunTask, CreateService, UpdateService) and launchType are
// mutually exclusive; with neither, the cluster's defaultCapacityProviderStrategy is used (with an empty
// one, the EC2 launch type, as ECS does for a cluster without providers). Every provider of a strategy must
// be associated with the cluster; at most one has a base; a provider with weight 0 takes no task beyond its
// base, and a strategy whose weights are all 0 is refused.
import { invalid, unsupportedFeature } from '../errors.js';
import type { CapacityProviderStrategyItem } from '../model/types.js';

/** A strategy item with its provider named (an ARN given is reduced to its name). */
export interface StrategyItem {
  capacityProvider: string;
  base?: number;
  weight?: number;
}

/** ECS's limit on the providers of a strategy. */
export const STRATEGY_MAX = 6;
export const BASE_MAX = 100000;
export const WEIGHT_MAX = 1000;

const providerName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
const FARGATE = new Set(['FARGATE', 'FARGATE_SPOT']);

/** Where the strategy a launch uses came from. */
export type StrategySource = 'request' | 'default';

/**
 * The strategy a launch uses: the request's (which excludes launchType), else the cluster's default when
 * the request names no launchType, else none (the launch type). Checked against the cluster's providers.
 * `field` names the request's member (`capacityProviderStrategy`).
 */
export function launchStrategy(
  field: string,
  requested: readonly CapacityProviderStrategyItem[] | undefined,
  launchType: string | undefined,
  cluster: { capacityProviders?: readonly string[]; defaultCapacityProviderStrategy?: readonly CapacityProviderStrategyItem[] },
): { strategy: StrategyItem[]; source: StrategySource } | undefined {
  if (requested !== undefined && requested.length > 0) {
    if (launchType !== undefined) throw invalid(field, 'Specify either Launch Type or Capacity Provider Strategy, but not both.');
    return { strategy: checkStrategy(field, requested, cluster.capacityProviders ?? [], 'request'), source: 'request' };
  }
  if (launchType !== undefined) return undefined;
  const def = cluster.defaultCapacityProviderStrategy ?? [];
  if (def.length === 0) return undefined;
  return { strategy: checkStrategy(field, def, cluster.capacityProviders ?? [], 'default'), source: 'default' };
}

/** ECS's checks of a strategy against the providers associated with the cluster. */
export function checkStrategy(field: string, items: readonly CapacityProviderStrategyItem[], associated: readonly string[], source: StrategySource): StrategyItem[] {
  if (items.length > STRATEGY_MAX) throw invalid(field, `A capacity provider strategy may contain a maximum of ${STRATEGY_MAX} capacity providers (${items.length} given).`);
  const out: StrategyItem[] = [];
  const seen = new Set<string>();
  items.forEach((s, i) => {
    const f = `${field}[${i}]`;
    const name = providerName(s.capacityProvider ?? '');
    if (FARGATE.has(name)) throw unsupportedFeature(`${f}.capacityProvider`, 'Berth runs tasks on machines of its own only (the EC2 launch type); FARGATE and FARGATE_SPOT are AWS\'s', name);
    if (seen.has(name)) throw invalid(`${f}.capacityProvider`, `The capacity provider ${name} is specified more than once in the capacity provider strategy.`);
    seen.add(name);
    if (!associated.includes(name)) {
      throw invalid(`${f}.capacityProvider`, 'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.');
    }
    if (s.base !== undefined && (!Number.isInteger(s.base) || s.base < 0 || s.base > BASE_MAX)) throw invalid(`${f}.base`, `'base' must be between 0 and ${BASE_MAX} (${s.base} given).`);
    if (s.weight !== undefined && (!Number.isInteger(s.weight) || s.weight < 0 || s.weight > WEIGHT_MAX)) throw invalid(`${f}.weight`, `'weight' must be between 0 and ${WEIGHT_MAX} (${s.weight} given).`);
    out.push({ capacityProvider: name, ...(s.base !== undefined ? { base: s.base } : {}), ...(s.weight !== undefined ? { weight: s.weight } : {}) });
  });
  if (out.filter((s) => (s.base ?? 0) > 0).length > 1) throw invalid(field, 'Only one capacity provider in a strategy can have a base defined.');
  if (!out.some((s) => (s.weight ?? 0) > 0)) {
    throw invalid(field, source === 'default'
      ? "There are no capacity providers with a weight value greater than zero defined in the default capacity provider strategy. At least one capacity provider must have a weight value greater than zero specified. Update the cluster's default capacity provider strategy or specify a valid capacity provider strategy and try again."
      : 'There are no capacity providers with a weight value greater than zero defined in the capacity provider strategy. At least one capacity provider must have a weight value greater than zero specified.');
  }
  return out;
}

/**
 * How `count` new tasks split over the strategy's providers, given the tasks each already has (`existing`,
 * a service's live tasks; empty for RunTask): ECS's base first (the provider with a base gets tasks until
 * it has that many), then by weight. Each task goes to the provider whose tasks beyond its base, one more,
 * divided by its weight, is smallest (the earlier one on a tie), so the split beyond the bases follows the
 * weights as closely as whole tasks allow. Providers with weight 0 take nothing beyond their base.
 */
export function splitByStrategy(strategy: readonly StrategyItem[], count: number, existing: Readonly<Record<string, number>> = {}): Map<string, number> {
  const have = new Map(strategy.map((s) => [s.capacityProvider, existing[s.capacityProvider] ?? 0]));
  const out = new Map<string, number>();
  const give = (p: string) => {
    have.set(p, have.get(p)! + 1);
    out.set(p, (out.get(p) ?? 0) + 1);
  };
  for (let i = 0; i < count; i++) {
    const short = strategy.find((s) => (s.base ?? 0) > have.get(s.capacityProvider)!);
    if (short) {
      give(short.capacityProvider);
      continue;
    }
    let best: StrategyItem | undefined;
    let bestScore = Infinity;
    for (const s of strategy) {
      const w = s.weight ?? 0;
      if (w <= 0) continue;
      const score = (Math.max(0, have.get(s.capacityProvider)! - (s.base ?? 0)) + 1) / w;
      if (score < bestScore) {
        best = s;
        bestScore = score;
      }
    }
    if (!best) break;
    give(best.capacityProvider);
  }
  return out;
}
