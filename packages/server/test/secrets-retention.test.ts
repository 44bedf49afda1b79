// Secrets scheduled for deletion leave the store, sealed values and all, once their recovery window has
// passed: the retention sweep finds them through their deletion index, leaves a restored secret and one
// still in its window, and drops the index entries a restore left behind.
import t from 'tap';
import { SECRETSMANAGER_API } from '@berth/core';
import { startTestServer, uniq } from './helpers.js';
import { sweepDueSecrets } from '../src/controllers/leader/retention.js';
import { secretKey } from '../src/state/secrets.js';

const ts = await startTestServer();
t.teardown(() => ts.close());
const { store } = ts.server.ctx;
const sm = (action: string, request: object) => ts.client.callApi(SECRETSMANAGER_API, action, request) as Promise<any>;
const DAY = 86_400;
const dueEntries = async (name: string) => (await store.range('/berth/v1/secrets-due/')).kvs.filter((kv) => kv.key.endsWith(`/${name}`)).length;

t.test('a secret past its recovery window is swept; a restored one and one still in its window stay', async (t) => {
  const [gone, restored, waiting] = [uniq('gone'), uniq('restored'), uniq('waiting')];
  for (const Name of [gone, restored, waiting]) await sm('CreateSecret', { Name, SecretString: 's3cret' });
  await sm('DeleteSecret', { SecretId: gone, RecoveryWindowInDays: 7 });
  await sm('DeleteSecret', { SecretId: restored, RecoveryWindowInDays: 7 });
  await sm('RestoreSecret', { SecretId: restored });
  await sm('DeleteSecret', { SecretId: waiting, RecoveryWindowInDays: 30 });
  t.same([await dueEntries(gone), await dueEntries(restored), await dueEntries(waiting)], [1, 0, 1], 'a restore takes its entry away');

  const now = ts.server.ctx.now();
  t.equal(await sweepDueSecrets(ts.server.ctx, now + 6 * DAY), 0, 'nothing is due within the window');
  t.ok(await store.get(secretKey(gone)), 'still there on day six');

  t.equal(await sweepDueSecrets(ts.server.ctx, now + 8 * DAY), 1, 'one secret swept on day eight');
  t.equal(await store.get(secretKey(gone)), null, 'its record and sealed values are gone');
  t.equal(await dueEntries(gone), 0, 'and its index entry');
  t.equal((await sm('GetSecretValue', { SecretId: restored })).SecretString, 's3cret', 'the restored secret stays');
  t.ok(await store.get(secretKey(waiting)), 'the 30-day one stays');

  t.equal(await sweepDueSecrets(ts.server.ctx, now + 31 * DAY), 1, 'its turn comes on day 31');
  t.equal(await store.get(secretKey(waiting)), null);
});

t.test('a secret recreated under a deleted one\'s name is not swept with the old entry', async (t) => {
  const name = uniq('again');
  await sm('CreateSecret', { Name: name, SecretString: 'first' });
  await sm('DeleteSecret', { SecretId: name, ForceDeleteWithoutRecovery: true });
  await sm('CreateSecret', { Name: name, SecretString: 'second' });
  await sm('DeleteSecret', { SecretId: name, RecoveryWindowInDays: 7 });
  await sm('RestoreSecret', { SecretId: name });
  t.equal(await sweepDueSecrets(ts.server.ctx, ts.server.ctx.now() + 40 * DAY), 0);
  t.equal((await sm('GetSecretValue', { SecretId: name })).SecretString, 'second');
});
