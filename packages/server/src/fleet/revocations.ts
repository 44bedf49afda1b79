// Revoked component certificates reach every replica's open streams: each replica watches the certificate
// records (state/certificates.ts) and has the streams of a certificate revoked or gone cut (calls and new
// streams are refused anyway: each reads the record, fleet/certificate-callers.ts). When the watch fails it
// starts again, and every open stream's certificate is checked, so a revocation landed meanwhile is not
// missed.
import { CompactedError, type Watch } from '@berth/store';
import type { ServerContext } from '../context.js';
import { CERTIFICATES_PREFIX, getCertificate, type CertificateRecord } from '../state/certificates.js';
import { decode, lastSegment } from '../state/kit.js';

/** What holds streams opened with a component certificate (EventStreams). */
export interface CertificateStreams {
  cutRevoked(revoked: (serial: string) => Promise<boolean>): Promise<void>;
}

export class CertificateRevocations {
  private watch?: Watch;
  private stopped = false;
  /** A restart under way, its check of the open streams included (stop waits for it). */
  private restarting?: Promise<void>;

  constructor(private readonly ctx: ServerContext, private readonly streams: CertificateStreams) {}

  async start(): Promise<void> {
    const revision = await this.ctx.store.revision();
    this.watch = await this.ctx.store.watch(CERTIFICATES_PREFIX, {
      onEvents: (events) => {
        const gone = new Set<string>();
        for (const e of events) {
          if (e.type === 'delete') gone.add(lastSegment(e.key));
          else if (decode<CertificateRecord>(e.kv).revokedAt !== undefined) gone.add(lastSegment(e.kv.key));
        }
        if (gone.size > 0) void this.cut(async (serial) => gone.has(serial));
      },
      onError: (err) => {
        if (this.stopped) return;
        if (!(err instanceof CompactedError)) this.ctx.log.warn('certificate watch failed; watching again', { error: err.message });
        void this.watch?.cancel().catch(() => {});
        this.restart(250);
      },
    }, { fromRevision: revision + 1 });
    if (this.stopped) await this.watch.cancel().catch(() => {});
  }

  private cut(revoked: (serial: string) => Promise<boolean>): Promise<void> {
    return this.streams.cutRevoked(revoked).catch((e) => this.ctx.log.warn('cutting revoked certificates\' streams failed', { error: String((e as Error)?.message ?? e) }));
  }

  /** Watches again (retrying while the store does not answer), then checks every open stream's certificate. */
  private restart(delayMs: number): void {
    setTimeout(() => {
      if (this.stopped) return;
      this.restarting = this.start().then(
        () => {
          if (this.stopped) return;
          return this.cut(async (serial) => {
            const rec = await getCertificate(this.ctx.store, serial);
            return !rec || rec.value.revokedAt !== undefined;
          });
        },
        () => {
          if (!this.stopped) this.restart(Math.min(10_000, delayMs * 2));
        },
      ).finally(() => {
        this.restarting = undefined;
      });
    }, delayMs).unref();
  }

  /** Resolves once nothing it started runs: a restart under way (which then cancels its watch), the watch. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.restarting;
    await this.watch?.cancel().catch(() => {});
  }
}
