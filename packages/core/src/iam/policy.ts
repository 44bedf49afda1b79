// IAM identity policies: the grammar IAM accepts at PutUserPolicy, checked in IAM's order and refused with
// IAM's texts (MalformedPolicyDocument), and the parsed form the evaluator reads.
//
// Version (2012-10-17), Id, Statement (one object or a list), and in each statement Sid, Effect, Action or
// NotAction, Resource or NotResource, Condition. What Berth cannot evaluate is refused here, naming it,
// never accepted and ignored (an Allow whose condition were ignored would grant more than written, a Deny
// whose variable were not substituted less): a Condition other than `ecs:cluster` under the String and ARN
// operators (StringEquals, StringNotEquals, StringLike, StringNotLike, ArnEquals, ArnNotEquals, ArnLike,
// ArnNotLike, each also ...IfExists), the ForAnyValue:/ForAllValues: set operators, and policy variables
// (`${aws:username}`). `Principal` belongs to resource policies and is refused in an identity policy.
import { BerthError, unsupportedSentence } from '../errors.js';

export type Effect = 'Allow' | 'Deny';

/** The condition operators Berth evaluates (their IfExists forms are flagged on the condition). */
export const CONDITION_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'ArnEquals', 'ArnNotEquals', 'ArnLike', 'ArnNotLike'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** The condition keys Berth supplies (their values are what the authorization table puts in a request's context). */
export const CONDITION_KEYS = ['ecs:cluster'] as const;
/** The keys a role's trust policy may test (lower case, as keys compare): who asks to assume the role, the account and the task (AWS's confused-deputy guard). */
export const TRUST_CONDITION_KEYS = ['aws:sourceaccount', 'aws:sourcearn'] as const;
export type ConditionKey = (typeof CONDITION_KEYS)[number] | (typeof TRUST_CONDITION_KEYS)[number];

export interface Condition {
  operator: ConditionOperator;
  /** `...IfExists`: a key absent from the request satisfies the condition. */
  ifExists: boolean;
  key: ConditionKey;
  /** Any one matching satisfies a positive operator; none may match a negated one. */
  values: string[];
}

export interface Statement {
  sid?: string;
  effect: Effect;
  /** Exactly one of action / notAction, and of resource / notResource. */
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  /** Every condition must hold (AND across operators and keys). */
  conditions: Condition[];
}

export interface Policy {
  statements: Statement[];
}

const TOP = new Set(['Version', 'Id', 'Statement']);
const STATEMENT = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
export const VERSIONS = new Set(['2008-10-17', '2012-10-17']);
const SID = /^[0-9A-Za-z]*$/;

// The pieces below are shared with the trust-policy grammar (trust-policy.ts).
export const malformed = (message: string) => new BerthError('MalformedPolicyDocumentException', message);
/** IAM's answer to anything that is not the grammar's shape. */
export const syntax = () => malformed('Syntax errors in policy.');

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isStringOrStrings = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
export const list = (v: unknown): string[] | undefined => (v === undefined ? undefined : typeof v === 'string' ? [v] : (v as string[]));

/** The statements of a policy document's JSON, checked against the grammar's shape (IAM's first pass). */
function statementsOf(doc: unknown): Json[] {
  if (!isObject(doc)) throw syntax();
  const all = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  // Before the shape: IAM names a Principal in an identity policy rather than calling it a syntax error.
  if (all.some((s) => isObject(s) && ('Principal' in s || 'NotPrincipal' in s))) throw malformed('Policy document should not specify a principal.');
  if (Object.keys(doc).some((k) => !TOP.has(k))) throw syntax();
  if (doc.Version !== undefined && (typeof doc.Version !== 'string' || !VERSIONS.has(doc.Version))) throw syntax();
  if (doc.Id !== undefined && typeof doc.Id !== 'string') throw syntax();
  if (!isObject(doc.Statement) && !(Array.isArray(doc.Statement) && doc.Statement.length > 0)) throw syntax();
  for (const s of all) {
    if (!isObject(s) || Object.keys(s).some((k) => !STATEMENT.has(k))) throw syntax();
    if (('Action' in s && 'NotAction' in s) || ('Resource' in s && 'NotResource' in s)) throw syntax();
    if (typeof s.Effect !== 'string' || !/^(allow|deny)$/i.test(s.Effect)) throw syntax();
    for (const k of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) if (k in s && !isStringOrStrings(s[k])) throw syntax();
    if (s.Sid !== undefined && typeof s.Sid !== 'string') throw syntax();
    if (s.Condition !== undefined) {
      if (!isObject(s.Condition)) throw syntax();
      for (const block of Object.values(s.Condition)) {
        if (!isObject(block) || !Object.values(block).every(isStringOrStrings)) throw syntax();
      }
    }
  }
  return all as Json[];
}

/** IAM's checks of a resource pattern's form; the message of the first one that fails, if any. */
function resourceError(r: string): string | undefined {
  if (r === '*') return undefined;
  const parts = r.split(':');
  if (parts.length < 2 || parts[0] !== 'arn') return `Resource ${r} must be in ARN format or "*".`;
  if (parts[1] !== 'aws') {
    const service = parts[2] === undefined || (parts[2] === '' && parts.length === 3) ? '*' : parts[2];
    return `Partition "${parts[1]}" is not valid for resource "arn:${parts[1]}:${service}:${parts[3] ?? '*'}:${parts[4] ?? '*'}:${parts.length > 5 ? parts.slice(5).join(':') : '*'}".`;
  }
  if (parts.length < 3 || parts[2] === '' || /[*?]/.test(parts[2]!)) return 'Resource vendor must be fully qualified and cannot contain regexes.';
  if (parts[2] === 'iam' && parts[3] !== '') return `IAM resource ${r} cannot contain region information.`;
  return undefined;
}

/** IAM's checks of an action's form. */
export function checkAction(a: string): void {
  if (a === '*') return;
  const parts = a.split(':');
  if (parts.length === 1) throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  if (parts.length > 2) throw malformed('Actions/Condition can contain only one colon.');
  if (/[^a-zA-Z0-9\-.]/.test(parts[0]!)) throw malformed(`Vendor ${parts[0]} is not valid`);
}

export const unsupported = (what: string, why: string) => malformed(unsupportedSentence('The policy', what, why));
const ONLY = 'Berth evaluates only the ecs:cluster condition key, with the String and ARN operators (an Allow whose condition were ignored would grant more than written).';

/** A statement's Condition block, in the form the evaluator reads; what Berth cannot evaluate (keys beyond `keys`) is refused naming it. */
export function conditionsOf(block: Json | undefined, keys: readonly ConditionKey[] = CONDITION_KEYS, only = ONLY): Condition[] {
  const out: Condition[] = [];
  for (const [name, entries] of Object.entries(block ?? {})) {
    if (/^(ForAnyValue|ForAllValues):/.test(name)) throw unsupported(`the set operator ${name}`, only);
    const ifExists = name.endsWith('IfExists');
    const operator = ifExists ? name.slice(0, -'IfExists'.length) : name;
    if (!(CONDITION_OPERATORS as readonly string[]).includes(operator)) throw unsupported(`the condition operator ${name}`, only);
    for (const [key, values] of Object.entries(entries as Json)) {
      // Condition keys are case-insensitive in IAM.
      const known = keys.find((k) => k === key.toLowerCase());
      if (!known) throw unsupported(`the condition key ${key}`, only);
      out.push({ operator: operator as ConditionOperator, ifExists, key: known, values: list(values)! });
    }
  }
  return out;
}

/** A policy variable in a pattern or value: Berth does not substitute them, so it refuses them. */
export function checkNoVariables(values: string[]): void {
  const v = values.find((x) => x.includes('${'));
  if (v !== undefined) throw unsupported(`a policy variable (${v})`, 'policy variables such as ${aws:username} are not substituted; name the resource instead.');
}

/**
 * Parses and checks a policy document as IAM does at PutUserPolicy, in IAM's order: the JSON and the
 * grammar's shape, the version, the effect's exact case, unique (alphanumeric) Sids,
 * actions and resources present, the resources' and actions' form; then what Berth cannot evaluate.
 */
export function parsePolicy(text: string): Policy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw syntax();
  }
  const raw = statementsOf(doc);
  if ((doc as Json).Version !== '2012-10-17') throw malformed('Policy document must be version 2012-10-17 or greater.');
  // The effect's case is checked in a second pass, as IAM's legacy parser does.
  if (raw.some((s) => s.Effect !== 'Allow' && s.Effect !== 'Deny')) throw malformed('The policy failed legacy parsing');
  const sids = raw.map((s) => s.Sid as string | undefined).filter((x): x is string => !!x);
  if (new Set(sids).size !== sids.length) throw malformed('Statement IDs (SID) in a single policy must be unique.');
  if (sids.some((x) => !SID.test(x))) throw malformed('Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*');
  if (raw.some((s) => !(list(s.Action) ?? list(s.NotAction))?.length)) throw malformed('Policy statement must contain actions.');
  if (raw.some((s) => !(list(s.Resource) ?? list(s.NotResource))?.length)) throw malformed('Policy statement must contain resources.');
  const resourceFault = raw.flatMap((s) => list(s.Resource) ?? list(s.NotResource)!).map(resourceError).find((e) => e !== undefined);
  if (resourceFault) throw malformed(resourceFault);
  for (const s of raw) for (const a of list(s.Action) ?? list(s.NotAction)!) checkAction(a);

  return {
    statements: raw.map((s): Statement => {
      const resources = list(s.Resource) ?? list(s.NotResource)!;
      const conditions = conditionsOf(s.Condition as Json | undefined);
      checkNoVariables([...resources, ...conditions.flatMap((c) => c.values)]);
      return {
        ...(s.Sid ? { sid: s.Sid as string } : {}),
        effect: s.Effect as Effect,
        ...('Action' in s ? { action: list(s.Action)! } : { notAction: list(s.NotAction)! }),
        ...('Resource' in s ? { resource: resources } : { notResource: resources }),
        conditions,
      };
    }),
  };
}
