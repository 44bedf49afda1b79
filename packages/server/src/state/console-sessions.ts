// Web console sessions: one key per signed-in browser, `console-sessions/HASH`, where HASH is the SHA-256
// of the session id the browser holds in its cookie (a reader of the store learns no usable session). The
// record names the access key the session acts as (never its secret), its CSRF token and its expiry. It is
// written on a lease of the session's lifetime, so the store deletes it when it expires, on any replica;
// readers also compare the expiry, since a lease may outlive its time by a little.
import { createHash } from 'node:crypto';
import type { Store } from '@berth/store';
import { ROOT, getJSON, json } from './kit.js';

export const CONSOLE_SESSIONS_PREFIX = ROOT + 'console-sessions/';

export interface ConsoleSessionRecord {
  accessKeyId: string;
  userName: string;
  /** Sent back in the X-CSRF-Token header of every mutating call. */
  csrfToken: string;
  /** Epoch seconds. */
  createdAt: number;
  expiresAt: number;
}

const sessionHash = (sessionId: string) => createHash('sha256').update(sessionId, 'utf8').digest('hex');
const consoleSessionKey = (sessionId: string) => CONSOLE_SESSIONS_PREFIX + sessionHash(sessionId);

/** Writes a new session on a lease of its lifetime. */
export async function putConsoleSession(store: Store, sessionId: string, rec: ConsoleSessionRecord): Promise<void> {
  const lease = await store.grantLease(Math.max(1, Math.ceil(rec.expiresAt - rec.createdAt)), { autoKeepAlive: false });
  await store.put(consoleSessionKey(sessionId), json(rec), { lease: lease.id });
}

/** The live session of a cookie's id, or undefined (none, or expired at `now`, epoch seconds). */
export async function getConsoleSession(store: Store, sessionId: string, now: number): Promise<ConsoleSessionRecord | undefined> {
  const got = await getJSON<ConsoleSessionRecord>(store, consoleSessionKey(sessionId));
  return got && got.value.expiresAt > now ? got.value : undefined;
}

/** Ends a session (sign-out): its key goes at once (its lease, holding nothing then, lapses by itself). */
export async function deleteConsoleSession(store: Store, sessionId: string): Promise<void> {
  await store.delete(consoleSessionKey(sessionId));
}
