// A role's trust policy (CreateRole's AssumeRolePolicyDocument): who may assume the role. IAM's grammar
// for it, with IAM's texts: statements name a Principal (`*`, or Service / AWS principals), an Action
// (`sts:AssumeRole`...) and no Resource. Berth hands a role's credentials out to ECS tasks only (their
// execution role resolves secrets, their task role gives the application credentials), and only when the
// trust policy allows the service principal `ecs-tasks.amazonaws.com` to `sts:AssumeRole`, as ECS requires.
// What Berth could not evaluate as written is refused naming it: NotPrincipal, Federated and CanonicalUser
// principals, conditions other than aws:SourceAccount and aws:SourceArn (AWS's confused-deputy guard,
// which ECS's documentation puts in its trust policies) under the String and ARN operators.
import { conditionHolds, type RequestContext } from './evaluate.js';
import { TRUST_CONDITION_KEYS, VERSIONS, checkAction, checkNoVariables, conditionsOf, isObject, isStringOrStrings, list, malformed, syntax, unsupported, type Condition, type Effect, type Json } from './policy.js';
import { wildcardMatch } from './wildcard.js';

/** The service principal ECS tasks assume their roles as. */
export const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';

export interface TrustStatement {
  effect: Effect;
  /** `Principal: "*"` (or `{"AWS": "*"}`): anyone. */
  anyone: boolean;
  services: string[];
  /** Accounts and ARNs (kept: Berth has no STS AssumeRole, so they are never handed credentials). */
  aws: string[];
  action?: string[];
  notAction?: string[];
  conditions: Condition[];
}

export interface TrustPolicy {
  statements: TrustStatement[];
}

const STATEMENT = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Condition', 'Resource', 'NotResource']);
const ONLY = 'Berth evaluates only the aws:SourceAccount and aws:SourceArn condition keys in a trust policy, with the String and ARN operators.';

function principalOf(p: unknown): Pick<TrustStatement, 'anyone' | 'services' | 'aws'> {
  if (p === '*') return { anyone: true, services: [], aws: [] };
  if (!isObject(p) || Object.keys(p).length === 0 || !Object.values(p).every(isStringOrStrings)) throw syntax();
  for (const k of Object.keys(p)) {
    if (k === 'Federated' || k === 'CanonicalUser') throw unsupported(`the ${k} principal`, 'Berth hands a role\'s credentials to ECS tasks only (the ecs-tasks.amazonaws.com service principal).');
    if (k !== 'Service' && k !== 'AWS') throw malformed(`Invalid principal in policy: "${k}"`);
  }
  const services = list(p.Service) ?? [];
  // IAM checks a service principal's form: a DNS name.
  const bad = services.find((s) => !/^[a-z0-9.-]+\.[a-z]+$/.test(s));
  if (bad !== undefined) throw malformed(`Invalid principal in policy: "SERVICE":"${bad}"`);
  const aws = list(p.AWS) ?? [];
  return { anyone: aws.includes('*'), services, aws };
}

/** Parses and checks a trust policy as IAM does at CreateRole (MalformedPolicyDocument with IAM's texts). */
export function parseTrustPolicy(text: string): TrustPolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw syntax();
  }
  if (!isObject(doc) || Object.keys(doc).some((k) => !['Version', 'Id', 'Statement'].includes(k))) throw syntax();
  if (doc.Version !== undefined && (typeof doc.Version !== 'string' || !VERSIONS.has(doc.Version))) throw syntax();
  const raw = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as unknown[];
  if (raw.length === 0 || !raw.every((s) => isObject(s) && Object.keys(s).every((k) => STATEMENT.has(k)))) throw syntax();
  const statements = (raw as Json[]).map((s): TrustStatement => {
    if (typeof s.Effect !== 'string' || !/^(Allow|Deny)$/.test(s.Effect)) throw syntax();
    if ('Resource' in s) throw malformed('Has prohibited field Resource');
    if ('NotResource' in s) throw malformed('Has prohibited field NotResource');
    if ('NotPrincipal' in s) throw unsupported('NotPrincipal', 'name the principals the role trusts in Principal.');
    if (!('Principal' in s)) throw malformed('Missing required field Principal');
    if (('Action' in s) === ('NotAction' in s)) throw malformed('Policy statement must contain actions.');
    const actions = list(s.Action) ?? list(s.NotAction)!;
    if (!isStringOrStrings(s.Action ?? s.NotAction) || actions.length === 0) throw syntax();
    for (const a of actions) checkAction(a);
    if (s.Condition !== undefined && !isObject(s.Condition)) throw syntax();
    const conditions = conditionsOf(s.Condition as Json | undefined, TRUST_CONDITION_KEYS, ONLY);
    checkNoVariables(conditions.flatMap((c) => c.values));
    return {
      effect: s.Effect as Effect,
      ...principalOf(s.Principal),
      ...('Action' in s ? { action: actions } : { notAction: actions }),
      conditions,
    };
  });
  return { statements };
}

function applies(s: TrustStatement, service: string, action: string, context: RequestContext): boolean {
  const principalOk = s.anyone || s.services.includes(service);
  const actionOk = s.action ? s.action.some((p) => wildcardMatch(p, action, true)) : !s.notAction!.some((p) => wildcardMatch(p, action, true));
  return principalOk && actionOk && s.conditions.every((c) => conditionHolds(c, context));
}

/**
 * Whether the trust policy lets a service principal assume the role (`sts:AssumeRole`) for a request whose
 * source account and ARN are `context`'s: an applicable Deny wins, else an applicable Allow allows.
 */
export function trustsService(policy: TrustPolicy, service: string, context: RequestContext = {}, action = 'sts:AssumeRole'): boolean {
  let allowed = false;
  for (const s of policy.statements) {
    if (!applies(s, service, action, context)) continue;
    if (s.effect === 'Deny') return false;
    allowed = true;
  }
  return allowed;
}
