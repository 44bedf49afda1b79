// In-process control plane for tests: a real gRPC server on a free loopback port, on a file store in a
// fresh temporary directory (or on etcd under a unique prefix-free store when asked), and a real client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BerthClient } from '@berth/api';
import { startServer, silentLogger, type RunningServer } from '../src/index.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const ETCD = process.env.BERTH_TEST_ETCD ?? '127.0.0.1:2379';

export interface TestServer {
  server: RunningServer;
  client: BerthClient;
  dir: string;
  close(): Promise<void>;
}

export async function startTestServer(opts: { store?: string } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-test-'));
  const server = await startServer({ listen: '127.0.0.1:0', store: opts.store ?? `file:${join(dir, 'berth.db')}`, log: silentLogger });
  const client = new BerthClient(server.addr);
  return {
    server, client, dir,
    async close() {
      client.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs fn and returns the BerthError it rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ ecsName: string; message: string; field?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { ecsName: string; message: string; field?: string };
  }
  throw new Error('expected the call to fail');
}

/** A unique name for a cluster or family, so tests never collide. */
export const uniq = (p: string) => `${p}-${Math.random().toString(36).slice(2, 8)}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `f` until it gives a value (not undefined or false), or fails naming `what` after `ms`. */
export async function until<T>(what: string, f: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000, everyMs = 50): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
