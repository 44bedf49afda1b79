// The region and account id in every ARN: set once at first start and kept in the store, so ARNs
// never change under running clients. A later start with other flags keeps the stored identity.
import type { Store } from '@berth/store';
import type { Identity } from '@berth/core';
import { IDENTITY_KEY, SCHEMA_KEY, SCHEMA_VERSION } from './keys.js';
import type { Logger } from '@berth/api';

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '000000000000';

export async function initStore(store: Store, wanted: Partial<Identity>, log: Logger): Promise<Identity> {
  const schema = await store.get(SCHEMA_KEY);
  if (schema && Number(schema.value.toString()) > SCHEMA_VERSION) {
    throw new Error(`the store holds schema version ${schema.value.toString()}, newer than this server's ${SCHEMA_VERSION}: upgrade berth-server`);
  }
  const fresh: Identity = { partition: 'aws', region: wanted.region ?? DEFAULT_REGION, accountId: wanted.accountId ?? DEFAULT_ACCOUNT_ID };
  if (!/^\d{12}$/.test(fresh.accountId)) throw new Error(`--account-id must be 12 digits (got ${fresh.accountId})`);
  // Create-if-absent for both keys in one transaction: racing replicas agree on one identity.
  await store.txn({
    compare: [{ key: IDENTITY_KEY, modRevision: 0 }],
    success: [
      { put: IDENTITY_KEY, value: JSON.stringify(fresh) },
      { put: SCHEMA_KEY, value: String(SCHEMA_VERSION) },
    ],
  });
  const kv = await store.get(IDENTITY_KEY);
  const id = JSON.parse(kv!.value.toString()) as Identity;
  if ((wanted.region && wanted.region !== id.region) || (wanted.accountId && wanted.accountId !== id.accountId)) {
    log.warn('keeping the region and account id chosen at first start', { stored: id, asked: wanted });
  }
  return id;
}
