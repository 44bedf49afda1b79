// ELBv2's own rules beyond the model's shapes (which the seam's checkShape has applied already): names,
// protocols, actions, rule conditions, priorities, target-group attributes and their defaults, and
// ELB's quotas. Pure: the handlers read and write, these decide. Refusals are the query protocol's
// ValidationError in ELB's words; what Berth does not build yet is refused naming the member, never
// kept and ignored. Every value that will reach HAProxy's configuration is limited here to printable
// ASCII: a newline or control character never gets past the API (the config generator escapes too).
import { BerthError, unsupportedSentence } from '../errors.js';
import type { Elbv2 } from '../model/apis.js';
import { parseTargetGroupArn } from './arns.js';

/** ELB's quotas (Application and Network Load Balancers, per region and per load balancer). */
export const ELB_LIMITS = {
  loadBalancers: 50,
  targetGroups: 3000,
  listenersPerLoadBalancer: 50,
  rulesPerLoadBalancer: 100,
  targetsPerTargetGroup: 1000,
  targetGroupsPerAction: 5,
  conditionValuesPerRule: 5,
  wildcardsPerRule: 5,
  describePageSize: 400,
} as const;

/** A group of load-balancer machines (`berth-lb --group NAME`), which a load balancer's Subnets name. */
export const LB_GROUP = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export const validation = (message: string, field?: string) => new BerthError('ValidationError', message, field);
const notBuilt = (field: string, why: string) => validation(unsupportedSentence('The request', field, why), field);

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

/** A load balancer's or target group's name: ELB's rule, in its words. */
export function checkElbName(name: string, what: 'load balancer' | 'target group', field = 'Name'): void {
  if (!NAME.test(name)) {
    throw validation(`The ${what} name '${printable(name)}' must be at most 32 characters, contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen.`, field);
  }
  if (what === 'load balancer' && name.toLowerCase().startsWith('internal-')) throw validation(`The load balancer name '${name}' cannot begin with 'internal-'.`, field);
}

/** What a value shows in a message: control characters as escapes, bounded. */
function printable(v: string): string {
  return JSON.stringify(v.slice(0, 64)).slice(1, -1);
}

/** Printable ASCII only: what reaches HAProxy's configuration can hold no line break or control character. */
export function checkPrintable(value: string, field: string, max = 128): void {
  if (value.length > max) throw validation(`'${printable(value)}...' is longer than ${max} characters.`, field);
  if (!/^[\x20-\x7e]*$/.test(value)) throw validation(`'${printable(value)}' contains a character outside printable ASCII (a line break or control character); ELB values here are printable ASCII.`, field);
}

// --- protocols -------------------------------------------------------------------------------------
export type LoadBalancerType = 'application' | 'network';
const LISTENER_PROTOCOLS: Record<LoadBalancerType, readonly string[]> = { application: ['HTTP', 'HTTPS'], network: ['TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'] };
/** What Berth's HAProxy serves today. */
const BUILT_PROTOCOLS = ['HTTP', 'TCP'];

/** A listener's protocol for its load balancer's type: ELB's refusal of a mismatch, Berth's of what is not built. */
export function checkListenerProtocol(type: LoadBalancerType, protocol: string, field = 'Protocol'): void {
  if (!LISTENER_PROTOCOLS[type].includes(protocol)) throw new BerthError('UnsupportedProtocolException', `Protocol '${protocol}' is not supported by ${type === 'application' ? 'Application' : 'Network'} Load Balancers.`, field);
  if (!BUILT_PROTOCOLS.includes(protocol)) {
    const why = protocol === 'HTTPS' || protocol === 'TLS'
      ? 'listeners terminating TLS (with an IAM server certificate) are not built yet; use HTTP or TCP.'
      : 'Berth\'s load balancers serve HTTP and TCP listeners only; use HTTP or TCP.';
    throw notBuilt(field, why);
  }
}

/** A target group's protocol (HTTP for Application, TCP for Network Load Balancers). */
export function checkTargetGroupProtocol(protocol: string, field = 'Protocol'): void {
  if (!BUILT_PROTOCOLS.includes(protocol)) throw notBuilt(field, `target groups speak HTTP or TCP to their targets, not ${protocol}.`);
}

// --- target groups -----------------------------------------------------------------------------------
/** ELB's health check defaults by the target group's protocol. */
export function targetGroupDefaults(protocol: 'HTTP' | 'TCP'): Required<Pick<Elbv2.TargetGroup, 'HealthCheckProtocol' | 'HealthCheckPort' | 'HealthCheckEnabled' | 'HealthCheckIntervalSeconds' | 'HealthCheckTimeoutSeconds' | 'HealthyThresholdCount' | 'UnhealthyThresholdCount'>> & Pick<Elbv2.TargetGroup, 'HealthCheckPath' | 'Matcher'> {
  return protocol === 'HTTP'
    ? { HealthCheckProtocol: 'HTTP', HealthCheckPort: 'traffic-port', HealthCheckEnabled: true, HealthCheckIntervalSeconds: 30, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 5, UnhealthyThresholdCount: 2, HealthCheckPath: '/', Matcher: { HttpCode: '200' } }
    : { HealthCheckProtocol: 'TCP', HealthCheckPort: 'traffic-port', HealthCheckEnabled: true, HealthCheckIntervalSeconds: 30, HealthCheckTimeoutSeconds: 10, HealthyThresholdCount: 5, UnhealthyThresholdCount: 2 };
}

/** The health check as a target group will have it, checked: ELB's rules between the members. */
export function checkHealthCheck(tg: Elbv2.TargetGroup): void {
  if (tg.HealthCheckProtocol !== undefined) checkTargetGroupProtocol(tg.HealthCheckProtocol, 'HealthCheckProtocol');
  if (tg.HealthCheckPath !== undefined) {
    checkPrintable(tg.HealthCheckPath, 'HealthCheckPath', 1024);
    if (!tg.HealthCheckPath.startsWith('/')) throw validation('A health check path must begin with a \'/\' character.', 'HealthCheckPath');
    if (/\s/.test(tg.HealthCheckPath)) throw validation('A health check path cannot contain spaces.', 'HealthCheckPath');
  }
  if (tg.HealthCheckProtocol === 'TCP' && (tg.HealthCheckPath !== undefined || tg.Matcher !== undefined)) {
    throw validation('Health check path and matcher are not supported with the TCP health check protocol.', tg.HealthCheckPath !== undefined ? 'HealthCheckPath' : 'Matcher');
  }
  const port = tg.HealthCheckPort;
  if (port !== undefined && port !== 'traffic-port' && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw validation(`Health check port '${printable(port)}' must be 'traffic-port' or a port from 1 to 65535.`, 'HealthCheckPort');
  }
  if (tg.Matcher?.GrpcCode !== undefined) throw notBuilt('Matcher.GrpcCode', 'there are no gRPC target groups; use Matcher.HttpCode.');
  if (tg.Matcher?.HttpCode !== undefined) httpCodes(tg.Matcher.HttpCode);
  if ((tg.HealthCheckTimeoutSeconds ?? 0) >= (tg.HealthCheckIntervalSeconds ?? Infinity)) {
    throw validation('Health check timeout must be smaller than the interval.', 'HealthCheckTimeoutSeconds');
  }
}

/** A matcher's codes (`200`, `200,302`, `200-299`) as the ranges they name, checked. */
export function httpCodes(spec: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
    const lo = Number(m?.[1]), hi = Number(m?.[2] ?? m?.[1]);
    if (!m || lo < 200 || hi > 499 || lo > hi) throw validation(`Matcher HttpCode '${printable(spec)}' must be codes or ranges from 200 to 499 ('200', '200,302', '200-299').`, 'Matcher.HttpCode');
    out.push([lo, hi]);
  }
  return out;
}

/** Target-group attributes Berth acts on, their defaults and checks. */
const ATTRIBUTES: Record<string, { default: (protocol: string) => string; check: (v: string) => boolean; rule: string }> = {
  'deregistration_delay.timeout_seconds': { default: () => '300', check: (v) => intIn(v, 0, 3600), rule: 'an integer from 0 to 3600' },
  'slow_start.duration_seconds': { default: () => '0', check: (v) => v === '0' || intIn(v, 30, 900), rule: '0 or an integer from 30 to 900' },
  'stickiness.enabled': { default: () => 'false', check: (v) => v === 'true' || v === 'false', rule: 'true or false' },
  'stickiness.type': { default: (p) => (p === 'TCP' ? 'source_ip' : 'lb_cookie'), check: (v) => v === 'lb_cookie' || v === 'source_ip', rule: 'lb_cookie or source_ip' },
  'stickiness.lb_cookie.duration_seconds': { default: () => '86400', check: (v) => intIn(v, 1, 604800), rule: 'an integer from 1 to 604800' },
  'load_balancing.algorithm.type': { default: () => 'round_robin', check: (v) => v === 'round_robin' || v === 'least_outstanding_requests', rule: 'round_robin or least_outstanding_requests' },
};
const intIn = (v: string, lo: number, hi: number) => /^\d{1,7}$/.test(v) && Number(v) >= lo && Number(v) <= hi;

/** Every attribute with its default, for a target group of this protocol. */
export function defaultTargetGroupAttributes(protocol: string): Record<string, string> {
  return Object.fromEntries(Object.entries(ATTRIBUTES).map(([k, a]) => [k, a.default(protocol)]));
}

/** Applies ModifyTargetGroupAttributes' changes to the current attributes, each checked. */
export function modifyTargetGroupAttributes(current: Record<string, string>, changes: Elbv2.TargetGroupAttribute[], protocol: string): Record<string, string> {
  const out = { ...current };
  for (const [i, a] of changes.entries()) {
    const field = `Attributes[${i}]`;
    if (a.Key === undefined || a.Value === undefined) throw validation('An attribute needs a Key and a Value.', field);
    const def = Object.hasOwn(ATTRIBUTES, a.Key) ? ATTRIBUTES[a.Key]! : undefined;
    if (!def) throw notBuilt(`${field}.Key`, `the target group attribute '${printable(a.Key)}' is not acted on (Berth knows ${Object.keys(ATTRIBUTES).join(', ')}).`);
    if (!def.check(a.Value)) throw validation(`The value of '${a.Key}' must be ${def.rule}.`, `${field}.Value`);
    if (a.Key === 'stickiness.type' && a.Value === 'source_ip' && protocol !== 'TCP') throw validation('Stickiness type \'source_ip\' is for TCP target groups; HTTP target groups use \'lb_cookie\'.', `${field}.Value`);
    out[a.Key] = a.Value;
  }
  return out;
}

// --- actions -----------------------------------------------------------------------------------------
const CONTENT_TYPES = ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'];
const REDIRECT_PARTS = ['Protocol', 'Port', 'Host', 'Path', 'Query'] as const;

/**
 * A listener's default actions or a rule's actions, checked for a listener of this protocol; returns the
 * ARNs of the target groups they forward to (the references a target group's deletion respects).
 */
export function checkActions(actions: Elbv2.Action[], field: string, protocol: string): string[] {
  if (actions.length === 0) throw validation('At least one action must be specified.', field);
  // Berth builds no authentication action, so a rule has exactly one: its terminal action.
  if (actions.length > 1) throw notBuilt(`${field}[1]`, 'a rule has one action (forward, fixed-response or redirect); authentication actions before it are not built.');
  const a = actions[0]!;
  const at = `${field}[0]`;
  if (a.Order !== undefined && (a.Order < 1 || a.Order > 50000)) throw validation('An action\'s Order must be from 1 to 50000.', `${at}.Order`);
  if (protocol === 'TCP' && a.Type !== 'forward') throw new BerthError('InvalidLoadBalancerActionException', `A ${protocol} listener's action must be 'forward', not '${a.Type}'.`, `${at}.Type`);
  switch (a.Type) {
    case 'forward': return forwardTargets(a, at, protocol);
    case 'fixed-response': {
      const c = a.FixedResponseConfig;
      if (!c) throw validation('A fixed-response action needs a FixedResponseConfig.', `${at}.FixedResponseConfig`);
      if (c.ContentType !== undefined && !CONTENT_TYPES.includes(c.ContentType)) throw validation(`ContentType must be one of ${CONTENT_TYPES.join(', ')}.`, `${at}.FixedResponseConfig.ContentType`);
      // The body goes to HAProxy through a file of its own, any text; one line break or control byte still says nothing useful.
      if (c.MessageBody !== undefined && /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(c.MessageBody)) throw validation('MessageBody cannot contain control characters.', `${at}.FixedResponseConfig.MessageBody`);
      rejectOthers(a, at, 'FixedResponseConfig');
      return [];
    }
    case 'redirect': {
      const c = a.RedirectConfig;
      if (!c) throw validation('A redirect action needs a RedirectConfig.', `${at}.RedirectConfig`);
      for (const p of REDIRECT_PARTS) if (c[p] !== undefined) checkPrintable(String(c[p]), `${at}.RedirectConfig.${p}`);
      if (REDIRECT_PARTS.every((p) => c[p] === undefined || c[p] === `#{${p.toLowerCase()}}`)) {
        throw new BerthError('InvalidLoadBalancerActionException', 'The redirect must change at least one of protocol, port, host, path or query, or it would loop.', `${at}.RedirectConfig`);
      }
      if (c.Protocol !== undefined && !['HTTP', 'HTTPS', '#{protocol}'].includes(c.Protocol)) throw validation('Redirect Protocol must be HTTP, HTTPS or #{protocol}.', `${at}.RedirectConfig.Protocol`);
      if (c.Port !== undefined && c.Port !== '#{port}' && !intIn(c.Port, 1, 65535)) throw validation('Redirect Port must be from 1 to 65535 or #{port}.', `${at}.RedirectConfig.Port`);
      if (c.Path !== undefined && !c.Path.startsWith('/')) throw validation('Redirect Path must begin with a \'/\' character.', `${at}.RedirectConfig.Path`);
      if (c.Query?.startsWith('?')) throw validation('Redirect Query must not begin with \'?\'.', `${at}.RedirectConfig.Query`);
      if (c.Host !== undefined && !/^[A-Za-z0-9.#{}-]+$/.test(c.Host)) throw validation('Redirect Host may hold letters, digits, hyphens, dots and #{host}.', `${at}.RedirectConfig.Host`);
      rejectOthers(a, at, 'RedirectConfig');
      return [];
    }
    default:
      throw notBuilt(`${at}.Type`, `'${a.Type}' actions are not built; use forward, fixed-response or redirect.`);
  }
}

/** A forward action's target groups: TargetGroupArn, or ForwardConfig's weighted list (both: they agree). */
function forwardTargets(a: Elbv2.Action, at: string, protocol: string): string[] {
  rejectOthers(a, at, 'ForwardConfig', 'TargetGroupArn');
  const groups = a.ForwardConfig?.TargetGroups;
  if (a.ForwardConfig?.TargetGroupStickinessConfig?.Enabled) throw notBuilt(`${at}.ForwardConfig.TargetGroupStickinessConfig`, 'stickiness across the target groups of one action is not built; use a target group\'s stickiness attributes.');
  if (groups === undefined || groups.length === 0) {
    if (a.TargetGroupArn === undefined) throw validation('A forward action needs a TargetGroupArn or a ForwardConfig with target groups.', `${at}.TargetGroupArn`);
    return [checkTargetGroupRef(a.TargetGroupArn, `${at}.TargetGroupArn`)];
  }
  if (groups.length > ELB_LIMITS.targetGroupsPerAction) throw new BerthError('TooManyTargetGroupsException', `A forward action can have at most ${ELB_LIMITS.targetGroupsPerAction} target groups.`, `${at}.ForwardConfig.TargetGroups`);
  if (protocol === 'TCP' && groups.length > 1) throw new BerthError('InvalidLoadBalancerActionException', 'A TCP listener forwards to one target group.', `${at}.ForwardConfig.TargetGroups`);
  const arns = groups.map((g, i) => {
    const f = `${at}.ForwardConfig.TargetGroups[${i}]`;
    if (g.TargetGroupArn === undefined) throw validation('Each target group of a forward action needs its TargetGroupArn.', `${f}.TargetGroupArn`);
    if (g.Weight !== undefined && (g.Weight < 0 || g.Weight > 999)) throw validation('A target group\'s weight must be from 0 to 999.', `${f}.Weight`);
    return checkTargetGroupRef(g.TargetGroupArn, `${f}.TargetGroupArn`);
  });
  if (new Set(arns).size !== arns.length) throw validation('A forward action names each target group once.', `${at}.ForwardConfig.TargetGroups`);
  if (a.TargetGroupArn !== undefined && (arns.length !== 1 || arns[0] !== a.TargetGroupArn)) {
    throw validation('With both TargetGroupArn and ForwardConfig, ForwardConfig must name that one target group alone.', `${at}.TargetGroupArn`);
  }
  return arns;
}

function checkTargetGroupRef(arn: string, field: string): string {
  if (!parseTargetGroupArn(arn)) throw validation(`'${printable(arn)}' is not a valid target group ARN.`, field);
  return arn;
}

/** An action carries only its own type's configuration. */
function rejectOthers(a: Elbv2.Action, at: string, ...own: (keyof Elbv2.Action)[]): void {
  for (const k of ['TargetGroupArn', 'ForwardConfig', 'FixedResponseConfig', 'RedirectConfig', 'AuthenticateOidcConfig', 'AuthenticateCognitoConfig', 'JwtValidationConfig'] as const) {
    if (a[k] !== undefined && !own.includes(k)) throw validation(`A '${a.Type}' action cannot have ${k}.`, `${at}.${k}`);
  }
}

// --- rules ---------------------------------------------------------------------------------------------
/** What a condition of each field may hold, beyond printable ASCII. */
const CONDITION_VALUE: Record<string, RegExp> = {
  'path-pattern': /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/,
  'host-header': /^[A-Za-z0-9\-.*?]+$/,
  'http-header': /^[\x20-\x7e]+$/,
  'query-string': /^[\x20-\x7e]*$/,
};
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,40}$/;
const ONCE = ['path-pattern', 'host-header'];

/** A rule's priority: 1 to 50000. */
export function checkPriority(priority: number, field = 'Priority'): void {
  if (!Number.isInteger(priority) || priority < 1 || priority > 50000) throw validation('Priority must be an integer from 1 to 50000.', field);
}

/** A rule's conditions: fields Berth routes on, values HAProxy can be given safely, ELB's counts. */
export function checkConditions(conditions: Elbv2.RuleCondition[], field = 'Conditions'): void {
  if (conditions.length === 0) throw validation('A rule needs at least one condition.', field);
  const seen = new Set<string>();
  let values = 0;
  let wildcards = 0;
  for (const [i, c] of conditions.entries()) {
    const at = `${field}[${i}]`;
    const f = c.Field;
    if (f === undefined) throw validation('A condition needs its Field.', `${at}.Field`);
    if (f === 'http-request-method' || f === 'source-ip') throw notBuilt(`${at}.Field`, `rules on '${f}' are not built; use path-pattern, host-header, http-header or query-string.`);
    if (!Object.hasOwn(CONDITION_VALUE, f)) throw validation(`Condition field '${printable(f)}' must be one of path-pattern, host-header, http-header, query-string, http-request-method, source-ip.`, `${at}.Field`);
    if (ONCE.includes(f) && seen.has(f)) throw validation(`A rule can have one '${f}' condition.`, `${at}.Field`);
    seen.add(f);
    for (const k of ['HttpRequestMethodConfig', 'SourceIpConfig', 'RegexValues'] as const) if (c[k] !== undefined) throw notBuilt(`${at}.${k}`, `${k} is not built for '${f}' conditions.`);
    const config = { 'path-pattern': c.PathPatternConfig, 'host-header': c.HostHeaderConfig, 'http-header': c.HttpHeaderConfig, 'query-string': c.QueryStringConfig }[f];
    for (const other of ['PathPatternConfig', 'HostHeaderConfig', 'HttpHeaderConfig', 'QueryStringConfig'] as const) {
      if (c[other] !== undefined && c[other] !== config) throw validation(`A '${f}' condition cannot have ${other}.`, `${at}.${other}`);
    }
    if ((config as { RegexValues?: unknown } | undefined)?.RegexValues !== undefined) throw notBuilt(`${at}.RegexValues`, 'regular-expression conditions are not built; use Values with * and ? wildcards.');
    let texts: string[];
    if (f === 'query-string') {
      if (c.Values !== undefined) throw validation('A query-string condition takes its values in QueryStringConfig.', `${at}.Values`);
      const pairs = c.QueryStringConfig?.Values ?? [];
      for (const [j, p] of pairs.entries()) {
        if (p.Value === undefined) throw validation('A query-string pair needs its Value.', `${at}.QueryStringConfig.Values[${j}].Value`);
        if (p.Key !== undefined) checkPrintable(p.Key, `${at}.QueryStringConfig.Values[${j}].Key`);
        checkPrintable(p.Value, `${at}.QueryStringConfig.Values[${j}].Value`);
      }
      texts = pairs.flatMap((p) => [p.Key ?? '', p.Value!]);
      values += pairs.length;
      if (pairs.length === 0) throw validation('A query-string condition needs at least one key/value pair.', `${at}.QueryStringConfig.Values`);
    } else {
      if (f === 'http-header') {
        const name = c.HttpHeaderConfig?.HttpHeaderName;
        if (name === undefined) throw validation('An http-header condition needs HttpHeaderConfig.HttpHeaderName.', `${at}.HttpHeaderConfig.HttpHeaderName`);
        if (!HEADER_NAME.test(name)) throw validation(`'${printable(name)}' is not an HTTP header name.`, `${at}.HttpHeaderConfig.HttpHeaderName`);
        if (c.Values !== undefined) throw validation('An http-header condition takes its values in HttpHeaderConfig.', `${at}.Values`);
      }
      const fromConfig = (config as { Values?: string[] } | undefined)?.Values;
      if (c.Values !== undefined && fromConfig !== undefined) throw validation(`Give a '${f}' condition's values once: in Values or in its config.`, `${at}.Values`);
      texts = c.Values ?? fromConfig ?? [];
      if (texts.length === 0) throw validation(`A '${f}' condition needs at least one value.`, `${at}.Values`);
      for (const [j, v] of texts.entries()) {
        const vf = `${at}.${c.Values !== undefined ? 'Values' : `${f === 'http-header' ? 'HttpHeaderConfig' : f === 'host-header' ? 'HostHeaderConfig' : 'PathPatternConfig'}.Values`}[${j}]`;
        checkPrintable(v, vf);
        if (!CONDITION_VALUE[f]!.test(v)) throw validation(`'${printable(v)}' is not a valid ${f} value.`, vf);
      }
      values += texts.length;
    }
    wildcards += texts.reduce((n, v) => n + (v.match(/[*?]/g)?.length ?? 0), 0);
  }
  if (values > ELB_LIMITS.conditionValuesPerRule) throw validation(`A rule can have at most ${ELB_LIMITS.conditionValuesPerRule} condition values.`, field);
  if (wildcards > ELB_LIMITS.wildcardsPerRule) throw validation(`A rule can have at most ${ELB_LIMITS.wildcardsPerRule} wildcards.`, field);
}

// --- targets ------------------------------------------------------------------------------------------
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** A target's Id for its group's TargetType: an IPv4 address (ip) or a container instance id (instance). */
export function checkTargetId(targetType: string, id: string, field: string): void {
  const ok = targetType === 'ip' ? IPV4.test(id) : /^[A-Za-z0-9-]{1,64}$/.test(id);
  if (!ok) throw new BerthError('InvalidTargetException', `The target Id '${printable(id)}' is not ${targetType === 'ip' ? 'an IPv4 address' : 'a container instance id'}.`, field);
}
