// The conformance suite on the embedded SQLite file store, one fresh file per test.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../src/file-store.js';
import { conformance } from './conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-file-store-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
conformance(t, 'file', async () => {
  const store = await FileStore.open(join(dir, `s${n++}`, 'berth.db'));
  return { store, cleanup: () => store.close() };
});
