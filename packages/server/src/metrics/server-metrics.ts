// berth-server's own metrics (issue 19 §5), served on its metrics listener: every call by API, action,
// transport and result (the hook chain's observer), open streams, store latency, placement decisions and
// the exclusions behind failed ones, leadership and its term, agent sessions. docs/metrics.md lists them.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { processRegistry, type CallRecord } from '@berth/api';
import type { PlacementResult } from '@berth/core';
import type { StoreTiming } from '@berth/store';

/** What the gauges read at each scrape (set once the server's parts exist). */
export interface ServerGaugeSources {
  /** The leader term this replica holds (the leader key's modRevision), if it leads. */
  leaderTerm(): number | undefined;
  agentSessions(): number;
}

const CALL_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export class ServerMetrics {
  readonly registry: Registry = processRegistry();
  private sources?: ServerGaugeSources;
  private readonly calls = new Counter({ name: 'berth_server_calls_total', help: 'API calls and stream openings answered, by API, action, transport and result (OK or the error name).', labelNames: ['api', 'action', 'transport', 'code'], registers: [this.registry] });
  private readonly callSeconds = new Histogram({ name: 'berth_server_call_duration_seconds', help: 'Time to answer a unary API call, through the whole hook chain.', labelNames: ['api', 'action'], buckets: CALL_BUCKETS, registers: [this.registry] });
  private readonly streams = new Gauge({ name: 'berth_server_open_streams', help: 'gRPC streams open now (agent sessions, WatchEvents), by API and action.', labelNames: ['api', 'action'], registers: [this.registry] });
  private readonly storeSeconds = new Histogram({ name: 'berth_server_store_operation_duration_seconds', help: 'Time of each store call the server waited on, by method.', labelNames: ['method'], buckets: STORE_BUCKETS, registers: [this.registry] });
  private readonly storeErrors = new Counter({ name: 'berth_server_store_errors_total', help: 'Store calls that failed, by method.', labelNames: ['method'], registers: [this.registry] });
  private readonly decisions = new Counter({ name: 'berth_server_placement_decisions_total', help: 'Placement decisions (RunTask, CreateService and the services controller), by outcome: placed every task, or some unplaced.', labelNames: ['outcome'], registers: [this.registry] });
  private readonly placed = new Counter({ name: 'berth_server_placement_tasks_placed_total', help: 'Tasks placement put on an instance (before the commit, which may still retry).', registers: [this.registry] });
  private readonly exclusions = new Counter({ name: 'berth_server_placement_failures_total', help: 'Instances excluded in decisions that left tasks unplaced, by ECS failure reason (RESOURCE:MEMORY, AGENT, ...).', labelNames: ['reason'], registers: [this.registry] });

  constructor() {
    const self = this;
    new Gauge({ name: 'berth_server_leader', help: '1 when this replica is the elected leader running the controllers, else 0.', registers: [this.registry], collect() {
      this.set(self.sources?.leaderTerm() !== undefined ? 1 : 0);
    } });
    new Gauge({ name: 'berth_server_leader_term', help: 'The leader term this replica holds (the leader key\'s store revision); 0 when it does not lead.', registers: [this.registry], collect() {
      this.set(self.sources?.leaderTerm() ?? 0);
    } });
    new Gauge({ name: 'berth_server_agent_sessions', help: 'Agent sessions connected to this replica.', registers: [this.registry], collect() {
      this.set(self.sources?.agentSessions() ?? 0);
    } });
  }

  /** The gauges' sources, once the server's parts exist. */
  readFrom(sources: ServerGaugeSources): void {
    this.sources = sources;
  }

  /** The hook chain's observer: a unary call when it ends; a stream when it opens (or is refused) and when it closes. */
  readonly observeCall = ({ call, ms, error, stream }: CallRecord): void => {
    const labels = { api: call.api.name, action: call.action };
    if (stream?.phase === 'close') return void this.streams.dec(labels);
    this.calls.inc({ ...labels, transport: call.transport, code: error?.name ?? 'OK' });
    if (stream) {
      if (!error) this.streams.inc(labels);
    } else this.callSeconds.observe(labels, ms / 1000);
  };

  readonly storeTiming: StoreTiming = (method, seconds, failed) => {
    this.storeSeconds.observe({ method }, seconds);
    if (failed) this.storeErrors.inc({ method });
  };

  placement(result: PlacementResult): void {
    this.decisions.inc({ outcome: result.unplaced > 0 ? 'unplaced' : 'placed' });
    if (result.placements.length) this.placed.inc(result.placements.length);
    for (const f of result.failures) this.exclusions.inc({ reason: f.reason });
  }
}
