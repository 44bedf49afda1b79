// The agent session's acknowledgement of assignment batches, against a real control plane (in process, file
// store, TLS, a machine joined with a token): acks are cumulative (a batch's seq is the store revision it
// reflects) and wait up to ackDelayMs, so batches that arrive meanwhile share one ack of the newest seq; every
// batch applied is acknowledged in the end, and the server sees only seqs it sent.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssignmentBatch } from '@berth/core';
import { freePort } from '@berth/store';
import { startControlPlane, until } from './e2e-helpers.js';
import { joinCluster } from '../src/join.js';
import { AgentSession } from '../src/session.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-session-acks-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const silent = { debug() {}, info() {}, warn() {}, error() {} };
/** What the server's dispatcher logged on each ack it read (its only use of an ack). */
const acks: number[] = [];
const serverLog = { ...silent, debug: (msg: string, f?: Record<string, unknown>) => { if (msg === 'assignments acknowledged') acks.push(Number(f?.['seq'])); } };
const server = await startControlPlane({ store: `file:${join(dir, 'berth.db')}`, port: await freePort(), log: serverLog });
const client = server.client();
t.teardown(async () => {
  client.close();
  await server.close();
});

t.test('batches that arrive within ackDelayMs share one cumulative ack of the newest seq', async (t) => {
  const cluster = 'session-acks';
  await client.call('CreateCluster', { clusterName: cluster });
  await client.call('RegisterTaskDefinition', { family: 'acks', containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', cpu: 8, memory: 16 }] });
  const joined = await joinCluster([server.addr], server.joinEnv['BERTH_JOIN_TOKEN']!, {
    cluster, totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }],
  }, join(dir, 'machine'), silent as never);
  const batches: Array<{ seq: number; at: number; tasks: number }> = [];
  const ackDelayMs = 2_000;
  const session = new AgentSession({
    servers: [server.addr], tls: joined.credentials, log: silent as never, ackDelayMs,
    hello: { cluster, containerInstanceArn: joined.containerInstanceArn! },
    engine: {
      applyAssignments: (b: AssignmentBatch) => void batches.push({ seq: b.seq, at: Date.now(), tasks: b.tasks.length }),
      pendingReports: () => [],
      ackReport() {},
    },
  });
  t.teardown(() => session.stop());
  session.start();
  await until('the session is welcomed', async () => session.connected);
  // Five launches at once on the one instance: each its own batch, or several merged by the server.
  await Promise.all(Array.from({ length: 5 }, () => client.call('RunTask', { cluster, taskDefinition: 'acks', count: 1 })));
  await until('every task assigned', async () => batches.reduce((n, b) => n + b.tasks, 0) >= 5);
  const newest = Math.max(...batches.map((b) => b.seq));
  await until('the newest batch acknowledged', async () => acks.includes(newest), ackDelayMs * 10);
  t.ok(acks.every((s) => batches.some((b) => b.seq === s)), `every ack names a seq the server sent (acks ${acks.join(', ')})`);
  t.same([...acks].sort((a, b) => a - b), acks, 'acks only move forward');
  // Acks at most one per window of ackDelayMs from the first batch not yet acknowledged (the timer fires no
  // sooner than that, so a later ack can only cover more): counted from the batches' arrival times.
  let windows = 0;
  let windowEnd = -Infinity;
  for (const b of batches) {
    if (b.at >= windowEnd) {
      windows++;
      windowEnd = b.at + ackDelayMs;
    }
  }
  t.ok(acks.length <= windows, `${acks.length} acks for ${batches.length} batches in ${windows} windows of ${ackDelayMs} ms`);
  t.ok(acks.length < batches.length || windows === batches.length, 'batches within one window shared an ack');
});
