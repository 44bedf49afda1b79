// Which replica serves an embedded log store: one key on that replica's lease. The embedded log store is
// files on one machine, so a second replica on the same state store would answer CloudWatch Logs calls
// from other files; it is refused at start. (Logs themselves never enter the state store.)
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Lease, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

export const LOG_STORE_OWNER_KEY = ROOT + 'log-store-owner';

export interface LogStoreOwner {
  replica: string;
  logStore: string;
  /**
   * The process holding the claim, where it can be told apart (Linux): its kernel boot, pid namespace,
   * host name and pid. A restart after a crash on the same machine sees its predecessor's process gone
   * and takes the claim over at once, instead of waiting out the dead process's lease.
   */
  process?: ProcessIdentity;
}

export interface ProcessIdentity {
  boot: string;
  pidNamespace: string;
  host: string;
  pid: number;
}

/** This process, as a claim names it; undefined where the kernel does not say (not Linux). */
export function thisProcess(): ProcessIdentity | undefined {
  try {
    return { boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), pidNamespace: readlinkSync('/proc/self/ns/pid'), host: hostname(), pid: process.pid };
  } catch {
    return undefined;
  }
}

/**
 * Whether the claim's process is certainly gone: the same kernel boot and pid namespace (so its pid means
 * the same process here) and no process of that pid. A pid reused since counts as alive: the claim is then
 * waited out as before.
 */
export function holderGone(holder: ProcessIdentity | undefined, self: ProcessIdentity | undefined): boolean {
  if (!holder || !self || holder.boot !== self.boot || holder.pidNamespace !== self.pidNamespace || holder.host !== self.host || holder.pid === self.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Claims the embedded log store for this replica, or throws naming the replica that holds it. A claim left
 * by a replica that died (kill -9, power loss) lapses with its lease, so a held claim is tried again until
 * one lease lifetime has passed: a restart after a crash waits at most that long (no time at all when the
 * holder was a process of this machine that is gone: holderGone); a live holder keeps it.
 */
export async function claimEmbeddedLogStore(store: Store, owner: LogStoreOwner, ttlSeconds: number, retryMs = 500): Promise<Lease> {
  const deadline = Date.now() + (ttlSeconds + 2) * 1000;
  const self = thisProcess();
  const claim: LogStoreOwner = { ...owner, ...(self ? { process: self } : {}) };
  for (;;) {
    const lease = await store.grantLease(ttlSeconds, { autoKeepAlive: true });
    const r = await store.txn({ compare: [{ key: LOG_STORE_OWNER_KEY, modRevision: 0 }], success: [{ put: LOG_STORE_OWNER_KEY, value: json(claim), lease: lease.id }] });
    if (r.succeeded) return lease;
    await lease.revoke();
    // A claim left by a process of this machine that is gone (kill -9, a crash): taken over at once.
    const held = await store.get(LOG_STORE_OWNER_KEY);
    if (held && holderGone(decode<LogStoreOwner>(held).process, self)) {
      await store.txn({ compare: [{ key: LOG_STORE_OWNER_KEY, modRevision: held.modRevision }], success: [{ delete: LOG_STORE_OWNER_KEY }] });
      continue;
    }
    if (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      continue;
    }
    const kv = await store.get(LOG_STORE_OWNER_KEY);
    const holder = kv ? decode<LogStoreOwner>(kv) : undefined;
    throw new Error(`several replicas with an embedded log store: replica ${holder?.replica ?? '(unknown)'} already serves logs from ${holder?.logStore ?? 'its own files'}; ` +
      'an embedded log store (--log-store file:PATH) serves one replica: give every replica --log-store clickhouse://HOST:8123/DB');
  }
}
