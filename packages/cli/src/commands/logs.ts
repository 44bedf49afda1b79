// berth logs --group GROUP [--stream-prefix P] [--filter PATTERN] [--since 10m] [-f]: a CloudWatch Logs
// group's events in time order across its streams (FilterLogEvents over gRPC, through the same seam and
// policy check as `aws logs`), as `aws logs tail` prints them: TIME STREAM MESSAGE, or -o json one
// FilteredLogEvent per line. -f polls for what arrives next, as `aws logs tail --follow` does: from the
// last timestamp seen, skipping the events of that millisecond already printed.
import { LOGS_API, parseGoDuration, type Logs } from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';

export interface LogsOptions {
  group?: string;
  streamPrefix?: string;
  filter?: string;
  since?: string;
  follow?: boolean;
}

/** How often -f asks for more. */
const FOLLOW_EVERY_MS = 1000;

export async function logs(ctx: CommandContext, opts: LogsOptions): Promise<void> {
  if (!opts.group) throw new UsageError('missing TASK or --group GROUP');
  let startTime = opts.since !== undefined ? Date.now() - parseGoDuration(opts.since, '--since') : undefined;
  const seenAtLast = new Set<string>();
  const print = (e: Logs.FilteredLogEvent) => {
    if (ctx.output === 'json') ctx.out(JSON.stringify(e) + '\n');
    else ctx.out(`${new Date(e.timestamp!).toISOString()} ${e.logStreamName} ${e.message}\n`);
  };
  for (;;) {
    let nextToken: string | undefined;
    do {
      const page = (await ctx.client.callApi(LOGS_API, 'FilterLogEvents', {
        logGroupName: opts.group,
        ...(opts.streamPrefix !== undefined ? { logStreamNamePrefix: opts.streamPrefix } : {}),
        ...(opts.filter !== undefined ? { filterPattern: opts.filter } : {}),
        ...(startTime !== undefined ? { startTime } : {}),
        ...(nextToken !== undefined ? { nextToken } : {}),
      })) as Logs.FilterLogEventsResponse;
      for (const e of page.events ?? []) {
        if (seenAtLast.has(e.eventId!)) continue;
        if (e.timestamp !== startTime) seenAtLast.clear();
        startTime = e.timestamp!;
        seenAtLast.add(e.eventId!);
        print(e);
      }
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    if (!opts.follow) return;
    await new Promise((r) => setTimeout(r, FOLLOW_EVERY_MS));
  }
}
