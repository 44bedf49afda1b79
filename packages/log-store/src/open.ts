// Choosing the log store from a URL, as the state store is chosen (store/src/open.ts).
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { LogStore, LogStoreOptions } from './log-store.js';
import { FileLogStore, type FileLogStoreOptions } from './file/file-log-store.js';
import { ClickHouseLogStore } from './clickhouse/clickhouse-log-store.js';

export type LogStoreLocation = { kind: 'file'; path: string } | { kind: 'clickhouse'; url: string; database: string };

const FORMS = 'file:PATH (a directory, e.g. file:~/.berth/logs) or clickhouse://HOST:8123/DATABASE';

/**
 * The default beside a file state store, named after it (file:~/.berth/berth.db -> file:~/.berth/berth.logs), so
 * two state files in one directory never share one.
 * A shared state store (etcd) has no default: its replicas need a shared log store, named with --log-store.
 */
export function defaultLogStoreUrl(stateStoreUrl: string): string | undefined {
  if (!stateStoreUrl.startsWith('file:')) return undefined;
  const loc = parseLogStoreUrl(stateStoreUrl);
  return loc.kind === 'file' ? 'file:' + join(dirname(loc.path), `${basename(loc.path).replace(/\.[^.]*$/, '')}.logs`) : undefined;
}

export function parseLogStoreUrl(url: string): LogStoreLocation {
  if (url.startsWith('file:')) {
    let path = url.slice('file:'.length);
    if (path === '') throw unsupported(url);
    if (path === '~' || path.startsWith('~/')) path = join(homedir(), path.slice(1));
    return { kind: 'file', path: resolve(path) };
  }
  const m = /^clickhouse:\/\/([^/]+)\/([A-Za-z_][A-Za-z0-9_]*)\/?$/.exec(url);
  if (m) return { kind: 'clickhouse', url: `http://${/:\d+$/.test(m[1]!) ? m[1] : `${m[1]}:8123`}`, database: m[2]! };
  throw unsupported(url);
}

export async function openLogStore(url: string, opts: FileLogStoreOptions = {}): Promise<LogStore> {
  const loc = parseLogStoreUrl(url);
  return loc.kind === 'file' ? FileLogStore.open(loc.path, opts) : ClickHouseLogStore.open(loc.url, loc.database, opts satisfies LogStoreOptions);
}

function unsupported(url: string): Error {
  return new Error(`unsupported log store URL "${url}": use ${FORMS}`);
}
