// A private, real etcd on free loopback ports, for tests and benchmarks whose assertions need an etcd of
// their own (the global revision, compaction, a retention sweep) rather than the shared one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free loopback port (what a test server binds so it can come back on the same address). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const open = (port: number) => new Promise<boolean>((r) => {
  const c = connect(port, '127.0.0.1');
  c.on('connect', () => { c.destroy(); r(true); });
  c.on('error', () => r(false));
});

export interface PrivateEtcd {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startPrivateEtcd(): Promise<PrivateEtcd> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-etcd-'));
  const [client, peer] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn('etcd', [
    '--name', 'conformance', '--data-dir', join(dir, 'data'),
    '--listen-client-urls', `http://127.0.0.1:${client}`, '--advertise-client-urls', `http://127.0.0.1:${client}`,
    '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
    '--initial-cluster', `conformance=http://127.0.0.1:${peer}`,
  ], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  for (let i = 0; i < 150 && !(await open(client)); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    endpoint: `127.0.0.1:${client}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
