// The exporter's samples as a pure function of what the API answered, and the cap on series.
import t from 'tap';
import type { ContainerInstance } from '@berth/core';
import { Counter, Gauge, Registry } from 'prom-client';
import { FAMILIES, capSeries, fleetSamples, renderSamples, type FleetView } from '../src/fleet-metrics.js';

const res = (cpu: number, memory: number) => [{ name: 'CPU', type: 'INTEGER', integerValue: cpu }, { name: 'MEMORY', type: 'INTEGER', integerValue: memory }];
const instance = (id: string, status: string, connected: boolean, registered: [number, number], remaining: [number, number], running = 0): ContainerInstance => ({
  containerInstanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/c1/${id}`, status, agentConnected: connected,
  registeredResources: res(...registered), remainingResources: res(...remaining), runningTasksCount: running, pendingTasksCount: 0,
});
const view: FleetView = {
  cluster: { clusterName: 'c1' },
  instances: [
    instance('a', 'ACTIVE', true, [2048, 1000], [1024, 500], 2),
    instance('b', 'DRAINING', false, [2048, 1000], [2048, 1000]),
    instance('z', 'INACTIVE', false, [4096, 4000], [0, 0]),
  ],
  services: [
    { serviceName: 'web', status: 'ACTIVE', desiredCount: 3, runningCount: 2, pendingCount: 1, deployments: [{ rolloutState: 'IN_PROGRESS' }, { rolloutState: 'COMPLETED' }] },
    { serviceName: 'gone', status: 'INACTIVE', desiredCount: 0 },
  ],
  tasks: [{ lastStatus: 'RUNNING' }, { lastStatus: 'RUNNING' }, { lastStatus: 'PENDING' }, { lastStatus: 'STOPPED' }],
};
const value = (name: string, labels: Record<string, string>) => fleetSamples(view).find((s) => s.family.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
const MIB = 1024 * 1024;

t.test('cluster figures: ECS\'s reservation over ACTIVE and DRAINING instances', async (t) => {
  const cases: [string, Record<string, string>, number | undefined][] = [
    ['berth_cluster_container_instances', { status: 'ACTIVE', agent_connected: 'true' }, 1],
    ['berth_cluster_container_instances', { status: 'DRAINING', agent_connected: 'false' }, 1],
    ['berth_cluster_container_instances', { status: 'INACTIVE', agent_connected: 'false' }, 1],
    ['berth_cluster_registered_cpu_units', {}, 4096],
    ['berth_cluster_reserved_cpu_units', {}, 1024],
    ['berth_cluster_remaining_cpu_units', {}, 3072],
    ['berth_cluster_registered_memory_bytes', {}, 2000 * MIB],
    ['berth_cluster_reserved_memory_bytes', {}, 500 * MIB],
    ['berth_cluster_cpu_reservation_percent', {}, 25],
    ['berth_cluster_memory_reservation_percent', {}, 25],
    ['berth_cluster_tasks', { last_status: 'RUNNING' }, 2],
    ['berth_cluster_tasks', { last_status: 'PENDING' }, 1],
    ['berth_cluster_tasks', { last_status: 'STOPPED' }, 1],
    ['berth_cluster_tasks', { last_status: 'PROVISIONING' }, 0],
    ['berth_cluster_services', {}, 1],
  ];
  for (const [name, labels, want] of cases) t.equal(value(name, { cluster: 'c1', ...labels }), want, `${name} ${JSON.stringify(labels)}`);
});

t.test('services and instances', async (t) => {
  t.equal(value('berth_service_desired_tasks', { service: 'web' }), 3);
  t.equal(value('berth_service_running_tasks', { service: 'web' }), 2);
  t.equal(value('berth_service_pending_tasks', { service: 'web' }), 1);
  t.equal(value('berth_service_deployments', { service: 'web', rollout_state: 'IN_PROGRESS' }), 1);
  t.equal(value('berth_service_deployments', { service: 'web', rollout_state: 'FAILED' }), 0);
  t.equal(value('berth_service_desired_tasks', { service: 'gone' }), undefined, 'an INACTIVE service is not served');
  t.equal(value('berth_instance_agent_connected', { instance: 'a' }), 1);
  t.equal(value('berth_instance_agent_connected', { instance: 'b' }), 0);
  t.equal(value('berth_instance_running_tasks', { instance: 'a' }), 2);
  t.equal(value('berth_instance_remaining_memory_bytes', { instance: 'a' }), 500 * MIB);
  t.equal(value('berth_instance_agent_connected', { instance: 'z' }), undefined, 'an INACTIVE instance is not served');
});

t.test('no registered resources: the percentages are absent, not zero', async (t) => {
  const empty = fleetSamples({ cluster: { clusterName: 'e' }, instances: [], services: [], tasks: [] });
  t.notOk(empty.some((s) => s.family === FAMILIES.cpuReservation || s.family === FAMILIES.memoryReservation));
  t.equal(empty.find((s) => s.family === FAMILIES.registeredCpu)?.value, 0);
});

t.test('the cap keeps the cluster\'s series first and counts what it drops', async (t) => {
  const all = fleetSamples(view);
  const { kept, dropped } = capSeries(all, 10);
  t.equal(kept.length, 10);
  t.equal(dropped, all.length - 10);
  t.ok(kept.every((s) => s.family.name.startsWith('berth_cluster_')), 'the cluster\'s come first');
  t.same(capSeries(all, all.length), { kept: all, dropped: 0 });
});

t.test('the view rendered once per refresh reads as prom-client would write it, label values escaped', async (t) => {
  const odd = { family: FAMILIES.serviceDesired, labels: { cluster: 'c', service: 'a "quoted"\\ service\nwith a newline' }, value: 3 };
  const samples = [...fleetSamples(view), odd];
  const requests = { family: FAMILIES.lbRequests, labels: { load_balancer: 'front' }, value: 12 };
  samples.push(requests);
  // The same samples through prom-client's gauges and counters: what each scrape used to set.
  const registry = new Registry();
  for (const f of Object.values(FAMILIES)) {
    const options = { name: f.name, help: f.help, labelNames: [...f.labels], registers: [registry] };
    if (f.type === 'counter') {
      const c = new Counter(options);
      for (const s of samples) if (s.family === f) c.inc(s.labels, s.value);
      continue;
    }
    const g = new Gauge(options);
    for (const s of samples) if (s.family === f) g.set(s.labels, s.value);
  }
  const blocks = (text: string) => text.trim().split(/\n(?=# HELP )/).map((b) => b.trim());
  t.same(blocks(renderSamples(samples)), blocks(await registry.metrics()));
  t.match(renderSamples(samples), 'service="a \\"quoted\\"\\\\ service\\nwith a newline"');
  t.equal(renderSamples([]).split('\n').filter((l) => l.startsWith('# TYPE')).length, Object.keys(FAMILIES).length, 'every family has its HELP and TYPE, samples or not');
});
