// How long ago a caller made a call, as the server reads it. Under an open flood the backlog builds before
// any call reaches the admission gate (socket buffers, TLS, HTTP/2 framing, the client's own queue), so a
// call can be read tens of seconds after it was made, past its caller's deadline, while the event loop
// itself keeps turning: the loop's lag does not show it, and the gate admitted such calls, served them
// late and the callers' deadline resets closed the connection (admission.ts). A signed call carries the
// time it was signed (x-amz-date, whole seconds). Clients' clocks differ from the server's (signatures
// allow 5 minutes), so the age is the call's offset (server time − signed time) beyond the smallest offset
// seen from the same connection lately: the freshest calls of that connection define "no wait".
const WINDOW_MS = 60_000;

interface Baseline {
  /** The smallest offset of the current window, and of the one before (a clock set back is forgotten). */
  min: number;
  prevMin: number;
  since: number;
}

/** SigV4's x-amz-date (YYYYMMDDTHHMMSSZ) as epoch ms, or undefined when it is not one. */
export function parseAmzDate(s: string | undefined): number | undefined {
  const m = s === undefined ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

export class CallAges {
  private readonly byPeer = new Map<string, Baseline>();
  private sweptAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.sweptAt = now();
  }

  /** How long (ms) before now a call from `peer` (a connection) signed at `signedAtMs` was made, as far as can be told. */
  age(peer: string, signedAtMs: number): number {
    const now = this.now();
    const offset = now - signedAtMs;
    let b = this.byPeer.get(peer);
    if (!b || now - b.since >= 2 * WINDOW_MS) {
      b = { min: offset, prevMin: offset, since: now };
      this.byPeer.set(peer, b);
    } else if (now - b.since >= WINDOW_MS) {
      b.prevMin = b.min;
      b.min = offset;
      b.since = now;
    } else if (offset < b.min) {
      b.min = offset;
    }
    if (now - this.sweptAt >= WINDOW_MS) this.sweep(now);
    return Math.max(0, offset - Math.min(b.min, b.prevMin));
  }

  /** Connections not heard from for two windows are forgotten. */
  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [peer, b] of this.byPeer) if (now - b.since >= 2 * WINDOW_MS) this.byPeer.delete(peer);
  }

  get size(): number {
    return this.byPeer.size;
  }
}
