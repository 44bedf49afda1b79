// The browser app's pure pieces, with tables: the line diff of two revisions, the Run form's command and
// environment, the routes, how a live event merges into a list (never back to an older version), and the
// Metrics tab's request and geometry, and how much of a live log the task page keeps.
import t from 'tap';
import { diffLines } from '../src/diff.js';
import { parseCommand, parseEnvironment } from '../src/views/run-task.js';
import { parseRoute } from '../src/router.js';
import { upsert } from '../src/events.js';
import { metricDataRequest, plot, scaleTop, seriesById } from '../src/metrics.js';
import { appendOutput } from '../src/views/task-logs.js';

t.test('diffLines', async (t) => {
  const cases: [string[], string[], string[]][] = [
    [['a', 'b', 'c'], ['a', 'b', 'c'], ['  a', '  b', '  c']],
    [['a', 'b', 'c'], ['a', 'x', 'c'], ['  a', '+ x', '- b', '  c']],
    [[], ['a'], ['+ a']],
    [['a'], [], ['- a']],
    [['a', 'b'], ['b', 'a'], ['+ b', '  a', '- b']],
  ];
  for (const [a, b, want] of cases) {
    t.same(diffLines(a, b).map((d) => `${d.kind === 'added' ? '+' : d.kind === 'removed' ? '-' : ' '} ${d.text}`), want, `${a} -> ${b}`);
  }
});

t.test('the Run form\'s command and environment', async (t) => {
  t.same(parseCommand(''), undefined, 'nothing typed: no override');
  t.same(parseCommand('sleep 30'), ['sleep', '30'], 'words');
  t.same(parseCommand('["sh", "-c", "echo a b"]'), ['sh', '-c', 'echo a b'], 'a JSON array keeps its spaces');
  t.same(parseEnvironment('A=1\n\n B=x=y \n'), [{ name: 'A', value: '1' }, { name: 'B', value: 'x=y' }], 'KEY=VALUE lines');
  t.throws(() => parseEnvironment('novalue'), /not KEY=VALUE/, 'a line that is not KEY=VALUE is refused, naming it');
});

t.test('routes', async (t) => {
  const cases: [string, ReturnType<typeof parseRoute>][] = [
    ['', { view: 'clusters' }],
    ['#/', { view: 'clusters' }],
    ['#/clusters/prod', { view: 'cluster', cluster: 'prod', tab: 'services' }],
    ['#/clusters/prod/tasks', { view: 'cluster', cluster: 'prod', tab: 'tasks' }],
    ['#/clusters/prod/tasks/abc', { view: 'task', cluster: 'prod', task: 'abc' }],
    ['#/clusters/prod/services/web%2Fx', { view: 'service', cluster: 'prod', service: 'web/x' }],
    ['#/taskdefs', { view: 'taskdefs' }],
    ['#/taskdefs/web', { view: 'taskdefs', family: 'web' }],
  ];
  for (const [hash, want] of cases) t.same(parseRoute(hash), want, hash || '(empty)');
});

t.test('a live event merges into a list by version', async (t) => {
  const key = (x: { id: string }) => x.id;
  const list = [{ id: 'a', version: 3, s: 'RUNNING' }];
  t.same(upsert(list, { id: 'a', version: 4, s: 'STOPPED' }, key, false), [{ id: 'a', version: 4, s: 'STOPPED' }], 'newer: taken');
  t.equal(upsert(list, { id: 'a', version: 2, s: 'PENDING' }, key, false), list, 'older: the list stays as it is');
  t.same(upsert(list, { id: 'b', version: 1, s: 'PENDING' }, key, true).map(key), ['b', 'a'], 'new and wanted: added first');
  t.equal(upsert(list, { id: 'b', version: 1, s: 'PENDING' }, key, false), list, 'new and not wanted: left out');
});

t.test('the Metrics tab: one GetMetricData request, its series oldest first, their place on the chart', async (t) => {
  const charts = [{ title: 'CPU', lines: [{ metric: 'CPUUtilization', label: 'Utilization' }, { metric: 'CPUReservation', label: 'Reservation' }] }, { title: 'Memory', lines: [{ metric: 'MemoryUtilization', label: 'Utilization' }] }];
  const req = metricDataRequest(charts, [['ClusterName', 'prod'], ['ServiceName', 'web']], 1_000_030, 3600, 60) as { StartTime: number; EndTime: number; ScanBy: string; MetricDataQueries: { Id: string; MetricStat: { Metric: { MetricName: string; Dimensions: unknown[] }; Period: number; Stat: string } }[] };
  t.equal(req.EndTime, 1_000_080, 'the window ends at the next whole period');
  t.equal(req.EndTime - req.StartTime, 3600, 'an hour');
  t.same(req.MetricDataQueries.map((q) => [q.Id, q.MetricStat.Metric.MetricName]), [['c0l0', 'CPUUtilization'], ['c0l1', 'CPUReservation'], ['c1l0', 'MemoryUtilization']], 'a query per line, ids CloudWatch takes');
  t.same(req.MetricDataQueries[0]!.MetricStat.Metric.Dimensions, [{ Name: 'ClusterName', Value: 'prod' }, { Name: 'ServiceName', Value: 'web' }]);
  t.same([req.MetricDataQueries[0]!.MetricStat.Period, req.MetricDataQueries[0]!.MetricStat.Stat, req.ScanBy], [60, 'Average', 'TimestampAscending']);

  const series = seriesById([{ Id: 'c0l0', Timestamps: [120, 60], Values: [20, 10] }, { Id: 'c0l1', Timestamps: ['1970-01-01T00:01:00Z'], Values: [5] }, { Label: 'no id' } as never]);
  t.same(series.get('c0l0'), [[60, 10], [120, 20]], 'oldest first, whatever order they came in');
  t.same(series.get('c0l1'), [[60, 5]], 'ISO timestamps read too');
  t.equal(series.size, 2);

  const cases: [number[], number][] = [[[], 100], [[3, 99], 100], [[100], 100], [[101], 150], [[230], 250]];
  for (const [values, top] of cases) t.equal(scaleTop([values.map((v, i): [number, number] => [i, v])]), top, `scale for ${values}`);
  t.same(plot([[0, 0], [50, 50], [100, 200]], 0, 100, 100, 320, 120), [[0, 120], [160, 60], [320, 0]], 'time across, value up, capped at the top');
});

t.test('a live log keeps its newest 256 KB', async (t) => {
  const kb = (n: number) => 'x'.repeat(n * 1024);
  let chunks = appendOutput([], 1, kb(100), 0);
  chunks = appendOutput(chunks, 2, kb(100), 1);
  t.same(chunks.map((c) => [c.n, c.fd]), [[0, 1], [1, 2]], 'in order, each with its stream');
  chunks = appendOutput(chunks, 1, kb(100), 2);
  t.same(chunks.map((c) => c.n), [1, 2], 'past 256 KB the oldest output goes');
  t.same(appendOutput([], 1, kb(300), 0).map((c) => c.n), [0], 'one piece larger than that is kept whole');
});
