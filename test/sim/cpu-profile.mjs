// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time, the most
// inclusive time, and self time per package (node internals, a node_modules package, a Berth package).
import { readFileSync } from 'node:fs';

const short = (url) => {
  if (!url) return '';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url) ?? /\/packages\/([^/]+)\/(?:dist\/)?(.*)$/.exec(url);
  if (m) return `${m[1]}/${m[2]}`;
  return url.replace(/^file:\/\//, '').replace(/^.*\/test\//, 'test/');
};

const area = (url) => {
  if (!url) return '(native/V8/GC)';
  if (url.startsWith('node:')) return 'node internals';
  let m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (m) return m[1];
  m = /\/packages\/([^/]+)\//.exec(url);
  if (m) return `@berth/${m[1]}`;
  return short(url);
};

export function summarizeProfile(file, n = 15) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const totalUs = p.endTime - p.startTime;
  const samples = p.samples.length || 1;
  const usPerSample = totalUs / samples;
  const hits = new Map();
  for (const id of p.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const key = (x) => {
    const f = x.callFrame;
    return `${f.functionName || '(anonymous)'} ${short(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
  };
  const self = new Map();
  const areas = new Map();
  for (const x of p.nodes) {
    const h = hits.get(x.id) ?? 0;
    if (!h) continue;
    self.set(key(x), (self.get(key(x)) ?? 0) + h);
    const name = x.callFrame.functionName;
    const a = ['(garbage collector)', '(program)', '(idle)'].includes(name) ? name : area(x.callFrame.url);
    areas.set(a, (areas.get(a) ?? 0) + h);
  }
  // Inclusive: each node's subtree, counted once per function along a path (recursion).
  const parent = new Map();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const incl = new Map();
  for (const [id, h] of hits) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + h);
    }
  }
  const idle = (self.get('(idle) ') ?? 0);
  const busy = samples - idle;
  const pct = (h) => `${((100 * h) / busy).toFixed(1)}%`;
  const top = (m) => [...m].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(root)')).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, h]) => ({ fn: k, ms: Math.round((h * usPerSample) / 1000), share: pct(h) }));
  return {
    wallMs: Math.round(totalUs / 1000),
    busyMs: Math.round((busy * usPerSample) / 1000),
    self: top(self),
    inclusive: top(incl),
    areas: [...areas].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, h]) => ({ area: k, ms: Math.round((h * usPerSample) / 1000), share: pct(h) })),
  };
}

// `node test/sim/cpu-profile.mjs FILE.cpuprofile [N]` prints the summary.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const s = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 20));
  console.log(`wall ${s.wallMs} ms, busy ${s.busyMs} ms\n\nself time:`);
  for (const r of s.self) console.log(`  ${r.share.padStart(6)} ${String(r.ms).padStart(7)} ms  ${r.fn}`);
  console.log('\ninclusive time:');
  for (const r of s.inclusive) console.log(`  ${r.share.padStart(6)} ${String(r.ms).padStart(7)} ms  ${r.fn}`);
  console.log('\nself time by area:');
  for (const r of s.areas) console.log(`  ${r.share.padStart(6)} ${String(r.ms).padStart(7)} ms  ${r.area}`);
}
