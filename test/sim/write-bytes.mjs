// BENCH_WRITE_BYTES=1: what the server writes to its store and receives from its watches, by key kind
// (the segment after /berth/v1/), counted between start() and stop() by a wrapper around the store in the
// server child, and the transactions whose compare failed. Bytes are keys plus values of the puts in committed transactions (and plain puts); watch
// bytes are keys plus values of the put events the server's watches deliver (on etcd, what its watch
// streams carry). A measurement aid, not a profiler: the wrapper adds a little work per call.
export function countingWrites(store, root) {
  let on = false;
  let writes = new Map();
  let watched = new Map();
  let failed = 0;
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
  const len = (v) => (typeof v === 'string' ? Buffer.byteLength(v) : v.length);
  const proxy = new Proxy(store, {
    get(target, p) {
      if (p === 'txn') {
        return async (req) => {
          const res = await target.txn(req);
          if (on && res.succeeded) for (const op of req.success) if ('put' in op) add(writes, op.put, len(op.put) + len(op.value));
          if (on && !res.succeeded) failed++;
          return res;
        };
      }
      if (p === 'put') {
        return async (key, value, ...rest) => {
          const res = await target.put(key, value, ...rest);
          if (on) add(writes, key, len(key) + len(value));
          return res;
        };
      }
      if (p === 'watch') {
        return (prefix, handlers, opts) => target.watch(prefix, {
          ...handlers,
          onEvents: (events) => {
            if (on) for (const e of events) if (e.type === 'put') add(watched, e.kv.key, len(e.kv.key) + e.kv.value.length);
            return handlers.onEvents(events);
          },
        }, opts);
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
      failed = 0;
      on = true;
    },
    stop() {
      on = false;
      return { writes: Object.fromEntries(writes), watched: Object.fromEntries(watched), failed };
    },
  };
}
