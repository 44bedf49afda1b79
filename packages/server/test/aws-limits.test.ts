// Limits before work on the AWS listener, driven over raw sockets: a body over the API's cap, an unsigned
// request and an unknown key are refused from their headers alone, without reading (or waiting for) the
// body; clients that stall in their headers or their body are timed out; open connections are capped; what
// a stalled request held is given back (asserted on the listener's count of buffered bytes); an aborted
// request is one log line. And the gRPC listener's message size cap.
import t from 'tap';
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthError, ECS_API } from '@berth/core';
import { AdmissionGate, BerthClient, SHEDDING_RATE, defaultHooks, type Logger, type Ticket } from '@berth/api';
import { startServer } from '../src/index.js';
import { startAwsListener } from '../src/aws/listener.js';
import { amzDate, signedHeaders, userWithKey, type Creds } from './aws-clients.js';
import { sleep, until, adminClient } from './helpers.js';

const LIMITS = { maxConnections: 4, headersTimeoutMs: 600, requestTimeoutMs: 1_500, keepAliveTimeoutMs: 500, bodyBytes: { ecs: 256 * 1024 } };
const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
const keep = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields: fields ?? {} });
const log: Logger = { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };

const dir = mkdtempSync(join(tmpdir(), 'berth-aws-limits-'));
const server = await startServer({
  listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log,
  ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml'), awsLimits: LIMITS, grpc: { maxReceiveMessageBytes: 64 * 1024 },
});
const client = adminClient(join(dir, 'config.yaml'));
const aws = server.aws!;
const endpoint = `http://${server.ecsAddr}`;
const creds: Creds = await userWithKey(client, 'limits');
const sockets: Socket[] = [];
t.teardown(async () => {
  for (const s of sockets) s.destroy();
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw connection: what it received, and when it closed. */
function open(): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect(aws.port, '127.0.0.1', () => resolve({ socket, received: () => data, closed }));
    sockets.push(socket);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('data', (d) => { data += d.toString(); });
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

/** The head of a ListClusters request declaring `length` bytes of body, signed or not. */
function head(length: number, sign: Creds | undefined): string {
  const body = 'x'.repeat(Math.min(length, 16));
  const base = { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${ECS_API.targetPrefix}.ListClusters` };
  const headers = sign ? signedHeaders(endpoint, sign, 'ecs', 'POST', '/', base, body) : base;
  return `POST / HTTP/1.1\r\nHost: ${new URL(endpoint).host}\r\nContent-Length: ${length}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
}

t.test('refused from the headers alone, without waiting for the body', async (t) => {
  const cases: [string, number, Creds | undefined, RegExp][] = [
    ['a body over ECS\'s cap', 1024 * 1024, creds, /^HTTP\/1.1 413 [\s\S]*RequestEntityTooLargeException/],
    ['an unsigned request', 100, undefined, /^HTTP\/1.1 403 [\s\S]*MissingAuthenticationTokenException/],
    ['an unknown key', 100, { id: 'AKIAAAAAAAAAAAAAAAAA', secret: creds.secret }, /^HTTP\/1.1 400 [\s\S]*UnrecognizedClientException/],
  ];
  for (const [what, length, sign, answer] of cases) {
    const c = await open();
    c.socket.write(head(length, sign));
    // No body is ever sent: the answer comes from the headers, and the connection closes unread.
    await c.closed;
    t.match(c.received(), answer, what);
    t.match(c.received(), /Connection: close/i, `${what}: the connection is not reused`);
  }
  t.equal(aws.stats().bufferedBytes, 0, 'no body was buffered');
});

t.test('a client stalled in its headers is timed out', async (t) => {
  const c = await open();
  c.socket.write(`POST / HTTP/1.1\r\nHost: ${new URL(endpoint).host}\r\n`);
  await c.closed;
  t.match(c.received(), /^HTTP\/1.1 408 /, 'answered 408 and closed by the server');
});

t.test('a client stalled in its body is timed out; what it held is given back; one log line', async (t) => {
  const c = await open();
  c.socket.write(head(100_000, creds) + 'y'.repeat(30_000));
  await until('the partial body buffered', () => aws.stats().bufferedBytes === 30_000, 5_000, 10);
  await c.closed;
  await until('the buffer freed', () => aws.stats().bufferedBytes === 0, 5_000, 10);
  const aborted = lines.filter((l) => l.msg === 'request aborted');
  t.equal(aborted.length, 1, 'one log line');
  t.notMatch(JSON.stringify(aborted), /\n\s+at /, 'no stack trace');
  t.equal(lines.filter((l) => l.level === 'error').length, 0, 'nothing logged as an error');
});

t.test('open connections are capped and stalled ones are all given back', async (t) => {
  const stalled = await Promise.all(Array.from({ length: 10 }, () => open()));
  for (const c of stalled) c.socket.write(head(200_000, creds) + 'z'.repeat(20_000));
  await new Promise((r) => setTimeout(r, 200));
  const { connections, bufferedBytes } = aws.stats();
  t.ok(connections <= LIMITS.maxConnections, `at most ${LIMITS.maxConnections} open (${connections})`);
  t.ok(bufferedBytes <= LIMITS.maxConnections * 20_000, `buffered bytes bounded by the cap (${bufferedBytes})`);
  await Promise.all(stalled.map((c) => c.closed));
  await until('every connection gone', () => aws.stats().connections === 0 && aws.stats().bufferedBytes === 0, 5_000, 10);
  const headers = signedHeaders(endpoint, creds, 'ecs', 'POST', '/', { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${ECS_API.targetPrefix}.ListClusters` }, '{}');
  t.equal((await fetch(endpoint + '/', { method: 'POST', headers, body: '{}' })).status, 200, 'and the listener serves again');
});

t.test('a request timeout shorter than the headers timeout bounds both', async (t) => {
  const quick = await startAwsListener({ host: '127.0.0.1', port: 0, log, tables: [], hooks: defaultHooks(log), limits: { requestTimeoutMs: 400 } });
  t.teardown(() => quick.close());
  const socket = connect(quick.port, '127.0.0.1');
  socket.on('error', () => {});
  socket.resume();
  socket.write('POST / HTTP/1.1\r\nHost: x\r\n');
  await new Promise((r) => socket.once('close', r));
  t.pass('closed within the request timeout');
});

t.test('a request refused for load is refused before its access key is looked up, and its connection carries the next one', async (t) => {
  let lookups = 0;
  let refuse = true;
  const hooks = { ...defaultHooks(log), admit: async () => {
    if (refuse) throw new BerthError('ThrottlingException', 'Rate exceeded (test)');
    return () => {};
  } };
  const shed = await startAwsListener({ host: '127.0.0.1', port: 0, log, tables: [], hooks, keys: async () => (lookups++, undefined) });
  t.teardown(() => shed.close());
  const socket = connect(shed.port, '127.0.0.1');
  let data = '';
  socket.on('data', (d) => { data += d.toString(); });
  const request = (body: string) => {
    const base = { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${ECS_API.targetPrefix}.ListClusters` };
    const headers = signedHeaders(`http://127.0.0.1:${shed.port}`, creds, 'ecs', 'POST', '/', base, body);
    return `POST / HTTP/1.1\r\nHost: 127.0.0.1:${shed.port}\r\nContent-Length: ${body.length}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
  };
  socket.write(request('{}'));
  await until('the refusal', () => /ThrottlingException/.test(data));
  t.match(data, /^HTTP\/1\.1 400/, 'answered at once, in the JSON protocol\'s error');
  t.notMatch(data, /Connection: close/i, 'the body was read: the connection stays');
  t.equal(lookups, 0, 'no access key looked up');
  refuse = false;
  data = '';
  socket.write(request('{}'));
  await until('the second answer', () => /UnrecognizedClient/.test(data));
  t.equal(lookups, 1, 'once admitted, the same connection\'s next request is authenticated');
  socket.destroy();
});

t.test('a request takes its turn in its lane, known from its headers before its body', async (t) => {
  const lanes: (string | undefined)[] = [];
  const hooks = { ...defaultHooks(log), admit: async (ticket: { lane?: string }) => {
    lanes.push(ticket.lane);
    throw new BerthError('ThrottlingException', 'Rate exceeded (test)');
  } };
  const gate = await startAwsListener({ host: '127.0.0.1', port: 0, log, tables: [], hooks });
  t.teardown(() => gate.close());
  const url = `http://127.0.0.1:${gate.port}`;
  const json = (action: string) => fetch(`${url}/`, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${ECS_API.targetPrefix}.${action}` }, body: '{}' });
  const rows: [string, () => Promise<Response>, string][] = [
    ['JSON: RunTask by its X-Amz-Target', () => json('RunTask'), 'mutating'],
    ['JSON: DescribeTasks', () => json('DescribeTasks'), 'read-only'],
    ['query, GET with its Action', () => fetch(`${url}/?Action=ListUsers&Version=2010-05-08`), 'read-only'],
    ['query, POST: its Action is in the body, not read yet', () => fetch(`${url}/`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'Action=ListUsers&Version=2010-05-08' }), 'mutating'],
    ['REST: a GET reads', () => fetch(`${url}/schedules`), 'read-only'],
    ['REST: a POST', () => fetch(`${url}/schedules/s`, { method: 'POST', body: '{}' }), 'mutating'],
  ];
  for (const [what, send, lane] of rows) {
    const res = await send();
    await res.arrayBuffer();
    t.equal(lanes.at(-1), lane, what);
  }
  t.equal(lanes.length, rows.length, 'one turn asked each');
});

t.test('a signed request read long after it was signed, on a server with requests arriving, is refused; the fresh ones of its connection are not', async (t) => {
  const gate = new AdmissionGate();
  const hooks = { ...defaultHooks(log), admit: (ticket: Ticket) => gate.admit(ticket), late: (ticket: Ticket, at: number) => gate.lateRefusal(ticket, at) };
  // The signatures are wrong: a fresh request is refused for its signature (after admission, its body
  // read, so the connection carries the next), an old one for its age (before).
  const aged = await startAwsListener({ host: '127.0.0.1', port: 0, log, tables: [], hooks, keys: async () => ({ secret: 'not-the-one', userName: 'u' }) });
  t.teardown(() => aged.close());
  const socket = connect(aged.port, '127.0.0.1');
  let data = '';
  socket.on('data', (d) => { data += d.toString(); });
  const answers = () => data.split('HTTP/1.1 ').length - 1;
  const send = (signedAt: number) => {
    const body = '{}';
    const headers = { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${ECS_API.targetPrefix}.ListClusters`, 'X-Amz-Date': amzDate(signedAt), Authorization: `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/${amzDate(signedAt).slice(0, 8)}/eu-north-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}` };
    socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
  };
  // Sent at once (pipelined), so that they arrive within the same second: a server with requests arriving.
  for (let i = 0; i < SHEDDING_RATE; i++) send(Date.now());
  await until('their answers', () => answers() === SHEDDING_RATE);
  t.notMatch(data, /ThrottlingException/, 'fresh requests: not refused for load');
  t.match(data, /InvalidSignatureException/);
  data = '';
  send(Date.now() - 20_000);
  await until('its answer', () => answers() === 1);
  t.match(data, /ThrottlingException/, 'signed 20 s before it was read: refused');
  t.match(data, /made (19|20|21) s ago/);
  t.equal(gate.refused, 1);
  socket.destroy();
});

t.test('gRPC: a message over the cap is refused', async (t) => {
  const big = 'v'.repeat(100 * 1024);
  const e = await client.call('RegisterTaskDefinition', { family: 'big', containerDefinitions: [{ name: 'a', image: 'i', memory: 8, environment: [{ name: 'X', value: big }] }] })
    .then(() => undefined, (x: Error) => x);
  t.match(e?.message, /larger than max/, 'RESOURCE_EXHAUSTED from the server');
  t.same((await client.call('ListTaskDefinitions', { familyPrefix: 'big' })).taskDefinitionArns, [], 'nothing registered');
});

t.test('gRPC: concurrent streams per connection are capped (a call waits for a stream to end)', async (t) => {
  const capped = await startServer({ listen: '127.0.0.1:0', store: server.ctx.store, log, insecure: true, grpc: { maxConcurrentStreams: 1 } });
  const c = new BerthClient(capped.addr);
  t.teardown(async () => {
    c.close();
    await capped.close();
  });
  await c.call('ListClusters', {});
  // One long stream on the connection (grpc-js shares one connection per target) takes the only slot.
  const stream = c.watchEvents({ follow: true });
  const pending = stream[Symbol.asyncIterator]().next();
  await sleep(200);
  let answered = false;
  const call = c.call('ListClusters', {}).then(() => { answered = true; });
  await sleep(500);
  t.notOk(answered, 'the second call waits while the stream holds the only slot');
  stream.cancel();
  await call;
  await pending.catch(() => {});
  t.ok(answered, 'and is served once the stream ends');
});
