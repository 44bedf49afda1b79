// Local state files: one per task, atomic writes in call order, leftovers and unreadable files handled.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { LocalState, STATE_SCHEMA, taskFileName, type TaskRecord } from '../src/engine/local-state.js';
import { captureLogger, task, taskDef, tempDir } from './fixtures.js';

function record(id: string): TaskRecord {
  const td = taskDef('fam', [{ name: 'a' }]);
  const tk = task(td, { id });
  return {
    schema: STATE_SCHEMA,
    taskArn: tk.taskArn!,
    instanceId: 'i-1',
    task: tk,
    taskDefinition: td,
    desiredStatus: 'RUNNING',
    knownStatus: 'NONE',
    containers: [{ name: 'a', dockerName: 'ecs-fam-1-a-00', essential: true, knownStatus: 'NONE', desiredStatus: 'RUNNING', networkBindings: [] }],
    counter: 0,
    ackedCounter: 0,
  };
}

t.test('file names', async (t) => {
  t.equal(taskFileName('arn:aws:ecs:us-east-1:000000000000:task/c/0123abcd'), '0123abcd.json');
  t.match(taskFileName('arn:aws:ecs:us-east-1:000000000000:task/c/a b:c'), /^[0-9a-f]{40}\.json$/, 'an odd id is hashed');
});

t.test('save, load, order, remove, leftovers', async (t) => {
  const tmp = tempDir('state');
  t.teardown(tmp.cleanup);
  const cap = captureLogger();
  const st = new LocalState(tmp.dir, cap.log);
  t.same(await st.load(), []);
  const r = record('t1');
  const writes: Promise<void>[] = [];
  for (let i = 1; i <= 20; i++) {
    r.counter = i;
    writes.push(st.save(r)); // snapshots taken at the call
  }
  await Promise.all(writes);
  const dir = path.join(tmp.dir, 'tasks');
  t.same(readdirSync(dir), ['t1.json'], 'no temporary file left');
  t.equal((JSON.parse(readFileSync(path.join(dir, 't1.json'), 'utf8')) as TaskRecord).counter, 20, 'the last write wins');

  await st.save(record('t2'));
  writeFileSync(path.join(dir, 't3.json.tmp'), '{"half":');
  writeFileSync(path.join(dir, 't4.json'), '{not json');
  const loaded = await new LocalState(tmp.dir, cap.log).load();
  t.same(loaded.map((x) => x.taskArn.split('/').pop()).sort(), ['t1', 't2']);
  t.notOk(existsSync(path.join(dir, 't3.json.tmp')), 'leftover temporary file dropped');
  t.ok(readdirSync(dir).some((f) => f.startsWith('t4.json.corrupt-')), 'unreadable file set aside');
  t.ok(cap.lines().some((l) => l.level === 'error' && l.msg === 'unreadable task state set aside'));

  await st.remove(r.taskArn);
  await st.flush();
  t.notOk(existsSync(path.join(dir, 't1.json')));
});
