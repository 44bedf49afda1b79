// The container metadata file (ECS_ENABLE_CONTAINER_METADATA=true), as amazon-ecs-agent writes it:
// <ECS_DATADIR>/metadata/<task id>/<container name>/ecs-container-metadata.json, bound into the container at
// /opt/ecs/metadata/<random uuid>/ and named by ECS_CONTAINER_METADATA_FILE. Written before create
// (MetadataFileStatus INITIAL) and again once the container runs (READY, with what Docker knows); each write is
// atomic (temporary file, then rename). Removed when the task is cleaned up.
import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@berth/api';
import type { TaskStateReport } from '@berth/core';
import type { TaskSnapshot } from '../engine/engine.js';
import type { ContainerRecord, TaskRecord } from '../engine/local-state.js';
import { containerDefinition, networkMode } from '../engine/container-spec.js';
import { taskFileName } from '../engine/local-state.js';
import type { DockerFacts } from './docker-facts.js';
import { metadataFileContent, type MetadataFileInput } from './task-metadata.js';

export const METADATA_FILE = 'ecs-container-metadata.json';
export const CONTAINER_METADATA_DIR = '/opt/ecs/metadata';

export interface MetadataFilesOptions {
  dataDir: string;
  cluster: string;
  containerInstanceArn: string;
  availabilityZone?: string;
  log: Logger;
  facts: DockerFacts;
  source(): TaskSnapshot[];
}

const taskDir = (root: string, taskArn: string) => path.join(root, taskFileName(taskArn).replace(/\.json$/, ''));
const modeOf = (td: TaskRecord['taskDefinition'] | undefined): string => {
  try {
    return td ? networkMode(td) : 'bridge';
  } catch {
    return 'bridge';
  }
};

export class MetadataFiles {
  readonly root: string;
  private readonly o: MetadataFilesOptions;
  /** Containers (by docker id) whose READY file was written in this agent's lifetime. */
  private readonly ready = new Set<string>();

  constructor(o: MetadataFilesOptions) {
    this.o = o;
    // Absolute: it is the source of a Docker bind mount.
    this.root = path.resolve(o.dataDir, 'metadata');
  }

  fileOf(taskArn: string, containerName: string): string {
    return path.join(taskDir(this.root, taskArn), containerName, METADATA_FILE);
  }

  /** Writes the INITIAL file; returns the env and the bind for the container (none if the write failed). */
  async prepare(task: TaskRecord, c: ContainerRecord): Promise<{ env: string[]; binds: string[] }> {
    const file = this.fileOf(task.taskArn, c.name);
    try {
      await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
      await this.write(file, this.content(task, c, 'INITIAL'));
    } catch (e) {
      this.o.log.warn('cannot write the container metadata file', { taskArn: task.taskArn, container: c.name, error: (e as Error).message });
      return { env: [], binds: [] };
    }
    const inContainer = `${CONTAINER_METADATA_DIR}/${randomUUID()}`;
    return { env: [`ECS_CONTAINER_METADATA_FILE=${inContainer}/${METADATA_FILE}`], binds: [`${path.dirname(file)}:${inContainer}`] };
  }

  private content(task: TaskRecord | TaskSnapshot, c: ContainerRecord, status: MetadataFileInput['status'], facts?: MetadataFileInput['facts']): Record<string, unknown> {
    let image: string | undefined;
    try {
      image = task.taskDefinition ? containerDefinition(task.taskDefinition, c.name).image : undefined;
    } catch {
      image = undefined;
    }
    return metadataFileContent({
      cluster: this.o.cluster,
      containerInstanceArn: this.o.containerInstanceArn,
      ...(this.o.availabilityZone ? { availabilityZone: this.o.availabilityZone } : {}),
      task: { taskArn: task.taskArn, family: task.taskDefinition?.family, revision: task.taskDefinition?.revision },
      container: c,
      ...(image ? { image } : {}),
      ...(facts ? { facts } : {}),
      networkMode: modeOf(task.taskDefinition),
      status,
    });
  }

  /** A report said containers run: writes their READY files (once per container and agent lifetime). */
  onReport(r: TaskStateReport): void {
    const running = r.containers.filter((c) => c.status === 'RUNNING' && c.runtimeId && !this.ready.has(c.runtimeId));
    if (running.length === 0) return;
    const task = this.o.source().find((t) => t.taskArn === r.taskArn);
    if (!task) return;
    for (const rc of running) {
      const c = task.containers.find((x) => x.name === rc.containerName);
      if (!c?.dockerId) continue;
      this.ready.add(c.dockerId);
      void this.writeReady(task, c);
    }
  }

  private async writeReady(task: TaskSnapshot, c: ContainerRecord): Promise<void> {
    const file = this.fileOf(task.taskArn, c.name);
    try {
      await fsp.access(path.dirname(file)); // only for containers created with a metadata file
      const facts = await this.o.facts.facts(c.dockerId!, true);
      await this.write(file, this.content(task, c, 'READY', facts));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      this.ready.delete(c.dockerId!);
      this.o.log.warn('cannot write the container metadata file', { taskArn: task.taskArn, container: c.name, error: (e as Error).message });
    }
  }

  private async write(file: string, content: Record<string, unknown>): Promise<void> {
    const tmp = `${file}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify(content), { mode: 0o644 });
    await fsp.rename(tmp, file);
  }

  /** The task was cleaned up: its metadata directory goes too. */
  async cleanup(taskArn: string): Promise<void> {
    await fsp.rm(taskDir(this.root, taskArn), { recursive: true, force: true }).catch((e) =>
      this.o.log.warn('cannot remove the task metadata directory', { taskArn, error: (e as Error).message }));
  }
}
