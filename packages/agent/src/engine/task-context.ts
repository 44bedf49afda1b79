// What every managed task shares with the engine (engine.ts builds it once): the runtime, local state,
// the agent's settings, and the ways back to the engine (reports, the end of a task).
import type { Logger } from '@berth/api';
import type { ContainerSecrets, TaskStateReport } from '@berth/core';
import type { ContainerRuntime } from '../runtime/runtime.js';
import type { CgroupManager } from './cgroup.js';
import type { AwslogsTarget } from './container-spec.js';
import type { ContainerRecord, LocalState, TaskRecord } from './local-state.js';

export type PullBehavior = 'default' | 'always' | 'once' | 'prefer-cached';

export interface PullRetry {
  /** Attempts in all (ECS: 5). */
  attempts: number;
  /** First back-off delay, doubled up to maxDelayMs (ECS: 1.1 s -> 5 s). */
  delayMs: number;
  maxDelayMs: number;
}

export interface TaskContext {
  runtime: ContainerRuntime;
  state: LocalState;
  cgroups: CgroupManager;
  log: Logger;
  cluster: string;
  instanceId: string;
  /** ECS_DATADIR (a FireLens task's directory is in it). */
  dataDir: string;
  region?: string;
  hostIp?: string;
  pullBehavior: PullBehavior;
  pullRetry: PullRetry;
  /** Images this agent pulled successfully in its lifetime (ECS_IMAGE_PULL_BEHAVIOR=once). */
  pulledImages: Set<string>;
  stopTimeoutSec: number;
  cleanupWaitMs: number;
  /** Steady-state poll period; undefined: ECS's 5 min ± 30 s. */
  steadyPollMs?: number;
  /** Clock (epoch ms) for restart periods and dependency start timeouts. */
  now(): number;
  /** BERTH_PAUSE_IMAGE (pidMode/ipcMode task); undefined: built locally. */
  pauseImage?: string;
  /** ECS_SHARED_VOLUME_MATCH_FULL_CONFIG */
  sharedVolumeMatchFullConfig?: boolean;
  emit(report: TaskStateReport): void;
  /** The task was cleaned up and dropped from local state. */
  done(taskArn: string): void;
  /**
   * The values of the task's `secrets` and `secretOptions`, asked of the control plane on the agent's
   * session; rejects with ECS's ResourceInitializationError text. The values stay in memory: never in
   * local state (ECS_DATADIR) or a log line.
   */
  secrets?(taskArn: string): Promise<ContainerSecrets[]>;
  /** Extra environment and binds for a container about to be created; throws (the creation fails with its reason) when a task role's credentials are refused. */
  containerExtras?(task: TaskRecord, container: ContainerRecord): Promise<ContainerExtras | undefined>;
}

export interface ContainerExtras {
  env?: string[];
  binds?: string[];
  /** Where Docker's awslogs driver ships, for a container that logs with it. */
  awslogs?: AwslogsTarget;
}
