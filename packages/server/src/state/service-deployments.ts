// Service deployments (ECS's ListServiceDeployments, DescribeServiceDeployments):
// `service-deployments/CLUSTER/SERVICE/DIGITS` holds one ECS ServiceDeployment (DIGITS: those of the
// deployment that started it, which count down with time, so a range lists the newest first). The service
// record is their anchor: they are written only in a transaction that writes the service record too,
// comparing its revision, and the record keeps a copy of the latest and the ids of the last 10 (core's
// DeploymentHistory): an older one is deleted in the write that makes the 11th. They go with the service
// when it leaves the store.
import type { ServiceDeployment } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

const SERVICE_DEPLOYMENTS_ROOT = ROOT + 'service-deployments/';
export const serviceDeploymentsPrefix = (cluster: string, service: string) => `${SERVICE_DEPLOYMENTS_ROOT}${cluster}/${service}/`;
const deploymentKey = (cluster: string, service: string, id: string) => `${serviceDeploymentsPrefix(cluster, service)}${id}`;

export const putServiceDeploymentOp = (cluster: string, service: string, id: string, d: ServiceDeployment): Op =>
  ({ put: deploymentKey(cluster, service, id), value: json(d) });

/** One service deployment past the history's bound (core's HISTORY_LIMIT). */
export const deleteServiceDeploymentOp = (cluster: string, service: string, id: string): Op => ({ delete: deploymentKey(cluster, service, id) });

export async function getServiceDeployment(store: Store, cluster: string, service: string, id: string): Promise<ServiceDeployment | null> {
  const kv = await store.get(deploymentKey(cluster, service, id));
  return kv ? decode<ServiceDeployment>(kv) : null;
}

/** Every service deployment of a service (when the service leaves the store). */
export const serviceDeploymentsDeleteOp = (cluster: string, service: string): Op => ({ deletePrefix: serviceDeploymentsPrefix(cluster, service) });
