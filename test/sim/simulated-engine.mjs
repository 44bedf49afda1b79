// SIMULATION. A stand-in for berth-agent's task engine (packages/agent/src/engine/engine.ts) that
// implements the agent session's SessionEngine interface, so the REAL AgentSession (the agent's own
// protocol code) talks to a real berth-server on its behalf. No Docker, no containers, no processes:
// a "container" is a timer. It behaves as the real engine does where the control plane can see it:
//   - a task already known is never started twice (only its desired status is taken, forward only);
//   - a full batch is the whole desired set: held tasks missing from it are stopped;
//   - removedTaskArns are stopped (if still running) and forgotten;
//   - reports: none while PENDING (as the real engine, and amazon-ecs-agent), RUNNING once "started",
//     STOPPED when it ends; each with a per-task counter that only grows; unacknowledged ones are
//     resent on reconnect (pendingReports).
// The simulated runtime has a configurable start latency (with jitter) and failure rate.
//
// Every start is written to a SimulationLedger shared by the whole fleet, so a benchmark can prove that
// no task was started twice (on one instance or on two) and no running task was dropped.
import { randomBytes } from 'node:crypto';

/** Fleet-wide bookkeeping of what the simulated engines did, for the scenarios' checks. */
export class SimulationLedger {
  constructor() {
    /** taskArn -> container instance ARNs that started it (length > 1 = started twice). */
    this.starts = new Map();
    /** Things a correct control plane never causes; each { kind, taskArn, instanceArn, detail }. */
    this.anomalies = [];
    this.counts = { accepted: 0, started: 0, failed: 0, stopped: 0, reports: 0, batches: 0, fullBatches: 0, removed: 0 };
    /** Agent messages the fleet's sessions wrote, by kind (hello, ack, report, heartbeat, ...). */
    this.sent = {};
  }

  recordStart(taskArn, instanceArn) {
    const s = this.starts.get(taskArn);
    if (s) {
      s.push(instanceArn);
      this.anomaly('started-twice', taskArn, instanceArn, `started ${s.length} times, on ${[...new Set(s)].length} instance(s)`);
    } else this.starts.set(taskArn, [instanceArn]);
    this.counts.started++;
  }

  anomaly(kind, taskArn, instanceArn, detail) {
    this.anomalies.push({ kind, taskArn, instanceArn, detail });
  }

  /** Tasks started more than once. */
  doubleStarts() {
    return [...this.starts].filter(([, s]) => s.length > 1).map(([taskArn, instances]) => ({ taskArn, instances }));
  }
}

const defaultRandom = Math.random;

export class SimulatedEngine {
  /**
   * @param {object} o
   * @param {string} o.instanceArn
   * @param {SimulationLedger} o.ledger
   * @param {number} [o.startLatencyMs=100]  mean simulated pull+create+start time
   * @param {number} [o.startJitter=0.5]      latency is uniform in mean * [1 - jitter, 1 + jitter]
   * @param {number} [o.failureRate=0]        probability a start fails (the task goes STOPPED, exit 1)
   * @param {number} [o.stopLatencyMs=20]     simulated docker stop time
   * @param {() => number} [o.random]
   */
  constructor(o) {
    this.instanceArn = o.instanceArn;
    this.ledger = o.ledger;
    this.startLatencyMs = o.startLatencyMs ?? 100;
    this.startJitter = o.startJitter ?? 0.5;
    this.failureRate = o.failureRate ?? 0;
    this.stopLatencyMs = o.stopLatencyMs ?? 20;
    this.random = o.random ?? defaultRandom;
    /** Set by the fleet: where a new report goes (AgentSession.report). */
    this.onReport = () => {};
    /** taskArn -> simulated task state. */
    this.tasks = new Map();
    /** Tasks forgotten after they stopped: a later assignment of one is not run again. */
    this.cleaned = new Set();
    this.closed = false;
    this.fullBatches = 0;
    // A simulated container's id: 64 hex characters, as Docker's, unique in the fleet (a random prefix per
    // machine, then a counter). Drawing 32 random bytes per container cost the fleet's thread ~4% of its
    // time at 1,000 instances: entropy no reader of the id needs.
    this.idPrefix = randomBytes(24).toString('hex');
    this.nextId = 0;
  }

  // --- SessionEngine ------------------------------------------------------------------------------------

  applyAssignments(batch) {
    if (this.closed) return;
    this.ledger.counts.batches++;
    if (batch.full) {
      this.ledger.counts.fullBatches++;
      this.fullBatches++;
    }
    const present = new Set();
    for (const a of batch.tasks ?? []) {
      const arn = a.task?.taskArn;
      if (!arn) continue;
      present.add(arn);
      const desired = a.task.desiredStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING';
      const held = this.tasks.get(arn);
      if (held) {
        if (desired === 'STOPPED') this.stop(held, undefined);
        continue;
      }
      if (this.cleaned.has(arn)) continue;
      this.add(a, desired);
    }
    for (const arn of batch.removedTaskArns ?? []) {
      this.ledger.counts.removed++;
      const t = this.tasks.get(arn);
      if (!t) continue;
      if (t.status !== 'STOPPED') {
        // The server removes an assignment only once the task is STOPPED (or never on this instance).
        this.ledger.anomaly('removed-while-running', arn, this.instanceArn, `assignment removed while the task was ${t.status}`);
        this.stop(t, 'assignment removed');
      } else this.forget(t);
    }
    if (batch.full) {
      for (const t of this.tasks.values()) {
        if (present.has(t.arn)) continue;
        if (t.status === 'STOPPED') {
          this.forget(t);
          continue;
        }
        // A task this instance runs that the control plane no longer lists: a lost task.
        this.ledger.anomaly('missing-from-full-set', t.arn, this.instanceArn, `held ${t.status} but absent from a full assignment set`);
        this.stop(t, 'no longer assigned to this instance');
      }
    }
  }

  pendingReports() {
    const out = [];
    for (const t of this.tasks.values()) if (t.lastReport && t.lastReport.counter > t.acked) out.push(t.lastReport);
    return out;
  }

  ackReport(taskArn, counter) {
    const t = this.tasks.get(taskArn);
    if (!t || counter <= t.acked) return;
    t.acked = Math.min(counter, t.counter);
    if (t.acked === t.counter) {
      if (t.status === 'RUNNING' && t.ackedRunningAt === undefined) t.ackedRunningAt = Date.now();
    }
  }

  // --- the simulated runtime ------------------------------------------------------------------------------

  add(a, desired) {
    const td = a.taskDefinition ?? {};
    const t = {
      arn: a.task.taskArn,
      desired,
      status: 'PENDING',
      counter: 0,
      acked: 0,
      lastReport: undefined,
      timer: undefined,
      runtimeIds: new Map(),
      containers: (td.containerDefinitions ?? []).map((c) => c.name ?? ''),
      acceptedAt: Date.now(),
      runningAt: undefined,
      ackedRunningAt: undefined,
      exitCode: undefined,
      reason: undefined,
      ran: false,
    };
    this.tasks.set(t.arn, t);
    this.ledger.counts.accepted++;
    if (desired === 'STOPPED') {
      // Never ran: stopped without touching the runtime, as the real engine does.
      this.finish(t, undefined, undefined);
      return;
    }
    const spread = this.startLatencyMs * this.startJitter;
    const delay = Math.max(0, this.startLatencyMs - spread + this.random() * 2 * spread);
    // The runtime call (create + start) begins now: this is what a double start would repeat.
    this.ledger.recordStart(t.arn, this.instanceArn);
    t.ran = true;
    t.timer = setTimeout(() => {
      t.timer = undefined;
      if (this.closed) return;
      if (this.random() < this.failureRate) {
        this.ledger.counts.failed++;
        this.finish(t, 1, 'CannotStartContainerError: simulated start failure');
        return;
      }
      for (const c of t.containers) t.runtimeIds.set(c, this.idPrefix + (++this.nextId).toString(16).padStart(16, '0'));
      t.status = 'RUNNING';
      t.runningAt = Date.now();
      if (t.desired === 'STOPPED') this.stop(t, undefined);
      else this.emit(t);
    }, delay);
  }

  stop(t, reason) {
    t.desired = 'STOPPED';
    if (t.status === 'STOPPED' || t.stopping) return;
    if (t.status === 'PENDING') {
      // The start in flight lands first (it may have started the container), then the stop.
      if (t.timer) return;
      this.finish(t, undefined, reason);
      return;
    }
    t.stopping = true;
    t.timer = setTimeout(() => {
      t.timer = undefined;
      if (!this.closed) this.finish(t, 0, reason);
    }, this.stopLatencyMs);
  }

  finish(t, exitCode, reason) {
    t.status = 'STOPPED';
    t.exitCode = exitCode;
    t.reason = reason;
    this.ledger.counts.stopped++;
    this.emit(t);
  }

  forget(t) {
    clearTimeout(t.timer);
    this.tasks.delete(t.arn);
    this.cleaned.add(t.arn);
    if (this.cleaned.size > 10_000) this.cleaned.delete(this.cleaned.values().next().value);
  }

  emit(t) {
    t.counter++;
    const containers = t.containers.map((name) => {
      const c = { containerName: name, status: t.status };
      const id = t.runtimeIds.get(name);
      if (id) c.runtimeId = id;
      if (t.status === 'STOPPED' && t.exitCode !== undefined) c.exitCode = t.exitCode;
      if (t.status === 'STOPPED' && t.reason) c.reason = t.reason;
      return c;
    });
    const r = { taskArn: t.arn, counter: t.counter, lastStatus: t.status, containers };
    if (t.reason) r.reason = t.reason;
    if (t.status === 'STOPPED') r.executionStoppedAt = Date.now() / 1000;
    t.lastReport = r;
    this.ledger.counts.reports++;
    this.onReport(r);
  }

  /** Tasks by simulated status (what `docker ps` would show, if there were a Docker). */
  statusCounts() {
    const c = { PENDING: 0, RUNNING: 0, STOPPED: 0, runningAcked: 0 };
    for (const t of this.tasks.values()) {
      c[t.status]++;
      if (t.status === 'RUNNING' && t.acked === t.counter) c.runningAcked++;
    }
    return c;
  }

  close() {
    this.closed = true;
    for (const t of this.tasks.values()) clearTimeout(t.timer);
  }
}
