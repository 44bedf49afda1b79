// The dispatcher respects the agent stream's write backpressure: an agent that stops reading does not make
// the server pile up messages. Once the stream is blocked the server writes nothing until it drains, and
// what it would have sent waits merged (one entry per task: assignments are state, the newest wins); an
// agent that reads again ends up exactly where every message would have left it; one that stays blocked
// past the stall limit has its session closed with a reconnect hint, and reconnecting gives it the full set.
import t, { type Test } from 'tap';
import * as grpc from '@grpc/grpc-js';
import type { AssignmentBatch, ServerMessage } from '@berth/core';
import { machineResources, startTestServer, type TestServer, uniq, until } from './helpers.js';
import { connectAgent, joinAgent, type AgentStream } from './agent-stream.js';

const TASKS = 120;

/** A cluster with one instance, a task definition whose assignments are large (so buffers fill quickly), and a connected agent. */
async function setup(t: Test, ts: TestServer) {
  const { client } = ts;
  const cluster = uniq('bp');
  await client.call('CreateCluster', { clusterName: cluster });
  // Joined as a real agent: its streams present the certificate the join gave it.
  const { tls, containerInstanceArn: instanceArn } = await joinAgent(ts.server, client, cluster, machineResources(4096, 8192));
  await client.call('RegisterTaskDefinition', {
    family: cluster,
    containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', cpu: 1, memory: 6, environment: [{ name: 'PAD', value: 'x'.repeat(20_000) }] }],
  });
  const agent = connectAgent(ts.server.addr, tls);
  agent.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: instanceArn } });
  t.ok('welcome' in (await agent.next()));
  const full = await agent.next();
  t.ok('assignments' in full && full.assignments.full);
  // An agent that stops reading may still send: heartbeats keep its session alive meanwhile.
  const beat = setInterval(() => agent.send({ heartbeat: {} }), 500);
  t.teardown(() => clearInterval(beat));
  return { cluster, instanceArn, tls, agent };
}

/** Launches TASKS tasks, then stops them all: well over a megabyte of assignments for the one agent. */
async function churn(t: Test, ts: TestServer, cluster: string): Promise<string[]> {
  const arns: string[] = [];
  for (let i = 0; i < TASKS / 10; i++) {
    const r = await ts.client.call('RunTask', { cluster, taskDefinition: cluster, count: 10 });
    t.equal(r.tasks!.length, 10);
    arns.push(...r.tasks!.map((x) => x.taskArn!));
  }
  for (const task of arns) await ts.client.call('StopTask', { cluster, task, reason: 'churn' });
  return arns;
}

/** What an agent holds after applying the batches it read: task ARN -> desiredStatus. */
function applyBatches(held: Map<string, string>, b: AssignmentBatch): void {
  if (b.full) held.clear();
  for (const r of b.removedTaskArns) held.delete(r);
  for (const a of b.tasks) held.set(a.task.taskArn!, a.task.desiredStatus!);
}

/** Reads messages until the agent's view satisfies `done`. */
async function readUntil(agent: AgentStream, held: Map<string, string>, done: () => boolean): Promise<ServerMessage[]> {
  const seen: ServerMessage[] = [];
  while (!done()) {
    const m = await agent.next();
    seen.push(m);
    if ('assignments' in m) applyBatches(held, m.assignments);
  }
  return seen;
}

t.test('a stalled agent: writes stop, what waits is merged per task, and reading again loses nothing', async (t) => {
  const ts = await startTestServer({ server: { agents: { stalledWriteMs: 600_000 } } });
  t.teardown(() => ts.close());
  const { cluster, agent } = await setup(t, ts);
  agent.pause();
  const arns = await churn(t, ts, cluster);
  const [state] = ts.server.dispatcher.writeStates();
  t.ok(state!.blocked, 'the stream is blocked');
  t.ok(state!.assignments <= TASKS, `what waits is one entry per task at most (${state!.assignments} for ${TASKS} tasks, ${TASKS / 10 + TASKS} batches sent)`);
  agent.resume();
  const held = new Map<string, string>();
  const seen = await readUntil(agent, held, () => arns.every((a) => held.get(a) === 'STOPPED'));
  t.equal(held.size, TASKS, 'every task assigned once, each with its newest desired status (STOPPED)');
  t.ok(seen.filter((m) => 'assignments' in m).length < TASKS / 10 + TASKS, 'fewer batches arrived than were sent: the backlog was merged');
  await until('the stream drained', () => ts.server.dispatcher.writeStates()[0]?.blocked === false);
  agent.cancel();
});

t.test('an agent blocked past the stall limit: its session closes with a reconnect hint, and a reconnect gets the full set', async (t) => {
  const ts = await startTestServer({ server: { agents: { stalledWriteMs: 1500 } } });
  t.teardown(() => ts.close());
  const { cluster, instanceArn, tls, agent } = await setup(t, ts);
  agent.pause();
  const arns = await churn(t, ts, cluster);
  await until('the stalled session is closed', () => ts.server.dispatcher.size === 0);
  const connected = async () => (await ts.client.call('DescribeContainerInstances', { cluster, containerInstances: [instanceArn] })).containerInstances![0]!.agentConnected;
  await until('the instance shows its agent disconnected', async () => (await connected()) === false || undefined);
  agent.resume();
  const s = await agent.status;
  t.equal(s.code, grpc.status.UNAVAILABLE, 'UNAVAILABLE: an agent reconnects');
  t.match(s.details, /the agent did not read what the server sent for 1\.5 s; reconnect/);
  const again = connectAgent(ts.server.addr, tls);
  again.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: instanceArn } });
  t.ok('welcome' in (await again.next()));
  const full = await again.next();
  t.ok('assignments' in full && full.assignments.full, 'a full set');
  const held = new Map<string, string>();
  if ('assignments' in full) applyBatches(held, full.assignments);
  t.same([...held.keys()].sort(), [...arns].sort(), 'every task of the instance');
  t.ok([...held.values()].every((d) => d === 'STOPPED'), 'each as the store holds it');
  again.cancel();
});
