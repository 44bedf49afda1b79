// BENCH_WRITE_BYTES=1: what the server writes to its store and receives from its watches, by key kind
// (the segment after /berth/v1/), counted between start() and stop() by a wrapper around the store in the
// server child, and the transactions whose compare failed. Bytes are keys plus values of the puts in committed transactions (and plain puts); watch
// bytes are keys plus values of the put events the server's watches deliver (on etcd, what its watch
// streams carry). A measurement aid, not a profiler: the wrapper adds a little work per call.
// It also counts the store calls by caller (the server module that made the call, from its stack: the
// first frame outside state/, the layer that spells keys) and method, with the keys each covers, and what
// each watch received (by its prefix and the module that opened it): deliveries, put and delete events,
// and their bytes (keys + values, previous values apart).
// BENCH_WRITE_SAMPLES=FILE also appends the first three puts of each key kind written while counting and each 5,000th,
// key and value as JSON lines, to FILE (to read what a placement's bytes are).
import { appendFileSync } from 'node:fs';

export function countingWrites(store, root) {
  const samplesFile = process.env.BENCH_WRITE_SAMPLES;
  const sampled = new Map();
  let on = false;
  let writes = new Map();
  let watched = new Map();
  let calls = new Map();
  let watches = new Map();
  let failed = 0;
  const caller = () => {
    const frames = (new Error().stack ?? '').split('\n').slice(2);
    let state;
    for (const f of frames) {
      const m = /\/server\/(?:dist\/)?src\/(.+?)\.[jt]s:/.exec(f);
      if (!m) continue;
      if (m[1].startsWith('state/')) state ??= m[1];
      else return m[1];
    }
    return state ?? '?';
  };
  const call = (method, keys) => {
    if (!on) return;
    const k = `${caller()} ${method}`;
    const cur = calls.get(k) ?? { n: 0, keys: 0 };
    cur.n++;
    cur.keys += keys;
    calls.set(k, cur);
  };
  const kindOf = (key) => {
    const rest = key.startsWith(root) ? key.slice(root.length) : key;
    const i = rest.indexOf('/');
    return i < 0 ? rest : rest.slice(0, i);
  };
  const add = (m, key, bytes) => {
    const k = kindOf(key);
    const cur = m.get(k) ?? { n: 0, bytes: 0 };
    cur.n++;
    cur.bytes += bytes;
    m.set(k, cur);
  };
  const sample = (key, value) => {
    if (!samplesFile) return;
    const k = kindOf(key);
    const n = sampled.get(k) ?? 0;
    sampled.set(k, n + 1);
    if (n >= 3 && n % 5000 !== 0) return;
    appendFileSync(samplesFile, JSON.stringify({ key, value: typeof value === 'string' ? value : Buffer.from(value).toString('utf8') }) + '\n');
  };
  const len = (v) => (typeof v === 'string' ? Buffer.byteLength(v) : v.length);
  const proxy = new Proxy(store, {
    get(target, p) {
      if (p === 'txn') {
        return async (req) => {
          call('txn', req.compare.length + req.success.length);
          const res = await target.txn(req);
          if (on && res.succeeded) for (const op of req.success) if ('put' in op) add(writes, op.put, len(op.put) + len(op.value)), sample(op.put, op.value);
          if (on && !res.succeeded) failed++;
          return res;
        };
      }
      if (p === 'put') {
        return async (key, value, ...rest) => {
          call('put', 1);
          const res = await target.put(key, value, ...rest);
          if (on) add(writes, key, len(key) + len(value)), sample(key, value);
          return res;
        };
      }
      if (p === 'watch') {
        return (prefix, handlers, opts) => {
          const name = `${prefix.startsWith(root) ? prefix.slice(root.length) : prefix} (${caller()}${opts?.prevKv ? ', prevKv' : ''}${opts?.fromRevision === undefined ? ', from now' : ''})`;
          return target.watch(prefix, {
            ...handlers,
            onEvents: (events, revision) => {
              if (on) {
                const w = watches.get(name) ?? { deliveries: 0, puts: 0, deletes: 0, bytes: 0, prevBytes: 0 };
                w.deliveries++;
                for (const e of events) {
                  if (e.type === 'put') {
                    add(watched, e.kv.key, len(e.kv.key) + e.kv.value.length);
                    w.puts++;
                    w.bytes += len(e.kv.key) + e.kv.value.length;
                  } else {
                    w.deletes++;
                    w.bytes += len(e.key);
                  }
                  if (e.prevKv) w.prevBytes += len(e.prevKv.key) + e.prevKv.value.length;
                }
                watches.set(name, w);
              }
              return handlers.onEvents(events, revision);
            },
          }, opts);
        };
      }
      if (['get', 'getMany', 'range', 'delete', 'revision', 'grantLease'].includes(p)) {
        return async (...args) => {
          call(p, p === 'getMany' ? args[0].length : p === 'revision' || p === 'grantLease' ? 0 : 1);
          return target[p](...args);
        };
      }
      const v = Reflect.get(target, p, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return {
    store: proxy,
    start() {
      writes = new Map();
      watched = new Map();
      calls = new Map();
      watches = new Map();
      failed = 0;
      on = true;
    },
    stop() {
      on = false;
      return {
        writes: Object.fromEntries(writes), watched: Object.fromEntries(watched), failed,
        calls: Object.fromEntries(calls), watches: Object.fromEntries(watches),
        // An etcd store that shares one etcd watch per prefix (etcd-watch-mux.ts) says how many it has open
        // (under the bench's namespace, a PrefixedStore: asked of the store inside it).
        ...(typeof (store.inner ?? store).watchStats === 'function' ? { etcdWatches: (store.inner ?? store).watchStats() } : {}),
      };
    },
  };
}
