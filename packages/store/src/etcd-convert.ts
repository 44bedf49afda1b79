// Translating etcd3 client values and errors into the store's.
import {
  ClientClosedError,
  GRPCCancelledError,
  GRPCDeadlineExceededError,
  GRPCUnavailableError,
  type IKeyValue,
} from 'etcd3';
import { StoreUnavailableError } from './store.js';
import type { KeyValue } from './store.js';

/** Errors that mean "etcd did not answer", as opposed to "etcd said no". */
export function isUnavailable(err: unknown): boolean {
  return (
    err instanceof GRPCUnavailableError ||
    err instanceof GRPCDeadlineExceededError ||
    err instanceof GRPCCancelledError ||
    err instanceof ClientClosedError ||
    // cockatiel's open circuit breaker (etcd3's per-host fault policy) after repeated failures.
    (err instanceof Error && 'isBrokenCircuitError' in err)
  );
}

/** etcd's answer to a read or compaction at a revision older than its compaction point. */
export function isCompactedError(err: unknown): boolean {
  return err instanceof Error && err.message.includes('required revision has been compacted');
}

export function mapError(err: unknown, hosts: string[], what: string): Error {
  if (isUnavailable(err)) {
    const msg = err instanceof Error ? err.message : String(err);
    return new StoreUnavailableError(`etcd at ${hosts.join(', ')} is unreachable (${what}): ${msg}`, err);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** etcd3 gives revisions and versions as decimal strings, and lease "0" for none. */
export function toKeyValue(kv: IKeyValue): KeyValue {
  const out: KeyValue = {
    key: kv.key.toString('utf8'),
    value: kv.value ?? Buffer.alloc(0),
    createRevision: Number(kv.create_revision),
    modRevision: Number(kv.mod_revision),
    version: Number(kv.version),
  };
  if (kv.lease && String(kv.lease) !== '0') out.lease = String(kv.lease);
  return out;
}
