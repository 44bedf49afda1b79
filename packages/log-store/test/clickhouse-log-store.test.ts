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
