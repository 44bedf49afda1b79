// `-o jsonpath=TEMPLATE` in kubectl's dialect, over the value `-o json` prints: text with `{EXPR}` parts,
// `{range EXPR}...{end}` loops and `{"\n"}` literals; an expression is a path from the value (`$` optional):
// `.name`, `['a key']`, `[0]`, `[-1]`, `[1:3]`, `[*]`, `..name` (at any depth), `[?(@.status == "RUNNING")]`
// (==, !=, <, <=, >, >=, or a member's presence). Several results print space-separated, strings bare,
// anything else as JSON, as kubectl prints them. A template without braces is one expression, as kubectl
// takes `-o jsonpath=.items`. PURE: parse once (a bad template is a usage error before any call), print many.

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'all' }
  | { kind: 'descend'; name: string }
  | { kind: 'filter'; path: Step[]; op?: string; literal?: unknown };

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'expr'; path: Step[] }
  | { kind: 'range'; path: Step[]; body: Node[] };

export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

export interface JsonPath {
  print(value: unknown): string;
}

export function parseJsonPath(template: string): JsonPath {
  const src = template.includes('{') ? template : `{${template}}`;
  const tokens: ({ text: string } | { expr: string })[] = [];
  let at = 0;
  while (at < src.length) {
    const open = src.indexOf('{', at);
    if (open < 0) {
      tokens.push({ text: src.slice(at) });
      break;
    }
    if (open > at) tokens.push({ text: src.slice(at, open) });
    const close = closingBrace(src, open);
    tokens.push({ expr: src.slice(open + 1, close).trim() });
    at = close + 1;
  }
  let i = 0;
  const nodes = (inRange: boolean): Node[] => {
    const out: Node[] = [];
    while (i < tokens.length) {
      const t = tokens[i++]!;
      if ('text' in t) out.push({ kind: 'text', text: t.text });
      else if (t.expr === 'end') {
        if (!inRange) throw new JsonPathError('{end} without {range}');
        return out;
      } else if (t.expr.startsWith('range ')) out.push({ kind: 'range', path: parsePath(t.expr.slice(6).trim()), body: nodes(true) });
      else if (/^".*"$/s.test(t.expr)) out.push({ kind: 'text', text: JSON.parse(t.expr) as string });
      else out.push({ kind: 'expr', path: parsePath(t.expr) });
    }
    if (inRange) throw new JsonPathError('{range} without {end}');
    return out;
  };
  const tree = nodes(false);
  return { print: (value) => render(tree, value) };
}

function closingBrace(src: string, open: number): number {
  let quote: string | undefined;
  for (let j = open + 1; j < src.length; j++) {
    const c = src[j]!;
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return j;
  }
  throw new JsonPathError(`unclosed { at ${open}`);
}

function parsePath(expr: string): Step[] {
  let s = expr.startsWith('$') ? expr.slice(1) : expr;
  if (s !== '' && !s.startsWith('.') && !s.startsWith('[')) s = `.${s}`;
  const steps: Step[] = [];
  let at = 0;
  const name = () => {
    const m = /^[A-Za-z0-9_\-$]*/.exec(s.slice(at))![0];
    at += m.length;
    return m;
  };
  while (at < s.length) {
    if (s.startsWith('..', at)) {
      at += 2;
      steps.push({ kind: 'descend', name: name() });
    } else if (s[at] === '.') {
      at++;
      if (s[at] === '*') {
        at++;
        steps.push({ kind: 'all' });
      } else {
        const n = name();
        if (n !== '') steps.push({ kind: 'field', name: n });
      }
    } else if (s[at] === '[') {
      const close = bracketEnd(s, at);
      steps.push(bracket(s.slice(at + 1, close).trim()));
      at = close + 1;
    } else throw new JsonPathError(`unexpected "${s[at]}" in ${expr}`);
  }
  return steps;
}

function bracketEnd(s: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let j = open; j < s.length; j++) {
    const c = s[j]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && --depth === 0 && c === ']') return j;
  }
  throw new JsonPathError(`unclosed [ in ${s}`);
}

function bracket(inner: string): Step {
  if (inner === '*') return { kind: 'all' };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const slice = /^(-?\d*):(-?\d*)$/.exec(inner);
  if (slice) return { kind: 'slice', ...(slice[1] ? { start: Number(slice[1]) } : {}), ...(slice[2] ? { end: Number(slice[2]) } : {}) };
  const quoted = /^(['"])(.*)\1$/.exec(inner);
  if (quoted) return { kind: 'field', name: quoted[2]! };
  const filter = /^\?\((.*)\)$/s.exec(inner);
  if (filter) {
    const m = /^@(\S*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(filter[1]!.trim());
    if (!m) {
      const presence = /^@(\S*)$/.exec(filter[1]!.trim());
      if (!presence) throw new JsonPathError(`filter ${inner}: expected @.path OP value`);
      return { kind: 'filter', path: parsePath(presence[1]!) };
    }
    return { kind: 'filter', path: parsePath(m[1]!), op: m[2]!, literal: literal(m[3]!.trim()) };
  }
  throw new JsonPathError(`[${inner}]: expected an index, a slice, *, a quoted name or a filter`);
}

function literal(text: string): unknown {
  const q = /^(['"])(.*)\1$/.exec(text);
  if (q) return q[2];
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  throw new JsonPathError(`filter value ${text}: expected a quoted string, a number or true/false`);
}

/** Every value `path` reaches from `value`. */
function evaluate(path: Step[], value: unknown): unknown[] {
  let cur: unknown[] = [value];
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (step.kind === 'field') {
        if (v !== null && typeof v === 'object' && !Array.isArray(v) && step.name in v) next.push((v as Record<string, unknown>)[step.name]);
      } else if (step.kind === 'all') {
        if (Array.isArray(v)) next.push(...v);
        else if (v !== null && typeof v === 'object') next.push(...Object.values(v));
      } else if (step.kind === 'index') {
        if (Array.isArray(v)) {
          const x = step.index < 0 ? v.length + step.index : step.index;
          if (x >= 0 && x < v.length) next.push(v[x]);
        }
      } else if (step.kind === 'slice') {
        if (Array.isArray(v)) next.push(...v.slice(step.start, step.end));
      } else if (step.kind === 'descend') {
        descend(v, step.name, next);
      } else if (Array.isArray(v)) {
        next.push(...v.filter((item) => matches(step, item)));
      }
    }
    cur = next;
  }
  return cur;
}

function descend(v: unknown, name: string, out: unknown[]): void {
  if (v === null || typeof v !== 'object') return;
  if (!Array.isArray(v) && name in v) out.push((v as Record<string, unknown>)[name]);
  for (const child of Object.values(v)) descend(child, name, out);
}

function matches(f: Extract<Step, { kind: 'filter' }>, item: unknown): boolean {
  const found = evaluate(f.path, item);
  if (f.op === undefined) return found.length > 0;
  if (found.length === 0) return false;
  const [a, b] = [found[0], f.literal] as [never, never];
  switch (f.op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    default: return a >= b;
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function render(nodes: Node[], value: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'expr') out += evaluate(n.path, value).map(show).join(' ');
    else for (const item of evaluate(n.path, value).flatMap((v) => (Array.isArray(v) ? v : [v]))) out += render(n.body, item);
  }
  return out;
}
