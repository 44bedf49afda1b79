// A list the server pages: the first page on open, the next when the view asks (its virtual list nears the
// end). Pages follow ECS's nextToken; each page's ARNs are described in one call.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ecs } from './api.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface Paged<T> {
  items: T[];
  setItems(update: (items: T[]) => T[]): void;
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  loadMore(): void;
  reload(): void;
}

export function usePaged<T>(load: (nextToken: string | undefined) => Promise<Page<T>>, deps: unknown[]): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const token = useRef<string | undefined>(undefined);
  const more = useRef(true);
  const generation = useRef(0);

  const fetchPage = useCallback(async (first: boolean) => {
    if (!first && (!more.current || loading)) return;
    const g = first ? ++generation.current : generation.current;
    setLoading(true);
    try {
      const page = await load(first ? undefined : token.current);
      if (g !== generation.current) return;
      token.current = page.nextToken;
      more.current = page.nextToken !== undefined;
      setItems((old) => (first ? page.items : [...old, ...page.items]));
      setError(undefined);
    } catch (e) {
      if (g === generation.current) setError(e);
    } finally {
      if (g === generation.current) setLoading(false);
    }
  }, deps);

  useEffect(() => {
    void fetchPage(true);
  }, [fetchPage]);

  return {
    items, setItems, hasMore: more.current, loading, error,
    loadMore: () => void fetchPage(false),
    reload: () => void fetchPage(true),
  };
}

/**
 * Pages of an ECS list action whose ARNs one describe action then details (ListTasks then DescribeTasks...):
 * `list` names the action and the member with the ARNs, `describe` the action, the member it takes them
 * in and the member it answers with.
 */
export function describedPages<T>(
  list: { action: string; arns: string; request: Record<string, unknown> },
  describe: { action: string; arns: string; items: string; request?: Record<string, unknown> },
): (nextToken: string | undefined) => Promise<Page<T>> {
  return async (nextToken) => {
    const l = await ecs<Record<string, unknown>>(list.action, { ...list.request, ...(nextToken ? { nextToken } : {}) });
    const arns = (l[list.arns] as string[] | undefined) ?? [];
    const next = typeof l.nextToken === 'string' ? { nextToken: l.nextToken } : {};
    if (arns.length === 0) return { items: [], ...next };
    const d = await ecs<Record<string, unknown>>(describe.action, { ...describe.request, [describe.arns]: arns });
    return { items: (d[describe.items] as T[] | undefined) ?? [], ...next };
  };
}
