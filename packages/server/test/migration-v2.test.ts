// Schema 2 -> 3 (IAM users), tested on a store written by Berth at e9912b3 (fixtures/v2-store/berth.db and
// the secrets key its access keys are sealed under, made by fixtures/v2-store/make-fixture.mjs from that
// commit's code): each access key's user name becomes an IAM user with AdministratorAccess and its keys,
// so every key keeps signing what it signed, as the same user (ARN and user id unchanged); a second run
// over a migrated store changes nothing.
import t from 'tap';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAM_API, type Iam } from '@berth/core';
import { BerthClient } from '@berth/api';
import { FileStore } from '@berth/store';
import { startServer, silentLogger } from '../src/index.js';
import { IDENTITY_KEY, SCHEMA_KEY, SCHEMA_VERSION } from '../src/state/schema.js';
import { legacyUserId, migrateFromV2 } from '../src/state/migrate-v2.js';
import { getUser } from '../src/state/users.js';
import { awsCli } from './aws-clients.js';
import { REPO_ROOT } from './helpers.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const FIXTURE = join(REPO_ROOT, 'packages/server/test/fixtures/v2-store');
/** The keys the fixture's server minted: a test secret, for this fixture only. */
const KEYS = JSON.parse(readFileSync(join(FIXTURE, 'keys.json'), 'utf8')) as { userName: string; accessKeyId: string; secretAccessKey: string }[];
const dir = mkdtempSync(join(tmpdir(), 'berth-migration-v2-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** A private copy of the fixture: the store and its secrets key. */
function fixture(): { db: string; key: string } {
  const db = join(dir, `copy-${n}.db`);
  const key = join(dir, `copy-${n++}.key`);
  copyFileSync(join(FIXTURE, 'berth.db'), db);
  copyFileSync(join(FIXTURE, 'secrets.key'), key);
  return { db, key };
}

t.test('the fixture is a schema-2 store with access keys and no users', async (t) => {
  const store = await FileStore.open(fixture().db);
  t.teardown(() => store.close());
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '2');
  t.equal((await store.range('/berth/v1/access-keys/', { countOnly: true })).count, KEYS.length);
  t.equal((await store.range('/berth/v1/users/', { countOnly: true })).count, 0);
});

t.test('each key\'s user becomes an IAM user with AdministratorAccess; the keys sign as before', async (t) => {
  const { db, key } = fixture();
  const server = await startServer({ listen: '127.0.0.1:0', store: `file:${db}`, secretsKeyPath: key, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' } });
  // The migrated store's own keys sign, on gRPC as on the AWS listener (a store with keys bootstraps nothing).
  const client = new BerthClient(server.addr, { tls: { caPem: server.ca!.certPem }, credentials: { accessKeyId: KEYS[0]!.accessKeyId, secretAccessKey: KEYS[0]!.secretAccessKey } });
  t.teardown(async () => { client.close(); await server.close(); });
  const { identity } = server.ctx;
  t.equal((await server.ctx.store.get(SCHEMA_KEY))?.value.toString(), String(SCHEMA_VERSION), 'schema bumped');

  const users = (await client.callApi(IAM_API, 'ListUsers', {}) as Iam.ListUsersResponse).Users;
  const names = [...new Set(KEYS.map((k) => k.userName))].sort();
  t.same(users.map((u) => u.UserName).sort(), names, 'one user per user name, whatever number of keys it has');
  for (const name of names) {
    const attached = await client.callApi(IAM_API, 'ListAttachedUserPolicies', { UserName: name }) as Iam.ListAttachedUserPoliciesResponse;
    t.same(attached.AttachedPolicies, [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], `${name} may do what its keys did`);
    const keys = await client.callApi(IAM_API, 'ListAccessKeys', { UserName: name }) as Iam.ListAccessKeysResponse;
    t.same(keys.AccessKeyMetadata.map((k) => k.AccessKeyId).sort(), KEYS.filter((k) => k.userName === name).map((k) => k.accessKeyId).sort(), `${name}'s keys are its own`);
  }

  const endpoint = `http://${server.ecsAddr}`;
  for (const k of KEYS) {
    const as = { id: k.accessKeyId, secret: k.secretAccessKey };
    const who = await awsCli(as, endpoint, 'sts', 'get-caller-identity');
    t.same(who.json, { UserId: legacyUserId(identity, k.userName), Account: identity.accountId, Arn: `arn:aws:iam::${identity.accountId}:user/${k.userName}` }, 'the same user id and ARN as the old server answered');
    const listed = await awsCli(as, endpoint, 'ecs', 'list-clusters');
    t.ok(listed.json?.clusterArns?.some((a: string) => a.endsWith(':cluster/prod')), `${k.accessKeyId} still lists what the old server kept (${listed.stderr.trim()})`);
  }
  t.equal((await awsCli({ id: KEYS[0]!.accessKeyId, secret: KEYS[0]!.secretAccessKey }, endpoint, 'ecs', 'describe-task-definition', '--task-definition', 'web')).code, 0);
});

t.test('a second run over a migrated store changes no user', async (t) => {
  const { db, key } = fixture();
  const server = await startServer({ listen: '127.0.0.1:0', store: `file:${db}`, secretsKeyPath: key, log: silentLogger });
  await server.close();
  const store = await FileStore.open(db);
  t.teardown(() => store.close());
  const before = await getUser(store, 'alice');
  t.equal(before?.value.accessKeyIds.length, 2);
  await store.put(SCHEMA_KEY, '2');
  await migrateFromV2(store, JSON.parse((await store.get(IDENTITY_KEY))!.value.toString()), silentLogger);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '3');
  t.same((await getUser(store, 'alice'))?.value, before?.value, 'no key id doubled, the policies kept');
});
