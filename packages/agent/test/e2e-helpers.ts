// End-to-end harness: a real control plane (in-process, real gRPC, a real store), real berth-agent
// processes (the committed bin, each with its own ECS_DATADIR) and the real dockerd.
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BerthClient, clientForContext, readCliConfig } from '@berth/api';
import { FLEET_API, IAM_API, type Iam, type Task } from '@berth/core';
import { startServer, silentLogger, type RunningServer, type ServerOptions } from '@berth/server';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const IMAGE = 'berth-test/busybox:latest';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { freePort } from '@berth/store';

/** A control plane as the tests use it: the server, its admin's client, and what an agent joins with. */
export interface ControlPlane extends RunningServer {
  /** A client of the bootstrapped admin (TLS trusting the CA, every call signed); plaintext under --insecure. */
  client(): BerthClient;
  /** What a berth-agent needs beside BERTH_SERVER to join: BERTH_JOIN_TOKEN (nothing under --insecure). */
  joinEnv: Record<string, string>;
  /** The admin's CLI config (BERTH_CONFIG), when it authenticates. */
  configPath?: string;
}

/**
 * A control plane with TLS and access keys, as a real one runs (--insecure only when `insecure: true`): its
 * first start bootstraps the admin into a CLI config next to a file store (a restart on the store finds
 * it there), and a join token (any cluster, any number of machines, an hour) admits the test's agents.
 */
export async function startControlPlane(opts: Partial<ServerOptions> & { store: string; port: number }): Promise<ControlPlane> {
  const insecure = opts.insecure === true;
  const bootstrapConfig = opts.bootstrapConfig ?? (insecure ? undefined : configBeside(opts.store));
  const server = await startServer({
    listen: `127.0.0.1:${opts.port}`,
    log: silentLogger,
    agents: { heartbeatPeriodMs: 500, sessionTtlSeconds: 2 },
    ...(bootstrapConfig ? { bootstrapConfig } : {}),
    ...opts,
  });
  const client = () => (insecure ? new BerthClient(server.addr) : adminClient(bootstrapConfig!, server.addr));
  let joinEnv: Record<string, string> = {};
  if (!insecure) {
    const admin = client();
    try {
      const { token } = (await admin.callApi(FLEET_API, 'CreateJoinToken', { ttlSeconds: 3600, description: 'test agents' })) as { token: string };
      joinEnv = { BERTH_JOIN_TOKEN: token };
    } finally {
      admin.close();
    }
  }
  return Object.assign(server, { client, joinEnv, ...(bootstrapConfig ? { configPath: bootstrapConfig } : {}) });
}

/** The CLI config of a store's admin: beside a file store, else in a directory of its own, removed at exit. */
function configBeside(store: string): string {
  if (store.startsWith('file:')) return join(dirname(store.slice('file:'.length)), 'config.yaml');
  const dir = mkdtempSync(join(tmpdir(), 'berth-cp-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'config.yaml');
}

/** The admin's client of a server that bootstrapped into `configPath` (as the CLI reads it). */
export function adminClient(configPath: string, server?: string): BerthClient {
  const c = readCliConfig(configPath).contexts[0];
  if (!c) throw new Error(`no context in ${configPath}`);
  return clientForContext(server ? { ...c, server } : c);
}

/** A join token for agents of `cluster` (what BERTH_JOIN_TOKEN takes). */
export async function agentJoinToken(client: BerthClient, cluster: string): Promise<string> {
  return ((await client.callApi(FLEET_API, 'CreateJoinToken', { cluster, kind: 'agent' })) as { token: string }).token;
}

export interface AgentProcess {
  child: ChildProcess;
  dataDir: string;
  logs: string[];
  exited: Promise<number | string>;
}

/**
 * A berth-agent process; in a network namespace of the test's when `netns` names one (`ip netns exec` execs
 * it); through `launcher` (the words before the bin: another Node than the tests') when given.
 */
export function spawnAgent(env: Record<string, string>, netns?: string, launcher: string[] = [process.execPath]): AgentProcess {
  const dataDir = env.ECS_DATADIR ?? mkdtempSync(join(tmpdir(), 'berth-agent-'));
  const argv = [...launcher, `${REPO_ROOT}packages/agent/bin/berth-agent.js`];
  const child = spawn(netns ? 'ip' : argv[0]!, netns ? ['netns', 'exec', netns, ...argv] : argv.slice(1), {
    env: {
      PATH: process.env.PATH ?? '',
      ECS_DATADIR: dataDir,
      ECS_IMAGE_PULL_BEHAVIOR: 'prefer-cached',
      ECS_CONTAINER_STOP_TIMEOUT: '2s',
      ECS_LOGLEVEL: 'debug',
      ECS_AGENT_CONFIG_FILE_PATH: join(dataDir, 'no-such-config.json'),
      BERTH_HOST_PORT_BIND_IP: '127.0.0.1',
      BERTH_INTROSPECTION_ADDR: '127.0.0.1:0',
      BERTH_METRICS_ADDR: '127.0.0.1:0',
      BERTH_CREDENTIALS_ADDR: '127.0.0.1:0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const collect = (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | string>((r) => child.on('exit', (code, signal) => r(code ?? signal ?? -1)));
  return { child, dataDir, logs, exited };
}

/** The {"msg":"listening"} lines of an agent: name -> addr. */
export function listening(a: AgentProcess): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of a.logs) {
    try {
      const o = JSON.parse(l);
      if (o.msg === 'listening') out[o.name] = o.addr;
    } catch {
      /* not JSON */
    }
  }
  return out;
}

/** Polls until `check` returns a value (not undefined/false), or fails after timeoutMs. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(everyMs);
  }
}

export async function connectedInstances(client: BerthClient, cluster: string): Promise<string[]> {
  const list = await client.call('ListContainerInstances', { cluster });
  if (!list.containerInstanceArns?.length) return [];
  const d = await client.call('DescribeContainerInstances', { cluster, containerInstances: list.containerInstanceArns });
  return (d.containerInstances ?? []).filter((c) => c.agentConnected).map((c) => c.containerInstanceArn!);
}

export async function waitForTask(client: BerthClient, cluster: string, taskArn: string, status: string, timeoutMs = 30_000): Promise<Task> {
  return until(`task ${taskArn.split('/').pop()} ${status}`, async () => {
    const t = (await client.call('DescribeTasks', { cluster, tasks: [taskArn] })).tasks?.[0];
    return t?.lastStatus === status ? t : undefined;
  }, timeoutMs);
}

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

/** docker without blocking this process: for a command whose answer needs the control plane running here. */
export async function dockerAsync(...args: string[]): Promise<string> {
  return (await promisify(execFile)('docker', args, { encoding: 'utf8' })).stdout.trim();
}

/** Ids of the containers carrying a label (optionally =value). */
export function containersWithLabel(label: string, all = true): string[] {
  const out = docker('ps', ...(all ? ['-a'] : []), '-q', '--filter', `label=${label}`);
  return out ? out.split('\n') : [];
}

export function removeContainersWithLabel(label: string): void {
  const ids = containersWithLabel(label);
  if (ids.length) docker('rm', '-f', ...ids);
}

export function tmp(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliRun { code: number; stdout: string; stderr: string }

/** The berth CLI bin, as a user runs it, against `server` in `cluster`; with `config`, that config file (else none). */
export function berthCli(server: string, cluster: string, config: string = join(tmpdir(), `berth-no-config-${process.pid}.yaml`)): (...args: string[]) => Promise<CliRun> {
  return (...args) => new Promise((resolve) => {
    const child = spawn(process.execPath, [`${REPO_ROOT}packages/cli/bin/berth.js`, '--cluster', cluster, ...args], { env: { ...process.env, BERTH_CONFIG: config, BERTH_SERVER: server } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export interface TestCluster {
  work: { dir: string; cleanup(): void };
  server: ControlPlane;
  client: BerthClient;
  cluster: string;
  agents: AgentProcess[];
}

/**
 * A control plane on a file store in a temp dir, a cluster, and one agent per env given (all connected
 * before this returns). `teardown` (tap's t.teardown) kills the agents, removes the cluster's containers,
 * and closes the server.
 */
export async function startTestCluster(prefix: string, teardown: (fn: () => Promise<void>) => void,
  opts: { server?: Partial<Omit<ServerOptions, 'store'>>; agents?: Record<string, string>[]; launcher?: string[] } = {}): Promise<TestCluster> {
  const work = tmp(`berth-${prefix}-`);
  const server = await startControlPlane({ store: `file:${join(work.dir, 'berth.db')}`, port: 0, ...opts.server });
  const client = server.client();
  const cluster = `${prefix}-${process.pid}`;
  await client.call('CreateCluster', { clusterName: cluster });
  const agents = (opts.agents ?? [{}]).map((env) => spawnAgent({ ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ECS_RESERVED_MEMORY: '0', ...server.joinEnv, ...env }, undefined, opts.launcher));
  teardown(async () => {
    for (const a of agents) a.child.kill('SIGKILL');
    removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
    client.close();
    await server.close();
    work.cleanup();
  });
  try {
    await until(`${agents.length} agent(s) connected`, async () => (await connectedInstances(client, cluster)).length === agents.length || undefined, 60_000);
  } catch (e) {
    // Say why: the agents' last lines (and whether they exited) belong in the failure, not in a lost stderr.
    const said = agents.map((a, i) => `agent ${i} (${a.child.exitCode ?? a.child.signalCode ?? 'running'}):\n  ${a.logs.slice(-15).join('\n  ')}`).join('\n');
    throw new Error(`${(e as Error).message}\n${said}`);
  }
  return { work, server, client, cluster, agents };
}

export interface AwsCliRun { code: number; stderr: string; json?: any }

/**
 * Debian's AWS CLI (by path) against the control plane's AWS listener, as a new IAM user with
 * AdministratorAccess and its own key, in a clean environment (HOME in `home`, no outside addresses).
 */
export async function awsCliAsAdmin(client: BerthClient, endpoint: string, userName: string, home: string): Promise<{ aws(...args: string[]): Promise<AwsCliRun>; key: { id: string; secret: string } }> {
  await client.callApi(IAM_API, 'CreateUser', { UserName: userName });
  await client.callApi(IAM_API, 'AttachUserPolicy', { UserName: userName, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  const { AccessKey } = await client.callApi(IAM_API, 'CreateAccessKey', { UserName: userName }) as Iam.CreateAccessKeyResponse;
  const env = {
    PATH: '/usr/bin:/bin', HOME: home, AWS_ACCESS_KEY_ID: AccessKey.AccessKeyId, AWS_SECRET_ACCESS_KEY: AccessKey.SecretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true',
  };
  const aws = (...args: string[]) => new Promise<AwsCliRun>((resolve) => {
    execFile('/usr/bin/aws', [...args, '--endpoint-url', endpoint, '--output', 'json'], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      let json: unknown;
      try { json = stdout.trim() ? JSON.parse(stdout) : undefined; } catch { /* not JSON */ }
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0, stderr, json });
    });
  });
  return { aws, key: { id: AccessKey.AccessKeyId, secret: AccessKey.SecretAccessKey } };
}
