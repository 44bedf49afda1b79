// Scenario lb-throughput (issue 24's benchmark): requests/s and p99 latency through one Berth load
// balancer (berth-lb driving Debian's HAProxy, joined with a token of kind lb) to three busybox httpd
// containers, beside an HAProxy configured by hand with the same three backends, in one run, alternating
// (Berth, hand, Berth, hand) so neither gets the quieter moment. Load: Debian's wrk, keep-alive
// connections. Target: Berth within 5% of the hand-configured HAProxy. Also measured: the time from
// RegisterTargets of a fourth target to its first answered request (the target group's health check, 5 s
// interval and 2 healthy checks, is most of it; a service's registration of a RUNNING task adds the
// services controller's pass).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, clientForContext, readCliConfig } from '@berth/api';
import { ELBV2_API, FLEET_API } from '@berth/core';
import { startServer, silentLogger } from '@berth/server';
import { certificateCluster, lbCredentials, startLb } from '@berth/lb';
import { QUICK, fmt, record, sleep } from './lib.mjs';

const SECONDS = QUICK ? 5 : 20;
const CONNECTIONS = 32;
const ROUNDS = 2;
const TARGET_PERCENT = 5;
const say = (m) => process.stderr.write(`  [lb] ${m}\n`);
const label = `berth-bench-lb=${process.pid}`;

const dir = mkdtempSync(join(tmpdir(), 'berth-bench-lb-'));
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, bootstrapConfig: join(dir, 'config.yaml') });
const admin = clientForContext({ ...readCliConfig(join(dir, 'config.yaml')).contexts[0], server: server.addr });
const elb = (action, req) => admin.callApi(ELBV2_API, action, req);
let lb;
let lbClient;
let hand;
try {
  const httpd = (name) => {
    const id = execFileSync('docker', ['run', '-d', '--label', label, '-p', '127.0.0.1::8080', 'berth-test/busybox:latest', 'sh', '-c',
      `mkdir -p /www && echo ${name} > /www/index.html && echo ok > /www/health && exec httpd -f -p 8080 -h /www`], { encoding: 'utf8' }).trim();
    return Number(execFileSync('docker', ['port', id, '8080/tcp'], { encoding: 'utf8' }).trim().split('\n')[0].split(':').pop());
  };
  const freePort = () => Number(execFileSync(process.execPath, ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"], { encoding: 'utf8' }).trim());
  const backends = [httpd('one'), httpd('two'), httpd('three')];
  const berthPort = freePort();
  const handPort = freePort();

  const group = `bench-${process.pid}`;
  const lbArn = (await elb('CreateLoadBalancer', { Name: 'bench', Subnets: [group] })).LoadBalancers[0].LoadBalancerArn;
  const tgArn = (await elb('CreateTargetGroup', { Name: 'bench', Protocol: 'HTTP', Port: 8080, TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2 })).TargetGroups[0].TargetGroupArn;
  await elb('CreateListener', { LoadBalancerArn: lbArn, Port: berthPort, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] });
  await elb('RegisterTargets', { TargetGroupArn: tgArn, Targets: backends.map((Port) => ({ Id: '127.0.0.1', Port })) });
  const { token } = await admin.callApi(FLEET_API, 'CreateJoinToken', { kind: 'lb', uses: 1 });
  const tls = await lbCredentials([server.addr], token, join(dir, 'lb'), silentLogger);
  lbClient = new BerthClient([server.addr], { tls });
  lb = await startLb({ client: lbClient, group, cluster: certificateCluster(tls), dir: join(dir, 'lb'), bindAddress: '127.0.0.1', addresses: ['127.0.0.1'], pollMs: 1000, log: silentLogger });
  const healthy = async (n) => {
    for (let i = 0; i < 300; i++) {
      const h = (await elb('DescribeTargetHealth', { TargetGroupArn: tgArn })).TargetHealthDescriptions ?? [];
      if (h.filter((d) => d.TargetHealth.State === 'healthy').length >= n) return;
      await sleep(200);
    }
    throw new Error('targets never healthy');
  };
  await healthy(3);

  // The same three backends, by hand: HAProxy's own defaults beside the timeouts any configuration needs.
  const handCfg = join(dir, 'hand.cfg');
  writeFileSync(handCfg, [
    'global', '  maxconn 4096', 'defaults', '  mode http', '  timeout connect 5s', '  timeout client 60s', '  timeout server 60s',
    'frontend f', `  bind 127.0.0.1:${handPort}`, '  default_backend b', 'backend b', '  balance roundrobin',
    ...backends.map((p, i) => `  server s${i} 127.0.0.1:${p} check inter 5s`), '',
  ].join('\n'));
  hand = spawn('/usr/sbin/haproxy', ['-f', handCfg, '-db'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${handPort}/`)).ok) break;
    } catch { /* not yet */ }
    await sleep(100);
  }

  const wrk = (port) => {
    const out = execFileSync('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', `http://127.0.0.1:${port}/`], { encoding: 'utf8' });
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
    const m = /^\s+99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(out);
    const p99 = m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
    // wrk's socket errors (connect, read, write, timeout): counted and reported, as a loaded machine has some.
    const socket = (/Socket errors: (.*)/.exec(out)?.[1] ?? '').match(/\d+/g)?.reduce((a, n) => a + Number(n), 0) ?? 0;
    return { rps, p99, errors: non2xx + socket };
  };
  const runs = { berth: [], hand: [] };
  for (let r = 0; r < ROUNDS; r++) {
    runs.berth.push(wrk(berthPort));
    runs.hand.push(wrk(handPort));
    say(`round ${r + 1}: Berth ${fmt(runs.berth.at(-1).rps)}/s p99 ${fmt(runs.berth.at(-1).p99, 2)} ms; hand ${fmt(runs.hand.at(-1).rps)}/s p99 ${fmt(runs.hand.at(-1).p99, 2)} ms`);
  }
  const mean = (xs, k) => xs.reduce((a, x) => a + x[k], 0) / xs.length;
  const sum = (xs) => xs.reduce((a, x) => a + x.errors, 0);
  const berth = { rps: mean(runs.berth, 'rps'), p99: mean(runs.berth, 'p99'), errors: sum(runs.berth) };
  const byHand = { rps: mean(runs.hand, 'rps'), p99: mean(runs.hand, 'p99'), errors: sum(runs.hand) };
  const gap = ((byHand.rps - berth.rps) / byHand.rps) * 100;

  // A fourth target: from RegisterTargets to its first answered request through Berth's listener.
  const fourth = httpd('four');
  const t0 = performance.now();
  await elb('RegisterTargets', { TargetGroupArn: tgArn, Targets: [{ Id: '127.0.0.1', Port: fourth }] });
  let toTraffic;
  for (let i = 0; i < 600 && toTraffic === undefined; i++) {
    for (let j = 0; j < 4; j++) {
      if ((await (await fetch(`http://127.0.0.1:${berthPort}/`, { headers: { connection: 'close' } })).text()).trim() === 'four') toTraffic = performance.now() - t0;
    }
    if (toTraffic === undefined) await sleep(50);
  }

  record('lb-throughput: Berth\'s load balancer beside HAProxy by hand, 3 busybox httpd targets',
    ['', 'requests/s', 'p99 (ms)', 'errors'],
    [['Berth (berth-lb + HAProxy)', fmt(berth.rps), fmt(berth.p99, 2), String(berth.errors)], ['HAProxy by hand', fmt(byHand.rps), fmt(byHand.p99, 2), String(byHand.errors)],
      [`Berth's gap (target ≤ ${TARGET_PERCENT}%)`, `${fmt(gap, 1)}%${gap <= TARGET_PERCENT ? ' (met)' : ' (MISSED)'}`, '', '']],
    [`wrk -t2 -c${CONNECTIONS} -d${SECONDS}s, keep-alive to HAProxy (busybox httpd closes each backend connection), ${ROUNDS} rounds each, alternating; the means; errors are wrk's non-2xx answers and socket errors (its timeout is 2 s). HAProxy ${execFileSync('/usr/sbin/haproxy', ['-v'], { encoding: 'utf8' }).split('\n')[0].split(' ')[2]}; load generator, HAProxy and the targets share the machine.`,
      `RegisterTargets → first request answered by the new target: ${toTraffic === undefined ? 'never (30 s)' : `${fmt(toTraffic / 1000, 1)} s`} (health check every 5 s, 2 healthy checks).`]);
  // The targets (busybox httpd, a process per connection) drop a few connections under this load whichever HAProxy
  // fronts them, so errors fail the run only beyond the hand-configured HAProxy's share (plus 0.1 point).
  const errorShare = (r) => r.errors / Math.max(1, r.rps * SECONDS * ROUNDS);
  if (!QUICK && (gap > TARGET_PERCENT || errorShare(berth) > errorShare(byHand) + 0.001)) process.exitCode = 1;
} finally {
  hand?.kill('SIGTERM');
  await lb?.close();
  await lb?.haproxy.stop();
  lbClient?.close();
  admin.close();
  await server.close();
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=${label}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  if (ids.length) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}
