// berth describe lb (the real bin) against a real control plane: a load balancer with where it is served,
// its listeners' actions and its target groups' targets with their health; -o json gives the same in
// ELBv2's shapes. A group no berth-lb serves says so, naming the command that would.
import t from 'tap';
import { ELBV2_API, type Elbv2 } from '@berth/core';
import { cliTestServer } from './cli-server.js';

const { client, berth } = await cliTestServer(t, 'cli-lb');
const elb = <R>(action: string, req: object) => client.callApi(ELBV2_API, action, req) as Promise<R>;
const group = `edge-${process.pid}`;
const lb = (await elb<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: 'front', Subnets: [group] })).LoadBalancers![0]!;
const web = (await elb<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', { Name: 'web', Protocol: 'HTTP', Port: 8080, TargetType: 'ip' })).TargetGroups![0]!;
const canary = (await elb<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', { Name: 'canary', Protocol: 'HTTP', Port: 8080, TargetType: 'ip' })).TargetGroups![0]!;
await elb('CreateListener', {
  LoadBalancerArn: lb.LoadBalancerArn, Port: 8081,
  DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: web.TargetGroupArn, Weight: 90 }, { TargetGroupArn: canary.TargetGroupArn, Weight: 10 }] } }],
});
await elb('RegisterTargets', { TargetGroupArn: web.TargetGroupArn, Targets: [{ Id: '10.0.0.5', Port: 32768 }] });

t.test('describe lb: where, listeners, targets', async (t) => {
  const r = await berth('describe', 'lb', 'front');
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, `Name:       front\nARN:        ${lb.LoadBalancerArn}\nDNS name:   ${lb.DNSName}\nType:       application, internet-facing, active\n`);
  t.match(r.stdout, `Served by:\n  group ${group}: no machine serving (run berth-lb --group ${group})\n`);
  t.match(r.stdout, 'Listeners:\n  HTTP:8081  forward web (weight 90), canary (weight 10)\n');
  t.match(r.stdout, /Target groups:\n(.*\n)*  web \(HTTP:8080, ip\): 1 initial\n    10\.0\.0\.5:32768  initial \(Elb\.RegistrationInProgress\)\n/, 'no machine has checked it yet');
  t.match(r.stdout, /  canary \(HTTP:8080, ip\): no targets\n/);
  const j = JSON.parse((await berth('describe', 'load-balancer', 'front', '-o', 'json')).stdout);
  t.equal(j.LoadBalancer.LoadBalancerArn, lb.LoadBalancerArn);
  t.same(j.TargetGroups.map((g: { TargetGroupName: string; Targets: unknown[] }) => [g.TargetGroupName, g.Targets.length]).sort(), [['canary', 0], ['web', 1]]);
});

t.test('describe lb of a name that does not exist: ELB\'s error', async (t) => {
  const r = await berth('describe', 'lb', 'nope');
  t.equal(r.code, 1);
  t.match(r.stderr, /LoadBalancerNotFoundException.*nope/);
});
