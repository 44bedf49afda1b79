// The metric history on the file store: points appended a period at a time come back by time range, one
// key per hour read; a new writer (a new leader) continues an hour without losing what was written; the
// series listing pages; retention deletes whole old hours and the series left without data.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@berth/store';
import type { MetricPoint } from '@berth/core';
import { OpenMetricHours, readMetric, seriesPage, sweepMetrics, SECONDS_PER_HOUR } from '../src/state/metric-data.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-metric-data-'));
const store = await openStore(`file:${join(dir, 'berth.db')}`);
t.teardown(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const H = 480_000 * SECONDS_PER_HOUR;
const service = (name: string, cpu: number, memory: number): MetricPoint[] => [
  { namespace: 'AWS/ECS', dimensions: [['ClusterName', 'prod'], ['ServiceName', name]], metric: 'CPUUtilization', unit: 'Percent', value: cpu },
  { namespace: 'AWS/ECS', dimensions: [['ClusterName', 'prod'], ['ServiceName', name]], metric: 'MemoryUtilization', unit: 'Percent', value: memory },
];
const dims: [string, string][] = [['ServiceName', 'web'], ['ClusterName', 'prod']];

t.test('append, read back, continue after a new writer, across hours', async (t) => {
  const w = new OpenMetricHours();
  t.equal(await w.append(store, [...service('web', 10, 20), ...service('a/b c', 1, 2)], H + 60), 2, 'one record per dimension set');
  await w.append(store, service('web', 30, 40), H + 120);
  // A new leader: it reads the hour's record once, then appends; nothing written before is lost.
  const next = new OpenMetricHours();
  await next.append(store, service('web', 50, 60), H + 180);
  await next.append(store, service('web', 70, 80), H + SECONDS_PER_HOUR + 10);
  const cpu = await readMetric(store, 'AWS/ECS', 'CPUUtilization', dims, H, H + 2 * SECONDS_PER_HOUR);
  t.same(cpu, { unit: 'Percent', samples: [[H + 60, 10], [H + 120, 30], [H + 180, 50], [H + SECONDS_PER_HOUR + 10, 70]] }, 'dimension order does not matter');
  t.same((await readMetric(store, 'AWS/ECS', 'CPUUtilization', dims, H + 100, H + 180)).samples, [[H + 120, 30]], '[start, end)');
  t.same((await readMetric(store, 'AWS/ECS', 'CPUUtilization', [['ClusterName', 'prod']], H, H + 7200)).samples, [], 'another dimension set is another series');
  t.same((await readMetric(store, 'AWS/ECS', 'MemoryUtilization', [['ClusterName', 'prod'], ['ServiceName', 'a/b c']], H, H + 7200)).samples, [[H + 60, 2]]);
});

t.test('the series listing pages, by namespace', async (t) => {
  const first = await seriesPage(store, 'AWS/ECS', undefined, 1);
  t.equal(first.series.length, 1);
  t.ok(first.more);
  const second = await seriesPage(store, 'AWS/ECS', first.last, 10);
  t.equal(second.series.length, 1);
  t.notOk(second.more);
  t.same([...first.series, ...second.series].map((s) => s.metrics), [['CPUUtilization', 'MemoryUtilization'], ['CPUUtilization', 'MemoryUtilization']]);
  t.same((await seriesPage(store, 'ECS/ContainerInsights', undefined, 10)).series, []);
});

t.test('retention deletes whole old hours and the series left without data', async (t) => {
  t.equal(await sweepMetrics(store, H + SECONDS_PER_HOUR + 5, 500), false);
  t.same((await readMetric(store, 'AWS/ECS', 'CPUUtilization', dims, H, H + 7200)).samples, [[H + SECONDS_PER_HOUR + 10, 70]], 'the first hour is gone, the second kept');
  const left = await seriesPage(store, undefined, undefined, 10);
  t.same(left.series.map((s) => s.dimensions), [[['ClusterName', 'prod'], ['ServiceName', 'web']]], 'the series with no data left is gone');
});
