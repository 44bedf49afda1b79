// A store lease on an etcd3 Lease. We run the renewal loop ourselves (etcd3's own starts only at grant
// and cannot be started later), so keepAlive() can turn renewal on, and a lease that is not renewed
// still reports its expiry through onLost, as the file store's does.
import { EtcdLeaseInvalidError } from 'etcd3';
import type { Etcd3, Lease as Etcd3Lease } from 'etcd3';
import { performance } from 'node:perf_hooks';
import type { Lease } from './store.js';
import { mapError } from './etcd-convert.js';

export class EtcdLease implements Lease {
  private done = false;
  private lost = false;
  private readonly lostCallbacks: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  /** Monotonic time of the grant or last successful renewal. */
  private lastRenewal = performance.now();

  static async grant(
    client: Etcd3,
    hosts: string[],
    ttlSeconds: number,
    autoKeepAlive: boolean,
    onEnd: (l: EtcdLease) => void,
  ): Promise<EtcdLease> {
    // Always our TTL: etcd3's lease() has no default worth relying on. etcd may round a short TTL up
    // to its minimum (2 s with default election settings), never down.
    const lease = client.lease(ttlSeconds, { autoKeepAlive: false });
    let handle: EtcdLease | undefined;
    lease.on('lost', () => handle?.markLost());
    let id: string;
    try {
      id = await lease.grant();
    } catch (err) {
      throw mapError(err, hosts, 'grant lease');
    }
    handle = new EtcdLease(client, hosts, lease, id, ttlSeconds, autoKeepAlive, onEnd);
    return handle;
  }

  private constructor(
    private readonly client: Etcd3,
    private readonly hosts: string[],
    private readonly lease: Etcd3Lease,
    readonly id: string,
    readonly ttlSeconds: number,
    private auto: boolean,
    private readonly onEnd: (l: EtcdLease) => void,
  ) {
    this.schedule(this.nextCheckMs());
  }

  /** Renew at a third of the TTL (as etcd's Go client does); unrenewed, look again once it ran out. */
  private nextCheckMs(): number {
    return this.auto ? (this.ttlSeconds * 1000) / 3 : this.ttlSeconds * 1000 + 250;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (!this.done) this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.done) return;
    try {
      if (this.auto) {
        await this.lease.keepaliveOnce();
        this.lastRenewal = performance.now();
        this.schedule(this.nextCheckMs());
      } else {
        const res = await this.client.leaseClient.leaseTimeToLive({ ID: this.id });
        const left = Number(res.TTL);
        // -1: etcd no longer knows the lease. 0: expiring now (or revoked on etcd's next sweep).
        if (left < 0) this.markLost();
        else this.schedule(left * 1000 + 500);
      }
    } catch (err) {
      if (this.done) return;
      if (err instanceof EtcdLeaseInvalidError) return this.markLost();
      // etcd unreachable: keep trying until the TTL has surely run out since the last renewal.
      if (performance.now() - this.lastRenewal > this.ttlSeconds * 1000) return this.markLost();
      this.schedule(500);
    }
  }

  async keepAlive(): Promise<void> {
    if (this.done) throw new Error(`lease ${this.id} has expired or was revoked`);
    try {
      await this.lease.keepaliveOnce();
    } catch (err) {
      if (err instanceof EtcdLeaseInvalidError) {
        this.markLost();
        throw new Error(`lease ${this.id} has expired or was revoked`, { cause: err });
      }
      throw mapError(err, this.hosts, 'keep lease alive');
    }
    this.lastRenewal = performance.now();
    this.auto = true;
    this.schedule(this.nextCheckMs());
  }

  async revoke(): Promise<void> {
    if (this.done) return;
    this.stop();
    try {
      await this.lease.revoke();
    } catch (err) {
      throw mapError(err, this.hosts, 'revoke lease');
    }
  }

  onLost(cb: () => void): void {
    if (this.lost) setImmediate(cb);
    else this.lostCallbacks.push(cb);
  }

  private markLost(): void {
    if (this.done) return;
    this.lost = true;
    this.stop();
    for (const cb of this.lostCallbacks) setImmediate(cb);
  }

  /** Stops renewing (the lease then expires on etcd unless revoked). */
  stop(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.lease.release();
    this.onEnd(this);
  }
}
