// A berth-server flooded past what its event loop can serve sheds the excess at once with
// ThrottlingException (admission by the loop's lag, api/admission.ts), answers every call it admitted,
// keeps serving once the flood is over, and stops on SIGTERM in the middle of a flood.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import type { BerthError } from '@berth/core';
import { spawnServer } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-overload-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** `n` calls at once: how many were served, refused for load, and what else failed. */
async function flood(client: BerthClient, n: number) {
  const out = { ok: 0, throttled: 0, other: [] as string[] };
  await Promise.all(Array.from({ length: n }, (_, i) => client.call(i % 2 ? 'ListClusters' : 'DescribeClusters', i % 2 ? {} : { clusters: ['default', 'a', 'b'] }).then(
    () => void out.ok++,
    (e: BerthError) => void (e.ecsName === 'ThrottlingException' && /Rate exceeded.*retry with backoff/.test(e.message) ? out.throttled++ : out.other.push(`${e.ecsName}: ${e.message}`)),
  )));
  return out;
}

t.test('a flood past the loop is shed with ThrottlingException, the server keeps serving, and SIGTERM stops it mid-flood', async (t) => {
  const server = await spawnServer(['--store', `file:${join(dir, 'berth.db')}`, '--max-call-lag', '50ms']);
  const client = new BerthClient(server.addr, { deadlineMs: 120_000, throttledRetries: 0 });
  t.teardown(() => {
    client.close();
    server.child.kill('SIGKILL');
  });
  await client.call('CreateCluster', { clusterName: 'default' });

  const first = await flood(client, 2000);
  t.ok(first.throttled > 0, `calls refused for load: ${first.throttled}`);
  t.ok(first.ok > 0, `calls served: ${first.ok}`);
  t.same(first.other, [], 'every call was served or refused for load, none failed otherwise');
  const next = (await client.call('ListClusters', {})) as { clusterArns: string[] };
  t.match(next.clusterArns, [/cluster\/default$/], 'once the flood is over, the next call is served');

  // SIGTERM while the next flood is being read: the process stops on its own.
  const second = flood(client, 2000);
  await new Promise((r) => setTimeout(r, 50));
  server.child.kill('SIGTERM');
  t.equal(await server.exited, 0, 'berth-server stopped cleanly under the flood');
  const after = await second;
  t.ok(after.ok + after.throttled + after.other.length === 2000, 'every call of the flood was answered or cut');
});
