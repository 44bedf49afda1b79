// ELBv2's pure rules: ARNs round-trip, names, actions, conditions (nothing but printable ASCII reaches
// HAProxy), attributes, and a target's health from the serving machines' reports.
import t from 'tap';
import {
  checkActions, checkConditions, checkElbName, defaultTargetGroupAttributes, httpCodes, listenerArn, loadBalancerArn, modifyTargetGroupAttributes,
  parseListenerArn, parseLoadBalancerArn, parseRuleArn, parseTargetGroupArn, ruleArn, targetGroupArn, targetHealth, type Elbv2, type Identity, type TargetHealthInput,
} from '../src/index.js';

const ID: Identity = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
const HEX = '0123456789abcdef';
const TG = targetGroupArn(ID, { name: 'web', id: HEX });

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    const err = e as { ecsName: string; field?: string; message: string };
    return { name: err.ecsName, field: err.field, message: err.message };
  }
  return undefined;
};

t.test('ARNs carry what finds their records, and parse back', async (t) => {
  const lb = { kind: 'app' as const, name: 'web', id: HEX };
  const listener = { lb, id: 'fedcba9876543210' };
  t.equal(loadBalancerArn(ID, lb), 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/0123456789abcdef');
  t.same(parseLoadBalancerArn(loadBalancerArn(ID, lb)), lb);
  t.same(parseTargetGroupArn(TG), { name: 'web', id: HEX });
  t.same(parseListenerArn(listenerArn(ID, listener)), listener);
  t.same(parseRuleArn(ruleArn(ID, { listener, id: HEX })), { listener, id: HEX });
  for (const bad of ['', 'arn:aws:ecs:eu-west-1:1:cluster/x', TG.replace(HEX, 'xyz'), loadBalancerArn(ID, lb) + '/extra']) {
    t.equal(parseLoadBalancerArn(bad) ?? parseTargetGroupArn(bad) ?? parseListenerArn(bad), undefined, bad);
  }
});

t.test('names: ELB\'s rule', async (t) => {
  for (const ok of ['a', 'web-1', 'A'.repeat(32)]) t.equal(refusal(() => checkElbName(ok, 'load balancer')), undefined, ok);
  for (const bad of ['', '-web', 'web-', 'a'.repeat(33), 'we b', 'internal-web', 'wéb']) t.equal(refusal(() => checkElbName(bad, 'load balancer'))?.name, 'ValidationError', bad);
  t.equal(refusal(() => checkElbName('internal-x', 'target group')), undefined, 'only load balancer names cannot start with internal-');
});

t.test('actions: one terminal action; forward, fixed-response, redirect; the rest refused by member', async (t) => {
  const cases: [string, Elbv2.Action[], string, string[] | { name: string; field: string }][] = [
    ['forward by ARN', [{ Type: 'forward', TargetGroupArn: TG }], 'HTTP', [TG]],
    ['weighted forward', [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG, Weight: 3 }, { TargetGroupArn: TG.replace('web', 'api'), Weight: 1 }] } }], 'HTTP', [TG, TG.replace('web', 'api')]],
    ['both forms agreeing', [{ Type: 'forward', TargetGroupArn: TG, ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG }] } }], 'HTTP', [TG]],
    ['both forms disagreeing', [{ Type: 'forward', TargetGroupArn: TG, ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG.replace('web', 'api') }] } }], 'HTTP', { name: 'ValidationError', field: 'A[0].TargetGroupArn' }],
    ['weight over 999', [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG, Weight: 1000 }] } }], 'HTTP', { name: 'ValidationError', field: 'A[0].ForwardConfig.TargetGroups[0].Weight' }],
    ['forward without a group', [{ Type: 'forward' }], 'HTTP', { name: 'ValidationError', field: 'A[0].TargetGroupArn' }],
    ['weighted forward on TCP', [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG }, { TargetGroupArn: TG.replace('web', 'api') }] } }], 'TCP', { name: 'InvalidLoadBalancerActionException', field: 'A[0].ForwardConfig.TargetGroups' }],
    ['fixed response', [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down\nfor maintenance' } }], 'HTTP', []],
    ['fixed response with a control byte', [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', MessageBody: 'a\x00b' } }], 'HTTP', { name: 'ValidationError', field: 'A[0].FixedResponseConfig.MessageBody' }],
    ['fixed response on TCP', [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }], 'TCP', { name: 'InvalidLoadBalancerActionException', field: 'A[0].Type' }],
    ['redirect', [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }], 'HTTP', []],
    ['redirect to itself', [{ Type: 'redirect', RedirectConfig: { Host: '#{host}', StatusCode: 'HTTP_301' } }], 'HTTP', { name: 'InvalidLoadBalancerActionException', field: 'A[0].RedirectConfig' }],
    ['redirect path with a newline', [{ Type: 'redirect', RedirectConfig: { Path: '/a\nb', StatusCode: 'HTTP_302' } }], 'HTTP', { name: 'ValidationError', field: 'A[0].RedirectConfig.Path' }],
    ['an authentication action', [{ Type: 'authenticate-oidc' }], 'HTTP', { name: 'ValidationError', field: 'A[0].Type' }],
    ['two actions', [{ Type: 'forward', TargetGroupArn: TG }, { Type: 'forward', TargetGroupArn: TG }], 'HTTP', { name: 'ValidationError', field: 'A[1]' }],
    ['none', [], 'HTTP', { name: 'ValidationError', field: 'A' }],
    ['config of another type', [{ Type: 'forward', TargetGroupArn: TG, RedirectConfig: { StatusCode: 'HTTP_301' } }], 'HTTP', { name: 'ValidationError', field: 'A[0].RedirectConfig' }],
  ];
  for (const [name, actions, protocol, want] of cases) {
    if (Array.isArray(want)) t.same(checkActions(actions, 'A', protocol), want, name);
    else t.match(refusal(() => checkActions(actions, 'A', protocol)), want, name);
  }
});

t.test('conditions: the four fields Berth routes on, printable values, ELB\'s counts', async (t) => {
  const cases: [string, Elbv2.RuleCondition[], { name: string; field: string } | undefined][] = [
    ['path', [{ Field: 'path-pattern', Values: ['/api/*'] }], undefined],
    ['path in its config', [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/a', '/b?'] } }], undefined],
    ['host and header and query', [{ Field: 'host-header', Values: ['*.example.com'] }, { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['canary'] } }, { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: '2' }] } }], undefined],
    ['a newline in a path', [{ Field: 'path-pattern', Values: ['/a\nb'] }], { name: 'ValidationError', field: 'C[0].Values[0]' }],
    ['a quote in a host', [{ Field: 'host-header', Values: ['a"b'] }], { name: 'ValidationError', field: 'C[0].Values[0]' }],
    ['a space in a path', [{ Field: 'path-pattern', Values: ['/a b'] }], { name: 'ValidationError', field: 'C[0].Values[0]' }],
    ['a newline in a header value', [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X', Values: ['a\r\nb'] } }], { name: 'ValidationError', field: 'C[0].HttpHeaderConfig.Values[0]' }],
    ['a header name with a colon', [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X:Y', Values: ['a'] } }], { name: 'ValidationError', field: 'C[0].HttpHeaderConfig.HttpHeaderName' }],
    ['a tab in a query value', [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'k', Value: 'a\tb' }] } }], { name: 'ValidationError', field: 'C[0].QueryStringConfig.Values[0].Value' }],
    ['two path conditions', [{ Field: 'path-pattern', Values: ['/a'] }, { Field: 'path-pattern', Values: ['/b'] }], { name: 'ValidationError', field: 'C[1].Field' }],
    ['six values', [{ Field: 'path-pattern', Values: ['/1', '/2', '/3', '/4', '/5', '/6'] }], { name: 'ValidationError', field: 'C' }],
    ['six wildcards', [{ Field: 'path-pattern', Values: ['/*/*/*/*/*/*'] }], { name: 'ValidationError', field: 'C' }],
    ['source ip', [{ Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } }], { name: 'ValidationError', field: 'C[0].Field' }],
    ['regex values', [{ Field: 'path-pattern', RegexValues: ['^/a$'] }], { name: 'ValidationError', field: 'C[0].RegexValues' }],
    ['values twice', [{ Field: 'path-pattern', Values: ['/a'], PathPatternConfig: { Values: ['/b'] } }], { name: 'ValidationError', field: 'C[0].Values' }],
    ['an unknown field', [{ Field: 'cookie', Values: ['a'] }], { name: 'ValidationError', field: 'C[0].Field' }],
    ['no conditions', [], { name: 'ValidationError', field: 'C' }],
  ];
  for (const [name, conditions, want] of cases) {
    if (want) t.match(refusal(() => checkConditions(conditions, 'C')), want, name);
    else t.equal(refusal(() => checkConditions(conditions, 'C')), undefined, name);
  }
});

t.test('target-group attributes and matchers', async (t) => {
  const attrs = defaultTargetGroupAttributes('HTTP');
  t.equal(attrs['deregistration_delay.timeout_seconds'], '300', 'ELB\'s default delay');
  t.equal(modifyTargetGroupAttributes(attrs, [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }], 'HTTP')['deregistration_delay.timeout_seconds'], '0');
  t.match(refusal(() => modifyTargetGroupAttributes(attrs, [{ Key: 'deregistration_delay.timeout_seconds', Value: '3601' }], 'HTTP')), { field: 'Attributes[0].Value' });
  t.match(refusal(() => modifyTargetGroupAttributes(attrs, [{ Key: 'slow_start.duration_seconds', Value: '10' }], 'HTTP')), { field: 'Attributes[0].Value' });
  t.match(refusal(() => modifyTargetGroupAttributes(attrs, [{ Key: 'proxy_protocol_v2.enabled', Value: 'true' }], 'TCP')), { field: 'Attributes[0].Key', message: /proxy_protocol_v2\.enabled/ });
  t.same(httpCodes('200,302-304'), [[200, 200], [302, 304]]);
  for (const bad of ['2000', '199', '500', '300-200', '200,']) t.ok(refusal(() => httpCodes(bad)), bad);
});

t.test('target health: every serving machine must see a target healthy', async (t) => {
  const base: TargetHealthInput = { draining: false, healthCheckEnabled: true, inUse: true, reports: [] };
  const up = { healthy: true };
  const down = { healthy: false, reason: 'Target.ResponseCodeMismatch' as const, detail: 'Health checks failed with these codes: [500]' };
  const cases: [string, Partial<TargetHealthInput>, string, string | undefined][] = [
    ['registered, nothing checked yet', {}, 'initial', 'Elb.RegistrationInProgress'],
    ['one machine checked, one not', { reports: [up, undefined] }, 'initial', 'Elb.InitialHealthChecking'],
    ['every machine healthy', { reports: [up, up] }, 'healthy', undefined],
    ['one machine sees it unhealthy', { reports: [up, down] }, 'unhealthy', 'Target.ResponseCodeMismatch'],
    ['unhealthy before any other says', { reports: [down, undefined] }, 'unhealthy', 'Target.ResponseCodeMismatch'],
    ['draining', { draining: true, reports: [up] }, 'draining', 'Target.DeregistrationInProgress'],
    ['draining and unhealthy', { draining: true, reports: [down] }, 'unhealthy.draining', 'Target.DeregistrationInProgress'],
    ['no listener forwards to its group', { inUse: false, reports: [up] }, 'unused', 'Target.NotInUse'],
    ['health checks off', { healthCheckEnabled: false }, 'unavailable', 'Target.HealthCheckDisabled'],
  ];
  for (const [name, input, state, reason] of cases) {
    const h = targetHealth({ ...base, ...input });
    t.same([h.State, h.Reason], [state, reason], name);
  }
});
