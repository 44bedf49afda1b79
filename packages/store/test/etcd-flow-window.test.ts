// The etcd connection lets etcd run ahead of this process's event loop: every watch shares one HTTP/2
// stream, and with HTTP/2's default window (64 KiB) etcd could send only that much until this process read
// it and granted more, so on a busy server watch events (agents' assignments) arrived seconds late. The
// live connection, seen from Node's http2 session that grpc-js opens to etcd, grants ETCD_FLOW_CONTROL_WINDOW
// on the connection and on each stream, and a watch whose events far exceed 64 KiB delivers all of them.
import t from 'tap';
import http2 from 'node:http2';
import { EtcdStore, ETCD_FLOW_CONTROL_WINDOW } from '../src/etcd-store.js';
import { startPrivateEtcd } from '../src/private-etcd.js';
import type { WatchEvent } from '../src/store.js';

const etcd = await startPrivateEtcd();
t.teardown(() => etcd.stop());
const prefix = '/flow-window/';

// The sessions grpc-js opens (it calls http2.connect through the module object, so this sees them).
const sessions: http2.ClientHttp2Session[] = [];
const connect = http2.connect;
(http2 as { connect: typeof http2.connect }).connect = ((...args: Parameters<typeof http2.connect>) => {
  const s = connect(...args);
  sessions.push(s);
  return s;
}) as typeof http2.connect;
t.teardown(() => void ((http2 as { connect: typeof http2.connect }).connect = connect));

t.test('the etcd connection grants etcd a 16 MiB window, and a watch gets every event of a burst far past 64 KiB', async (t) => {
  const store = await EtcdStore.open([etcd.endpoint]);
  t.teardown(() => store.close());
  const events: WatchEvent[] = [];
  const w = await store.watch(prefix, { onEvents: (e) => void events.push(...e), onError: (e) => t.fail(e.message) });
  t.teardown(() => w.cancel());

  const live = sessions.filter((s) => !s.destroyed);
  t.ok(live.length > 0, 'a session to etcd is open');
  for (const s of live) {
    t.equal(s.localSettings.initialWindowSize, ETCD_FLOW_CONTROL_WINDOW, 'each stream may receive 16 MiB unread');
    t.ok((s.state.localWindowSize ?? 0) >= ETCD_FLOW_CONTROL_WINDOW / 2, 'and so may the connection');
  }

  // 64 writes of 32 KiB: 2 MiB of events (with their previous values) on the one watch stream.
  const value = 'x'.repeat(32 * 1024);
  for (let i = 0; i < 64; i++) await store.put(`${prefix}${i}`, value);
  while (events.length < 64) await new Promise((r) => setTimeout(r, 10));
  t.equal(events.length, 64);
  t.ok(events.every((e) => e.type === 'put' && e.kv.value.length === value.length));
});
