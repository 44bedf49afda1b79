// The log store: CloudWatch Logs' model (log groups with a retention in days, log streams with their
// sequence tokens, events) behind one interface, with two backends chosen at start by URL (open.ts): the
// embedded segment files (one replica) and ClickHouse (several replicas, big fleets). Logs never enter
// the state store. Errors are CloudWatch's (BerthError with its shape names and texts), so the API layer
// passes them on unchanged; both backends run one conformance suite (test/conformance.ts).
import { BerthError, checkLogEventBatch, decideSequence, logBatchHash, sequenceToken, type FilterPattern, type InputLogEvent, type RejectedLogEventsInfo, type StreamSequence } from '@berth/core';

export interface LogGroupInfo {
  logGroupName: string;
  /** Epoch milliseconds. */
  creationTime: number;
  retentionInDays?: number;
  storedBytes: number;
}

export interface LogStreamInfo {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  /** The token the stream's next batch must carry (absent before its first batch). */
  uploadSequenceToken?: string;
  storedBytes: number;
}

export interface StoredLogEvent {
  logStreamName: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
  /** Unique in the group and stable across reads (`aws logs tail` deduplicates by it). */
  eventId: string;
}

export interface PutLogEventsResult {
  nextSequenceToken: string;
  rejectedLogEventsInfo?: RejectedLogEventsInfo;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface GetLogEventsQuery {
  startTime?: number;
  endTime?: number;
  startFromHead?: boolean;
  nextToken?: string;
  limit?: number;
}

export interface GetLogEventsResult {
  events: StoredLogEvent[];
  nextForwardToken: string;
  nextBackwardToken: string;
}

export interface FilterLogEventsQuery {
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  startTime?: number;
  endTime?: number;
  pattern: FilterPattern;
  nextToken?: string;
  limit?: number;
}

export interface DescribeLogStreamsQuery {
  logStreamNamePrefix?: string;
  orderBy?: 'LogStreamName' | 'LastEventTime';
  descending?: boolean;
  nextToken?: string;
  limit?: number;
}

export interface DescribeLogGroupsQuery {
  logGroupNamePrefix?: string;
  logGroupNamePattern?: string;
  nextToken?: string;
  limit?: number;
}

export interface LogStore {
  /** `file` (one replica) or `clickhouse` (shared by several). */
  readonly kind: 'file' | 'clickhouse';
  createLogGroup(name: string, opts?: { retentionInDays?: number }): Promise<void>;
  deleteLogGroup(name: string): Promise<void>;
  describeLogGroups(q: DescribeLogGroupsQuery): Promise<Page<LogGroupInfo>>;
  /** Absent retention: events never expire. */
  putRetentionPolicy(name: string, retentionInDays: number | undefined): Promise<void>;
  createLogStream(group: string, stream: string): Promise<void>;
  deleteLogStream(group: string, stream: string): Promise<void>;
  describeLogStreams(group: string, q: DescribeLogStreamsQuery): Promise<Page<LogStreamInfo>>;
  /** Events in chronological order; `sequenceToken` as CloudWatch checks it (core's decideSequence). */
  putLogEvents(group: string, stream: string, events: InputLogEvent[], sequenceToken?: string): Promise<PutLogEventsResult>;
  getLogEvents(group: string, stream: string, q: GetLogEventsQuery): Promise<GetLogEventsResult>;
  filterLogEvents(group: string, q: FilterLogEventsQuery): Promise<Page<StoredLogEvent>>;
  /** Removes what retention has expired (whole segments, whole day partitions); reads already hide it. */
  enforceRetention(): Promise<void>;
  close(): Promise<void>;
}

export interface LogStoreOptions {
  /** Epoch milliseconds (tests move it to see retention work). */
  now?: () => number;
}

export const groupNotFound = () => new BerthError('ResourceNotFoundException', 'The specified log group does not exist.', 'logGroupName');
export const streamNotFound = () => new BerthError('ResourceNotFoundException', 'The specified log stream does not exist.', 'logStreamName');
export const groupExists = () => new BerthError('ResourceAlreadyExistsException', 'The specified log group already exists', 'logGroupName');
export const streamExists = () => new BerthError('ResourceAlreadyExistsException', 'The specified log stream already exists', 'logStreamName');

/** CloudWatch's retention values (PutRetentionPolicy refuses others). */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function checkRetention(days: number): void {
  if (!RETENTION_DAYS.includes(days)) {
    throw new BerthError('InvalidParameterException', `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`, 'retentionInDays');
  }
}

/** The earliest timestamp a group's retention still shows (events older are gone, even before removal). */
export function retentionFloor(retentionInDays: number | undefined, nowMs: number): number {
  return retentionInDays ? nowMs - retentionInDays * 86_400_000 : -Infinity;
}

/** What a backend writes for an accepted batch: its number, fingerprint and the events kept. */
export interface AcceptedBatch {
  batch: number;
  hash: string;
  ingestionTime: number;
  events: InputLogEvent[];
  /** The kept events' messages in UTF-8 bytes. */
  bytes: number;
  result: PutLogEventsResult;
}

/**
 * The one decision of a PutLogEvents, for both backends: limits and rejected events (core's
 * checkLogEventBatch), then the sequence token (core's decideSequence, which throws the retry's
 * DataAlreadyAcceptedException or InvalidSequenceTokenException). The fingerprint covers the whole batch
 * as sent, so a retry is recognised even when some of its events were rejected.
 */
export function acceptBatch(events: InputLogEvent[], token: string | undefined, seq: StreamSequence, retentionInDays: number | undefined, nowMs: number): AcceptedBatch {
  const checked = checkLogEventBatch(events, nowMs, retentionInDays);
  const hash = logBatchHash(events, checked.messageBytes);
  const d = decideSequence(seq, token, hash);
  if (d.kind !== 'accept') throw d.error;
  return {
    batch: d.batch, hash, ingestionTime: nowMs, events: checked.accepted, bytes: checked.acceptedBytes,
    result: { nextSequenceToken: sequenceToken(d.batch + 1), ...(checked.rejected ? { rejectedLogEventsInfo: checked.rejected } : {}) },
  };
}
