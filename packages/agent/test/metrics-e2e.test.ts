// Every process's own /metrics end to end: a real control plane with its metrics listener, a real
// berth-agent (its metrics listener on a free port, advertised at registration), the real dockerd. The
// server counts calls by action and result, times the store, counts placement, shows its leader term and
// the agent's open stream; /prometheus/sd lists the connected agent with its cluster and instance; the
// agent's /metrics shows its session, Docker call latency and the task's transitions. promtool checks
// every exposition.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE, startTestCluster, until, waitForTask } from './e2e-helpers.js';

const { server, client, cluster, work } = await startTestCluster('metrics-e2e', t.teardown, { server: { metricsListener: { listen: '127.0.0.1:0' } } });
const metricsAt = server.metricsAddr!;
const scrape = async (addr: string) => (await fetch(`http://${addr}/metrics`)).text();
/** A sample's value, by name and labels in order as the exposition writes them. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};
/** `promtool check metrics` on an exposition: it exits non-zero naming each problem. */
const promtoolCheck = (text: string) => {
  const file = join(work.dir, 'exposition.txt');
  writeFileSync(file, text);
  try {
    return execFileSync('sh', ['-c', `/usr/bin/promtool check metrics < ${file} 2>&1`], { encoding: 'utf8' });
  } catch (e) {
    return (e as { stdout: string }).stdout || String(e);
  }
};

t.test('service discovery lists the connected agent, with its cluster and instance', async (t) => {
  const groups = await until('the agent in /prometheus/sd', async () => {
    const g = (await (await fetch(`http://${metricsAt}/prometheus/sd`)).json()) as { targets: string[]; labels: Record<string, string> }[];
    return g.some((x) => x.labels.cluster === cluster) ? g : undefined;
  });
  const mine = groups.filter((g) => g.labels.cluster === cluster);
  t.equal(mine.length, 1, 'one agent');
  const ci = (await client.call('DescribeContainerInstances', { cluster, containerInstances: [mine[0]!.labels.instance!] })).containerInstances![0]!;
  t.equal(mine[0]!.labels.__meta_berth_container_instance_arn, ci.containerInstanceArn);
  t.match(mine[0]!.targets[0], /^127\.0\.0\.1:\d+$/);
  t.equal(ci.attributes?.find((a) => a.name === 'berth.metrics-address')?.value, mine[0]!.targets[0], 'the address the agent registered');
  const agentText = await scrape(mine[0]!.targets[0]!);
  t.equal(sample(agentText, 'berth_agent_session_connected'), 1, 'the target is the agent, connected');
});

t.test('the server and the agent count what happened', async (t) => {
  const family = `metrics-e2e-${process.pid}`;
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'c', image: IMAGE, memory: 32, essential: true, command: ['sleep', '300'] }] });
  const run = await client.call('RunTask', { cluster, taskDefinition: family });
  await waitForTask(client, cluster, run.tasks![0]!.taskArn!, 'RUNNING');
  const tooBig = await client.call('RunTask', { cluster, taskDefinition: family, overrides: { memory: '999999999' } });
  t.equal(tooBig.failures?.[0]?.reason, 'RESOURCE:MEMORY', 'a task too big for the instance');

  const text = await scrape(metricsAt);
  t.ok(sample(text, 'berth_server_calls_total{api="ecs",action="RunTask",transport="grpc",code="OK"}')! >= 1, 'RunTask, OK');
  t.ok(sample(text, 'berth_server_calls_total{api="ecs",action="RegisterTaskDefinition",transport="grpc",code="OK"}')! >= 1);
  t.ok(sample(text, 'berth_server_call_duration_seconds_count{api="ecs",action="RunTask"}')! >= 1, 'RunTask timed');
  t.ok(sample(text, 'berth_server_store_operation_duration_seconds_count{method="txn"}')! >= 1, 'store transactions timed');
  t.ok(sample(text, 'berth_server_placement_decisions_total{outcome="placed"}')! >= 1, 'a placement');
  t.ok(sample(text, 'berth_server_placement_tasks_placed_total')! >= 1);
  t.ok(sample(text, 'berth_server_placement_decisions_total{outcome="unplaced"}')! >= 1, 'and one that left the task unplaced');
  t.ok(sample(text, 'berth_server_placement_failures_total{reason="RESOURCE:MEMORY"}')! >= 1, 'because of memory');
  t.equal(sample(text, 'berth_server_leader'), 1, 'the one replica leads');
  t.ok(sample(text, 'berth_server_leader_term')! > 0, 'with its term');
  t.equal(sample(text, 'berth_server_agent_sessions'), 1);
  t.match(text, /berth_server_open_streams\{api="ecs",action="Poll"\} 1/, 'the agent stream is open');
  t.match(promtoolCheck(text), /^$/, 'promtool check metrics: the server');

  const [target] = ((await (await fetch(`http://${metricsAt}/prometheus/sd`)).json()) as { targets: string[]; labels: Record<string, string> }[]).filter((g) => g.labels.cluster === cluster);
  const agentText = await until('the agent counted the task RUNNING', async () => {
    const a = await scrape(target!.targets[0]!);
    return sample(a, 'berth_agent_task_transitions_total{status="RUNNING"}') === 1 ? a : undefined;
  });
  t.ok(sample(agentText, 'berth_agent_docker_call_duration_seconds_count{operation="create",result="ok"}')! >= 1, 'Docker create timed');
  t.ok(sample(agentText, 'berth_agent_docker_call_duration_seconds_count{operation="start",result="ok"}')! >= 1, 'Docker start timed');
  t.equal(sample(agentText, 'berth_agent_session_connects_total'), 1);
  t.equal(sample(agentText, 'berth_agent_session_reconnects_total'), 0);
  t.match(promtoolCheck(agentText), /^$/, 'promtool check metrics: the agent');
});
