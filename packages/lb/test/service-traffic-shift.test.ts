// ECS's traffic-shifting deployments (issue 26 §1) behind a real berth-lb: a real control plane and agent,
// busybox httpd tasks answering their revision, two target groups (targetGroupArn and the alternate), a
// production listener rule and a test listener rule that the deployments rewrite. Under a steady bounded
// load on the production port (200 requests/s, every answer counted by the revision that gave it):
// BLUE_GREEN shifts production all at once with no failed request and keeps the old tasks through the
// bake time; CANARY gives the new revision 10% (measured over thousands of requests) then 100%; LINEAR
// 34%, 68%, 100%; a PAUSE hook at TEST_TRAFFIC_SHIFT holds a deployment (test traffic on green,
// production untouched) until ContinueServiceDeployment rolls it back or continues it; and
// StopServiceDeployment during a canary sends production back at once, the blue tasks never replaced.
import t from 'tap';
import { ELBV2_API, type DeploymentConfiguration, type Elbv2, type ServiceDeployment, type Task } from '@berth/core';
import { IMAGE, startTestCluster, until } from '@berth/agent/test/e2e-helpers';
import { freePort, lbFixture, load } from './lb-fixture.js';

t.setTimeout(420_000);
// One AWS minute lasts 10 s: bake times and the canary's are minutes.
const MINUTE_MS = 10_000;
const { server, client, cluster } = await startTestCluster('svc-shift', (fn) => t.teardown(fn), {
  server: { awsMinuteMs: MINUTE_MS, services: { settleSeconds: 1, throttleBaseSeconds: 0.5, throttleMaxSeconds: 2, resyncSeconds: 1 } },
});
const { joinLb, startLb } = await lbFixture('svc-shift', { addr: server.addr, admin: client, cluster });
const elb = <R>(action: string, req: object) => client.callApi(ELBV2_API, action, req) as Promise<R>;

/** busybox httpd on 8080 answering its version. */
const revision = async (version: string) => (await client.call('RegisterTaskDefinition', {
  family: `shift-${process.pid}`,
  containerDefinitions: [{
    name: 'web', image: IMAGE, memory: 16, essential: true, portMappings: [{ containerPort: 8080, hostPort: 0 }],
    environment: [{ name: 'VERSION', value: version }],
    command: ['sh', '-c', 'mkdir -p /www && echo $VERSION > /www/index.html && exec httpd -f -p 8080 -h /www'],
  }],
})).taskDefinition!.taskDefinitionArn!;

/** One GET on a port: the body, trimmed. */
const get = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/`)).text()).trim();

t.test('BLUE_GREEN, CANARY, LINEAR, a PAUSE hook and a rollback behind berth-lb', async (t) => {
  const group = `shift-${process.pid}`;
  const [prodPort, testPort] = [await freePort(), await freePort()];
  const lb = (await elb<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: 'shift', Subnets: [group] })).LoadBalancers![0]!;
  const tg = async (Name: string) => {
    const g = (await elb<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', {
      Name, Protocol: 'HTTP', Port: 8080, TargetType: 'instance', HealthCheckPath: '/', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 4, HealthyThresholdCount: 2,
      // A loaded CI machine can miss two 4-s checks of a busybox httpd in a row; ELB's default of 2 would then call
      // targets unhealthy (berth-lb fails open as ELB does, so a whole group still serves, but the services
      // controller would replace the tasks). This test is about shifting.
      UnhealthyThresholdCount: 5,
    })).TargetGroups![0]!.TargetGroupArn!;
    // The old tasks stop once their targets have drained for this long, and berth-lb must have taken them
    // out of HAProxy by then: a change reaches it within two passes (the one under way may have read before
    // it), which on a loaded CI machine (load 25 and more) took over 2 s; 2 s here had the last step's old
    // tasks stop while HAProxy still sent them requests (502, 503, hang-ups). ELB's default is 300 s.
    await elb('ModifyTargetGroupAttributes', { TargetGroupArn: g, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }] });
    return g;
  };
  const [blue, green] = [await tg('blue'), await tg('green')];
  const notFound = [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }];
  const rule = async (port: number, weights: [number, number]) => {
    const l = (await elb<Elbv2.CreateListenerOutput>('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Port: port, Protocol: 'HTTP', DefaultActions: notFound })).Listeners![0]!;
    return (await elb<Elbv2.CreateRuleOutput>('CreateRule', {
      ListenerArn: l.ListenerArn, Priority: 1, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue, Weight: weights[0] }, { TargetGroupArn: green, Weight: weights[1] }] } }],
    })).Rules![0]!.RuleArn!;
  };
  const [prodRule, testRule] = [await rule(prodPort, [1, 0]), await rule(testPort, [0, 1])];
  const lbRunning = await startLb(await joinLb(), group);
  /** The production rule's weights, [blue group, green group]. */
  const weights = async () => {
    const fwd = (await elb<Elbv2.DescribeRulesOutput>('DescribeRules', { RuleArns: [prodRule] })).Rules![0]!.Actions![0]!.ForwardConfig!.TargetGroups!;
    return [blue, green].map((g) => fwd.find((x) => x.TargetGroupArn === g)?.Weight ?? 0);
  };

  const v1 = await revision('v1');
  const loadBalancers = [{ targetGroupArn: blue, containerName: 'web', containerPort: 8080, advancedConfiguration: { alternateTargetGroupArn: green, productionListenerRule: prodRule, testListenerRule: testRule } }];
  await client.call('CreateService', {
    cluster, serviceName: 'web', taskDefinition: v1, desiredCount: 2, loadBalancers, deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 },
  });
  const current = async (): Promise<ServiceDeployment> => {
    const arn = (await client.call('ListServiceDeployments', { cluster, service: 'web' })).serviceDeployments![0]!.serviceDeploymentArn!;
    return (await client.call('DescribeServiceDeployments', { serviceDeploymentArns: [arn] })).serviceDeployments![0]!;
  };
  const running = async (): Promise<Task[]> => {
    const arns = (await client.call('ListTasks', { cluster, serviceName: 'web', desiredStatus: 'RUNNING' })).taskArns ?? [];
    return arns.length ? ((await client.call('DescribeTasks', { cluster, tasks: arns })).tasks ?? []).filter((x) => x.lastStatus === 'RUNNING') : [];
  };
  const done = (status: string) => until(`the service deployment ${status}`, async () => {
    const d = await current();
    return d.status === status && (await running()).length === 2 ? d : undefined;
  }, 120_000, 500);
  await done('SUCCESSFUL');
  await until('production answers v1', async () => (await get(prodPort)) === 'v1' || undefined, 60_000, 250);

  const traffic = load(prodPort, 200);
  const started = Date.now();
  /** The phase of each round of follow(), by round number (`PHASE #N`). */
  const rounds: string[] = [];
  /**
   * Follows a deployment until `until` says stop: every 250 ms (a round) the load's phase becomes the stage
   * and the production rule's weights, answers what it saw, in order. A share is measured over the
   * requests sent while HAProxy had the phase's weights, no others: when the weights change, requests are
   * counted apart until berth-lb has applied them (two passes), and each round is a phase of its own (`#N`),
   * so that `settled` can leave out a phase's last round, in which the rule may already have changed.
   */
  const follow = async (stop: (d: ServiceDeployment) => boolean, each?: (d: ServiceDeployment, w: number[]) => Promise<void>) => {
    const seen: { at: number; stage: string; w: number[]; tasks: number; updatedAt: number }[] = [];
    for (;;) {
      const d = await current();
      const w = await weights();
      const tasks = (await running()).length;
      const last = seen.at(-1);
      const phase = `${d.lifecycleStage} ${w.join('/')}`;
      if (!last || last.stage !== d.lifecycleStage || last.w.join() !== w.join() || last.tasks !== tasks) {
        seen.push({ at: (Date.now() - started) / 1000, stage: d.lifecycleStage!, w, tasks, updatedAt: Number(d.updatedAt) });
        if (last && last.w.join() !== w.join()) {
          traffic.counts.phase = `${phase} (applying)`;
          await lbRunning.synced();
        }
      }
      traffic.counts.phase = `${phase} #${rounds.push(phase) - 1}`;
      await each?.(d, w);
      if (stop(d)) return seen;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  /** Deploys `version` (with a new deployment configuration, if given) and follows it to SUCCESSFUL. */
  const deploy = async (version: string, deploymentConfiguration?: object, each?: (d: ServiceDeployment, w: number[]) => Promise<void>) => {
    await client.call('UpdateService', { cluster, service: 'web', taskDefinition: await revision(version), ...(deploymentConfiguration ? { deploymentConfiguration } : {}) });
    const seen = await follow((d) => d.status === 'SUCCESSFUL', each);
    t.comment(`${version}: ${seen.map((s) => `${s.at.toFixed(1)}s ${s.stage} ${s.w.join('/')} (${s.tasks} tasks)`).join('; ')}`);
    await done('SUCCESSFUL');
    return seen;
  };
  const weightsSeen = (seen: { w: number[] }[]) => [...new Set(seen.map((s) => s.w.join('/')))];

  // BLUE_GREEN: the green tasks start beside the blue ones; the test rule reaches them; production moves at once.
  const blueTasks = (await running()).map((x) => x.taskArn!).sort();
  let testAnswered = '';
  const bg = await deploy('v2', undefined, async (d, w) => {
    if (d.lifecycleStage !== 'BAKE_TIME' || testAnswered !== '') return;
    // berth-lb takes a rule's change within its next pass.
    await lbRunning.synced();
    testAnswered = `${await get(testPort)} while production is ${w.join('/')}`;
  });
  t.same(weightsSeen(bg), ['1/0', '0/1'], 'production: all blue, then all green at once');
  t.match(testAnswered, /^v2/, `the test listener rule reaches the green tasks (${testAnswered})`);
  const baking = bg.filter((s) => s.stage === 'BAKE_TIME');
  t.ok(baking.length > 0 && baking.every((s) => s.w.join('/') === '0/1') && baking[0]!.tasks === 4, 'the bake starts with both revisions running (4 tasks), production on green');
  await until('the blue tasks stopped', async () => (await running()).every((x) => !blueTasks.includes(x.taskArn!)) || undefined, 60_000);
  // The blue tasks were asked to stop (stoppingAt) bakeTimeInMinutes after the bake began (the service
  // deployment's updatedAt when it went to BAKE_TIME): both stamped by the control plane.
  const stopAsked = Math.min(...((await client.call('DescribeTasks', { cluster, tasks: blueTasks })).tasks ?? []).map((x) => Number(x.stoppingAt)));
  const kept = stopAsked - baking[0]!.updatedAt;
  t.ok(kept >= MINUTE_MS / 1000 - 0.01, `both revisions kept for bakeTimeInMinutes (${kept.toFixed(2)} s)`);

  // CANARY: 10% of production for canaryBakeTimeInMinutes (2 AWS minutes), then the rest. The pair swapped
  // after BLUE_GREEN: production's group is now the alternate one, the canary's the first.
  const canary = await deploy('v3', { strategy: 'CANARY', bakeTimeInMinutes: 0, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 } });
  t.same(weightsSeen(canary), ['0/1', '100/900', '1/0'], 'production: 10% (weights 100/900), then all on the new revision');

  // LINEAR: 34% more every stepBakeTimeInMinutes (1 AWS minute): 34%, 68%, then all.
  const linear = await deploy('v4', { strategy: 'LINEAR', bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 34, stepBakeTimeInMinutes: 1 } });
  t.same(weightsSeen(linear), ['1/0', '660/340', '320/680', '0/1'], 'production: 34%, 68%, then all on the new revision');

  // A PAUSE hook at TEST_TRAFFIC_SHIFT: the deployment waits with test traffic on green and production
  // untouched; ContinueServiceDeployment ROLLBACK (the hook FAILED) sends it back, production never moved.
  const v4Tasks = (await running()).map((x) => x.taskArn!).sort();
  const paused: DeploymentConfiguration = {
    strategy: 'CANARY', bakeTimeInMinutes: 0, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 10 }, lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['TEST_TRAFFIC_SHIFT'] }],
  };
  const pause = async (version: string) => {
    await client.call('UpdateService', { cluster, service: 'web', taskDefinition: await revision(version), deploymentConfiguration: paused });
    const d = await until(`${version} paused at TEST_TRAFFIC_SHIFT`, async () => {
      const c = await current();
      return c.lifecycleStage === 'TEST_TRAFFIC_SHIFT' && c.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' ? c : undefined;
    }, 120_000, 250);
    await new Promise((r) => setTimeout(r, 3000));
    t.equal((await current()).lifecycleStage, 'TEST_TRAFFIC_SHIFT', `${version}: held by the PAUSE hook`);
    t.equal(await get(testPort), version, `${version}: the test listener rule reaches it meanwhile`);
    t.same(await weights(), [0, 1], `${version}: production untouched`);
    return d;
  };
  const v5 = await pause('v5');
  t.match(v5.lifecycleHookDetails, [{ hookId: '0-TEST_TRAFFIC_SHIFT', targetType: 'PAUSE', status: 'AWAITING_ACTION', timeoutAction: 'ROLLBACK' }], 'lifecycleHookDetails');
  traffic.counts.phase = 'hook rolled back';
  await client.call('ContinueServiceDeployment', { serviceDeploymentArn: v5.serviceDeploymentArn!, hookId: '0-TEST_TRAFFIC_SHIFT', action: 'ROLLBACK' });
  const failed = await done('ROLLBACK_SUCCESSFUL');
  t.match(failed.lifecycleHookDetails, [{ status: 'FAILED' }], 'the hook FAILED');
  t.same((await running()).map((x) => x.taskArn!).sort(), v4Tasks, 'the v4 tasks serve on, none replaced');
  t.same(await weights(), [0, 1], 'production never moved');

  // The same hook continued: the canary takes its share; then StopServiceDeployment sends production back at once.
  // Requests are counted apart while v6 waits at its hook (production untouched) and from the CONTINUE on, when
  // the canary may answer before the loop below sees its weights.
  traffic.counts.phase = 'v6 paused';
  const v6 = await pause('v6');
  traffic.counts.phase = 'v6 continued';
  await client.call('ContinueServiceDeployment', { serviceDeploymentArn: v6.serviceDeploymentArn!, hookId: '0-TEST_TRAFFIC_SHIFT' });
  await until('the v6 canary takes production traffic', async () => (await weights()).join('/') === '100/900' || undefined, 60_000, 250);
  t.match((await current()).lifecycleHookDetails, [{ status: 'SUCCEEDED' }], 'CONTINUE: the hook SUCCEEDED');
  traffic.counts.phase = 'rolling back';
  const arn = (await current()).serviceDeploymentArn!;
  const asked = Date.now();
  await client.call('StopServiceDeployment', { serviceDeploymentArn: arn, stopType: 'ROLLBACK' });
  const back = await until('production back on v4 at once', async () => ((await weights()).join('/') === '0/1' ? Date.now() : undefined), 30_000, 100);
  // berth-lb applies the rule within its next pass: count from the one after.
  await lbRunning.synced();
  traffic.counts.phase = 'rolled back';
  const rolled = await done('ROLLBACK_SUCCESSFUL');
  t.equal(rolled.rollback?.serviceRevisionArn !== undefined, true, 'the service deployment says what it rolled back to');
  t.same((await running()).map((x) => x.taskArn!).sort(), v4Tasks, 'the same v4 tasks serve: none replaced');
  t.comment(`rollback: the production rule back ${((back - asked) / 1000).toFixed(2)} s after StopServiceDeployment`);

  const result = await traffic.stop();
  t.comment(`requests: ${result.sent} sent, ${result.ok} answered 200, ${result.failed} failed`);
  /** The answers of each phase, its rounds together but for the last one of each run of them. */
  const settled: Record<string, Record<string, number>> = {};
  for (const [label, bodies] of Object.entries(result.bodies)) {
    const m = / #(\d+)$/.exec(label);
    if (m && rounds[Number(m[1]) + 1] !== rounds[Number(m[1])]) continue;
    const phase = m ? label.slice(0, m.index) : label;
    for (const [body, n] of Object.entries(bodies)) (settled[phase] ??= {})[body] = (settled[phase]![body] ?? 0) + n;
  }
  for (const [phase, bodies] of Object.entries(settled)) t.comment(`  ${phase}: ${JSON.stringify(bodies)}`);
  result.bodies = settled;
  t.equal(result.failed, 0, `no failed request (${result.errors.slice(0, 8).join('; ')})`);
  t.equal(result.ok, result.sent, 'every request answered');
  // The canary's share, over the requests answered while the canary weights stood.
  const during = result.bodies['PRODUCTION_TRAFFIC_SHIFT 100/900'] ?? {};
  const total = Object.values(during).reduce((a, b) => a + b, 0);
  const share = (100 * (during['v3'] ?? 0)) / total;
  t.ok(total >= 1000, `the canary was measured over ${total} requests`);
  t.ok(Math.abs(share - 10) <= 3, `the canary took ${share.toFixed(1)}% of production (10 ± 3)`);
  t.same(Object.keys(result.bodies['rolled back'] ?? {}), ['v4'], 'after the rollback only v4 answers');
  t.same(Object.keys(result.bodies['hook rolled back'] ?? {}), ['v4'], 'a deployment rolled back at its test traffic hook never reached production');
  t.same(Object.keys(result.bodies['v6 paused'] ?? {}), ['v4'], 'a deployment held at its test traffic hook has not reached production');
  for (const [step, want] of [['PRODUCTION_TRAFFIC_SHIFT 660/340', 34], ['PRODUCTION_TRAFFIC_SHIFT 320/680', 68]] as const) {
    const b = result.bodies[step] ?? {};
    const n = Object.values(b).reduce((x, y) => x + y, 0);
    t.ok(Math.abs((100 * (b['v4'] ?? 0)) / n - want) <= 5, `the linear step of ${want}% took ${((100 * (b['v4'] ?? 0)) / n).toFixed(1)}% of ${n} requests`);
  }
  await client.call('UpdateService', { cluster, service: 'web', desiredCount: 0 });
  await client.call('DeleteService', { cluster, service: 'web', force: true });
});
