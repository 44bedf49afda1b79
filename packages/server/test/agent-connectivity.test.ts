// Agent connectivity (controllers/every-replica/agent-connectivity.ts) records agentConnected from the
// session keys. A reconcile whose store call fails (a store that did not answer) goes again after a pause:
// nothing else would bring it back before the session key changes again, and the instance would keep an
// agentConnected its session no longer says.
import t, { type Test } from 'tap';
import { StoreUnavailableError, type Store } from '@berth/store';
import { AgentConnectivity } from '../src/controllers/every-replica/agent-connectivity.js';
import { getInstance } from '../src/state/instances.js';
import { sessionKey } from '../src/state/sessions.js';
import type { ServerContext } from '../src/context.js';
import { machineResources, startTestServer, uniq, until } from './helpers.js';

/** The store, passed through, whose next `state.failing` transactions throw as an unreachable store does. */
function failingTxns(inner: Store) {
  const state = { failing: 0, failed: 0 };
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'txn') {
        return async (...args: Parameters<Store['txn']>) => {
          if (state.failing > 0) {
            state.failing--;
            state.failed++;
            throw new StoreUnavailableError('the store did not answer (test)');
          }
          return target.txn(...args);
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store, state };
}

/** A test server whose own controller stands down (the one under test is the only writer of agentConnected), and an instance. */
async function setup(t: Test) {
  const ts = await startTestServer();
  t.teardown(() => ts.close());
  await ts.server.connectivity.stop();
  const cluster = uniq('conn');
  await ts.client.call('CreateCluster', { clusterName: cluster });
  const { containerInstance } = await ts.client.call('RegisterContainerInstance', { cluster, totalResources: machineResources(4096, 1024), versionInfo: { agentVersion: '0.1.0' } });
  return { ts, cluster, id: containerInstance!.containerInstanceArn!.split('/').pop()! };
}

t.test('a reconcile that failed goes again, and records the connect', async (t) => {
  const { ts, cluster, id } = await setup(t);
  const failing = failingTxns(ts.server.ctx.store);
  const ctx: ServerContext = { ...ts.server.ctx, store: failing.store };
  const c = new AgentConnectivity(ctx);
  await c.start();
  t.teardown(() => c.stop());
  // Its start's pass over every instance done (it records this one's agentDisconnectedAt): the next two writes fail.
  await c.settled();
  failing.state.failing = 2;
  await ts.server.ctx.store.put(sessionKey(id), JSON.stringify({ sessionId: 'test', cluster }));
  const rec = await until('agentConnected recorded', async () => {
    const r = (await getInstance(ts.server.ctx.store, cluster, id))?.value;
    return r?.instance.agentConnected === true && r;
  }, 20_000);
  t.equal(failing.state.failed, 2, 'after two failed writes');
  t.equal(rec.agentDisconnectedAt, undefined, 'and no longer away');
});

t.test('stopped, it retries nothing', async (t) => {
  const { ts, cluster, id } = await setup(t);
  const failing = failingTxns(ts.server.ctx.store);
  const c = new AgentConnectivity({ ...ts.server.ctx, store: failing.store });
  await c.start();
  await c.settled();
  failing.state.failing = 1;
  await ts.server.ctx.store.put(sessionKey(id), JSON.stringify({ sessionId: 'test', cluster }));
  await until('the first write failed', () => failing.state.failed === 1);
  await c.settled();
  await c.stop();
  await new Promise((r) => setTimeout(r, 600));
  t.equal((await getInstance(ts.server.ctx.store, cluster, id))?.value.instance.agentConnected, false, 'no retry after stop');
});
