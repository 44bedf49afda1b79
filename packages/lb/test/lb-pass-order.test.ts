// A berth-lb pass reads the control plane in many calls, and the control plane may change between them.
// Whoever moves traffic off a target group rewrites the rule first and deregisters the group's targets
// after (ECS's services controller does); whoever moves traffic onto one registers its targets first.
// A pass must never put together what never was: the old rule still forwarding to a group whose targets
// all drain (HAProxy answers 503 for that group's share: the CI failure of service-traffic-shift at a
// canary's last step), nor a new rule forwarding to a group whose new targets it has not seen.
//
// The interleavings a loaded machine makes by chance are made here on purpose: berth-lb's own client (its
// lb certificate, the real control plane) is wrapped so that the test's admin makes the changes between
// the pass's reads, right after or right before it reads the rules, and the next pass waits at its start
// until the test has sent its requests. Debian's real HAProxy, busybox httpd containers on loopback.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { ELBV2_API, type Elbv2 } from '@berth/core';
import { answers, count, freePort, lbFixture } from './lb-fixture.js';

t.setTimeout(300_000);
const { admin, label, joinLb, startLb } = await lbFixture('berth-lb-pass-order');

/** A busybox httpd answering its name at /, published on a loopback port. */
function httpd(name: string): number {
  const id = execFileSync('docker', ['run', '-d', '--label', label, '-p', '127.0.0.1::8080', 'berth-test/busybox:latest', 'sh', '-c',
    `mkdir -p /www && echo ${name} > /www/index.html && exec httpd -f -p 8080 -h /www`], { encoding: 'utf8' }).trim();
  return Number(execFileSync('docker', ['port', id, '8080/tcp'], { encoding: 'utf8' }).trim().split('\n')[0]!.split(':').pop());
}

const call = <R>(action: string, req: object) => admin.callApi(ELBV2_API, action, req) as Promise<R>;

t.test('a pass applies no mix of a rule and targets read on either side of a change', async (t) => {
  const group = `pass-order-${process.pid}`;
  const [a, b, c] = [httpd('a'), httpd('b'), httpd('c')];
  const listenPort = await freePort();
  const lbRec = (await call<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: 'order', Subnets: [group] })).LoadBalancers![0]!;
  const tg = async (Name: string) => {
    const g = (await call<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', {
      Name, Protocol: 'HTTP', Port: 8080, TargetType: 'ip', HealthCheckPath: '/', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 4, HealthyThresholdCount: 2,
    })).TargetGroups![0]!.TargetGroupArn!;
    // A deregistered target drains for longer than the test lasts: it is draining, not gone, all along.
    await call('ModifyTargetGroupAttributes', { TargetGroupArn: g, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '300' }] });
    return g;
  };
  const [ga, gb, gc] = [await tg('a'), await tg('b'), await tg('c')];
  const forward = (weights: [number, number, number]) => [{ Type: 'forward', ForwardConfig: { TargetGroups: [ga, gb, gc].map((TargetGroupArn, i) => ({ TargetGroupArn, Weight: weights[i] })) } }];
  const listener = (await call<Elbv2.CreateListenerOutput>('CreateListener', { LoadBalancerArn: lbRec.LoadBalancerArn, Port: listenPort, Protocol: 'HTTP', DefaultActions: forward([1, 0, 0]) })).Listeners![0]!.ListenerArn!;
  await call('RegisterTargets', { TargetGroupArn: ga, Targets: [{ Id: '127.0.0.1', Port: a }] });
  await call('RegisterTargets', { TargetGroupArn: gb, Targets: [{ Id: '127.0.0.1', Port: b }] });

  // berth-lb's client, its calls passed on to the control plane; `between` runs the test's changes in one
  // pass, after it read the rules or before; the pass after then waits at its start.
  const client = await joinLb();
  const passOn = client.callApi.bind(client);
  let between: { where: 'after' | 'before'; change: () => Promise<void>; applied: () => void; release: Promise<void> } | undefined;
  let held: { applied: () => void; release: Promise<void> } | undefined;
  client.callApi = async (api, action, req) => {
    if (action === 'DescribeLoadBalancers' && held) {
      // The pass that read across the change is over: what it applied serves until the test says.
      const h = held;
      held = undefined;
      h.applied();
      await h.release;
    }
    // The rules are read from DescribeListeners (default actions) to DescribeRules.
    const run = async (where: 'after' | 'before') => {
      if (action !== (where === 'after' ? 'DescribeRules' : 'DescribeListeners') || between?.where !== where) return;
      const b = between;
      between = undefined;
      await b.change();
      held = b;
    };
    await run('before');
    const answer = await passOn(api, action, req);
    await run('after');
    return answer;
  };
  let release = () => {};
  t.teardown(() => release());
  /** Runs `change` inside one pass; resolves once that pass has applied, with the next one held (release() lets it go). */
  const across = (where: 'after' | 'before', change: () => Promise<void>) => new Promise<void>((applied) => {
    between = { where, change, applied, release: new Promise<void>((r) => { release = r; }) };
  });

  const lb = await startLb(client, group);
  const health = async (arn: string) => ((await call<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: arn })).TargetHealthDescriptions ?? []).map((d) => d.TargetHealth!.State);
  for (let i = 0; !((await health(ga))[0] === 'healthy' && (await health(gb))[0] === 'healthy'); i++) {
    if (i > 300) throw new Error('the targets never became healthy');
    await new Promise((r) => setTimeout(r, 200));
  }
  await lb.synced();
  t.same(count(await answers(listenPort, 10)), { '200 a': 10 }, 'the rule forwards all to a');

  // Off a group: the rule first, then its target deregistered, both after the pass read the rule.
  await across('after', async () => {
    await call('ModifyListener', { ListenerArn: listener, DefaultActions: forward([0, 1, 0]) });
    await call('DeregisterTargets', { TargetGroupArn: ga, Targets: [{ Id: '127.0.0.1', Port: a }] });
  });
  t.same(count(await answers(listenPort, 10)), { '200 a': 10 }, 'the pass that read the old rule keeps the target it forwards to serving: no 503');
  release();
  await lb.synced();
  t.same(count(await answers(listenPort, 10)), { '200 b': 10 }, 'the next pass applies both: all to b');
  t.same(await health(ga), ['draining'], 'a drains');

  // Onto a group: its target registered first, then the rule, both before the pass reads the rule.
  await across('before', async () => {
    await call('RegisterTargets', { TargetGroupArn: gc, Targets: [{ Id: '127.0.0.1', Port: c }] });
    await call('ModifyListener', { ListenerArn: listener, DefaultActions: forward([0, 0, 1]) });
  });
  // c is still in its first health checks: it takes requests as ELB fails open for a group with no healthy target.
  t.same(count(await answers(listenPort, 10)), { '200 c': 10 }, 'the pass that read the new rule has the target registered before it: no 503');
  release();
  await lb.synced();
  t.same(count(await answers(listenPort, 10)), { '200 c': 10 }, 'and so does the next');
});
