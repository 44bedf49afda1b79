// The page's one event stream, shared by every view on it: the Events tab shows what it carries (the
// backlog, then live), and lists update themselves from the events that come after the backlog (their own
// first load already holds what the backlog said). Nothing polls.
import { useEffect, useState } from 'preact/hooks';
import { watchEvents, type ApiError, type EcsEvent } from './api.js';

/** Events kept for the Events tab (the newest). */
const KEPT = 1000;

export class PageEvents {
  events: EcsEvent[] = [];
  live = false;
  error: ApiError | undefined;
  private readonly listeners = new Set<(e: EcsEvent) => void>();
  private readonly changes = new Set<() => void>();
  private readonly stop: () => void;

  constructor(readonly cluster: string | undefined) {
    this.stop = watchEvents(cluster, {
      event: (e) => {
        this.events = [e, ...this.events].slice(0, KEPT);
        if (this.live) for (const l of this.listeners) l(e);
        this.changed();
      },
      caughtUp: () => {
        this.live = true;
        this.changed();
      },
      refused: (e) => {
        this.error = e;
        this.changed();
      },
    });
  }

  /** Live events from now on (not the backlog). */
  subscribe(fn: (e: EcsEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onChange(fn: () => void): () => void {
    this.changes.add(fn);
    return () => this.changes.delete(fn);
  }

  close(): void {
    this.stop();
  }

  private changed(): void {
    for (const c of this.changes) c();
  }
}

/** The page's stream for a cluster: opened when the page opens, closed when it leaves. */
export function usePageEvents(cluster: string | undefined): PageEvents {
  const [page, setPage] = useState(() => new PageEvents(cluster));
  useEffect(() => {
    if (page.cluster === cluster) return () => page.close();
    const next = new PageEvents(cluster);
    setPage(next);
    return () => next.close();
  }, [cluster]);
  return page;
}

/** Re-renders the component on every change of the stream (the Events tab). */
export function useEventsChanging(page: PageEvents): void {
  const [, tick] = useState(0);
  useEffect(() => page.onChange(() => tick((n) => n + 1)), [page]);
}

/** Calls `fn` with each live event while the component is shown. */
export function useLiveEvents(page: PageEvents, fn: (e: EcsEvent) => void): void {
  useEffect(() => page.subscribe(fn), [page, fn]);
}

/**
 * Merges a resource an event carries into a list (matched by `key`), keeping the newer `version`: a live
 * update never goes back to an older state than the list's own load.
 */
export function upsert<T extends { version?: number }>(list: T[], item: T, key: (t: T) => string | undefined, addNew: boolean): T[] {
  const k = key(item);
  const i = list.findIndex((t) => key(t) === k);
  if (i < 0) return addNew ? [item, ...list] : list;
  if ((list[i]!.version ?? 0) > (item.version ?? 0)) return list;
  const out = list.slice();
  out[i] = { ...list[i]!, ...item };
  return out;
}
