// The Forward input's memory of chunks (a chunk Docker resends after a lost acknowledgement is written
// once): it keeps the last RECENT_CHUNKS ids and each connection's last one (the chunk its client can
// resend), for closed connections too. A connection whose last chunk is older than the recent ones, still open or closed since, has
// that chunk recognised; and the ids come back from the buffer after a restart.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMultiStream, encode } from '@msgpack/msgpack';
import { DiskBuffer } from '../src/disk-buffer.js';
import { ForwardInput, RECENT_CHUNKS } from '../src/forward-input.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-router-input-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** A client as Docker's fluentd driver is: one message, then its acknowledgement, then the next. */
async function client(path: string) {
  const sock: Socket = connect(path);
  await new Promise((r) => sock.once('connect', r));
  const acks = decodeMultiStream(sock)[Symbol.asyncIterator]();
  return {
    async send(chunk: string, log: string) {
      sock.write(encode(['app-firelens-1', Math.floor(Date.now() / 1000), { log }, { chunk }]));
      const a = await acks.next();
      if ((a.value as { ack?: string }).ack !== chunk) throw new Error(`no ack for ${chunk}`);
    },
    close: () => new Promise<void>((r) => { sock.once('close', () => r()); sock.end(); }),
  };
}

t.test('each connection\'s last chunk is recognised after more than RECENT_CHUNKS others', async (t) => {
  const buffer = await DiskBuffer.open(join(dir, 'buffer'));
  let input = new ForwardInput(buffer);
  const sock = join(dir, 'in.sock');
  await input.listen(`unix:${sock}`);
  const open = await client(sock);
  const closing = await client(sock);
  await open.send('open-last', 'a');
  await closing.send('closing-last', 'b');
  await closing.close();
  const busy = await client(sock);
  for (let i = 0; i < RECENT_CHUNKS + 10; i++) await busy.send(`busy-${i}`, `line ${i}`);
  t.equal(input.counts.received, RECENT_CHUNKS + 12);
  // Resent on new connections, as after a lost acknowledgement.
  const again = await client(sock);
  await again.send('open-last', 'a');
  await again.send('busy-0', 'line 0');
  t.equal(input.counts.resent, 1, 'the open connection\'s last chunk is recognised');
  t.equal(input.counts.received, RECENT_CHUNKS + 13, 'a chunk older than the recent ones, and no connection\'s last, is taken as new');
  await again.send('closing-last', 'b');
  t.equal(input.counts.resent, 2, 'so is the closed connection\'s');
  for (const c of [open, busy, again]) await c.close();
  await input.close();

  // A restart: the newest ids come back from the buffer.
  input = new ForwardInput(buffer);
  await input.listen(`unix:${sock}`);
  const after = await client(sock);
  await after.send(`busy-${RECENT_CHUNKS + 9}`, `line ${RECENT_CHUNKS + 9}`);
  t.equal(input.counts.resent, 1, 'the last chunk written before the restart is recognised');
  await after.close();
  await input.close();
  await buffer.close();
});
