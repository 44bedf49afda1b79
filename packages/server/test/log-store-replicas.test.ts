// An embedded log store serves one replica: a second replica on the same state store, with an embedded log
// store of its own, is refused at start naming the first; replicas sharing ClickHouse both start. A claim
// left by a replica that died (its lease no longer kept alive) lapses, and a restarted server takes it.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@berth/store';
import { etcdNamespace, startTestServer } from './helpers.js';
import { claimEmbeddedLogStore, LOG_STORE_OWNER_KEY } from '../src/state/log-store-owner.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-log-replicas-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('a second replica with an embedded log store is refused; ClickHouse serves both', async (t) => {
  const ns = etcdNamespace('log-replicas');
  const first = await startTestServer({ etcdNamespace: ns, server: { replicaId: 'replica-a', logs: { logStore: `file:${join(dir, 'a')}` } } });
  t.teardown(() => first.close());
  await t.rejects(startTestServer({ etcdNamespace: ns, server: { replicaId: 'replica-b', logs: { logStore: `file:${join(dir, 'b')}` } } }),
    /several replicas with an embedded log store: replica replica-a already serves logs from file:.*\/a; .*--log-store clickhouse:\/\/HOST:8123\/DB/);

  const shared = etcdNamespace('log-replicas-ch');
  const db = `berth_logs_replicas_${process.pid}`;
  const logStore = `clickhouse://127.0.0.1:8123/${db}`;
  const a = await startTestServer({ etcdNamespace: shared, server: { replicaId: 'ch-a', logs: { logStore } } });
  const b = await startTestServer({ etcdNamespace: shared, server: { replicaId: 'ch-b', logs: { logStore } } });
  await b.close();
  await a.close();
  await fetch('http://127.0.0.1:8123/', { method: 'POST', body: `DROP DATABASE IF EXISTS ${db}` });
  t.pass('both replicas started on one ClickHouse log store');
});

t.test('a claim left by a dead replica lapses with its lease; a live one is kept', async (t) => {
  const store = await openStore(`file:${join(dir, 'claims.db')}`);
  t.teardown(() => store.close());
  // What kill -9 leaves: the claim on a lease nobody keeps alive any more.
  const dead = await store.grantLease(2, { autoKeepAlive: false });
  await store.put(LOG_STORE_OWNER_KEY, JSON.stringify({ replica: 'crashed', logStore: 'file:x' }), { lease: dead.id });
  const lease = await claimEmbeddedLogStore(store, { replica: 'restarted', logStore: 'file:x' }, 3, 100);
  t.match(JSON.parse((await store.get(LOG_STORE_OWNER_KEY))!.value.toString()), { replica: 'restarted' }, 'the restarted replica holds it');
  // The restarted replica keeps its lease alive: another is refused once a lease lifetime has passed.
  await t.rejects(claimEmbeddedLogStore(store, { replica: 'second', logStore: 'file:y' }, 1, 100), /replica restarted already serves logs from file:x/);
  await lease.revoke();
});
