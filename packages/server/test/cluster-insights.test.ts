// The Container Insights switch on the agent protocol (issue 19 §4): the welcome tells an agent whether
// its cluster has it on, and once UpdateClusterSettings changes it, the next heartbeat echoes (an informer
// of the clusters) say so (the agent then labels its container series by task, or stops). Spoken over a real gRPC stream
// by the test itself, as dispatcher.test.ts does.
import t from 'tap';
import { startTestServer, uniq } from './helpers.js';
import { connectAgent, joinAgent } from './agent-stream.js';

const ts = await startTestServer({ server: { agents: { heartbeatPeriodMs: 300 } } });
t.teardown(() => ts.close());
const { client } = ts;
const cluster = uniq('insights');
await client.call('CreateCluster', { clusterName: cluster, settings: [{ name: 'containerInsights', value: 'enabled' }] });
const reg = await joinAgent(ts.server, client, cluster, [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }]);

t.test('welcome and heartbeats carry the switch', async (t) => {
  const c = connectAgent(ts.server.addr, reg.tls);
  c.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: reg.containerInstanceArn } });
  const welcome = await c.next();
  t.equal('welcome' in welcome && welcome.welcome.containerInsights, true, 'on in the welcome');
  await client.call('UpdateClusterSettings', { cluster, settings: [{ name: 'containerInsights', value: 'disabled' }] });
  let seen: boolean | undefined;
  for (let i = 0; i < 40 && seen !== false; i++) {
    c.send({ heartbeat: {} });
    // Assignments pass by; the echo says what the replica knows now.
    for (let m = await c.next(); ; m = await c.next()) {
      if ('heartbeat' in m) {
        seen = m.heartbeat.containerInsights;
        break;
      }
    }
    if (seen !== false) await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(seen, false, 'off in a heartbeat echo once the setting changed');
  c.end();
  await c.status;
});
