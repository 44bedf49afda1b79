// The CLI's contexts (issue 16 §5): against a server that authenticates, the config file its first start
// wrote is all the CLI needs (no flag, no variable); `berth config get-contexts | use-context |
// set-context | view` as kubectl's, `view` never printing a secret; flags override the context, the
// context overrides the defaults.
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCliConfig } from '@berth/api';
import { startServer, silentLogger } from '@berth/server';
import { ROOT, type Run } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-cli-config-'));
const config = join(dir, 'home', '.berth', 'config.yaml');
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, bootstrapConfig: config });
t.teardown(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
const secret = readCliConfig(config).contexts[0]!.secretAccessKey!;

/** The bin with BERTH_CONFIG and nothing else of Berth's in its environment. */
function berth(...args: string[]): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BERTH_')));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}packages/cli/bin/berth.js`, ...args], { env: { ...env, BERTH_CONFIG: config }, cwd: ROOT });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

t.test('the bootstrapped config is all it takes: TLS, signed calls, the server\'s address', async (t) => {
  const c = await berth('create', 'cluster', 'cfg-one');
  t.equal(c.code, 0, c.stderr);
  const got = await berth('get', 'clusters', '-o', 'json');
  t.equal(got.code, 0, got.stderr);
  t.same(JSON.parse(got.stdout).map((x: { clusterName: string }) => x.clusterName), ['cfg-one']);
});

t.test('view and get-contexts never print a secret', async (t) => {
  const v = await berth('config', 'view');
  t.equal(v.code, 0, v.stderr);
  t.notMatch(v.stdout, secret);
  t.match(v.stdout, /secret-access-key: REDACTED/);
  t.match(v.stdout, /certificate-authority-data: DATA\+OMITTED/);
  t.notMatch(v.stdout, /BEGIN CERTIFICATE/);
  const g = await berth('config', 'get-contexts');
  t.match(g.stdout, /^CURRENT\s+NAME\s+SERVER\s+CLUSTER\s+ACCESS KEY\n\*\s+default\s+127\.0\.0\.1:\d+\s+default\s+AKIA/);
  t.notMatch((await berth('config', 'get-contexts', '-o', 'json')).stdout, secret);
});

t.test('set-context and use-context: a context per cluster, its key taken from the current one', async (t) => {
  const s = await berth('config', 'set-context', 'two', '--cluster', 'cfg-two');
  t.equal(s.code, 0, s.stderr);
  t.equal(s.stdout, 'Context "two" created.\n');
  t.equal((await berth('create', 'cluster', 'cfg-two')).code, 0);
  t.equal((await berth('create', 'cluster', 'default')).code, 0);
  t.equal((await berth('config', 'use-context', 'two')).stdout, 'Switched to context "two".\n');
  const d = await berth('describe', 'cluster', '-o', 'json');
  t.equal(d.code, 0, d.stderr);
  t.equal(JSON.parse(d.stdout).clusterName, 'cfg-two', 'the context\'s cluster');
  t.equal(JSON.parse((await berth('describe', 'cluster', '--cluster', 'cfg-one', '-o', 'json')).stdout).clusterName, 'cfg-one', 'a flag overrides the context');
  t.equal(JSON.parse((await berth('--context', 'default', 'describe', 'cluster', '-o', 'json')).stdout).clusterName, 'default', '--context picks another');
  t.equal(statSync(config).mode & 0o777, 0o600, 'still 0600 after an edit');
  t.match(readFileSync(config, 'utf8'), /current-context: two/);
  t.equal((await berth('config', 'use-context', 'nosuch')).code, 2);
  t.equal((await berth('--context', 'nosuch', 'get', 'clusters')).code, 2);
});

t.test('a flag overrides the context\'s server', async (t) => {
  const r = await berth('get', 'clusters', '--server', '127.0.0.1:1');
  t.equal(r.code, 1);
  t.match(r.stderr, /127\.0\.0\.1:1/);
});
