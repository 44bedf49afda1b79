// Component certificates (`certificates/SERIAL`): one record for each certificate issued to a machine of
// another kind than an agent (lb, log-router, exporter), at its join and at each renewal, naming the
// machine (kind, cluster, id) and until when it is valid. A certificate is good only while its record is
// there and not revoked: every call and stream opening reads it (fleet/certificate-callers.ts). Records of
// expired certificates are removed at the next component join or renewal. Agents' certificates need none:
// their container instance is their record, revoked by deregistration.
import type { Compare, Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, rangeAll, type Versioned } from './kit.js';

const PREFIX = ROOT + 'certificates/';
const certificateKey = (serial: string) => `${PREFIX}${serial}`;

export interface CertificateRecord {
  /** Lowercase hex (core's certificateSerial). */
  serial: string;
  kind: 'lb' | 'log-router' | 'exporter';
  cluster: string;
  /** The machine's id, the same in each certificate it renews. */
  id: string;
  /** Epoch seconds. */
  issuedAt: number;
  notAfter: number;
  /** Epoch seconds, once revoked. */
  revokedAt?: number;
}

export function getCertificate(store: Store, serial: string): Promise<Versioned<CertificateRecord> | null> {
  return getJSON<CertificateRecord>(store, certificateKey(serial));
}

/** Every component certificate record (a handful of machines: listed whole). */
export async function listCertificates(store: Store): Promise<Versioned<CertificateRecord>[]> {
  return (await rangeAll(store, PREFIX)).map((kv) => ({ value: decode<CertificateRecord>(kv), modRevision: kv.modRevision }));
}

export function putCertificateOp(rec: CertificateRecord): Op {
  return { put: certificateKey(rec.serial), value: json(rec) };
}

export function deleteCertificateOp(serial: string): Op {
  return { delete: certificateKey(serial) };
}

/** The record is as it was read (0: there is none). */
export const certificateAt = (serial: string, modRevision: number): Compare => ({ key: certificateKey(serial), modRevision });

/** What a revocation watch watches. */
export const CERTIFICATES_PREFIX = PREFIX;
