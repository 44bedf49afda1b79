// What berth-lb gives HAProxy: one configuration generated from the load balancers its group serves, as a
// pure function (table-tested; `haproxy -c` checks what it makes). No user string is pasted into the
// configuration as it came: rule values go into pattern files as regular expressions whose every
// character but letters and digits is written \xHH (so a file line holds no space, '#' or line break),
// fixed-response bodies into files of their own, and the few literals that must appear (a health check
// path, redirect parts) are quoted with HAProxy's double quotes, `\`, `"`
// and `$` escaped, after a check that they are printable ASCII (the API refused anything else already).
//
// Targets live in server slots (`s0`, `s1`, ...): a backend has more slots than targets, the spare ones
// disabled, so a target that comes or goes is one runtime command on a free slot (runtime.ts), no reload;
// the slots as they stand are written here too, so a later reload keeps them.
//
// Fail-open, as ELB: "If a target group contains only unhealthy registered targets, the load balancer
// routes requests to all those targets, regardless of their health status." Each slot `sN` has a twin
// `oN` with the same target: a `backup` server without health checks (`non-stick`, no cookie, so no
// client is kept on it). HAProxy sends requests to backups only while no server of the backend is up,
// and with `option allbackups` to all of them: while every target fails its checks, all the registered
// (not draining) targets take requests by the balancing algorithm; as soon as one passes, only the
// healthy ones do. Health reports read the `sN` slots only, so the targets stay `unhealthy`.
import type { Elbv2 } from '@berth/core';

export interface SlotTarget {
  address: string;
  /** The target's Id when it is not its address: an `instance` target's container instance id. */
  id?: string;
  port: number;
  /** Deregistered: no new requests (weight 0), open ones finish. */
  draining: boolean;
}

export interface Backend {
  /** The target group's 16-hex-digit id. */
  id: string;
  arn: string;
  protocol: 'HTTP' | 'TCP';
  targetGroup: Elbv2.TargetGroup;
  attributes: Record<string, string>;
  /** Every slot, a target or free. */
  slots: (SlotTarget | null)[];
}

export interface Rule {
  id: string;
  priority: number;
  conditions: Elbv2.RuleCondition[];
  actions: Elbv2.Action[];
}

export interface Listener {
  id: string;
  port: number;
  protocol: 'HTTP' | 'TCP';
  defaultActions: Elbv2.Action[];
  /** In priority order. */
  rules: Rule[];
}

export interface ConfigInput {
  /** berth-lb's directory: the runtime socket, pattern and body files, the server-state file. */
  dir: string;
  /** The address listeners bind (the machine's, or 127.0.0.1 in tests). */
  bindAddress: string;
  listeners: Listener[];
  /** By target group ARN. */
  backends: Map<string, Backend>;
}

export interface GeneratedConfig {
  config: string;
  /** Files the configuration names (by their absolute path under `dir`), by path relative to `dir`. */
  files: Map<string, string>;
}

/** Printable ASCII or a refusal: the last guard before a string reaches the configuration. */
function printable(value: string, what: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`${what} holds a character outside printable ASCII: ${JSON.stringify(value.slice(0, 64))}`);
  return value;
}

/** One argument in HAProxy's double quotes: `\`, `"` and `$` (environment expansion) escaped. */
export function quote(value: string, what = 'a value'): string {
  return `"${printable(value, what).replace(/[\\"$]/g, '\\$&')}"`;
}

/** A log-format literal (redirect locations): `%` doubled, then quoted. */
const formatLiteral = (value: string, what: string) => printable(value, what).replace(/%/g, '%%');

/** ELB's wildcards (`*` any run, `?` one character) as an anchored regular expression: every other character but letters and digits \xHH. */
export function globRegex(glob: string, any = '.*', one = '.'): string {
  let out = '';
  for (const c of printable(glob, 'a rule value')) {
    if (c === '*') out += any;
    else if (c === '?') out += one;
    else if (/[A-Za-z0-9]/.test(c)) out += c;
    else out += `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  }
  return out;
}

const valuesOf = (c: Elbv2.RuleCondition, config: { Values?: string[] } | undefined) => c.Values ?? config?.Values ?? [];

/** The ACL lines of one rule's conditions (ANDed; each condition's values ORed through its pattern file). */
function conditionAcls(rule: Rule, dir: string, files: Map<string, string>): { lines: string[]; names: string[] } {
  const lines: string[] = [];
  const names: string[] = [];
  for (const [i, c] of rule.conditions.entries()) {
    const name = `r_${rule.id}_${i}`;
    const file = `patterns/${rule.id}-${i}.pat`;
    let fetch: string;
    let patterns: string[];
    switch (c.Field) {
      case 'path-pattern':
        fetch = 'path -m reg';
        patterns = valuesOf(c, c.PathPatternConfig).map((v) => `^${globRegex(v)}$`);
        break;
      case 'host-header':
        fetch = 'req.hdr(host),field(1,:) -m reg -i';
        patterns = valuesOf(c, c.HostHeaderConfig).map((v) => `^${globRegex(v)}$`);
        break;
      case 'http-header': {
        // Matched in the request's whole header block, so the header's name is in the pattern file too.
        const name = globRegex(c.HttpHeaderConfig!.HttpHeaderName!);
        fetch = 'req.hdrs -m reg -i';
        patterns = valuesOf(c, c.HttpHeaderConfig).map((v) => `(^|\\n)${name}:[\\t\\x20]*${globRegex(v, '[^\\r\\n]*', '[^\\r\\n]')}[\\t\\x20]*\\r?(\\n|$)`);
        break;
      }
      case 'query-string':
        fetch = 'query -m reg -i';
        patterns = (c.QueryStringConfig?.Values ?? []).map((p) => `(^|&)${p.Key !== undefined ? globRegex(p.Key, '[^&=]*', '[^&=]') : '[^&=]*'}=${globRegex(p.Value!, '[^&]*', '[^&]')}(&|$)`);
        break;
      default:
        throw new Error(`condition field ${String(c.Field)} is not one berth-lb routes on`);
    }
    files.set(file, patterns.join('\n') + '\n');
    lines.push(`  acl ${name} ${fetch} -f ${quote(`${dir}/${file}`, 'a file')}`);
    names.push(name);
  }
  return { lines, names };
}

/** A redirect's location as HAProxy's log-format, from ELB's parts and their #{...} placeholders. */
function redirectLocation(c: Elbv2.RedirectActionConfig): string {
  const sub = (text: string, what: string) => formatLiteral(text, what)
    .replace(/#\{protocol\}/g, '%[ssl_fc,iif(https,http)]')
    .replace(/#\{host\}/g, '%[req.hdr(host),field(1,:)]')
    .replace(/#\{port\}/g, '%[dst_port]')
    .replace(/#\{path\}/g, '%[path,regsub(^/,)]')
    .replace(/#\{query\}/g, '%[query]');
  const protocol = c.Protocol === undefined || c.Protocol === '#{protocol}' ? '%[ssl_fc,iif(https,http)]' : formatLiteral(c.Protocol, 'a redirect protocol').toLowerCase();
  const query = c.Query ?? '#{query}';
  // ELB leaves out the '?' of an empty query.
  const q = query === '#{query}' ? '%[url,regsub(^[^?]*,)]' : `?${sub(query, 'a redirect query')}`;
  return `${protocol}://${sub(c.Host ?? '#{host}', 'a redirect host')}:${sub(c.Port ?? '#{port}', 'a redirect port')}${sub(c.Path ?? '/#{path}', 'a redirect path')}${q}`;
}

/** Where weighted forwards' maps live (in berth-lb's directory): runtime state, not configuration. */
export const WEIGHTS_DIR = 'weights/';
/** A weighted forward draws from 0 to this (exclusive): each group takes its share of the range. */
export const WEIGHT_SCALE = 10000;

/**
 * A weighted forward's map: each group with a weight above 0 takes a range of the draw (`lo:hi` keys,
 * HAProxy's integer ranges) in proportion to its weight; ELB's weights are 0 to 999 over up to 5 groups.
 */
export function weightMap(groups: readonly { backend: string; weight: number }[]): string {
  const total = groups.reduce((n, g) => n + Math.max(0, g.weight), 0);
  const lines: string[] = [];
  let sum = 0;
  for (const g of groups) {
    if (g.weight <= 0) continue;
    const lo = Math.round((sum * WEIGHT_SCALE) / total);
    sum += g.weight;
    const hi = Math.round((sum * WEIGHT_SCALE) / total) - 1;
    if (hi >= lo) lines.push(`${lo}:${hi} ${g.backend}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The runtime commands that replace a weight map's entries at once (prepare a version, add its entries,
 * commit it): `version` is what `prepare map` answered.
 */
export function weightMapCommit(path: string, version: string, content: string): string {
  const adds = content.split('\n').filter(Boolean).map((l) => `add map @${version} ${path} ${l}`);
  return [...adds, `commit map @${version} ${path}`].join(';');
}

/** The lines that carry out one action when `cond` holds (`cond` empty: always). */
function actionLines(a: Elbv2.Action, tag: string, cond: string, input: ConfigInput, files: Map<string, string>): string[] {
  const when = cond ? ` if ${cond}` : '';
  switch (a.Type) {
    case 'forward': {
      const groups = a.ForwardConfig?.TargetGroups?.length ? a.ForwardConfig.TargetGroups : [{ TargetGroupArn: a.TargetGroupArn!, Weight: 1 }];
      const backend = (arn: string) => {
        const b = input.backends.get(arn);
        if (!b) throw new Error(`no backend for target group ${arn}`);
        return `b_${b.id}`;
      };
      if (groups.length === 1) return [`  use_backend ${backend(groups[0]!.TargetGroupArn!)}${when}`];
      // Weighted: one draw per request, and the backend whose range of the map holds it. The weights live
      // in the map alone, so a change of them (a blue/green shift) is a runtime map update, never a reload:
      // a reload would leave kept-alive connections on the old worker, and its old weights, for a while.
      const file = `${WEIGHTS_DIR}${tag}.map`;
      files.set(file, weightMap(groups.map((g) => ({ backend: backend(g.TargetGroupArn!), weight: g.Weight ?? 1 }))));
      const map = `${input.dir}/${file}`;
      if (!/^[A-Za-z0-9/._-]+$/.test(map)) throw new Error(`the weight map path ${JSON.stringify(map)} has characters a sample expression cannot hold`);
      return [
        `  http-request set-var(txn.w_${tag}) rand(${WEIGHT_SCALE})${when}`,
        // The draw always falls in a range; the fallback is fixed by name, so the order of the groups is no reload either.
        `  use_backend %[var(txn.w_${tag}),map_int(${map},${groups.map((g) => backend(g.TargetGroupArn!)).sort()[0]})]${when}`,
      ];
    }
    case 'fixed-response': {
      const c = a.FixedResponseConfig!;
      let line = `  http-request return status ${Number(c.StatusCode)}`;
      if (c.MessageBody !== undefined && c.MessageBody !== '') {
        const file = `bodies/${tag}.body`;
        files.set(file, c.MessageBody);
        line += ` content-type ${quote(c.ContentType ?? 'text/plain', 'a content type')} file ${quote(`${input.dir}/${file}`, 'a file')}`;
      }
      return [line + when];
    }
    case 'redirect': {
      const c = a.RedirectConfig!;
      const code = c.StatusCode === 'HTTP_301' ? 301 : 302;
      return [`  http-request redirect location ${quote(redirectLocation(c), 'a redirect')} code ${code}${when}`];
    }
    default:
      throw new Error(`action ${String(a.Type)} is not one berth-lb carries out`);
  }
}

function frontend(l: Listener, input: ConfigInput, files: Map<string, string>): string[] {
  const mode = l.protocol === 'HTTP' ? 'http' : 'tcp';
  const out = [`frontend f_${l.id}`, `  mode ${mode}`, `  bind ${input.bindAddress}:${l.port}`];
  if (mode === 'http') out.push('  option forwardfor');
  // Rules in priority order: the first whose conditions all hold picks the action (txn.rule), then each
  // action runs only for its rule, so http-request and use_backend lines keep ELB's order between them.
  for (const r of l.rules) {
    const { lines, names } = conditionAcls(r, input.dir, files);
    out.push(...lines, `  http-request set-var(txn.rule) str(${r.id}) if !{ var(txn.rule) -m found } ${names.join(' ')}`);
  }
  for (const r of l.rules) out.push(...actionLines(r.actions[0]!, r.id, `{ var(txn.rule) -m str ${r.id} }`, input, files));
  const fallback = l.rules.length > 0 ? '!{ var(txn.rule) -m found }' : '';
  out.push(...actionLines(l.defaultActions[0]!, `d${l.id}`, fallback, input, files));
  return out;
}

/** A matcher's codes as the regular expression `http-check expect rstatus` takes (digits and `|` only). */
export function statusRegex(spec: string): string {
  const codes: number[] = [];
  for (const part of spec.split(',')) {
    const [lo, hi] = part.split('-').map(Number) as [number, number | undefined];
    for (let c = lo; c <= (hi ?? lo); c++) codes.push(c);
  }
  if (codes.some((c) => !Number.isInteger(c) || c < 100 || c > 599)) throw new Error(`matcher ${spec} is not HTTP codes`);
  return `^(${codes.join('|')})$`;
}

function backend(b: Backend): string[] {
  const tg = b.targetGroup;
  const out = [`backend b_${b.id}`, `  mode ${b.protocol === 'HTTP' ? 'http' : 'tcp'}`];
  out.push(`  balance ${b.attributes['load_balancing.algorithm.type'] === 'least_outstanding_requests' ? 'leastconn' : 'roundrobin'}`);
  out.push('  option allbackups');
  const checks = tg.HealthCheckEnabled !== false;
  if (checks && tg.HealthCheckProtocol === 'HTTP') {
    out.push(`  option httpchk GET ${quote(tg.HealthCheckPath ?? '/', 'a health check path')}`);
    out.push(`  http-check expect rstatus ${statusRegex(tg.Matcher?.HttpCode ?? '200')}`);
  }
  const sticky = b.attributes['stickiness.enabled'] === 'true';
  if (sticky && b.attributes['stickiness.type'] === 'source_ip') out.push('  stick-table type ip size 100k expire 30m', '  stick on src');
  else if (sticky) out.push(`  cookie AWSALB insert indirect nocache maxlife ${Number(b.attributes['stickiness.lb_cookie.duration_seconds'] ?? 86400)}s`);
  out.push(`  timeout check ${tg.HealthCheckTimeoutSeconds ?? 5}s`);
  const slow = Number(b.attributes['slow_start.duration_seconds'] ?? 0);
  const port = tg.HealthCheckPort !== undefined && tg.HealthCheckPort !== 'traffic-port' ? ` port ${Number(tg.HealthCheckPort)}` : '';
  out.push(`  default-server inter ${tg.HealthCheckIntervalSeconds ?? 30}s rise ${tg.HealthyThresholdCount ?? 5} fall ${tg.UnhealthyThresholdCount ?? 2}${port}${slow > 0 ? ` slowstart ${slow}s` : ''}`);
  for (const [i, s] of b.slots.entries()) {
    const cookie = sticky && b.attributes['stickiness.type'] !== 'source_ip' ? ` cookie s${i}` : '';
    const check = checks ? ' check' : '';
    // A free slot points nowhere useful and stays in maintenance until a target takes it.
    if (!s) out.push(`  server s${i} 127.0.0.1:1${check} disabled${cookie}`);
    else out.push(`  server s${i} ${address(s.address)}:${Number(s.port)}${check}${s.draining ? ' weight 0' : ''}${cookie}`);
  }
  for (const [i, s] of b.slots.entries()) {
    if (!s) out.push(`  server o${i} 127.0.0.1:1 backup non-stick disabled`);
    else out.push(`  server o${i} ${address(s.address)}:${Number(s.port)} backup non-stick${s.draining ? ' weight 0' : ''}`);
  }
  return out;
}

const address = (a: string) => {
  if (!/^[0-9.]+$|^[A-Za-z0-9.-]+$/.test(a)) throw new Error(`target address ${JSON.stringify(a)} is not an IPv4 address or a host name`);
  return a;
};

export function generateConfig(input: ConfigInput): GeneratedConfig {
  const files = new Map<string, string>();
  const lines = [
    '# Generated by berth-lb: do not edit (it is rewritten at every change).',
    'global',
    '  master-worker',
    `  stats socket ${quote(`${input.dir}/runtime.sock`, 'a path')} mode 600 level admin expose-fd listeners`,
    `  server-state-file ${quote(`${input.dir}/server-state`, 'a path')}`,
    '  hard-stop-after 5m',
    // At a reload the old worker never closes a kept-alive client connection under a request the client
    // may be sending: each ends with a `Connection: close` on its next answer (or its idle timeout), not
    // all at once (HTTP/1.1 gives a client no way to tell such a close from a failure).
    '  close-spread-time infinite',
    '',
    'defaults',
    '  mode http',
    '  load-server-state-from-file global',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-keep-alive 10s',
    '  timeout http-request 10s',
    // A connection refused by a target that just went away is tried again on another: no failed request.
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout',
  ];
  for (const l of [...input.listeners].sort((a, b) => a.port - b.port)) lines.push('', ...frontend(l, input, files));
  for (const b of [...input.backends.values()].sort((x, y) => (x.id < y.id ? -1 : 1))) lines.push('', ...backend(b));
  return { config: lines.join('\n') + '\n', files };
}
