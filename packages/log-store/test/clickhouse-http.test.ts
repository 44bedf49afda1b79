// The ClickHouse HTTP client on its own, against a stand-in server that resets a kept-alive connection as
// the second request on it arrives (as a ClickHouse closing an idle connection does under a request):
// the query is sent again on a new connection, once, and nothing else is retried.
import t from 'tap';
import { createServer, type Socket } from 'node:net';
import { ClickHouseHttp } from '../src/clickhouse/http.js';

/** A minimal HTTP/1.1 server: answers `ok N` to the first request of each connection, resets on the next. */
async function resettingServer(resetAll = false): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    const n = ++connections;
    sockets.add(socket);
    let requests = 0;
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      buf = buf.slice(end + 4 + length);
      if (++requests > 1 || resetAll) return void socket.resetAndDestroy();
      const body = `ok ${n}`;
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body}`);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`, connections: () => connections,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

t.test('a kept-alive connection reset under a query: sent again on a new one', async (t) => {
  const s = await resettingServer();
  const ch = new ClickHouseHttp(s.url);
  try {
    t.equal(await ch.exec('SELECT 1'), 'ok 1');
    t.equal(await ch.exec('SELECT 1'), 'ok 2', 'the second query, reset on the kept connection, answered on a new one');
    t.equal(s.connections(), 2);
  } finally {
    ch.close();
    await s.close();
  }
});

t.test('a reset on a new connection is not retried: the log store is unavailable', async (t) => {
  const s = await resettingServer(true);
  const ch = new ClickHouseHttp(s.url);
  try {
    const err = await ch.exec('SELECT 1').then(() => undefined, (e: unknown) => e as { ecsName?: string; message: string });
    t.equal(err?.ecsName, 'ServiceUnavailableException');
    t.match(err?.message, /ClickHouse at http:\/\/127\.0\.0\.1:\d+\) is unavailable/);
    t.equal(s.connections(), 1, 'sent once');
  } finally {
    ch.close();
    await s.close();
  }
});
