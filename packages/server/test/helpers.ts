// In-process control plane for tests: a real gRPC server on a free loopback port, on a file store in a
// fresh temporary directory (or on etcd under a unique prefix-free store when asked), and a real client.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BerthClient, clientForContext, readCliConfig, type AccessKeyCredentials, type ChannelTls } from '@berth/api';
import { EtcdStore, PrefixedStore, type Store } from '@berth/store';
import { startServer, silentLogger, type RunningServer, type ServerOptions } from '../src/index.js';
import { decode, rangeAll } from '../src/state/kit.js';
import { tasksPrefix, type TaskRecord } from '../src/state/tasks.js';
import { getInstance } from '../src/state/instances.js';
import { sessionKey } from '../src/state/sessions.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const ETCD = process.env.BERTH_TEST_ETCD ?? '127.0.0.1:2379';

export interface TestServer {
  server: RunningServer;
  client: BerthClient;
  dir: string;
  /** The CA to trust and the admin's key, for a raw gRPC client (absent under --insecure). */
  tls?: ChannelTls;
  credentials?: AccessKeyCredentials;
  close(): Promise<void>;
}

/**
 * A namespace of the shared etcd for one test file: its own schema, leader and keys, which no other test
 * (nor another branch's server on the same etcd) sees. clearEtcdNamespace removes it.
 */
export const etcdNamespace = (name: string) => `/berth-test/${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

/** A connection to the shared etcd inside a namespace (each server opens its own). */
export async function openEtcdNamespace(namespace: string): Promise<PrefixedStore> {
  return new PrefixedStore(await EtcdStore.open([ETCD]), namespace);
}

export async function clearEtcdNamespace(namespace: string): Promise<void> {
  const s = await openEtcdNamespace(namespace);
  await s.clear();
  await s.close();
  rmSync(namespaceDir(namespace), { recursive: true, force: true });
}

/** What the servers of one namespace share beside the store: the secrets key, the admin's CLI config. */
const namespaceDir = (namespace: string) => join(tmpdir(), `berth-ns${namespace.replace(/[^\w-]/g, '_')}`);

/**
 * The admin's client of a server that bootstrapped into `configPath`: TLS trusting the cluster CA, every
 * call signed with the admin's access key, from the CLI config the server wrote (as the CLI reads it).
 */
export function adminClient(configPath: string, server?: string): BerthClient {
  const c = readCliConfig(configPath).contexts[0];
  if (!c) throw new Error(`no context in ${configPath}`);
  return clientForContext(server ? { ...c, server } : c);
}

/**
 * A server on a fresh file store, or on a namespace of the shared etcd (closed with the server; the caller
 * clears it), with more server options when given. TLS and access keys as a real one runs: `client` is the
 * bootstrapped admin's (TLS trusting the CA, every call signed); --insecure only when `server.insecure`.
 */
export async function startTestServer(opts: { etcdNamespace?: string; server?: Partial<ServerOptions> } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-test-'));
  const etcd = opts.etcdNamespace !== undefined ? await openEtcdNamespace(opts.etcdNamespace) : undefined;
  const secure = opts.server?.insecure !== true;
  // Replicas of one etcd namespace share its secrets key and its admin.
  const shared = opts.etcdNamespace !== undefined ? namespaceDir(opts.etcdNamespace) : dir;
  mkdirSync(shared, { recursive: true, mode: 0o700 });
  const bootstrapConfig = join(shared, 'config.yaml');
  const server = await startServer({
    listen: '127.0.0.1:0', store: etcd ?? `file:${join(dir, 'berth.db')}`, log: silentLogger,
    ...(etcd ? { secretsKeyPath: join(shared, 'secrets.key') } : {}),
    ...(secure ? { bootstrapConfig } : {}), ...opts.server,
  });
  const admin = secure ? readCliConfig(bootstrapConfig).contexts[0] : undefined;
  const client = admin ? clientForContext({ ...admin, server: server.addr }) : new BerthClient(server.addr);
  return {
    server, client, dir,
    ...(admin ? { tls: { caPem: admin.certificateAuthority! }, credentials: { accessKeyId: admin.accessKeyId!, secretAccessKey: admin.secretAccessKey! } } : {}),
    async close() {
      client.close();
      await server.close();
      await etcd?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs fn and returns the BerthError it rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ ecsName: string; message: string; field?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { ecsName: string; message: string; field?: string };
  }
  throw new Error('expected the call to fail');
}

/** Does an error message carry Berth's field path (`cpu: ...`, `containerDefinitions[0].memory`)? ECS's texts never do: the field travels beside them. */
export const carriesPath = (message: string, field: string | undefined): boolean =>
  field !== undefined && field !== '' && (message.startsWith(`${field}:`) || message.startsWith(`${field} `) || (/[.[]/.test(field) && message.includes(field)));

/** A unique name for a cluster or family, so tests never collide. */
/** RegisterContainerInstance's totalResources of a machine with this CPU and memory and no reserved ports. */
export const machineResources = (cpu: number, memory: number) => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu }, { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: [] as string[] }, { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] as string[] },
];

export const uniq = (p: string) => `${p}-${Math.random().toString(36).slice(2, 8)}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `f` until it gives a value (not undefined or false), or fails naming `what` after `ms`. */
export async function until<T>(what: string, f: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000, everyMs = 50): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * Stands in for the dispatcher, which writes the session key while the agent is connected, and waits for
 * the agent-connectivity controller to record agentConnected on the instance from its watch: that write
 * lands asynchronously, and a test that counts or gates its own writes must not race it.
 */
export async function connectInstance(s: Store, cluster: string, id: string, session = 'test'): Promise<void> {
  await s.put(sessionKey(id), JSON.stringify({ sessionId: session }));
  await until('agentConnected recorded', async () => (await getInstance(s, cluster, id))?.value.instance.agentConnected === true);
}

/** Every task record of a cluster (tests read the records whole; the server never does). */
export async function tasksOf(store: Store, cluster: string): Promise<TaskRecord[]> {
  return (await rangeAll(store, tasksPrefix(cluster))).map((kv) => decode<TaskRecord>(kv));
}
