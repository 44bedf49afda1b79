// A user's policies are read once per 5 s per replica (auth/policies.ts, docs/security.md), not on every
// signed call: a change made on this replica is seen at once, one made on another replica within 5 s.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountingStore, TimedStore, openStore } from '@berth/store';
import { silentLogger } from '@berth/api';
import type { ServerContext } from '../src/context.js';
import { initStore } from '../src/state/schema.js';
import { createUser } from '../src/auth/users.js';
import { USERS, policiesOf, putPolicy } from '../src/auth/policies.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-policies-cache-'));
const store = new CountingStore(await openStore(`file:${join(dir, 'berth.db')}`));
t.teardown(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
const identity = await initStore(store, {}, silentLogger);
const replica = (s: ServerContext['store']): ServerContext => ({ store: s, identity, log: silentLogger, now: () => Date.now() / 1000 });
// Two replicas on one store: each its own store object, as each server wraps the store it opens.
const here = replica(store);
const there = replica(new TimedStore(store, () => {}));
const DENY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ecs:*', Resource: '*' }] });

t.test('read once, then kept; a change here is seen here at once and there within the cache time', async (t) => {
  await createUser(here, { UserName: 'alice' });
  t.same(await policiesOf(there, USERS, 'alice'), []);
  const again = await store.measure(() => policiesOf(there, USERS, 'alice'));
  t.same(again.result, []);
  t.equal(again.cost.ops, 0, 'the second check reads nothing from the store');

  await putPolicy(here, USERS, 'alice', 'deny', DENY);
  t.equal((await policiesOf(here, USERS, 'alice'))?.length, 1, 'the replica that changed the policy sees it at once');
  t.same(await policiesOf(there, USERS, 'alice'), [], 'another replica keeps what it read, for at most 5 s');
});
