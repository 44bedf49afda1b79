// CloudWatch Logs' filter patterns as a table: pattern, message, match; and the substrings a backend may
// narrow rows by before matching.
import t from 'tap';
import { matchesFilter, parseFilterPattern, requiredSubstrings } from '../src/logs/filter-pattern.js';

const json = '{"level":"error","latency":250,"user":{"id":"u-1","admin":true},"tags":["a","b"],"gone":null}';
const cases: [string, string, boolean][] = [
  ['', 'anything', true],
  ['ERROR', 'an ERROR here', true],
  ['ERROR', 'an error here', false],
  ['ERROR disk', 'ERROR: disk full', true],
  ['ERROR disk', 'ERROR: memory', false],
  ['"disk full"', 'ERROR: disk full', true],
  ['"disk full"', 'full disk', false],
  ['ERROR -Exiting', 'ERROR Exiting', false],
  ['ERROR -Exiting', 'ERROR other', true],
  ['?ERROR ?WARN', 'a WARN line', true],
  ['?ERROR ?WARN', 'an INFO line', false],
  ['%ERR(OR)?\\s+\\d+%', 'ERR 42', true],
  ['%ERR(OR)?\\s+\\d+%', 'ERR x', false],
  ['{ $.level = "error" }', json, true],
  ['{ $.level = "err*" }', json, true],
  ['{ $.level != "error" }', json, false],
  ['{ $.latency > 200 && $.user.id = "u-1" }', json, true],
  ['{ $.latency < 200 || $.user.admin IS TRUE }', json, true],
  ['{ ($.latency < 200 || $.level = "info") && $.user.id = "u-1" }', json, false],
  ['{ $.tags[1] = "b" }', json, true],
  ['{ $.gone IS NULL }', json, true],
  ['{ $.missing NOT EXISTS }', json, true],
  ['{ $.missing = "x" }', json, false],
  ['{ $.level = "error" }', 'not json: "level":"error"', false],
];
for (const [pattern, message, want] of cases) {
  t.equal(matchesFilter(parseFilterPattern(pattern), message), want, `${pattern} on ${message}`);
}

t.test('refused patterns name what is wrong', async (t) => {
  t.throws(() => parseFilterPattern('[ip, user]'), /Space-delimited filter patterns/);
  t.throws(() => parseFilterPattern('{ $.a = }'), /Invalid JSON filter pattern/);
  t.throws(() => parseFilterPattern('{ $.a > "x" }'), /compares numbers/);
  t.throws(() => parseFilterPattern('"open'), /not closed/);
});

t.test('required substrings never exclude a match', async (t) => {
  t.same(requiredSubstrings(parseFilterPattern('ERROR "disk full" -x ?y')), ['ERROR', 'disk full']);
  t.same(requiredSubstrings(parseFilterPattern('{ $.level = "error" && $.user.id = "u-1" }')), ['error', 'u-1']);
  t.same(requiredSubstrings(parseFilterPattern('{ $.level = "error" || $.user.id = "u-1" }')), [], 'an OR requires neither');
  t.same(requiredSubstrings(parseFilterPattern('{ $.level = "err*" }')), [], 'a wildcard is not a substring');
});
