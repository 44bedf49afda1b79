// ELBv2's API through the seam, with Debian's AWS CLI (`aws elbv2 ... --endpoint-url`: the query protocol,
// SigV4 service elasticloadbalancing) where the client matters, and gRPC (the same action table) where a
// test only sets things up: load balancers, target groups and their attributes, listeners (forward,
// weighted forward, fixed-response, redirect), rules with conditions and priorities, targets and their
// health, and ELB's errors (ResourceInUse for a group a listener forwards to, PriorityInUse,
// DuplicateListener across load balancers of one group of machines, a newline in a rule value refused).
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ELBV2_API, type Elbv2 } from '@berth/core';
import { startServer, silentLogger } from '../src/index.js';
import { awsCli, userWithKey } from './aws-clients.js';
import { adminClient, rejection, uniq } from './helpers.js';

// A process per AWS CLI call, on a machine shared with other tests.
t.setTimeout(600_000);
const dir = mkdtempSync(join(tmpdir(), 'berth-elbv2-'));
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml') });
const client = adminClient(join(dir, 'config.yaml'));
t.teardown(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
const admin = await userWithKey(client, uniq('admin'));
const elb = (...args: string[]) => awsCli(admin, `http://${server.ecsAddr}`, 'elbv2', ...args);
const call = <R>(action: string, req: object) => client.callApi(ELBV2_API, action, req) as Promise<R>;
const group = uniq('edge');

t.test('a load balancer, a target group and a listener with the AWS CLI', async (t) => {
  const lb = await elb('create-load-balancer', '--name', 'web', '--subnets', group);
  t.equal(lb.code, 0, lb.stderr);
  const made = lb.json.LoadBalancers[0];
  t.match(made, { LoadBalancerName: 'web', Type: 'application', Scheme: 'internet-facing', State: { Code: 'active' }, AvailabilityZones: [{ SubnetId: group }] });
  t.match(made.LoadBalancerArn, /^arn:aws:elasticloadbalancing:[\w-]+:\d+:loadbalancer\/app\/web\/[0-9a-f]{16}$/);
  const again = await elb('create-load-balancer', '--name', 'web', '--subnets', group);
  t.equal(again.json.LoadBalancers[0].LoadBalancerArn, made.LoadBalancerArn, 'a repeated create answers the same load balancer');

  const tg = await elb('create-target-group', '--name', 'web-tg', '--protocol', 'HTTP', '--port', '80', '--target-type', 'ip', '--health-check-path', '/health', '--health-check-interval-seconds', '5', '--health-check-timeout-seconds', '2', '--healthy-threshold-count', '2', '--matcher', 'HttpCode=200-299');
  t.equal(tg.code, 0, tg.stderr);
  const group1 = tg.json.TargetGroups[0];
  t.match(group1, { TargetGroupName: 'web-tg', Protocol: 'HTTP', Port: 80, TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 5, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2, HealthCheckTimeoutSeconds: 2, Matcher: { HttpCode: '200-299' } });

  const attrs = await elb('modify-target-group-attributes', '--target-group-arn', group1.TargetGroupArn, '--attributes', 'Key=deregistration_delay.timeout_seconds,Value=10');
  t.equal(attrs.code, 0, attrs.stderr);
  const described = await elb('describe-target-group-attributes', '--target-group-arn', group1.TargetGroupArn);
  t.same(Object.fromEntries(described.json.Attributes.map((a: { Key: string; Value: string }) => [a.Key, a.Value]))['deregistration_delay.timeout_seconds'], '10');
  const unknownAttr = await elb('modify-target-group-attributes', '--target-group-arn', group1.TargetGroupArn, '--attributes', 'Key=lambda.multi_value_headers.enabled,Value=true');
  t.not(unknownAttr.code, 0);
  t.match(unknownAttr.stderr, /ValidationError.*Attributes\[0\]\.Key.*lambda\.multi_value_headers\.enabled/s, 'an attribute Berth does not act on is refused by name');

  const listener = await elb('create-listener', '--load-balancer-arn', made.LoadBalancerArn, '--protocol', 'HTTP', '--port', '8080', '--default-actions', `Type=forward,TargetGroupArn=${group1.TargetGroupArn}`);
  t.equal(listener.code, 0, listener.stderr);
  const l = listener.json.Listeners[0];
  t.match(l, { Port: 8080, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: group1.TargetGroupArn }] });
  const groups = await elb('describe-target-groups', '--load-balancer-arn', made.LoadBalancerArn);
  t.same(groups.json.TargetGroups.map((g: Elbv2.TargetGroup) => [g.TargetGroupName, g.LoadBalancerArns]), [['web-tg', [made.LoadBalancerArn]]]);

  const inUse = await elb('delete-target-group', '--target-group-arn', group1.TargetGroupArn);
  t.not(inUse.code, 0);
  t.match(inUse.stderr, /ResourceInUse.*currently in use by a listener or a rule/s, 'a group a listener forwards to is not deleted');

  const https = await elb('create-listener', '--load-balancer-arn', made.LoadBalancerArn, '--protocol', 'HTTPS', '--port', '8443', '--certificates', 'CertificateArn=arn:aws:iam::123456789012:server-certificate/x', '--default-actions', `Type=forward,TargetGroupArn=${group1.TargetGroupArn}`);
  t.not(https.code, 0);
  t.match(https.stderr, /ValidationError.*Certificates/s, 'HTTPS is refused naming the member until it is built');

  // Rules: a path-pattern rule with a fixed response, a host-header rule with a redirect.
  const rule = await elb('create-rule', '--listener-arn', l.ListenerArn, '--priority', '10', '--conditions', 'Field=path-pattern,Values=/api/*', '--actions', 'Type=fixed-response,FixedResponseConfig={StatusCode=503,ContentType=text/plain,MessageBody=down}');
  t.equal(rule.code, 0, rule.stderr);
  const dup = await elb('create-rule', '--listener-arn', l.ListenerArn, '--priority', '10', '--conditions', 'Field=host-header,Values=a.example.com', '--actions', 'Type=redirect,RedirectConfig={Host=b.example.com,StatusCode=HTTP_301}');
  t.not(dup.code, 0);
  t.match(dup.stderr, /PriorityInUse/, 'a priority is taken once per listener');
  const rules = await elb('describe-rules', '--listener-arn', l.ListenerArn);
  t.same(rules.json.Rules.map((r: Elbv2.Rule) => [r.Priority, r.IsDefault]), [['10', false], ['default', true]]);

  const del = await elb('delete-load-balancer', '--load-balancer-arn', made.LoadBalancerArn);
  t.equal(del.code, 0, del.stderr);
  const gone = await elb('describe-load-balancers', '--names', 'web');
  t.match(gone.stderr, /LoadBalancerNotFound/);
  const freed = await elb('delete-target-group', '--target-group-arn', group1.TargetGroupArn);
  t.equal(freed.code, 0, 'with its load balancer gone (listeners and rules with it) the group is deleted');
});

t.test('ELB\'s rules over gRPC: ports per group of machines, actions, conditions, targets', async (t) => {
  const mk = async (name: string, type = 'application') => (await call<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: name, Subnets: [group], Type: type })).LoadBalancers![0]!;
  const a = await mk('alpha');
  const b = await mk('beta');
  const tg = (await call<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', { Name: 'shared', Protocol: 'HTTP', Port: 8000 })).TargetGroups![0]!;
  const tg2 = (await call<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', { Name: 'canary', Protocol: 'HTTP', Port: 8000 })).TargetGroups![0]!;
  const tcp = (await call<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', { Name: 'raw', Protocol: 'TCP', Port: 9000 })).TargetGroups![0]!;
  const weighted = { Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: tg.TargetGroupArn, Weight: 90 }, { TargetGroupArn: tg2.TargetGroupArn, Weight: 10 }] } };
  const l = (await call<Elbv2.CreateListenerOutput>('CreateListener', { LoadBalancerArn: a.LoadBalancerArn, Protocol: 'HTTP', Port: 9080, DefaultActions: [weighted] })).Listeners![0]!;
  t.match(await rejection(call('CreateListener', { LoadBalancerArn: b.LoadBalancerArn, Protocol: 'HTTP', Port: 9080, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] })),
    { ecsName: 'DuplicateListenerException', message: new RegExp(`port 9080 of the machines of group '${group}'`) }, 'two load balancers of one group of machines cannot share a port');
  t.match(await rejection(call('CreateListener', { LoadBalancerArn: b.LoadBalancerArn, Protocol: 'HTTP', Port: 9081, DefaultActions: [{ Type: 'forward', TargetGroupArn: tcp.TargetGroupArn }] })),
    { ecsName: 'IncompatibleProtocolsException' });
  t.match(await rejection(call('CreateListener', { LoadBalancerArn: b.LoadBalancerArn, Protocol: 'HTTP', Port: 9081, DefaultActions: [{ Type: 'authenticate-oidc', AuthenticateOidcConfig: { Issuer: 'x', AuthorizationEndpoint: 'x', TokenEndpoint: 'x', UserInfoEndpoint: 'x', ClientId: 'x' } }] })),
    { ecsName: 'ValidationError', field: 'DefaultActions[0].Type' });
  const redirect = (await call<Elbv2.CreateListenerOutput>('CreateListener', { LoadBalancerArn: b.LoadBalancerArn, Port: 9082, DefaultActions: [{ Type: 'redirect', RedirectConfig: { Port: '9080', StatusCode: 'HTTP_302' } }] })).Listeners![0]!;
  t.equal(redirect.Protocol, 'HTTP', 'an application load balancer\'s listener defaults to HTTP');

  // A rule value with a newline or a quote where none belongs never gets in.
  for (const bad of [['path-pattern', '/a\nb'], ['host-header', 'a"b.example.com'], ['path-pattern', '/x\r\n backend evil']]) {
    t.match(await rejection(call('CreateRule', { ListenerArn: l.ListenerArn, Priority: 5, Conditions: [{ Field: bad[0], Values: [bad[1]] }], Actions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })),
      { ecsName: 'ValidationError', field: 'Conditions[0].Values[0]' }, JSON.stringify(bad));
  }
  t.match(await rejection(call('CreateRule', { ListenerArn: l.ListenerArn, Priority: 5, Conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['a\nb'] } }], Actions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })),
    { ecsName: 'ValidationError', field: 'Conditions[0].HttpHeaderConfig.Values[0]' });
  const r1 = (await call<Elbv2.CreateRuleOutput>('CreateRule', { ListenerArn: l.ListenerArn, Priority: 5, Conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['canary'] } }], Actions: [{ Type: 'forward', TargetGroupArn: tg2.TargetGroupArn }] })).Rules![0]!;
  const r2 = (await call<Elbv2.CreateRuleOutput>('CreateRule', { ListenerArn: l.ListenerArn, Priority: 6, Conditions: [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: '2' }] } }], Actions: [{ Type: 'forward', TargetGroupArn: tg2.TargetGroupArn }] })).Rules![0]!;
  const swapped = await call<Elbv2.SetRulePrioritiesOutput>('SetRulePriorities', { RulePriorities: [{ RuleArn: r1.RuleArn, Priority: 6 }, { RuleArn: r2.RuleArn, Priority: 5 }] });
  t.same(swapped.Rules!.map((r) => r.Priority), ['6', '5'], 'two rules swap their priorities in one change');

  // Targets: registered (initial while nothing has checked them), draining after deregistration, gone after the delay.
  await call('ModifyTargetGroupAttributes', { TargetGroupArn: tg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '1' }] });
  const instance = 'aaaa0000bbbb1111cccc';
  await call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: instance, Port: 32768 }, { Id: instance }] });
  const health = () => call<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: tg.TargetGroupArn }).then((h) => h.TargetHealthDescriptions!.map((d) => [d.Target!.Port, d.TargetHealth!.State, d.TargetHealth!.Reason]));
  t.same(await health(), [[32768, 'initial', 'Elb.RegistrationInProgress'], [8000, 'initial', 'Elb.RegistrationInProgress']]);
  await call('DeregisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: instance, Port: 32768 }] });
  t.same(await health(), [[32768, 'draining', 'Target.DeregistrationInProgress'], [8000, 'initial', 'Elb.RegistrationInProgress']]);
  await new Promise((r) => setTimeout(r, 1_100));
  t.same(await health(), [[8000, 'initial', 'Elb.RegistrationInProgress']], 'gone once the deregistration delay has passed');
  await call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: instance, Port: 8000 }] });
  t.same((await server.ctx.store.range('/berth/v1/elb/targets/', { keysOnly: true })).kvs.map((kv) => kv.key.split('/').pop()), [`${instance}:8000`], 'the next change purged the drained target');
  t.match(await rejection(call('DeregisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: instance, Port: 32768 }] })), { ecsName: 'InvalidTargetException' });
  const unused = await call<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: tcp.TargetGroupArn, Targets: [{ Id: instance }] });
  t.match(unused.TargetHealthDescriptions, [{ TargetHealth: { State: 'unused', Reason: 'Target.NotRegistered' } }]);
  t.match(await rejection(call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: 'not an id!' }] })), { ecsName: 'InvalidTargetException', field: 'Targets[0].Id' });

  // Deleting the listener frees the port and the groups; the rules go with it.
  await call('DeleteListener', { ListenerArn: l.ListenerArn });
  await call('CreateListener', { LoadBalancerArn: b.LoadBalancerArn, Protocol: 'HTTP', Port: 9080, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] });
  const after = await call<Elbv2.DescribeTargetGroupsOutput>('DescribeTargetGroups', { TargetGroupArns: [tg.TargetGroupArn, tg2.TargetGroupArn] });
  t.same(after.TargetGroups!.map((g) => g.LoadBalancerArns), [[], []]);
  for (const g of [tg, tg2, tcp]) await call('DeleteTargetGroup', { TargetGroupArn: g.TargetGroupArn });
  const nlb = await mk('gamma', 'network');
  t.match(await rejection(call('CreateListener', { LoadBalancerArn: nlb.LoadBalancerArn, Protocol: 'HTTP', Port: 9090, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] })),
    { ecsName: 'UnsupportedProtocolException' });
  for (const lb of [a, b, nlb]) await call('DeleteLoadBalancer', { LoadBalancerArn: lb.LoadBalancerArn });
  t.same((await call<Elbv2.DescribeLoadBalancersOutput>('DescribeLoadBalancers', {})).LoadBalancers, []);
});
