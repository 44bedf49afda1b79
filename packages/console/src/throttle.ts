// Live updates that reload a view: at most one reload a second, however many events arrive.
import { useCallback, useRef } from 'preact/hooks';

/** Calls `fn` at most once per `ms`, the last call winning. */
export function useThrottled(fn: () => void, ms = 1000): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(fn);
  latest.current = fn;
  return useCallback(() => {
    timer.current ??= setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, ms);
  }, [ms]);
}
