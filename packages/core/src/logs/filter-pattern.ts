// CloudWatch Logs' filter pattern syntax (FilterLogEvents, `berth logs --filter`), parsed once and matched
// per event. Pure, so both log store backends evaluate a pattern the same way: the embedded one on every
// event it reads, ClickHouse's after a coarse SQL filter (`requiredSubstrings`) has narrowed the rows.
//   terms       ERROR   "quoted phrase"   -excluded   ?either ?or   (case-sensitive substrings)
//   JSON        { $.level = "error" }  { $.latency > 100 && $.user.id != "x*" }  { $.a IS NULL }  { $.b NOT EXISTS }
//   regex       %ERROR|WARN%  (RE2, as CloudWatch's)
// Space-delimited patterns (`[ip, user, ...]`) are refused naming themselves, never matched loosely.
import { RE2JS } from 're2js';

export type FilterPattern =
  | { kind: 'all' }
  | { kind: 'terms'; all: string[]; any: string[]; none: string[] }
  | { kind: 'regex'; source: string; re: RE2JS }
  | { kind: 'json'; expr: JsonExpr };

export type JsonPath = (string | number)[];
export type JsonExpr =
  | { op: 'and' | 'or'; left: JsonExpr; right: JsonExpr }
  | { op: 'cmp'; path: JsonPath; cmp: '=' | '!=' | '<' | '>' | '<=' | '>='; value: string | number }
  | { op: 'is'; path: JsonPath; what: 'NULL' | 'TRUE' | 'FALSE' }
  | { op: 'not-exists'; path: JsonPath };

/** A pattern CloudWatch would refuse, or one Berth does not evaluate: the text says which part. */
export class FilterPatternError extends Error {}

export function parseFilterPattern(text: string | undefined): FilterPattern {
  const src = (text ?? '').trim();
  if (src === '') return { kind: 'all' };
  if (src.startsWith('{')) return { kind: 'json', expr: new JsonParser(src).parse() };
  if (src.startsWith('[')) throw new FilterPatternError('Space-delimited filter patterns ([field, ...]) are not supported by Berth; use terms or a JSON pattern.');
  if (src.length > 1 && src.startsWith('%') && src.endsWith('%')) {
    const source = src.slice(1, -1);
    try {
      return { kind: 'regex', source, re: RE2JS.compile(source) };
    } catch (e) {
      throw new FilterPatternError(`Invalid regular expression in filter pattern: ${(e as Error).message}`);
    }
  }
  return parseTerms(src);
}

function parseTerms(src: string): FilterPattern {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  let i = 0;
  while (i < src.length) {
    if (/\s/.test(src[i]!)) { i++; continue; }
    let list = all;
    if (src[i] === '?') { list = any; i++; } else if (src[i] === '-' && i + 1 < src.length && !/\s/.test(src[i + 1]!)) { list = none; i++; }
    let term = '';
    if (src[i] === '"') {
      i++;
      for (; i < src.length && src[i] !== '"'; i++) term += src[i] === '\\' && i + 1 < src.length ? src[++i] : src[i];
      if (src[i] !== '"') throw new FilterPatternError('Invalid filter pattern: a quoted term is not closed.');
      i++;
    } else {
      for (; i < src.length && !/\s/.test(src[i]!); i++) term += src[i];
    }
    if (term !== '') list.push(term);
  }
  return { kind: 'terms', all, any, none };
}

class JsonParser {
  private pos = 0;
  private readonly tokens: string[];
  constructor(private readonly src: string) {
    // Strings (with escapes), two-character operators, single punctuation, and bare words.
    this.tokens = src.match(/"(?:[^"\\]|\\.)*"|&&|\|\||!=|<=|>=|[{}()=<>]|[^\s{}()=<>!&|"]+|\S/g) ?? [];
  }

  parse(): JsonExpr {
    this.expect('{');
    const expr = this.or();
    this.expect('}');
    if (this.pos !== this.tokens.length) throw this.error(`unexpected '${this.tokens[this.pos]}' after the closing brace`);
    return expr;
  }

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }

  private next(): string {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw this.error('the pattern ends too early');
    return t;
  }

  private expect(t: string): void {
    const got = this.next();
    if (got !== t) throw this.error(`expected '${t}' but found '${got}'`);
  }

  private error(why: string): FilterPatternError {
    return new FilterPatternError(`Invalid JSON filter pattern ${JSON.stringify(this.src)}: ${why}.`);
  }

  private or(): JsonExpr {
    let left = this.and();
    while (this.peek() === '||') { this.pos++; left = { op: 'or', left, right: this.and() }; }
    return left;
  }

  private and(): JsonExpr {
    let left = this.unary();
    while (this.peek() === '&&') { this.pos++; left = { op: 'and', left, right: this.unary() }; }
    return left;
  }

  private unary(): JsonExpr {
    if (this.peek() === '(') {
      this.pos++;
      const e = this.or();
      this.expect(')');
      return e;
    }
    const path = this.path(this.next());
    const op = this.next();
    if (op === 'IS') {
      const what = this.next();
      if (what !== 'NULL' && what !== 'TRUE' && what !== 'FALSE') throw this.error(`IS takes NULL, TRUE or FALSE, not '${what}'`);
      return { op: 'is', path, what };
    }
    if (op === 'NOT') {
      this.expect('EXISTS');
      return { op: 'not-exists', path };
    }
    if (!['=', '!=', '<', '>', '<=', '>='].includes(op)) throw this.error(`'${op}' is not a comparison operator`);
    const raw = this.next();
    let value: string | number;
    if (raw.startsWith('"')) value = JSON.parse(raw) as string;
    else if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) value = Number(raw);
    else value = raw;
    if (typeof value === 'string' && op !== '=' && op !== '!=') throw this.error(`'${op}' compares numbers, not the string ${JSON.stringify(value)}`);
    return { op: 'cmp', path, cmp: op as '=', value };
  }

  private path(sel: string): JsonPath {
    if (!sel.startsWith('$')) throw this.error(`a selector starts with $ ('${sel}' does not)`);
    const path: JsonPath = [];
    const re = /\.([A-Za-z0-9_@$-]+)|\[(\d+)\]/y;
    re.lastIndex = 1;
    while (re.lastIndex < sel.length) {
      const m = re.exec(sel);
      if (!m) throw this.error(`cannot read the selector '${sel}'`);
      path.push(m[1] !== undefined ? m[1] : Number(m[2]));
    }
    return path;
  }
}

const MISSING = Symbol('missing');

function select(doc: unknown, path: JsonPath): unknown {
  let v: unknown = doc;
  for (const p of path) {
    if (typeof p === 'number') {
      if (!Array.isArray(v) || p >= v.length) return MISSING;
      v = v[p];
    } else {
      if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, p)) return MISSING;
      v = (v as Record<string, unknown>)[p];
    }
  }
  return v;
}

/** `*` matches any run of characters, as in CloudWatch's string comparisons. */
function wildcardMatch(text: string, pattern: string): boolean {
  if (!pattern.includes('*')) return text === pattern;
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 's');
  return re.test(text);
}

function evalJson(e: JsonExpr, doc: unknown): boolean {
  switch (e.op) {
    case 'and': return evalJson(e.left, doc) && evalJson(e.right, doc);
    case 'or': return evalJson(e.left, doc) || evalJson(e.right, doc);
    case 'not-exists': return select(doc, e.path) === MISSING;
    case 'is': {
      const v = select(doc, e.path);
      return e.what === 'NULL' ? v === null : v === (e.what === 'TRUE');
    }
    case 'cmp': {
      const v = select(doc, e.path);
      if (v === MISSING || v === null || typeof v === 'object') return false;
      if (typeof e.value === 'string') {
        const matched = typeof v === 'string' || typeof v === 'boolean' ? wildcardMatch(String(v), e.value) : false;
        return e.cmp === '=' ? matched : !matched;
      }
      if (typeof v !== 'number') return false;
      switch (e.cmp) {
        case '=': return v === e.value;
        case '!=': return v !== e.value;
        case '<': return v < e.value;
        case '>': return v > e.value;
        case '<=': return v <= e.value;
        case '>=': return v >= e.value;
      }
    }
  }
}

export function matchesFilter(pattern: FilterPattern, message: string): boolean {
  switch (pattern.kind) {
    case 'all': return true;
    case 'regex': return pattern.re.matcher(message).find();
    case 'terms':
      return pattern.all.every((t) => message.includes(t)) && !pattern.none.some((t) => message.includes(t)) &&
        (pattern.any.length === 0 || pattern.any.some((t) => message.includes(t)));
    case 'json': {
      let doc: unknown;
      try {
        doc = JSON.parse(message);
      } catch {
        return false;
      }
      return doc !== null && typeof doc === 'object' && evalJson(pattern.expr, doc);
    }
  }
}

/**
 * Substrings every message the pattern matches contains: a backend may narrow its rows with them before
 * `matchesFilter` decides (a coarse filter: it may let through more, never fewer). For a JSON pattern,
 * the string values an AND of `=` comparisons requires, when they are written the same inside JSON text.
 */
export function requiredSubstrings(pattern: FilterPattern): string[] {
  if (pattern.kind === 'terms') return pattern.all;
  if (pattern.kind !== 'json') return [];
  const out: string[] = [];
  const walk = (e: JsonExpr) => {
    if (e.op === 'and') { walk(e.left); walk(e.right); return; }
    if (e.op === 'cmp' && e.cmp === '=' && typeof e.value === 'string' && /^[A-Za-z0-9 _.:/@-]+$/.test(e.value)) out.push(e.value);
  };
  walk(pattern.expr);
  return out;
}
