// Choosing the backend from a URL, as k3s does with --datastore-endpoint.
import { availableParallelism, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Store } from './store.js';
import { FileStore } from './file-store.js';
import type { FileStoreOptions } from './file-store.js';
import { EtcdStore } from './etcd-store.js';
import type { EtcdStoreOptions } from './etcd-store.js';
import { WorkerStore } from './worker-store.js';

export type StoreLocation = { kind: 'file'; path: string } | { kind: 'etcd'; hosts: string[] };

export type OpenStoreOptions = FileStoreOptions & EtcdStoreOptions & {
  /**
   * Where the backend runs: 'worker' (a worker thread owns it, the caller's thread keeps a thin proxy:
   * worker-store.ts) or 'main' (in the caller's thread). Default: BERTH_STORE_THREAD, else
   * defaultStoreThread(kind).
   */
  thread?: StoreThread;
};

export type StoreThread = 'worker' | 'main';

/**
 * The default of `thread` for a backend: BERTH_STORE_THREAD (worker or main) if set; else a worker thread
 * for either backend when this process may run on two cores or more (its CPU affinity counts: `taskset
 * -c 0` is one core), else the caller's thread. The worker takes the backend's work off the event loop
 * (for etcd, its client's gRPC encoding and decoding, watch stream and lease keepalives: about a quarter of
 * the main thread's CPU per placement) but costs 10-20% more CPU in all (the messages, a second loop and
 * heap): on one core the two threads would share it. For etcd it was opt-in until session 13 (etcd itself
 * shares the 2-core machines measured, and session 9's loaded pairs showed no gain); session 12's quiet pair
 * and session 13's pairs placed faster with it (docs/benchmarks.md, "etcdworker (session 13)"). Under
 * overload the worker kept the server answering where the store in the event loop collapsed ("Session 9
 * after the merges", "worker (session 10)"). Its answers and watch events arrive later than in process,
 * with the same order (worker-store.ts); tests wait for what they observe, never for a turn.
 */
export function defaultStoreThread(_kind: StoreLocation['kind'] = 'file'): StoreThread {
  // The same for both backends since session 13; the kind stays in the signature for a backend that differs.
  const v = process.env.BERTH_STORE_THREAD;
  if (v === undefined || v === '') return availableParallelism() >= 2 ? 'worker' : 'main';
  if (v !== 'worker' && v !== 'main') throw new Error(`BERTH_STORE_THREAD must be worker or main, got "${v}"`);
  return v;
}

const FORMS = 'file:PATH (e.g. file:~/.berth/berth.db, file:/var/lib/berth/berth.db) or etcd://HOST:PORT[,HOST:PORT...]';

/** The default: an embedded file store in the user's home directory. */
export function defaultStoreUrl(): string {
  return 'file:' + join(homedir(), '.berth', 'berth.db');
}

/** Parses a store URL without opening anything. */
export function parseStoreUrl(url: string): StoreLocation {
  if (url.startsWith('file:')) {
    let path = url.slice('file:'.length);
    if (path.startsWith('//')) {
      // The URL form: file:///abs/path (empty host) or file://localhost/abs/path.
      const rest = path.slice(2);
      const slash = rest.indexOf('/');
      const host = slash < 0 ? rest : rest.slice(0, slash);
      if (slash < 0 || (host !== '' && host !== 'localhost')) throw unsupported(url);
      path = decodeURIComponent(rest.slice(slash));
    }
    if (path === '') throw unsupported(url);
    if (path === '~' || path.startsWith('~/')) path = join(homedir(), path.slice(1));
    return { kind: 'file', path: resolve(path) };
  }
  if (url.startsWith('etcd://')) {
    const hosts = url
      .slice('etcd://'.length)
      .replace(/\/+$/, '')
      .split(',')
      .map((h) => h.trim());
    if (hosts.some((h) => h === '' || h.includes('/'))) throw unsupported(url);
    // etcd's client port unless one is given (an IPv6 literal must then be bracketed: [::1]:2379).
    return { kind: 'etcd', hosts: hosts.map((h) => (/:\d+$/.test(h) ? h : `${h}:2379`)) };
  }
  throw unsupported(url);
}

export async function openStore(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const loc = parseStoreUrl(url); // a bad URL fails here, before a thread starts
  const { thread = defaultStoreThread(loc.kind), ...rest } = opts;
  if (thread === 'worker') return WorkerStore.open(url, rest);
  return openBackend(url, rest);
}

/** Opens the backend in this thread (what a store worker does). */
export async function openBackend(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const loc = parseStoreUrl(url);
  return loc.kind === 'file' ? FileStore.open(loc.path, opts) : EtcdStore.open(loc.hosts, opts);
}

function unsupported(url: string): Error {
  return new Error(`unsupported store URL "${url}": use ${FORMS}`);
}
