// Secrets Manager's secrets (`secrets/NAME`; names are case-sensitive, as AWS's). A record holds the
// secret's metadata and its versions that carry a staging label (AWSCURRENT, AWSPREVIOUS, the caller's
// own), each value sealed with the secrets key (AES-256-GCM; the additional data binds it to the secret's
// ARN and version, so a sealed value moved to another record does not open). A version left without a
// label is dropped at once (AWS drops them later), so a record stays a few values of at most 64 KiB each.
import type { Op, Store } from '@berth/store';
import { ROOT, getJSON, json, recordsPage, type Versioned } from './kit.js';

const PREFIX = ROOT + 'secrets/';
export const secretKey = (name: string) => `${PREFIX}${name}`;

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

export function putSecretOp(rec: SecretRecord): Op {
  return { put: secretKey(rec.name), value: json(rec) };
}

export function deleteSecretOp(name: string): Op {
  return { delete: secretKey(name) };
}

/** A page of secrets in name order after `after` (a key this listing returned), for ListSecrets' tokens. */
export const secretsPage = (store: Store, after: string | undefined, limit: number) => recordsPage<SecretRecord>(store, PREFIX, after, limit);

export const isSecretsKey = (key: string) => key.startsWith(PREFIX);
