// Webhooks in (`eventbridge/webhooks/NAME`): the bus a webhook's POSTs go to and a hash of its token (the
// token itself is shown once, at creation).
import type { Store } from '@berth/store';
import { ROOT, decode, getJSON, json, rangeAll, type Versioned } from './kit.js';

const PREFIX = ROOT + 'eventbridge/webhooks/';
const webhookKey = (name: string) => `${PREFIX}${name}`;

export interface WebhookRecord {
  name: string;
  arn: string;
  eventBusName: string;
  /** SHA-256 of the token, hex (tokens are 190 random bits: no salt needed). */
  tokenHash: string;
  description?: string;
  /** Epoch seconds. */
  createdAt: number;
}

/** Creates the webhook unless one of that name exists (false then). */
export async function createWebhook(store: Store, rec: WebhookRecord): Promise<boolean> {
  const key = webhookKey(rec.name);
  return (await store.txn({ compare: [{ key, modRevision: 0 }], success: [{ put: key, value: json(rec) }] })).succeeded;
}

export const getWebhook = (store: Store, name: string): Promise<Versioned<WebhookRecord> | null> => getJSON<WebhookRecord>(store, webhookKey(name));

export async function listWebhooks(store: Store): Promise<WebhookRecord[]> {
  return (await rangeAll(store, PREFIX)).map((kv) => decode<WebhookRecord>(kv));
}

/** False when there was none. */
export async function deleteWebhook(store: Store, name: string): Promise<boolean> {
  return (await store.delete(webhookKey(name))).deleted > 0;
}
