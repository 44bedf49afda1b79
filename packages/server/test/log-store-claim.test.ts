// A server restarted after a crash (kill -9) on the same machine takes its dead predecessor's claim on the
// embedded log store over at once, instead of waiting out the dead process's lease (10 s for a server:
// the reconnection storm's SIGKILL restart spent it idle before listening). A claim of a live process is
// kept, and one whose process cannot be told apart (another machine, another pid namespace) is waited
// out as before.
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@berth/store';
import { LOG_STORE_OWNER_KEY, claimEmbeddedLogStore, holderGone, thisProcess } from '../src/state/log-store-owner.js';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'berth-log-claim-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('a claim left by a killed process of this machine is taken over at once', async (t) => {
  const path = join(dir, 'crash.db');
  // The predecessor: a process that opens the store, claims with a 30-s lease and says so; then kill -9.
  const child = spawn(process.execPath, ['--input-type=module', '-e', `
    import { openStore } from '@berth/store';
    import { claimEmbeddedLogStore } from './dist/src/state/log-store-owner.js';
    const store = await openStore(${JSON.stringify(`file:${path}`)});
    await claimEmbeddedLogStore(store, { replica: 'crashed', logStore: 'file:x' }, 30);
    console.log('claimed');
    setInterval(() => {}, 1000);`], { cwd: serverDir, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('claimed') && resolve());
    child.on('exit', (code) => reject(new Error(`the predecessor exited (${code}) before claiming`)));
  });
  const gone = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await gone;

  const store = await openStore(`file:${path}`);
  t.teardown(() => store.close());
  t.match(JSON.parse((await store.get(LOG_STORE_OWNER_KEY))!.value.toString()), { replica: 'crashed', process: { pid: child.pid } }, 'the dead process\'s claim is still there (its lease lives 30 s)');
  const started = Date.now();
  const lease = await claimEmbeddedLogStore(store, { replica: 'restarted', logStore: 'file:x' }, 30);
  t.match(JSON.parse((await store.get(LOG_STORE_OWNER_KEY))!.value.toString()), { replica: 'restarted', process: { pid: process.pid } });
  t.ok(Date.now() - started < 25_000, 'taken over without waiting out the 30-s lease');
  await lease.revoke();
});

t.test('who counts as gone', async (t) => {
  const self = thisProcess();
  if (!self) {
    t.pass('not Linux: no process identity, every claim is waited out');
    return;
  }
  const exited = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => exited.on('exit', r));
  t.ok(holderGone({ ...self, pid: exited.pid! }, self), 'an exited process of this boot and pid namespace');
  t.notOk(holderGone({ ...self, pid: process.ppid }, self), 'a live process');
  t.notOk(holderGone(self, self), 'this process itself');
  t.notOk(holderGone({ ...self, pid: exited.pid!, pidNamespace: 'pid:[1]' }, self), 'a process of another pid namespace (its pid means nothing here)');
  t.notOk(holderGone({ ...self, pid: exited.pid!, boot: 'another-boot' }, self), 'a process of another boot');
  t.notOk(holderGone({ ...self, pid: exited.pid!, host: 'elsewhere' }, self), 'a process of another host');
  t.notOk(holderGone(undefined, self), 'a claim that names no process (an older server\'s)');
});
