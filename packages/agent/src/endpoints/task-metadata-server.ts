// The task metadata endpoint (v3 and v4 paths), as amazon-ecs-agent serves it at 169.254.170.2, but on
// addresses the machine's containers reach without iptables: by default a free port on the Docker bridge's
// gateway (for bridge-mode containers; bridge-address.ts, followed when the bridge is recreated) and one on
// loopback (for host-mode containers). Never 0.0.0.0: the endpoint is for this machine's containers, not
// for the network. Each container's URIs carry its own random endpoint id, so a container sees only its
// own task.
import type http from 'node:http';
import type { Logger } from '@berth/api';
import type { TaskProtectionAnswer } from '@berth/core';
import { agentUriEnv, parseProtectionUpdate, parseTaskProtectionPath, taskProtectionResponse, type ProtectionUpdate } from './task-protection.js';
import type { TaskSnapshot } from '../engine/engine.js';
import type { ContainerRecord, TaskRecord } from '../engine/local-state.js';
import { networkMode } from '../engine/container-spec.js';
import type { DockerFacts } from './docker-facts.js';
import { Listener, formatAddr, sendJson, type ListenAddr } from './listener.js';
import {
  containerResponse,
  findByEndpointId,
  metadataEnv,
  netSample,
  networkRate,
  parseTmdsPath,
  statsResponse,
  taskResponse,
  type NetSample,
  type TmdsContext,
} from './task-metadata.js';

export const isLoopbackHost = (h: string): boolean => h === 'localhost' || h === '::1' || /^127\./.test(h);
export const isWildcardHost = (h: string): boolean => h === '0.0.0.0' || h === '::' || h === '';

function refuseWildcard(a: ListenAddr): void {
  if (isWildcardHost(a.host)) throw new Error(`task metadata endpoint: refusing to listen on ${formatAddr(a.host, a.port)}; give the bridge gateway or a loopback address`);
}

/** How long a task-protection request waits for the control plane's answer. */
const PROTECTION_ANSWER_MS = 10_000;

export interface TmdsOptions {
  /** The addresses to listen on (from BERTH_TMDS_ADDR, or the bridge gateway and loopback with port 0). */
  addrs: ListenAddr[];
  log: Logger;
  facts: DockerFacts;
  /** The engine's tasks, as of now. */
  source(): TaskSnapshot[];
  cluster: string;
  /** The calling task's scale-in protection, read or set by the control plane (absent: no task-protection endpoint). */
  taskProtection?(taskArn: string, update?: ProtectionUpdate): Promise<TaskProtectionAnswer>;
  availabilityZone?: string;
  retryMs?: number;
}

export class TaskMetadataServer {
  private current: Listener[];
  private readonly o: TmdsOptions;
  private readonly samples = new Map<string, NetSample>();

  constructor(o: TmdsOptions) {
    this.o = o;
    for (const a of o.addrs) refuseWildcard(a);
    this.current = o.addrs.map((a, i) => this.listener(a, o.addrs.length === 1 ? 'tmds' : isLoopbackHost(a.host) ? 'tmds-loopback' : i === 0 ? 'tmds' : `tmds-${i}`));
  }

  get listeners(): readonly Listener[] {
    return this.current;
  }

  private listener(a: ListenAddr, name: string): Listener {
    return new Listener({ name, ...a, log: this.o.log, handler: (req, res) => void this.handle(req, res), ...(this.o.retryMs !== undefined ? { retryMs: this.o.retryMs } : {}) });
  }

  /**
   * Moves the listener on host `from` to `to` (the Docker bridge was recreated with another address), or
   * adds one for bridge-mode containers when there was none. Containers created from now on get its URIs.
   */
  async rebind(from: string | undefined, to: ListenAddr): Promise<Listener> {
    refuseWildcard(to);
    const old = from === undefined ? undefined : this.current.find((l) => l.host === from);
    const next = this.listener(to, old?.name ?? 'tmds');
    await next.start(); // first: containers created meanwhile still get the old listener's URIs
    this.current = old ? this.current.map((l) => (l === old ? next : l)) : [next, ...this.current];
    await old?.close();
    return next;
  }

  async start(): Promise<void> {
    await Promise.all(this.current.map((l) => l.start()));
  }

  async close(): Promise<void> {
    await Promise.all(this.current.map((l) => l.close()));
  }

  /** The listener a container of this network mode reaches: host mode prefers loopback, bridge the others. */
  listenerFor(mode: string): Listener | undefined {
    if (mode === 'none') return undefined;
    const loop = this.current.filter((l) => isLoopbackHost(l.host));
    const other = this.current.filter((l) => !isLoopbackHost(l.host));
    return mode === 'host' ? loop[0] ?? other[0] : other[0];
  }

  /** ECS_CONTAINER_METADATA_URI and ..._V4 for a container about to be created (none when unreachable). */
  envFor(task: TaskRecord, c: ContainerRecord): string[] {
    if (!c.v3EndpointId) return [];
    let mode: string;
    try {
      mode = networkMode(task.taskDefinition);
    } catch {
      return [];
    }
    const l = this.listenerFor(mode);
    const port = l?.port();
    if (!l || port === undefined) {
      if (mode !== 'none') this.o.log.warn('task metadata endpoint not listening yet; container created without ECS_CONTAINER_METADATA_URI_V4', { taskArn: task.taskArn, container: c.name, networkMode: mode });
      return [];
    }
    const base = `http://${formatAddr(l.host, port)}`;
    return [...metadataEnv(base, c.v3EndpointId), ...(this.o.taskProtection ? [agentUriEnv(base, c.v3EndpointId)] : [])];
  }

  private ctx(t: TaskSnapshot): TmdsContext {
    let mode = 'bridge';
    try {
      if (t.taskDefinition) mode = networkMode(t.taskDefinition);
    } catch {
      /* keep bridge */
    }
    return { cluster: this.o.cluster, networkMode: mode, ...(this.o.availabilityZone ? { availabilityZone: this.o.availabilityZone } : {}) };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://tmds');
      const protectionOf = parseTaskProtectionPath(url.pathname);
      if (protectionOf !== undefined && this.o.taskProtection) return await this.taskProtection(req, res, protectionOf);
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, `Method ${req.method} not allowed`);
      const route = parseTmdsPath(url.pathname);
      if (!route) return sendJson(res, 404, `No such path: ${url.pathname}`);
      const found = findByEndpointId(this.o.source(), route.endpointId);
      if (!found) return sendJson(res, 404, `Unable to find the container of endpoint id '${route.endpointId}'`);
      const { task, container } = found;
      const ctx = this.ctx(task);
      switch (route.kind) {
        case 'container': {
          const f = container.dockerId ? await this.o.facts.facts(container.dockerId) : undefined;
          return sendJson(res, 200, containerResponse(task, container, f, ctx, route.version));
        }
        case 'task':
        case 'taskWithTags': {
          const facts = await this.o.facts.many(task.containers.flatMap((c) => (c.dockerId ? [c.dockerId] : [])));
          return sendJson(res, 200, taskResponse(task, facts, ctx, route.version, route.kind === 'taskWithTags'));
        }
        case 'stats': {
          if (!container.dockerId || container.knownStatus !== 'RUNNING') return sendJson(res, 404, `Unable to get container stats for: ${container.dockerId ?? container.name} (not running)`);
          return sendJson(res, 200, await this.stats(container.dockerId));
        }
        case 'taskStats': {
          const out: Record<string, unknown> = {};
          await Promise.all(task.containers.filter((c) => c.dockerId).map(async (c) => {
            out[c.dockerId!] = c.knownStatus === 'RUNNING' ? await this.stats(c.dockerId!).catch(() => null) : null;
          }));
          return sendJson(res, 200, out);
        }
      }
    } catch (e) {
      this.o.log.warn('task metadata request failed', { url: req.url?.replace(/\/v[34]\/[^/]+/, '/v4/…'), error: (e as Error).message });
      if (!res.headersSent) sendJson(res, 500, `Unable to answer: ${(e as Error).message}`);
    }
  }

  /** GET or PUT $ECS_AGENT_URI/task-protection/v1/state for the task whose container holds this endpoint id. */
  private async taskProtection(req: http.IncomingMessage, res: http.ServerResponse, endpointId: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'PUT') return sendJson(res, 405, `Method ${req.method} not allowed`);
    const found = findByEndpointId(this.o.source(), endpointId);
    if (!found) return sendJson(res, 404, `Unable to find the container of endpoint id '${endpointId}'`);
    let update: ProtectionUpdate | undefined;
    if (req.method === 'PUT') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const parsed = parseProtectionUpdate(Buffer.concat(chunks).toString('utf8'));
      if ('error' in parsed) return sendJson(res, 400, { error: { Arn: found.task.taskArn, Code: 'InvalidParameterException', Message: parsed.error } });
      update = parsed;
    }
    // The control plane answers on the session; while it is away the container gets an error, not a hang.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((r) => { timer = setTimeout(() => r(undefined), PROTECTION_ANSWER_MS); });
    const answer = await Promise.race([this.o.taskProtection!(found.task.taskArn, update), late]).finally(() => clearTimeout(timer));
    if (!answer) return sendJson(res, 500, { error: { Arn: found.task.taskArn, Code: 'ServerException', Message: 'The control plane did not answer in time; try again.' } });
    const r = taskProtectionResponse(answer);
    return sendJson(res, r.status, r.body);
  }

  /** Docker's stats plus network_rate_stats, computed against the previous sample of the container. */
  private async stats(dockerId: string): Promise<Record<string, unknown>> {
    const s = (await this.o.facts.stats(dockerId)) as Record<string, any>;
    const cur = netSample(s);
    if (!cur) return statsResponse(s, undefined);
    const rate = networkRate(this.samples.get(dockerId), cur);
    this.samples.set(dockerId, cur);
    if (this.samples.size > 1000) this.samples.delete(this.samples.keys().next().value!);
    return statsResponse(s, rate);
  }
}
