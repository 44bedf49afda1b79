// Lifecycle hooks Berth invokes where ECS invokes a Lambda function (issue 26 §2, §7), behind a real
// berth-lb under a steady bounded load (200 requests/s on the production listener, every answer counted
// by the revision that gave it): a webhook hook (this test's own HTTP server on loopback, allowed by the
// server's --hook-url-allow) at TEST_TRAFFIC_SHIFT answering IN_PROGRESS, then FAILED, rolls the deployment
// back with production untouched; answering IN_PROGRESS, then SUCCEEDED, lets it through; a hook task (a
// busybox task reading $BERTH_HOOK_INPUT) at PRE_SCALE_UP answers by its exit code (0 lets the
// deployment through, 3 rolls it back before a new task starts); a hook URL outside the
// allowed list is refused, naming the URL without its query.
import t from 'tap';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEPLOYMENT_HOOKS_API, ELBV2_API, parseUrlAllowList, type DeploymentConfiguration, type DeploymentLifecycleHookStage, type Elbv2, type HookInput, type ServiceDeployment, type Task } from '@berth/core';
import { IMAGE, startTestCluster, until } from '@berth/agent/test/e2e-helpers';
import { freePort, lbFixture, load } from './lb-fixture.js';

t.setTimeout(420_000);
// One AWS minute lasts 10 s: a callBackDelay of 6 (AWS) seconds is 1 s here.
const MINUTE_MS = 10_000;

// The webhook: answers what the test queues, in order (SUCCEEDED once the queue is empty), and keeps every input.
const inputs: { at: number; path: string; body: HookInput }[] = [];
let answers: object[] = [];
const hookServer = createServer((req: IncomingMessage, res) => {
  let body = '';
  req.on('data', (d: Buffer) => { body += d.toString('utf8'); });
  req.on('end', () => {
    inputs.push({ at: Date.now(), path: req.url ?? '', body: JSON.parse(body) as HookInput });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answers.shift() ?? { hookStatus: 'SUCCEEDED' }));
  });
});
await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
t.teardown(() => new Promise<void>((r) => hookServer.close(() => r())));
const hookPort = (hookServer.address() as AddressInfo).port;

const { server, client, cluster } = await startTestCluster('svc-hooks', (fn) => t.teardown(fn), {
  server: {
    awsMinuteMs: MINUTE_MS, services: { settleSeconds: 1, throttleBaseSeconds: 0.5, throttleMaxSeconds: 2, resyncSeconds: 1 },
    scaleHooks: { urlAllow: parseUrlAllowList(`http://127.0.0.1:${hookPort}/hooks`) }, lifecycleHooks: { tickMs: 200 },
  },
});
const { joinLb, startLb } = await lbFixture('svc-hooks', { addr: server.addr, admin: client, cluster });
const elb = <R>(action: string, req: object) => client.callApi(ELBV2_API, action, req) as Promise<R>;
const hooksApi = <R>(action: string, req: object) => client.callApi(DEPLOYMENT_HOOKS_API, action, req) as Promise<R>;
const errorOf = (p: Promise<unknown>) => p.then(() => ({ name: 'no error', message: '' }), (e: { ecsName?: string; name: string; message: string }) => ({ name: e.ecsName ?? e.name, message: e.message }));

/** busybox httpd on 8080 answering its version. */
const revision = async (version: string) => (await client.call('RegisterTaskDefinition', {
  family: `hooks-${process.pid}`,
  containerDefinitions: [{
    name: 'web', image: IMAGE, memory: 16, essential: true, portMappings: [{ containerPort: 8080, hostPort: 0 }],
    environment: [{ name: 'VERSION', value: version }],
    command: ['sh', '-c', 'mkdir -p /www && echo $VERSION > /www/index.html && exec httpd -f -p 8080 -h /www'],
  }],
})).taskDefinition!.taskDefinitionArn!;
const get = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/`)).text()).trim();

t.test('hooks refused: a URL outside --hook-url-allow, a hookTargetArn naming no hook', async (t) => {
  const outside = await errorOf(hooksApi('CreateDeploymentHook', { name: 'outside', url: 'http://127.0.0.1:1/elsewhere?token=s3cret' }));
  t.equal(outside.name, 'InvalidParameterException');
  t.match(outside.message, /Deployment hook outside cannot be called: http:\/\/127\.0\.0\.1:1\/elsewhere\?… is not under a URL the server allows \(--hook-url-allow\)/, outside.message);
  t.notMatch(outside.message, /s3cret/, 'the refusal leaves the query out');
  t.match(await errorOf(hooksApi('CreateDeploymentHook', { name: 'both', url: `http://127.0.0.1:${hookPort}/hooks/x`, taskDefinition: 'x' })), { name: 'InvalidParameterException', message: /exactly one of a url/ });
  t.match(await errorOf(hooksApi('CreateDeploymentHook', { name: 'no-td', taskDefinition: 'no-such-family' })), { name: 'ClientException' }, 'a hook task\'s task definition must exist');
  t.same((await hooksApi<{ deploymentHooks: unknown[] }>('ListDeploymentHooks', {})).deploymentHooks ?? [], [], 'nothing was created');
});

t.test('webhook and task hooks hold a BLUE_GREEN deployment behind berth-lb', async (t) => {
  const group = `hooks-${process.pid}`;
  const [prodPort, testPort] = [await freePort(), await freePort()];
  const lb = (await elb<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: 'hooks', Subnets: [group] })).LoadBalancers![0]!;
  const tg = async (Name: string) => {
    const g = (await elb<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', {
      Name, Protocol: 'HTTP', Port: 8080, TargetType: 'instance', HealthCheckPath: '/', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 4, HealthyThresholdCount: 2,
      // As in service-traffic-shift.test.ts: a loaded CI machine can miss two checks in a row; this test is about hooks.
      UnhealthyThresholdCount: 5,
    })).TargetGroups![0]!.TargetGroupArn!;
    // Longer than berth-lb takes to apply a deregistration on a loaded machine (two passes: docs/load-balancing.md).
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
  const weights = async () => {
    const fwd = (await elb<Elbv2.DescribeRulesOutput>('DescribeRules', { RuleArns: [prodRule] })).Rules![0]!.Actions![0]!.ForwardConfig!.TargetGroups!;
    return [blue, green].map((g) => fwd.find((x) => x.TargetGroupArn === g)?.Weight ?? 0).join('/');
  };

  const gate = (await hooksApi<{ deploymentHook: { arn: string; kind: string } }>('CreateDeploymentHook', { name: 'gate', url: `http://127.0.0.1:${hookPort}/hooks/gate?token=t1`, timeoutSeconds: 10 })).deploymentHook;
  t.match(gate, { arn: `arn:aws:lambda:${server.ctx.identity.region}:${server.ctx.identity.accountId}:function:gate`, kind: 'webhook' }, 'a webhook hook, with a Lambda function\'s ARN');

  const v1 = await revision('v1');
  const loadBalancers = [{ targetGroupArn: blue, containerName: 'web', containerPort: 8080, advancedConfiguration: { alternateTargetGroupArn: green, productionListenerRule: prodRule, testListenerRule: testRule } }];
  const missing = await errorOf(client.call('CreateService', {
    cluster, serviceName: 'web', taskDefinition: v1, desiredCount: 2, loadBalancers,
    deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [{ hookTargetArn: gate.arn.replace(':gate', ':nope'), lifecycleStages: ['TEST_TRAFFIC_SHIFT'] }] },
  }));
  t.match(missing, { name: 'InvalidParameterException', message: /The deployment hook nope does not exist/ }, 'a hookTargetArn naming no hook is refused');
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: v1, desiredCount: 2, loadBalancers, deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 } });
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
  const v1Revision = (await current()).targetServiceRevision!.arn!;

  const traffic = load(prodPort, 200);
  const hooked = (stages: DeploymentLifecycleHookStage[], arn = gate.arn): DeploymentConfiguration => ({
    strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [{ targetType: 'AWS_LAMBDA', hookTargetArn: arn, lifecycleStages: stages, hookDetails: { suite: 'smoke', regions: ['a', 'b'] } }],
  });

  // 1. IN_PROGRESS (ask again after 6 AWS seconds, passing {n: 1} on), then FAILED: the deployment rolls
  //    back from TEST_TRAFFIC_SHIFT; production never moved.
  const v1Tasks = (await running()).map((x) => x.taskArn!).sort();
  answers = [{ hookStatus: 'IN_PROGRESS', callBackDelay: 6, hookDetails: { n: 1 } }, { hookStatus: 'FAILED' }];
  inputs.length = 0;
  traffic.counts.phase = 'v2 at its hook';
  await client.call('UpdateService', { cluster, service: 'web', taskDefinition: await revision('v2'), deploymentConfiguration: hooked(['TEST_TRAFFIC_SHIFT']) });
  const failed = await done('ROLLBACK_SUCCESSFUL');
  traffic.counts.phase = 'v2 rolled back';
  t.equal(inputs.length, 2, 'the webhook was called twice');
  const first = inputs[0]!.body;
  t.match(first, {
    lifecycleStage: 'TEST_TRAFFIC_SHIFT', resourceArn: failed.serviceDeploymentArn,
    executionDetails: {
      serviceArn: failed.serviceArn, targetServiceRevisionArn: failed.targetServiceRevision!.arn,
      testTrafficWeights: { [failed.targetServiceRevision!.arn!]: 100, [v1Revision]: 0 },
      productionTrafficWeights: { [failed.targetServiceRevision!.arn!]: 0, [v1Revision]: 100 },
    },
    hookDetails: { suite: 'smoke', regions: ['a', 'b'] },
  }, 'ECS\'s hook input: test traffic on the new revision, production on the old');
  t.equal(inputs[0]!.path, '/hooks/gate?token=t1', 'POSTed to the hook\'s URL');
  t.same(inputs[1]!.body.hookDetails, { n: 1 }, 'the IN_PROGRESS answer\'s hookDetails passed on');
  const described = (await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!;
  t.same(described.deploymentConfiguration?.lifecycleHooks?.[0]?.hookDetails, { suite: 'smoke', regions: ['a', 'b'] }, 'the service keeps its hookDetails (a document) whole');
  t.not(inputs[1]!.body.executionId, first.executionId, 'each call its own executionId');
  const gap = (inputs[1]!.at - inputs[0]!.at) / 1000;
  t.ok(gap >= 0.9, `asked again after callBackDelay (6 AWS seconds: 1 s here; ${gap.toFixed(2)} s)`);
  t.match(failed.lifecycleHookDetails, [{ hookId: '0-TEST_TRAFFIC_SHIFT', targetType: 'AWS_LAMBDA', targetArn: gate.arn, status: 'FAILED' }], 'the hook FAILED');
  t.match(failed.rollback?.reason, /lifecycle hook 0-TEST_TRAFFIC_SHIFT answered FAILED/, String(failed.rollback?.reason));
  t.equal(await weights(), '1/0', 'production never moved');
  t.same((await running()).map((x) => x.taskArn!).sort(), v1Tasks, 'the v1 tasks serve on, none replaced');

  // 2. IN_PROGRESS, then SUCCEEDED: the deployment goes through, production on v3.
  answers = [{ hookStatus: 'IN_PROGRESS', callBackDelay: 6 }, { hookStatus: 'SUCCEEDED' }];
  inputs.length = 0;
  traffic.counts.phase = 'v3';
  await client.call('UpdateService', { cluster, service: 'web', taskDefinition: await revision('v3'), deploymentConfiguration: hooked(['TEST_TRAFFIC_SHIFT']) });
  const passed = await done('SUCCESSFUL');
  t.equal(inputs.length, 2, 'called twice');
  t.match(passed.lifecycleHookDetails, [{ hookId: '0-TEST_TRAFFIC_SHIFT', status: 'SUCCEEDED' }], 'the hook SUCCEEDED');
  await lbRunning.synced();
  await until('production answers v3', async () => (await get(prodPort)) === 'v3' || undefined, 30_000, 250);
  traffic.counts.phase = 'v3 in production';

  // 3. A hook task at PRE_SCALE_UP: a busybox task that exits 0 only when its input says PRE_SCALE_UP.
  const checker = (await client.call('RegisterTaskDefinition', {
    family: `hook-check-${process.pid}`,
    containerDefinitions: [{ name: 'check', image: IMAGE, memory: 16, essential: true, command: ['sh', '-c', 'case "$BERTH_HOOK_INPUT" in *\'"lifecycleStage":"PRE_SCALE_UP"\'*) exit 0;; *) exit 3;; esac'] }],
  })).taskDefinition!.taskDefinitionArn!;
  const check = (await hooksApi<{ deploymentHook: { arn: string; kind: string } }>('CreateDeploymentHook', { name: 'check', taskDefinition: checker, timeoutSeconds: 120 })).deploymentHook;
  t.equal(check.kind, 'task');
  await client.call('UpdateService', { cluster, service: 'web', taskDefinition: await revision('v4'), deploymentConfiguration: hooked(['PRE_SCALE_UP'], check.arn) });
  const held = await until('held at PRE_SCALE_UP', async () => {
    const d = await current();
    return d.lifecycleStage === 'PRE_SCALE_UP' ? d : undefined;
  }, 30_000, 100).catch(() => undefined);
  t.comment(held ? 'seen held at PRE_SCALE_UP' : 'PRE_SCALE_UP passed before it was seen');
  const viaTask = await done('SUCCESSFUL');
  t.match(viaTask.lifecycleHookDetails, [{ hookId: '0-PRE_SCALE_UP', targetType: 'AWS_LAMBDA', targetArn: check.arn, status: 'SUCCEEDED' }], 'the hook task answered SUCCEEDED by exiting 0');
  const hookTasks = (await client.call('ListTasks', { cluster, startedBy: 'berth-hook/check', desiredStatus: 'STOPPED' })).taskArns ?? [];
  t.equal(hookTasks.length, 1, 'one hook task ran');
  const ran = (await client.call('DescribeTasks', { cluster, tasks: hookTasks })).tasks![0]!;
  t.equal(ran.containers![0]!.exitCode, 0, 'and exited 0');
  const v4Started = ((await client.call('DescribeTasks', { cluster, tasks: (await running()).map((x) => x.taskArn!) })).tasks ?? []).map((x) => Number(x.createdAt));
  t.ok(v4Started.every((c) => c >= Number(ran.stoppedAt)), 'the new revision\'s tasks were created only after the hook task had stopped');

  // 4. A hook task that exits 3 at PRE_SCALE_UP: FAILED, rolled back before any new task started.
  const failing = (await client.call('RegisterTaskDefinition', {
    family: `hook-fail-${process.pid}`, containerDefinitions: [{ name: 'check', image: IMAGE, memory: 16, essential: true, command: ['sh', '-c', 'exit 3'] }],
  })).taskDefinition!.taskDefinitionArn!;
  const veto = (await hooksApi<{ deploymentHook: { arn: string } }>('CreateDeploymentHook', { name: 'veto', taskDefinition: failing })).deploymentHook;
  const v4Tasks = (await running()).map((x) => x.taskArn!).sort();
  await client.call('UpdateService', { cluster, service: 'web', taskDefinition: await revision('v5'), deploymentConfiguration: hooked(['PRE_SCALE_UP'], veto.arn) });
  const vetoed = await done('ROLLBACK_SUCCESSFUL');
  t.match(vetoed.lifecycleHookDetails, [{ hookId: '0-PRE_SCALE_UP', targetArn: veto.arn, status: 'FAILED' }], 'the hook task answered FAILED by exiting 3');
  t.match(vetoed.rollback?.reason, /the hook task \S+ exited: check 3/, String(vetoed.rollback?.reason));
  t.same((await running()).map((x) => x.taskArn!).sort(), v4Tasks, 'no v5 task ever started; the v4 tasks serve on');
  await hooksApi('DeleteDeploymentHook', { name: 'veto' });

  const result = await traffic.stop();
  t.comment(`requests: ${result.sent} sent, ${result.ok} answered 200, ${result.failed} failed`);
  for (const [phase, bodies] of Object.entries(result.bodies)) t.comment(`  ${phase}: ${JSON.stringify(bodies)}`);
  // The hook's effect on production is what this test is about: not one request failed while the hook held
  // v2 and it rolled back. (Elsewhere berth-lb's health checks on a saturated CI machine can take a group
  // down for seconds, as docs/deployments.md says; those are counted and shown, the traffic-shift test
  // asserts them.)
  const v2Errors = result.errors.filter((e) => e.startsWith('v2 '));
  t.equal(v2Errors.length, 0, `no failed request while the hook held v2 and it rolled back (${v2Errors.slice(0, 8).join('; ')})`);
  if (result.failed > 0) t.comment(`failed elsewhere: ${result.errors.slice(0, 8).join('; ')}`);
  t.same(Object.keys(result.bodies['v2 at its hook'] ?? {}), ['v1'], 'while its hook held v2 and until it rolled back, production answered v1 only');
  t.ok((result.bodies['v2 at its hook']?.['v1'] ?? 0) > 0, 'and was measured');
  t.same(Object.keys(result.bodies['v3 in production'] ?? {}).filter((v) => v !== 'v3' && v !== 'v4'), [], 'after the hook let v3 through, v3 (then v4) answered');
  await client.call('UpdateService', { cluster, service: 'web', desiredCount: 0 });
  await client.call('DeleteService', { cluster, service: 'web', force: true });
  await hooksApi('DeleteDeploymentHook', { name: 'gate' });
  await hooksApi('DeleteDeploymentHook', { name: check.arn });
  t.same((await hooksApi<{ deploymentHooks?: unknown[] }>('ListDeploymentHooks', {})).deploymentHooks ?? [], [], 'deleted by name and by ARN');
});
