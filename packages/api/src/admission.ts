// How many calls a server works on at once, and what the rest get. A server that takes every call as it
// comes, more than it can serve, falls further behind until clients give up at their deadlines: each gives
// up by resetting its HTTP/2 stream, and past a burst of 1,000 resets nghttp2's rapid-reset guard
// (CVE-2023-44487, 33 resets/s after the burst, not configurable in Node 20) closes the whole connection
// with INTERNAL_ERROR, failing every call on it ("Session closed with error code 2"). So calls past a
// lane's limit wait in order, at most maxQueued of them and for at most maxWaitMs, and the others are
// answered at once with the AWS front end's ThrottlingException (gRPC RESOURCE_EXHAUSTED), which SDKs
// back off from and retry: under overload a caller gets a bounded wait or a clear refusal.
//
// Lanes, as Kubernetes' API server has them (`--max-mutating-requests-inflight` beside
// `--max-requests-inflight`, and API Priority and Fairness' levels, each with its own concurrency and
// queue): mutating calls (RunTask, StopTask, Register..., everything that is not a read) and read-only
// ones (Describe*, List*, Get*...) are counted and queued apart, so a flood of reads takes the read
// lane's turns and queue, never a RunTask's. Machines' calls (agents' and other components'
// certificates, joins) are APF's exempt level: never counted, never refused for load; they are the work
// being done, and an agent refused would only come back. (Agents' streams do not pass the gate at all.)
//
// Counting calls is not enough on one event loop: past its capacity the backlog builds before any call
// reaches the gate (socket buffers, TLS and HTTP/2 framing), each call is admitted as it is finally read,
// already late, and nothing is ever refused. So the gate also reads the loop (event-loop-load.ts): while
// it runs later than maxLagMs busy with calls, read-only calls are refused at once, and mutating calls
// too once their own lane is full; a saturated loop refuses calls that would wait. And a call is never
// served late (lateness): one read more than maxAgeMs after its caller made it (call-age.ts), or whose
// caller's deadline has passed, is refused when it arrives, when its turn comes and when its handler
// would start, while the server is busy with calls.
import { BerthError } from '@berth/core';
import { IDLE, type LoadSignals } from './event-loop-load.js';

/** An API call's lane: its own calls at once and its own queue. */
export type Lane = 'mutating' | 'read-only';

export interface AdmissionLimits {
  /** Mutating API calls worked on at once (Kubernetes' --max-mutating-requests-inflight). */
  maxMutatingInFlight: number;
  /** Read-only API calls worked on at once (Kubernetes' --max-requests-inflight). */
  maxReadInFlight: number;
  /** Calls waiting for a turn in each lane; one more is refused at once. */
  maxQueued: number;
  /** How long a call waits for its turn before it is refused. */
  maxWaitMs: number;
  /** A read-only call arriving while the event loop runs later than this is refused (a mutating one when its lane is full). */
  maxLagMs: number;
  /** An API call read (or still waiting) this long after its caller made it (call-age.ts) is refused. */
  maxAgeMs: number;
  /** An API call that would wait while the loop is busier than this share of its time is refused. */
  maxUtilization: number;
}

/**
 * 64 mutating calls at once: session 11's runs found the calls at once set the store's queue, and every
 * admitted call waits in it several times (256 at once: ~250 ms a round trip; 64: 30-150 ms); 64 gave the
 * lowest RunTask p99 of every pair, and the placement scenario places as fast with 12 RunTasks in flight
 * as with 48 (placement batches them). 32 read-only calls: a read is one or two store reads of a
 * millisecond or so, so 32 at once serve thousands a second, and each read in flight is a store call that
 * a RunTask's reads and commit queue behind (the worker store answers in order): the read lane is kept
 * the smaller. A 500 ms wait: a mutating call that waited a second for its turn has missed a 1 s p99
 * before its work starts. --max-mutating-calls, --max-read-calls, --max-queued-calls and --max-call-wait
 * set them.
 */
export const DEFAULT_ADMISSION: AdmissionLimits = {
  maxMutatingInFlight: 64, maxReadInFlight: 32, maxQueued: 4096, maxWaitMs: 500, maxLagMs: 300, maxAgeMs: 5000, maxUtilization: 0.97,
};

/** Who calls, as admission sees it: machines' calls are never counted nor refused for load. */
export type CallClass = 'api' | 'machine';

/**
 * The verbs of the read-only actions of the models Berth serves (what AWS's ReadOnlyAccess policy grants:
 * Describe*, Get*, List*, ...; Kubernetes' get, list and watch). Every other action mutates, and so does
 * a call whose action is not known when it takes its turn.
 */
const READ_ONLY = /^(Describe|Get|List|BatchGet|Filter|Discover|Test|Simulate|Validate|Decode)(?![a-z])/;

/** The lane of an action by its name (`RunTask` mutating, `DescribeTasks` read-only; unknown: mutating). */
export function laneOf(action: string | undefined): Lane {
  return action !== undefined && READ_ONLY.test(action) ? 'read-only' : 'mutating';
}

/**
 * Below this many API calls in the last second, a late loop or an old call is not their doing (a start-up,
 * a collection, a machine short of CPU, a large request over a slow link): a lone call is admitted however
 * late the loop runs or the call arrives.
 */
export const SHEDDING_RATE = 20;
/**
 * A late loop that has mostly been waiting is late because the machine gave it no CPU (other processes),
 * not because of its calls: refusing them would not help it catch up. Lag sheds only a loop busier than this.
 */
export const BUSY_SHARE = 0.5;

/** What a call brings to the gate. */
export interface Ticket {
  class: CallClass;
  /** Absent: mutating. */
  lane?: Lane;
  /** How long before its arrival the caller made the call, when the transport can tell (call-age.ts). */
  ageMs?: number;
  /** When the caller gives up on it (epoch ms: gRPC's deadline), when it said. */
  deadline?: number;
}

/** What the gate decides on, besides its limits. */
export interface AdmissionState extends LoadSignals {
  class: CallClass;
  lane: Lane;
  /** API calls that arrived in about the last second (either lane), this one included. */
  arrivals: number;
  /** Calls of the call's lane being worked on. */
  running: number;
  /** Calls of the call's lane waiting for a turn. */
  waiting: number;
  /** How long before now the caller made the call, when the transport can tell (call-age.ts). */
  ageMs?: number;
  /** How long before the caller's deadline, when it has one (≤ 0: passed). */
  leftMs?: number;
}

export type AdmissionDecision = { verdict: 'admit' } | { verdict: 'wait'; forMs: number; why: string } | { verdict: 'refuse'; why: string };

/** What lateness reads (a subset of AdmissionState). */
export type Timeliness = Pick<AdmissionState, 'class' | 'arrivals' | 'ageMs' | 'leftMs'>;

/**
 * Why a call may no longer be served, or undefined (pure): its caller's deadline has passed (it has given
 * up), or, on a server busy with calls, it was made more than maxAgeMs ago. The same rule at its arrival,
 * at its turn and when its handler would start: what it has waited counts wherever it waited. (A calm
 * server serves an old call: a large request over a slow link is old by the time it has all arrived.)
 */
export function lateness(s: Timeliness, l: AdmissionLimits): string | undefined {
  if (s.class === 'machine') return undefined;
  if (s.leftMs !== undefined && s.leftMs <= 0) return `its caller's deadline passed ${Math.round(-s.leftMs)} ms ago`;
  if (s.ageMs !== undefined && s.ageMs > l.maxAgeMs && s.arrivals >= SHEDDING_RATE) return `the call was made ${Math.round(s.ageMs / 1000)} s ago`;
  return undefined;
}

/** The gate's one decision for an arriving call (pure: table-tested). */
export function decideAdmission(s: AdmissionState, l: AdmissionLimits): AdmissionDecision {
  if (s.class === 'machine') return { verdict: 'admit' };
  const late = lateness(s, l);
  if (late) return { verdict: 'refuse', why: late };
  const limit = s.lane === 'mutating' ? l.maxMutatingInFlight : l.maxReadInFlight;
  const laneFull = s.running >= limit || s.waiting > 0;
  // A loop late with calls' work: reads are shed first (they are most of a flood, and cheap to retry); a
  // mutating call is admitted while its own lane has room, so a flood of reads cannot refuse a RunTask.
  const busyWithCalls = s.arrivals >= SHEDDING_RATE && s.utilization >= BUSY_SHARE;
  if (s.lagMs > l.maxLagMs && busyWithCalls && (s.lane === 'read-only' || laneFull)) return { verdict: 'refuse', why: `the server is ${Math.round(s.lagMs)} ms behind` };
  if (!laneFull) return { verdict: 'admit' };
  if (s.utilization >= l.maxUtilization) return { verdict: 'refuse', why: `the server is busy ${Math.round(s.utilization * 100)}% of its time with ${s.waiting} ${s.lane} calls waiting` };
  if (s.waiting >= l.maxQueued) return { verdict: 'refuse', why: `${l.maxQueued} ${s.lane} calls are already waiting` };
  // It waits at most maxWaitMs, and never past its deadline or its age bound.
  let forMs = l.maxWaitMs;
  let why = `no turn within ${l.maxWaitMs} ms`;
  if (s.leftMs !== undefined && s.leftMs < forMs) [forMs, why] = [s.leftMs, 'no turn before its caller\'s deadline'];
  if (s.ageMs !== undefined && s.arrivals >= SHEDDING_RATE && l.maxAgeMs - s.ageMs < forMs) [forMs, why] = [l.maxAgeMs - s.ageMs, `no turn within ${l.maxAgeMs / 1000} s of the call's making`];
  return { verdict: 'wait', forMs: Math.max(0, forMs), why };
}

interface Waiter {
  admit(): void;
  /** performance.now() past which it may no longer have a turn. */
  until: number;
  why: string;
  timer: NodeJS.Timeout;
  refuse(e: BerthError): void;
}

interface LaneState {
  inFlight: number;
  /** In arrival order (at most maxQueued: shift and splice stay cheap). */
  queue: Waiter[];
}

export class AdmissionGate {
  private readonly lanes: Record<Lane, LaneState> = { mutating: { inFlight: 0, queue: [] }, 'read-only': { inFlight: 0, queue: [] } };
  /** Machines' calls being worked on (never limited). */
  private exempt = 0;
  /** Calls refused so far (load, lateness, queue full or waited too long). */
  refused = 0;
  /** API calls arrived in the current second and in the one before (a sliding estimate of the rate). */
  private arrived = { since: performance.now(), now: 0, before: 0 };

  /** `load`: the event loop's signals (an EventLoopLoad's); without, the loop is taken to keep up. */
  constructor(readonly limits: AdmissionLimits = DEFAULT_ADMISSION, private readonly load: () => LoadSignals = () => IDLE) {}

  /** Resolves to the call's release (call it once when the call is answered), or throws ThrottlingException. */
  async admit(t: Ticket = { class: 'api' }): Promise<() => void> {
    if (t.class === 'machine') {
      this.exempt++;
      let done = false;
      return () => {
        if (!done) this.exempt--;
        done = true;
      };
    }
    const lane = this.lanes[t.lane ?? 'mutating'];
    const d = decideAdmission({
      class: t.class, lane: t.lane ?? 'mutating', arrivals: this.arrival(), running: lane.inFlight, waiting: lane.queue.length, ...this.load(),
      ...(t.ageMs !== undefined ? { ageMs: t.ageMs } : {}), ...(t.deadline !== undefined ? { leftMs: t.deadline - Date.now() } : {}),
    }, this.limits);
    if (d.verdict === 'refuse') throw this.refuse(d.why);
    if (d.verdict === 'admit') {
      lane.inFlight++;
      return this.release(lane);
    }
    await new Promise<void>((resolve, reject) => {
      const w: Waiter = {
        admit: () => {
          clearTimeout(w.timer);
          resolve();
        },
        until: performance.now() + d.forMs,
        why: d.why,
        timer: setTimeout(() => {
          lane.queue.splice(lane.queue.indexOf(w), 1);
          reject(this.refuse(d.why));
        }, d.forMs),
        refuse: (e) => {
          clearTimeout(w.timer);
          reject(e);
        },
      };
      lane.queue.push(w);
    });
    return this.release(lane);
  }

  /**
   * The refusal of an admitted call that may no longer be served (lateness), asked when its handler would
   * start: what it waited after its turn (authentication, authorization) counts too. `t.ageMs` is its age
   * at arrival, `arrivedAt` the performance.now() of its arrival. Undefined: serve it.
   */
  lateRefusal(t: Ticket, arrivedAt: number): BerthError | undefined {
    if (t.class === 'machine' || (t.ageMs === undefined && t.deadline === undefined)) return undefined;
    const why = lateness({
      class: t.class, arrivals: this.rate(),
      ...(t.ageMs !== undefined ? { ageMs: t.ageMs + performance.now() - arrivedAt } : {}), ...(t.deadline !== undefined ? { leftMs: t.deadline - Date.now() } : {}),
    }, this.limits);
    return why === undefined ? undefined : this.refuse(why);
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

  /** Calls waiting for a turn, in a lane or in both. */
  waiting(lane?: Lane): number {
    return lane ? this.lanes[lane].queue.length : this.lanes.mutating.queue.length + this.lanes['read-only'].queue.length;
  }

  /** Calls being worked on, in a lane, or in all (machines' included). */
  running(lane?: Lane): number {
    return lane ? this.lanes[lane].inFlight : this.lanes.mutating.inFlight + this.lanes['read-only'].inFlight + this.exempt;
  }

  private release(lane: LaneState): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      // A late loop fires the waiters' timers late too: a call past its bound is refused here rather than
      // given the turn.
      let next = lane.queue.shift();
      while (next && performance.now() > next.until) {
        next.refuse(this.refuse(next.why));
        next = lane.queue.shift();
      }
      // The turn passes straight to the next waiter of the lane: its count stays as it is.
      if (next) next.admit();
      else lane.inFlight--;
    };
  }

  private refuse(why: string): BerthError {
    this.refused++;
    return new BerthError('ThrottlingException', `Rate exceeded: the server is at its limit (${why}); retry with backoff.`);
  }
}
