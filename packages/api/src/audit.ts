// The audit trail: one record per call that may change something, with who made it, on what, from where
// and how it ended (issue 16 §7). Reads are not audited (Describe, List, Get, Watch), nor what happens
// inside an agent's stream (its reports): its opening is, as a connection of that instance. A record never
// holds a request's body or a response, so no secret can reach it: only names, ARNs and the error's name.
import type { CallRecord, Caller } from './call.js';

export interface AuditEntry {
  /** ISO 8601, UTC. */
  time: string;
  requestId: string;
  /** Who: `user/NAME (AKID)`, a container instance's ARN, or `anonymous`. */
  caller: string;
  callerKind: Caller['kind'];
  /** The IAM action, `ecs:RunTask`. */
  action: string;
  /** The ARNs it was authorized on (absent when refused before its resources were known). */
  resources?: string[];
  /** `ok`, or the error's name (`AccessDeniedException`, `ClusterNotFoundException`). */
  result: string;
  transport: string;
  /** The peer's address. */
  source: string;
}

const READ_ONLY = /^(Describe|List|Get|Watch)/;

/** The audit record of a finished call or a stream's opening, or undefined when it is not audited. */
export function auditEntry({ call, error, stream }: CallRecord, now: Date = new Date()): AuditEntry | undefined {
  if (READ_ONLY.test(call.action) || stream?.phase === 'close') return undefined;
  return {
    time: now.toISOString(), requestId: call.requestId, caller: callerName(call.caller), callerKind: call.caller.kind,
    action: `${call.api.iamPrefix}:${call.action}`, ...(call.resources ? { resources: call.resources } : {}),
    result: error ? error.name : 'ok', transport: call.transport, source: call.peer,
  };
}

/** The audit observer: each audited call's record to `write` (a log line, or the --audit-log file). */
export function auditCalls(write: (entry: AuditEntry) => void): (record: CallRecord) => void {
  return (record) => {
    const entry = auditEntry(record);
    if (entry) write(entry);
  };
}

/** A caller in one string, for logs and audit records. */
export function callerName(c: Caller): string {
  if (c.kind === 'access-key') return `user/${c.userName} (${c.accessKeyId})`;
  if (c.kind === 'assumed-role') return `assumed-role/${c.roleName}/${c.sessionName} (${c.accessKeyId})`;
  if (c.kind === 'container-instance') return c.containerInstanceArn;
  if (c.kind === 'component') return `${c.component}/${c.cluster}/${c.id}`;
  return 'anonymous';
}
