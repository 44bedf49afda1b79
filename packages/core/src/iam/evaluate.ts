// IAM's evaluation of identity policies for one request: a statement applies when its action (or
// NotAction), its resource (or NotResource) and every one of its conditions match; an applicable Deny
// anywhere wins, else an applicable Allow allows, else the request is denied by default. A call naming
// several resources is allowed only if every one of them is. AWS's managed policies and a user's own are
// evaluated alike.
import type { Condition, ConditionKey, ConditionOperator, Policy, Statement } from './policy.js';
import { arnMatch, wildcardMatch } from './wildcard.js';

/** What a request supplies to the condition keys (absent: the request has no such key). */
export type RequestContext = Partial<Record<ConditionKey, string>>;

export type PolicyDecision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

const actionMatches = (patterns: string[], action: string) => patterns.some((p) => wildcardMatch(p, action, true));
const resourceMatches = (patterns: string[], resource: string) => patterns.some((p) => arnMatch(p, resource));

const equals = (p: string, v: string) => p === v;
const like = (p: string, v: string) => wildcardMatch(p, v);
/** Each operator: how one policy value matches the request's value, and whether the operator negates. */
const OPERATORS: Record<ConditionOperator, { match: (pattern: string, value: string) => boolean; negated: boolean }> = {
  StringEquals: { match: equals, negated: false },
  StringNotEquals: { match: equals, negated: true },
  StringLike: { match: like, negated: false },
  StringNotLike: { match: like, negated: true },
  // Both ARN operators take wildcards, segment by segment.
  ArnEquals: { match: arnMatch, negated: false },
  ArnNotEquals: { match: arnMatch, negated: true },
  ArnLike: { match: arnMatch, negated: false },
  ArnNotLike: { match: arnMatch, negated: true },
};

/**
 * One condition against the request. A key the request does not have satisfies ...IfExists and the negated
 * operators (StringNotEquals, ArnNotLike, ...), and fails the others, as IAM documents.
 */
export function conditionHolds(c: Condition, context: RequestContext): boolean {
  const { match, negated } = OPERATORS[c.operator];
  const value = context[c.key];
  if (value === undefined) return c.ifExists || negated;
  const any = c.values.some((p) => match(p, value));
  return negated ? !any : any;
}

function applies(s: Statement, action: string, resource: string, context: RequestContext): boolean {
  const actionOk = s.action ? actionMatches(s.action, action) : !actionMatches(s.notAction!, action);
  const resourceOk = s.resource ? resourceMatches(s.resource, resource) : !resourceMatches(s.notResource!, resource);
  return actionOk && resourceOk && s.conditions.every((c) => conditionHolds(c, context));
}

/** The decision for one action on one resource. */
export function evaluate(policies: readonly Policy[], action: string, resource: string, context: RequestContext = {}): PolicyDecision {
  let allowed = false;
  for (const p of policies) {
    for (const s of p.statements) {
      if (!applies(s, action, resource, context)) continue;
      if (s.effect === 'Deny') return 'ExplicitDeny';
      allowed = true;
    }
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}

/** A call on several resources: allowed when each is; else the first refused resource and why (an explicit deny first). */
export function evaluateAll(policies: readonly Policy[], action: string, resources: readonly string[], context: RequestContext = {}):
  { decision: 'Allow' } | { decision: 'ExplicitDeny' | 'ImplicitDeny'; resource: string } {
  let implicit: string | undefined;
  for (const r of resources) {
    const d = evaluate(policies, action, r, context);
    if (d === 'ExplicitDeny') return { decision: d, resource: r };
    if (d === 'ImplicitDeny') implicit ??= r;
  }
  return implicit === undefined ? { decision: 'Allow' } : { decision: 'ImplicitDeny', resource: implicit };
}
