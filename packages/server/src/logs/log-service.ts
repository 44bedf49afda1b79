// The log store as one replica serves it: opened from its URL (default: beside a file state store), claimed
// in the state store when it is embedded (several replicas are refused), and swept for retention.
import { defaultLogStoreUrl, openLogStore, type LogStore } from '@berth/log-store';
import type { Lease, Store } from '@berth/store';
import type { Logger } from '@berth/api';
import { claimEmbeddedLogStore } from '../state/log-store-owner.js';

export interface LogServiceOptions {
  /** `file:PATH`, `clickhouse://HOST:8123/DB`, or an open LogStore (tests). Default: beside a file state store. */
  logStore?: string | LogStore;
  /** How often expired events are removed (default every 10 minutes). */
  retentionSweepMs?: number;
}

export class LogService {
  private timer: NodeJS.Timeout | undefined;

  private constructor(readonly logs: LogStore, private readonly owns: boolean, private readonly lease: Lease | undefined, sweepMs: number, log: Logger) {
    this.timer = setInterval(() => {
      logs.enforceRetention().catch((e: unknown) => log.warn('log retention sweep failed', { error: String((e as Error)?.message ?? e) }));
    }, sweepMs);
    this.timer.unref();
  }

  /** Opens the log store; undefined when there is none to serve (an etcd state store without --log-store, a test's open Store). */
  static async start(store: Store, stateStoreUrl: string | undefined, replica: string, log: Logger, opts: LogServiceOptions): Promise<LogService | undefined> {
    const url = typeof opts.logStore === 'string' ? opts.logStore : opts.logStore === undefined && stateStoreUrl !== undefined ? defaultLogStoreUrl(stateStoreUrl) : undefined;
    if (url === undefined && opts.logStore === undefined && stateStoreUrl !== undefined) log.info('no log store: CloudWatch Logs is not served (a shared state store needs --log-store clickhouse://HOST:8123/DB)');
    const logs = typeof opts.logStore === 'object' ? opts.logStore : url !== undefined ? await openLogStore(url) : undefined;
    if (!logs) return undefined;
    let lease: Lease | undefined;
    // An embedded store opened here is claimed: a second replica on the same state store is refused.
    if (logs.kind === 'file' && url !== undefined) {
      try {
        lease = await claimEmbeddedLogStore(store, { replica, logStore: url ?? 'an embedded log store' }, 10);
      } catch (e) {
        await logs.close();
        throw e;
      }
    }
    log.info('log store open', { kind: logs.kind, ...(url ? { url } : {}) });
    return new LogService(logs, url !== undefined, lease, opts.retentionSweepMs ?? 600_000, log);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.lease?.revoke().catch(() => {});
    if (this.owns) await this.logs.close();
  }
}
