// What the control plane still owes an agent that stopped reading its stream. Nothing queues up without
// bound, because every message the server sends is state, not history: a newer assignment batch says all
// there is to say about the tasks it names (and a full set about every task), report acknowledgements are
// cumulative per task (the highest counter acknowledges the ones below it), and a heartbeat answer only
// says "still here". So a backlog holds at most one entry per task, whatever happened while it waited, and
// writing it out leaves the agent where writing every message would have.
import type { AssignmentBatch, ServerMessage, TaskAssignment } from './agent-protocol.js';

export interface AgentBacklog {
  /** Messages kept as they are, in order (a welcome, should one wait). */
  first: ServerMessage[];
  /** Every assignment batch that waited, merged into one. */
  assignments?: AssignmentBatch;
  /** The highest report counter acknowledged, by task ARN. */
  acks: Map<string, number>;
  heartbeat?: { sentMs?: number };
  /** A request to reconnect goes last: nothing is sent after it. */
  reconnect?: { reason: string };
}

export const emptyBacklog = (): AgentBacklog => ({ first: [], acks: new Map() });

/**
 * One batch saying what `older` then `newer` say: a full set replaces everything before it; otherwise
 * each task takes its newest assignment or removal, and the batch is full when `older` was.
 */
export function mergeAssignments(older: AssignmentBatch, newer: AssignmentBatch): AssignmentBatch {
  if (newer.full) return newer;
  const tasks = new Map<string, TaskAssignment>(older.tasks.map((a) => [a.task.taskArn!, a]));
  const removed = new Set(older.removedTaskArns);
  for (const arn of newer.removedTaskArns) {
    tasks.delete(arn);
    // A full set needs no removals: what it does not list is not assigned.
    if (!older.full) removed.add(arn);
  }
  for (const a of newer.tasks) {
    tasks.set(a.task.taskArn!, a);
    removed.delete(a.task.taskArn!);
  }
  return { seq: newer.seq, full: older.full, tasks: [...tasks.values()], removedTaskArns: [...removed] };
}

/** Adds a message the stream could not take now. */
export function addToBacklog(b: AgentBacklog, m: ServerMessage): void {
  if ('assignments' in m) b.assignments = b.assignments ? mergeAssignments(b.assignments, m.assignments) : m.assignments;
  else if ('reportAck' in m) b.acks.set(m.reportAck.taskArn, Math.max(m.reportAck.counter, b.acks.get(m.reportAck.taskArn) ?? 0));
  else if ('heartbeat' in m) b.heartbeat = m.heartbeat;
  else if ('reconnect' in m) b.reconnect = m.reconnect;
  else b.first.push(m);
}

/** The backlog as the messages to write, in order. */
export function backlogMessages(b: AgentBacklog): ServerMessage[] {
  return [
    ...b.first,
    ...(b.assignments ? [{ assignments: b.assignments }] : []),
    ...[...b.acks].map(([taskArn, counter]) => ({ reportAck: { taskArn, counter } })),
    ...(b.heartbeat ? [{ heartbeat: b.heartbeat }] : []),
    ...(b.reconnect ? [{ reconnect: b.reconnect }] : []),
  ];
}

/** How much a backlog holds: assignment entries (tasks and removals) and acknowledgements. */
export function backlogSize(b: AgentBacklog): { assignments: number; acks: number } {
  return { assignments: (b.assignments?.tasks.length ?? 0) + (b.assignments?.removedTaskArns.length ?? 0), acks: b.acks.size };
}
