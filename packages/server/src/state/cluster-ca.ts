// The cluster CA (`cluster-ca`): its certificate, and its private key sealed under the secrets key, so
// every replica of one store serves and issues under the same CA. Created once, by whichever replica of an
// empty store gets there first (a create-if-absent transaction: racing replicas agree on one CA).
import type { Compare, Op, Store } from '@berth/store';
import { ROOT, getJSON, json } from './kit.js';

const CA_KEY = ROOT + 'cluster-ca';

export interface ClusterCaRecord {
  certPem: string;
  /** SecretBox ciphertext of the PKCS#8 PEM key, bound to this record's key. */
  sealedKey: string;
  /** SHA-256 of the certificate's DER (what join tokens pin). */
  fingerprint: string;
  /** Epoch seconds. */
  created: number;
}

/** What the sealed key is bound to (the SecretBox's associated data). */
export const CA_SEAL_AAD = CA_KEY;

export async function getClusterCa(store: Store): Promise<ClusterCaRecord | undefined> {
  return (await getJSON<ClusterCaRecord>(store, CA_KEY))?.value;
}

/** No CA is stored yet (a creation compares this: racing replicas agree on one CA). */
export const clusterCaAbsent: Compare = { key: CA_KEY, modRevision: 0 };

export function putClusterCaOp(rec: ClusterCaRecord): Op {
  return { put: CA_KEY, value: json(rec) };
}
