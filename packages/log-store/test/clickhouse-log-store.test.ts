// The conformance suite on ClickHouse (Debian's 18.16, started by deploy/deps.sh on 127.0.0.1:8123), one
// database per test, dropped afterwards.
import t from 'tap';
import { ClickHouseLogStore } from '../src/clickhouse/clickhouse-log-store.js';
import { ClickHouseHttp } from '../src/clickhouse/http.js';
import { logStoreConformance } from './conformance.js';

const url = process.env.BERTH_CLICKHOUSE_URL ?? 'http://127.0.0.1:8123';
const admin = new ClickHouseHttp(url);

let n = 0;
logStoreConformance(t, 'clickhouse', async (clock) => {
  const db = `berth_logs_test_${process.pid}_${n++}`;
  const store = await ClickHouseLogStore.open(url, db, { now: () => clock.ms });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${db}`);
    },
  };
});

// Several replicas share one ClickHouse, each with a log store of its own: a stream's token is decided on
// what the database holds, never on what one replica saw last (docs/logs.md, "Sequence tokens on several
// replicas"). Docker's driver moves between replicas when a load balancer sends it elsewhere.
t.test('clickhouse: two replicas\' log stores on one database take turns on a stream', async (t) => {
  const db = `berth_logs_test_${process.pid}_replicas`;
  const now = () => Date.UTC(2026, 0, 10, 12);
  const a = await ClickHouseLogStore.open(url, db, { now });
  const b = await ClickHouseLogStore.open(url, db, { now });
  const batch = (k: number) => [{ timestamp: now(), message: `batch ${k}` }];
  try {
    await a.createLogGroup('g');
    await b.createLogStream('g', 's');
    const t1 = (await a.putLogEvents('g', 's', batch(1))).nextSequenceToken;
    const t2 = (await b.putLogEvents('g', 's', batch(2), t1)).nextSequenceToken;
    // A's answer for batch 3 is lost; the driver sends it again, and the balancer picks B.
    const t3 = (await a.putLogEvents('g', 's', batch(3), t2)).nextSequenceToken;
    const retry = await b.putLogEvents('g', 's', batch(3), t2).then(() => undefined, (e: { ecsName?: string; message: string }) => e);
    t.equal(retry?.ecsName, 'DataAlreadyAcceptedException', 'B knows batch 3 landed through A');
    t.match(retry?.message, new RegExp(`${t3}$`), 'and names the next token');
    // A, which last wrote batch 3, is told batch 4 came through B.
    const t4 = (await b.putLogEvents('g', 's', batch(4), t3)).nextSequenceToken;
    const stale = await a.putLogEvents('g', 's', batch(5), t3).then(() => undefined, (e: { ecsName?: string; message: string }) => e);
    t.equal(stale?.ecsName, 'InvalidSequenceTokenException');
    t.match(stale?.message, new RegExp(`${t4}$`));
    await a.putLogEvents('g', 's', batch(5), t4);
    // B deletes the stream and creates it again: A writes to the new one, from the first token.
    await b.deleteLogStream('g', 's');
    await b.createLogStream('g', 's');
    const fresh = await a.putLogEvents('g', 's', batch(6), t4).then(() => undefined, (e: { ecsName?: string }) => e);
    t.equal(fresh?.ecsName, 'InvalidSequenceTokenException', 'the new stream expects its first batch');
    await a.putLogEvents('g', 's', batch(6));
    const got = await b.getLogEvents('g', 's', { startFromHead: true });
    t.same(got.events.map((e) => e.message), ['batch 6']);
    await a.deleteLogGroup('g');
    t.equal((await b.putLogEvents('g', 's', batch(7)).then(() => undefined, (e: { ecsName?: string }) => e))?.ecsName, 'ResourceNotFoundException', 'a group deleted through A is gone for B');
  } finally {
    await a.close();
    await b.close();
    await admin.exec(`DROP DATABASE IF EXISTS ${db}`);
  }
});
