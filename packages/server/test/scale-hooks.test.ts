// Scale hooks (issue 22 §6): berth's CreateScaleHook, ListScaleHooks and DeleteScaleHook, and the runner
// (capacity/scale-hook-runner.ts) with real parts: a script in a temp --scale-hooks-dir that reads the
// request on stdin, and a loopback HTTP server for webhooks. A call retries with back-off, times out,
// is not repeated for the same desired count, and a webhook goes only to a URL --hook-url-allow allows
// (checked at creation and again at each call); a redirect is not followed.
import t from 'tap';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAPACITY_API, type ScaleHookRequest } from '@berth/core';
import { callScaleHook, type ScaleHookSettings } from '../src/capacity/scale-hook-runner.js';
import { getScaleHook } from '../src/state/scale-hooks.js';
import { rejection, startTestServer, uniq } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-scale-hooks-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const script = (name: string, body: string) => {
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
};

// A webhook receiver on loopback: records bodies; /fail answers 500, /redirect a 302 to /ok.
const bodies: { path: string; body: unknown }[] = [];
const http = createServer((req, res) => {
  let data = '';
  req.on('data', (d: Buffer) => { data += d.toString(); });
  req.on('end', () => {
    bodies.push({ path: req.url!, body: JSON.parse(data || 'null') });
    if (req.url === '/hooks/redirect') res.writeHead(302, { location: '/hooks/ok' }).end();
    else res.writeHead(req.url === '/hooks/fail' ? 500 : 200).end();
  });
});
await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
t.teardown(() => http.close());
const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

const settings: ScaleHookSettings = { dir, urlAllow: [`${base}/hooks/`], backoffBaseMs: 50, backoffMaxMs: 200 };
const { server, client, close } = await startTestServer({ server: { scaleHooks: settings } });
t.teardown(close);
const ctx = server.ctx;
const create = (req: object) => client.callApi(CAPACITY_API, 'CreateScaleHook', req) as Promise<{ scaleHook: { name: string; arn: string; kind: string } }>;
const hookRecord = async (name: string) => (await getScaleHook(ctx.store, name))!;
const request = (hook: string, desiredCount: number, remove: string[] = []): ScaleHookRequest => ({
  hook, capacityProvider: 'pis', desiredCount, instancesToRemove: remove.map((containerInstanceArn) => ({ containerInstanceArn })),
});

t.test('create, list and delete; the ARN is an Auto Scaling group\'s; a command must be in the directory', async (t) => {
  const name = uniq('up');
  script(name, 'cat > /dev/null');
  const { scaleHook } = await create({ name, description: 'power on a Pi' });
  t.match(scaleHook, { name, kind: 'command', arn: new RegExp(`^arn:aws:autoscaling:us-east-1:\\d{12}:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName/${name}$`) });
  const listed = (await client.callApi(CAPACITY_API, 'ListScaleHooks', { names: [scaleHook.arn] }) as { scaleHooks: object[] }).scaleHooks;
  t.match(listed, [{ name, kind: 'command', timeoutSeconds: 30, retries: 3, description: 'power on a Pi' }], 'named by ARN; the defaults');
  t.equal((await rejection(create({ name }))).ecsName, 'ResourceInUseException');
  t.match(await rejection(create({ name: uniq('absent') })), { ecsName: 'InvalidParameterException', message: /no executable .* in the server's --scale-hooks-dir/ });
  t.match(await rejection(create({ name: '../bin/sh' })), { ecsName: 'InvalidParameterException', message: /file name/ }, 'no path in a name');
  await client.callApi(CAPACITY_API, 'DeleteScaleHook', { name });
  t.equal((await rejection(client.callApi(CAPACITY_API, 'DeleteScaleHook', { name }))).ecsName, 'ResourceNotFoundException');
});

t.test('a command gets the request on stdin, is retried with back-off, and not called again for the same count', async (t) => {
  const name = uniq('flaky');
  const seen = join(dir, `${name}.calls`);
  // Fails its first attempt, then records each request.
  script(name, `if [ ! -e ${seen}.tried ]; then touch ${seen}.tried; echo "no power" >&2; exit 3; fi\ncat >> ${seen}; echo >> ${seen}`);
  await create({ name, retries: 2 });
  const first = await callScaleHook(ctx, settings, await hookRecord(name), request(name, 3, ['arn:ci/1']));
  t.match(first, { called: true, status: 'Succeeded', attempts: 2, desiredCount: 3, instancesToRemove: ['arn:ci/1'] });
  const again = await callScaleHook(ctx, settings, await hookRecord(name), request(name, 3, ['arn:ci/1']));
  t.match(again, { called: false, status: 'Succeeded', attempts: 2 }, 'the same count: answered from the record');
  await callScaleHook(ctx, settings, await hookRecord(name), request(name, 4));
  const calls = readFileSync(seen, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  t.same(calls, [request(name, 3, ['arn:ci/1']), request(name, 4)]);
  const listed = (await client.callApi(CAPACITY_API, 'ListScaleHooks', { names: [name] }) as { scaleHooks: { lastCall: object }[] }).scaleHooks;
  t.match(listed[0]!.lastCall, { desiredCount: 4, status: 'Succeeded', attempts: 1 }, 'the last call is shown');
});

t.test('a command that fails every attempt, or outlives its timeout, is Failed with why', async (t) => {
  const failing = uniq('broken');
  script(failing, 'echo "the relay is off" >&2; exit 7');
  await create({ name: failing, retries: 1 });
  t.match(await callScaleHook(ctx, settings, await hookRecord(failing), request(failing, 1)), { status: 'Failed', attempts: 2, message: 'exited with 7: the relay is off' });
  const slow = uniq('slow');
  script(slow, `sleep 30; touch ${join(dir, slow)}.finished`);
  await create({ name: slow, retries: 0, timeoutSeconds: 1 });
  const started = Date.now();
  t.match(await callScaleHook(ctx, settings, await hookRecord(slow), request(slow, 1)), { status: 'Failed', attempts: 1, message: /timed out after 1 s/ });
  t.ok(Date.now() - started < 10_000, 'killed at its timeout');
  t.notOk(existsSync(`${join(dir, slow)}.finished`));
});

t.test('a webhook gets the request as its body, only under --hook-url-allow', async (t) => {
  const name = uniq('vms');
  const { scaleHook } = await create({ name, url: `${base}/hooks/ok` });
  t.equal(scaleHook.kind, 'webhook');
  t.match(await callScaleHook(ctx, settings, await hookRecord(name), request(name, 2)), { status: 'Succeeded', attempts: 1 });
  t.same(bodies.filter((b) => b.path === '/hooks/ok').map((b) => b.body), [request(name, 2)]);

  t.match(await rejection(create({ name: uniq('out'), url: `${base}/admin` })), { ecsName: 'InvalidParameterException', message: /not under a URL the server allows/ }, 'outside the list: refused at creation');
  t.match(await rejection(create({ name: uniq('up'), url: `${base}/hooks/../admin` })), { ecsName: 'InvalidParameterException', message: /not under/ });

  const failing = uniq('down');
  await create({ name: failing, url: `${base}/hooks/fail`, retries: 1 });
  t.match(await callScaleHook(ctx, settings, await hookRecord(failing), request(failing, 2)), { status: 'Failed', attempts: 2, message: 'answered 500' });
  const redirected = uniq('moved');
  await create({ name: redirected, url: `${base}/hooks/redirect`, retries: 0 });
  const before = bodies.filter((b) => b.path === '/hooks/ok').length;
  t.match(await callScaleHook(ctx, settings, await hookRecord(redirected), request(redirected, 2)), { status: 'Failed', message: 'answered 302' });
  t.equal(bodies.filter((b) => b.path === '/hooks/ok').length, before, 'a redirect is not followed');

  // The operator narrows the list: a hook created before is refused at its next call, and nothing is sent.
  const sent = bodies.length;
  const narrowed: ScaleHookSettings = { ...settings, urlAllow: [`${base}/other/`] };
  t.match(await callScaleHook(ctx, narrowed, await hookRecord(name), request(name, 5)), { status: 'Failed', attempts: 1, message: /not under a URL the server allows/ });
  t.equal(bodies.length, sent);
});
