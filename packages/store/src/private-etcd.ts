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
  /** etcd's process (a test can stall it with SIGSTOP). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts etcd on two free loopback ports and waits until it answers. A start that fails (a port taken
 * between choosing and binding, or the same port chosen twice) is retried on new ports; the last
 * failure's stderr is in the error.
 */
export async function startPrivateEtcd(attempts = 3): Promise<PrivateEtcd> {
  let lastError = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'berth-etcd-'));
    const client = await freePort();
    let peer = await freePort();
    while (peer === client) peer = await freePort();
    const child: ChildProcess = spawn('etcd', [
      '--name', 'private', '--data-dir', join(dir, 'data'),
      '--listen-client-urls', `http://127.0.0.1:${client}`, '--advertise-client-urls', `http://127.0.0.1:${client}`,
      '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
      '--initial-cluster', `private=http://127.0.0.1:${peer}`,
      // etcd keeps every raft entry since its last snapshot in memory: with 3.4's default of 100,000 a busy
      // etcd grows by gigabytes before the first one (churn: +5 MiB/s). 10,000 is kubeadm's setting and
      // etcd 3.6's default.
      '--snapshot-count', '10000',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let gone = false;
    const exited = new Promise<void>((r) => child.on('exit', () => { gone = true; r(); }));
    // Up to 60 s: a loaded CI machine can be slow to fsync etcd's first WAL.
    for (let i = 0; i < 600 && !gone && !(await open(client)); i++) await new Promise((r) => setTimeout(r, 100));
    if (!gone && (await open(client))) {
      child.stderr!.removeAllListeners('data');
      child.stderr!.resume();
      return {
        endpoint: `127.0.0.1:${client}`,
        pid: child.pid!,
        async stop() {
          child.kill('SIGTERM');
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    lastError = stderr.trim().split('\n').slice(-5).join('\n');
  }
  throw new Error(`private etcd did not start after ${attempts} attempts: ${lastError}`);
}
