// The introspection API of amazon-ecs-agent (port 51678): /v1/metadata and /v1/tasks, read from the engine's
// snapshot. Berth listens on loopback by default (BERTH_INTROSPECTION_ADDR): it tells about every task here.
import type http from 'node:http';
import type { Logger } from '@berth/api';
import type { TaskSnapshot } from '../engine/engine.js';
import { networkMode } from '../engine/container-spec.js';
import type { DockerFacts } from './docker-facts.js';
import { Listener, sendJson, type ListenAddr } from './listener.js';
import { AVAILABLE_COMMANDS, agentMetadataResponse, findTask, introspectionTask } from './task-metadata.js';

export interface IntrospectionOptions extends ListenAddr {
  log: Logger;
  facts: DockerFacts;
  source(): TaskSnapshot[];
  cluster: string;
  containerInstanceArn: string;
  /** The `Version` string of /v1/metadata. */
  version: string;
  retryMs?: number;
}

const LICENSE = 'Berth is open source software. See the LICENSE file of its repository.\n';

function modeOf(t: TaskSnapshot): string {
  try {
    return t.taskDefinition ? networkMode(t.taskDefinition) : 'bridge';
  } catch {
    return 'bridge';
  }
}

export class IntrospectionServer {
  readonly listener: Listener;
  private readonly o: IntrospectionOptions;

  constructor(o: IntrospectionOptions) {
    this.o = o;
    this.listener = new Listener({ name: 'introspection', host: o.host, port: o.port, log: o.log, handler: (q, r) => void this.handle(q, r), ...(o.retryMs !== undefined ? { retryMs: o.retryMs } : {}) });
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  close(): Promise<void> {
    return this.listener.close();
  }

  private async render(tasks: TaskSnapshot[]): Promise<Record<string, unknown>[]> {
    const facts = await this.o.facts.many(tasks.flatMap((t) => t.containers.flatMap((c) => (c.dockerId ? [c.dockerId] : []))));
    return tasks.map((t) => introspectionTask(t, facts, modeOf(t)));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, `Method ${req.method} not allowed`);
      const url = new URL(req.url ?? '/', 'http://introspection');
      switch (url.pathname) {
        case '/':
          return sendJson(res, 200, { AvailableCommands: AVAILABLE_COMMANDS });
        case '/v1/metadata':
          return sendJson(res, 200, agentMetadataResponse(this.o.cluster, this.o.containerInstanceArn, this.o.version));
        case '/license':
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          return void res.end(LICENSE);
        case '/v1/tasks': {
          const tasks = this.o.source();
          const dockerId = url.searchParams.get('dockerid');
          const taskArn = url.searchParams.get('taskarn');
          if (dockerId === null && taskArn === null) return sendJson(res, 200, { Tasks: await this.render(tasks) });
          const found = findTask(tasks, { dockerId, taskArn });
          if (found.status !== 200) return sendJson(res, found.status, found.error);
          return sendJson(res, 200, (await this.render([found.body]))[0]);
        }
        default:
          return sendJson(res, 404, `No such path: ${url.pathname}`);
      }
    } catch (e) {
      this.o.log.warn('introspection request failed', { url: req.url, error: (e as Error).message });
      if (!res.headersSent) sendJson(res, 500, `Unable to answer: ${(e as Error).message}`);
    }
  }
}
