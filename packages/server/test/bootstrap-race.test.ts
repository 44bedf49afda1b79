// Two replicas bootstrapping at once on an empty etcd (issue 16 §5): the CA, the admin user and its key are
// one creation guarded by compares, so one replica's creation wins and the other reads it. The race is made
// certain rather than left to timing: each replica's creation waits until both have read the empty store.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCliConfig } from '@berth/api';
import { IAM_API, type Iam } from '@berth/core';
import type { Store, TxnRequest } from '@berth/store';
import { startServer, type Logger } from '../src/index.js';
import { adminClient, clearEtcdNamespace, etcdNamespace, openEtcdNamespace } from './helpers.js';

const namespace = etcdNamespace('bootstrap-race');
const dir = mkdtempSync(join(tmpdir(), 'berth-bootstrap-race-'));
t.teardown(async () => {
  await clearEtcdNamespace(namespace);
  rmSync(dir, { recursive: true, force: true });
});

/** Holds each store's first creation of the cluster CA until `n` stores have reached theirs. */
function barrier(n: number) {
  let waiting = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return (store: Store): Store => {
    let held = false;
    return new Proxy(store, {
      get(target, prop, receiver) {
        if (prop !== 'txn') return Reflect.get(target, prop, receiver);
        return async (req: TxnRequest) => {
          if (!held && req.success.some((op) => 'put' in op && op.put.endsWith('/cluster-ca'))) {
            held = true;
            if (++waiting === n) open();
            await opened;
          }
          return target.txn(req);
        };
      },
    });
  };
}

t.test('two replicas started at once on a fresh etcd: one admin with one key, one CA, both configs working', async (t) => {
  const gate = barrier(2);
  const lines: string[] = [];
  const log = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((l) => [l, (msg: string, f?: object) => void lines.push(JSON.stringify({ msg, ...f }))])) as unknown as Logger;
  const stores = [await openEtcdNamespace(namespace), await openEtcdNamespace(namespace)];
  const configs = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
  const servers = await Promise.all(stores.map((s, i) => startServer({
    listen: '127.0.0.1:0', store: gate(s), log, secretsKeyPath: join(dir, 'secrets.key'), bootstrapConfig: configs[i],
  })));
  t.teardown(async () => {
    for (const s of servers) await s.close();
    for (const s of stores) await s.close();
  });
  t.equal(servers[0]!.ca!.fingerprint, servers[1]!.ca!.fingerprint, 'one cluster CA');
  t.equal(lines.filter((l) => l.includes('"cluster CA created"')).length, 1, 'created once');
  t.equal(lines.filter((l) => l.includes('the admin user and its access key created')).length, 1, 'one replica minted the admin\'s key');
  t.ok(lines.some((l) => l.includes('another replica created the admin')), 'the other read it');

  const [a, b] = configs.map((c) => readCliConfig(c).contexts[0]!);
  t.equal(a!.accessKeyId, b!.accessKeyId, 'both configs hold the one key');
  // Each config's CA against the other replica: its certificate is under the same CA.
  const crossed = [adminClient(configs[0]!, servers[1]!.addr), adminClient(configs[1]!, servers[0]!.addr)];
  t.teardown(() => crossed.forEach((c) => c.close()));
  for (const c of crossed) t.match((await c.sts('GetCallerIdentity', {})).Arn, /:user\/admin$/);
  const users = await crossed[0]!.callApi(IAM_API, 'ListUsers', {}) as Iam.ListUsersResponse;
  t.same(users.Users.map((u) => u.UserName), ['admin'], 'one user');
  const keys = await crossed[0]!.callApi(IAM_API, 'ListAccessKeys', { UserName: 'admin' }) as Iam.ListAccessKeysResponse;
  t.same(keys.AccessKeyMetadata.map((k) => k.AccessKeyId), [a!.accessKeyId], 'one key');
  t.notOk(lines.some((l) => l.includes(a!.secretAccessKey!)), 'the secret is in no log line');
  t.equal(readFileSync(configs[0]!, 'utf8').includes(a!.secretAccessKey!), true);
});
