// The browser app's pure pieces, with tables: the line diff of two revisions, the Run form's command and
// environment, the routes, and how a live event merges into a list (never back to an older version).
import t from 'tap';
import { diffLines } from '../src/diff.js';
import { parseCommand, parseEnvironment } from '../src/views/run-task.js';
import { parseRoute } from '../src/router.js';
import { upsert } from '../src/events.js';

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
