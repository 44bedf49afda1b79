// Agent sessions: one key per instance (`sessions/ID`) on the session's lease, put by the replica that
// serves the agent's stream. It is agentConnected for every replica, and it vanishes with that replica if
// it dies (the lease expires). Its value names the cluster, so a watcher learns which instance record a
// connect or disconnect concerns from the key's value (or, on delete, its previous value).
import type { KeyValue, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

export const SESSIONS_PREFIX = ROOT + 'sessions/';
export const sessionKey = (instanceId: string) => `${SESSIONS_PREFIX}${instanceId}`;

export interface SessionRecord {
  sessionId: string;
  /** The instance's cluster (absent on sessions written before schema 2). */
  cluster?: string;
  /** Epoch seconds. */
  since: number;
  agentVersion?: string;
  /** Where other replicas reach the replica that serves the session (its gRPC address), when it says. */
  replica?: string;
}

export const sessionInstanceId = (key: string) => key.slice(SESSIONS_PREFIX.length);

/** The cluster a session key's value names, if it names one. */
export function sessionCluster(kv: KeyValue | undefined): string | undefined {
  if (!kv) return undefined;
  try {
    return decode<SessionRecord>(kv).cluster;
  } catch {
    return undefined;
  }
}

/** Puts the session key on the session's lease. */
export async function putSession(store: Store, instanceId: string, rec: SessionRecord, lease?: string): Promise<void> {
  await store.put(sessionKey(instanceId), json(rec), lease ? { lease } : {});
}

/** The instance's session now, if its agent holds one. */
export async function getSession(store: Store, instanceId: string): Promise<SessionRecord | undefined> {
  const kv = await store.get(sessionKey(instanceId));
  return kv ? decode<SessionRecord>(kv) : undefined;
}

/** Whether the instance's agent holds a session now (agentConnected). */
export async function isConnected(store: Store, instanceId: string): Promise<boolean> {
  return (await store.get(sessionKey(instanceId))) !== null;
}
