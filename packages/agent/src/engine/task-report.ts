// A task's state as the control plane sees it (ECS's task state change), when a change is worth a report,
// and the rule that a report is saved before it is sent: a counter the server saw is never lost.
import type { ContainerHealth, ContainerStateChange, TaskStateReport } from '@berth/core';
import { hasHealthCheck } from '@berth/core/task-health.js';
import type { TaskRecord } from './local-state.js';
import { errMsg } from './reasons.js';
import type { TaskContext } from './task-context.js';
import { backendStatus } from './task-status.js';

const SAVE_RETRY_MS = 1000;

export type TaskView = Omit<TaskStateReport, 'counter'>;

/** The task's current view for the control plane. */
export function taskView(rec: TaskRecord): TaskView {
  const containers: ContainerStateChange[] = rec.containers.map((c) => {
    const s: ContainerStateChange = { containerName: c.name, status: backendStatus(c.knownStatus) };
    if (c.dockerId) s.runtimeId = c.dockerId;
    if (c.exitCode !== undefined) s.exitCode = c.exitCode;
    if (c.reason) s.reason = c.reason;
    s.networkBindings = c.networkBindings.map((b) => ({ ...b }));
    return s;
  });
  const r: TaskView = { taskArn: rec.taskArn, lastStatus: backendStatus(rec.knownStatus), containers };
  const health = healthView(rec);
  if (health.length > 0) r.containerHealth = health;
  if (rec.reason) r.reason = rec.reason;
  if (rec.pullStartedAt !== undefined) r.pullStartedAt = rec.pullStartedAt;
  if (rec.pullStoppedAt !== undefined) r.pullStoppedAt = rec.pullStoppedAt;
  if (rec.executionStoppedAt !== undefined) r.executionStoppedAt = rec.executionStoppedAt;
  return r;
}

/** Health of the containers that have a health check, for reports. */
function healthView(rec: TaskRecord): ContainerHealth[] {
  const out: ContainerHealth[] = [];
  for (const c of rec.containers) {
    const cd = (rec.taskDefinition.containerDefinitions ?? []).find((d) => d.name === c.name);
    if (!hasHealthCheck(cd?.healthCheck)) continue;
    const h: ContainerHealth = { containerName: c.name, healthStatus: c.health?.status ?? 'UNKNOWN' };
    if (c.health) h.statusSince = c.health.since;
    out.push(h);
  }
  return out;
}

/** What makes a report worth sending: statuses, exit codes, reasons, bindings, health. */
export function reportFingerprint(r: TaskView): string {
  const base = [r.lastStatus, r.reason ?? null, r.containers.map((c) => [c.containerName, c.status, c.exitCode ?? null, c.reason ?? null, c.networkBindings ?? []])];
  // Health only when there is some, so reports of tasks without health checks compare as before.
  if (r.containerHealth?.length) base.push(r.containerHealth.map((h) => [h.containerName, h.healthStatus]));
  return JSON.stringify(base);
}

/**
 * A task the control plane already shows PENDING, with nothing stopped and no reason yet: as
 * amazon-ecs-agent, which reports only RUNNING and STOPPED changes, Berth does not send it (the first
 * report then carries the pull times and runtime ids with RUNNING, and saves a store write per task).
 */
export function nothingToTell(r: TaskView): boolean {
  return r.lastStatus === 'PENDING' && !r.reason && r.containers.every((c) => c.status === 'PENDING' && c.exitCode === undefined && !c.reason);
}

/** Saves the task record when it changed, and makes, saves and sends a report on a meaningful change. */
export class TaskReporter {
  private readonly rec: TaskRecord;
  private readonly ctx: TaskContext;
  private dirty = false;
  /** A report made but not yet saved (the save failed): sent once saved. */
  private unsent?: TaskStateReport;
  /** When the failed save is tried again (epoch ms); 0: the last save succeeded. */
  saveRetryAt = 0;

  constructor(rec: TaskRecord, ctx: TaskContext) {
    this.rec = rec;
    this.ctx = ctx;
  }

  /** The record changed and must be saved. */
  touch(): void {
    this.dirty = true;
  }

  /** The latest report not yet acknowledged. */
  pendingReport(): TaskStateReport | undefined {
    const r = this.rec.lastReport;
    return r && r.counter > this.rec.ackedCounter ? r : undefined;
  }

  /** The server acknowledged reports up to `counter`; true when that is news. */
  ack(counter: number): boolean {
    if (counter <= this.rec.ackedCounter) return false;
    this.rec.ackedCounter = Math.min(counter, this.rec.counter);
    this.ctx.state.save(this.rec).catch(() => undefined); // logged by LocalState; the loop saves again
    return true;
  }

  /** Saves when anything changed; on a meaningful change makes a report (counter + 1), saved before it is sent. */
  async persistAndReport(closed: boolean): Promise<void> {
    const rec = this.rec;
    const v = taskView(rec);
    let report: TaskStateReport | undefined;
    const changed = rec.lastReport === undefined ? !nothingToTell(v) : reportFingerprint(v) !== reportFingerprint(rec.lastReport);
    if (changed) {
      rec.counter += 1;
      report = { ...v, counter: rec.counter };
      rec.lastReport = report;
      this.dirty = true;
    }
    report ??= this.unsent;
    if (!this.dirty) return;
    this.dirty = false;
    try {
      await this.ctx.state.save(rec);
    } catch (e) {
      // Not durable: the report waits (a counter the server saw must never be lost), retried shortly.
      this.ctx.log.error('cannot save task state; retrying', { taskArn: rec.taskArn, error: errMsg(e) });
      this.dirty = true;
      this.unsent = report;
      this.saveRetryAt = Date.now() + SAVE_RETRY_MS;
      return;
    }
    this.unsent = undefined;
    this.saveRetryAt = 0;
    if (report && !closed) {
      this.ctx.log.info('task state report', { taskArn: rec.taskArn, counter: report.counter, lastStatus: report.lastStatus, containers: report.containers.map((c) => `${c.containerName}:${c.status}${c.exitCode !== undefined ? `(${c.exitCode})` : ''}`) });
      try {
        this.ctx.emit(report);
      } catch (e) {
        this.ctx.log.error('report handler failed', { taskArn: rec.taskArn, error: errMsg(e) });
      }
    }
  }
}
