// Fluent Bit's `cloudwatch_logs` output, shipping to Berth's CloudWatch Logs API (never to AWS: an endpoint
// is required, from the option or AWS_ENDPOINT_URL, which the agent sets for a task). Streams are named
// `log_stream_name`, or `log_stream_prefix` + the tag; `$(tag)` may stand in either name.
//
// Nothing doubled across a crash: the stream's sequence token is part of the state the shipper saves
// with its position, and the shipper resends a batch with the same bounds after a crash, so a batch that
// landed just before the crash is answered DataAlreadyAcceptedException and counted as delivered. (A
// shipper batch is at most 10,000 entries and 256 KiB of its buffer, so each stream gets one PutLogEvents per batch.)
import type { BufferedEntry } from '../disk-buffer.js';
import { ConfigError, booleanOption, integerOption, type OutputConfig } from '../config.js';
import { awsJsonClient, AwsError, type AwsJsonClient } from '../aws-json-client.js';
import type { CredentialSource } from '../credentials.js';
import { messageOf, tagMatcher, type Output, type SendResult } from './output.js';

/** CloudWatch's limit on one event's message (256 KiB less the 26 bytes it counts per event). */
export const MAX_EVENT_BYTES = 262_144 - 26;

interface State {
  tokens: Record<string, string>;
}

function template(c: OutputConfig, key: string): ((tag: string) => string) | undefined {
  const v = c.options[key];
  if (v === undefined) return undefined;
  const rest = v.replaceAll('$(tag)', '');
  if (rest.includes('$(')) throw new ConfigError(`cloudwatch_logs.${key}: only the template $(tag) is supported`);
  return (tag) => v.replaceAll('$(tag)', tag);
}

function endpointOf(c: OutputConfig, env: NodeJS.ProcessEnv): string {
  const e = c.options['endpoint'] ?? env['AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'] ?? env['AWS_ENDPOINT_URL'];
  if (!e) throw new ConfigError('cloudwatch_logs.endpoint is required: Berth ships logs to its own control plane, never to AWS (the agent sets AWS_ENDPOINT_URL for a task)');
  return /^https?:\/\//.test(e) ? e : `https://${e}`;
}

/** How many events of a batch CloudWatch refused, from PutLogEvents' rejectedLogEventsInfo. */
export function rejectedCount(info: { tooNewLogEventStartIndex?: number; tooOldLogEventEndIndex?: number; expiredLogEventEndIndex?: number } | undefined, n: number): number {
  if (!info) return 0;
  const old = Math.max(info.tooOldLogEventEndIndex ?? -1, info.expiredLogEventEndIndex ?? -1) + 1;
  const tooNew = info.tooNewLogEventStartIndex !== undefined ? n - info.tooNewLogEventStartIndex : 0;
  return Math.min(n, old + tooNew);
}

export function cloudwatchOutput(c: OutputConfig, index: number, credentials: CredentialSource, env: NodeJS.ProcessEnv = process.env): Output {
  const region = c.options['region'] ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
  if (!region) throw new ConfigError('cloudwatch_logs.region is required');
  const group = template(c, 'log_group_name');
  if (!group) throw new ConfigError('cloudwatch_logs.log_group_name is required');
  const streamName = template(c, 'log_stream_name');
  const prefix = c.options['log_stream_prefix'];
  if ((streamName === undefined) === (prefix === undefined)) throw new ConfigError('cloudwatch_logs: exactly one of log_stream_name and log_stream_prefix is required');
  const stream = streamName ?? ((tag: string) => `${prefix}${tag}`);
  const autoCreate = booleanOption(c, 'auto_create_group', false);
  const retentionDays = c.options['log_retention_days'] !== undefined ? integerOption(c, 'log_retention_days', 0, 1, 3653) : undefined;
  const logKey = c.options['log_key'];
  const client: AwsJsonClient = awsJsonClient({
    endpoint: endpointOf(c, env), region, service: 'logs', targetPrefix: 'Logs_20140328', credentials,
    userAgent: `berth-log-router${c.options['extra_user_agent'] ? ` ${c.options['extra_user_agent']}` : ''}`,
    ...(env['AWS_CA_BUNDLE'] ? { caBundle: env['AWS_CA_BUNDLE'] } : {}),
  });
  const ignoreExists = (err: unknown) => {
    if (!(err instanceof AwsError && err.type === 'ResourceAlreadyExistsException')) throw err;
  };

  async function createStream(logGroupName: string, logStreamName: string): Promise<void> {
    try {
      await client.call('CreateLogStream', { logGroupName, logStreamName });
    } catch (err) {
      if (!(err instanceof AwsError && err.type === 'ResourceNotFoundException' && autoCreate)) return ignoreExists(err);
      await client.call('CreateLogGroup', { logGroupName }).catch(ignoreExists);
      if (retentionDays !== undefined) await client.call('PutRetentionPolicy', { logGroupName, retentionInDays: retentionDays });
      await client.call('CreateLogStream', { logGroupName, logStreamName }).catch(ignoreExists);
    }
  }

  /** One stream's events in one PutLogEvents; returns how many CloudWatch refused. */
  async function put(logGroupName: string, logStreamName: string, logEvents: { timestamp: number; message: string }[], tokens: Record<string, string>): Promise<number> {
    const key = `${logGroupName}\n${logStreamName}`;
    for (let attempt = 0; ; attempt++) {
      try {
        const token = tokens[key];
        const out = await client.call('PutLogEvents', { logGroupName, logStreamName, logEvents, ...(token ? { sequenceToken: token } : {}) });
        if (typeof out['nextSequenceToken'] === 'string') tokens[key] = out['nextSequenceToken'];
        return rejectedCount(out['rejectedLogEventsInfo'] as Parameters<typeof rejectedCount>[0], logEvents.length);
      } catch (err) {
        if (!(err instanceof AwsError) || attempt >= 3) throw err;
        const expected = err.body['expectedSequenceToken'];
        if (err.type === 'DataAlreadyAcceptedException') {
          if (typeof expected === 'string') tokens[key] = expected;
          return 0;
        }
        if (err.type === 'InvalidSequenceTokenException') {
          if (typeof expected === 'string') tokens[key] = expected;
          else delete tokens[key];
        } else if (err.type === 'ResourceNotFoundException') {
          await createStream(logGroupName, logStreamName);
          delete tokens[key];
        } else {
          throw err;
        }
      }
    }
  }

  return {
    name: `cloudwatch_logs.${index}`,
    matches: tagMatcher(c.match),
    async send(given: Iterable<BufferedEntry>, state: unknown): Promise<SendResult> {
      const tokens = { ...((state as State | undefined)?.tokens ?? {}) };
      const byStream = new Map<string, { group: string; stream: string; events: { timestamp: number; message: string }[] }>();
      let rejected = 0;
      // Only the messages are kept past this loop: the entries (their whole records) can go while a
      // PutLogEvents waits for its answer.
      let entries: Iterable<BufferedEntry> | undefined = given;
      for (const e of entries) {
        const message = messageOf(e.record, logKey);
        if (message === undefined || message === '') {
          rejected++;
          continue;
        }
        const g = group(e.tag);
        const s = stream(e.tag);
        const k = `${g}\n${s}`;
        if (!byStream.has(k)) byStream.set(k, { group: g, stream: s, events: [] });
        byStream.get(k)!.events.push({ timestamp: e.timeMs, message: Buffer.byteLength(message) > MAX_EVENT_BYTES ? Buffer.from(message).subarray(0, MAX_EVENT_BYTES).toString('utf8') : message });
      }
      entries = undefined;
      for (const { group: g, stream: s, events } of byStream.values()) {
        // CloudWatch wants a call's events in time order; a stable sort keeps a line's order within a millisecond.
        events.sort((a, b) => a.timestamp - b.timestamp);
        rejected += await put(g, s, events, tokens);
      }
      return { rejected, state: { tokens } satisfies State };
    },
  };
}
