// PutLogEvents' pure parts: the batch's fingerprint (stored with every accepted batch, so its bytes must
// never change: a batch retried across an upgrade is recognised by it) and the byte counts the check returns.
import t from 'tap';
import { createHash } from 'node:crypto';
import { checkLogEventBatch, logBatchHash } from '../src/logs/put-log-events.js';

const now = Date.UTC(2026, 0, 10, 12);
const events = [
  { timestamp: now - 5, message: 'plain' },
  { timestamp: now - 4, message: 'héllo 😀 wörld' },
  { timestamp: now - 4, message: 'x'.repeat(20_000) },
  { timestamp: now, message: '' },
];

t.test('the fingerprint is SHA-256 of TIMESTAMP\\nUTF-8 BYTES\\nMESSAGE per event, as batches were stored with', async (t) => {
  const h = createHash('sha256');
  for (const e of events) h.update(`${e.timestamp}\n${Buffer.byteLength(e.message)}\n`).update(e.message);
  const want = h.digest('hex');
  t.equal(logBatchHash(events), want);
  t.equal(logBatchHash(events, events.map((e) => Buffer.byteLength(e.message))), want, 'with the byte counts given');
  t.not(logBatchHash(events.slice(0, 3)), want);
  t.not(logBatchHash([{ ...events[0]!, timestamp: now - 6 }, ...events.slice(1)]), want, 'the same lines at other times differ');
});

t.test('checkLogEventBatch counts each message\'s UTF-8 bytes once, and the accepted ones\' sum', async (t) => {
  const batch = [...events.slice(0, 3), { timestamp: now + 3 * 3600_000, message: 'too new' }];
  const c = checkLogEventBatch(batch, now);
  t.same(c.messageBytes, batch.map((e) => Buffer.byteLength(e.message)));
  t.equal(c.acceptedBytes, events.slice(0, 3).reduce((n, e) => n + Buffer.byteLength(e.message), 0));
  t.same(c.rejected, { tooNewLogEventStartIndex: 3 });
  t.equal(logBatchHash(batch, c.messageBytes), logBatchHash(batch));
});
