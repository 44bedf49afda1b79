// The cluster query language, as tables: every subject with every operator it accepts (symbol and word
// form), the compound forms, the argument forms, and parse errors naming position and expectation.
import t from 'tap';
import {
  QueryParseError, compareVersions, compileQuery, parseQuery, parseQueryDate, querySubjects, attributeMap,
  SUBJECT_OPERATORS, type QueryInstance,
} from '../src/index.js';

const day = (s: string) => Date.parse(s) / 1000;

/** Three instances to evaluate against. */
const A: QueryInstance = {
  attributes: attributeMap([
    { name: 'ecs.instance-type', value: 't2.small' }, { name: 'ecs.availability-zone', value: 'us-east-1a' },
    { name: 'stack', value: 'prod' }, { name: 'ecs.capability.task-eni' }, { name: 'size', value: '10' },
    { name: 'ver', value: '1.9.0' }, { name: 'note', value: 'hello world' },
  ]),
  agentConnected: true, agentVersion: '1.14.5', ec2InstanceId: 'i-abcd1234', registeredAt: day('2018-06-18T22:28:28Z'),
  runningTasksCount: 1, taskGroups: new Set(['service:production', 'family:web']),
};
const B: QueryInstance = {
  attributes: attributeMap([{ name: 'ecs.instance-type', value: 'm5.large' }, { name: 'ecs.availability-zone', value: 'us-east-1d' }, { name: 'size', value: '9' }, { name: 'ver', value: '1.10.0' }]),
  agentConnected: false, agentVersion: '1.80.0', registeredAt: day('2018-02-13T00:00:00Z'),
  runningTasksCount: 0, taskGroups: new Set(),
};
const C: QueryInstance = {
  attributes: attributeMap([]), agentConnected: true, runningTasksCount: 3, taskGroups: new Set(['database']),
};
const ALL = { A, B, C };

/** expression -> the instances it selects. */
const TABLE: [string, string[]][] = [
  // attribute: every operator
  ['attribute:ecs.instance-type == t2.small', ['A']],
  ['attribute:ecs.instance-type equals t2.small', ['A']],
  ['attribute:ecs.instance-type != t2.small', ['B', 'C']],
  ['attribute:ecs.instance-type not_equals t2.small', ['B', 'C']],
  ['attribute:size > 9', ['A']],
  ['attribute:size greater_than 9', ['A']],
  ['attribute:size >= 9', ['A', 'B']],
  ['attribute:size greater_than_equal 10', ['A']],
  ['attribute:size < 10', ['B']],
  ['attribute:size less_than 10', ['B']],
  ['attribute:size <= 10', ['A', 'B']],
  ['attribute:size less_than_equal 9', ['B']],
  ['attribute:ver > 1.9.5', ['B']],
  ['attribute:ecs.instance-type > n', ['A']],
  ['attribute:stack exists', ['A']],
  ['attribute:ecs.capability.task-eni exists', ['A']],
  ['attribute:stack !exists', ['B', 'C']],
  ['attribute:stack not_exists', ['B', 'C']],
  ['attribute:ecs.availability-zone in [us-east-1a, us-east-1b]', ['A']],
  ["attribute:ecs.availability-zone in ['us-east-1d']", ['B']],
  ['attribute:ecs.availability-zone !in [us-east-1a, us-east-1b]', ['B', 'C']],
  ['attribute:ecs.availability-zone not_in [us-east-1a]', ['B', 'C']],
  ['attribute:ecs.instance-type =~ t2.*', ['A']],
  ['attribute:ecs.instance-type matches (t2|m5).*', ['A', 'B']],
  ['attribute:ecs.instance-type =~ t2', [], ],
  ['attribute:ecs.instance-type !~ t2.*', ['B', 'C']],
  ['attribute:ecs.instance-type not_matches m5\\..*', ['A', 'C']],
  ['attribute:ecs.instance-type =~ \\Qt2.small\\E', ['A']],
  ['attribute:ecs.instance-type =~ \\Qt2.\\E.*', ['A']],
  ['attribute:ecs.instance-type =~ \\At2[.]small\\z', ['A']],
  ['attribute:ecs.instance-type =~ [a-z]\\d\\.\\w+', ['A', 'B']],
  ["attribute:note == 'hello world'", ['A']],
  ['attribute:note == "hello world"', ['A']],
  ['attribute:ecs.capability.task-eni == x', []],
  // agentConnected
  ['agentConnected == true', ['A', 'C']],
  ['agentConnected equals false', ['B']],
  ['agentConnected != true', ['B']],
  ['agentConnected not_equals false', ['A', 'C']],
  ['agentConnected in [false]', ['B']],
  ['agentConnected !in [false]', ['A', 'C']],
  ['agentConnected not_in [true, false]', []],
  ['agentConnected =~ t.*', ['A', 'C']],
  ['agentConnected matches f.*', ['B']],
  ['agentConnected !~ t.*', ['B']],
  ['agentConnected not_matches t.*', ['B']],
  // agentVersion
  ['agentVersion == 1.14.5', ['A']],
  ['agentVersion equals 1.14.5', ['A']],
  ['agentVersion != 1.14.5', ['B', 'C']],
  ['agentVersion not_equals 1.80.0', ['A', 'C']],
  ['agentVersion < 1.20.0', ['A']],
  ['agentVersion less_than 1.14.5', []],
  ['agentVersion <= 1.14.5', ['A']],
  ['agentVersion less_than_equal 1.80', ['A', 'B']],
  ['agentVersion > 1.14.5', ['B']],
  ['agentVersion greater_than 1.9', ['A', 'B']],
  ['agentVersion >= 1.80.0', ['B']],
  ['agentVersion greater_than_equal 1.14.5', ['A', 'B']],
  // ec2InstanceId
  ['ec2InstanceId == i-abcd1234', ['A']],
  ['ec2InstanceId equals i-abcd1234', ['A']],
  ['ec2InstanceId != i-abcd1234', ['B', 'C']],
  ['ec2InstanceId not_equals i-x', ['A', 'B', 'C']],
  ["ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", ['A']],
  ["ec2InstanceId !in ['i-abcd1234']", ['B', 'C']],
  ['ec2InstanceId not_in [i-wxyx7890]', ['A', 'B', 'C']],
  ['ec2InstanceId =~ i-.*', ['A']],
  ['ec2InstanceId matches i-abcd.*', ['A']],
  ['ec2InstanceId !~ i-.*', ['B', 'C']],
  ['ec2InstanceId not_matches i-.*', ['B', 'C']],
  // registeredAt: a date is its whole UTC day, a date-time its second
  ['registeredAt == 2018-06-18', ['A']],
  ['registeredAt equals 2018-06-18T22:28:28Z', ['A']],
  ['registeredAt == 2018-06-18T22:28:28+00:00', ['A']],
  ['registeredAt == 2018-06-18T23:28:28+01:00', ['A']],
  ['registeredAt == 2018-06-18T22:28:28', ['A']],
  ['registeredAt != 2018-06-18', ['B', 'C']],
  ['registeredAt not_equals 2018-02-13', ['A', 'C']],
  ['registeredAt < 2018-02-13', []],
  ['registeredAt less_than 2018-02-14', ['B']],
  ['registeredAt <= 2018-02-13', ['B']],
  ['registeredAt less_than_equal 2018-06-18', ['A', 'B']],
  ['registeredAt > 2018-02-13', ['A']],
  ['registeredAt greater_than 2018-06-18', []],
  ['registeredAt >= 2018-06-18', ['A']],
  ['registeredAt greater_than_equal 2018-02-13T00:00:00Z', ['A', 'B']],
  // runningTasksCount
  ['runningTasksCount == 1', ['A']],
  ['runningTasksCount equals 0', ['B']],
  ['runningTasksCount != 1', ['B', 'C']],
  ['runningTasksCount not_equals 0', ['A', 'C']],
  ['runningTasksCount > 0', ['A', 'C']],
  ['runningTasksCount greater_than 1', ['C']],
  ['runningTasksCount >= 1', ['A', 'C']],
  ['runningTasksCount greater_than_equal 3', ['C']],
  ['runningTasksCount < 1', ['B']],
  ['runningTasksCount less_than 3', ['A', 'B']],
  ['runningTasksCount <= 1', ['A', 'B']],
  ['runningTasksCount less_than_equal 0', ['B']],
  // task:group
  ['task:group == service:production', ['A']],
  ['task:group equals database', ['C']],
  ['task:group != database', ['A', 'B']],
  ['task:group not_equals service:production', ['B', 'C']],
  ['task:group in [database, family:web]', ['A', 'C']],
  ['task:group !in [database]', ['A', 'B']],
  ['task:group not_in [database, family:web]', ['B']],
  ['task:group exists', ['A', 'C']],
  ['task:group !exists', ['B']],
  ['task:group not_exists', ['B']],
  ['task:group =~ service:.*', ['A']],
  ['task:group matches data.*', ['C']],
  ['task:group !~ service:.*', ['B', 'C']],
  ['task:group not_matches .*', ['B']],
  // compound: symbol and word forms, precedence, parentheses
  ['attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone != us-east-1d', ['A']],
  ['attribute:ecs.instance-type =~ t2.* && attribute:ecs.availability-zone != us-east-1d', ['A']],
  ['attribute:ecs.instance-type == t2.small or attribute:ecs.instance-type == m5.large', ['A', 'B']],
  ['attribute:ecs.instance-type == t2.small || runningTasksCount > 2', ['A', 'C']],
  ['not(task:group == database)', ['A', 'B']],
  ['not (task:group == database)', ['A', 'B']],
  ['!(task:group == database)', ['A', 'B']],
  ['! task:group == database', ['A', 'B']],
  ['not task:group exists', ['B']],
  ['not not task:group exists', ['A', 'C']],
  // and binds tighter than or
  ['runningTasksCount == 0 or runningTasksCount > 0 and agentConnected == false', ['B']],
  ['runningTasksCount == 3 or runningTasksCount > 0 and agentConnected == true', ['A', 'C']],
  ['(runningTasksCount == 3 or runningTasksCount > 0) and agentConnected == true', ['A', 'C']],
  ['(runningTasksCount == 0 or runningTasksCount == 1) and (agentVersion > 1.0 || attribute:stack exists)', ['A', 'B']],
  ['((attribute:stack == prod))', ['A']],
  ['attribute:stack==prod&&runningTasksCount==1', ['A']],
  ['  attribute:stack == prod  ', ['A']],
];

t.test('every subject and operator, symbol and word forms, compound expressions', async (t) => {
  for (const [expr, want] of TABLE) {
    const f = compileQuery(parseQuery(expr));
    const got = Object.entries(ALL).filter(([, i]) => f(i)).map(([k]) => k);
    t.same(got, want, expr);
  }
});

t.test('each subject accepts exactly the operators ECS lists', async (t) => {
  const all = ['==', '!=', '>', '>=', '<', '<=', 'exists', '!exists', 'in', '!in', '=~', '!~'];
  const arg: Record<string, string> = {
    attribute: 'attribute:x', agentConnected: 'agentConnected', agentVersion: 'agentVersion', ec2InstanceId: 'ec2InstanceId',
    registeredAt: 'registeredAt', runningTasksCount: 'runningTasksCount', 'task:group': 'task:group',
  };
  const value: Record<string, string> = { agentConnected: 'true', agentVersion: '1.2.3', registeredAt: '2018-06-18', runningTasksCount: '2' };
  for (const [kind, ops] of Object.entries(SUBJECT_OPERATORS)) {
    for (const op of all) {
      const v = op === 'exists' || op === '!exists' ? '' : op === 'in' || op === '!in' ? `[${value[kind] ?? 'a'}]` : op === '=~' || op === '!~' ? 'a.*' : (value[kind] ?? 'a');
      const expr = `${arg[kind]} ${op} ${v}`.trim();
      if (ops.includes(op as never)) {
        t.doesNotThrow(() => parseQuery(expr), `${expr} parses`);
      } else {
        const e = t.throws(() => parseQuery(expr, 'filter')) as QueryParseError;
        t.equal(e.ecsName, 'InvalidParameterException', expr);
        t.equal(e.position, arg[kind]!.length + 2, `${expr}: position of the operator`);
        t.match(e.expected, new RegExp(`operator ${kind === 'attribute' ? 'attribute:x' : kind}`));
      }
    }
  }
});

t.test('parse errors name the position and what was expected', async (t) => {
  const cases: [string, number, RegExp][] = [
    ['', 1, /an expression/],
    ['   ', 4, /an expression/],
    ['attr:stack == prod', 1, /a subject \(attribute:NAME, agentConnected/],
    ['attribute: == prod', 11, /an attribute name/],
    ['attribute:stack', 16, /an operator for attribute:stack/],
    ['attribute:stack === prod', 21, /'and', '&&', 'or', '\|\|' or the end/],
    ['attribute:stack ~= prod', 17, /an operator for attribute:stack/],
    ['attribute:stack == ', 20, /a value/],
    ['attribute:stack == prod and', 28, /a subject/],
    ['attribute:stack == prod extra', 25, /'and', '&&', 'or', '\|\|' or the end/],
    ['(attribute:stack == prod', 25, /'\)'/],
    ['attribute:stack == prod)', 24, /closes no '\('/],
    ['attribute:zone in us-east-1a', 19, /a list such as \[a, b\]/],
    ['attribute:zone in [a, b', 24, /',' or '\]'/],
    ['attribute:zone in [a,, b]', 22, /a value/],
    ["attribute:zone == 'unterminated", 32, /a closing '/],
    ['runningTasksCount > many', 21, /a whole number/],
    ['runningTasksCount exists', 19, /an operator runningTasksCount accepts/],
    ['agentConnected == yes', 19, /true or false/],
    ['agentVersion < latest', 16, /a version such as 1.14.5/],
    ['registeredAt < 2018-02-30', 16, /a date: 2018-06-18T22:28:28\+00:00/],
    ['registeredAt < 18-02-2018', 16, /a date/],
    ['attribute:x =~ t2(', 16, /a regular expression/],
    // Java syntax that needs backtracking: the linear-time engine refuses it rather than risk a stall.
    ['attribute:x =~ a++', 16, /a regular expression/],
    ['attribute:x =~ (?>a)b', 16, /a regular expression/],
    ['attribute:x =~ (?=a).*', 16, /a regular expression/],
    ['attribute:x =~ (a)\\1', 16, /a regular expression/],
    ['task:group > a', 12, /an operator task:group accepts/],
    ['AgentConnected == true', 1, /a subject/],
    ['attribute:a == b AND attribute:c == d', 18, /'and', '&&'/],
  ];
  for (const [expr, position, expected] of cases) {
    const e = t.throws(() => parseQuery(expr, 'placementConstraints[0].expression'), expr) as QueryParseError;
    t.ok(e instanceof QueryParseError, expr);
    t.equal(e.position, position, `${JSON.stringify(expr)}: position`);
    t.match(e.expected, expected, `${JSON.stringify(expr)}: expected`);
    t.equal(e.field, 'placementConstraints[0].expression');
    t.match(e.message, new RegExp(`^Invalid query expression at position ${position}: expected `));
  }
});

t.test('helpers: dates, versions, the subjects an expression reads', async (t) => {
  t.same(parseQueryDate('2018-06-18'), { from: day('2018-06-18T00:00:00Z'), to: day('2018-06-19T00:00:00Z') });
  t.same(parseQueryDate('2018-06-18T22:28:28-02:00'), { from: day('2018-06-19T00:28:28Z'), to: day('2018-06-19T00:28:29Z') });
  t.equal(parseQueryDate('2018-13-01'), null);
  t.equal(parseQueryDate('2018-06-18T24:00:00'), null);
  t.equal(compareVersions('1.14.5', '1.80.0'), -1);
  t.equal(compareVersions('1.9', '1.9.0'), 0);
  t.equal(compareVersions('2', '1.99'), 1);
  t.same([...querySubjects(parseQuery('attribute:a exists and not (task:group == x or runningTasksCount > 1)'))].sort(), ['attribute', 'runningTasksCount', 'task:group']);
});

t.test('=~ runs in linear time: a pattern that backtracks exponentially elsewhere cannot stall placement', async (t) => {
  // (a+)+b against a's without a b takes 2^n steps in a backtracking engine: seconds at 30 characters,
  // forever at 100,000. RE2 answers in time linear in the value, so the bound below is nowhere near either.
  for (const [expr, n] of [['attribute:x =~ (a+)+b', 30], ['attribute:x =~ (a+)+b', 100_000], ['attribute:x !~ (a|aa)*c', 100_000], ['task:group =~ (x+x+)+y', 100_000]] as const) {
    const value = (expr.includes('(a') ? 'a' : 'x').repeat(n);
    const i: QueryInstance = { attributes: attributeMap([{ name: 'x', value }]), agentConnected: true, runningTasksCount: 0, taskGroups: new Set([value]) };
    const f = compileQuery(parseQuery(expr));
    const started = process.hrtime.bigint();
    const got = f(i);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    t.equal(got, expr.includes('!~'), `${expr} on ${n} characters`);
    t.ok(ms < 5000, `${expr} on ${n} characters answered in ${ms.toFixed(1)} ms`);
  }
});
