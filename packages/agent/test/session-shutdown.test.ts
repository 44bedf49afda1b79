// A control plane that stops (Ctrl-C on `make up`, a restart, a rolling upgrade) first tells each agent to
// reconnect; the end of the stream that follows is then expected, so the agent logs it as information, not
// as a warning. An end the server did not announce stays a warning. Against a real control plane (in
// process, file store, TLS, a machine joined with a token).
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@berth/store';
import { startControlPlane, until } from './e2e-helpers.js';
import { joinCluster } from '../src/join.js';
import { AgentSession } from '../src/session.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-session-shutdown-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const store = `file:${join(dir, 'berth.db')}`;
const port = await freePort();
let server = await startControlPlane({ store, port, log: silent });
t.teardown(() => server.close());

const cluster = 'session-shutdown';
const setup = server.client();
await setup.call('CreateCluster', { clusterName: cluster });
setup.close();
const joined = await joinCluster([server.addr], server.joinEnv['BERTH_JOIN_TOKEN']!, {
  cluster, totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }],
}, join(dir, 'machine'), silent as never);

type Line = { level: string; msg: string; fields?: Record<string, unknown> };
const lines: Line[] = [];
const log = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((level) => [level, (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, ...(fields ? { fields } : {}) })]));
const session = new AgentSession({
  servers: [server.addr], tls: joined.credentials, log: log as never, initialBackoffMs: 100, maxBackoffMs: 200,
  hello: { cluster, containerInstanceArn: joined.containerInstanceArn! },
  engine: { applyAssignments() {}, pendingReports: () => [], ackReport() {} },
});
t.teardown(() => session.stop());
session.start();
await until('the session is welcomed', async () => session.connected);

t.test('a server that stops asks first: the end is information, not a warning', async (t) => {
  const from = lines.length;
  await server.close();
  await until('the agent noticed', async () => !session.connected || undefined);
  await until('the end is logged', async () => lines.slice(from).some((l) => l.msg.startsWith('disconnected')) || undefined);
  const after = lines.slice(from);
  t.ok(after.some((l) => l.level === 'info' && l.msg === 'server asked to reconnect'), 'the request is logged');
  const end = after.find((l) => l.msg.startsWith('disconnected'))!;
  t.same([end.level, end.msg], ['info', 'disconnected from the control plane as it asked']);
  t.match(String(end.fields?.['reason']), /\S/, 'with the server\'s reason');
  t.same(after.filter((l) => l.level === 'warn' || l.level === 'error').filter((l) => l.msg.startsWith('disconnected')), [], 'no warning for the end it announced');

  // The next attempts find no server: those are warnings, as before.
  await until('a failed attempt is a warning', async () => lines.slice(from).some((l) => l.level === 'warn' && l.msg === 'disconnected from the control plane') || undefined);
  server = await startControlPlane({ store, port, log: silent });
  await until('the agent is back', async () => session.connected || undefined, 30_000);
});
