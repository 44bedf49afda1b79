// Each mode of Fluentd's Forward protocol, as Docker's fluentd driver and Fluent Bit send it, read into
// entries; what is not the protocol is refused with what is wrong.
import t from 'tap';
import { gzipSync } from 'node:zlib';
import { encode, ExtData } from '@msgpack/msgpack';
import { decode } from '@msgpack/msgpack';
import { FORWARD_DECODE_OPTIONS, ForwardProtocolError, ackOf, readForwardMessage } from '../src/forward-protocol.js';

/** An EventTime as Fluentd encodes it: extension 0, seconds and nanoseconds big-endian. */
function eventTime(sec: number, nsec: number): ExtData {
  const b = Buffer.alloc(8);
  b.writeUInt32BE(sec, 0);
  b.writeUInt32BE(nsec, 4);
  return new ExtData(0, b);
}
/** As the socket would deliver it: encoded, then decoded as the router decodes (strings as raw bytes). */
const wire = (v: unknown) => decode(encode(v), FORWARD_DECODE_OPTIONS);
const record = { log: 'hello', source: 'stdout', container_name: '/app' };
const packed = Buffer.concat([encode([1700000000, record]), encode([eventTime(1700000001, 5_000_000), { log: 'two' }])]);

const cases: { name: string; msg: unknown; want: { times: number[]; logs: string[]; chunk?: string } }[] = [
  { name: 'Message mode, integer seconds', msg: ['app', 1700000000, record], want: { times: [1700000000000], logs: ['hello'] } },
  { name: 'Message mode, EventTime and a chunk to acknowledge', msg: ['app', eventTime(1700000000, 123_456_789), record, { chunk: 'abc==' }], want: { times: [1700000000123], logs: ['hello'], chunk: 'abc==' } },
  { name: 'Forward mode', msg: ['app', [[1700000000, record], [eventTime(1700000002, 0), { log: 'b' }]], { chunk: 'c1' }], want: { times: [1700000000000, 1700000002000], logs: ['hello', 'b'], chunk: 'c1' } },
  { name: 'PackedForward mode', msg: ['app', packed, { size: 2 }], want: { times: [1700000000000, 1700000001005], logs: ['hello', 'two'] } },
  { name: 'CompressedPackedForward mode', msg: ['app', gzipSync(packed), { compressed: 'gzip', chunk: 'z' }], want: { times: [1700000000000, 1700000001005], logs: ['hello', 'two'], chunk: 'z' } },
];
for (const c of cases) {
  t.test(c.name, async (t) => {
    const m = readForwardMessage(wire(c.msg));
    t.same(m.entries.map((e) => e.timeMs), c.want.times);
    t.same(m.entries.map((e) => e.record['log']), c.want.logs);
    t.same(m.entries.map((e) => e.tag), c.want.times.map(() => 'app'));
    t.equal(m.chunk, c.want.chunk);
  });
}

const bad: [string, unknown, RegExp][] = [
  ['not an array', { tag: 'x' }, /an array/],
  ['a tag that is not a string', [1, 1700000000, {}], /tag is not a string/],
  ['a record that is not a map', ['app', 1700000000, 'text'], /record is not a map/],
  ['a time that is neither', ['app', [['noon', {}]]], /time is neither/],
  ['another compression', ['app', packed, { compressed: 'zstd' }], /zstd is not gzip/],
];
for (const [name, msg, re] of bad) {
  t.test(`refused: ${name}`, async (t) => {
    const err = (() => { try { readForwardMessage(wire(msg)); } catch (e) { return e; } })();
    t.ok(err instanceof ForwardProtocolError, 'a protocol error');
    t.match((err as Error).message, re);
  });
}

t.test('strings arrive as raw bytes and come out as strings, in nested maps and lists too', async (t) => {
  const m = readForwardMessage(wire(['app', 1700000000, { log: 'héllo 😀', nested: { k: ['a', 'ü', 1] }, n: 7, ok: true }, { chunk: 'ch==' }]));
  t.same(m.entries[0]!.record, { log: 'héllo 😀', nested: { k: ['a', 'ü', 1] }, n: 7, ok: true });
  t.equal(m.entries[0]!.tag, 'app');
  t.equal(m.chunk, 'ch==');
  t.same(readForwardMessage(decode(encode(['app', 1700000000, { log: 'x' }]))).entries[0]!.record, { log: 'x' }, 'and decoded strings as they are');
});

t.test('an acknowledgement is the msgpack map {ack: chunk}, byte for byte as the encoder writes it, at every string length', async (t) => {
  for (const chunk of ['', 'abc==', 'x'.repeat(31), 'x'.repeat(32), 'y'.repeat(255), 'y'.repeat(256), 'z'.repeat(65_535), 'z'.repeat(65_536), 'é€'.repeat(20)]) {
    const a = ackOf(chunk);
    t.same(Buffer.from(encode({ ack: chunk })), a, `${chunk.length} characters`);
    t.same(decode(a), { ack: chunk });
  }
});
