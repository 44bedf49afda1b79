// Durability: SIGKILL the server in the middle of a stream of writes on the file store, restart it,
// and find every write it acknowledged. Revisions keep counting up from there, never reused.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { spawnServer } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-crash-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const store = `file:${join(dir, 'berth.db')}`;

t.test('every acknowledged write survives kill -9', async (t) => {
  const first = await spawnServer(['--store', store]);
  const client = new BerthClient(first.addr, { deadlineMs: 5000 });
  const acked: { family: string; revision: number }[] = [];
  const clustersAcked: string[] = [];
  let killed = false;
  // Four writers in parallel: task definitions (two families, so revisions race) and clusters.
  const writer = async (w: number) => {
    for (let i = 0; !killed; i++) {
      try {
        if (w === 3) {
          const name = `crash-${i}`;
          await client.call('CreateCluster', { clusterName: name });
          clustersAcked.push(name);
        } else {
          const family = `crash-${w % 2}`;
          const r = await client.call('RegisterTaskDefinition', {
            family,
            containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', memory: 32, environment: [{ name: 'N', value: `${w}-${i}` }] }],
          });
          acked.push({ family, revision: r.taskDefinition!.revision! });
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  await new Promise((r) => setTimeout(r, 1500));
  killed = true;
  first.child.kill('SIGKILL');
  t.equal(await first.exited, 'SIGKILL');
  await Promise.all(writers);
  client.close();
  t.ok(acked.length > 20, `${acked.length} task definitions acknowledged before the kill`);

  const second = await spawnServer(['--store', store]);
  const c2 = new BerthClient(second.addr);
  let missing = 0;
  for (const a of acked) {
    const d = await c2.call('DescribeTaskDefinition', { taskDefinition: `${a.family}:${a.revision}` }).catch(() => null);
    if (d?.taskDefinition?.revision !== a.revision) missing++;
  }
  t.equal(missing, 0, 'every acknowledged registration is there');
  let clustersFound = 0;
  for (let i = 0; i < clustersAcked.length; i += 100) {
    const desc = await c2.call('DescribeClusters', { clusters: clustersAcked.slice(i, i + 100) });
    clustersFound += desc.clusters?.filter((c) => c.status === 'ACTIVE').length ?? 0;
  }
  t.equal(clustersFound, clustersAcked.length, `every acknowledged cluster is there (${clustersAcked.length})`);
  for (const family of ['crash-0', 'crash-1']) {
    const maxAcked = Math.max(0, ...acked.filter((a) => a.family === family).map((a) => a.revision));
    const next = await c2.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'c', image: 'x', memory: 32 }] });
    t.ok(next.taskDefinition!.revision! > maxAcked, `${family}: next revision ${next.taskDefinition!.revision} > ${maxAcked}`);
  }
  c2.close();
  second.child.kill('SIGTERM');
  t.equal(await second.exited, 0, 'SIGTERM stops the server cleanly');
});
