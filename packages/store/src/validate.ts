// Request checks shared by both backends, so a write that the file store accepts is one etcd accepts
// too (and the caller gets the same clear message from either).
import { TXN_MAX_BYTES, TXN_MAX_OPS, VALUE_MAX_BYTES } from './store.js';
import type { Compare, Op, TxnRequest } from './store.js';
import { byteLength } from './keys.js';

export function checkKey(key: unknown, what = 'key'): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new Error(`${what} must be a non-empty string`);
  }
}

/** getMany: keys as get takes them, at most TXN_MAX_OPS (etcd reads them in one txn). */
export function checkGetMany(keys: readonly string[]): void {
  if (keys.length > TXN_MAX_OPS) throw new Error(`getMany of ${keys.length} keys; at most ${TXN_MAX_OPS} in one call`);
  for (const k of keys) checkKey(k);
}

/** A value's size against the store's limit; returns its size in bytes. */
export function checkValue(key: string, value: string | Buffer): number {
  const size = byteLength(value);
  if (size > VALUE_MAX_BYTES) {
    throw new Error(`value of ${key} is ${size} bytes; the store limit is ${VALUE_MAX_BYTES}`);
  }
  return size;
}

/** Lease TTLs are whole seconds, at least 1 (etcd's unit and etcd3's minimum). */
export function checkTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new Error(`lease TTL must be a whole number of seconds >= 1, got ${ttlSeconds}`);
  }
}

export function checkPut(key: string, value: Buffer): void {
  checkKey(key);
  const size = byteLength(key) + checkValue(key, value);
  if (size > TXN_MAX_BYTES) throw tooLarge(size);
}

export function checkTxn(req: TxnRequest): void {
  const lists: Array<[string, unknown[]]> = [
    ['compare', req.compare],
    ['success', req.success],
    ['failure', req.failure ?? []],
  ];
  for (const [name, list] of lists) {
    if (!Array.isArray(list)) throw new Error(`txn ${name} must be an array`);
    // etcd's --max-txn-ops applies to each list separately; 128 is its default.
    if (list.length > TXN_MAX_OPS) {
      throw new Error(`txn has ${list.length} ${name} operations; the store limit is ${TXN_MAX_OPS}`);
    }
  }
  let size = 0;
  for (const c of req.compare) size += compareSize(c);
  size += checkOps(req.success, 'success');
  size += checkOps(req.failure ?? [], 'failure');
  if (size > TXN_MAX_BYTES) throw tooLarge(size);
}

function compareSize(c: Compare): number {
  checkKey(c.key, 'compare key');
  if ('modRevision' in c) {
    if (!Number.isInteger(c.modRevision) || c.modRevision < 0) {
      throw new Error(`compare modRevision of ${c.key} must be an integer >= 0`);
    }
    return byteLength(c.key);
  }
  return byteLength(c.key) + byteLength(c.value);
}

/**
 * etcd rejects a txn branch that touches a key twice ("duplicate key given in txn request"): two puts
 * of one key, or a put of a key that a delete in the same branch covers. Deletes may overlap.
 */
function checkOps(ops: Op[], branch: string): number {
  let size = 0;
  const puts = new Set<string>();
  const deletes = new Set<string>();
  const prefixes: string[] = [];
  for (const op of ops) {
    if ('put' in op) {
      checkKey(op.put, 'put key');
      // Sizes by byteLength: the backend makes the bytes once, when it writes (not here too).
      const valueSize = checkValue(op.put, op.value);
      if (puts.has(op.put)) throw duplicate(op.put, branch);
      puts.add(op.put);
      size += byteLength(op.put) + valueSize;
    } else if ('delete' in op) {
      checkKey(op.delete, 'delete key');
      deletes.add(op.delete);
      size += byteLength(op.delete);
    } else if ('deletePrefix' in op) {
      // An empty prefix would wipe the whole store; nothing in Berth wants that from a txn.
      checkKey(op.deletePrefix, 'deletePrefix prefix');
      prefixes.push(op.deletePrefix);
      size += byteLength(op.deletePrefix);
    } else {
      throw new Error(`unknown txn operation ${JSON.stringify(op)}`);
    }
  }
  for (const key of puts) {
    if (deletes.has(key) || prefixes.some((p) => key.startsWith(p))) throw duplicate(key, branch);
  }
  return size;
}

function duplicate(key: string, branch: string): Error {
  return new Error(`txn ${branch} branch changes ${key} more than once (etcd refuses this)`);
}

function tooLarge(size: number): Error {
  return new Error(`write is ${size} bytes of keys and values; the store limit is ${TXN_MAX_BYTES}`);
}
