// The gRPC streams run through the hook chain as unary calls do: the agent stream (AgentService.Connect) is
// authorized once its hello names the container instance, which becomes the caller, with ECS's agent
// actions (ecs:Poll on the instance, ecs:SubmitTaskStateChange on its cluster); WatchEvents with
// berth:WatchEvents on the cluster (or `*`). A refusal of the policy hook is the answer (PERMISSION_DENIED),
// and a refused agent gets no session; the observers see each stream open and close, once.
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { BerthError } from '@berth/core';
import type { AuthorizationRequest, CallRecord, EventMessage } from '@berth/api';
import { sessionKey } from '../src/index.js';
import { machineResources, startTestServer, uniq, until } from './helpers.js';
import { connectAgent } from './agent-stream.js';

const decisions: AuthorizationRequest[] = [];
const records: CallRecord[] = [];
const refused = new Set<string>();
// --insecure: the policy hook decides for an agent only in the plaintext mode, where its hello names it (a
// certificate's agent is decided by its kind, fleet/certificate-callers.ts, and tested in iam.test.ts).
const ts = await startTestServer({
  server: { insecure: true,
    authorize: (req) => {
      decisions.push(req);
      if (req.resources.some((r) => refused.has(r))) throw new BerthError('AccessDeniedException', `Not allowed: ${req.action}.`);
    },
    observers: [(r) => void records.push(r)],
  },
});
t.teardown(() => ts.close());
const { client } = ts;

const cluster = uniq('hooks');
await client.call('CreateCluster', { clusterName: cluster });
const register = async () => (await client.call('RegisterContainerInstance', {
  cluster,
  totalResources: machineResources(1024, 1024),
})).containerInstance!.containerInstanceArn!;
const clusterArn = (await client.call('DescribeClusters', { clusters: [cluster] })).clusters![0]!.clusterArn!;
const streamRecords = (action: string) => records.filter((r) => r.stream && r.call.action === action);

t.test('the agent stream: authorized as the container instance its hello names, with ECS agent actions, observed at open and close', async (t) => {
  const instanceArn = await register();
  const before = decisions.length;
  const agent = connectAgent(ts.server.addr);
  agent.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: instanceArn } });
  t.ok('welcome' in (await agent.next()));
  const caller = { kind: 'container-instance', containerInstanceArn: instanceArn };
  t.same(decisions.slice(before), [
    { caller, action: 'ecs:Poll', resources: [instanceArn], context: {} },
    { caller, action: 'ecs:SubmitTaskStateChange', resources: [clusterArn], context: {} },
  ]);
  const opened = streamRecords('Poll').at(-1)!;
  t.same(opened.stream, { phase: 'open' });
  t.same(opened.call.caller, caller, 'the call context names the instance');
  t.equal(opened.call.transport, 'grpc');
  agent.cancel();
  await until('the session closed', () => ts.server.dispatcher.size === 0);
  const closed = streamRecords('Poll').at(-1)!;
  t.equal(closed.stream?.phase, 'close');
  t.equal(closed.call.requestId, opened.call.requestId, 'the same stream');
  t.ok(closed.ms >= opened.ms, 'its whole life');
  t.notOk(closed.error);
});

t.test('an agent the policy refuses gets PERMISSION_DENIED and no session', async (t) => {
  const instanceArn = await register();
  refused.add(instanceArn);
  const agent = connectAgent(ts.server.addr);
  agent.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: instanceArn } });
  const s = await agent.status;
  t.equal(s.code, grpc.status.PERMISSION_DENIED);
  t.equal(s.details, 'Not allowed: ecs:Poll.');
  t.equal(s.metadata.get('ecs-error-type')[0], 'AccessDeniedException');
  t.equal(await ts.server.ctx.store.get(sessionKey(instanceArn.split('/').pop()!)), null, 'no session key: agentConnected stays false');
  const last = streamRecords('Poll').at(-1)!;
  t.same([last.stream?.phase, last.error?.name], ['open', 'AccessDeniedException'], 'one record: refused at its opening');
  t.equal(ts.server.dispatcher.size, 0);
});

t.test('a hello the protocol refuses keeps its code, and is observed as refused', async (t) => {
  const agent = connectAgent(ts.server.addr);
  agent.send({ hello: { protocolVersion: 99, cluster, containerInstanceArn: await register() } });
  const s = await agent.status;
  t.equal(s.code, grpc.status.FAILED_PRECONDITION, 'an agent stops on it rather than retrying');
  const last = streamRecords('Poll').at(-1)!;
  t.same([last.stream?.phase, last.error?.name], ['open', 'ClientException']);
});

t.test('WatchEvents: authorized as berth:WatchEvents on the cluster, or * for every cluster; refused with PERMISSION_DENIED', async (t) => {
  const read = async (req: { cluster?: string }) => {
    const out: EventMessage[] = [];
    for await (const m of client.watchEvents({ ...req, follow: false })) out.push(m);
    return out;
  };
  await read({ cluster });
  t.same(decisions.at(-1), { caller: { kind: 'anonymous', reason: 'no client certificate, no signature' }, action: 'berth:WatchEvents', resources: [clusterArn], context: {} });
  const [opened, closed] = streamRecords('WatchEvents').slice(-2);
  t.same([opened!.stream, closed!.stream], [{ phase: 'open' }, { phase: 'close', reason: 'caught up' }]);
  await read({});
  t.same(decisions.at(-1)!.resources, ['*'], 'every cluster');
  refused.add(clusterArn);
  t.teardown(() => refused.delete(clusterArn));
  const e = await read({ cluster }).then(() => undefined, (err: BerthError) => err);
  t.equal(e?.ecsName, 'AccessDeniedException');
  t.equal(e?.message, 'Not allowed: berth:WatchEvents.');
});
