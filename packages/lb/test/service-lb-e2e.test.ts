// An ECS service behind a real berth-lb (issue 24 §4): a real control plane, a real agent on the real
// dockerd, busybox httpd tasks on dynamic host ports in bridge mode, registered by the services controller
// as `instance` targets that berth-lb's HAProxy reaches at the instance's address. Under a steady bounded
// load on loopback (200 requests/s, half on kept-alive connections, half on new ones, every one counted):
// a rolling deployment of 3 tasks and a scale out and in fail no request, the old tasks wait DEACTIVATING
// for the deregistration delay before their containers stop, and scaling changes targets without a
// reload. Then a revision whose health check path answers 500: its tasks are reported unhealthy and
// replaced, in ECS's words.
import t from 'tap';
import { ELBV2_API, type Elbv2, type Service, type Task } from '@berth/core';
import { IMAGE, startTestCluster, until } from '@berth/agent/test/e2e-helpers';
import { workerPid } from '../src/index.js';
import { freePort, lbFixture, load } from './lb-fixture.js';

t.setTimeout(420_000);
const { server, client, cluster } = await startTestCluster('svc-lb', (fn) => t.teardown(fn), {
  server: { services: { settleSeconds: 1, throttleBaseSeconds: 0.5, throttleMaxSeconds: 2, resyncSeconds: 1 } },
});
const { joinLb, startLb } = await lbFixture('svc-lb', { addr: server.addr, admin: client, cluster });
const elb = <R>(action: string, req: object) => client.callApi(ELBV2_API, action, req) as Promise<R>;

/** busybox httpd on 8080; its health check path (a CGI script) answers `code`. */
const revision = (code: string, version: string) => ({
  family: `web-${process.pid}`,
  containerDefinitions: [{
    name: 'web', image: IMAGE, memory: 16, essential: true, portMappings: [{ containerPort: 8080, hostPort: 0 }],
    environment: [{ name: 'VERSION', value: version }],
    command: ['sh', '-c', 'mkdir -p /www/cgi-bin && echo $VERSION > /www/index.html && ' +
      `printf '#!/bin/sh\\necho "Status: ${code}"\\necho "Content-Type: text/plain"\\necho\\necho $VERSION\\n' > /www/cgi-bin/health && ` +
      'chmod +x /www/cgi-bin/health && exec httpd -f -p 8080 -h /www'],
  }],
});

t.test('a service behind berth-lb: deployment, scaling and an unhealthy revision', async (t) => {
  const group = `svc-${process.pid}`;
  const listenPort = await freePort();
  const lb = (await elb<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: 'web', Subnets: [group] })).LoadBalancers![0]!;
  const tg = (await elb<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', {
    Name: 'web', Protocol: 'HTTP', Port: 8080, TargetType: 'instance', HealthCheckPath: '/cgi-bin/health',
    HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 4, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2,
  })).TargetGroups![0]!;
  // Longer than berth-lb takes to apply a deregistration on a loaded machine (two passes: docs/load-balancing.md),
  // so no task stops while HAProxy still sends it requests.
  await elb('ModifyTargetGroupAttributes', { TargetGroupArn: tg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }] });
  await elb('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Port: listenPort, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });
  const running = await startLb(await joinLb(), group);

  const v1 = (await client.call('RegisterTaskDefinition', revision('200 OK', 'v1'))).taskDefinition!.taskDefinitionArn!;
  const loadBalancers = [{ targetGroupArn: tg.TargetGroupArn!, containerName: 'web', containerPort: 8080 }];
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: v1, desiredCount: 3, loadBalancers });

  const healthy = async () => ((await elb<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: tg.TargetGroupArn })).TargetHealthDescriptions ?? [])
    .filter((d) => d.TargetHealth?.State === 'healthy').map((d) => `${d.Target!.Id}:${d.Target!.Port}`).sort();
  const describe = async (): Promise<Service> => (await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!;
  const tasks = async (desiredStatus: 'RUNNING' | 'STOPPED'): Promise<Task[]> => {
    const arns = (await client.call('ListTasks', { cluster, serviceName: 'web', desiredStatus })).taskArns ?? [];
    return arns.length ? (await client.call('DescribeTasks', { cluster, tasks: arns })).tasks ?? [] : [];
  };
  const steady = (n: number, td: string) => until(`${n} tasks of ${td} steady behind healthy targets`, async () => {
    const s = await describe();
    const h = await healthy();
    return s.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.deployments[0]!.taskDefinition === td &&
      s.runningCount === n && (await tasks('RUNNING')).length === n && h.length === n ? h : undefined;
  }, 120_000, 500);

  const first = await steady(3, v1);
  t.equal(first.length, 3, `three targets: ${first.join(', ')}`);
  const instance = (await client.call('ListContainerInstances', { cluster })).containerInstanceArns![0]!.split('/').pop();
  t.ok(first.every((x) => x.startsWith(`${instance}:`)), 'instance targets: the container instance and a host port');

  const traffic = load(listenPort, 200);
  // A rolling deployment: new tasks count as healthy when their targets are; the old ones drain, then stop.
  traffic.counts.phase = 'deployment';
  const oldTasks = (await tasks('RUNNING')).map((x) => x.taskArn!);
  const v2 = (await client.call('RegisterTaskDefinition', revision('200 OK', 'v2'))).taskDefinition!.taskDefinitionArn!;
  await client.call('UpdateService', { cluster, service: 'web', taskDefinition: v2 });
  const second = await steady(3, v2);
  t.notSame(second, first, 'the targets are the new tasks\'');
  const stopped = await until('the old tasks STOPPED', async () => {
    const st = (await tasks('STOPPED')).filter((x) => oldTasks.includes(x.taskArn!) && x.lastStatus === 'STOPPED');
    return st.length === 3 ? st : undefined;
  }, 60_000);
  for (const x of stopped) {
    t.equal(x.stopCode, 'ServiceSchedulerInitiated');
    t.ok(x.executionStoppedAt! - x.stoppingAt! >= 5, `its containers stopped after the 5 s deregistration delay (${(x.executionStoppedAt! - x.stoppingAt!).toFixed(1)} s)`);
  }

  // Scaling out and in: targets come and go through the runtime API, with no reload.
  const worker = await workerPid(running.haproxy.socket);
  const reloads = running.reloads;
  traffic.counts.phase = 'scale out';
  await client.call('UpdateService', { cluster, service: 'web', desiredCount: 5 });
  await steady(5, v2);
  traffic.counts.phase = 'scale in';
  await client.call('UpdateService', { cluster, service: 'web', desiredCount: 3 });
  await steady(3, v2);
  await until('the scaled-in tasks stopped', async () => (await tasks('STOPPED')).filter((x) => x.lastStatus === 'STOPPED').length === 5 || undefined, 60_000);
  // StopTask on a task behind the load balancer: it drains too, and is replaced.
  traffic.counts.phase = 'StopTask';
  const victim = (await tasks('RUNNING'))[0]!;
  const asked = (await client.call('StopTask', { cluster, task: victim.taskArn!, reason: 'by hand' })).task!;
  t.match(asked, { lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stopCode: 'UserInitiated' }, 'StopTask: DEACTIVATING first');
  const gone = await until('the stopped task STOPPED', async () => (await tasks('STOPPED')).find((x) => x.taskArn === victim.taskArn && x.lastStatus === 'STOPPED'), 60_000);
  t.ok(gone.executionStoppedAt! - gone.stoppingAt! >= 5, 'after the deregistration delay');
  await steady(3, v2);
  await running.synced();
  t.equal(running.reloads, reloads, 'no reload for targets');
  t.equal(await workerPid(running.haproxy.socket), worker, 'the same HAProxy worker');

  const result = await traffic.stop();
  t.comment(`requests: ${result.sent} sent (${result.keptAlive} kept alive, ${result.fresh} new connections), ${result.ok} answered 200, ${result.failed} failed`);
  t.equal(result.failed, 0, `no failed request (${result.errors.slice(0, 8).join('; ')})`);
  t.equal(result.ok, result.sent, 'every request answered');
  t.ok(result.sent >= 2000, 'the load ran through all of it');

  // A revision whose health check path answers 500: its targets are unhealthy, and its tasks are replaced.
  const v3 = (await client.call('RegisterTaskDefinition', revision('500 Internal Server Error', 'v3'))).taskDefinition!.taskDefinitionArn!;
  await client.call('UpdateService', { cluster, service: 'web', taskDefinition: v3 });
  const sick = await until('a v3 task replaced for failing ELB health checks', async () =>
    (await tasks('STOPPED')).find((x) => x.taskDefinitionArn === v3 && /^Task failed ELB health checks in/.test(x.stoppedReason ?? '')), 120_000, 500);
  t.equal(sick.stoppedReason, `Task failed ELB health checks in (target-group ${tg.TargetGroupArn})`, 'ECS\'s reason');
  const events = (await describe()).events?.map((e) => e.message) ?? [];
  t.ok(events.some((m) => /These tasks failed ELB health checks\./.test(m ?? '')), 'ECS\'s service event');
  for (const what of ['registered', 'deregistered']) {
    t.ok(events.some((m) => m === undefined ? false : new RegExp(`^\\(service web\\) ${what} \\d+ targets in \\(target-group ${tg.TargetGroupArn}\\)$`).test(m)), `ECS's "${what} N targets" event`);
  }
  const v2Stops = (await tasks('STOPPED')).filter((x) => x.taskDefinitionArn === v2).map((x) => x.stoppedReason);
  t.equal(v2Stops.length, 3, `no v2 task stopped but the 2 scaled in and the one by hand: a revision never healthy replaces none (${v2Stops.join('; ')})`);
  t.equal((await healthy()).length, 3, 'the v2 tasks still serve');
  await client.call('UpdateService', { cluster, service: 'web', desiredCount: 0 });
  await client.call('DeleteService', { cluster, service: 'web', force: true });
});
