// What a server without --insecure demands, and what --insecure gives up (issue 16 §4, §5): TLS and signed
// calls by default, an unsigned call refused (the fleet's Join excepted: its token is its credential); the
// first start's admin key and CLI config (0600 in a 0700 directory, never overwritten, no secret in the
// log); --insecure only on loopback, the bin refusing any other address.
import t from 'tap';
import { mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, readCliConfig, readScrapeToken } from '@berth/api';
import { FLEET_API } from '@berth/core';
import { startServer, type Logger } from '../src/index.js';
import { REPO_ROOT, adminClient, rejection } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-auth-modes-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const lines: string[] = [];
const log: Logger = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((l) => [l, (msg: string, f?: object) => void lines.push(JSON.stringify({ level: l, msg, ...f }))])) as unknown as Logger;

t.test('first start: the admin\'s key and a CLI config, 0600 in a 0700 directory; a restart writes nothing', async (t) => {
  const config = join(dir, 'home', '.berth', 'config.yaml');
  const store = `file:${join(dir, 'berth.db')}`;
  const server = await startServer({ listen: '127.0.0.1:0', store, log, bootstrapConfig: config });
  t.equal(statSync(config).mode & 0o777, 0o600);
  t.equal(statSync(join(dir, 'home', '.berth')).mode & 0o777, 0o700);
  const written = readCliConfig(config);
  const ctx = written.contexts[0]!;
  t.equal(written.currentContext, ctx.name);
  t.equal(ctx.server, server.addr);
  t.equal(ctx.certificateAuthority, server.ca!.certPem, 'the cluster CA');
  t.match(ctx.accessKeyId, /^AKIA/);
  t.notOk(lines.some((l) => l.includes(ctx.secretAccessKey!)), 'the secret is in no log line');
  const admin = adminClient(config);
  t.match((await admin.sts('GetCallerIdentity', {})).Arn, /:user\/admin$/);
  admin.close();
  await server.close();
  const before = readFileSync(config, 'utf8');
  const again = await startServer({ listen: '127.0.0.1:0', store, log, bootstrapConfig: config });
  t.equal(readFileSync(config, 'utf8'), before, 'not rewritten: the store has a key');
  await again.close();
});

t.test('an existing file is never overwritten: a first start refuses, creating nothing', async (t) => {
  const config = join(dir, 'taken.yaml');
  writeFileSync(config, 'mine\n');
  await t.rejects(startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'fresh.db')}`, log, bootstrapConfig: config }), /exists and is never overwritten/);
  t.equal(readFileSync(config, 'utf8'), 'mine\n');
});

t.test('without --insecure: TLS, and an unsigned call is refused; the fleet\'s Join is not', async (t) => {
  const config = join(dir, 'secure.yaml');
  const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'secure.db')}`, log, bootstrapConfig: config });
  const unsigned = new BerthClient(server.addr, { tls: { caPem: server.ca!.certPem } });
  t.teardown(async () => {
    unsigned.close();
    await server.close();
  });
  const e = await rejection(unsigned.call('ListClusters', {}));
  t.equal(e.ecsName, 'MissingAuthenticationTokenException');
  const events = unsigned.watchEvents({ cluster: 'default' });
  t.equal((await rejection((async () => { for await (const _ of events) break; })())).ecsName, 'MissingAuthenticationTokenException', 'a stream too');
  t.equal((await rejection(unsigned.iam('CreateAccessKey', { userName: 'mallory' }))).ecsName, 'MissingAuthenticationTokenException', 'no key is minted');
  const joined = await rejection(unsigned.callApi(FLEET_API, 'Join', { token: 'K10abc::x.y', publicKeyPem: 'x' }));
  t.not(joined.ecsName, 'MissingAuthenticationTokenException', 'Join is judged by its token');
  const plain = new BerthClient(server.addr, { deadlineMs: 3000 });
  t.teardown(() => plain.close());
  await t.rejects(plain.call('ListClusters', {}), 'a plaintext client gets nothing');
});

t.test('the metrics listener beyond loopback takes a scrape token', async (t) => {
  await t.rejects(startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'm.db')}`, log, insecure: true, metricsListener: { listen: '0.0.0.0:0' } }), /metrics listener on 0\.0\.0\.0 is beyond loopback: give it a scrape token \(--metrics-token-file\)/);
  const tokenFile = join(dir, 'scrape.token');
  writeFileSync(tokenFile, 'scrape-secret\n');
  const bin = spawnSync(process.execPath, [`${REPO_ROOT}packages/server/bin/berth-server.js`, '--insecure', '--listen', '127.0.0.1:0', '--ecs-listen', 'off', '--metrics-listen', '0.0.0.0:0', '--console-listen', 'off', '--store', `file:${join(dir, 'm-bin.db')}`], { encoding: 'utf8', timeout: 30_000 });
  t.equal(bin.status, 1);
  t.match(bin.stdout + bin.stderr, /beyond loopback: give it a scrape token/);
  const guarded = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'm2.db')}`, log, insecure: true, metricsListener: { listen: '127.0.0.1:0', token: readScrapeToken(tokenFile, '--metrics-token-file') } });
  t.teardown(() => guarded.close());
  t.equal((await fetch(`http://${guarded.metricsAddr}/prometheus/sd`)).status, 401, 'service discovery takes the token too');
  const res = await fetch(`http://${guarded.metricsAddr}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
  t.match(await res.text(), /berth_server_leader /);
});

t.test('--insecure listens on loopback only', async (t) => {
  await t.rejects(startServer({ listen: '0.0.0.0:0', store: `file:${join(dir, 'x.db')}`, log, insecure: true }), /loopback only; refusing to listen on 0.0.0.0:0/);
  await t.rejects(startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'x.db')}`, log, insecure: true, ecsJson: { listen: '0.0.0.0:0' } }), /refusing to listen on 0.0.0.0:0/);
  const bin = spawnSync(process.execPath, [`${REPO_ROOT}packages/server/bin/berth-server.js`, '--insecure', '--listen', '0.0.0.0:0', '--ecs-listen', 'off', '--console-listen', 'off', '--store', `file:${join(dir, 'bin.db')}`], { encoding: 'utf8', timeout: 30_000 });
  t.equal(bin.status, 1);
  t.match(bin.stdout + bin.stderr, /refusing to listen on 0\.0\.0\.0:0/);
  const open = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'open.db')}`, log, insecure: true });
  t.ok(lines.some((l) => l.includes('"level":"warn"') && l.includes('WITHOUT AUTHENTICATION')), 'and says so loudly');
  const c = new BerthClient(open.addr);
  t.same((await c.call('ListClusters', {})).clusterArns, []);
  c.close();
  await open.close();
});
