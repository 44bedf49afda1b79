// The task credentials endpoint, as amazon-ecs-agent serves it (ecs-agent/tmds/handlers/v2): GET
// /v2/credentials/ID (and v1's /v1/credentials?id=ID) answers a task role's temporary credentials in ECS's
// JSON (AccessKeyId, SecretAccessKey, Token, Expiration, RoleArn). It listens on 127.0.0.1:51679
// (BERTH_CREDENTIALS_ADDR); containers reach it at 169.254.170.2:80 through the address translation
// (address-translation.ts), the host and host-mode containers also on loopback directly.
//
// Guards: each task has its own unguessable id (a random UUID, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI); a
// request from a bridge-mode container (its source address is the container's) is answered only for that
// container's own task, so one task's container cannot read another's credentials even knowing the id; from
// loopback (the host, host-mode containers, dockerd) the id alone guards. Each id is rate-limited (ECS's 40
// requests a second, bursts of 60). Credentials are asked of the control plane when needed (the agent's
// session) and again once past half their life; a stopped task's are refused and forgotten. The values are
// held in memory only: never in ECS_DATADIR or a log line.
import type http from 'node:http';
import type { Logger } from '@berth/api';
import type { CredentialsRoleType, TaskCredentials } from '@berth/core';
import { roleArnOf } from '@berth/core/taskdef-reads.js';
import type { AwslogsTarget } from '../engine/container-spec.js';
import type { TaskSnapshot } from '../engine/engine.js';
import type { TaskRecord } from '../engine/local-state.js';
import type { DockerFacts } from '../endpoints/docker-facts.js';
import { Listener, sendJson, type ListenAddr } from '../endpoints/listener.js';

export const DEFAULT_CREDENTIALS_ADDR = '127.0.0.1:51679';
export const CREDENTIALS_PATH = '/v2/credentials/';
/** ECS_TASK_METADATA_RPS_LIMIT's default: 40 requests a second, bursts of 60. */
export const DEFAULT_RATE = { perSecond: 40, burst: 60 };
/** How long a request waits for the control plane (the session may be reconnecting). */
const FETCH_TIMEOUT_MS = 10_000;

export interface CredentialsEndpointOptions {
  addr: ListenAddr;
  log: Logger;
  facts: DockerFacts;
  /** The engine's tasks, as of now. */
  source(): TaskSnapshot[];
  /** Asks the control plane for the task's role credentials (the agent's session). */
  fetch(taskArn: string, roleType: CredentialsRoleType): Promise<TaskCredentials>;
  rate?: { perSecond: number; burst: number };
  retryMs?: number;
}

interface Held {
  taskArn: string;
  creds: TaskCredentials;
  /** Agent clock, epoch ms: past this, ask for new ones. */
  refreshAt: number;
}

/** ECS's error body. */
const failure = (res: http.ServerResponse, status: number, code: string, message: string) => sendJson(res, status, { code, message, HTTPErrorCode: status });

const isLoopback = (ip: string) => /^127\./.test(ip) || ip === '::1';

/** Epoch seconds to ECS's RFC 3339 form (2026-12-02T15:04:05Z). */
const rfc3339 = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class CredentialsEndpoint {
  readonly listener: Listener;
  private readonly held = new Map<string, Held>();
  private readonly inFlight = new Map<string, Promise<Held>>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly rate: { perSecond: number; burst: number };

  constructor(private readonly o: CredentialsEndpointOptions) {
    this.rate = o.rate ?? DEFAULT_RATE;
    this.listener = new Listener({ name: 'credentials', ...o.addr, log: o.log, handler: (req, res) => void this.handle(req, res), ...(o.retryMs !== undefined ? { retryMs: o.retryMs } : {}) });
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  close(): Promise<void> {
    return this.listener.close();
  }

  /**
   * What a container about to be created gets: for a task with a task role, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
   * and AWS_ENDPOINT_URL (the control plane's AWS listener) unless the container sets its own; for a container
   * logging with awslogs, where Docker's driver ships and the execution role's path for it. The credentials
   * are fetched first, so a role the control plane refuses fails the container's creation with its reason.
   */
  async extrasFor(task: TaskRecord, containerName: string): Promise<{ env: string[]; awslogs?: AwslogsTarget }> {
    const cd = task.taskDefinition.containerDefinitions?.find((c) => c.name === containerName);
    const env: string[] = [];
    if (task.credentialsId) {
      const creds = await this.granted(task.credentialsId, task.taskArn, 'TaskApplication');
      const ownEndpoint = cd?.environment?.some((kv) => kv.name === 'AWS_ENDPOINT_URL');
      env.push(`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=${CREDENTIALS_PATH}${task.credentialsId}`, ...(creds.awsEndpoint && !ownEndpoint ? [`AWS_ENDPOINT_URL=${creds.awsEndpoint}`] : []));
    }
    if (cd?.logConfiguration?.logDriver !== 'awslogs' || !task.executionCredentialsId) return { env };
    const creds = await this.granted(task.executionCredentialsId, task.taskArn, 'TaskExecution');
    if (!creds.awsEndpoint) throw new Error('awslogs: the control plane advertises no AWS listener for the driver to ship to');
    return { env, awslogs: { awsEndpoint: creds.awsEndpoint, credentialsPath: `${CREDENTIALS_PATH}${task.executionCredentialsId}`, ...(creds.logDriverMode ? { mode: creds.logDriverMode } : {}) } };
  }

  private async granted(id: string, taskArn: string, roleType: CredentialsRoleType): Promise<TaskCredentials> {
    const { creds } = await this.credentials(id, taskArn, roleType);
    if (creds.error !== undefined) throw new Error(`${roleType === 'TaskApplication' ? 'task role' : 'execution role'} credentials: ${creds.error}`);
    return creds;
  }

  /** The task is gone: its credentials and its rate bucket go. */
  forget(taskArn: string): void {
    for (const [id, h] of this.held) {
      if (h.taskArn !== taskArn) continue;
      this.held.delete(id);
      this.buckets.delete(id);
    }
  }

  /** Held credentials, or new ones when there are none or they are past half their life. */
  private credentials(id: string, taskArn: string, roleType: CredentialsRoleType): Promise<Held> {
    const h = this.held.get(id);
    if (h && h.creds.error === undefined && Date.now() < h.refreshAt) return Promise.resolve(h);
    let p = this.inFlight.get(id);
    if (!p) {
      p = this.fetch(id, taskArn, roleType).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, p);
    }
    return p;
  }

  private async fetch(id: string, taskArn: string, roleType: CredentialsRoleType): Promise<Held> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the control plane did not answer in time')), FETCH_TIMEOUT_MS)));
    try {
      const creds = await Promise.race([this.o.fetch(taskArn, roleType), timeout]);
      const now = Date.now();
      const held = { taskArn, creds, refreshAt: now + Math.max(1000, ((creds.expiration ?? 0) * 1000 - now) / 2) };
      if (creds.error === undefined) {
        this.held.set(id, held);
        this.o.log.info('role credentials received', { taskArn, roleType, roleArn: creds.roleArn, accessKeyId: creds.accessKeyId, expiration: creds.expiration });
      } else this.o.log.warn('role credentials refused', { taskArn, roleType, reason: creds.error });
      return held;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A token from the id's bucket, or false: the id asked too often. */
  private take(id: string): boolean {
    const now = Date.now();
    const b = this.buckets.get(id) ?? { tokens: this.rate.burst, at: now };
    b.tokens = Math.min(this.rate.burst, b.tokens + ((now - b.at) / 1000) * this.rate.perSecond);
    b.at = now;
    this.buckets.set(id, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Whether the request's source may read this task's credentials: loopback, or one of the task's own containers. */
  private async fromTask(source: string, task: TaskSnapshot): Promise<boolean> {
    if (isLoopback(source)) return true;
    const facts = await this.o.facts.many(task.containers.flatMap((c) => (c.dockerId ? [c.dockerId] : [])));
    return task.containers.some((c) => c.dockerId && facts(c.dockerId)?.networks?.some((n) => n.ipv4 === source));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      if (req.method !== 'GET') return failure(res, 405, 'InvalidRequest', `Method ${req.method} not allowed`);
      const url = new URL(req.url ?? '/', 'http://credentials');
      let id: string | null;
      if (url.pathname.startsWith(CREDENTIALS_PATH)) id = decodeURIComponent(url.pathname.slice(CREDENTIALS_PATH.length));
      else if (url.pathname === '/v1/credentials') id = url.searchParams.get('id');
      else return failure(res, 404, 'NotFound', `No such path: ${url.pathname}`);
      if (!id) return failure(res, 400, 'NoIdInRequest', 'CredentialsV2Request: No ID in the request');
      const task = this.o.source().find((t) => t.credentialsId === id || t.executionCredentialsId === id);
      // Buckets only for the ids of tasks here: probing random ids cannot grow them.
      if (task && !this.take(id)) return failure(res, 429, 'TooManyRequests', 'Rate exceeded for the credentials of this task');
      const source = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
      const roleType: CredentialsRoleType = task?.credentialsId === id ? 'TaskApplication' : 'TaskExecution';
      // The execution role is the agent's and dockerd's, on loopback; never a container's.
      const allowed = task?.task && roleArnOf(task.task, task.taskDefinition, roleType === 'TaskApplication' ? 'taskRoleArn' : 'executionRoleArn')
        && (roleType === 'TaskApplication' ? await this.fromTask(source, task) : isLoopback(source));
      // A stopped task, an unknown id and another task's container get the same answer.
      if (!task || task.knownStatus === 'STOPPED' || !allowed) {
        if (task?.knownStatus === 'STOPPED') this.forget(task.taskArn);
        return failure(res, 400, 'InvalidIdInRequest', 'CredentialsV2Request: Credentials not found');
      }
      let held: Held;
      try {
        held = await this.credentials(id, task.taskArn, roleType);
      } catch (e) {
        return failure(res, 503, 'CredentialsUninitialized', `CredentialsV2Request: Credentials uninitialized for ID: ${(e as Error).message}`);
      }
      const c = held.creds;
      if (c.error !== undefined) return failure(res, 500, 'InternalServerError', `CredentialsV2Request: ${c.error}`);
      return sendJson(res, 200, { RoleArn: c.roleArn, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, Token: c.sessionToken, Expiration: rfc3339(c.expiration ?? 0) });
    } catch (e) {
      this.o.log.warn('credentials request failed', { error: (e as Error).message });
      if (!res.headersSent) failure(res, 500, 'InternalServerError', 'CredentialsV2Request: the request could not be answered');
    }
  }
}
