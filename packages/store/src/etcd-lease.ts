// A store lease on an etcd3 Lease. We run the renewal loop ourselves (etcd3's own starts only at grant
// and cannot be started later), so keepAlive() can turn renewal on, and a lease that is not renewed
// still reports its expiry through onLost, as the file store's does. Renewals of every lease of a store go
// over one LeaseKeepAlive stream (KeepAlives), as etcd's Go client sends them.
import { EtcdLeaseInvalidError, GRPCDeadlineExceededError, GRPCUnavailableError, castGrpcError } from 'etcd3';
import type { Etcd3, IDuplexStream, ILeaseKeepAliveRequest, ILeaseKeepAliveResponse, Lease as Etcd3Lease } from 'etcd3';
import { performance } from 'node:perf_hooks';
import type { Lease } from './store.js';
import { mapError } from './etcd-convert.js';

type KeepAliveStream = IDuplexStream<ILeaseKeepAliveRequest, ILeaseKeepAliveResponse>;
type Waiter = { resolve: (ttl: number) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };

/**
 * One LeaseKeepAlive stream for every lease of a store. etcd3's keepaliveOnce() opened a stream for each
 * renewal and closed it after the answer: a server with 1,000 agent sessions (a lease each, renewed every
 * 10 s) opened 100 gRPC streams a second. Over one stream a renewal cost etcd about 70 us instead of 120,
 * and this process about 30-60 us instead of 150-350 (docs/benchmarks.md, "etcdworker (session 13)").
 * etcd answers each request with the lease's ID and TTL (0: the lease is gone), in order; a renewal not
 * answered within the call deadline fails with a deadline error (keepaliveOnce waited forever on a
 * stalled or partitioned etcd), and the stream is ended and opened again for the next renewal.
 */
export class KeepAlives {
  private stream: Promise<KeepAliveStream> | undefined;
  /** Renewals sent and not answered yet, by lease ID, oldest first. */
  private readonly waiting = new Map<string, Waiter[]>();
  private closed = false;

  constructor(
    private readonly client: Etcd3,
    private readonly timeoutMs: number,
  ) {}

  /** Renews the lease once: its TTL left in seconds, 0 if etcd no longer has it. */
  async renew(id: string): Promise<number> {
    if (this.closed) throw new GRPCUnavailableError('the etcd store is closed');
    const opening = (this.stream ??= this.open());
    let stream: KeepAliveStream;
    try {
      stream = await opening;
    } catch (err) {
      if (this.stream === opening) this.stream = undefined;
      throw castGrpcError(err as Error);
    }
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          // No answer in time: this stream may be stuck (or etcd stalled). Fail what waits on it and
          // start afresh with the next renewal.
          if (this.stream === opening) this.drop(stream, new GRPCDeadlineExceededError(`lease keepalive: no answer within ${this.timeoutMs} ms`));
        }, this.timeoutMs),
      };
      const queue = this.waiting.get(id);
      if (queue) queue.push(waiter);
      else this.waiting.set(id, [waiter]);
      stream.write({ ID: id });
    });
  }

  private async open(): Promise<KeepAliveStream> {
    const stream = await this.client.leaseClient.leaseKeepAlive();
    stream.on('data', (res: ILeaseKeepAliveResponse) => {
      const id = String(res.ID);
      const queue = this.waiting.get(id);
      const waiter = queue?.shift();
      if (!waiter) return;
      if (queue!.length === 0) this.waiting.delete(id);
      clearTimeout(waiter.timer);
      waiter.resolve(Number(res.TTL));
    });
    stream.on('error', (err: Error) => this.drop(stream, castGrpcError(err)));
    stream.on('end', () => this.drop(stream, new GRPCUnavailableError('lease keepalive stream ended')));
    return stream;
  }

  /** Ends the stream (if it is still the current one) and fails every renewal waiting on it. */
  private drop(stream: KeepAliveStream, err: Error): void {
    void this.stream?.then((current) => {
      if (current !== stream) return;
      this.stream = undefined;
      // Ended first, so that etcd3 no longer counts an error of this stream against the host.
      stream.end();
      this.failWaiting(err);
    }, () => {});
  }

  /** Fails every renewal waiting for an answer. */
  private failWaiting(err: Error): void {
    const waiters = [...this.waiting.values()].flat();
    this.waiting.clear();
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }

  close(): void {
    this.closed = true;
    const stream = this.stream;
    this.stream = undefined;
    void stream?.then((s) => s.end(), () => {});
    this.failWaiting(new GRPCUnavailableError('the etcd store is closed'));
  }
}

export class EtcdLease implements Lease {
  private done = false;
  private lost = false;
  private readonly lostCallbacks: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  /** Monotonic time of the grant or last successful renewal. */
  private lastRenewal = performance.now();

  static async grant(
    client: Etcd3,
    keepAlives: KeepAlives,
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
    handle = new EtcdLease(client, keepAlives, hosts, lease, id, ttlSeconds, autoKeepAlive, onEnd);
    return handle;
  }

  private constructor(
    private readonly client: Etcd3,
    private readonly keepAlives: KeepAlives,
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
        await this.renewOnce();
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
      await this.renewOnce();
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

  /** One renewal over the store's keepalive stream; a lease etcd no longer has throws EtcdLeaseInvalidError. */
  private async renewOnce(): Promise<void> {
    const ttl = await this.keepAlives.renew(this.id);
    if (ttl <= 0) throw new EtcdLeaseInvalidError(this.id);
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
