// Task ids (launch-plan.ts): ECS's form (32 lowercase hex digits), unique, and ordered by launch time in
// their first 12 digits, so a task's keys that end in its id are written beside the previous launch's.
import t from 'tap';
import { newTaskId } from '../src/handlers/tasks/launch-plan.js';

t.test('32 hex digits, unique, the launch time first', async (t) => {
  const ids = Array.from({ length: 10_000 }, () => newTaskId());
  t.ok(ids.every((id) => /^[0-9a-f]{32}$/.test(id)), 'ECS\'s form');
  t.equal(new Set(ids).size, ids.length, 'no two alike');
  t.equal(new Set(ids.map((id) => id.slice(12))).size, ids.length, 'the random part alone tells them apart (80 bits)');
  const at = Date.UTC(2026, 11, 3, 12, 0, 0, 123);
  t.equal(newTaskId(at).slice(0, 12), at.toString(16).padStart(12, '0'), 'milliseconds since the epoch, in hex');
  const later = [at, at + 1, at + 1000, at + 86_400_000].map((ms) => newTaskId(ms));
  t.same([...later].sort(), later, 'a later launch sorts after');
});
