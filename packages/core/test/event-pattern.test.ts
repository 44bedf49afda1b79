import t from 'tap';
import { BerthError, compileEventPattern, matchesEventPattern } from '../src/index.js';

const event = {
  version: '0', id: 'e1', 'detail-type': 'ECS Task State Change', source: 'aws.ecs', account: '123456789012',
  time: '2026-12-02T10:00:00Z', region: 'eu-west-1', resources: ['arn:aws:ecs:eu-west-1:123456789012:task/prod/abc'],
  detail: {
    lastStatus: 'STOPPED', desiredStatus: 'STOPPED', group: 'family:web', version: 4, cpu: '256', nothing: null,
    containers: [{ name: 'app', exitCode: 0 }, { name: 'sidecar', exitCode: 137 }],
    stopCode: 'EssentialContainerExited', overrides: { containerOverrides: [] },
  },
};

// [what, pattern, matches]
const TABLE: [string, unknown, boolean][] = [
  ['exact string', { source: ['aws.ecs'] }, true],
  ['exact string, other value', { source: ['aws.ec2'] }, false],
  ['array is an OR', { source: ['aws.ec2', 'aws.ecs'] }, true],
  ['fields are ANDed', { source: ['aws.ecs'], 'detail-type': ['ECS Service Action'] }, false],
  ['nested field', { detail: { lastStatus: ['STOPPED'] } }, true],
  ['number exact', { detail: { version: [4] } }, true],
  ['number is not its string', { detail: { version: ['4'] } }, false],
  ['string is not a number', { detail: { cpu: [256] } }, false],
  ['null exact', { detail: { nothing: [null] } }, true],
  ['null does not match a missing field', { detail: { missing: [null] } }, false],
  ['missing field', { detail: { missing: ['x'] } }, false],
  ['event array: any element', { resources: ['arn:aws:ecs:eu-west-1:123456789012:task/prod/abc'] }, true],
  ['array of objects: any element', { detail: { containers: { exitCode: [137] } } }, true],
  ['array of objects: none', { detail: { containers: { exitCode: [1] } } }, false],
  ['prefix', { detail: { group: [{ prefix: 'family:' }] } }, true],
  ['prefix, no', { detail: { group: [{ prefix: 'service:' }] } }, false],
  ['prefix ignoring case', { detail: { group: [{ prefix: { 'equals-ignore-case': 'FAMILY:' } }] } }, true],
  ['suffix', { resources: [{ suffix: '/abc' }] }, true],
  ['suffix ignoring case', { resources: [{ suffix: { 'equals-ignore-case': '/ABC' } }] }, true],
  ['suffix, no', { resources: [{ suffix: '/abd' }] }, false],
  ['equals-ignore-case', { detail: { lastStatus: [{ 'equals-ignore-case': 'stopped' }] } }, true],
  ['anything-but a value', { detail: { lastStatus: [{ 'anything-but': 'RUNNING' }] } }, true],
  ['anything-but the value', { detail: { lastStatus: [{ 'anything-but': 'STOPPED' }] } }, false],
  ['anything-but a list', { detail: { lastStatus: [{ 'anything-but': ['RUNNING', 'STOPPED'] }] } }, false],
  ['anything-but numbers', { detail: { version: [{ 'anything-but': [1, 2, 3] }] } }, true],
  ['anything-but prefix', { detail: { group: [{ 'anything-but': { prefix: 'service:' } }] } }, true],
  ['anything-but prefix, excluded', { detail: { group: [{ 'anything-but': { prefix: 'family:' } }] } }, false],
  ['anything-but suffix', { detail: { group: [{ 'anything-but': { suffix: ':web' } }] } }, false],
  ['anything-but ignoring case', { detail: { lastStatus: [{ 'anything-but': { 'equals-ignore-case': ['stopped'] } }] } }, false],
  ['anything-but wildcard', { detail: { group: [{ 'anything-but': { wildcard: 'family:*' } }] } }, false],
  ['anything-but: a missing field does not match', { detail: { missing: [{ 'anything-but': 'x' }] } }, false],
  ['numeric range', { detail: { version: [{ numeric: ['>', 0, '<=', 4] }] } }, true],
  ['numeric range, outside', { detail: { version: [{ numeric: ['>', 4] }] } }, false],
  ['numeric equal', { detail: { version: [{ numeric: ['=', 4] }] } }, true],
  ['numeric: a string never matches', { detail: { cpu: [{ numeric: ['>', 0] }] } }, false],
  ['numeric on an array of objects', { detail: { containers: { exitCode: [{ numeric: ['>', 0] }] } } }, true],
  ['exists true', { detail: { stopCode: [{ exists: true }] } }, true],
  ['exists true on a missing field', { detail: { missing: [{ exists: true }] } }, false],
  ['exists false on a missing field', { detail: { missing: [{ exists: false }] } }, true],
  ['exists false on a present field', { detail: { stopCode: [{ exists: false }] } }, false],
  ['exists true on an object: leaves only', { detail: { overrides: [{ exists: true }] } }, false],
  ['wildcard', { resources: [{ wildcard: 'arn:aws:ecs:*:task/prod/*' }] }, true],
  ['wildcard, no', { resources: [{ wildcard: 'arn:aws:ecs:*:task/dev/*' }] }, false],
  ['wildcard with an escaped star', { detail: { group: [{ wildcard: 'family\\*' }] } }, false],
  ['wildcard matches regexp characters literally', { detail: { group: [{ wildcard: 'family.web' }] } }, false],
  ['$or: one alternative', { source: ['aws.ecs'], $or: [{ detail: { lastStatus: ['RUNNING'] } }, { detail: { version: [{ numeric: ['>=', 4] }] } }] }, true],
  ['$or: none', { $or: [{ detail: { lastStatus: ['RUNNING'] } }, { source: ['x'] }] }, false],
  ['$or nested in a field', { detail: { $or: [{ lastStatus: ['RUNNING'] }, { stopCode: [{ prefix: 'Essential' }] }] } }, true],
  ['mixed matchers in one array', { detail: { lastStatus: ['RUNNING', { prefix: 'STOP' }] } }, true],
];

t.test('matching', async (t) => {
  for (const [what, pattern, expected] of TABLE) {
    t.equal(matchesEventPattern(compileEventPattern(JSON.stringify(pattern)), event), expected, what);
  }
});

// [pattern text, the reason EventBridge gives]
const INVALID: [string, string][] = [
  ['[]', 'Filter is not an object'],
  ['"x"', 'Filter is not an object'],
  ['{"source": "aws.ecs"}', '"source" must be an object or an array'],
  ['{"source": []}', 'Empty arrays are not allowed'],
  ['{"source": [{"regex": "x"}]}', 'Unrecognized match type regex'],
  ['{"source": [{"prefix": 1}]}', 'prefix match pattern must be a string'],
  ['{"source": [{"prefix": "a", "suffix": "b"}]}', 'Only one key allowed in match expression'],
  ['{"n": [{"numeric": [">", "x"]}]}', 'Value of > must be numeric'],
  ['{"n": [{"numeric": [">", 1, "<", 2, "=", 3]}]}', 'Too many elements in numeric expression'],
  ['{"n": [{"numeric": ["<", 5, ">", 1]}]}', 'Bad range: a lower bound (> or >=) must come before an upper bound (< or <=)'],
  ['{"n": [{"numeric": [">", 5, "<", 1]}]}', 'Bottom must be less than top'],
  ['{"n": [{"numeric": ["!=", 5]}]}', 'Unrecognized numeric range operator: "!="'],
  ['{"n": [{"exists": "yes"}]}', 'exists match pattern must be either true or false.'],
  ['{"n": [{"anything-but": [true]}]}', 'Inside anything but list, start|null|boolean is not supported.'],
  ['{"n": [{"anything-but": null}]}', 'Value of anything-but must be an array or single string/number value.'],
  ['{"n": [{"wildcard": "a**b"}]}', 'Consecutive wildcard characters at pos 2'],
  ['{"$or": [{"a": ["x"]}]}', 'Or relationship is expected to be an array of at least two objects'],
];

t.test('validation, in EventBridge words', async (t) => {
  for (const [text, reason] of INVALID) {
    try {
      compileEventPattern(text);
      t.fail(`${text} accepted`);
    } catch (e) {
      t.ok(e instanceof BerthError, text);
      t.equal((e as BerthError).ecsName, 'InvalidEventPatternException', text);
      t.equal((e as Error).message, `Event pattern is not valid. Reason: ${reason}`, text);
    }
  }
  t.throws(() => compileEventPattern('{'), /Event pattern is not valid/, 'not JSON');
});
