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

function timeOf(v: unknown): number {
  if (v instanceof EventTime) return v.ms;
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v * 1000);
  if (typeof v === 'bigint') return Number(v) * 1000;
  throw new ForwardProtocolError('an entry\'s time is neither an integer nor an EventTime');
}

function recordOf(v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) throw new ForwardProtocolError('an entry\'s record is not a map');
  return v as Record<string, unknown>;
}

function entryOf(tag: string, v: unknown): ForwardEntry {
  if (!Array.isArray(v) || v.length < 2) throw new ForwardProtocolError('an entry is not [time, record]');
  return { tag, timeMs: timeOf(v[0]), record: recordOf(v[1]) };
}

function optionOf(v: unknown): { chunk?: string; compressed?: string } {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new ForwardProtocolError('the option is not a map');
  const o = v as Record<string, unknown>;
  return {
    ...(typeof o['chunk'] === 'string' ? { chunk: o['chunk'] } : {}),
    ...(typeof o['compressed'] === 'string' ? { compressed: o['compressed'] } : {}),
  };
}

/** One decoded Forward message as entries (and its chunk id), or ForwardProtocolError saying what is wrong. */
export function readForwardMessage(msg: unknown): ForwardMessage {
  if (!Array.isArray(msg) || msg.length < 2) throw new ForwardProtocolError('a message is an array of at least [tag, entries]');
  const tag = msg[0];
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
    entries = [...decodeMulti(packed, { extensionCodec: forwardCodec })].map((e) => entryOf(tag, e));
  } else {
    if (msg.length < 3) throw new ForwardProtocolError('a Message-mode message is [tag, time, record]');
    entries = [{ tag, timeMs: timeOf(second), record: recordOf(msg[2]) }];
    option = optionOf(msg[3]);
  }
  return { entries, ...(option.chunk !== undefined ? { chunk: option.chunk } : {}) };
}
