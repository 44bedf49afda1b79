// A Berth client lets 1 MiB of a server's answers be in flight (credentials.ts's CLIENT_FLOW_CONTROL_WINDOW),
// per stream and per connection, instead of HTTP/2's 64 KiB: what a real HTTP/2 server receives from it.
import t from 'tap';
import * as http2 from 'node:http2';
import { BerthClient, CLIENT_FLOW_CONTROL_WINDOW } from '../src/index.js';

t.test('a client advertises its flow control window, for each stream and for the connection', async (t) => {
  const server = http2.createServer();
  const seen: { initialWindowSize?: number; connectionWindow?: number } = {};
  server.on('session', (session) => {
    session.on('remoteSettings', (s) => { seen.initialWindowSize = s.initialWindowSize; });
  });
  server.on('stream', (stream) => {
    // What the server may send on the connection before the client reads: its remote window.
    seen.connectionWindow = (stream.session as http2.ServerHttp2Session).state.remoteWindowSize;
    stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' }, { endStream: true });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const client = new BerthClient(`127.0.0.1:${port}`, { throttledRetries: 0 });
  t.teardown(() => {
    client.close();
    server.close();
  });
  await client.call('ListClusters', {}).catch(() => {});
  t.equal(CLIENT_FLOW_CONTROL_WINDOW, 1024 * 1024);
  t.equal(seen.initialWindowSize, CLIENT_FLOW_CONTROL_WINDOW, 'each stream\'s window');
  t.ok((seen.connectionWindow ?? 0) >= CLIENT_FLOW_CONTROL_WINDOW, `the connection's window: ${seen.connectionWindow}`);
});
