// The agent's local endpoints, started before the task engine (whose containers need the metadata URIs)
// and fed from its snapshot once it is open: introspection, the task metadata endpoint, metadata files.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import type { Logger } from '@berth/api';
import type { TaskStateReport } from '@berth/core';
import type { TaskSnapshot } from '../engine/engine.js';
import type { ContainerRecord, TaskRecord } from '../engine/local-state.js';
import type { ContainerExtras } from '../engine/task-context.js';
import { DockerFacts } from './docker-facts.js';
import { IntrospectionServer } from './introspection.js';
import type { ListenAddr } from './listener.js';
import { MetadataFiles } from './metadata-file.js';
import { TaskMetadataServer } from './tmds.js';

export { DockerFacts } from './docker-facts.js';
export { IntrospectionServer } from './introspection.js';
export { Listener, parseListenAddr, formatAddr } from './listener.js';
export { MetadataFiles, METADATA_FILE, CONTAINER_METADATA_DIR } from './metadata-file.js';
export { TaskMetadataServer, isLoopbackHost, isWildcardHost } from './tmds.js';
export * from './task-metadata.js';

export interface EndpointsOptions {
  docker: Docker;
  log: Logger;
  cluster: string;
  containerInstanceArn: string;
  availabilityZone?: string;
  dataDir: string;
  /** undefined: no introspection listener. */
  introspection?: ListenAddr;
  /** 'auto': a free port on the bridge gateway and one on loopback; 'off': none. */
  tmds: ListenAddr[] | 'auto' | 'off';
  containerMetadataFile: boolean;
  version: string;
  retryMs?: number;
}

export interface Endpoints {
  introspection?: IntrospectionServer;
  tmds?: TaskMetadataServer;
  files?: MetadataFiles;
  /** Points the endpoints at the engine's tasks (until then they see none). */
  setSource(source: () => TaskSnapshot[]): void;
  containerExtras(task: TaskRecord, c: ContainerRecord): Promise<ContainerExtras | undefined>;
  onReport(r: TaskStateReport): void;
  onTaskCleaned(taskArn: string): void;
  close(): Promise<void>;
}

/**
 * Ports picked for port-0 metadata listeners are kept in <dataDir>/tmds-ports.json and asked for again after a
 * restart: running containers keep the URIs they were created with.
 */
const PORTS_FILE = 'tmds-ports.json';

async function loadPorts(dataDir: string): Promise<Record<string, number>> {
  try {
    const v = JSON.parse(await fsp.readFile(path.join(dataDir, PORTS_FILE), 'utf8')) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => Number.isInteger(e[1])));
  } catch {
    return {};
  }
}

async function savePorts(dataDir: string, ports: Record<string, number>, log: Logger): Promise<void> {
  const file = path.join(dataDir, PORTS_FILE);
  try {
    await fsp.writeFile(`${file}.tmp`, JSON.stringify(ports), { mode: 0o600 });
    await fsp.rename(`${file}.tmp`, file);
  } catch (e) {
    log.warn('cannot save the task metadata ports', { file, error: (e as Error).message });
  }
}

export async function startEndpoints(o: EndpointsOptions): Promise<Endpoints> {
  let source: () => TaskSnapshot[] = () => [];
  const snapshot = () => source();
  const facts = new DockerFacts(o.docker);
  const retry = o.retryMs !== undefined ? { retryMs: o.retryMs } : {};

  let tmds: TaskMetadataServer | undefined;
  if (o.tmds !== 'off') {
    let addrs = o.tmds === 'auto' ? [] : o.tmds;
    if (o.tmds === 'auto') {
      const gw = await DockerFacts.bridgeGateway(o.docker).catch((e) => {
        o.log.warn('cannot read the Docker bridge gateway; bridge-mode containers get no task metadata endpoint', { error: (e as Error).message });
        return undefined;
      });
      addrs = [...(gw ? [{ host: gw, port: 0 }] : []), { host: '127.0.0.1', port: 0 }];
    }
    const saved = await loadPorts(o.dataDir);
    const picked = addrs.map((a) => (a.port === 0 && saved[a.host] ? { host: a.host, port: saved[a.host]! } : a));
    tmds = new TaskMetadataServer({ addrs: picked, log: o.log, facts, source: snapshot, cluster: o.cluster, ...(o.availabilityZone ? { availabilityZone: o.availabilityZone } : {}), ...retry });
    await tmds.start();
    const server = tmds;
    // Once every port-0 listener has its port, remember them for the next start.
    void Promise.all(server.listeners.map((l) => l.bound())).then(() => {
      const ports = { ...saved };
      addrs.forEach((a, i) => {
        if (a.port === 0) ports[a.host] = server.listeners[i]!.port()!;
      });
      if (JSON.stringify(ports) !== JSON.stringify(saved)) return savePorts(o.dataDir, ports, o.log);
    });
  }
  let introspection: IntrospectionServer | undefined;
  if (o.introspection) {
    introspection = new IntrospectionServer({ ...o.introspection, log: o.log, facts, source: snapshot, cluster: o.cluster, containerInstanceArn: o.containerInstanceArn, version: o.version, ...retry });
    await introspection.start();
  }
  const files = o.containerMetadataFile
    ? new MetadataFiles({ dataDir: o.dataDir, cluster: o.cluster, containerInstanceArn: o.containerInstanceArn, log: o.log, facts, source: snapshot, ...(o.availabilityZone ? { availabilityZone: o.availabilityZone } : {}) })
    : undefined;

  return {
    ...(introspection ? { introspection } : {}),
    ...(tmds ? { tmds } : {}),
    ...(files ? { files } : {}),
    setSource(s) {
      source = s;
    },
    async containerExtras(task, c) {
      const env = tmds ? tmds.envFor(task, c) : [];
      const binds: string[] = [];
      if (files) {
        const f = await files.prepare(task, c);
        env.push(...f.env);
        binds.push(...f.binds);
      }
      return env.length || binds.length ? { env, binds } : undefined;
    },
    onReport(r) {
      files?.onReport(r);
    },
    onTaskCleaned(taskArn) {
      void files?.cleanup(taskArn);
    },
    async close() {
      await Promise.all([tmds?.close(), introspection?.close()]);
    },
  };
}
