// The README's table of ECS actions stays true: one row for every action of the model, in the model's
// order, with the status the action tables give it (served, not supported with what to use instead, not
// yet); and each action is in exactly one of the server's table and core's table of unserved ones.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { OPERATIONS, UNSERVED_ECS_ACTIONS, type EcsAction } from '@berth/core';
import { IMPLEMENTED_ACTIONS } from '../src/index.js';
import { REPO_ROOT } from './helpers.js';

const readme = readFileSync(`${REPO_ROOT}README.md`, 'utf8');
const actions = Object.keys(OPERATIONS).sort() as EcsAction[];

/** The table's rows as the model and the action tables say they must be. */
function expectedRows(): string[] {
  return actions.map((a) => {
    const u = UNSERVED_ECS_ACTIONS[a];
    return u ? `| ${a} | not supported | ${u.instead} |` : `| ${a} | served | |`;
  });
}

t.test('every action of the model is served or unserved, never both', async (t) => {
  const served = new Set<string>(IMPLEMENTED_ACTIONS);
  for (const a of actions) t.ok(served.has(a) !== (a in UNSERVED_ECS_ACTIONS), `${a}: exactly one status`);
  for (const a of [...IMPLEMENTED_ACTIONS, ...Object.keys(UNSERVED_ECS_ACTIONS)]) t.ok(a in OPERATIONS, `${a} is an ECS action`);
});

t.test("the README's action table is the model's actions with their status", async (t) => {
  const start = readme.indexOf('| action | status | note |');
  t.ok(start >= 0, 'the table is there');
  const lines = readme.slice(start).split('\n').slice(2);
  const end = lines.findIndex((l) => !l.startsWith('|'));
  const rows = lines.slice(0, end < 0 ? lines.length : end);
  const expected = expectedRows();
  // On a failure, the expected table is printed whole: paste it into the README.
  t.same(rows, expected, rows.join('\n') === expected.join('\n') ? 'same' : `expected:\n${expected.join('\n')}`);
});
