// The task commands of the berth CLI against a real control plane, a real agent and real Docker:
// run --wait, get tasks, get instances, describe, stop; a task that stops makes run --wait exit 1.
import t from 'tap';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { IMAGE, berthCli, containersWithLabel, startTestCluster, until } from './e2e-helpers.js';

const { work, server, cluster } = await startTestCluster('cli-tasks', (fn) => t.teardown(fn));
const berth = berthCli(server.addr, cluster, server.configPath);

const family = `cli-${process.pid}`;
const file = join(work.dir, 'td.json');
writeFileSync(file, JSON.stringify({ family, containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.2; done"] }] }));
writeFileSync(join(work.dir, 'fail.json'), JSON.stringify({ family: `${family}-fail`, containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', 'exit 7'] }] }));

t.test('run --wait, get, describe, stop', async (t) => {
  t.equal((await berth('register', 'taskdef', '-f', file)).code, 0);
  const run = await berth('run', family, '--wait', '-o', 'json');
  t.equal(run.code, 0, run.stderr);
  const { tasks, failures } = JSON.parse(run.stdout);
  t.same(failures, []);
  t.equal(tasks[0].lastStatus, 'RUNNING', '--wait returns when RUNNING');
  const id = tasks[0].taskArn.split('/').pop();
  t.equal(containersWithLabel(`com.amazonaws.ecs.task-arn=${tasks[0].taskArn}`, false).length, 1, 'its container runs');

  const list = await berth('get', 'tasks');
  t.match(list.stdout, /^TASK\s+TASKDEF\s+LAST\s+DESIRED\s+INSTANCE\s+STARTED\s+STOPPED\n/);
  t.match(list.stdout, new RegExp(`${id}\\s+${family}:1\\s+RUNNING\\s+RUNNING`));
  const inst = await berth('get', 'instances');
  t.match(inst.stdout, /^INSTANCE\s+STATUS\s+AGENT\s+RUNNING\s+PENDING\s+CPU\s+MEMORY\s+ZONE\n[0-9a-f]{32}\s+ACTIVE\s+connected\s+1\s+0\s/);
  const instJson = JSON.parse((await berth('get', 'instances', '-o', 'json')).stdout);
  t.equal(instJson.length, 1);
  const di = JSON.parse((await berth('describe', 'instance', instJson[0].containerInstanceArn, '-o', 'json')).stdout);
  t.equal(di.agentConnected, true);
  const dt = await berth('describe', 'task', id);
  t.match(dt.stdout, /lastStatus: RUNNING/);

  const stop = await berth('stop', 'task', tasks[0].taskArn, '--reason', 'done here');
  t.equal(stop.stdout, `task/${id} stopping\n`);
  const stopped = await until('STOPPED', async () => {
    const d = JSON.parse((await berth('describe', 'task', id, '-o', 'json')).stdout);
    return d.lastStatus === 'STOPPED' ? d : undefined;
  });
  t.equal(stopped.stoppedReason, 'done here');
  t.equal(stopped.containers[0].exitCode, 0);
  const stoppedList = JSON.parse((await berth('get', 'tasks', '--desired-status', 'STOPPED', '-o', 'json')).stdout);
  t.ok(stoppedList.some((x: { taskArn: string }) => x.taskArn === tasks[0].taskArn));
});

t.test('run --wait exits 1 when a task stops; errors and usage', async (t) => {
  await berth('register', 'taskdef', '-f', join(work.dir, 'fail.json'));
  const run = await berth('run', `${family}-fail`, '--wait');
  t.equal(run.code, 1);
  t.match(run.stdout, /STOPPED/);
  // Piped, the progress is plain lines on stderr, and the failure says what to look at next.
  t.match(run.stderr, /(?:^|\n)task\/([0-9a-f]{32}) stopped: .+\n {2}its log: berth logs \1\n {2}its containers' exit codes and reasons: berth describe task \1\n$/);
  const missing = await berth('stop', 'task', '0123456789abcdef0123456789abcdef');
  t.equal(missing.code, 1);
  t.equal(missing.stderr, 'InvalidParameterException: The referenced task was not found.\n  field: task\n');
  t.equal((await berth('run', family, '--count', 'many')).code, 2);
  t.equal((await berth('stop', 'task', `arn:aws:ecs:us-east-1:000000000000:task/other/0123456789abcdef0123456789abcdef`)).code, 2, '--cluster disagreeing with the ARN');
});
