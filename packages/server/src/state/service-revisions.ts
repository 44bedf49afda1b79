// Service revisions (ECS's DescribeServiceRevisions): `service-revisions/CLUSTER/SERVICE/DIGITS` holds one
// ECS ServiceRevision, written once, in the transaction of the service write that made it (DIGITS: those
// of the deployment that first ran it), and deleted in the write after which the bounded history needs it no
// more. They go with the service when it leaves the store.
import type { ServiceRevision } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

const SERVICE_REVISIONS_ROOT = ROOT + 'service-revisions/';
const prefix = (cluster: string, service: string) => `${SERVICE_REVISIONS_ROOT}${cluster}/${service}/`;
const revisionKey = (cluster: string, service: string, id: string) => `${prefix(cluster, service)}${id}`;

export const putServiceRevisionOp = (cluster: string, service: string, id: string, r: ServiceRevision): Op =>
  ({ put: revisionKey(cluster, service, id), value: json(r) });

/** One revision the bounded history needs no more (core's advanceHistory says which). */
export const deleteServiceRevisionOp = (cluster: string, service: string, id: string): Op => ({ delete: revisionKey(cluster, service, id) });

export async function getServiceRevision(store: Store, cluster: string, service: string, id: string): Promise<ServiceRevision | null> {
  const kv = await store.get(revisionKey(cluster, service, id));
  return kv ? decode<ServiceRevision>(kv) : null;
}

/** Every revision of a service (when the service leaves the store). */
export const serviceRevisionsDeleteOp = (cluster: string, service: string): Op => ({ deletePrefix: prefix(cluster, service) });
