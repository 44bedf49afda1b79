// A token bucket per source address (and one for all of them): what keeps the join endpoint from being a
// secret-guessing oracle. Buckets of quiet sources are dropped, so the map stays small.
export interface RateLimit {
  /** Requests a burst may make. */
  burst: number;
  /** Requests per second sustained. */
  perSecond: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly perSource: RateLimit, private readonly overall: RateLimit, private readonly now = () => Date.now()) {}

  /** Takes one request's token from the source's bucket and the overall one; false when either is empty. */
  take(source: string): boolean {
    const t = this.now();
    if (this.buckets.size > 10_000) this.sweep(t);
    const src = this.fill(source, this.perSource, t);
    const all = this.fill('*', this.overall, t);
    if (src.tokens < 1 || all.tokens < 1) return false;
    src.tokens--;
    all.tokens--;
    return true;
  }

  private fill(key: string, limit: RateLimit, t: number): { tokens: number; at: number } {
    const b = this.buckets.get(key) ?? { tokens: limit.burst, at: t };
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
    b.at = t;
    this.buckets.set(key, b);
    return b;
  }

  private sweep(t: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((t - b.at) / 1000) * this.perSource.perSecond >= this.perSource.burst) this.buckets.delete(k);
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** The host part of a gRPC peer (`10.0.0.2:4711`, `[::1]:4711`, `ipv4:...`). */
export function peerHost(peer: string): string {
  const p = peer.replace(/^ipv[46]:/, '');
  const m = /^\[([^\]]+)\]:\d+$/.exec(p) ?? /^([^:]+):\d+$/.exec(p);
  return m ? m[1]! : p;
}
