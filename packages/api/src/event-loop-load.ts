// How far behind this process's event loop is, read by admission (admission.ts) on every call. A server
// past its capacity does not see its backlog as calls waiting for a turn: the calls wait before any of its
// code runs, in the kernel's socket buffers and in TLS and HTTP/2 framing, and every loop turn reads more
// of them. What shows it is the loop's lag (how late a timer fires) and its utilisation (the share of time
// it spent working rather than waiting for I/O), both from perf_hooks.
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks';

/** What admission reads of the event loop. */
export interface LoadSignals {
  /** How late the loop runs now, in ms (0 when it keeps up). */
  lagMs: number;
  /** Share of the last sampling window the loop spent working (0 to 1). */
  utilization: number;
}

/** A loop that keeps up: what a gate without a monitor reads. */
export const IDLE: LoadSignals = { lagMs: 0, utilization: 0 };

/** Samples the loop's lag and utilisation every `sampleMs` (default 100 ms); `stop` ends it. */
export class EventLoopLoad {
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  private elu: EventLoopUtilization = performance.eventLoopUtilization();
  private lastTick = performance.now();
  private sampled: LoadSignals = IDLE;
  private stopped = false;

  constructor(private readonly sampleMs = 100) {
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.timer = setInterval(() => this.sample(), sampleMs);
    this.timer.unref();
  }

  /**
   * The last window's lag, or how late this sampler's own tick is now if that is more: a loop busy with a
   * long turn of I/O callbacks has not sampled yet, and the calls read in that turn must see it. The
   * utilisation is the share of the time since the last tick spent working, this turn included.
   */
  signals(): LoadSignals {
    if (this.stopped) return IDLE;
    const late = performance.now() - this.lastTick - this.sampleMs;
    const utilization = performance.eventLoopUtilization(this.elu).utilization;
    return { lagMs: Math.max(late, this.sampled.lagMs), utilization: Number.isFinite(utilization) ? utilization : this.sampled.utilization };
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private sample(): void {
    this.lastTick = performance.now();
    const elu = performance.eventLoopUtilization();
    // The histogram's delays include its own resolution: a loop that keeps up reads about 10 ms.
    const lagMs = Math.max(0, this.histogram.max / 1e6 - 10);
    this.sampled = { lagMs, utilization: performance.eventLoopUtilization(elu, this.elu).utilization };
    this.elu = elu;
    this.histogram.reset();
  }
}
