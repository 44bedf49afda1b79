// Fluentd's Forward protocol (v1), as Docker's `fluentd` log driver speaks it: each message is a msgpack
// array in one of three modes. This file turns one decoded message into entries and the chunk id to
// acknowledge; it is pure (no sockets), so every mode is tested with a table.
//   Message         [tag, time, record, option?]
//   Forward         [tag, [[time, record], ...], option?]
//   PackedForward   [tag, bin (a msgpack stream of [time, record]), option?]  (gzip when option.compressed)
// A time is integer seconds or an EventTime (msgpack extension 0: seconds and nanoseconds, big-endian).
import { gunzipSync } from 'node:zlib';
import { decodeMulti, ExtensionCodec } from '@msgpack/msgpack';

export interface ForwardEntry {
  tag: string;
  /** Milliseconds since the epoch. */
  timeMs: number;
  record: Record<string, unknown>;
}

export interface ForwardMessage {
  entries: ForwardEntry[];
  /** The client asked for an acknowledgement of this chunk once the entries are safe. */
  chunk?: string;
}

export class ForwardProtocolError extends Error {}

/** A msgpack extension codec that reads EventTime (type 0) as milliseconds. */
export const forwardCodec = new ExtensionCodec();
forwardCodec.register({
  type: 0,
  encode: () => null,
  decode: (data: Uint8Array) => {
    if (data.byteLength !== 8) throw new ForwardProtocolError(`an EventTime has 8 bytes, not ${data.byteLength}`);
    const view = new DataView(data.buffer, data.byteOffset, 8);
    return new EventTime(view.getUint32(0) * 1000 + Math.floor(view.getUint32(4) / 1e6));
  },
});

export class EventTime {
  constructor(readonly ms: number) {}
}

/**
 * How the router decodes the protocol: msgpack strings other than map keys come as bytes (`rawStrings`) and
 * readForwardMessage turns them into strings with Node's native UTF-8 decoder. @msgpack/msgpack decodes a
 * string under 200 bytes in JavaScript, one array element per character: for Docker's records (a 64-byte
 * container id, a line, a name) that was ~4 KB of garbage a line, the router's largest allocation, which
 * V8 promoted and which held its RSS over 64 MiB. (A `bin` value in a record becomes its UTF-8 text too.)
 */
export const FORWARD_DECODE_OPTIONS = { extensionCodec: forwardCodec, rawStrings: true } as const;

const textOf = (v: Uint8Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('utf8');

/** A decoded value with its raw strings (Uint8Array) as strings, maps and arrays in place. */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return textOf(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = plain(v[i]);
  } else if (v !== null && typeof v === 'object' && !(v instanceof EventTime)) {
    const o = v as Record<string, unknown>;
    for (const k in o) o[k] = plain(o[k]);
  }
  return v;
}

function timeOf(v: unknown): number {
  if (v instanceof EventTime) return v.ms;
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v * 1000);
  if (typeof v === 'bigint') return Number(v) * 1000;
  throw new ForwardProtocolError('an entry\'s time is neither an integer nor an EventTime');
}

function recordOf(v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) throw new ForwardProtocolError('an entry\'s record is not a map');
  return plain(v) as Record<string, unknown>;
}

function entryOf(tag: string, v: unknown): ForwardEntry {
  if (!Array.isArray(v) || v.length < 2) throw new ForwardProtocolError('an entry is not [time, record]');
  return { tag, timeMs: timeOf(v[0]), record: recordOf(v[1]) };
}

function optionOf(v: unknown): { chunk?: string; compressed?: string } {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new ForwardProtocolError('the option is not a map');
  const o = v as Record<string, unknown>;
  const chunk = o['chunk'] instanceof Uint8Array ? textOf(o['chunk']) : o['chunk'];
  const compressed = o['compressed'] instanceof Uint8Array ? textOf(o['compressed']) : o['compressed'];
  return {
    ...(typeof chunk === 'string' ? { chunk } : {}),
    ...(typeof compressed === 'string' ? { compressed } : {}),
  };
}

/** One decoded Forward message as entries (and its chunk id), or ForwardProtocolError saying what is wrong. */
export function readForwardMessage(msg: unknown): ForwardMessage {
  if (!Array.isArray(msg) || msg.length < 2) throw new ForwardProtocolError('a message is an array of at least [tag, entries]');
  const tag = msg[0] instanceof Uint8Array ? textOf(msg[0]) : msg[0];
  if (typeof tag !== 'string') throw new ForwardProtocolError('a message\'s tag is not a string');
  const second = msg[1];
  let entries: ForwardEntry[];
  let option: { chunk?: string; compressed?: string };
  if (Array.isArray(second)) {
    entries = second.map((e) => entryOf(tag, e));
    option = optionOf(msg[2]);
  } else if (second instanceof Uint8Array || typeof second === 'string') {
    option = optionOf(msg[2]);
    let packed = typeof second === 'string' ? Buffer.from(second, 'latin1') : second;
    if (option.compressed !== undefined) {
      if (option.compressed !== 'gzip') throw new ForwardProtocolError(`compression ${option.compressed} is not gzip`);
      packed = gunzipSync(packed);
    }
    entries = [...decodeMulti(packed, FORWARD_DECODE_OPTIONS)].map((e) => entryOf(tag, e));
  } else {
    if (msg.length < 3) throw new ForwardProtocolError('a Message-mode message is [tag, time, record]');
    entries = [{ tag, timeMs: timeOf(second), record: recordOf(msg[2]) }];
    option = optionOf(msg[3]);
  }
  return { entries, ...(option.chunk !== undefined ? { chunk: option.chunk } : {}) };
}

/**
 * The acknowledgement of a chunk, `{ack: chunk}` in msgpack, written directly: @msgpack/msgpack's encode()
 * makes an encoder with a 2 KiB buffer per call, one per line that Docker's driver sends.
 */
export function ackOf(chunk: string): Buffer {
  const len = Buffer.byteLength(chunk);
  const head = len < 32 ? 1 : len < 0x100 ? 2 : len < 0x10000 ? 3 : 5;
  const b = Buffer.allocUnsafe(5 + head + len);
  b[0] = 0x81; // a map of one
  b[1] = 0xa3; // a string of 3: "ack"
  b.write('ack', 2, 'latin1');
  let o = 5;
  if (len < 32) b[o++] = 0xa0 | len;
  else if (len < 0x100) {
    b[o++] = 0xd9;
    b[o++] = len;
  } else if (len < 0x10000) {
    b[o++] = 0xda;
    o = b.writeUInt16BE(len, o);
  } else {
    b[o++] = 0xdb;
    o = b.writeUInt32BE(len, o);
  }
  b.write(chunk, o, 'utf8');
  return b;
}
