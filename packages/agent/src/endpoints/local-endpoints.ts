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
import { bridgeGateway } from './bridge-address.js';
import { DockerFacts } from './docker-facts.js';
import { IntrospectionServer } from './introspection.js';
import type { ListenAddr, Listener } from './listener.js';
import { MetadataFiles } from './metadata-file.js';
import { TaskMetadataServer, type TmdsOptions } from './task-metadata-server.js';

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
  /** The task-protection endpoint's way to the control plane ($ECS_AGENT_URI/task-protection/v1/state). */
  taskProtection?: TmdsOptions['taskProtection'];
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
  /** The Docker connection is back after a loss: dockerd may have recreated its bridge with another address. */
  dockerBack(): Promise<void>;
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

/** The saved ports by host, and each port-0 listener's pick, remembered once it is bound. */
class TmdsPorts {
  private readonly dataDir: string;
  private readonly log: Logger;
  private readonly saved: Record<string, number>;
  private saving = Promise.resolve();

  constructor(dataDir: string, log: Logger, saved: Record<string, number>) {
    this.dataDir = dataDir;
    this.log = log;
    this.saved = saved;
  }

  /** `addr` with the port saved for its host when it asks for any port. */
  pick(addr: ListenAddr): ListenAddr {
    return addr.port === 0 && this.saved[addr.host] ? { host: addr.host, port: this.saved[addr.host]! } : addr;
  }

  /** Once `l` is bound, keeps its port for its host (for the next start). */
  remember(l: Listener): void {
    void l.bound().then(() => {
      const port = l.port();
      if (port === undefined || this.saved[l.host] === port) return;
      this.saved[l.host] = port;
      const ports = { ...this.saved };
      this.saving = this.saving.then(() => savePorts(this.dataDir, ports, this.log));
    });
  }
}

export async function startEndpoints(o: EndpointsOptions): Promise<Endpoints> {
  let source: () => TaskSnapshot[] = () => [];
  const snapshot = () => source();
  const facts = new DockerFacts(o.docker);
  const retry = o.retryMs !== undefined ? { retryMs: o.retryMs } : {};

  const readBridge = () =>
    bridgeGateway(o.docker).then(
      (gw) => {
        if (!gw) o.log.warn('the Docker bridge has no IPv4 address; bridge-mode containers get no task metadata endpoint');
        return gw;
      },
      (e: unknown) => {
        o.log.warn('cannot read the Docker bridge gateway; bridge-mode containers get no task metadata endpoint', { error: (e as Error).message });
        return undefined;
      },
    );
  let tmds: TaskMetadataServer | undefined;
  let ports: TmdsPorts | undefined;
  /** The bridge address the endpoint listens on (auto mode). */
  let bridgeHost: string | undefined;
  if (o.tmds !== 'off') {
    let addrs = o.tmds === 'auto' ? [] : o.tmds;
    if (o.tmds === 'auto') {
      bridgeHost = await readBridge();
      addrs = [...(bridgeHost ? [{ host: bridgeHost, port: 0 }] : []), { host: '127.0.0.1', port: 0 }];
    }
    ports = new TmdsPorts(o.dataDir, o.log, await loadPorts(o.dataDir));
    tmds = new TaskMetadataServer({
      addrs: addrs.map((a) => ports!.pick(a)), log: o.log, facts, source: snapshot, cluster: o.cluster, ...(o.availabilityZone ? { availabilityZone: o.availabilityZone } : {}), ...retry,
      ...(o.taskProtection ? { taskProtection: o.taskProtection } : {}),
    });
    await tmds.start();
    tmds.listeners.forEach((l, i) => {
      if (addrs[i]!.port === 0) ports!.remember(l);
    });
  }
  /** Re-reads the bridge address and moves the bridge listener when it changed (one at a time). */
  let following = Promise.resolve();
  const followBridge = (): Promise<void> => {
    if (o.tmds !== 'auto' || !tmds || !ports) return following;
    const server = tmds;
    const saved = ports;
    following = following.then(async () => {
      const gw = await readBridge();
      if (!gw || gw === bridgeHost) return;
      o.log.info('the Docker bridge address changed; the task metadata endpoint follows it', { from: bridgeHost ?? null, to: gw });
      const l = await server.rebind(bridgeHost, saved.pick({ host: gw, port: 0 }));
      bridgeHost = gw;
      saved.remember(l);
    });
    return following;
  };
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
    dockerBack: followBridge,
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
