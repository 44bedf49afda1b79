// ELB's figures in the leader's metric history lose no request: a new leader continues from the baseline
// the last one wrote with its figures, and a report that lacks a target group for once leaves that group's
// count where it was, so every request between the first pass and the last is counted exactly once.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TargetGroupCounters } from '@berth/core';
import { startServer, silentLogger } from '../src/index.js';
import { startMetricHistory } from '../src/controllers/leader/metric-history.js';
import { putLbStatistics } from '../src/state/lb-statistics.js';
import { readMetric } from '../src/state/metric-data.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-elb-history-'));
const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger });
t.teardown(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const LB = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/50dc6c495c0c9188';
const TG = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/73e2d6bc24d8a067';
const group = (requests: number): TargetGroupCounters => ({
  targetGroupArn: TG, loadBalancerArn: LB, requests, http2xx: requests, http3xx: 0, http4xx: 0, http5xx: 0, responseTimeMs: 5, healthyTargets: 2, unhealthyTargets: 0,
});
const ctx = server.ctx;
const report = (collectedAt: number, groups: TargetGroupCounters[]) =>
  putLbStatistics(ctx.store, 'edge', 'machine-1', { addresses: ['127.0.0.1'], collectedAt, receivedAt: ctx.now(), targetGroups: groups });

t.test('a change of leader and a report without its group lose no request', async (t) => {
  const from = ctx.now() - 1;
  // A period far longer than the test: only the explicit ticks derive.
  const first = startMetricHistory(ctx, { periodMs: 3_600_000 });
  await report(1, [group(100)]);
  await first.tick();
  await report(2, [group(150)]);
  await first.tick();
  first.stop();
  // A new leader, whose first pass differs from the baseline the first one wrote.
  const second = startMetricHistory(ctx, { periodMs: 3_600_000 });
  await report(3, [group(190)]);
  await second.tick();
  await report(4, []);
  await second.tick();
  await report(5, [group(260)]);
  await second.tick();
  second.stop();
  const { samples } = await readMetric(ctx.store, 'AWS/ApplicationELB', 'RequestCount', [['LoadBalancer', 'app/web/50dc6c495c0c9188']], from, ctx.now() + 1);
  t.same(samples.map(([, v]) => v), [50, 40, 70], 'each period\'s requests, the new leader\'s first included');
  t.equal(samples.reduce((a, [, v]) => a + v, 0), 260 - 100, 'every request after the first pass, once');
});
