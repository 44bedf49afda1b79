// The agent's local endpoints, started before the task engine (whose containers need the metadata URIs)
// and fed from its snapshot once it is open: introspection, the task metadata endpoint, metadata files.
import type Docker from 'dockerode';
import type { Logger } from '@berth/api';
import type { TaskStateReport } from '@berth/core';
import type { TaskSnapshot } from '../engine/engine.js';
import type { ContainerRecord, TaskRecord } from '../engine/local-state.js';
import type { ContainerExtras } from '../engine/managed-task.js';
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
    tmds = new TaskMetadataServer({ addrs, log: o.log, facts, source: snapshot, cluster: o.cluster, ...(o.availabilityZone ? { availabilityZone: o.availabilityZone } : {}), ...retry });
    await tmds.start();
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
