// A CLI test file's control plane: an insecure berth-server on a file store of its own, in a temp dir the
// test may also write its files to, a client of it, and the berth bin pointed at it; closed and removed
// when the file's tests end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { startServer, silentLogger, type RunningServer, type ServerOptions } from '@berth/server';
import { cliAgainst, type Run } from './run-cli.js';

export interface CliTestServer {
  dir: string;
  server: RunningServer;
  client: BerthClient;
  berth: (...args: string[]) => Promise<Run>;
}

export async function cliTestServer(t: { teardown(fn: () => unknown): void }, name: string, opts: Partial<ServerOptions> = {}): Promise<CliTestServer> {
  const dir = mkdtempSync(join(tmpdir(), `berth-${name}-`));
  const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, ...opts });
  const client = new BerthClient(server.addr);
  t.teardown(async () => {
    client.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, server, client, berth: cliAgainst(server.addr) };
}
