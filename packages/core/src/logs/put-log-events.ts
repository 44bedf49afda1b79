// PutLogEvents as CloudWatch Logs (and so Docker's awslogs driver) expects it: the batch limits, the events
// answered in rejectedLogEventsInfo, and the sequence tokens. Pure: both log store backends decide a batch
// here and only store what this says.
import { createHash } from 'node:crypto';
import { BerthError, invalid } from '../errors.js';

/** CloudWatch's limits (PutLogEvents' documentation). Each event counts its UTF-8 bytes plus 26. */
export const PUT_LOG_EVENTS_LIMITS = {
  maxEvents: 10_000,
  maxBatchBytes: 1_048_576,
  maxEventBytes: 262_144,
  eventOverheadBytes: 26,
  maxSpanMs: 24 * 3600_000,
  maxAgeMs: 14 * 24 * 3600_000,
  maxAheadMs: 2 * 3600_000,
} as const;

export interface InputLogEvent {
  timestamp: number;
  message: string;
}

export interface RejectedLogEventsInfo {
  tooNewLogEventStartIndex?: number;
  tooOldLogEventEndIndex?: number;
  expiredLogEventEndIndex?: number;
}

/**
 * Checks a batch against CloudWatch's limits (InvalidParameterException naming the rule, as CloudWatch
 * words it) and splits off the events it answers in rejectedLogEventsInfo rather than refusing: too old
 * (over 14 days), expired (older than the group's retention), too new (over 2 hours ahead). The batch is
 * in chronological order, so the accepted events are one slice.
 */
export interface CheckedLogEventBatch {
  accepted: InputLogEvent[];
  rejected?: RejectedLogEventsInfo;
  /** Each event's message in UTF-8 bytes (all of them, accepted or not), counted once for the fingerprint. */
  messageBytes: number[];
  /** The accepted events' messages in UTF-8 bytes (a stream's storedBytes). */
  acceptedBytes: number;
}

export function checkLogEventBatch(events: InputLogEvent[], nowMs: number, retentionInDays?: number): CheckedLogEventBatch {
  const L = PUT_LOG_EVENTS_LIMITS;
  if (events.length === 0) throw invalid('logEvents', '1 validation error detected: Value at \'logEvents\' failed to satisfy constraint: Member must have length greater than or equal to 1');
  if (events.length > L.maxEvents) throw invalid('logEvents', `1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to ${L.maxEvents}`);
  let bytes = 0;
  const messageBytes: number[] = new Array<number>(events.length);
  for (let i = 0; i < events.length; i++) {
    const n = Buffer.byteLength(events[i]!.message, 'utf8');
    messageBytes[i] = n;
    const size = n + L.eventOverheadBytes;
    if (size > L.maxEventBytes) throw new BerthError('InvalidParameterException', `Log event too large: ${size} bytes exceeds limit of ${L.maxEventBytes}`, `logEvents[${i}].message`);
    bytes += size;
    if (i > 0 && events[i]!.timestamp < events[i - 1]!.timestamp) {
      throw new BerthError('InvalidParameterException', 'Log events in a single PutLogEvents request must be in chronological order.', `logEvents[${i}].timestamp`);
    }
  }
  if (bytes > L.maxBatchBytes) throw new BerthError('InvalidParameterException', `Upload too large: ${bytes} bytes exceeds limit of ${L.maxBatchBytes}`, 'logEvents');
  if (events[events.length - 1]!.timestamp - events[0]!.timestamp > L.maxSpanMs) {
    throw new BerthError('InvalidParameterException', 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.', 'logEvents');
  }
  const expiredBefore = retentionInDays ? nowMs - retentionInDays * 86_400_000 : -Infinity;
  const tooOldBefore = nowMs - L.maxAgeMs;
  let expiredEnd = 0;
  while (expiredEnd < events.length && events[expiredEnd]!.timestamp < expiredBefore) expiredEnd++;
  let tooOldEnd = expiredEnd;
  while (tooOldEnd < events.length && events[tooOldEnd]!.timestamp < tooOldBefore) tooOldEnd++;
  let tooNewStart = events.length;
  while (tooNewStart > tooOldEnd && events[tooNewStart - 1]!.timestamp > nowMs + L.maxAheadMs) tooNewStart--;
  const rejected: RejectedLogEventsInfo = {
    ...(tooNewStart < events.length ? { tooNewLogEventStartIndex: tooNewStart } : {}),
    ...(tooOldEnd > expiredEnd ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
    ...(expiredEnd > 0 ? { expiredLogEventEndIndex: expiredEnd } : {}),
  };
  let acceptedBytes = 0;
  for (let i = tooOldEnd; i < tooNewStart; i++) acceptedBytes += messageBytes[i]!;
  return { accepted: events.slice(tooOldEnd, tooNewStart), ...(Object.keys(rejected).length > 0 ? { rejected } : {}), messageBytes, acceptedBytes };
}

/**
 * The batch's fingerprint: a retried batch has the same one, another batch (even of the same lines at other
 * times) not. SHA-256 of each event as `TIMESTAMP\nBYTES\nMESSAGE`, hashed in one update (two per event
 * cost a crossing into the hash each: 9% of a ClickHouse PutLogEvents' server CPU); the bytes are the same,
 * so the fingerprints of batches stored before are unchanged. `messageBytes` when the caller counted them.
 */
export function logBatchHash(events: InputLogEvent[], messageBytes?: readonly number[]): string {
  let s = '';
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    s += `${e.timestamp}\n${messageBytes?.[i] ?? Buffer.byteLength(e.message)}\n${e.message}`;
  }
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/**
 * A stream's tokens: the token of batch n (1-based) is n as 56 decimal digits, the length of AWS's. The first
 * batch of a stream takes no token, as in CloudWatch (and a client that read AWS's `null` may send "null").
 */
export function sequenceToken(batch: number): string {
  return String(batch).padStart(56, '0');
}

/** What a stream has accepted so far: how many batches, and the last one's fingerprint. */
export interface StreamSequence {
  batches: number;
  lastHash?: string;
}

export type SequenceDecision =
  | { kind: 'accept'; batch: number }
  | { kind: 'already-accepted'; error: BerthError }
  | { kind: 'invalid'; error: BerthError };

/**
 * Decides a batch against the stream's sequence: the expected token is accepted; the previous token with
 * the previous batch's fingerprint is a retry after a lost answer (DataAlreadyAcceptedException: nothing
 * written twice); anything else is InvalidSequenceTokenException. Both messages end with the expected
 * token after a space, which Docker's awslogs driver reads as the message's last word.
 */
export function decideSequence(seq: StreamSequence, token: string | undefined, hash: string): SequenceDecision {
  const given = token === undefined || token === 'null' ? 1 : /^\d{1,56}$/.test(token) ? Number(token) : NaN;
  const expected = seq.batches + 1;
  if (given === expected) return { kind: 'accept', batch: expected };
  const expectedToken = seq.batches === 0 ? undefined : sequenceToken(expected);
  const members = expectedToken !== undefined ? { expectedSequenceToken: expectedToken } : {};
  if (given === seq.batches && seq.lastHash === hash) {
    return { kind: 'already-accepted', error: new BerthError('DataAlreadyAcceptedException', `The given batch of log events has already been accepted. The next batch can be sent with sequenceToken: ${expectedToken ?? 'null'}`, 'sequenceToken', members) };
  }
  return { kind: 'invalid', error: new BerthError('InvalidSequenceTokenException', `The given sequenceToken is invalid. The next expected sequenceToken is: ${expectedToken ?? 'null'}`, 'sequenceToken', members) };
}
