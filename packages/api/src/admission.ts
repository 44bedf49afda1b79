// How many calls a server works on at once, and what the rest get. A server that takes every call as it
// comes, more than it can serve, falls further behind until clients give up at their deadlines: each gives
// up by resetting its HTTP/2 stream, and past a burst of 1,000 resets nghttp2's rapid-reset guard
// (CVE-2023-44487, 33 resets/s after the burst, not configurable in Node 20) closes the whole connection
// with INTERNAL_ERROR, failing every call on it ("Session closed with error code 2"). So calls past
// maxInFlight wait in order, at most maxQueued of them and for at most maxWaitMs, and the others are
// answered at once with the AWS front end's ThrottlingException (gRPC RESOURCE_EXHAUSTED), which SDKs
// back off from and retry: under overload a caller gets a bounded wait or a clear refusal.
import { BerthError } from '@berth/core';

export interface AdmissionLimits {
  /** Calls worked on at once. */
  maxInFlight: number;
  /** Calls waiting for a turn; one more is refused at once. */
  maxQueued: number;
  /** How long a call waits for its turn before it is refused. */
  maxWaitMs: number;
}

/** Generous enough for a thousand agents registering at once; well inside clients' 30 s deadlines. */
export const DEFAULT_ADMISSION: AdmissionLimits = { maxInFlight: 512, maxQueued: 4096, maxWaitMs: 5000 };

interface Waiter {
  admit(): void;
  timer: NodeJS.Timeout;
}

export class AdmissionGate {
  private inFlight = 0;
  /** In arrival order (at most maxQueued: shift and splice stay cheap). */
  private readonly queue: Waiter[] = [];
  /** Calls refused so far (queue full or waited too long). */
  refused = 0;

  constructor(readonly limits: AdmissionLimits = DEFAULT_ADMISSION) {}

  /** Resolves to the call's release (call it once when the call is answered), or throws ThrottlingException. */
  async admit(): Promise<() => void> {
    if (this.inFlight < this.limits.maxInFlight && this.waiting === 0) {
      this.inFlight++;
      return this.release();
    }
    if (this.waiting >= this.limits.maxQueued) throw this.refuse(`${this.limits.maxQueued} calls are already waiting`);
    await new Promise<void>((resolve, reject) => {
      const w: Waiter = {
        admit: () => {
          clearTimeout(w.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(w), 1);
          reject(this.refuse(`no turn within ${this.limits.maxWaitMs} ms`));
        }, this.limits.maxWaitMs),
      };
      this.queue.push(w);
    });
    return this.release();
  }

  get waiting(): number {
    return this.queue.length;
  }

  get running(): number {
    return this.inFlight;
  }

  private release(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      // The turn passes straight to the next waiter: inFlight stays as it is.
      if (next) next.admit();
      else this.inFlight--;
    };
  }

  private refuse(why: string): BerthError {
    this.refused++;
    return new BerthError('ThrottlingException', `Rate exceeded: the server is at its limit of ${this.limits.maxInFlight} calls at once (${why}); retry with backoff.`);
  }
}
