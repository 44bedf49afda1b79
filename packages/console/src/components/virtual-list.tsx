// A list that renders only the rows in view (plus a few), whatever its length, so a cluster of 10,000 tasks
// costs a bounded number of DOM rows. Rows have one fixed height. Keyboard: arrows, Home/End and
// PageUp/PageDown move the focus between rows, Enter opens the focused one. Near the end it asks for the
// next page (the server pages; the list never loads what is not scrolled to).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export interface VirtualListProps<T> {
  items: T[];
  /** A label for the list (what it holds). */
  label: string;
  rowHeight?: number;
  /** Rows shown at most before scrolling. */
  height?: number;
  itemKey(item: T): string;
  row(item: T): ComponentChildren;
  onOpen?(item: T): void;
  /** Called when the end is near and more can be loaded. */
  onEndReached?(): void;
  hasMore?: boolean;
}

const OVERSCAN = 6;

export function VirtualList<T>(p: VirtualListProps<T>) {
  const rowHeight = p.rowHeight ?? 44;
  const height = Math.min(p.height ?? 480, Math.max(rowHeight, p.items.length * rowHeight));
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [active, setActive] = useState(0);
  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(p.items.length, Math.ceil((top + height) / rowHeight) + OVERSCAN);
  const id = useRef(`vl-${Math.random().toString(36).slice(2)}`).current;

  useEffect(() => {
    if (p.hasMore && last >= p.items.length - OVERSCAN) p.onEndReached?.();
  }, [last, p.items.length, p.hasMore]);
  // The keys move the focus: to the active row once it is rendered, if the focus is in the list.
  useLayoutEffect(() => {
    if (ref.current?.contains(document.activeElement)) document.getElementById(`${id}-${active}`)?.focus();
  }, [active, first]);

  const move = (to: number) => {
    const i = Math.max(0, Math.min(p.items.length - 1, to));
    setActive(i);
    const el = ref.current;
    if (!el) return;
    if (i * rowHeight < el.scrollTop) el.scrollTop = i * rowHeight;
    else if ((i + 1) * rowHeight > el.scrollTop + height) el.scrollTop = (i + 1) * rowHeight - height;
  };
  const onKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const to = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: p.items.length - 1, PageDown: active + page, PageUp: active - page }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      move(to);
    } else if (e.key === 'Enter' && p.items[active] !== undefined) p.onOpen?.(p.items[active]!);
  };

  if (p.items.length === 0) return <p class="empty">None.</p>;
  const rows = [];
  for (let i = first; i < last; i++) {
    const item = p.items[i]!;
    rows.push(
      <div role="listitem" id={`${id}-${i}`} key={p.itemKey(item)} tabIndex={-1} aria-setsize={p.hasMore ? -1 : p.items.length} aria-posinset={i + 1}
        class={i === active ? 'row active' : 'row'} style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}
        onClick={() => setActive(i)} onFocus={() => setActive(i)}>
        {p.row(item)}
      </div>,
    );
  }
  return (
    <div class="vlist" ref={ref} tabIndex={0} role="list" aria-label={p.label}
      style={{ height: `${height}px` }} onScroll={(e) => setTop((e.currentTarget as HTMLDivElement).scrollTop)} onKeyDown={onKey}>
      <div class="vlist-inner" style={{ height: `${p.items.length * rowHeight}px` }}>{rows}</div>
    </div>
  );
}
