// What the berth-lb end-to-end tests stand on: a control plane with a bootstrapped admin, a label for the
// busybox containers they start (removed at the end), and berth-lb joined the way a machine joins: a
// one-use token of kind lb, so its certificate is limited to what berth-lb does.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, clientForContext, readCliConfig } from '@berth/api';
import { FLEET_API } from '@berth/core';
import { startServer, silentLogger } from '@berth/server';
import { lbCredentials, startLb, type RunningLb } from '../src/index.js';

export async function lbFixture(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, bootstrapConfig: join(dir, 'config.yaml') });
  const admin = clientForContext({ ...readCliConfig(join(dir, 'config.yaml')).contexts[0]!, server: server.addr });
  const label = `${name}-test=${process.pid}`;
  let lb: RunningLb | undefined;
  let lbClient: BerthClient | undefined;
  t.teardown(async () => {
    await lb?.close();
    await lb?.haproxy.stop();
    lbClient?.close();
    const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=${label}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
    if (ids.length) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
    admin.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const lbDir = join(dir, 'lb');
  return {
    admin, label,
    /** berth-lb's client, joined with a fresh token of kind lb. */
    async joinLb(): Promise<BerthClient> {
      const { token } = (await admin.callApi(FLEET_API, 'CreateJoinToken', { kind: 'lb', uses: 1 })) as { token: string };
      return (lbClient = new BerthClient([server.addr], { tls: await lbCredentials([server.addr], token, lbDir, silentLogger) }));
    },
    /** berth-lb serving `group` with that client (stopped, with its HAProxy, at the end). */
    async startLb(client: BerthClient, group: string): Promise<RunningLb> {
      return (lb = await startLb({ client, group, dir: lbDir, bindAddress: '127.0.0.1', pollMs: 200, log: silentLogger }));
    },
  };
}

export const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});
