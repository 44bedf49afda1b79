// Capacity providers (issue 22 §6): one record per name (`capacity-providers/NAME`): the ECS
// CapacityProvider, and the clusters it is associated with (PutClusterCapacityProviders writes both sides
// in one transaction), so DeleteCapacityProvider refuses one in use without reading every cluster.
import type { CapacityProvider } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, getJSON, json, recordsPage } from './kit.js';

export const CAPACITY_PROVIDERS_PREFIX = ROOT + 'capacity-providers/';
export const capacityProviderKey = (name: string) => `${CAPACITY_PROVIDERS_PREFIX}${name}`;

export interface CapacityProviderRecord {
  provider: CapacityProvider;
  /** Names of the clusters whose capacityProviders name it. */
  clusters: string[];
}

export const getCapacityProvider = (store: Store, name: string) => getJSON<CapacityProviderRecord>(store, capacityProviderKey(name));
export const putCapacityProviderOp = (r: CapacityProviderRecord): Op & { put: string } => ({ put: capacityProviderKey(r.provider.name!), value: json(r) });
export const capacityProvidersPage = (store: Store, after: string | undefined, limit: number) => recordsPage<CapacityProviderRecord>(store, CAPACITY_PROVIDERS_PREFIX, after, limit);
