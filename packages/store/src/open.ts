// Choosing the backend from a URL, as k3s does with --datastore-endpoint.
import { homedir } from 'node:os';
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
 * The default of `thread` for a backend: BERTH_STORE_THREAD (worker or main) if set; else the caller's
 * thread. The worker takes the backend's work off the event loop (a third of it: on the file store SQLite's
 * synchronous commits and their fsync) and so keeps the server responsive under overload (the API scenario
 * stops collapsing), but costs 10-20% more CPU in all and 10% of closed-loop placement rate, and it moves
 * when watch events and answers arrive: six test files that assumed the in-process timing failed with it in
 * CI. It stays opt-in until those are gone through (docs/benchmarks.md, "Session 9 after the merges").
 */
export function defaultStoreThread(_kind: StoreLocation['kind'] = 'file'): StoreThread {
  const v = process.env.BERTH_STORE_THREAD;
  if (v === undefined || v === '') return 'main';
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
