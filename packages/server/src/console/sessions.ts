// Sign-in to the web console: an access key's secret is checked once, here, and opens a server-side
// session (state/console-sessions.ts); the browser then holds only the session's random id in an HttpOnly
// cookie. Every request resolves its cookie to the session's caller, the same `access-key` caller a SigV4
// call of that key is, so the seam authorizes the console's calls by the user's policies exactly as it does
// the API's. A key deactivated or deleted ends its sessions (AccessKeys.lookup: the IAM informer, on every
// replica once its watch delivers the change).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { BerthError } from '@berth/core';
import type { Caller } from '@berth/api';
import type { ServerContext } from '../context.js';
import type { AccessKeys } from '../auth/access-keys.js';
import { RateLimiter, type RateLimit } from '../fleet/rate-limit.js';
import { deleteConsoleSession, getConsoleSession, putConsoleSession, type ConsoleSessionRecord } from '../state/console-sessions.js';

export interface ConsoleSessionOptions {
  /** A session ends this long after sign-in (default 12 h). */
  ttlSeconds?: number;
  /** Sign-in attempts per source address, and from all together (default bursts of 5 then 1 every 2 s; 50 then 10/s). */
  signInRate?: { perSource?: RateLimit; overall?: RateLimit };
}

export const DEFAULT_CONSOLE_SESSION_SECONDS = 12 * 3600;

/** A signed-in request's session: who it acts as, and the CSRF token its mutating calls must carry. */
export interface ConsoleSession {
  id: string;
  record: ConsoleSessionRecord;
  caller: Extract<Caller, { kind: 'access-key' }>;
}

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export class ConsoleSessions {
  private readonly limiter: RateLimiter;
  readonly ttlSeconds: number;

  constructor(private readonly ctx: ServerContext, private readonly keys: Pick<AccessKeys, 'lookup'>, opts: ConsoleSessionOptions = {}) {
    this.ttlSeconds = opts.ttlSeconds ?? DEFAULT_CONSOLE_SESSION_SECONDS;
    this.limiter = new RateLimiter(opts.signInRate?.perSource ?? { burst: 5, perSecond: 0.5 }, opts.signInRate?.overall ?? { burst: 50, perSecond: 10 });
  }

  /** Checks the key (one answer for every failure: no oracle) and opens a session; `source` is the client's address. */
  async signIn(accessKeyId: unknown, secretAccessKey: unknown, source: string): Promise<ConsoleSession> {
    if (!this.limiter.take(source)) throw new BerthError('ThrottlingException', 'Too many sign-in attempts; wait a little and try again.');
    const key = typeof accessKeyId === 'string' ? await this.keys.lookup(accessKeyId) : undefined;
    if (!key || typeof secretAccessKey !== 'string' || !equal(key.secret, secretAccessKey)) {
      this.ctx.log.info('console sign-in refused', { source, ...(typeof accessKeyId === 'string' ? { accessKeyId: accessKeyId.slice(0, 128) } : {}) });
      throw new BerthError('UnrecognizedClientException', 'The access key id or secret is not valid.');
    }
    const id = randomBytes(32).toString('base64url');
    const now = Math.floor(this.ctx.now());
    const record: ConsoleSessionRecord = { accessKeyId: accessKeyId as string, userName: key.userName, csrfToken: randomBytes(24).toString('base64url'), createdAt: now, expiresAt: now + this.ttlSeconds };
    await putConsoleSession(this.ctx.store, id, record);
    this.ctx.log.info('console sign-in', { source, accessKeyId: record.accessKeyId, userName: record.userName });
    return { id, record, caller: { kind: 'access-key', accessKeyId: record.accessKeyId, userName: record.userName } };
  }

  /** The live session a cookie names, whose key is still active; undefined otherwise. */
  async resolve(id: string | undefined): Promise<ConsoleSession | undefined> {
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const record = await getConsoleSession(this.ctx.store, id, this.ctx.now());
    if (!record) return undefined;
    const key = await this.keys.lookup(record.accessKeyId);
    if (!key || key.userName !== record.userName) return undefined;
    return { id, record, caller: { kind: 'access-key', accessKeyId: record.accessKeyId, userName: record.userName } };
  }

  /** Whether a request's X-CSRF-Token is its session's. */
  csrfMatches(session: ConsoleSession, token: string | undefined): boolean {
    return token !== undefined && equal(session.record.csrfToken, token);
  }

  async signOut(session: ConsoleSession): Promise<void> {
    await deleteConsoleSession(this.ctx.store, session.id);
    this.ctx.log.info('console sign-out', { accessKeyId: session.record.accessKeyId, userName: session.record.userName });
  }

  /** In-memory entries (memory footprint): the sign-in rate limiter's buckets. */
  get size(): number {
    return this.limiter.size;
  }
}
