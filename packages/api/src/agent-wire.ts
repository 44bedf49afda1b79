// The agent stream's messages: model form (core's agent-protocol.ts) <-> proto-loader objects.
// ECS shapes nested inside (Task, TaskDefinition, ContainerStateChange, VersionInfo) go through the
// model-driven conversion of wire.ts; int64 seq and counters travel as strings.
import type { AgentMessage, ServerMessage, TaskStateReport, AssignmentBatch, InstanceStatistics, TaskStreamFrame, TaskStreamOpen, CredentialsRoleType } from '@berth/core';
import { fromWire, toWire } from './wire.js';
import type { TaskDefinition } from '@berth/core';

type Obj = Record<string, any>;
const num = (v: unknown): number | undefined => (v === undefined || v === null ? undefined : Number(v));
/** The object without its undefined members (what proto-loader would otherwise send as a default). */
const def = <T extends Obj>(o: T): T => {
  const out: Obj = {};
  for (const k in o) if (Object.hasOwn(o, k) && o[k] !== undefined) out[k] = o[k];
  return out as T;
};

function reportToWire(r: TaskStateReport): Obj {
  return def({ ...r, counter: String(r.counter), containers: r.containers.map((c) => toWire('ContainerStateChange', c)) });
}
function reportFromWire(r: Obj): TaskStateReport {
  return def({
    taskArn: r.taskArn, counter: num(r.counter)!, lastStatus: r.lastStatus, reason: r.reason,
    containers: (r.containers ?? []).map((c: Obj) => fromWire('ContainerStateChange', c)),
    pullStartedAt: r.pullStartedAt, pullStoppedAt: r.pullStoppedAt, executionStoppedAt: r.executionStoppedAt,
    containerHealth: r.containerHealth?.length
      ? r.containerHealth.map((h: Obj) => def({ containerName: h.containerName ?? '', healthStatus: h.healthStatus ?? 'UNKNOWN', statusSince: h.statusSince }))
      : undefined,
  }) as TaskStateReport;
}
/**
 * A task definition's wire form, converted once per object: every assignment carries its task's
 * definition, the server hands the same immutable object for every task of a revision, and converting it
 * was a third of the cost of sending an assignment. Nothing downstream changes the wire object.
 */
const definitionsOnWire = new WeakMap<TaskDefinition, Obj>();
function definitionToWire(td: TaskDefinition): Obj {
  let w = definitionsOnWire.get(td);
  if (!w) definitionsOnWire.set(td, (w = toWire('TaskDefinition', td) as Obj));
  return w;
}

function batchToWire(b: AssignmentBatch): Obj {
  return {
    seq: String(b.seq), full: b.full, removedTaskArns: b.removedTaskArns,
    tasks: b.tasks.map((a) => ({ task: toWire('Task', a.task), taskDefinition: definitionToWire(a.taskDefinition) })),
  };
}
function batchFromWire(b: Obj): AssignmentBatch {
  return {
    seq: num(b.seq) ?? 0, full: b.full === true, removedTaskArns: b.removedTaskArns ?? [],
    tasks: (b.tasks ?? []).map((a: Obj) => ({
      task: fromWire('Task', a.task ?? {}, { listDefaults: true }),
      taskDefinition: fromWire('TaskDefinition', a.taskDefinition ?? {}, { listDefaults: true }),
    })),
  };
}

export function agentMessageToWire(m: AgentMessage): Obj {
  if ('hello' in m) return { hello: def({ ...m.hello, lastSeq: m.hello.lastSeq === undefined ? undefined : String(m.hello.lastSeq), versionInfo: m.hello.versionInfo && toWire('VersionInfo', m.hello.versionInfo) }) };
  if ('ack' in m) return { ack: { seq: String(m.ack.seq) } };
  if ('report' in m) return { report: reportToWire(m.report) };
  if ('secretsRequest' in m) return { secretsRequest: m.secretsRequest };
  if ('statistics' in m) return { statistics: m.statistics };
  if ('stream' in m) return { stream: frameToWire(m.stream) };
  if ('credentialsRequest' in m) return { credentialsRequest: m.credentialsRequest };
  if ('taskProtectionRequest' in m) return { taskProtectionRequest: def({ ...m.taskProtectionRequest }) };
  return { heartbeat: def({ sentMs: m.heartbeat.sentMs }) };
}

/** Decodes an agent message; returns null for a message with no known body (a newer agent's addition). */
export function agentMessageFromWire(w: Obj): AgentMessage | null {
  if (w.hello) {
    return { hello: def({ ...w.hello, protocolVersion: w.hello.protocolVersion ?? 0, lastSeq: num(w.hello.lastSeq), versionInfo: w.hello.versionInfo && fromWire('VersionInfo', w.hello.versionInfo) }) };
  }
  if (w.ack) return { ack: { seq: num(w.ack.seq) ?? 0 } };
  if (w.report) return { report: reportFromWire(w.report) };
  if (w.heartbeat) return { heartbeat: def({ sentMs: w.heartbeat.sentMs }) };
  if (w.secretsRequest) return { secretsRequest: { requestId: w.secretsRequest.requestId ?? '', taskArn: w.secretsRequest.taskArn ?? '' } };
  if (w.statistics) return { statistics: statisticsFromWire(w.statistics) };
  if (w.stream) return { stream: frameFromWire(w.stream) };
  if (w.credentialsRequest) return { credentialsRequest: { requestId: w.credentialsRequest.requestId ?? '', taskArn: w.credentialsRequest.taskArn ?? '', roleType: roleType(w.credentialsRequest.roleType) } };
  if (w.taskProtectionRequest) {
    const r = w.taskProtectionRequest;
    return { taskProtectionRequest: def({ requestId: r.requestId ?? '', taskArn: r.taskArn ?? '', update: r.update, protectionEnabled: r.protectionEnabled, expiresInMinutes: r.expiresInMinutes }) };
  }
  return null;
}

/** A frame of the request/stream facility; `data` travels as bytes, the open's kind as text. */
function frameToWire(f: TaskStreamFrame): Obj {
  return def({ ...f, open: f.open && def({ ...f.open }), end: f.end && def({ ...f.end }) });
}
function frameFromWire(w: Obj): TaskStreamFrame {
  const o = w.open as Obj | undefined;
  const size = (s: Obj | undefined) => s && { rows: s.rows ?? 0, cols: s.cols ?? 0 };
  const base = o && { taskArn: o.taskArn ?? '', containerName: o.containerName ?? '', window: o.window ?? 0 };
  const open: TaskStreamOpen | undefined = !o ? undefined : o.kind === 'exec'
    ? def({ ...base!, kind: 'exec' as const, command: o.command ?? [], tty: o.tty === true, stdin: o.stdin === true, size: size(o.size) })
    : def({ ...base!, kind: 'logs' as const, follow: o.follow === true, since: o.since, tail: o.tail, timestamps: o.timestamps === true });
  return def({
    streamId: w.streamId ?? '', open, data: w.data, fd: w.fd, credit: w.credit, closeStdin: w.closeStdin,
    end: w.end && def({ exitCode: w.end.exitCode, error: w.end.error, errorCode: w.end.errorCode }), resize: size(w.resize), signal: w.signal,
  });
}

/** A role type as sent (the server refuses one it does not know, naming it). */
const roleType = (v: unknown): CredentialsRoleType => String(v ?? '') as CredentialsRoleType;

/** Every figure a number (absent: 0, as proto3 scalars read), the names and times as sent. */
function statisticsFromWire(w: Obj): InstanceStatistics {
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return {
    collectedAt: n(w.collectedAt),
    containers: ((w.containers ?? []) as Obj[]).map((c) => ({
      taskArn: String(c.taskArn ?? ''), containerName: String(c.containerName ?? ''), cpuSeconds: n(c.cpuSeconds), memoryBytes: n(c.memoryBytes),
      memoryLimitBytes: n(c.memoryLimitBytes), networkRxBytes: n(c.networkRxBytes), networkTxBytes: n(c.networkTxBytes),
      blockReadBytes: n(c.blockReadBytes), blockWriteBytes: n(c.blockWriteBytes), restarts: n(c.restarts),
    })),
  };
}

export function serverMessageToWire(m: ServerMessage): Obj {
  if ('welcome' in m) return { welcome: m.welcome };
  if ('assignments' in m) return { assignments: batchToWire(m.assignments) };
  if ('reportAck' in m) return { reportAck: { taskArn: m.reportAck.taskArn, counter: String(m.reportAck.counter) } };
  if ('heartbeat' in m) return { heartbeat: def({ sentMs: m.heartbeat.sentMs, containerInsights: m.heartbeat.containerInsights }) };
  if ('secrets' in m) return { secrets: m.secrets };
  if ('stream' in m) return { stream: frameToWire(m.stream) };
  if ('credentials' in m) return { credentials: m.credentials };
  if ('taskProtection' in m) return { taskProtection: def({ ...m.taskProtection }) };
  return { reconnect: m.reconnect };
}

export function serverMessageFromWire(w: Obj): ServerMessage | null {
  if (w.welcome) {
    return { welcome: def({ protocolVersion: w.welcome.protocolVersion ?? 0, heartbeatPeriodMs: w.welcome.heartbeatPeriodMs ?? 0, sessionId: w.welcome.sessionId ?? '', containerInstanceArn: w.welcome.containerInstanceArn ?? '', containerInsights: w.welcome.containerInsights }) };
  }
  if (w.assignments) return { assignments: batchFromWire(w.assignments) };
  if (w.reportAck) return { reportAck: { taskArn: w.reportAck.taskArn, counter: num(w.reportAck.counter) ?? 0 } };
  if (w.heartbeat) return { heartbeat: def({ sentMs: w.heartbeat.sentMs, containerInsights: w.heartbeat.containerInsights }) };
  if (w.reconnect) return { reconnect: { reason: w.reconnect.reason ?? '' } };
  if (w.stream) return { stream: frameFromWire(w.stream) };
  if (w.secrets) {
    const kv = (l: Obj[] | undefined) => (l ?? []).map((p) => ({ name: p.name ?? '', value: p.value ?? '' }));
    return {
      secrets: def({
        requestId: w.secrets.requestId ?? '', taskArn: w.secrets.taskArn ?? '', error: w.secrets.error,
        containers: (w.secrets.containers ?? []).map((c: Obj) => ({ containerName: c.containerName ?? '', environment: kv(c.environment), logOptions: kv(c.logOptions) })),
      }),
    };
  }
  if (w.credentials) {
    const c = w.credentials;
    return {
      credentials: def({
        requestId: c.requestId ?? '', taskArn: c.taskArn ?? '', roleType: roleType(c.roleType), roleArn: c.roleArn, accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: num(c.expiration), awsEndpoint: c.awsEndpoint, error: c.error,
        logDriverMode: c.logDriverMode,
      }),
    };
  }
  if (w.taskProtection) {
    const p = w.taskProtection;
    return { taskProtection: def({ requestId: p.requestId ?? '', taskArn: p.taskArn ?? '', protectionEnabled: p.protectionEnabled, expirationDate: num(p.expirationDate), failure: p.failure }) };
  }
  return null;
}
