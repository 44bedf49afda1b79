// ECS's cluster query language (ECS API brief §4.5): memberOf placement constraints and
// ListContainerInstances `filter`.
//
//   expression := or
//   or         := and (('||' | 'or') and)*
//   and        := unary (('&&' | 'and') unary)*
//   unary      := ('!' | 'not') unary | '(' expression ')' | term
//   term       := subject operator [argument]
//
// Subjects and the operators each accepts:
//   attribute:NAME       every operator (an instance attribute, built-in ecs.* or custom)
//   agentConnected       == != in !in =~ !~           (true / false)
//   agentVersion         == != > >= < <=               (compared as a version: 1.14.5 < 1.80.0)
//   ec2InstanceId        == != in !in =~ !~
//   registeredAt         == != > >= < <=               (2018-06-18T22:28:28+00:00, ...Z, 2018-06-18T22:28:28, 2018-06-18)
//   runningTasksCount    == != > >= < <=               (a whole number)
//   task:group           == != in !in exists !exists =~ !~   (the groups of the tasks on the instance)
// Operators, symbol and word form: == equals, != not_equals, > greater_than, >= greater_than_equal,
// < less_than, <= less_than_equal, exists, !exists not_exists, in, !in not_in (a list [a, b, 'c']),
// =~ matches, !~ not_matches (a Java regular expression matching the whole value, as Java's matches(),
// run by RE2 in linear time).
// Keywords and subjects are case-sensitive, as ECS writes them. An argument is a bare word (it may hold
// balanced parentheses, as a pattern like (t2|m5).* does) or a quoted string ('...' or "...").
//
// Semantics where the brief is silent:
//   - a negative operator is the negation of its positive one: `!=`, `!in`, `!~` and `!exists` hold for
//     an instance that lacks the attribute (or has no ec2InstanceId, no agentVersion...);
//   - ordering operators on an attribute compare as versions when both sides are dotted numbers (so
//     whole numbers compare as numbers), as numbers when both are numbers, else as strings;
//   - a registeredAt date stands for that whole UTC day, a date-time for that second: `== 2018-06-18`
//     holds all day, `< 2018-06-18` before it, `> 2018-06-18` from the next day on;
//   - task:group `==` holds when some task on the instance is in the group (affinity; `not(task:group ==
//     database)` is anti-affinity), `exists` when the instance has any task.
// Parse errors are InvalidParameterException on the given field, naming the (1-based) position and what
// was expected there.
import { BerthError, invalid } from './errors.js';
import type { Attribute } from './model/types.js';
import { RE2JS } from 're2js';

export type QueryOperator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'exists' | '!exists' | 'in' | '!in' | '=~' | '!~';

export type QuerySubject =
  | { kind: 'attribute'; name: string }
  | { kind: 'agentConnected' | 'agentVersion' | 'ec2InstanceId' | 'registeredAt' | 'runningTasksCount' | 'task:group' };

export type QuerySubjectKind = QuerySubject['kind'];

export interface QueryTerm {
  type: 'term';
  subject: QuerySubject;
  operator: QueryOperator;
  /** The argument of a one-value operator. */
  value?: string;
  /** The argument of in / !in. */
  values?: string[];
  /** 0-based offset of the term in the expression. */
  position: number;
}

export type QueryExpr =
  | QueryTerm
  | { type: 'and' | 'or'; left: QueryExpr; right: QueryExpr }
  | { type: 'not'; expr: QueryExpr };

/** Attribute lookup by name (a Map does; placement scans the instance's list instead of building one). */
export interface AttributeLookup {
  /** The value (undefined for an attribute without a value, such as a capability, or a missing one). */
  get(name: string): string | undefined;
  has(name: string): boolean;
}

/** What an expression reads of a container instance. */
export interface QueryInstance {
  attributes: AttributeLookup;
  agentConnected: boolean;
  agentVersion?: string;
  ec2InstanceId?: string;
  /** Epoch seconds. */
  registeredAt?: number;
  runningTasksCount: number;
  /** Groups of the tasks on the instance (a group appears once however many tasks it has there). */
  taskGroups: { has(group: string): boolean; readonly size: number; keys(): IterableIterator<string> };
}

export const QUERY_OPERATORS: readonly QueryOperator[] = ['==', '!=', '>', '>=', '<', '<=', 'exists', '!exists', 'in', '!in', '=~', '!~'];

/** Word forms of the operators. */
const WORD_OPERATORS: Record<string, QueryOperator> = {
  equals: '==', not_equals: '!=', greater_than: '>', greater_than_equal: '>=', less_than: '<', less_than_equal: '<=',
  exists: 'exists', not_exists: '!exists', in: 'in', not_in: '!in', matches: '=~', not_matches: '!~',
};

/** Symbol forms, longest first. */
const SYMBOL_OPERATORS: QueryOperator[] = ['!exists', '!in', '==', '!=', '>=', '<=', '=~', '!~', '>', '<'];

const EQUALITY: QueryOperator[] = ['==', '!=', 'in', '!in', '=~', '!~'];
const ORDERING: QueryOperator[] = ['==', '!=', '>', '>=', '<', '<='];

/** The operators each subject accepts (ECS API brief §4.5). */
export const SUBJECT_OPERATORS: Record<QuerySubjectKind, readonly QueryOperator[]> = {
  attribute: QUERY_OPERATORS,
  agentConnected: EQUALITY,
  agentVersion: ORDERING,
  ec2InstanceId: EQUALITY,
  registeredAt: ORDERING,
  runningTasksCount: ORDERING,
  'task:group': ['==', '!=', 'in', '!in', 'exists', '!exists', '=~', '!~'],
};

const SUBJECT_NAMES = ['agentConnected', 'agentVersion', 'ec2InstanceId', 'registeredAt', 'runningTasksCount', 'task:group'] as const;
const ATTRIBUTE_NAME_CHAR = /[A-Za-z0-9_\-/\\.]/;
const WORD_CHAR = /[A-Za-z0-9_:.\-]/;

/** A parse error: InvalidParameterException on `field`, with the 1-based position and what was expected. */
export class QueryParseError extends BerthError {
  /** 1-based character position. */
  readonly position: number;
  readonly expected: string;
  constructor(field: string, position: number, expected: string, found: string) {
    super('InvalidParameterException', `Invalid query expression at position ${position}: expected ${expected}, found ${found}.`, field);
    this.position = position;
    this.expected = expected;
  }
}

class Parser {
  pos = 0;
  constructor(private readonly src: string, private readonly field: string) {}

  fail(expected: string, at = this.pos): never {
    const rest = this.src.slice(at);
    const found = rest.length === 0 ? 'the end of the expression' : `'${rest.length > 20 ? `${rest.slice(0, 20)}...` : rest}'`;
    throw new QueryParseError(this.field, at + 1, expected, found);
  }

  ws(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  /** The keyword at pos (and, or, not) if followed by a space, a parenthesis or the end. */
  keyword(word: string): boolean {
    if (!this.src.startsWith(word, this.pos)) return false;
    const next = this.src[this.pos + word.length];
    return next === undefined || /\s/.test(next) || next === '(';
  }

  parse(): QueryExpr {
    this.ws();
    if (this.pos >= this.src.length) this.fail('an expression');
    const e = this.or();
    this.ws();
    if (this.pos < this.src.length) {
      this.fail(this.src[this.pos] === ')' ? "an operator 'and' or 'or' (this ')' closes no '(')" : "'and', '&&', 'or', '||' or the end of the expression");
    }
    return e;
  }

  or(): QueryExpr {
    let left = this.and();
    for (;;) {
      this.ws();
      if (this.src.startsWith('||', this.pos)) this.pos += 2;
      else if (this.keyword('or')) this.pos += 2;
      else return left;
      left = { type: 'or', left, right: this.and() };
    }
  }

  and(): QueryExpr {
    let left = this.unary();
    for (;;) {
      this.ws();
      if (this.src.startsWith('&&', this.pos)) this.pos += 2;
      else if (this.keyword('and')) this.pos += 3;
      else return left;
      left = { type: 'and', left, right: this.unary() };
    }
  }

  unary(): QueryExpr {
    this.ws();
    if (this.src[this.pos] === '!') {
      this.pos++;
      return { type: 'not', expr: this.unary() };
    }
    if (this.keyword('not')) {
      this.pos += 3;
      return { type: 'not', expr: this.unary() };
    }
    if (this.src[this.pos] === '(') {
      this.pos++;
      const e = this.or();
      this.ws();
      if (this.src[this.pos] !== ')') this.fail("')' or 'and', '&&', 'or', '||'");
      this.pos++;
      return e;
    }
    return this.term();
  }

  subject(): QuerySubject {
    const start = this.pos;
    if (this.src.startsWith('attribute:', this.pos)) {
      this.pos += 'attribute:'.length;
      const nameStart = this.pos;
      while (this.pos < this.src.length && ATTRIBUTE_NAME_CHAR.test(this.src[this.pos]!)) this.pos++;
      const name = this.src.slice(nameStart, this.pos);
      if (name.length === 0) this.fail('an attribute name (letters, digits, - _ / \\ .) after attribute:', nameStart);
      if (name.length > 128) this.fail('an attribute name of at most 128 characters', nameStart);
      return { kind: 'attribute', name };
    }
    while (this.pos < this.src.length && WORD_CHAR.test(this.src[this.pos]!)) this.pos++;
    const word = this.src.slice(start, this.pos);
    const known = SUBJECT_NAMES.find((s) => s === word);
    if (known === undefined) {
      this.pos = start;
      this.fail(`a subject (attribute:NAME, ${SUBJECT_NAMES.join(', ')})`);
    }
    return { kind: known };
  }

  operator(subject: QuerySubject): QueryOperator {
    this.ws();
    const start = this.pos;
    let op: QueryOperator | undefined;
    const boundary = (i: number) => i >= this.src.length || !/[A-Za-z0-9_]/.test(this.src[i]!);
    for (const s of SYMBOL_OPERATORS) {
      if (!this.src.startsWith(s, this.pos)) continue;
      // !in and !exists are words after the '!': `!inx` is no operator.
      if (/[a-z]$/.test(s) && !boundary(this.pos + s.length)) continue;
      op = s;
      this.pos += s.length;
      break;
    }
    if (op === undefined) {
      let end = this.pos;
      while (end < this.src.length && /[a-z_]/.test(this.src[end]!)) end++;
      const word = this.src.slice(this.pos, end);
      if (Object.hasOwn(WORD_OPERATORS, word) && boundary(end)) {
        op = WORD_OPERATORS[word]!;
        this.pos = end;
      }
    }
    const allowed = SUBJECT_OPERATORS[subject.kind];
    const list = allowed.join(', ');
    if (op === undefined) this.fail(`an operator for ${subjectLabel(subject)} (${list}, or a word form such as equals)`, start);
    if (!allowed.includes(op)) this.fail(`an operator ${subjectLabel(subject)} accepts (${list})`, start);
    return op;
  }

  /** A quoted string, or a bare word that stops at a space, && or ||, an unmatched ')' and, in a list, at ',' or ']'. */
  value(what: string, inList: boolean): string {
    this.ws();
    const q = this.src[this.pos];
    if (q === "'" || q === '"') {
      const end = this.src.indexOf(q, this.pos + 1);
      if (end < 0) this.fail(`a closing ${q}`, this.src.length);
      const v = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return v;
    }
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (/\s/.test(c)) break;
      if (depth === 0 && (this.src.startsWith('&&', this.pos) || this.src.startsWith('||', this.pos))) break;
      if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') {
        if (depth === 0) break;
        depth--;
      } else if (inList && c === ',' && depth === 0) break;
      this.pos++;
    }
    if (this.pos === start) this.fail(what);
    return this.src.slice(start, this.pos);
  }

  list(what: string): string[] {
    this.ws();
    if (this.src[this.pos] !== '[') this.fail(`a list such as [a, b] of ${what}`);
    this.pos++;
    const out: string[] = [];
    for (;;) {
      out.push(this.value(what, true));
      this.ws();
      if (this.src[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.src[this.pos] === ']') {
        this.pos++;
        return out;
      }
      this.fail("',' or ']'");
    }
  }

  term(): QueryTerm {
    const position = this.pos;
    const subject = this.subject();
    const operator = this.operator(subject);
    const term: QueryTerm = { type: 'term', subject, operator, position };
    if (operator === 'exists' || operator === '!exists') return term;
    const what = argumentKind(subject, operator);
    if (operator === 'in' || operator === '!in') {
      const at = this.pos;
      term.values = this.list(what);
      term.values.forEach((v) => this.checkArgument(subject, operator, v, at));
    } else {
      this.ws();
      const at = this.pos;
      term.value = this.value(what, false);
      this.checkArgument(subject, operator, term.value, at);
    }
    return term;
  }

  checkArgument(subject: QuerySubject, op: QueryOperator, v: string, at: number): void {
    if (op === '=~' || op === '!~') {
      try {
        javaPattern(v);
      } catch (e) {
        this.fail(`a regular expression (${(e as Error).message})`, at);
      }
      return;
    }
    switch (subject.kind) {
      case 'agentConnected':
        if (v !== 'true' && v !== 'false') this.fail('true or false', at);
        break;
      case 'agentVersion':
        if (!VERSION.test(v)) this.fail('a version such as 1.14.5', at);
        break;
      case 'registeredAt':
        if (parseQueryDate(v) === null) this.fail('a date: 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18', at);
        break;
      case 'runningTasksCount':
        if (!/^\d+$/.test(v)) this.fail('a whole number', at);
        break;
      default:
    }
  }
}

const subjectLabel = (s: QuerySubject) => (s.kind === 'attribute' ? `attribute:${s.name}` : s.kind);

function argumentKind(s: QuerySubject, op: QueryOperator): string {
  if (op === '=~' || op === '!~') return 'a pattern';
  switch (s.kind) {
    case 'agentConnected': return 'true or false';
    case 'agentVersion': return 'a version such as 1.14.5';
    case 'registeredAt': return 'a date such as 2018-06-18';
    case 'runningTasksCount': return 'a whole number';
    case 'task:group': return 'a task group such as service:web';
    default: return 'a value';
  }
}

const VERSION = /^\d+(\.\d+)*$/;

/**
 * Parses a cluster query language expression. Throws QueryParseError (InvalidParameterException on
 * `field`) naming the position and what was expected.
 */
export function parseQuery(expression: string, field = 'expression'): QueryExpr {
  return new Parser(expression, field).parse();
}

/** The subjects an expression reads. */
export function querySubjects(e: QueryExpr, into = new Set<QuerySubjectKind>()): Set<QuerySubjectKind> {
  if (e.type === 'term') into.add(e.subject.kind);
  else if (e.type === 'not') querySubjects(e.expr, into);
  else {
    querySubjects(e.left, into);
    querySubjects(e.right, into);
  }
  return into;
}

/** A compiled `=~` pattern: whether it matches the whole value (Java's matches()). */
export interface QueryPattern {
  test(value: string): boolean;
}

/**
 * A Java regular expression compiled with RE2 (re2js, pure JavaScript), which matches in time linear in
 * the value whatever the pattern: a user's pattern such as (a+)+b cannot stall placement, heartbeats or the
 * leader lease the way a backtracking engine would. RE2 takes Java's syntax for what it supports (\Q...\E
 * quoting, \A, \z, classes, groups, alternation); what needs backtracking (backreferences, lookaround,
 * possessive quantifiers, atomic groups) is refused with the engine's message.
 */
export function javaPattern(p: string): QueryPattern {
  const re = RE2JS.compile(p);
  return { test: (value) => re.matches(value) };
}

/**
 * A registeredAt argument as the interval of epoch seconds it stands for, [from, to): a date is its UTC
 * day, a date-time its second (UTC when it has no offset). null when it is none of ECS's formats.
 */
export function parseQueryDate(s: string): { from: number; to: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?)?$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se, zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(se ?? 0));
  const check = new Date(ms);
  // Reject 2018-02-30 and 25:00:00 (Date.UTC rolls them over).
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)
    || check.getUTCHours() !== Number(h ?? 0) || check.getUTCMinutes() !== Number(mi ?? 0) || check.getUTCSeconds() !== Number(se ?? 0)) return null;
  let offset = 0;
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const [oh, om] = zone.slice(1).split(':').map(Number);
    if (oh! > 23 || om! > 59) return null;
    offset = sign * (oh! * 3600 + om! * 60);
  }
  const from = ms / 1000 - offset;
  return { from, to: from + (h === undefined ? 86_400 : 1) };
}

/** Compares dotted version numbers part by part (1.14.5 < 1.80.0); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Attribute ordering: versions (dotted numbers) as versions, numbers as numbers, else strings. */
function compareValues(a: string, b: string): number {
  if (VERSION.test(a) && VERSION.test(b)) return compareVersions(a, b);
  if (NUMBER.test(a) && NUMBER.test(b)) return Math.sign(Number(a) - Number(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

function ordered(op: QueryOperator, cmp: number): boolean {
  switch (op) {
    case '==': return cmp === 0;
    case '!=': return cmp !== 0;
    case '>': return cmp > 0;
    case '>=': return cmp >= 0;
    case '<': return cmp < 0;
    case '<=': return cmp <= 0;
    default: return false;
  }
}

export type CompiledQuery = (i: QueryInstance) => boolean;

/** A test of one optional string value (attributes, ec2InstanceId, agentConnected). */
function stringTest(t: QueryTerm): (v: string | undefined, present: boolean) => boolean {
  const { operator: op } = t;
  switch (op) {
    case 'exists': return (_v, present) => present;
    case '!exists': return (_v, present) => !present;
    case '==': { const a = t.value!; return (v) => v === a; }
    case '!=': { const a = t.value!; return (v) => v !== a; }
    case 'in': { const s = new Set(t.values); return (v) => v !== undefined && s.has(v); }
    case '!in': { const s = new Set(t.values); return (v) => v === undefined || !s.has(v); }
    case '=~': { const re = javaPattern(t.value!); return (v) => v !== undefined && re.test(v); }
    case '!~': { const re = javaPattern(t.value!); return (v) => v === undefined || !re.test(v); }
    default: { const a = t.value!; return (v) => v !== undefined && ordered(op, compareValues(v, a)); }
  }
}

function compileTerm(t: QueryTerm): CompiledQuery {
  const op = t.operator;
  const s = t.subject;
  switch (s.kind) {
    case 'attribute': {
      const test = stringTest(t);
      const name = s.name;
      return (i) => test(i.attributes.get(name), i.attributes.has(name));
    }
    case 'agentConnected': {
      const test = stringTest(t);
      return (i) => test(String(i.agentConnected), true);
    }
    case 'ec2InstanceId': {
      const test = stringTest(t);
      return (i) => test(i.ec2InstanceId, i.ec2InstanceId !== undefined);
    }
    case 'agentVersion': {
      const a = t.value!;
      const pos = op !== '!=';
      return (i) => (i.agentVersion !== undefined && VERSION.test(i.agentVersion) ? ordered(op, compareVersions(i.agentVersion, a)) : !pos);
    }
    case 'runningTasksCount': {
      const a = Number(t.value);
      return (i) => ordered(op, Math.sign(i.runningTasksCount - a));
    }
    case 'registeredAt': {
      const { from, to } = parseQueryDate(t.value!)!;
      const test = (at: number): boolean => {
        switch (op) {
          case '==': return at >= from && at < to;
          case '!=': return at < from || at >= to;
          case '<': return at < from;
          case '<=': return at < to;
          case '>': return at >= to;
          default: return at >= from; // >=
        }
      };
      return (i) => (i.registeredAt === undefined ? op === '!=' : test(i.registeredAt));
    }
    case 'task:group': {
      switch (op) {
        case 'exists': return (i) => i.taskGroups.size > 0;
        case '!exists': return (i) => i.taskGroups.size === 0;
        case '==': { const a = t.value!; return (i) => i.taskGroups.has(a); }
        case '!=': { const a = t.value!; return (i) => !i.taskGroups.has(a); }
        case 'in': { const vs = t.values!; return (i) => vs.some((v) => i.taskGroups.has(v)); }
        case '!in': { const vs = t.values!; return (i) => !vs.some((v) => i.taskGroups.has(v)); }
        case '=~': { const re = javaPattern(t.value!); return (i) => anyGroup(i, re); }
        default: { const re = javaPattern(t.value!); return (i) => !anyGroup(i, re); }
      }
    }
  }
}

function anyGroup(i: QueryInstance, re: QueryPattern): boolean {
  for (const g of i.taskGroups.keys()) if (re.test(g)) return true;
  return false;
}

/** An expression as a predicate over instances (parse once, test many). */
export function compileQuery(e: QueryExpr): CompiledQuery {
  switch (e.type) {
    case 'term': return compileTerm(e);
    case 'not': { const f = compileQuery(e.expr); return (i) => !f(i); }
    case 'and': { const l = compileQuery(e.left); const r = compileQuery(e.right); return (i) => l(i) && r(i); }
    case 'or': { const l = compileQuery(e.left); const r = compileQuery(e.right); return (i) => l(i) || r(i); }
  }
}

/** Attributes as the map QueryInstance reads (later duplicates win). */
export function attributeMap(list: readonly Attribute[] | undefined): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const a of list ?? []) m.set(a.name, a.value);
  return m;
}

/** ECS's limit on a memberOf expression. */
export const MAX_CONSTRAINT_EXPRESSION = 2000;

/** A memberOf expression: required, at most 2000 characters, and valid cluster query language. */
export function checkConstraintExpression(field: string, expression: string | undefined): void {
  if (expression === undefined || expression.trim() === '') throw invalid(field, 'The memberOf placement constraint needs an expression.');
  if (expression.length > MAX_CONSTRAINT_EXPRESSION) {
    throw invalid(field, `A placement constraint expression can have at most ${MAX_CONSTRAINT_EXPRESSION} characters (${expression.length} given).`);
  }
  parseQuery(expression, field);
}
