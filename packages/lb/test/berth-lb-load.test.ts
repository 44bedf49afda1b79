// Zero failed requests through berth-lb's HAProxy while everything behind it changes: under a steady
// bounded load on loopback (200 requests/s, half on kept-alive connections, half on new ones, every
// request counted), each of three busybox httpd targets is replaced in turn as a rolling deployment does
// it (the new one registered and healthy first, the old one deregistered, drained, then stopped), and a
// rule is added (a hitless reload). The counts are reported; the test asserts none failed.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { ELBV2_API, type Elbv2 } from '@berth/core';
import { freePort, lbFixture, load } from './lb-fixture.js';

t.setTimeout(300_000);
const { admin, label, joinLb, startLb } = await lbFixture('berth-lb-load');

function httpd(name: string): { id: string; port: number } {
  const id = execFileSync('docker', ['run', '-d', '--label', label, '-p', '127.0.0.1::8080', 'berth-test/busybox:latest', 'sh', '-c',
    `mkdir -p /www && echo ${name} > /www/index.html && echo ok > /www/health && exec httpd -f -p 8080 -h /www`], { encoding: 'utf8' }).trim();
  return { id, port: Number(execFileSync('docker', ['port', id, '8080/tcp'], { encoding: 'utf8' }).trim().split('\n')[0]!.split(':').pop()) };
}

t.test('a rolling replacement of three targets and a reload under load: no request fails', async (t) => {
  const group = `load-${process.pid}`;
  const listenPort = await freePort();
  const call = <R>(action: string, req: object) => admin.callApi(ELBV2_API, action, req) as Promise<R>;
  const lbRec = (await call<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: 'steady', Subnets: [group] })).LoadBalancers![0]!;
  const tg = (await call<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', { Name: 'steady', Protocol: 'HTTP', Port: 8080, TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2 })).TargetGroups![0]!;
  await call('ModifyTargetGroupAttributes', { TargetGroupArn: tg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '2' }] });
  const listener = (await call<Elbv2.CreateListenerOutput>('CreateListener', { LoadBalancerArn: lbRec.LoadBalancerArn, Port: listenPort, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners![0]!;
  let tasks = [httpd('a1'), httpd('a2'), httpd('a3')];
  await call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: tasks.map((x) => ({ Id: '127.0.0.1', Port: x.port })) });

  const lbClient = await joinLb();
  const lb = await startLb(lbClient, group);
  const health = async () => new Map(((await call<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: tg.TargetGroupArn })).TargetHealthDescriptions ?? []).map((d) => [d.Target!.Port!, d.TargetHealth!.State!]));
  const until = async (what: string, ok: (h: Map<number, string>) => boolean) => {
    for (let i = 0; i < 300; i++) {
      if (ok(await health())) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${what}: ${JSON.stringify([...(await health())])}`);
  };
  await until('all healthy', (h) => [...h.values()].every((s) => s === 'healthy'));

  const running = load(listenPort, 200);
  // A rolling deployment, one task at a time: the new one healthy before the old one leaves.
  const next: typeof tasks = [];
  for (const [i, old] of tasks.entries()) {
    running.counts.phase = `register b${i + 1}`;
    const fresh = httpd(`b${i + 1}`);
    await call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '127.0.0.1', Port: fresh.port }] });
    await until(`b${i + 1} healthy`, (h) => h.get(fresh.port) === 'healthy');
    running.counts.phase = `deregister a${i + 1}`;
    await call('DeregisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '127.0.0.1', Port: old.port }] });
    await until(`a${i + 1} drained`, (h) => !h.has(old.port));
    await lb.synced();
    running.counts.phase = `stop a${i + 1}`;
    execFileSync('docker', ['rm', '-f', old.id], { stdio: 'ignore' });
    next.push(fresh);
  }
  tasks = next;
  const reloadsBefore = lb.reloads;
  running.counts.phase = 'reload';
  await call('CreateRule', { ListenerArn: listener.ListenerArn, Priority: 1, Conditions: [{ Field: 'path-pattern', Values: ['/never/*'] }], Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] });
  await lb.synced();
  await new Promise((r) => setTimeout(r, 1_000));
  const result = await running.stop();
  t.comment(`requests: ${result.sent} sent (${result.keptAlive} kept alive, ${result.fresh} new connections), ${result.ok} answered 200, ${result.failed} failed`);
  t.equal(lb.reloads, reloadsBefore + 1, 'the rule was a reload; the targets were not');
  t.equal(result.failed, 0, `no failed request (${result.errors.slice(0, 8).join('; ')})`);
  t.equal(result.ok, result.sent, 'every request answered');
  t.ok(result.sent >= 200, 'the load ran');
});
