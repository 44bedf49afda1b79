// Store URLs: which backend and where.
import t from 'tap';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultStoreUrl, openStore, parseStoreUrl } from '../src/open.js';

t.test('file URLs', async (t) => {
  t.same(parseStoreUrl('file:/var/lib/berth/berth.db'), { kind: 'file', path: '/var/lib/berth/berth.db' });
  t.same(parseStoreUrl('file:data/berth.db'), { kind: 'file', path: resolve('data/berth.db') }, 'relative to cwd');
  t.same(parseStoreUrl('file:~/.berth/berth.db'), { kind: 'file', path: join(homedir(), '.berth/berth.db') });
  t.same(parseStoreUrl('file:///srv/my%20store.db'), { kind: 'file', path: '/srv/my store.db' }, 'URL form');
  t.same(parseStoreUrl('file://localhost/srv/a.db'), { kind: 'file', path: '/srv/a.db' });
  t.throws(() => parseStoreUrl('file:'), /file:PATH/);
  t.throws(() => parseStoreUrl('file://otherhost/a.db'), /file:PATH/);
});

t.test('etcd URLs', async (t) => {
  t.same(parseStoreUrl('etcd://127.0.0.1:2379'), { kind: 'etcd', hosts: ['127.0.0.1:2379'] });
  t.same(parseStoreUrl('etcd://a:2379,b:2380, c/'), { kind: 'etcd', hosts: ['a:2379', 'b:2380', 'c:2379'] });
  t.same(parseStoreUrl('etcd://[::1]:2379'), { kind: 'etcd', hosts: ['[::1]:2379'] });
  t.throws(() => parseStoreUrl('etcd://'), /etcd:\/\/HOST:PORT/);
  t.throws(() => parseStoreUrl('etcd://a:2379/path'), /etcd:\/\/HOST:PORT/);
});

t.test('anything else names the accepted forms', async (t) => {
  for (const url of ['/tmp/berth.db', 'sqlite:berth.db', 'http://127.0.0.1:2379', '']) {
    t.throws(() => parseStoreUrl(url), /unsupported store URL .*file:PATH.*etcd:\/\/HOST:PORT/, url || '(empty)');
  }
  await t.rejects(openStore('postgres://x'), /unsupported store URL/);
});

t.test('default is a file store under the home directory', async (t) => {
  t.equal(defaultStoreUrl(), 'file:' + join(homedir(), '.berth', 'berth.db'));
});

t.test('openStore opens the file backend, creating directories', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-open-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'nested', 'deeper', 'berth.db');
  const store = await openStore('file:' + path, { historyRevisions: 100 });
  t.equal(store.kind, 'file');
  await store.put('/k', 'v');
  await store.close();
  t.ok(existsSync(path));
});

t.test('a file store is private: the file and its WAL 0600, the directories it creates 0700', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-open-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'created', 'berth.db');
  const store = await openStore('file:' + path, { historyRevisions: 100 });
  await store.put('/secret', 'an environment value');
  const mode = (p: string) => statSync(p).mode & 0o777;
  t.equal(mode(join(dir, 'created')), 0o700, 'the directory it created');
  t.equal(mode(path), 0o600, 'the database file');
  t.equal(mode(path + '-wal'), 0o600, 'its WAL');
  await store.close();

  // A store written by an older Berth (0644) is tightened when opened; the existing directory is left alone.
  const old = join(dir, 'old.db');
  writeFileSync(old, '', { mode: 0o644 });
  chmodSync(old, 0o644);
  chmodSync(dir, 0o755);
  const again = await openStore('file:' + old, { historyRevisions: 100 });
  t.equal(mode(old), 0o600, 'an older store file');
  t.equal(mode(dir), 0o755, 'an existing directory keeps its mode');
  await again.close();
});

t.test('openStore opens the etcd backend', async (t) => {
  const store = await openStore('etcd://' + (process.env.BERTH_TEST_ETCD ?? '127.0.0.1:2379'));
  t.equal(store.kind, 'etcd');
  t.ok((await store.revision()) > 0);
  await store.close();
});
