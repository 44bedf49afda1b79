// berth create|get|delete scale-hook, the real bin against a real control plane with a --scale-hooks-dir
// and a --hook-url-allow: the ARN a capacity provider names is printed; a webhook outside the allowed
// URLs is refused; flags that belong to scale hooks only are usage errors elsewhere.
import t from 'tap';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliTestServer } from './cli-server.js';

t.setTimeout(120_000);
const hooks = mkdtempSync(join(tmpdir(), 'berth-cli-scale-hooks-'));
t.teardown(() => rmSync(hooks, { recursive: true, force: true }));
writeFileSync(join(hooks, 'pis'), '#!/bin/sh\ncat > /dev/null\n');
chmodSync(join(hooks, 'pis'), 0o755);
const { berth } = await cliTestServer(t, 'cli-scale-hooks', { scaleHooks: { dir: hooks, urlAllow: ['http://127.0.0.1:9/hooks/'] } });

t.test('create, get and delete a scale hook', async (t) => {
  const created = await berth('create', 'scale-hook', 'pis', '--description', 'power on a Pi', '--hook-timeout', '45s', '--retries', '2');
  t.equal(created.code, 0, created.stderr);
  t.match(created.stdout, /^scale-hook\/pis created \(the server's --scale-hooks-dir\/pis\); name it in a capacity provider's\nautoScalingGroupProvider.autoScalingGroupArn:\narn:aws:autoscaling:us-east-1:\d{12}:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName\/pis\n$/);
  t.match(JSON.parse((await berth('get', 'scale-hooks', '-o', 'json')).stdout), [{ name: 'pis', kind: 'command', timeoutSeconds: 45, retries: 2, description: 'power on a Pi' }]);
  t.match((await berth('get', 'scale-hooks')).stdout, /^NAME\s+KIND\s+URL\s+LAST CALL\npis\s+command\s+-\s+-\n$/);
  const webhook = await berth('create', 'scale-hook', 'vms', '--url', 'http://127.0.0.1:9/hooks/vms');
  t.match(webhook.stdout, /^scale-hook\/vms created \(POST http:\/\/127.0.0.1:9\/hooks\/vms\)/);
  const refused = await berth('create', 'scale-hook', 'out', '--url', 'http://127.0.0.1:9/admin');
  t.equal(refused.code, 1);
  t.match(refused.stderr, /InvalidParameterException.*not under a URL the server allows/);
  t.equal((await berth('create', 'cluster', 'c', '--retries', '1')).code, 2, '--retries belongs to scale hooks');
  t.equal((await berth('delete', 'scale-hook', 'pis')).stdout, 'scale-hook/pis deleted\n');
  await berth('delete', 'scale-hook', 'vms');
  t.equal((await berth('get', 'scale-hooks')).stdout, 'No scale hooks.\n');
});
