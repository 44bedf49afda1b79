// A controller's periodic sweep: run now (optionally) and every intervalMs, never two at once, errors
// logged and never thrown; stop() ends it and tells a running sweep to wind down. A sweep that returns true
// left work behind (it works in bounded turns) and runs again at once.
import type { ServerContext } from '../context.js';

export interface Periodic {
  stop(): void;
}

export function startPeriodic(ctx: ServerContext, name: string, intervalMs: number, sweep: (stopped: () => boolean) => Promise<boolean | void>,
  opts: { runNow?: boolean } = {}): Periodic {
  let stopped = false;
  let running = false;
  const run = async () => {
    if (stopped || running) return;
    running = true;
    try {
      while ((await sweep(() => stopped)) === true && !stopped);
    } catch (e) {
      if (!stopped) ctx.log.warn(`${name} failed`, { error: String((e as Error)?.message ?? e) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  const first = opts.runNow ? setTimeout(() => void run(), 0) : undefined;
  first?.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      if (first) clearTimeout(first);
    },
  };
}
