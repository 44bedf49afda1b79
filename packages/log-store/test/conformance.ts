// One behavioural suite for every LogStore backend: the embedded segment files and ClickHouse must answer
// CloudWatch Logs' calls the same way, so both run exactly these tests.
import type tap from 'tap';
import { parseFilterPattern, type BerthError, type InputLogEvent } from '@berth/core';
import type { LogStore } from '../src/log-store.js';

export type Tap = Parameters<Parameters<typeof tap.test>[0]>[0];

export interface LogStoreFixture {
  store: LogStore;
  cleanup(): Promise<void>;
}

/** A clock the suite moves (retention); every store of the suite reads it. */
export interface Clock {
  ms: number;
}

const DAY = 86_400_000;

async function refusal(t: Tap, p: Promise<unknown>, name: string): Promise<BerthError> {
  const e = (await p.then(() => undefined, (err: unknown) => err)) as BerthError | undefined;
  t.equal(e?.ecsName, name, `refused with ${name}`);
  return e!;
}

export function logStoreConformance(t: Tap, name: string, makeStore: (clock: Clock) => Promise<LogStoreFixture>): void {
  const withStore = (title: string, fn: (t: Tap, s: LogStore, clock: Clock) => Promise<void>) =>
    t.test(`${name}: ${title}`, async (t) => {
      const clock: Clock = { ms: Date.UTC(2026, 0, 10, 12) };
      const f = await makeStore(clock);
      try {
        await fn(t, f.store, clock);
      } finally {
        await f.cleanup();
      }
    });

  const lines = (start: number, n: number, at: number, prefix = 'line') =>
    Array.from({ length: n }, (_, k): InputLogEvent => ({ timestamp: at + k, message: `${prefix} ${start + k}` }));

  withStore('groups: create, list by prefix in pages, retention, delete', async (t, s) => {
    await s.createLogGroup('/app/a');
    await s.createLogGroup('/app/b', { retentionInDays: 7 });
    await s.createLogGroup('/other');
    await refusal(t, s.createLogGroup('/app/a'), 'ResourceAlreadyExistsException');
    await refusal(t, s.createLogGroup('/bad', { retentionInDays: 2 }), 'InvalidParameterException');
    const first = await s.describeLogGroups({ logGroupNamePrefix: '/app/', limit: 1 });
    t.same(first.items.map((g) => g.logGroupName), ['/app/a']);
    const second = await s.describeLogGroups({ logGroupNamePrefix: '/app/', limit: 1, nextToken: first.nextToken! });
    t.same(second.items.map((g) => [g.logGroupName, g.retentionInDays]), [['/app/b', 7]]);
    t.notOk(second.nextToken, 'no page after the last');
    await s.putRetentionPolicy('/app/a', 30);
    await s.putRetentionPolicy('/app/b', undefined);
    const all = await s.describeLogGroups({ logGroupNamePattern: 'app' });
    t.same(all.items.map((g) => [g.logGroupName, g.retentionInDays]), [['/app/a', 30], ['/app/b', undefined]]);
    await s.deleteLogGroup('/app/a');
    await refusal(t, s.deleteLogGroup('/app/a'), 'ResourceNotFoundException');
    await refusal(t, s.createLogStream('/app/a', 'x'), 'ResourceNotFoundException');
    t.same((await s.describeLogGroups({})).items.map((g) => g.logGroupName), ['/app/b', '/other']);
  });

  withStore('sequence tokens: expected, retried after a lost answer, wrong; identical lines in two batches kept', async (t, s, clock) => {
    await s.createLogGroup('g');
    await s.createLogStream('g', 'st');
    await refusal(t, s.createLogStream('g', 'st'), 'ResourceAlreadyExistsException');
    await refusal(t, s.putLogEvents('g', 'missing', lines(0, 1, clock.ms)), 'ResourceNotFoundException');
    const batch = [{ timestamp: clock.ms, message: 'same line' }];
    const r1 = await s.putLogEvents('g', 'st', batch);
    // The answer was lost: the client sends the same batch again with the same (no) token.
    const again = await refusal(t, s.putLogEvents('g', 'st', batch), 'DataAlreadyAcceptedException');
    t.equal(again.message.split(' ').at(-1), r1.nextSequenceToken, "the expected token is the message's last word (Docker's awslogs driver reads it there)");
    t.same(again.members, { expectedSequenceToken: r1.nextSequenceToken });
    const wrong = await refusal(t, s.putLogEvents('g', 'st', lines(0, 1, clock.ms), '123'), 'InvalidSequenceTokenException');
    t.equal(wrong.message, `The given sequenceToken is invalid. The next expected sequenceToken is: ${r1.nextSequenceToken}`);
    await refusal(t, s.putLogEvents('g', 'st', lines(0, 1, clock.ms)), 'InvalidSequenceTokenException');
    // The same line at the same time in another batch is another event.
    const r2 = await s.putLogEvents('g', 'st', [{ timestamp: clock.ms, message: 'same line' }], r1.nextSequenceToken);
    t.not(r2.nextSequenceToken, r1.nextSequenceToken);
    const got = await s.getLogEvents('g', 'st', { startFromHead: true });
    t.same(got.events.map((e) => e.message), ['same line', 'same line'], 'the retry was written once, the second batch kept');
    const streams = await s.describeLogStreams('g', {});
    t.equal(streams.items[0]!.uploadSequenceToken, r2.nextSequenceToken);
    t.equal(streams.items[0]!.lastEventTimestamp, clock.ms);
    t.equal(streams.items[0]!.storedBytes, 18, "the stream's bytes: its messages' UTF-8 bytes");
    t.equal((await s.describeLogGroups({})).items[0]!.storedBytes, 18, "the group's: its streams'");
  });

  withStore('a message keeps every character: tabs, newlines, carriage returns, backslashes, quotes, NUL, non-ASCII', async (t, s, clock) => {
    await s.createLogGroup('g');
    await s.createLogStream('g', 'st');
    const messages = ['a\tb\nc\r\nd', 'back\\slash \\t \\n \\', "quotes ' \" `", 'nul \0 bell \x07 esc \x1b', 'héllo wörld 日本 🚀', '\\'];
    await s.putLogEvents('g', 'st', messages.map((message, k) => ({ timestamp: clock.ms + k, message })));
    t.same((await s.getLogEvents('g', 'st', { startFromHead: true })).events.map((e) => e.message), messages);
  });

  withStore('limits: order, size; too old, too new and expired events answered in rejectedLogEventsInfo', async (t, s, clock) => {
    await s.createLogGroup('g', { retentionInDays: 1 });
    await s.createLogStream('g', 'st');
    await refusal(t, s.putLogEvents('g', 'st', [{ timestamp: clock.ms, message: 'b' }, { timestamp: clock.ms - 1, message: 'a' }]), 'InvalidParameterException');
    await refusal(t, s.putLogEvents('g', 'st', [{ timestamp: clock.ms, message: 'x'.repeat(262_144) }]), 'InvalidParameterException');
    await refusal(t, s.putLogEvents('g', 'st', [{ timestamp: clock.ms - DAY - 1, message: 'a' }, { timestamp: clock.ms, message: 'b' }]), 'InvalidParameterException');
    await s.createLogGroup('forever');
    await s.createLogStream('forever', 'st');
    const old = await s.putLogEvents('forever', 'st', [
      { timestamp: clock.ms - 20 * DAY, message: 'too old' },
      { timestamp: clock.ms - 20 * DAY + 1, message: 'too old' },
    ]);
    t.same(old.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 2 }, 'over 14 days old');
    const r = await s.putLogEvents('g', 'st', [{ timestamp: clock.ms - 1500, message: 'kept 0' }]);
    const r1 = await s.putLogEvents('g', 'st', [
      { timestamp: clock.ms - DAY - 1000, message: 'expired' },
      { timestamp: clock.ms - 1000, message: 'kept 1' },
    ], r.nextSequenceToken);
    t.same(r1.rejectedLogEventsInfo, { expiredLogEventEndIndex: 1 });
    const r2 = await s.putLogEvents('g', 'st', [
      { timestamp: clock.ms, message: 'kept 2' },
      { timestamp: clock.ms + 3 * 3600_000, message: 'too new' },
    ], r1.nextSequenceToken);
    t.same(r2.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 1 });
    t.same((await s.getLogEvents('g', 'st', { startFromHead: true })).events.map((e) => e.message), ['kept 0', 'kept 1', 'kept 2']);
  });

  withStore('GetLogEvents: forward and backward tokens, a time window, the end repeats the token', async (t, s, clock) => {
    await s.createLogGroup('g');
    await s.createLogStream('g', 'st');
    const r = await s.putLogEvents('g', 'st', lines(0, 15, clock.ms));
    await s.putLogEvents('g', 'st', lines(15, 10, clock.ms + 15), r.nextSequenceToken);
    const tail = await s.getLogEvents('g', 'st', { limit: 10 });
    t.same(tail.events.map((e) => e.message), lines(15, 10, 0).map((e) => e.message), 'without a token: the newest events, oldest first');
    const back = await s.getLogEvents('g', 'st', { limit: 10, nextToken: tail.nextBackwardToken });
    t.same(back.events.map((e) => e.message), lines(5, 10, 0).map((e) => e.message));
    const seen: string[] = [];
    let token: string | undefined;
    for (let k = 0; k < 10; k++) {
      const page = await s.getLogEvents('g', 'st', { startFromHead: true, limit: 10, ...(token ? { nextToken: token } : {}) });
      seen.push(...page.events.map((e) => e.message));
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    t.same(seen, lines(0, 25, 0).map((e) => e.message), 'forward pages read every event once, in order, and end on a repeated token');
    const window = await s.getLogEvents('g', 'st', { startFromHead: true, startTime: clock.ms + 3, endTime: clock.ms + 6 });
    t.same(window.events.map((e) => e.timestamp), [clock.ms + 3, clock.ms + 4, clock.ms + 5], 'startTime inclusive, endTime exclusive');
    // A follower holding the forward token sees what arrives later.
    const more = await s.putLogEvents('g', 'st', lines(25, 2, clock.ms + 30), (await s.describeLogStreams('g', {})).items[0]!.uploadSequenceToken);
    t.ok(more.nextSequenceToken);
    t.same((await s.getLogEvents('g', 'st', { nextToken: token! })).events.map((e) => e.message), ['line 25', 'line 26']);
  });

  withStore('FilterLogEvents: streams interleaved by time, terms, JSON patterns, pages', async (t, s, clock) => {
    await s.createLogGroup('g');
    await s.createLogStream('g', 'web/1');
    await s.createLogStream('g', 'web/2');
    await s.createLogStream('g', 'db/1');
    await s.putLogEvents('g', 'web/1', [
      { timestamp: clock.ms, message: '{"level":"error","latency":250,"msg":"timeout"}' },
      { timestamp: clock.ms + 2, message: 'GET /health 200' },
      { timestamp: clock.ms + 4, message: 'ERROR disk full' },
    ]);
    await s.putLogEvents('g', 'web/2', [
      { timestamp: clock.ms + 1, message: '{"level":"info","latency":20,"msg":"ok"}' },
      { timestamp: clock.ms + 3, message: 'ERROR Exiting now' },
    ]);
    await s.putLogEvents('g', 'db/1', [{ timestamp: clock.ms + 1, message: 'ERROR in db' }]);
    const all = await s.filterLogEvents('g', { pattern: parseFilterPattern(''), logStreamNamePrefix: 'web/' });
    t.same(all.items.map((e) => `${e.logStreamName} ${e.timestamp - clock.ms}`), ['web/1 0', 'web/2 1', 'web/1 2', 'web/2 3', 'web/1 4']);
    t.equal(new Set(all.items.map((e) => e.eventId)).size, 5, 'event ids are unique');
    const msgs = async (pattern: string, streams?: string[]) =>
      (await s.filterLogEvents('g', { pattern: parseFilterPattern(pattern), ...(streams ? { logStreamNames: streams } : {}) })).items.map((e) => e.message);
    t.same(await msgs('ERROR -Exiting'), ['ERROR in db', 'ERROR disk full']);
    t.same(await msgs('"disk full"'), ['ERROR disk full']);
    t.same(await msgs('{ $.level = "error" }'), ['{"level":"error","latency":250,"msg":"timeout"}']);
    t.same(await msgs('{ $.latency < 100 || $.msg = "time*" }'), ['{"level":"error","latency":250,"msg":"timeout"}', '{"level":"info","latency":20,"msg":"ok"}']);
    t.same(await msgs('ERROR', ['db/1']), ['ERROR in db']);
    const p1 = await s.filterLogEvents('g', { pattern: parseFilterPattern('ERROR'), limit: 2 });
    t.same(p1.items.map((e) => e.message), ['ERROR in db', 'ERROR Exiting now']);
    const p2 = await s.filterLogEvents('g', { pattern: parseFilterPattern('ERROR'), limit: 2, nextToken: p1.nextToken! });
    t.same(p2.items.map((e) => e.message), ['ERROR disk full']);
    t.notOk(p2.nextToken);
  });

  withStore('streams: by name with a prefix, by last event time; deleted streams and groups leave nothing behind', async (t, s, clock) => {
    await s.createLogGroup('g');
    for (const n of ['b', 'a', 'c']) await s.createLogStream('g', n);
    await s.putLogEvents('g', 'c', lines(0, 1, clock.ms));
    await s.putLogEvents('g', 'a', lines(0, 1, clock.ms + 5));
    t.same((await s.describeLogStreams('g', {})).items.map((x) => x.logStreamName), ['a', 'b', 'c']);
    t.same((await s.describeLogStreams('g', { orderBy: 'LastEventTime', descending: true })).items.map((x) => x.logStreamName), ['a', 'c', 'b']);
    await s.deleteLogStream('g', 'a');
    await refusal(t, s.getLogEvents('g', 'a', {}), 'ResourceNotFoundException');
    await s.createLogStream('g', 'a');
    t.same((await s.getLogEvents('g', 'a', {})).events, [], 'a stream made again starts empty');
    t.notOk((await s.describeLogStreams('g', { logStreamNamePrefix: 'a' })).items[0]!.uploadSequenceToken, 'and takes no token');
    await s.deleteLogGroup('g');
    await s.createLogGroup('g');
    t.same((await s.describeLogStreams('g', {})).items, [], 'a group made again has no streams');
  });

  withStore('retention: expired events leave reads at once and storage when their day has passed', async (t, s, clock) => {
    await s.createLogGroup('g', { retentionInDays: 1 });
    await s.createLogGroup('forever');
    await s.createLogStream('g', 'st');
    await s.createLogStream('forever', 'st');
    await s.putLogEvents('g', 'st', lines(0, 3, clock.ms));
    await s.putLogEvents('forever', 'st', lines(0, 3, clock.ms));
    clock.ms += 3 * DAY;
    await s.enforceRetention();
    t.same((await s.getLogEvents('g', 'st', { startFromHead: true })).events, []);
    t.same((await s.filterLogEvents('g', { pattern: parseFilterPattern('') })).items, []);
    t.equal((await s.getLogEvents('forever', 'st', { startFromHead: true })).events.length, 3, 'a group without retention keeps its events');
    // The stream's sequence outlives its events.
    const r = await s.putLogEvents('g', 'st', lines(3, 1, clock.ms), (await s.describeLogStreams('g', {})).items[0]!.uploadSequenceToken);
    t.ok(r.nextSequenceToken);
    t.same((await s.getLogEvents('g', 'st', { startFromHead: true })).events.map((e) => e.message), ['line 3']);
  });
}
