// V8 lets a small process's old space grow by several MiB of garbage before its next full collection, and
// for the router that growth is most of its peak RSS: an idle router is ~53 MiB (the node binary's pages
// ~39), and its peak under a stream of lines 64-67 (issue 18's target: under 64 MiB; one router runs
// beside every FireLens task, on machines as small as a Pi). A full collection once the heap has grown by
// a step since the last keeps the peak near the live data, at ~10-15% more router CPU a line
// (docs/benchmarks.md, session 11); an idle router's heap does not grow, so it never collects.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface HeapBound {
  /** Full collections it asked for. */
  readonly collections: number;
  stop(): void;
}

/** Asks V8 for a full collection whenever the used heap has grown by `stepBytes` since the last one, looking every `everyMs`. */
export function boundHeapGrowth(stepBytes = 2 * 2 ** 20, everyMs = 250): HeapBound {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    // --expose-gc set now reaches contexts made after it: a fresh one hands over its gc().
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  const collect = gc;
  let collections = 0;
  let after = getHeapStatistics().used_heap_size;
  const timer = setInterval(() => {
    if (getHeapStatistics().used_heap_size - after < stepBytes) return;
    collect();
    collections++;
    after = getHeapStatistics().used_heap_size;
  }, everyMs);
  timer.unref();
  return {
    get collections() {
      return collections;
    },
    stop: () => clearInterval(timer),
  };
}
