// Tabs as ARIA describes them: a tablist whose arrow keys move between tabs, each tab naming its panel.
import type { ComponentChildren } from 'preact';

export function Tabs(p: { label: string; tabs: { id: string; title: string }[]; current: string; select(id: string): void; children: ComponentChildren }) {
  const onKey = (e: KeyboardEvent) => {
    const i = p.tabs.findIndex((t) => t.id === p.current);
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    const next = p.tabs[(to + p.tabs.length) % p.tabs.length]!;
    p.select(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div>
      <div role="tablist" aria-label={p.label} class="tabs" onKeyDown={onKey}>
        {p.tabs.map((t) => (
          <button type="button" role="tab" id={`tab-${t.id}`} key={t.id} aria-selected={t.id === p.current} aria-controls={`panel-${t.id}`}
            tabIndex={t.id === p.current ? 0 : -1} onClick={() => p.select(t.id)}>{t.title}</button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${p.current}`} aria-labelledby={`tab-${p.current}`} class="panel">{p.children}</div>
    </div>
  );
}
