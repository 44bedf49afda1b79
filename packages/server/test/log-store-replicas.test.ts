// An embedded log store serves one replica: a second replica on the same state store, with an embedded log
// store of its own, is refused at start naming the first; replicas sharing ClickHouse both start.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { etcdNamespace, startTestServer } from './helpers.js';

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
