// What the berth-lb end-to-end tests stand on: a control plane with a bootstrapped admin (or one a test
// already runs, with agents: `on`), a label for the busybox containers they start (removed at the end), and
// berth-lb joined the way a machine joins: a one-use token of kind lb (for `on.cluster`), so its
// certificate is limited to what berth-lb does.
import t from 'tap';
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, clientForContext, readCliConfig } from '@berth/api';
import { FLEET_API } from '@berth/core';
import { startServer, silentLogger, type ServerOptions } from '@berth/server';
import { certificateCluster, lbCredentials, startLb, type RunningLb } from '../src/index.js';

export async function lbFixture(name: string, on?: { addr: string; admin: BerthClient; cluster: string }, serverOptions: Partial<ServerOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const server = on ? undefined : await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, bootstrapConfig: join(dir, 'config.yaml'), ...serverOptions });
  const addr = on?.addr ?? server!.addr;
  const admin = on?.admin ?? clientForContext({ ...readCliConfig(join(dir, 'config.yaml')).contexts[0]!, server: addr });
  const label = `${name}-test=${process.pid}`;
  let lb: RunningLb | undefined;
  let lbClient: BerthClient | undefined;
  let lbCluster = 'default';
  t.teardown(async () => {
    await lb?.close();
    await lb?.haproxy.stop();
    lbClient?.close();
    const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=${label}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
    if (ids.length) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
    if (server) {
      admin.close();
      await server.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const lbDir = join(dir, 'lb');
  return {
    admin, label,
    /** berth-lb's client, joined with a fresh token of kind lb. */
    async joinLb(): Promise<BerthClient> {
      const { token } = (await admin.callApi(FLEET_API, 'CreateJoinToken', { kind: 'lb', uses: 1, ...(on ? { cluster: on.cluster } : {}) })) as { token: string };
      const tls = await lbCredentials([addr], token, lbDir, silentLogger);
      lbCluster = certificateCluster(tls);
      return (lbClient = new BerthClient([addr], { tls }));
    },
    /** berth-lb serving `group` with that client (stopped, with its HAProxy, at the end). */
    async startLb(client: BerthClient, group: string, statsMs?: number): Promise<RunningLb> {
      return (lb = await startLb({ client, group, cluster: lbCluster, dir: lbDir, bindAddress: '127.0.0.1', addresses: ['127.0.0.1'], pollMs: 200, ...(statsMs !== undefined ? { statsMs } : {}), log: silentLogger }));
    },
  };
}

export const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

/** What the load answers when stopped: every request sent, and how each ended. */
export interface LoadResult {
  sent: number; ok: number; failed: number; keptAlive: number; fresh: number; errors: string[];
  /** The 200 answers of each phase, counted by body. */
  bodies: Record<string, Record<string, number>>;
}

/**
 * A steady bounded load on `port` (load-client.ts, in a process of its own): `rate` requests a second,
 * alternately on a kept-alive connection and a new one. `counts.phase` names what the errors happened
 * during; stop() ends it and answers the counts.
 */
export function load(port: number, rate: number) {
  const child = fork(fileURLToPath(new URL('./load-client.js', import.meta.url)), [String(port), String(rate)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  t.teardown(() => { child.kill(); });
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('exit', (code) => reject(new Error(`the load client exited (${code}) before answering`)));
  });
  result.catch(() => {});
  return {
    counts: { set phase(p: string) { child.send({ phase: p }); } },
    stop(): Promise<LoadResult> {
      child.send({ stop: true });
      return result;
    },
  };
}

/** n GETs of / on a port, each on a new connection: "STATUS BODY" for a 200, "STATUS" otherwise. */
export const answers = async (port: number, n: number) => {
  const got: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
    got.push(`${res.status} ${res.status === 200 ? (await res.text()).trim() : ''}`.trim());
  }
  return got;
};

/** How many times each answer came, by answer. */
export const count = (xs: string[]) => Object.fromEntries([...new Set(xs)].sort().map((x) => [x, xs.filter((y) => y === x).length]));
