// A task's scale-in protection asked for on the agent's session (agent.proto fields 9 and 10), spoken by the
// test as two joined agents: only the agent of the instance a service task is on reads or sets its
// protection; what it sets is what GetTaskProtection answers; an expiry outside ECS's range is refused.
import t from 'tap';
import { agentCapabilities, type TaskProtectionAnswer } from '@berth/core';
import { machineResources, startTestServer, uniq, until } from './helpers.js';
import { connectAgent, joinAgent } from './agent-stream.js';

const ts = await startTestServer();
t.teardown(() => ts.close());
const { client, server } = ts;
const cluster = uniq('protect');
await client.call('CreateCluster', { clusterName: cluster });
const agentOn = async () => {
  const attributes = agentCapabilities('1.41').map((name) => ({ name }));
  const { tls, containerInstanceArn } = await joinAgent(server, client, cluster, machineResources(4096, 8192), { attributes });
  const stream = connectAgent(server.addr, tls);
  stream.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn } });
  t.teardown(() => stream.cancel());
  return { stream, containerInstanceArn };
};
const agents = [await agentOn(), await agentOn()];
const family = uniq('svc');
await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', memory: 6 }] });
await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 1 });
const task = await until('the service task is placed', async () => {
  const arn = (await client.call('ListTasks', { cluster, serviceName: 'web', desiredStatus: 'RUNNING' })).taskArns?.[0];
  return arn ? (await client.call('DescribeTasks', { cluster, tasks: [arn] })).tasks![0] : undefined;
});
const taskArn = task!.taskArn!;
const own = agents.find((a) => a.containerInstanceArn === task!.containerInstanceArn)!;
const other = agents.find((a) => a !== own)!;

let n = 0;
/** Asks on an agent's stream and reads until the answer (assignments and heartbeats pass by). */
async function ask(agent: typeof own, update?: { protectionEnabled: boolean; expiresInMinutes?: number }): Promise<TaskProtectionAnswer> {
  const requestId = `q${++n}`;
  agent.stream.send({ taskProtectionRequest: { requestId, taskArn, ...(update ? { update: true, ...update } : {}) } });
  for (;;) {
    const m = await agent.stream.next();
    if ('taskProtection' in m && m.taskProtection.requestId === requestId) return m.taskProtection;
  }
}

t.test("only the task's own agent reads or sets its protection", async (t) => {
  t.match(await ask(other), { failure: 'MISSING' }, "another instance's agent does not see it");
  t.match(await ask(other, { protectionEnabled: true }), { failure: 'MISSING' }, 'nor can it protect it');
  t.match(await ask(own), { protectionEnabled: false, failure: undefined });
  const on = await ask(own, { protectionEnabled: true, expiresInMinutes: 30 });
  t.match(on, { protectionEnabled: true, failure: undefined });
  t.ok(Math.abs(on.expirationDate! - (Date.now() / 1000 + 30 * 60)) < 30, 'thirty minutes ahead');
  const got = await client.call('GetTaskProtection', { cluster, tasks: [taskArn] });
  t.match(got.protectedTasks, [{ taskArn, protectionEnabled: true, expirationDate: on.expirationDate }], 'GetTaskProtection agrees');
  t.match(await ask(own, { protectionEnabled: true, expiresInMinutes: 0 }), { failure: /expiresInMinutes must be between 1 and 2880/ });
  t.match(await ask(own, { protectionEnabled: false }), { protectionEnabled: false, expirationDate: undefined });
});
