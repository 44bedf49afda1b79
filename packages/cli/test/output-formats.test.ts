// Every output format the same way everywhere, against golden files: tables (and -o wide's extra columns),
// json, yaml, name and jsonpath (kubectl's dialect) over the value json prints; a bad -o is a usage error.
// BERTH_UPDATE_GOLDEN=1 rewrites the golden files from what the code prints now (then read the diff).
import t, { type Test } from 'tap';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FormatError, parseFormat, render, resourceNames, table, type Column, type Format } from '../src/output.js';
import { JsonPathError, parseJsonPath } from '../src/jsonpath.js';

const GOLDEN = fileURLToPath(new URL('../../test/golden/', import.meta.url));

function golden(t: Test, name: string, actual: string): void {
  const file = `${GOLDEN}${name}`;
  if (process.env.BERTH_UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  t.equal(actual, readFileSync(file, 'utf8'), `golden ${name}`);
}

const arn = (r: string) => `arn:aws:ecs:us-east-1:000000000000:${r}`;
const tasks = [
  { taskArn: arn('task/prod/0f1e2d3c4b5a69788796a5b4c3d2e1f0'), taskDefinitionArn: arn('task-definition/web:3'), lastStatus: 'RUNNING', desiredStatus: 'RUNNING', group: 'service:web', startedBy: 'ecs-svc/1234567890123456789', containers: [{ name: 'app', lastStatus: 'RUNNING' }, { name: 'log', lastStatus: 'RUNNING' }] },
  { taskArn: arn('task/prod/aaaabbbbccccddddeeeeffff00001111'), taskDefinitionArn: arn('task-definition/batch:1'), lastStatus: 'STOPPED', desiredStatus: 'STOPPED', group: 'family:batch', containers: [{ name: 'job', lastStatus: 'STOPPED', exitCode: 2 }] },
];
type T = (typeof tasks)[number];
const COLUMNS: Column<T>[] = [
  { header: 'TASK', get: (x) => x.taskArn.split('/').pop() },
  { header: 'TASKDEF', get: (x) => x.taskDefinitionArn.split('/').pop() },
  { header: 'LAST', get: (x) => x.lastStatus },
  { header: 'GROUP', get: (x) => x.group, wide: true },
  { header: 'STARTED-BY', get: (x) => x.startedBy, wide: true },
];
const print = (format: Format) => render(parseFormat(format), tasks, (wide) => table(tasks, COLUMNS, wide));

t.test('each format of one list, golden', async (t) => {
  const cases: [Format, string][] = [
    ['table', 'tasks.table.txt'], ['wide', 'tasks.wide.txt'], ['json', 'tasks.json'], ['yaml', 'tasks.yaml'], ['name', 'tasks.name.txt'],
    ['jsonpath={range [*]}{.taskArn}{"\\t"}{.containers[*].name}{"\\n"}{end}', 'tasks.jsonpath-range.txt'],
    ['jsonpath={[?(@.lastStatus == "STOPPED")].containers[0].exitCode}', 'tasks.jsonpath-filter.txt'],
  ];
  for (const [format, file] of cases) golden(t, file, print(format));
});

t.test('jsonpath, kubectl\'s dialect', async (t) => {
  const v = { items: [{ name: 'a', n: 1, tags: { env: 'prod' } }, { name: 'b', n: 5 }, { name: 'c', n: 3, tags: { env: 'dev' } }], 'a key': 'spaced' };
  const cases: [string, string][] = [
    ['{.items[*].name}', 'a b c'],
    ['.items[0].name', 'a'],
    ['{$.items[-1].name}', 'c'],
    ['{.items[1:3].name}', 'b c'],
    ["{['a key']}", 'spaced'],
    ['{..env}', 'prod dev'],
    ['{.items[?(@.n > 2)].name}', 'b c'],
    ['{.items[?(@.tags)].name}', 'a c'],
    ['{.items[?(@.tags.env != "prod")].name}', 'c'],
    ['{.items[0]}', '{"name":"a","n":1,"tags":{"env":"prod"}}'],
    ['{range .items[*]}[{.name}={.n}]{end}', '[a=1][b=5][c=3]'],
    ['{.missing}', ''],
    ['names: {.items[*].name}{"\\n"}', 'names: a b c\n'],
  ];
  for (const [tpl, want] of cases) t.equal(parseJsonPath(tpl).print(v), want, tpl);
  for (const bad of ['{.items[?(@.n ~ 2)]}', '{range .items[*]}{.name}', '{.items[', '{end}', '{.items}}{']) {
    t.throws(() => parseJsonPath(bad), { name: 'JsonPathError' }, `refused: ${bad}`);
  }
});

t.test('-o is checked before anything runs', async (t) => {
  for (const ok of ['table', 'wide', 'json', 'yaml', 'name', 'jsonpath={.x}']) t.equal(parseFormat(ok), ok);
  t.throws(() => parseFormat('xml'), { name: 'FormatError' });
  t.throws(() => parseFormat('jsonpath={.items['), { name: 'FormatError' });
});

t.test('-o name: kind/id of every resource, through the answers that wrap them', async (t) => {
  t.same(resourceNames({ tasks, failures: [{ arn: arn('container-instance/prod/x'), reason: 'RESOURCE:MEMORY' }] }), ['task/0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'task/aaaabbbbccccddddeeeeffff00001111']);
  t.same(resourceNames({ service: { serviceArn: arn('service/prod/web'), clusterArn: arn('cluster/prod') } }), ['service/web']);
  t.same(resourceNames([{ containerInstanceArn: arn('container-instance/prod/abc') }, { clusterArn: arn('cluster/prod') }, { taskDefinitionArn: arn('task-definition/web:3') }]), ['instance/abc', 'cluster/prod', 'taskdef/web:3']);
  t.same(resourceNames({ Users: [{ UserName: 'ana', Arn: 'arn:aws:iam::000000000000:user/ana' }] }), ['user/ana']);
});
