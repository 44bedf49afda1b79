// FireLens on the agent, as amazon-ecs-agent runs it (agent/taskresource/firelens, task.go
// addFirelensContainerDependency), with berth-log-router as the router:
// - a task directory <ECS_DATADIR>/firelens/<task id>/ holds the router's configuration (config/, written
//   before any container is created, from the awsfirelens containers' options: core's firelens.ts) and
//   its socket (socket/fluent.sock); the router's container mounts them at /etc/berth-log-router (read
//   only) and /var/run;
// - each awsfirelens container logs with Docker's fluentd driver to that socket, tagged
//   NAME-firelens-TASKID. Synchronous, with fluentd-request-ack: Docker's async mode (ECS's choice)
//   discards what it still queues when the container stops, so a line a container printed just before it
//   exited could be lost; here every line is acknowledged once it is in the router's disk buffer;
// - ordering: each awsfirelens container depends on the router with START unless it already depends on it
//   (and none when the router has dependencies of its own, as ECS, to stay clear of cycles); the router
//   counts as started once its socket accepts connections (the synchronous driver fails a container's
//   start when nothing listens), and the reverse order at stop lets the router drain last.
// The paths and option mapping are PURE; the task directory's I/O is at the end.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { ContainerDefinition, TaskDefinition } from '@berth/core';
import {
  FIRELENS_CONFIG_DIR, FIRELENS_CONFIG_FILE, FIRELENS_DRIVER_OPTIONS, FIRELENS_SOCKET, FIRELENS_SOCKET_DIR, firelensRouter, firelensRouterConfig, firelensTag,
  logsToFirelens,
} from '@berth/core/firelens.js';
import { resourceId } from '@berth/core/arn.js';
import { TaskSpecError } from './task-spec-error.js';

/** A FireLens task's directory on the host and what is in it. */
export interface FirelensPaths {
  dir: string;
  configDir: string;
  socketDir: string;
  socket: string;
}

export function firelensPaths(dataDir: string, taskArn: string): FirelensPaths {
  const dir = join(dataDir, 'firelens', resourceId(taskArn));
  const socketDir = join(dir, 'socket');
  return { dir, configDir: join(dir, 'config'), socketDir, socket: join(socketDir, FIRELENS_SOCKET) };
}

/** The implicit START dependency of an awsfirelens container on the router (ECS's addFirelensContainerDependency). */
export function firelensDependency(cd: ContainerDefinition, td: TaskDefinition): { containerName: string; condition: 'START' } | undefined {
  const router = firelensRouter(td);
  if (!router || router === cd || !logsToFirelens(cd)) return undefined;
  if ((router.dependsOn ?? []).length > 0) return undefined;
  if ((cd.dependsOn ?? []).some((d) => d.containerName === router.name)) return undefined;
  return { containerName: router.name ?? '', condition: 'START' };
}

/** Docker's fluentd driver for an awsfirelens container: the router's socket, ECS's tag, synchronous and acknowledged. */
export function firelensLogConfig(cd: ContainerDefinition, socket: string, taskArn: string): { Type: string; Config: Record<string, string> } {
  const limit = cd.logConfiguration?.options?.[FIRELENS_DRIVER_OPTIONS.bufferLimit];
  return {
    Type: 'fluentd',
    Config: {
      'fluentd-address': `unix://${socket}`,
      tag: firelensTag(cd.name ?? '', resourceId(taskArn)),
      'fluentd-async': 'false',
      'fluentd-request-ack': 'true',
      'fluentd-sub-second-precision': 'true',
      ...(limit !== undefined ? { 'fluentd-buffer-limit': limit } : {}),
    },
  };
}

/** The router container's binds: its configuration (read only) and its socket's directory. */
export function routerBinds(p: FirelensPaths): string[] {
  return [`${p.configDir}:${FIRELENS_CONFIG_DIR}:ro`, `${p.socketDir}:${FIRELENS_SOCKET_DIR}`];
}

/** Writes the router's configuration into the task's directory (before any container is created). */
export async function writeRouterConfig(p: FirelensPaths, td: TaskDefinition, at: { cluster: string; taskArn: string }): Promise<void> {
  let config;
  try {
    config = firelensRouterConfig(td, at);
  } catch (e) {
    throw new TaskSpecError('ResourceInitializationError', `firelens: ${(e as Error).message}`);
  }
  await mkdir(p.configDir, { recursive: true, mode: 0o755 });
  await mkdir(p.socketDir, { recursive: true, mode: 0o700 });
  await writeFile(join(p.configDir, FIRELENS_CONFIG_FILE), JSON.stringify(config, null, 2) + '\n', { mode: 0o644 });
}

export async function removeFirelensDir(p: FirelensPaths): Promise<void> {
  await rm(p.dir, { recursive: true, force: true });
}

/** Whether something accepts connections on the router's socket now. */
export function routerListening(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(socket);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
