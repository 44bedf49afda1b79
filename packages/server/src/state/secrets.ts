// Secrets Manager's secrets (`secrets/NAME`; names are case-sensitive, as AWS's). A record holds the
// secret's metadata and its versions that carry a staging label (AWSCURRENT, AWSPREVIOUS, the caller's
// own), each value sealed with the secrets key (AES-256-GCM; the additional data binds it to the secret's
// ARN and version, so a sealed value moved to another record does not open). A version left without a
// label is dropped at once (AWS drops them later), so a record stays a few values of at most 64 KiB each.
// A secret scheduled for deletion has an index entry `secrets-due/SECONDS/NAME` beside it, so the
// leader's retention sweep finds the secrets whose recovery window has passed without reading them all.
import type { Op, Store } from '@berth/store';
import { ROOT, getJSON, json, recordsPage, type Versioned } from './kit.js';

const PREFIX = ROOT + 'secrets/';
const DUE = ROOT + 'secrets-due/';
export const secretKey = (name: string) => `${PREFIX}${name}`;
// Seconds padded to 12 digits, so the index sorts by time.
const dueKey = (deletionDate: number, name: string) => `${DUE}${String(Math.floor(deletionDate)).padStart(12, '0')}/${name}`;

export interface SecretVersionRecord {
  stages: string[];
  /** Epoch seconds. */
  createdDate: number;
  /** Exactly one of the two, sealed. */
  sealedString?: string;
  sealedBinary?: string;
}

export interface SecretRecord {
  name: string;
  arn: string;
  description?: string;
  createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  /** Set while the secret is scheduled for deletion (DeleteSecret's recovery window): epoch seconds. */
  deletedDate?: number;
  deletionDate?: number;
  tags: { Key: string; Value: string }[];
  versions: Record<string, SecretVersionRecord>;
}

export function getSecret(store: Store, name: string): Promise<Versioned<SecretRecord> | null> {
  return getJSON<SecretRecord>(store, secretKey(name));
}

/** Writes a secret and moves its deletion index entry from `prev`'s (the record it replaces, if any). */
export function secretWriteOps(rec: SecretRecord, prev?: SecretRecord): Op[] {
  const from = prev?.deletionDate !== undefined ? dueKey(prev.deletionDate, prev.name) : undefined;
  const to = rec.deletionDate !== undefined ? dueKey(rec.deletionDate, rec.name) : undefined;
  return [
    { put: secretKey(rec.name), value: json(rec) },
    ...(from !== undefined && from !== to ? [{ delete: from }] : []),
    ...(to !== undefined && to !== from ? [{ put: to, value: '' }] : []),
  ];
}

export function secretDeleteOps(rec: SecretRecord): Op[] {
  return [{ delete: secretKey(rec.name) }, ...(rec.deletionDate !== undefined ? [{ delete: dueKey(rec.deletionDate, rec.name) }] : [])];
}

/** Up to `limit` deletion index entries due at or before `nowSeconds`, oldest first. */
export async function secretsDue(store: Store, nowSeconds: number, limit: number): Promise<{ key: string; name: string; deletionDate: number }[]> {
  const page = await store.range(DUE, { limit });
  const out: { key: string; name: string; deletionDate: number }[] = [];
  for (const kv of page.kvs) {
    const rest = kv.key.slice(DUE.length);
    const slash = rest.indexOf('/');
    const deletionDate = Number(rest.slice(0, slash));
    if (deletionDate > nowSeconds) break;
    out.push({ key: kv.key, deletionDate, name: rest.slice(slash + 1) });
  }
  return out;
}

/** A page of secrets in name order after `after` (a key this listing returned), for ListSecrets' tokens. */
export const secretsPage = (store: Store, after: string | undefined, limit: number) => recordsPage<SecretRecord>(store, PREFIX, after, limit);

export const isSecretsKey = (key: string) => key.startsWith(PREFIX);
