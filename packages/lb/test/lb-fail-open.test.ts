// berth-lb fails open as ELB does ("If a target group contains only unhealthy registered targets, the load
// balancer routes requests to all those targets, regardless of their health status"), with Debian's real
// HAProxy and busybox httpd containers on loopback: both targets failing their health checks are reported
// unhealthy (ELB's reason) and still take requests; one recovers and only it takes them; a deregistered
// target takes none even then; with no target registered at all, HAProxy answers 503. No reload meanwhile.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { ELBV2_API, type Elbv2 } from '@berth/core';
import { workerPid } from '../src/index.js';
import { answers, count, freePort, lbFixture } from './lb-fixture.js';

t.setTimeout(300_000);
const { admin, label, joinLb, startLb } = await lbFixture('berth-lb-fail-open');

/** A busybox httpd answering its name at / and ok at /health, published on a loopback port. */
function httpd(name: string): { id: string; port: number } {
  const id = execFileSync('docker', ['run', '-d', '--label', label, '-p', '127.0.0.1::8080', 'berth-test/busybox:latest', 'sh', '-c',
    `mkdir -p /www && echo ${name} > /www/index.html && echo ok > /www/health && exec httpd -f -p 8080 -h /www`], { encoding: 'utf8' }).trim();
  return { id, port: Number(execFileSync('docker', ['port', id, '8080/tcp'], { encoding: 'utf8' }).trim().split('\n')[0]!.split(':').pop()) };
}
/** Its health check path answers 404 (failing) or ok again. */
const setHealthy = (id: string, healthy: boolean) =>
  execFileSync('docker', ['exec', id, 'sh', '-c', healthy ? 'echo ok > /www/health' : 'rm -f /www/health']);

const call = <R>(action: string, req: object) => admin.callApi(ELBV2_API, action, req) as Promise<R>;

t.test('every target failing its checks still takes requests; one recovers, only it does', async (t) => {
  const group = `fail-open-${process.pid}`;
  const one = httpd('one');
  const two = httpd('two');
  const listenPort = await freePort();
  const lbRec = (await call<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: 'open', Subnets: [group] })).LoadBalancers![0]!;
  const tg = (await call<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', { Name: 'open', Protocol: 'HTTP', Port: 8080, TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 })).TargetGroups![0]!;
  await call('ModifyTargetGroupAttributes', { TargetGroupArn: tg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }] });
  await call('CreateListener', { LoadBalancerArn: lbRec.LoadBalancerArn, Port: listenPort, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });
  await call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [one, two].map((c) => ({ Id: '127.0.0.1', Port: c.port })) });
  const lb = await startLb(await joinLb(), group);

  const health = async () => Object.fromEntries(((await call<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: tg.TargetGroupArn })).TargetHealthDescriptions ?? [])
    .map((d) => [d.Target!.Port!, [d.TargetHealth!.State, d.TargetHealth!.Reason].filter(Boolean).join(' ')]));
  const until = async (what: string, ok: (h: Record<number, string>) => boolean) => {
    for (let i = 0; i < 600; i++) {
      const h = await health();
      if (ok(h)) return h;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${what}: ${JSON.stringify(await health())}`);
  };
  await until('both healthy', (h) => h[one.port] === 'healthy' && h[two.port] === 'healthy');
  t.same(count(await answers(listenPort, 10)), { '200 one': 5, '200 two': 5 }, 'both healthy: round robin');
  const worker = await workerPid(lb.haproxy.socket);

  setHealthy(one.id, false);
  setHealthy(two.id, false);
  const down = await until('both unhealthy', (h) => h[one.port]?.startsWith('unhealthy') === true && h[two.port]?.startsWith('unhealthy') === true);
  t.same(down, { [one.port]: 'unhealthy Target.ResponseCodeMismatch', [two.port]: 'unhealthy Target.ResponseCodeMismatch' }, 'DescribeTargetHealth says what the checks say');
  t.same(count(await answers(listenPort, 10)), { '200 one': 5, '200 two': 5 }, 'fail-open: every registered target takes requests');
  t.same(await health(), down, 'and they are still reported unhealthy while they take them');

  setHealthy(two.id, true);
  await until('two healthy again', (h) => h[two.port] === 'healthy');
  t.same(count(await answers(listenPort, 10)), { '200 two': 10 }, 'one target recovered: only it takes requests');

  setHealthy(two.id, false);
  await until('both unhealthy again', (h) => h[two.port]?.startsWith('unhealthy') === true);
  await call('DeregisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '127.0.0.1', Port: one.port }] });
  await until('one gone', (h) => h[one.port] === undefined);
  await lb.synced();
  t.same(count(await answers(listenPort, 6)), { '200 two': 6 }, 'failing open never sends to a deregistered target');

  await call('DeregisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '127.0.0.1', Port: two.port }] });
  await until('none left', (h) => Object.keys(h).length === 0);
  await lb.synced();
  t.same(count(await answers(listenPort, 4)), { 503: 4 }, 'no registered target: 503, as ELB answers');
  t.equal(await workerPid(lb.haproxy.socket), worker, 'all of it without a reload');
});
