// berth-lb with Debian's real HAProxy and busybox httpd containers on loopback, joined with a token of
// kind lb (its certificate limited to ELB's reads and health reports): requests spread over the
// targets; their health is HAProxy's checks' (a target failing its check is unhealthy and takes no
// request); a target deregistered drains and stops receiving without a reload (same worker); a new rule is a hitless
// reload; the runtime socket is 0600; HAProxy keeps serving after berth-lb stops.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { ELBV2_API, type Elbv2 } from '@berth/core';
import { workerPid } from '../src/index.js';
import { freePort, lbFixture } from './lb-fixture.js';

t.setTimeout(300_000);
const { admin, label, joinLb, startLb } = await lbFixture('berth-lb');

/** A busybox httpd answering its name at / and ok at /health (or 404 there when not `healthy`), published on a loopback port. */
function httpd(name: string, healthy = true): number {
  const id = execFileSync('docker', ['run', '-d', '--label', label, '-p', '127.0.0.1::8080', 'berth-test/busybox:latest', 'sh', '-c',
    `mkdir -p /www && echo ${name} > /www/index.html && ${healthy ? 'echo ok > /www/health && ' : ''}exec httpd -f -p 8080 -h /www`], { encoding: 'utf8' }).trim();
  return Number(execFileSync('docker', ['port', id, '8080/tcp'], { encoding: 'utf8' }).trim().split('\n')[0]!.split(':').pop());
}

const call = <R>(action: string, req: object) => admin.callApi(ELBV2_API, action, req) as Promise<R>;
const answers = async (port: number, n: number, path = '/') => {
  const got: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { connection: 'close' } });
    got.push(`${res.status} ${(await res.text()).trim()}`);
  }
  return got;
};
const count = (xs: string[]) => Object.fromEntries([...new Set(xs)].sort().map((x) => [x, xs.filter((y) => y === x).length]));

t.test('berth-lb serves a load balancer with HAProxy', async (t) => {
  const group = `edge-${process.pid}`;
  const ports = [httpd('one'), httpd('two')];
  const listenPort = await freePort();
  const lbRec = (await call<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: 'front', Subnets: [group] })).LoadBalancers![0]!;
  const tg = (await call<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', { Name: 'web', Protocol: 'HTTP', Port: 8080, TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2 })).TargetGroups![0]!;
  await call('ModifyTargetGroupAttributes', { TargetGroupArn: tg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '300' }] });
  const listener = (await call<Elbv2.CreateListenerOutput>('CreateListener', { LoadBalancerArn: lbRec.LoadBalancerArn, Port: listenPort, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners![0]!;
  await call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: ports.map((Port) => ({ Id: '127.0.0.1', Port })) });

  const lbClient = await joinLb();
  const refused = await lbClient.callApi(ELBV2_API, 'CreateLoadBalancer', { Name: 'nope', Subnets: [group] }).then(() => undefined, (e: { ecsName?: string }) => e.ecsName);
  t.equal(refused, 'AccessDeniedException', 'an lb certificate only reads');
  const lb = await startLb(lbClient, group);
  t.equal(statSync(lb.haproxy.socket).mode & 0o777, 0o600, 'the runtime socket is 0600');

  t.same(count(await answers(listenPort, 20)), { '200 one': 10, '200 two': 10 }, 'round robin over both targets');
  const worker = await workerPid(lb.haproxy.socket);
  const health = async () => Object.fromEntries(((await call<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: tg.TargetGroupArn })).TargetHealthDescriptions ?? [])
    .map((d) => [d.Target!.Port!, [d.TargetHealth!.State, d.TargetHealth!.Reason].filter(Boolean).join(' ')]));
  const until = async (what: string, ok: (h: Record<number, string>) => boolean) => {
    for (let i = 0; i < 300; i++) {
      const h = await health();
      if (ok(h)) return h;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${what}: ${JSON.stringify(await health())}`);
  };
  t.same(await until('both healthy', (h) => Object.values(h).every((s) => s === 'healthy')), { [ports[0]!]: 'healthy', [ports[1]!]: 'healthy' }, 'berth-lb reports what HAProxy\'s checks say');

  // A target whose health check path answers 404 is reported unhealthy, and takes no request meanwhile.
  const bad = httpd('bad', false);
  await call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '127.0.0.1', Port: bad }] });
  t.equal((await until('the bad target unhealthy', (h) => h[bad]?.startsWith('unhealthy') ?? false))[bad], 'unhealthy Target.ResponseCodeMismatch');
  t.same(count(await answers(listenPort, 10)), { '200 one': 5, '200 two': 5 }, 'an unhealthy target takes no requests');
  await call('DeregisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '127.0.0.1', Port: bad }] });

  await call('DeregisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '127.0.0.1', Port: ports[0] }] });
  await lb.synced();
  t.same(count(await answers(listenPort, 10)), { '200 two': 10 }, 'a draining target takes no new requests');
  t.equal((await health())[ports[0]!], 'draining Target.DeregistrationInProgress');
  t.equal(await workerPid(lb.haproxy.socket), worker, 'targets change without a reload');
  t.equal(lb.reloads, 0);

  // A rule is a new configuration: a hitless reload.
  await call('CreateRule', { ListenerArn: listener.ListenerArn, Priority: 1, Conditions: [{ Field: 'path-pattern', Values: ['/maintenance*'] }], Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down "for" now\nback soon' } }] });
  await lb.synced();
  t.equal(lb.reloads, 1);
  t.same(await answers(listenPort, 1, '/maintenance/x'), ['503 down "for" now\nback soon']);
  t.same(await answers(listenPort, 1, '/'), ['200 two']);

  // berth-lb stops: HAProxy keeps serving.
  await lb.close();
  t.same(await answers(listenPort, 2), ['200 two', '200 two']);
});
