// What the task engine needs from a container runtime. The Docker implementation is docker-runtime.ts;
// the engine never talks to dockerode directly, so the unit tests of its failure paths run it on a fake
// (test/fake-container-runtime.ts).

/** Docker's container-create body (Docker Engine API names): the members the engine sets are typed, others pass through. */
export interface DockerCreateOptions {
  name: string;
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  WorkingDir?: string;
  User?: string;
  Labels: Record<string, string>;
  ExposedPorts?: Record<string, Record<string, never>>;
  HostConfig: DockerHostConfig;
  [extra: string]: unknown;
}

export interface DockerHostConfig {
  NetworkMode?: string;
  CpuShares?: number;
  Memory?: number;
  MemoryReservation?: number;
  PortBindings?: Record<string, { HostIp: string; HostPort: string }[]>;
  Init?: boolean;
  CgroupParent?: string;
  [extra: string]: unknown;
}

/** A port binding as ECS reports it (NetworkBinding). */
export interface PortBinding {
  bindIP: string;
  containerPort: number;
  hostPort: number;
  protocol: 'tcp' | 'udp';
}

/** A container as the engine needs to see it (normalized from `docker inspect`). */
export interface ContainerState {
  id: string;
  /** Without Docker's leading '/'. */
  name: string;
  running: boolean;
  /** Docker's State.Status: created, running, exited, dead, paused, restarting, removing. */
  status: string;
  /** Set once the container has exited (not running and a FinishedAt is known). */
  exitCode?: number;
  /** Epoch ms; absent when never started. */
  startedAt?: number;
  /** Epoch ms; absent when never finished. */
  finishedAt?: number;
  oomKilled?: boolean;
  /** Docker's State.Error, when not empty. */
  error?: string;
  /** Docker's State.Health, when the container has a health check. */
  health?: ContainerHealthState;
  labels: Record<string, string>;
  networkBindings: PortBinding[];
}

/** Docker's State.Health: status starting | healthy | unhealthy, and the last check's result. */
export interface ContainerHealthState {
  status: string;
  failingStreak?: number;
  lastExitCode?: number;
  lastOutput?: string;
}

/** One row of a label listing. */
export interface ContainerSummary {
  id: string;
  name: string;
  running: boolean;
  labels: Record<string, string>;
}

/** A container event (Docker `type=container`). */
export interface RuntimeEvent {
  id: string;
  /** start, die, stop, kill, oom, create, destroy, ... */
  action: string;
  /** Container attributes, which include its labels and `name`. */
  attributes: Record<string, string>;
  /** From the `die` event's attributes. */
  exitCode?: number;
  /** Epoch ms. */
  time: number;
}

export interface RuntimeVersion {
  version: string;
  apiVersion: string;
  /** cgroupfs or systemd (from `docker info`), when known. */
  cgroupDriver?: string;
  /** '1' or '2', when known. */
  cgroupVersion?: string;
}

/** A Docker volume (Docker Engine API names, normalized). */
export interface VolumeInfo {
  name: string;
  driver: string;
  options: Record<string, string>;
  labels: Record<string, string>;
  mountpoint?: string;
}

export interface VolumeCreateOptions {
  Name: string;
  Driver?: string;
  DriverOpts?: Record<string, string>;
  Labels?: Record<string, string>;
}

/** An error from the runtime, with Docker's own message and HTTP status. */
export class RuntimeError extends Error {
  constructor(message: string, readonly statusCode?: number) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/**
 * The runtime did not answer (its socket is gone, refused or reset: dockerd stopped or restarting). The
 * call's outcome is unknown; the engine tries again once the runtime is back rather than failing the task.
 */
export class RuntimeUnavailableError extends RuntimeError {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeUnavailableError';
  }
}

export const isNotFound = (e: unknown): boolean => e instanceof RuntimeError && e.statusCode === 404;
export const isUnavailable = (e: unknown): boolean => e instanceof RuntimeUnavailableError;

export interface ContainerRuntime {
  version(): Promise<RuntimeVersion>;
  imageExists(image: string): Promise<boolean>;
  /** Pulls an image; resolves when the pull finished, rejects with the registry's message. */
  pull(image: string): Promise<void>;
  /** Creates a container, returns its id. */
  create(spec: DockerCreateOptions): Promise<string>;
  start(id: string): Promise<void>;
  /** Stop signal, then SIGKILL after timeoutSec. An already stopped container is not an error. */
  stop(id: string, timeoutSec: number): Promise<void>;
  /** By id or name. Rejects with a 404 RuntimeError for a missing container. */
  inspect(idOrName: string): Promise<ContainerState>;
  /** Force-removes the container and its anonymous volumes; a missing container is not an error. */
  remove(id: string): Promise<void>;
  /** Every container (running or not) whose label `label` equals `value`. */
  listByLabel(label: string, value: string): Promise<ContainerSummary[]>;
  /**
   * Container events of containers whose label `label` equals `value`. The stream is reopened on
   * error or end, from the last seen event time; `onReconnected` is called each time it is open again
   * after a loss (events may have been missed: a restarted daemon keeps no history). Returns an
   * unsubscribe function.
   */
  events(label: string, value: string, onEvent: (e: RuntimeEvent) => void, onReconnected?: () => void): () => void;
  /** Creates a volume (Docker answers with the existing one when the name is taken). */
  createVolume(spec: VolumeCreateOptions): Promise<VolumeInfo>;
  /** Rejects with a 404 RuntimeError for a missing volume. */
  inspectVolume(name: string): Promise<VolumeInfo>;
  /** A missing volume is not an error; one in use rejects (409). */
  removeVolume(name: string): Promise<void>;
  /** `docker import` of a root filesystem tarball as image `repoTag`, with Dockerfile `changes` (CMD ...). */
  importImage(rootfsTar: Buffer, repoTag: string, changes?: string[]): Promise<void>;
}
