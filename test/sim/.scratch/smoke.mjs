import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { startServerProcess } from '../server-process.mjs';
import { startSimulatedFleet } from '../simulated-fleet.mjs';
const dir = mkdtempSync(join(tmpdir(), 'berth-sim-'));
const server = await startServerProcess({ store: `file:${join(dir, 'berth.db')}` });
console.log('server', server.addr);
const client = new BerthClient(server.addr);
const cluster = 'smoke-' + process.pid;
await client.call('CreateCluster', { clusterName: cluster });
await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', memory: 16, cpu: 8 }] });
let t0 = performance.now();
const N = Number(process.argv[2] ?? 100);
const fleet = await startSimulatedFleet({ addr: server.addr, cluster, size: N });
console.log('registered', (performance.now() - t0).toFixed(0));
t0 = performance.now();
console.log('connected', await fleet.waitConnected(), (performance.now() - t0).toFixed(0), (await server.stats()).sessions);
t0 = performance.now();
const arns = [];
let next = 0; const calls = N;
await Promise.all(Array.from({ length: 12 }, async () => {
  while (next < calls) { next++; const r = await client.call('RunTask', { cluster, taskDefinition: cluster, count: 10 }); arns.push(...r.tasks.map(t => t.taskArn)); if (r.failures.length) console.log(r.failures); }
}));
const wall = performance.now() - t0;
console.log('placed', arns.length, 'in', wall.toFixed(0), 'ms =>', (arns.length / wall * 1000).toFixed(0), '/s');
for (let i = 0; i < 600; i++) { const c = fleet.statusCounts(); if (c.runningAcked >= arns.length) break; await new Promise(r => setTimeout(r, 100)); }
console.log('running', fleet.statusCounts(), (performance.now() - t0).toFixed(0), fleet.ledger.counts, fleet.ledger.anomalies.length);
await fleet.stop();
client.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
