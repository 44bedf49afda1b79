// The cluster CA a replica serves and issues under: the store's (created on the first start against an
// empty store, its key sealed under the secrets key: auth/bootstrap.ts), or one given with --ca-cert/--ca-key
// (stored the same way when the store has none yet, so replicas started without the flags share it). Each
// replica then serves a certificate of its own for the names it is reached by (--advertise).
import { hostname } from 'node:os';
import type { Logger } from '@berth/api';
import { CA_SEAL_AAD, type ClusterCaRecord } from '../state/cluster-ca.js';
import type { SecretBox } from '../auth/secrets-key.js';
import { checkCertificateAuthority, createCertificateAuthority, issueServerCertificate, type CertificateAuthority, type KeyPairPem } from './certificates.js';

export interface TlsMaterial {
  ca: CertificateAuthority;
  /** This replica's serving certificate (chain: its own, then the CA's) and key. */
  server: KeyPairPem;
}

/** A CA given with --ca-cert/--ca-key. */
export type GivenCa = { certPem: string; keyPem: string };

/** The CA a first start stores: the given one, else a new one; and its record, the key sealed. */
export async function newClusterCa(box: SecretBox, given?: GivenCa): Promise<{ ca: CertificateAuthority; rec: ClusterCaRecord }> {
  const ca = given ? checkCertificateAuthority(given.certPem, given.keyPem) : await createCertificateAuthority();
  return { ca, rec: { certPem: ca.certPem, sealedKey: box.encrypt(ca.keyPem, CA_SEAL_AAD), fingerprint: ca.fingerprint, created: Math.floor(Date.now() / 1000) } };
}

/** The store's CA; a given one must be it. */
export function storedClusterCa(have: ClusterCaRecord, box: SecretBox, given?: GivenCa): CertificateAuthority {
  const wanted = given ? checkCertificateAuthority(given.certPem, given.keyPem) : undefined;
  if (wanted && wanted.fingerprint !== have.fingerprint) {
    throw new Error(`--ca-cert is not this store's cluster CA (fingerprint ${wanted.fingerprint}, store has ${have.fingerprint}): every replica must use the same CA`);
  }
  return unsealedOnUse(have.certPem, have.fingerprint, () => box.decrypt(have.sealedKey, CA_SEAL_AAD));
}

/**
 * The stored CA, its key unsealed the first time something is issued: a replica that issues nothing (the
 * plaintext development mode, no join) never needs it, and one whose secrets key is not the store's says
 * so when it does.
 */
function unsealedOnUse(certPem: string, fingerprint: string, unseal: () => string): CertificateAuthority {
  let keyPem: string | undefined;
  return {
    certPem,
    fingerprint,
    get keyPem(): string {
      try {
        keyPem ??= unseal();
      } catch {
        throw new Error('the cluster CA\'s key cannot be unsealed with this secrets key: every replica of one store must use the same secrets key file');
      }
      return keyPem;
    },
  };
}

/** The names a replica is reached by: --advertise, else its listen address (when specific) and host name. */
export function advertisedHosts(listenHost: string, advertise?: string[]): string[] {
  if (advertise && advertise.length > 0) return advertise;
  const specific = listenHost !== '0.0.0.0' && listenHost !== '::' && listenHost !== '[::]' && listenHost !== '';
  return [...new Set([...(specific ? [listenHost] : []), hostname(), 'localhost', '127.0.0.1'])];
}

/** This replica's serving certificate under the cluster CA, for `hosts`. */
export async function tlsMaterial(ca: CertificateAuthority, log: Logger, hosts: string[]): Promise<TlsMaterial> {
  const server = await issueServerCertificate(ca, hosts);
  log.info('serving TLS', { fingerprint: ca.fingerprint, names: hosts });
  return { ca, server };
}
