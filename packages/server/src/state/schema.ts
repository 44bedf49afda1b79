// The store's identity and schema: the region and account id in every ARN (set once at first start and
// kept, so ARNs never change under running clients), the schema version of the layout below /berth/v1/,
// and the fingerprint of the secrets key the store's secrets are sealed with.
//
// A store of an older schema is migrated once at start, one step after the other (state/migrate-v1.ts
// backfills every index and count; migrate-v2.ts makes a user of each access key's user name;
// migrate-v3.ts puts each task in its assignment; migrate-v4.ts indexes join tokens by when they retire; migrate-v5.ts splits each instance record into its
// live and registration records; migrate-v6.ts, migrate-v7.ts and migrate-v8.ts only move the version: instance events may name attribute sets, task
// events and assignments may be stored compact, a key may hold a batch of events), each
// in bounded transactions with the version bumped last, so an interrupted migration simply runs again; a
// store of an unknown version (newer, or not a version at all) is refused.
import type { Store } from '@berth/store';
import type { Identity } from '@berth/core';
import type { Logger } from '@berth/api';
import { ROOT, getJSON } from './kit.js';
import { migrateFromV1 } from './migrate-v1.js';
import { migrateFromV2 } from './migrate-v2.js';
import { migrateFromV3 } from './migrate-v3.js';
import { migrateFromV4 } from './migrate-v4.js';
import { migrateFromV5 } from './migrate-v5.js';
import { migrateFromV6 } from './migrate-v6.js';
import { migrateFromV7 } from './migrate-v7.js';
import { migrateFromV8 } from './migrate-v8.js';

export const SCHEMA_KEY = ROOT + 'schema';
/**
 * 1: records only (Berth up to be347ae). 2: the state layer's indexes, counts and record splits (up to
 * 2c9753e). 3: IAM users, each access key's user among them. 4: an assignment carries its task. 5: join
 * tokens indexed by when they retire. 6: an instance is two records, its live and its registration record.
 * 7: an instance event may name an attribute set instead of carrying its attributes. 8: a task event and an
 * assignment may be stored compact (kit.ts's compactText). 9: an event key may hold the events of one
 * transaction and cluster (state/events.ts withEventBatches).
 */
export const SCHEMA_VERSION = 9;
export const IDENTITY_KEY = ROOT + 'identity';
export const SECRETS_KEY_FINGERPRINT_KEY = ROOT + 'secrets-key-fingerprint';

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '000000000000';

/** The schema version a store holds: undefined for a fresh store; refuses what this server cannot read. */
export async function schemaVersion(store: Store): Promise<number | undefined> {
  const [schema, identity] = await Promise.all([store.get(SCHEMA_KEY), store.get(IDENTITY_KEY)]);
  if (!schema) {
    if (identity) throw new Error(`the store has an identity but no schema version (${SCHEMA_KEY}): it was not written by berth-server; refusing to use it`);
    return undefined;
  }
  const text = schema.value.toString();
  const v = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(v) || v < 1) {
    throw new Error(`the store's schema version (${SCHEMA_KEY}) is ${JSON.stringify(text.slice(0, 40))}, not a version this server knows; refusing to use it`);
  }
  if (v > SCHEMA_VERSION) {
    throw new Error(`the store holds schema version ${v}, newer than this server's ${SCHEMA_VERSION}: upgrade berth-server`);
  }
  return v;
}

/** Settles the identity and the schema: migrates an older store once, refuses an unknown one. */
export async function initStore(store: Store, wanted: Partial<Identity>, log: Logger): Promise<Identity> {
  const version = await schemaVersion(store);
  const fresh: Identity = { partition: 'aws', region: wanted.region ?? DEFAULT_REGION, accountId: wanted.accountId ?? DEFAULT_ACCOUNT_ID };
  if (!/^\d{12}$/.test(fresh.accountId)) throw new Error(`--account-id must be 12 digits (got ${fresh.accountId})`);
  if (version === undefined) {
    // Create-if-absent for both keys in one transaction: racing replicas agree on one identity.
    await store.txn({
      compare: [{ key: IDENTITY_KEY, modRevision: 0 }],
      success: [{ put: IDENTITY_KEY, value: JSON.stringify(fresh) }, { put: SCHEMA_KEY, value: String(SCHEMA_VERSION) }],
    });
  }
  const id = (await getJSON<Identity>(store, IDENTITY_KEY))!.value;
  if (version === 1) {
    log.info('migrating the store from schema 1 to 2', {});
    const stats = await migrateFromV1(store, log);
    log.info('store migrated to schema 2', { ...stats });
  }
  if (version !== undefined && version <= 2) {
    log.info('migrating the store from schema 2 to 3', {});
    const stats = await migrateFromV2(store, id, log);
    log.info('store migrated to schema 3', { ...stats });
  }
  if (version !== undefined && version <= 3) {
    log.info('migrating the store from schema 3 to 4', {});
    const stats = await migrateFromV3(store, log);
    log.info('store migrated to schema 4', { ...stats });
  }
  if (version !== undefined && version <= 4) {
    log.info('migrating the store from schema 4 to 5', {});
    const stats = await migrateFromV4(store, log);
    log.info('store migrated to schema 5', { ...stats });
  }
  if (version !== undefined && version <= 5) {
    log.info('migrating the store from schema 5 to 6', {});
    const stats = await migrateFromV5(store, log);
    log.info('store migrated to schema 6', { ...stats });
  }
  if (version !== undefined && version <= 6) {
    log.info('migrating the store from schema 6 to 7', {});
    await migrateFromV6(store, log);
    log.info('store migrated to schema 7', {});
  }
  if (version !== undefined && version <= 7) {
    log.info('migrating the store from schema 7 to 8', {});
    await migrateFromV7(store, log);
    log.info('store migrated to schema 8', {});
  }
  if (version !== undefined && version <= 8) {
    log.info('migrating the store from schema 8 to 9', {});
    await migrateFromV8(store, log);
    log.info('store migrated to schema 9', {});
  }
  if ((wanted.region && wanted.region !== id.region) || (wanted.accountId && wanted.accountId !== id.accountId)) {
    log.warn('keeping the region and account id chosen at first start', { stored: id, asked: wanted });
  }
  return id;
}

/** The fingerprint of the secrets key recorded at first use, if any. */
export async function secretsKeyFingerprint(store: Store): Promise<string | undefined> {
  return (await store.get(SECRETS_KEY_FINGERPRINT_KEY))?.value.toString();
}

/** Records the fingerprint unless one is recorded already; false when another was recorded first. */
export async function recordSecretsKeyFingerprint(store: Store, fingerprint: string): Promise<boolean> {
  const res = await store.txn({ compare: [{ key: SECRETS_KEY_FINGERPRINT_KEY, modRevision: 0 }], success: [{ put: SECRETS_KEY_FINGERPRINT_KEY, value: fingerprint }] });
  return res.succeeded;
}
