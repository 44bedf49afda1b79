// What the parts of one managed task share with its owner loop (managed-task.ts): the task's record,
// the engine's context, and the messages that bring results back to the loop. Only the loop's turn
// changes the record; Docker calls run detached and come back as messages.
import type { ContainerDefinition, ContainerSecrets } from '@berth/core';
import type { ContainerState } from '../runtime/runtime.js';
import type { ContainerRecord, TaskRecord } from './local-state.js';
import type { TaskContext } from './task-context.js';
import type { ResourcesResult } from './task-resources.js';
import type { ContainerStatus, DesiredStatus } from './task-status.js';

/** A container transition (pull, create, start, stop) finished. */
export interface TransitionDone {
  kind: 'done';
  container: string;
  target: ContainerStatus;
  ok: boolean;
  reason?: string;
  /** A failure that stops the whole task (a pull under ECS_IMAGE_PULL_BEHAVIOR always or once). */
  stopTask?: boolean;
  dockerId?: string;
  state?: ContainerState;
  /** Not done and not failed: try again later (Docker answered errors to a stop, then not at all). */
  retry?: boolean;
  /** Docker did not answer (it is away): the outcome is unknown; the loop tries again once Docker is back. */
  dockerAway?: boolean;
}

/** A restart in place (restartPolicy) finished. */
export interface RestartDone {
  kind: 'restarted';
  container: string;
  ok: boolean;
  state?: ContainerState;
  exitCode?: number;
  error?: string;
}

/** What Docker showed of a container: its state, or that it is gone. */
export interface Observed {
  kind: 'observed';
  container: string;
  id: string;
  state?: ContainerState;
  vanished?: boolean;
  eventExitCode?: number;
}

export type TaskMessage =
  | { kind: 'desired'; status: DesiredStatus }
  | { kind: 'docker'; container: string; id: string; action: string; exitCode?: number }
  | Observed
  | TransitionDone
  | RestartDone
  | { kind: 'cgroup'; parent?: string }
  | ({ kind: 'resources' } & ResourcesResult)
  | { kind: 'secrets'; containers?: ContainerSecrets[]; reason?: string }
  | { kind: 'poll' }
  /** Look at Docker again: inspect every container, retry what Docker did not answer. `backOff`: a retry timer, not news that Docker is back. */
  | { kind: 'reconcile'; backOff?: boolean }
  | { kind: 'wake' };

export interface TaskRun {
  readonly rec: TaskRecord;
  readonly ctx: TaskContext;
  /** The loop is closing: no new Docker call should start. */
  readonly closed: boolean;
  /** Queues a message for the loop. */
  post(m: TaskMessage): void;
  /** The record changed: the loop saves it, and reports when the change is meaningful. */
  touch(): void;
  /** Moves a container's known status forward (never back). */
  setKnown(c: ContainerRecord, s: ContainerStatus): void;
  container(name: string): ContainerRecord | undefined;
  /** The container's resolved secrets (held in memory only), once the task's secrets are resolved. */
  secretsOf(containerName: string): ContainerSecrets | undefined;
  /** The container's definition; undefined when the task definition lacks it. */
  definition(c: ContainerRecord): ContainerDefinition | undefined;
  /** Inspects a container soon (coalesced); the result comes back as an `observed` message. */
  inspectLater(c: ContainerRecord, id: string, eventExitCode?: number): void;
}
