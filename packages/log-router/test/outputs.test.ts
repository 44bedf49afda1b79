// The outputs' pure parts, with tables: the configuration (Fluent Bit's option names, case-insensitive;
// what is not supported refused by name), syslog's two formats, the file output's lines, tag matching,
// and how many events CloudWatch's rejectedLogEventsInfo refuses.
import t from 'tap';
import { ConfigError, buildOutputs, formatFileLine, formatSyslog, parseConfig, rejectedCount, tagMatcher, type BufferedEntry } from '../src/index.js';

const entry: BufferedEntry = { tag: 'app-firelens-1234', timeMs: Date.UTC(2026, 11, 2, 9, 5, 7, 250), record: { log: 'hello world', level: 'err', source: 'stdout' } };

t.test('the configuration: Fluent Bit\'s outputs and options, keys in any case', async (t) => {
  const { outputs: [o], record } = parseConfig(JSON.stringify({ outputs: [{ Name: 'cloudwatch_logs', Match: 'app-*', Log_Group_Name: '/ecs/app', log_stream_prefix: 'fl-', region: 'us-east-1', auto_create_group: true }], record: { ecs_cluster: 'c' } }));
  t.same(o, { name: 'cloudwatch_logs', match: 'app-*', options: { log_group_name: '/ecs/app', log_stream_prefix: 'fl-', region: 'us-east-1', auto_create_group: 'true' } });
  t.same(record, { ecs_cluster: 'c' });
  t.same(parseConfig('{"outputs":[]}'), { outputs: [], record: {} }, 'no outputs yet: a FireLens task whose containers log elsewhere');
});

const refused: [string, object, RegExp][] = [
  ['no outputs list', { outputs: {} }, /outputs: a list of outputs is required/],
  ['a section the router lacks', { outputs: [], filters: [] }, /filters: berth-log-router's configuration has outputs and record only/],
  ['a record field that is not a string', { outputs: [], record: { n: 1 } }, /record: an object of string fields/],
  ['an output Berth lacks', { outputs: [{ Name: 'kinesis_firehose' }] }, /outputs\[0\]\.Name: the output kinesis_firehose is not supported/],
  ['an option the output lacks', { outputs: [{ Name: 'cloudwatch_logs', log_group_name: 'g', role_arn: 'arn:aws:iam::1:role/x' }] }, /outputs\[0\]\.role_arn: the cloudwatch_logs output has no option role_arn/],
  ['no Name', { outputs: [{ Match: '*' }] }, /outputs\[0\]\.Name is required/],
];
for (const [name, doc, re] of refused) t.test(`refused: ${name}`, async (t) => t.throws(() => parseConfig(JSON.stringify(doc)), re));

const buildRefused: [string, object, object, RegExp][] = [
  ['cloudwatch_logs without an endpoint (never to AWS)', { Name: 'cloudwatch_logs', log_group_name: 'g', log_stream_prefix: 'p', region: 'r' }, {}, /endpoint is required: Berth ships logs to its own control plane, never to AWS/],
  ['cloudwatch_logs with both stream options', { Name: 'cloudwatch_logs', log_group_name: 'g', log_stream_prefix: 'p', log_stream_name: 's', region: 'r', endpoint: 'http://127.0.0.1:1' }, {}, /exactly one of log_stream_name and log_stream_prefix/],
  ['cloudwatch_logs with a record-accessor template', { Name: 'cloudwatch_logs', log_group_name: '$(kubernetes[\'pod\'])', log_stream_prefix: 'p', region: 'r', endpoint: 'http://127.0.0.1:1' }, {}, /only the template \$\(tag\)/],
  ['syslog over TLS', { Name: 'syslog', host: '127.0.0.1', mode: 'tls', syslog_message_key: 'log' }, {}, /syslog\.mode: tls is not supported/],
  ['syslog without a message key', { Name: 'syslog', host: '127.0.0.1' }, {}, /syslog\.syslog_message_key is required/],
  ['file without a path', { Name: 'file' }, {}, /file\.path is required/],
];
for (const [name, output, env, re] of buildRefused) {
  t.test(`refused at start: ${name}`, async (t) => {
    const err = (() => { try { buildOutputs(parseConfig(JSON.stringify({ outputs: [output] })).outputs, env as NodeJS.ProcessEnv); } catch (e) { return e; } })();
    t.ok(err instanceof ConfigError, 'a configuration error');
    t.match((err as Error).message, re);
  });
}

t.test('syslog: RFC 5424 and RFC 3164, fields from keys or presets', async (t) => {
  const fields = (format: 'rfc5424' | 'rfc3164', keys: Record<string, string | undefined>) => ({
    format, maxSize: 2048, messageKey: 'log',
    field: (e: BufferedEntry, name: string) => (keys[`${name}_key`] !== undefined ? String(e.record[keys[`${name}_key`]!] ?? '') || undefined : keys[`${name}_preset`]),
  });
  t.equal(formatSyslog(entry, fields('rfc5424', { severity_key: 'level', hostname_preset: 'pi-1', appname_preset: 'app' })),
    '<11>1 2026-12-02T09:05:07.250Z pi-1 app - - - hello world', 'facility 1 (user), severity err (3)');
  t.equal(formatSyslog(entry, fields('rfc3164', { hostname_preset: 'pi-1', appname_preset: 'app' })), '<14>Dec  2 09:05:07 pi-1 app: hello world', 'info by default');
  t.equal(formatSyslog({ ...entry, record: { other: 1 } }, fields('rfc5424', {})), undefined, 'no message key: nothing to send');
});

t.test('file: Fluent Bit\'s out_file lines and plain records', async (t) => {
  const seconds = Math.floor(entry.timeMs / 1000);
  t.equal(formatFileLine(entry, 'out_file'), `app-firelens-1234: [${seconds}.250000000, {"log":"hello world","level":"err","source":"stdout"}]\n`);
  t.equal(formatFileLine(entry, 'plain'), '{"log":"hello world","level":"err","source":"stdout"}\n');
});

t.test('Match: * stands for any run, the rest for itself', async (t) => {
  const table: [string, string, boolean][] = [
    ['*', 'anything', true], ['app-firelens-*', 'app-firelens-1234', true], ['app-firelens-*', 'web-firelens-1', false],
    ['a.b', 'a.b', true], ['a.b', 'axb', false], ['*-firelens-*', 'x-firelens-y', true],
  ];
  for (const [pattern, tag, want] of table) t.equal(tagMatcher(pattern)(tag), want, `${pattern} ~ ${tag}`);
});

t.test('CloudWatch\'s rejectedLogEventsInfo: how many of a batch it refused', async (t) => {
  const table: [Parameters<typeof rejectedCount>[0], number, number][] = [
    [undefined, 10, 0], [{ tooOldLogEventEndIndex: 2 }, 10, 3], [{ tooNewLogEventStartIndex: 7 }, 10, 3],
    [{ expiredLogEventEndIndex: 0, tooNewLogEventStartIndex: 9 }, 10, 2], [{ tooOldLogEventEndIndex: 9 }, 10, 10],
  ];
  for (const [info, n, want] of table) t.equal(rejectedCount(info, n), want, JSON.stringify(info));
});
