// deploy/prometheus and deploy/grafana against a real fleet: promtool checks the config and the rules; a
// real Prometheus (Debian's, on a loopback port) runs the committed config, with only the addresses and
// intervals changed, discovers the agent through the control plane's /prometheus/sd, scrapes the server,
// the agent and berth-exporter, and PromQL answers the running-task count through the recording rule and a
// container's memory by task (the cluster has Container Insights on). Every
// metric a dashboard panel, a recording rule or an alert names is one the fleet serves.
import t from 'tap';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLEET_API } from '@berth/core';
import { getInstanceStatistics } from '@berth/server';
import { IMAGE, REPO_ROOT, freePort, startTestCluster, until, waitForTask } from './e2e-helpers.js';

const PROM_DIR = `${REPO_ROOT}deploy/prometheus`;
const GRAFANA_DIR = `${REPO_ROOT}deploy/grafana`;
const promtool = (...args: string[]) => {
  try {
    return { code: 0, out: execFileSync('/usr/bin/promtool', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: x.stdout + x.stderr };
  }
};

t.test('promtool: the config and the rules', async (t) => {
  const config = promtool('check', 'config', `${PROM_DIR}/prometheus.yml`);
  t.equal(config.code, 0, config.out);
  const rules = promtool('check', 'rules', ...readdirSync(`${PROM_DIR}/rules`).map((f) => `${PROM_DIR}/rules/${f}`));
  t.equal(rules.code, 0, rules.out);
});

const { server, client, cluster, work } = await startTestCluster('prometheus-e2e', t.teardown, {
  // Passes every second; the control plane writes an instance's statistics at most every 2 s (60 s by default).
  server: { metricsListener: { listen: '127.0.0.1:0' }, agents: { heartbeatPeriodMs: 500, sessionTtlSeconds: 2, statisticsWriteIntervalMs: 2000 } },
  agents: [{ ECS_POLLING_METRICS_WAIT_DURATION: '1s' }],
});
// Per-task series only where Container Insights is on: the agent hears of it in a heartbeat echo.
await client.call('UpdateClusterSettings', { cluster, settings: [{ name: 'containerInsights', value: 'enabled' }] });
const { token } = (await client.callApi(FLEET_API, 'CreateJoinToken', { kind: 'exporter', cluster, uses: 1, ttlSeconds: 600 })) as { token: string };
const exporter = spawn(process.execPath, [`${REPO_ROOT}packages/exporter/bin/berth-exporter.js`, '--server', server.addr, '--data-dir', join(work.dir, 'exporter'), '--listen', '127.0.0.1:0', '--refresh', '1s'],
  { env: { PATH: process.env.PATH ?? '', BERTH_JOIN_TOKEN: token }, stdio: ['ignore', 'ignore', 'pipe'] });
t.teardown(() => void exporter.kill('SIGKILL'));
let exporterLog = '';
exporter.stderr!.on('data', (d: Buffer) => (exporterLog += d));
const exporterAddr = await until('the exporter listening', async () => /"msg":"listening".*?"addr":"([^"]+)"/.exec(exporterLog)?.[1], 60_000);

const family = `prometheus-e2e-${process.pid}`;
const MiB = 1024 * 1024;
await client.call('RegisterTaskDefinition', {
  family,
  containerDefinitions: [{
    name: 'c', image: IMAGE, memory: 160, essential: true, linuxParameters: { tmpfs: [{ containerPath: '/hold', size: 128 }] },
    command: ['sh', '-c', 'dd if=/dev/zero of=/hold/64m bs=1048576 count=64 && sleep 300'],
  }],
});
const run = await client.call('RunTask', { cluster, taskDefinition: family });
await waitForTask(client, cluster, run.tasks![0]!.taskArn!, 'RUNNING');

// The committed config, pointed at this fleet and sped up.
const promDir = join(work.dir, 'prometheus');
cpSync(PROM_DIR, promDir, { recursive: true });
const config = readFileSync(`${PROM_DIR}/prometheus.yml`, 'utf8')
  .replaceAll('127.0.0.1:7423', server.metricsAddr!)
  .replaceAll('127.0.0.1:9420', exporterAddr)
  .replace(/(scrape_interval|evaluation_interval|refresh_interval): \d+s/g, '$1: 1s');
writeFileSync(join(promDir, 'prometheus.yml'), config);
const promPort = await freePort();
const prometheus = spawn('setsid', ['/usr/bin/prometheus', `--config.file=${join(promDir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(promDir, 'data')}`,
  `--web.listen-address=127.0.0.1:${promPort}`], { stdio: ['ignore', 'ignore', 'pipe'] });
let promLog = '';
prometheus.stderr!.on('data', (d: Buffer) => (promLog += d));
t.teardown(() => void prometheus.kill('SIGKILL'));
const promql = async (query: string) => {
  const r = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(query)}`)).json()) as { data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return r.data?.result ?? [];
};

t.test('a real Prometheus discovers the agent and answers the running-task count', async (t) => {
  const instanceId = run.tasks![0]!.containerInstanceArn!.split('/').pop()!;
  const agent = await until(`Prometheus scraping the agent found through /prometheus/sd\n${promLog.slice(-2000)}`, async () => {
    const r = await promql(`berth_agent_session_connected{job="berth-agents",cluster="${cluster}"}`);
    return r.length === 1 ? r[0] : undefined;
  }, 60_000, 500);
  t.equal(agent.metric.instance, instanceId, 'labelled with its container instance');
  t.equal(agent.value[1], '1');
  const running = await until('the running-task count', async () => {
    const r = await promql(`berth:cluster_running_tasks:sum{cluster="${cluster}"}`);
    return r[0]?.value[1] === '1' ? r[0] : undefined;
  }, 60_000, 500);
  t.equal(running.value[1], '1', 'one task RUNNING, through the recording rule');
  const transitions = await until('the agent\'s transitions', async () => (await promql(`sum(berth_agent_task_transitions_total{cluster="${cluster}",status="RUNNING"})`))[0]);
  t.equal(transitions.value[1], '1');
  // The server is another target, scraped on its own schedule: its first scrape may come after the agent's.
  const leader = await until('the server scraped', async () => (await promql('berth_server_leader{job="berth-server"}'))[0]);
  t.equal(leader.value[1], '1', 'the server scraped');
  const memory = await until('the container\'s memory', async () => {
    const r = await promql(`berth_container_memory_usage_bytes{cluster="${cluster}",container="c",task!=""}`);
    return r[0] && Number(r[0].value[1]) > 32 * MiB ? r[0] : undefined;
  }, 60_000, 500);
  const bytes = Number(memory.value[1]);
  t.ok(Math.abs(bytes - 64 * MiB) <= 8 * MiB, `the container holding 64 MiB uses ${(bytes / MiB).toFixed(1)} MiB (64 ± 8)`);
  t.equal(memory.metric.task, run.tasks![0]!.taskArn!.split('/').pop(), 'labelled with its task');
  t.equal(memory.metric.task_family, family);
  t.equal(Number((await promql(`berth_container_memory_limit_bytes{cluster="${cluster}",container="c"}`))[0]?.value[1]), 160 * MiB, 'and its limit');
});

t.test('the agent sends its statistics on its session; the control plane keeps them apart, throttled', async (t) => {
  const instanceId = run.tasks![0]!.containerInstanceArn!.split('/').pop()!;
  const rec = await until('the container in the instance\'s statistics record', async () => {
    const r = await getInstanceStatistics(server.ctx.store, cluster, instanceId);
    return r?.value.containers.some((x) => x.containerName === 'c') ? r : undefined;
  }, 30_000);
  const c = rec.value.containers.find((x) => x.containerName === 'c')!;
  t.equal(c.taskArn, run.tasks![0]!.taskArn);
  t.ok(Math.abs(c.memoryBytes - 64 * MiB) <= 8 * MiB, `64 ± 8 MiB in the record (${(c.memoryBytes / MiB).toFixed(1)})`);
  t.equal(c.memoryLimitBytes, 160 * MiB);
  // Watch the record for a while: passes arrive every second, writes at most every 2 s.
  const instanceKey = `/berth/v1/instances/${cluster}/${instanceId}`;
  const instanceBefore = (await server.ctx.store.get(instanceKey))!.modRevision;
  const writes: number[] = [];
  const watch = await server.ctx.store.watch(`/berth/v1/instance-statistics/${cluster}/${instanceId}`, {
    onEvents: (events) => { for (const e of events) if (e.type === 'put') writes.push(JSON.parse(e.kv.value.toString()).receivedAt as number); },
    onError: () => {},
  }, { fromRevision: rec.modRevision + 1 });
  await new Promise((r) => setTimeout(r, 5000));
  await watch.cancel();
  t.ok(writes.length >= 1 && writes.length <= 3, `${writes.length} writes in 5 s of 1 s passes`);
  const gaps = [rec.value.receivedAt, ...writes].slice(1).map((w, i) => w - [rec.value.receivedAt, ...writes][i]!);
  t.ok(gaps.every((g) => g >= 1.9), `each write at least the interval after the one before (${gaps.map((g) => g.toFixed(2)).join(', ')} s)`);
  t.equal((await server.ctx.store.get(instanceKey))!.modRevision, instanceBefore, 'the instance record is not touched');
});

t.test('every metric a dashboard, a recording rule or an alert names is served', async (t) => {
  const texts = await Promise.all([server.metricsAddr!, exporterAddr, await agentTarget()].map(async (a) => (await fetch(`http://${a}/metrics`)).text()));
  for (const [i, text] of texts.entries()) {
    const file = join(work.dir, `exposition-${i}.prom`);
    writeFileSync(file, text);
    t.equal(execFileSync('sh', ['-c', `/usr/bin/promtool check metrics < ${file} 2>&1 || true`], { encoding: 'utf8' }), '', `promtool check metrics: ${['server', 'exporter', 'agent (with container statistics)'][i]}`);
  }
  t.match(texts[2], /berth_container_memory_usage_bytes\{/, 'the agent\'s exposition has container series');
  // Every family each process declares (# TYPE), with a histogram's series, whether or not it has samples now.
  const served = new Set<string>();
  for (const m of texts.join('\n').matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    for (const suffix of m[2] === 'histogram' ? ['_bucket', '_sum', '_count'] : ['']) served.add(m[1]! + suffix);
  }
  const recorded = [...readFileSync(`${PROM_DIR}/rules/recording.yml`, 'utf8').matchAll(/record: (\S+)/g)].map((m) => m[1]!);
  for (const r of recorded) served.add(r);
  const named = (expr: string) => [...expr.matchAll(/(?<![\w"{$=~.-])(berth[_:][a-zA-Z0-9_:]*|process_[a-z_]+|nodejs_[a-z_]+)/g)].map((m) => m[1]!);
  const exprs: [string, string][] = [];
  for (const f of readdirSync(GRAFANA_DIR)) {
    const dash = JSON.parse(readFileSync(join(GRAFANA_DIR, f), 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[]; templating: { list: { definition?: string }[] } };
    for (const p of dash.panels) for (const x of p.targets) exprs.push([`${f}: ${p.title}`, x.expr]);
    for (const v of dash.templating.list) if (v.definition) exprs.push([`${f}: variable`, v.definition]);
  }
  for (const f of readdirSync(`${PROM_DIR}/rules`)) for (const m of readFileSync(`${PROM_DIR}/rules/${f}`, 'utf8').matchAll(/expr: (.+)/g)) exprs.push([f, m[1]!]);
  t.ok(exprs.length > 40, `${exprs.length} queries`);
  for (const [where, expr] of exprs) {
    const names = named(expr);
    t.ok(names.length > 0, `${where} names a metric`);
    for (const n of names) t.ok(served.has(n), `${where}: ${n} is served`);
  }
});

async function agentTarget(): Promise<string> {
  const groups = (await (await fetch(`http://${server.metricsAddr}/prometheus/sd`)).json()) as { targets: string[]; labels: Record<string, string> }[];
  return groups.find((g) => g.labels.cluster === cluster)!.targets[0]!;
}
