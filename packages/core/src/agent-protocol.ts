// The agent protocol's messages in model form (ECS names, numbers for seq and counters). The wire form
// is protos/berth/v1/agent.proto; @berth/api converts between them.
import type { ContainerStateChange, HealthStatus, Task, TaskDefinition, VersionInfo } from './model/types.js';

/** The protocol version this build speaks; a server refuses a hello with a version it does not list. */
export const AGENT_PROTOCOL_VERSION = 1;
export const SUPPORTED_AGENT_PROTOCOLS: readonly number[] = [1];

export type BackendStatus = 'PENDING' | 'RUNNING' | 'STOPPED';

export interface AgentHello {
  protocolVersion: number;
  cluster: string;
  containerInstanceArn: string;
  versionInfo?: VersionInfo;
  lastSeq?: number;
}

export interface TaskAssignment {
  /** The task as the control plane holds it; desiredStatus and overrides are authoritative. */
  task: Task;
  taskDefinition: TaskDefinition;
}

export interface AssignmentBatch {
  /** The store revision this batch reflects; grows across batches of one session. */
  seq: number;
  /** True: `tasks` is the instance's whole desired set. */
  full: boolean;
  tasks: TaskAssignment[];
  removedTaskArns: string[];
}

export interface TaskStateReport {
  taskArn: string;
  /** Per task, grows with every report; stale ones are ignored by the server. */
  counter: number;
  lastStatus: BackendStatus;
  reason?: string;
  /** ECS shape: containerName, runtimeId, status, exitCode, reason, networkBindings, imageDigest. */
  containers: ContainerStateChange[];
  pullStartedAt?: number;
  pullStoppedAt?: number;
  executionStoppedAt?: number;
  /** Health of the containers that have a health check (ECS's TCS ContainerHealth); others are UNKNOWN. */
  containerHealth?: ContainerHealth[];
}

export interface ContainerHealth {
  containerName: string;
  healthStatus: HealthStatus;
  /** Agent clock, epoch seconds: when this status was first seen. */
  statusSince?: number;
}

export type AgentMessage =
  | { hello: AgentHello }
  | { ack: { seq: number } }
  | { report: TaskStateReport }
  | { heartbeat: { sentMs?: number } }
  | { secretsRequest: { requestId: string; taskArn: string } }
  | { statistics: InstanceStatistics }
  | { stream: TaskStreamFrame }
  | { credentialsRequest: CredentialsRequest }
  | { taskProtectionRequest: TaskProtectionRequest };

/** A task's scale-in protection, read (no `update`) or set by the agent's task-protection endpoint. */
export interface TaskProtectionRequest {
  requestId: string;
  taskArn: string;
  update?: boolean;
  protectionEnabled?: boolean;
  expiresInMinutes?: number;
}

/** The task's protection as it stands, or ECS's failure reason (`failure`). */
export interface TaskProtectionAnswer {
  requestId: string;
  taskArn: string;
  protectionEnabled?: boolean;
  /** Epoch seconds, while protected. */
  expirationDate?: number;
  failure?: string;
}

/** ACS's roleType: the task's role (taskRoleArn, for its containers) or its execution role (the agent's own use). */
export type CredentialsRoleType = 'TaskApplication' | 'TaskExecution';
export const CREDENTIALS_ROLE_TYPES: readonly CredentialsRoleType[] = ['TaskApplication', 'TaskExecution'];

export interface CredentialsRequest {
  requestId: string;
  taskArn: string;
  roleType: CredentialsRoleType;
}

/** Temporary credentials of a task's role, as ECS's credentials endpoint hands them out; or why not (`error`). */
export interface TaskCredentials {
  requestId: string;
  taskArn: string;
  roleType: CredentialsRoleType;
  roleArn?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** Epoch seconds. */
  expiration?: number;
  /** The AWS listener the control plane advertises (the task's AWS_ENDPOINT_URL). */
  awsEndpoint?: string;
  error?: string;
  /** With TaskExecution: the account's defaultLogDriverMode, the awslogs driver's default `mode`. */
  logDriverMode?: string;
}

/** One container's resolved secrets: environment variables (`secrets`) and log driver options (`secretOptions`). */
export interface ContainerSecrets {
  containerName: string;
  environment: { name: string; value: string }[];
  logOptions: { name: string; value: string }[];
}

/** The answer to a secrets request: the values, or ECS's ResourceInitializationError text. */
export interface TaskSecrets {
  requestId: string;
  taskArn: string;
  containers: ContainerSecrets[];
  error?: string;
}

/** One statistics pass of an agent: its running containers' figures (agent.proto InstanceStatistics). */
export interface InstanceStatistics {
  /** Agent clock, epoch seconds. */
  collectedAt: number;
  containers: ContainerStatistics[];
}

/** What one container used, as an agent reads it (Docker's one-shot stats). */
export interface ContainerUsage {
  cpuSeconds: number;
  /** Usage minus the inactive file cache, as docker stats and ECS count it. */
  memoryBytes: number;
  memoryLimitBytes: number;
  networkRxBytes: number;
  networkTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
}

export interface ContainerStatistics extends ContainerUsage {
  taskArn: string;
  containerName: string;
  restarts: number;
}

export type ServerMessage =
  | { welcome: { protocolVersion: number; heartbeatPeriodMs: number; sessionId: string; containerInstanceArn: string; containerInsights?: boolean } }
  | { assignments: AssignmentBatch }
  | { reportAck: { taskArn: string; counter: number } }
  | { heartbeat: { sentMs?: number; containerInsights?: boolean } }
  | { reconnect: { reason: string } }
  | { secrets: TaskSecrets }
  | { stream: TaskStreamFrame }
  | { credentials: TaskCredentials }
  | { taskProtection: TaskProtectionAnswer };

export interface TerminalSize {
  rows: number;
  cols: number;
}

/** What a stream opens on the agent (agent.proto TaskStreamOpen). */
export type TaskStreamOpen = {
  taskArn: string;
  containerName: string;
  /** The credit the agent starts with. */
  window: number;
} & (
  | { kind: 'logs'; follow: boolean; since?: number; tail?: number; timestamps: boolean }
  | { kind: 'exec'; command: string[]; tty: boolean; stdin: boolean; size?: TerminalSize }
);

/** How a stream ended: the command's exit code, or an error in ECS's words. */
export interface TaskStreamEnd {
  exitCode?: number;
  error?: string;
  errorCode?: string;
}

/** One frame of the request/stream facility (agent.proto TaskStreamFrame); one of its members beside streamId is set. */
export interface TaskStreamFrame {
  streamId: string;
  open?: TaskStreamOpen;
  data?: Uint8Array;
  /** 0 stdin, 1 stdout, 2 stderr. */
  fd?: number;
  credit?: number;
  closeStdin?: boolean;
  end?: TaskStreamEnd;
  resize?: TerminalSize;
  signal?: string;
}
