// Renews the machine's certificate before it expires: at two thirds of its remaining life the agent makes
// a new key, asks for a certificate for it (authenticated by the current one), keeps both in ECS_DATADIR
// and hands them to the session, which opens its new connection before closing the old one.
import type { ChannelTls, Logger } from '@berth/api';
import { BerthClient } from '@berth/api/client.js';
import { agentApiService } from '@berth/api/agent-protos.js';
import { FLEET_API } from '@berth/core/fleet-api.js';
import { certificateNotAfter, newMachineKey, saveMachineCredentials, type MachineCredentials } from './machine-credentials.js';
import { backoffDelay } from './session.js';

export interface RenewalOptions {
  servers: string[];
  dataDir: string;
  credentials: MachineCredentials;
  log: Logger;
  /** The renewed credentials, saved: the session rotates to them. */
  onRenewed(tls: ChannelTls): void;
  now?: () => number;
}

/** When to renew a certificate valid until `notAfter` (epoch ms): two thirds of the way there. */
export function renewAt(notAfter: number, now: number): number {
  return now + Math.max(0, (notAfter - now) * (2 / 3));
}

export class CertificateRenewal {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private creds: MachineCredentials;

  constructor(private readonly opts: RenewalOptions) {
    this.creds = opts.credentials;
  }

  start(): void {
    const now = (this.opts.now ?? Date.now)();
    this.schedule(renewAt(certificateNotAfter(this.creds.certPem), now) - now, 0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number, attempt: number): void {
    if (this.stopped) return;
    // setTimeout's limit is 2^31-1 ms (24.8 days): a longer wait is taken in steps.
    const step = Math.min(delayMs, 2 ** 31 - 1);
    this.timer = setTimeout(() => (step < delayMs ? this.schedule(delayMs - step, attempt) : void this.renew(attempt)), step);
    this.timer.unref();
  }

  private async renew(attempt: number): Promise<void> {
    const key = newMachineKey();
    const client = new BerthClient(this.opts.servers, { tls: this.creds, protos: agentApiService });
    try {
      const res = (await client.callApi(FLEET_API, 'RenewCertificate', { publicKey: key.publicKeyPem })) as { certificate: string };
      if (this.stopped) return;
      this.creds = { ...this.creds, keyPem: key.keyPem, certPem: res.certificate };
      saveMachineCredentials(this.opts.dataDir, this.creds);
      const notAfter = certificateNotAfter(this.creds.certPem);
      this.opts.log.info('certificate renewed', { notAfter: new Date(notAfter).toISOString() });
      this.opts.onRenewed(this.creds);
      const now = (this.opts.now ?? Date.now)();
      this.schedule(renewAt(notAfter, now) - now, 0);
    } catch (e) {
      const delay = backoffDelay(attempt, 1000, 60_000);
      this.opts.log.warn('certificate renewal failed; retrying', { error: (e as Error).message, retryInMs: delay });
      this.schedule(delay, attempt + 1);
    } finally {
      client.close();
    }
  }
}
