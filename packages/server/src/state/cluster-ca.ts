// The cluster CA (`cluster-ca`): its certificate, and its private key sealed under the secrets key, so
// every replica of one store serves and issues under the same CA. Created once, by whichever replica of an
// empty store gets there first (a create-if-absent transaction: racing replicas agree on one CA).
import type { Store } from '@berth/store';
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

/** Stores the CA unless one is stored; false when another replica stored one first. */
export async function createClusterCa(store: Store, rec: ClusterCaRecord): Promise<boolean> {
  return (await store.txn({ compare: [{ key: CA_KEY, modRevision: 0 }], success: [{ put: CA_KEY, value: json(rec) }] })).succeeded;
}
