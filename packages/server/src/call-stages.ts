// Where a unary call's time in the server goes, stage by stage, as histograms (issue 14 §3: what the
// API-latency scenario's calls wait for). Every call: `gate` (arrival to its turn at the admission gate),
// `work` (turn to answer) and `total`; a RunTask also: `auth` (turn to its handler: authentication,
// authorization and validation), `checks` (its handler's own checks and reads, to its cluster's
// queue), `queue` (waiting for its batch), `place` (its batch's placement), `commit` (the batch's
// transaction) and `answer` (commit to the chain's end, the answer then encoded and written). Times are the
// chain's (api/call.ts CallTimes): from when the transport handed the call over, so what waits before that
// (socket buffers, HTTP/2, the client) is the caller's latency less `total`. Log-spaced buckets (10% wide):
// constant memory, percentiles within 10%. Beside them, each store call the server waited on (`store get`,
// `store txn`, ...: the round trip through the store's worker thread and its queue). Read by the bench (test/sim/server-child.mjs 'stages').
import type { CallRecord } from '@berth/api';

const RATIO = Math.log(1.1);
const FLOOR_MS = 0.01;

class Histogram {
  private readonly counts: number[] = [];
  count = 0;
  sum = 0;
  max = 0;

  add(ms: number): void {
    const i = ms <= FLOOR_MS ? 0 : Math.ceil(Math.log(ms / FLOOR_MS) / RATIO);
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  /** The bucket's upper bound holding the p-th percentile. */
  percentile(p: number): number {
    let seen = 0;
    const want = Math.ceil((p / 100) * this.count);
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= want && seen > 0) return Math.min(this.max, FLOOR_MS * Math.exp(i * RATIO));
    }
    return this.max;
  }
}

export interface StageSummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The stages of RunTask's marks, in order: each from the mark before it. */
const RUN_TASK_STAGES = [['auth', 'handler'], ['checks', 'queued'], ['queue', 'batch'], ['place', 'placed'], ['commit', 'committed']] as const;

export class CallStages {
  private readonly byKey = new Map<string, Histogram>();

  /** The chain's observer (hooks.observers): one record per finished unary call. */
  readonly observe = ({ call, error, stream }: CallRecord): void => {
    const t = call.times;
    if (stream || !t || t.class !== 'api') return;
    const end = performance.now();
    const outcome = error ? (error.name === 'ThrottlingException' ? 'refused' : 'error') : 'ok';
    const key = `${call.action} ${outcome}`;
    this.add(`${key} total`, end - t.arrived);
    if (t.admitted === undefined) return;
    this.add(`${key} gate`, t.admitted - t.arrived);
    this.add(`${key} work`, end - t.admitted);
    let from = t.admitted;
    for (const [stage, mark] of RUN_TASK_STAGES) {
      const at = t.marks[mark];
      if (at === undefined) return;
      this.add(`${key} ${stage}`, at - from);
      from = at;
    }
    this.add(`${key} answer`, end - from);
  };

  /** One store call the server waited on (the TimedStore's timing): `store METHOD`. */
  store(method: string, ms: number): void {
    this.add(`store ${method}`, ms);
  }

  private add(key: string, ms: number): void {
    let h = this.byKey.get(key);
    if (!h) this.byKey.set(key, (h = new Histogram()));
    h.add(ms);
  }

  /** Each `ACTION OUTCOME STAGE`'s figures (outcome ok, refused or error); `reset` starts afresh. */
  snapshot(reset = false): Record<string, StageSummary> {
    const out: Record<string, StageSummary> = {};
    for (const [k, h] of this.byKey) {
      out[k] = { count: h.count, meanMs: h.sum / h.count, p50Ms: h.percentile(50), p90Ms: h.percentile(90), p99Ms: h.percentile(99), maxMs: h.max };
    }
    if (reset) this.byKey.clear();
    return out;
  }
}
