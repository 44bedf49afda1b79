// The metric history's writer (issue 19 §2), on the elected leader: once a period (one "AWS minute",
// --aws-minute) it reads every instance's latest statistics record, derives ECS's figures with core's
// deriveEcsMetrics, and appends them to the metric history (state/metric-data.ts); another timer deletes
// what is older than the retention. ELB's figures come the same way, from the load-balancer machines'
// HAProxy counters (state/lb-statistics.ts). An instance whose agent is gone has no record (it goes with its
// session's lease) and one whose record is stale is left out: its figures have a gap, never zeros.
//
// What it remembers, all rebuilt by a new leader (its first period then has no CPU rates: a gap): each
// instance's previous pass (CPU is a rate between two passes), the reservations of the tasks it saw (read
// once per task, as they never change while it runs), and the open hour records (state/metric-data.ts).
import { containerInsightsOn, deriveEcsMetrics, deriveElbMetrics, parseTaskDefinitionRef, resourceAmounts, resourceId, type ClusterFacts, type InstancePass, type LbStatisticsPass, type MetricPoint, type TaskFacts } from '@berth/core';
import type { ServerContext } from '../../context.js';
import { startPeriodic } from '../periodic.js';
import { allInstanceStatistics } from '../../state/instance-statistics.js';
import { getTasks, serviceOf } from '../../state/tasks.js';
import { clusterStats, getCluster } from '../../state/clusters.js';
import { OpenMetricHours, sweepMetrics } from '../../state/metric-data.js';
import { allLbBaselines, allLbStatistics, deleteLbStatistics, putLbBaselineOp } from '../../state/lb-statistics.js';
import type { Op } from '@berth/store';

export interface MetricHistoryOptions {
  /** How often figures are derived: one datapoint per series per period (default 60 s, CloudWatch's basic resolution). */
  periodMs?: number;
  /** Datapoints are kept this long (default 24 h). */
  retentionSeconds?: number;
}

/** What runs right after each period's datapoints are written, with their time (the alarms). */
export type AfterPeriod = (now: number) => Promise<void>;

export const DEFAULT_METRIC_PERIOD_MS = 60_000;
export const DEFAULT_METRIC_RETENTION_SECONDS = 24 * 3600;

export interface MetricHistoryController {
  /** Derives and writes one period's figures now, then runs what follows a period (tests; the timer does it every period). */
  tick(): Promise<number>;
  sizes(): Record<string, number>;
  stop(): void;
}

/** More of a period's datapoints, derived elsewhere (capacity providers' managed scaling). */
export type MorePoints = () => Promise<MetricPoint[]>;

export function startMetricHistory(ctx: ServerContext, opts: MetricHistoryOptions = {}, afterPeriod?: AfterPeriod, morePoints?: MorePoints): MetricHistoryController {
  const periodMs = opts.periodMs ?? DEFAULT_METRIC_PERIOD_MS;
  const retentionSeconds = opts.retentionSeconds ?? DEFAULT_METRIC_RETENTION_SECONDS;
  const open = new OpenMetricHours();
  /** Each instance's last two distinct passes. */
  const passes = new Map<string, { latest: InstancePass; previous?: InstancePass }>();
  const taskFacts = new Map<string, TaskFacts>();
  /**
   * Each load-balancer machine's pass last derived from: its counters' next difference starts there. Kept
   * in the store too (written after the figures), and read back by a new leader before its first period.
   */
  let lbPasses: Map<string, LbStatisticsPass> | undefined;

  /**
   * ELB's figures from the load-balancer machines' fresh passes, and `advance`, which makes those passes
   * the ones the next differences start from: called once the points are written, so a period whose write
   * failed is counted with the next one instead of lost. A machine silent for an hour is forgotten.
   */
  async function elbPoints(now: number): Promise<{ points: MetricPoint[]; baselines: Op[]; advance(): void }> {
    const known = (lbPasses ??= await allLbBaselines(ctx.store));
    const fresh: LbStatisticsPass[] = [];
    const previous = new Map<string, LbStatisticsPass>();
    const seen = new Set<string>();
    for (const { group, machine, rec } of await allLbStatistics(ctx.store)) {
      if (now - rec.receivedAt > 3600) {
        await deleteLbStatistics(ctx.store, group, machine);
        continue;
      }
      const id = `${group}/${machine}`;
      seen.add(id);
      // No staleness rule here (unlike the agents' statistics): counters differ exactly between any two
      // passes, and a machine that stopped reporting sends no new pass.
      const pass: LbStatisticsPass = { machine: id, collectedAt: rec.collectedAt, targetGroups: rec.targetGroups, ...(rec.loadBalancers ? { loadBalancers: rec.loadBalancers } : {}) };
      const last = known.get(id);
      // No new pass since the last period: its requests count with the next one (a gap now).
      if (last?.collectedAt === pass.collectedAt) continue;
      fresh.push(pass);
      if (last) previous.set(id, last);
    }
    // The next baseline: this pass's groups and load balancers, and the last one's for any this pass lacks,
    // so one missing from a report is counted from where it was when it comes back.
    const keep = <T>(now: T[] | undefined, then: T[] | undefined, key: (x: T) => string) => {
      const have = new Set((now ?? []).map(key));
      return [...(now ?? []), ...(then ?? []).filter((x) => !have.has(key(x)))];
    };
    const next = fresh.map((p): LbStatisticsPass => {
      const then = previous.get(p.machine);
      const loadBalancers = keep(p.loadBalancers, then?.loadBalancers, (b) => b.loadBalancerArn);
      return { ...p, targetGroups: keep(p.targetGroups, then?.targetGroups, (g) => g.targetGroupArn), ...(loadBalancers.length > 0 ? { loadBalancers } : {}) };
    });
    return {
      points: deriveElbMetrics({ passes: fresh, previous }),
      baselines: next.map(putLbBaselineOp),
      advance() {
        for (const p of next) known.set(p.machine, p);
        for (const m of known.keys()) if (!seen.has(m)) known.delete(m);
      },
    };
  }

  async function tick(): Promise<number> {
    const now = ctx.now();
    const fresh: InstancePass[] = [];
    const previous = new Map<string, InstancePass>();
    const seen = new Set<string>();
    for (const { cluster, instanceId, rec } of await allInstanceStatistics(ctx.store)) {
      seen.add(instanceId);
      const pass: InstancePass = { cluster, instanceId, collectedAt: rec.collectedAt, containers: rec.containers };
      const known = passes.get(instanceId);
      if (!known || known.latest.collectedAt !== pass.collectedAt) passes.set(instanceId, { latest: pass, ...(known ? { previous: known.latest } : {}) });
      // A record that has not moved for two periods is stale (its agent stopped sending): left out.
      if (now - rec.receivedAt > (2 * periodMs) / 1000) continue;
      fresh.push(pass);
      const prev = passes.get(instanceId)!.previous;
      if (prev) previous.set(instanceId, prev);
    }
    for (const id of passes.keys()) if (!seen.has(id)) passes.delete(id);

    // The reservations of tasks not seen before: one getMany per cluster.
    const wanted = new Map<string, Set<string>>();
    const live = new Set<string>();
    for (const p of fresh) {
      for (const c of p.containers) {
        live.add(c.taskArn);
        if (taskFacts.has(c.taskArn)) continue;
        let ids = wanted.get(p.cluster);
        if (!ids) wanted.set(p.cluster, (ids = new Set()));
        ids.add(resourceId(c.taskArn));
      }
    }
    for (const [cluster, ids] of wanted) {
      for (const t of await getTasks(ctx.store, cluster, [...ids])) {
        if (!t) continue;
        const task = t.value.task;
        const service = serviceOf(task);
        const { family } = parseTaskDefinitionRef(task.taskDefinitionArn!);
        taskFacts.set(task.taskArn!, { cluster, taskId: t.value.id, family, ...(service !== undefined ? { service } : {}), cpu: t.value.reservation.cpu, memory: t.value.reservation.memory });
      }
    }
    for (const arn of taskFacts.keys()) if (!live.has(arn)) taskFacts.delete(arn);

    const clusters = new Map<string, ClusterFacts>();
    const reporting = new Set(fresh.map((p) => p.instanceId));
    // The instance informer every server has (a context without one derives no cluster figures).
    const informer = ctx.instances;
    for (const cluster of informer ? await informer.clusterNames() : []) {
      const { instances } = await informer!.snapshot(cluster);
      const facts: ClusterFacts = {
        registeredCpu: 0, remainingCpu: 0, registeredMemory: 0, remainingMemory: 0, instanceCount: 0, reportingCpu: 0, reportingMemory: 0,
        containerInsights: false, runningTasks: 0, activeServices: 0,
      };
      const insights = containerInsightsOn((await getCluster(ctx.store, cluster))?.value.settings);
      const registeredBy = new Map<string, { cpu: number; memory: number }>();
      for (const { rec } of instances) {
        const status = rec.instance.status;
        if (status !== 'ACTIVE' && status !== 'DRAINING') continue;
        const registered = resourceAmounts(rec.instance.registeredResources);
        const remaining = resourceAmounts(rec.instance.remainingResources);
        facts.instanceCount++;
        facts.registeredCpu += registered.cpu;
        facts.registeredMemory += registered.memory;
        facts.remainingCpu += remaining.cpu;
        facts.remainingMemory += remaining.memory;
        if (insights) registeredBy.set(rec.id, registered);
        if (reporting.has(rec.id)) {
          facts.reportingCpu += registered.cpu;
          facts.reportingMemory += registered.memory;
        }
      }
      facts.containerInsights = insights;
      if (insights) {
        facts.instances = registeredBy;
        const stats = await clusterStats(ctx.store, cluster);
        facts.runningTasks = stats.runningTasksCount;
        facts.activeServices = stats.activeServicesCount;
      }
      clusters.set(cluster, facts);
    }
    const elb = await elbPoints(now);
    const points = [...deriveEcsMetrics({ passes: fresh, previous, tasks: taskFacts, clusters }), ...elb.points, ...(morePoints ? await morePoints() : [])];
    const written = await open.append(ctx.store, points, now, elb.baselines);
    elb.advance();
    await afterPeriod?.(now);
    return written;
  }

  const derive = startPeriodic(ctx, 'metric history', periodMs, async () => void (await tick()));
  // Retention: whole hours go, so sweeping a few times an hour is enough.
  const sweep = startPeriodic(ctx, 'metric retention', Math.min(15 * 60_000, Math.max(1_000, retentionSeconds * 250)),
    () => sweepMetrics(ctx.store, ctx.now() - retentionSeconds, 500), { runNow: true });
  return {
    tick,
    sizes: () => ({ passes: passes.size, taskFacts: taskFacts.size, lbPasses: lbPasses?.size ?? 0, openHours: open.size }),
    stop() {
      derive.stop();
      sweep.stop();
    },
  };
}
