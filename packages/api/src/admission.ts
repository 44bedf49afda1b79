// How many calls a server works on at once, and what the rest get. A server that takes every call as it
// comes, more than it can serve, falls further behind until clients give up at their deadlines: each gives
// up by resetting its HTTP/2 stream, and past a burst of 1,000 resets nghttp2's rapid-reset guard
// (CVE-2023-44487, 33 resets/s after the burst, not configurable in Node 20) closes the whole connection
// with INTERNAL_ERROR, failing every call on it ("Session closed with error code 2"). So calls past
// maxInFlight wait in order, at most maxQueued of them and for at most maxWaitMs, and the others are
// answered at once with the AWS front end's ThrottlingException (gRPC RESOURCE_EXHAUSTED), which SDKs
// back off from and retry: under overload a caller gets a bounded wait or a clear refusal.
//
// Counting calls is not enough on one event loop: past its capacity the backlog builds before any call
// reaches the gate (socket buffers, TLS and HTTP/2 framing), each call is admitted as it is finally read,
// already late, and nothing is ever refused. So the gate also reads the loop (event-loop-load.ts): while
// it runs later than maxLagMs busy with calls, or is saturated with calls already waiting, API calls are
// refused at once, which costs little, so the loop catches up and the calls it admits are answered in
// time. Machines' calls (agents' and other components' certificates, joins) are never refused for load:
// they are the work being done, and an agent refused its session would only come back.
import { BerthError } from '@berth/core';
import { IDLE, type LoadSignals } from './event-loop-load.js';

export interface AdmissionLimits {
  /** Calls worked on at once. */
  maxInFlight: number;
  /** Calls waiting for a turn; one more is refused at once. */
  maxQueued: number;
  /** How long a call waits for its turn before it is refused. */
  maxWaitMs: number;
  /** An API call arriving while the event loop runs later than this is refused. */
  maxLagMs: number;
  /** An API call that arrives this long after its caller made it (call-age.ts) is refused. */
  maxAgeMs: number;
  /** An API call that would wait while the loop is busier than this share of its time is refused. */
  maxUtilization: number;
}

/**
 * Generous enough for a thousand agents registering at once; well inside clients' 30 s deadlines. Fewer
 * calls at once (64, with a 500 ms wait) shortened the store's queue and admitted RunTasks' time in the
 * API scenario, but served fewer calls a second in most back-to-back pairs on a loaded machine
 * (docs/benchmarks.md, session 11): --max-calls and --max-call-wait set them.
 */
export const DEFAULT_ADMISSION: AdmissionLimits = { maxInFlight: 256, maxQueued: 4096, maxWaitMs: 1000, maxLagMs: 300, maxAgeMs: 5000, maxUtilization: 0.97 };

/** Who calls, as admission sees it: machines' calls are never refused for load. */
export type CallClass = 'api' | 'machine';

/**
 * Below this many API calls in the last second, a late loop is not their doing (a start-up, a collection,
 * a machine short of CPU): a lone call is admitted however late the loop runs.
 */
export const SHEDDING_RATE = 20;
/**
 * A late loop that has mostly been waiting is late because the machine gave it no CPU (other processes),
 * not because of its calls: refusing them would not help it catch up. Lag sheds only a loop busier than this.
 */
export const BUSY_SHARE = 0.5;

/** What the gate decides on, besides its limits. */
export interface AdmissionState extends LoadSignals {
  class: CallClass;
  /** API calls that arrived in about the last second, this one included. */
  arrivals: number;
  /** Calls being worked on. */
  running: number;
  /** Calls waiting for a turn. */
  waiting: number;
  /** How long before its arrival the caller made the call, when the transport can tell (call-age.ts). */
  ageMs?: number;
}

export type AdmissionDecision = { verdict: 'admit' } | { verdict: 'wait' } | { verdict: 'refuse'; why: string };

/** The gate's one decision for an arriving call (pure: table-tested). */
export function decideAdmission(s: AdmissionState, l: AdmissionLimits): AdmissionDecision {
  if (s.class === 'machine') return { verdict: 'admit' };
  // Read this late by a server busy with calls, the call sat in a backlog the loop's lag does not show:
  // serving it would only make the calls behind it as late, and its caller may have given up already. (A
  // calm server admits it: a large request over a slow link is old by the time it has all arrived.)
  const busyWithCalls = s.arrivals >= SHEDDING_RATE && s.utilization >= BUSY_SHARE;
  if (s.ageMs !== undefined && s.ageMs > l.maxAgeMs && busyWithCalls) return { verdict: 'refuse', why: `the call reached it ${Math.round(s.ageMs / 1000)} s after it was made` };
  if (s.lagMs > l.maxLagMs && busyWithCalls) return { verdict: 'refuse', why: `the server is ${Math.round(s.lagMs)} ms behind` };
  if (s.running < l.maxInFlight && s.waiting === 0) return { verdict: 'admit' };
  if (s.utilization >= l.maxUtilization) return { verdict: 'refuse', why: `the server is busy ${Math.round(s.utilization * 100)}% of its time with ${s.waiting} calls waiting` };
  if (s.waiting >= l.maxQueued) return { verdict: 'refuse', why: `${l.maxQueued} calls are already waiting` };
  return { verdict: 'wait' };
}

interface Waiter {
  admit(): void;
  since: number;
  timer: NodeJS.Timeout;
  refuse(e: BerthError): void;
}

export class AdmissionGate {
  private inFlight = 0;
  /** In arrival order (at most maxQueued: shift and splice stay cheap). */
  private readonly queue: Waiter[] = [];
  /** Calls refused so far (load, queue full or waited too long). */
  refused = 0;
  /** API calls arrived in the current second and in the one before (a sliding estimate of the rate). */
  private arrived = { since: performance.now(), now: 0, before: 0 };

  /** `load`: the event loop's signals (an EventLoopLoad's); without, the loop is taken to keep up. */
  constructor(readonly limits: AdmissionLimits = DEFAULT_ADMISSION, private readonly load: () => LoadSignals = () => IDLE) {}

  /** Resolves to the call's release (call it once when the call is answered), or throws ThrottlingException. */
  async admit(cls: CallClass = 'api', ageMs?: number): Promise<() => void> {
    const d = decideAdmission({
      class: cls, arrivals: cls === 'api' ? this.arrival() : 0, running: this.inFlight, waiting: this.waiting, ...this.load(), ...(ageMs !== undefined ? { ageMs } : {}),
    }, this.limits);
    if (d.verdict === 'refuse') throw this.refuse(d.why);
    if (d.verdict === 'admit') {
      this.inFlight++;
      return this.release();
    }
    await new Promise<void>((resolve, reject) => {
      const w: Waiter = {
        admit: () => {
          clearTimeout(w.timer);
          resolve();
        },
        since: performance.now(),
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(w), 1);
          reject(this.refuse(`no turn within ${this.limits.maxWaitMs} ms`));
        }, this.limits.maxWaitMs),
        refuse: (e) => {
          clearTimeout(w.timer);
          reject(e);
        },
      };
      this.queue.push(w);
    });
    return this.release();
  }

  /** Counts an API call's arrival; returns the calls of about the last second. */
  private arrival(): number {
    this.rate();
    this.arrived.now++;
    return this.rate();
  }

  /** The API calls of about the last second. */
  private rate(): number {
    const a = this.arrived;
    const now = performance.now();
    if (now - a.since >= 1000) {
      a.before = now - a.since >= 2000 ? 0 : a.now;
      a.now = 0;
      a.since = now - ((now - a.since) % 1000);
    }
    return a.now + a.before * (1 - (now - a.since) / 1000);
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
      // A late loop fires the waiters' timers late too: a call that has already waited its bound is
      // refused here rather than given the turn.
      let next = this.queue.shift();
      while (next && performance.now() - next.since > this.limits.maxWaitMs) {
        next.refuse(this.refuse(`no turn within ${this.limits.maxWaitMs} ms`));
        next = this.queue.shift();
      }
      // The turn passes straight to the next waiter: inFlight stays as it is.
      if (next) next.admit();
      else this.inFlight--;
    };
  }

  private refuse(why: string): BerthError {
    this.refused++;
    return new BerthError('ThrottlingException', `Rate exceeded: the server is at its limit (${why}); retry with backoff.`);
  }
}
