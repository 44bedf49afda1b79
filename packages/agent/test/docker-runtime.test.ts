// DockerRuntime pieces that need no daemon: the events stream (split NDJSON, reconnect from the last
// event time on end and on error), port bindings and Docker's error messages.
import { PassThrough } from 'node:stream';
import t from 'tap';
import type Docker from 'dockerode';
import { DockerRuntime, bindingsFromPorts, dockerMessage, isNotFound, isUnavailable, type RuntimeEvent } from '../src/runtime/index.js';
import { captureLogger, until } from './fixtures.js';

function fakeDocker() {
  const calls: { since?: string; filters?: unknown }[] = [];
  const streams: PassThrough[] = [];
  let failNext = 0;
  const client = {
    createContainer() {},
    async getEvents(opts: { since?: string; filters?: unknown }) {
      calls.push(opts);
      if (failNext > 0) {
        failNext--;
        throw Object.assign(new Error('(HTTP code 500) server error'), { statusCode: 500, json: { message: 'daemon restarting' } });
      }
      const s = new PassThrough();
      streams.push(s);
      return s;
    },
  };
  return { client: client as unknown as Docker, calls, streams, failNextConnects: (n: number) => (failNext = n) };
}

const line = (o: object) => JSON.stringify(o) + '\n';

t.test('events: NDJSON split across chunks, reconnect on end and on error with since = last event', async (t) => {
  const f = fakeDocker();
  const cap = captureLogger();
  const rt = new DockerRuntime(f.client, cap.log);
  (rt as unknown as { retry: { min: number; max: number } }).retry = { min: 10, max: 20 };
  const got: RuntimeEvent[] = [];
  const before = Date.now() / 1000;
  const off = rt.events('lbl', 'v1', (e) => got.push(e));
  await until(() => f.streams.length === 1, 'connected');
  t.ok(Number(f.calls[0]!.since) >= before - 1, 'first connection replays from the subscription time');
  t.same(f.calls[0]!.filters, { type: ['container'], label: ['lbl=v1'] });

  const die = line({ Type: 'container', Action: 'die', Actor: { ID: 'c1', Attributes: { exitCode: '3', lbl: 'v1', name: 'x' } }, time: 1700000000, timeNano: 1700000000123456789 });
  f.streams[0]!.write(die.slice(0, 20));
  f.streams[0]!.write(die.slice(20) + line({ Type: 'container', Action: 'health_status: healthy', Actor: { ID: 'c1', Attributes: {} }, time: 1700000001, timeNano: 1700000001000000000 }));
  f.streams[0]!.write(line({ Type: 'network', Action: 'connect', Actor: { ID: 'n', Attributes: {} }, time: 1700000002, timeNano: 1700000002000000000 }));
  await until(() => got.length === 2, 'two container events');
  t.match(got[0], { id: 'c1', action: 'die', exitCode: 3, attributes: { name: 'x' } });
  t.equal(got[0]!.time, 1700000000123);
  t.equal(got[1]!.action, 'health_status');

  f.streams[0]!.end(); // EOF
  await until(() => f.streams.length === 2, 'reconnected after EOF');
  t.equal(f.calls[1]!.since, '1700000002.000000', 'resumes from the last event seen');

  f.failNextConnects(2);
  f.streams[1]!.destroy(new Error('socket hang up'));
  await until(() => f.streams.length === 3, 'reconnected after errors');
  t.equal(f.calls.length, 5, 'two failed connects, then success');
  t.ok(cap.lines().some((l) => l.msg === 'docker events stream lost, reconnecting'));
  t.ok(cap.lines().some((l) => l.msg === 'docker events stream reconnected'));
  f.streams[2]!.write(line({ Type: 'container', Action: 'start', Actor: { ID: 'c2', Attributes: {} }, time: 1700000003 }));
  await until(() => got.length === 3, 'events flow again');

  off();
  await new Promise((r) => setTimeout(r, 60));
  t.equal(f.streams.length, 3, 'no reconnect after unsubscribe');
  t.ok(f.streams[2]!.destroyed);
});

t.test('events: onReconnected after each loss, not on the first connection', async (t) => {
  const f = fakeDocker();
  const rt = new DockerRuntime(f.client);
  (rt as unknown as { retry: { min: number; max: number } }).retry = { min: 10, max: 20 };
  let reconnects = 0;
  const off = rt.events('lbl', 'v1', () => undefined, () => reconnects++);
  await until(() => f.streams.length === 1, 'connected');
  await new Promise((r) => setTimeout(r, 30));
  t.equal(reconnects, 0, 'the first connection is no reconnect');
  f.failNextConnects(1);
  f.streams[0]!.destroy(new Error('socket hang up'));
  await until(() => f.streams.length === 2, 'reconnected');
  await until(() => reconnects === 1, 'told once');
  f.streams[1]!.end();
  await until(() => reconnects === 2, 'told again after the next loss');
  off();
});

t.test('a daemon that does not answer is unavailable; one that answers an error is not', async (t) => {
  const gone = new DockerRuntime({ socketPath: `/tmp/berth-no-docker-${process.pid}.sock` });
  const err = await gone.inspect('x').catch((e: unknown) => e);
  t.ok(isUnavailable(err), 'connect ENOENT: unavailable');
  t.notOk(isNotFound(err));
  const client = { createContainer() {}, getContainer: () => ({ inspect: async () => Promise.reject(Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404, json: { message: 'No such container: x' } })) }) };
  const missing = await new DockerRuntime(client as unknown as Docker).inspect('x').catch((e: unknown) => e);
  t.ok(isNotFound(missing));
  t.notOk(isUnavailable(missing), 'an answer, even an error, is no outage');
});

t.test('pull: progress errors and inactivity fail the pull', async (t) => {
  let next: (s: PassThrough) => void = () => undefined;
  const client = {
    createContainer() {},
    async pull() {
      const s = new PassThrough();
      setImmediate(() => next(s));
      return s;
    },
  } as unknown as Docker;
  const rt = new DockerRuntime({ docker: client, pullInactivityTimeoutMs: 100 });
  next = (s) => {
    s.write(line({ status: 'Pulling from x' }));
    s.end(line({ status: 'Digest: sha256:00' }));
  };
  await t.resolves(rt.pull('x:1'), 'clean end: pulled');
  next = (s) => {
    s.write(line({ status: 'Pulling' }));
    s.end(line({ errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown' }));
  };
  await t.rejects(rt.pull('x:1'), { message: 'manifest unknown' });
  next = (s) => s.write(line({ status: 'Pulling' }));
  await t.rejects(rt.pull('x:1'), /made no progress/);
});

t.test('bindings from inspect ports', async (t) => {
  t.same(bindingsFromPorts(null), []);
  t.same(
    bindingsFromPorts({
      '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '32768' }, { HostIp: '::', HostPort: '32768' }],
      '53/udp': [{ HostIp: '', HostPort: '5353' }],
      '81/tcp': null,
    }),
    [
      { bindIP: '0.0.0.0', containerPort: 80, hostPort: 32768, protocol: 'tcp' },
      { bindIP: '::', containerPort: 80, hostPort: 32768, protocol: 'tcp' },
      { bindIP: '0.0.0.0', containerPort: 53, hostPort: 5353, protocol: 'udp' },
    ],
  );
});

t.test("Docker's own message", async (t) => {
  t.equal(dockerMessage(Object.assign(new Error('(HTTP code 404) no such container'), { json: { message: 'No such image: x:1' } })), 'No such image: x:1');
  t.equal(dockerMessage(Object.assign(new Error('e'), { json: Buffer.from('{"message":"boom"}') })), 'boom');
  t.equal(dockerMessage(new Error('plain')), 'plain');
  t.equal(dockerMessage(Object.assign(new Error('(HTTP code 500) server error - Get "http://127.0.0.1:5999/v2/": connection refused '), { json: null })), 'Get "http://127.0.0.1:5999/v2/": connection refused');
});
