// End-to-end harness: a real control plane (in-process, real gRPC, a real store), real berth-agent
// processes (the committed bin, each with its own ECS_DATADIR) and the real dockerd.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BerthClient } from '@berth/api';
import type { Task } from '@berth/core';
import { startServer, silentLogger, type RunningServer, type ServerOptions } from '@berth/server';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const IMAGE = 'berth-test/busybox:latest';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { freePort } from '@berth/store';

export async function startControlPlane(opts: Partial<ServerOptions> & { store: string; port: number }): Promise<RunningServer> {
  return startServer({
    listen: `127.0.0.1:${opts.port}`,
    log: silentLogger,
    agents: { heartbeatPeriodMs: 500, sessionTtlSeconds: 2 },
    ...opts,
  });
}

export interface AgentProcess {
  child: ChildProcess;
  dataDir: string;
  logs: string[];
  exited: Promise<number | string>;
}

/** A berth-agent process; in a network namespace of the test's when `netns` names one (`ip netns exec` execs it). */
export function spawnAgent(env: Record<string, string>, netns?: string): AgentProcess {
  const dataDir = env.ECS_DATADIR ?? mkdtempSync(join(tmpdir(), 'berth-agent-'));
  const argv = [process.execPath, `${REPO_ROOT}packages/agent/bin/berth-agent.js`];
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

/** The berth CLI bin, as a user runs it, against `server` in `cluster`. */
export function berthCli(server: string, cluster: string): (...args: string[]) => Promise<CliRun> {
  return (...args) => new Promise((resolve) => {
    const child = spawn(process.execPath, [`${REPO_ROOT}packages/cli/bin/berth.js`, '--cluster', cluster, ...args], { env: { ...process.env, BERTH_SERVER: server } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export interface TestCluster {
  work: { dir: string; cleanup(): void };
  server: RunningServer;
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
  opts: { server?: Partial<Omit<ServerOptions, 'store'>>; agents?: Record<string, string>[] } = {}): Promise<TestCluster> {
  const work = tmp(`berth-${prefix}-`);
  const server = await startControlPlane({ store: `file:${join(work.dir, 'berth.db')}`, port: 0, ...opts.server });
  const client = new BerthClient(server.addr);
  const cluster = `${prefix}-${process.pid}`;
  await client.call('CreateCluster', { clusterName: cluster });
  const agents = (opts.agents ?? [{}]).map((env) => spawnAgent({ ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ECS_RESERVED_MEMORY: '0', ...env }));
  teardown(async () => {
    for (const a of agents) a.child.kill('SIGKILL');
    removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
    client.close();
    await server.close();
    work.cleanup();
  });
  await until(`${agents.length} agent(s) connected`, async () => (await connectedInstances(client, cluster)).length === agents.length || undefined, 60_000);
  return { work, server, client, cluster, agents };
}
