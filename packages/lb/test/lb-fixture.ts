// What the berth-lb end-to-end tests stand on: a control plane with a bootstrapped admin (or one a test
// already runs, with agents: `on`), a label for the busybox containers they start (removed at the end), and
// berth-lb joined the way a machine joins: a one-use token of kind lb (for `on.cluster`), so its
// certificate is limited to what berth-lb does.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, clientForContext, readCliConfig } from '@berth/api';
import { FLEET_API } from '@berth/core';
import { startServer, silentLogger } from '@berth/server';
import { certificateCluster, lbCredentials, startLb, type RunningLb } from '../src/index.js';

export async function lbFixture(name: string, on?: { addr: string; admin: BerthClient; cluster: string }) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const server = on ? undefined : await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, bootstrapConfig: join(dir, 'config.yaml') });
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
    async startLb(client: BerthClient, group: string): Promise<RunningLb> {
      return (lb = await startLb({ client, group, cluster: lbCluster, dir: lbDir, bindAddress: '127.0.0.1', pollMs: 200, log: silentLogger }));
    },
  };
}

export const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

/** A steady bounded load: `rate` requests a second, alternately on a kept-alive connection and a new one. */
export function load(port: number, rate: number) {
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 8 });
  const counts = { ok: 0, failed: 0, keptAlive: 0, fresh: 0, errors: [] as string[], phase: 'start' };
  let n = 0;
  const one = () => {
    const kept = n++ % 2 === 0;
    const req = request({ host: '127.0.0.1', port, path: '/', agent: kept ? keepAlive : false, headers: kept ? {} : { connection: 'close' }, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) counts.ok++;
        else {
          counts.failed++;
          counts.errors.push(`${counts.phase} ${kept ? 'kept' : 'new'}: HTTP ${res.statusCode}`);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      counts.failed++;
      counts.errors.push(`${counts.phase} ${kept ? 'kept' : 'new'}: ${e.message}`);
    });
    req.end();
    if (kept) counts.keptAlive++;
    else counts.fresh++;
  };
  const timer = setInterval(() => { for (let i = 0; i < rate / 20; i++) one(); }, 50);
  return {
    counts,
    async stop() {
      clearInterval(timer);
      // Let what is in flight finish.
      for (let i = 0; i < 100 && counts.ok + counts.failed < n; i++) await new Promise((r) => setTimeout(r, 100));
      keepAlive.destroy();
      return { sent: n, ...counts };
    },
  };
}
