// RegisterTargets, DeregisterTargets, DescribeTargetHealth. A target is a container instance's id
// (`instance` groups) or an IPv4 address (`ip` groups) and a port (the group's when not given). A
// deregistered target drains for the group's deregistration delay (`draining`; berth-lb lets its
// connections finish) and is then gone. Health: core's targetHealth, from the serving machines' reports.
import { BerthError, ELB_LIMITS, NOT_REGISTERED, checkTargetId, targetHealth, validation, type Elbv2 } from '@berth/core';
import type { ServerContext } from '../../context.js';
import { commitWithRetry } from '../../state/kit.js';
import { deleteTargetOp, putTargetOp, targetCount, targetsOf, type TargetRecord } from '../../state/targets.js';
import type { TargetGroupRecord } from '../../state/target-groups.js';
import { targetGroupCompare } from '../../state/target-groups.js';
import { deleteReportsOfOps, targetHealthReports } from '../../state/target-health.js';
import { requireTargetGroup } from './lookup.js';

/** A machine's report older than this is its silence: it has stopped serving (berth-lb refreshes every 10 s). */
export const REPORT_FRESH_SECONDS = 30;

const keyOf = (id: string, port: number) => `${id}:${port}`;

/** The targets a request names, with their ports (the group's when absent), checked. */
function targetsOfRequest(tg: TargetGroupRecord, targets: Elbv2.TargetDescription[]): { id: string; port: number; availabilityZone?: string }[] {
  return targets.map((t, i) => {
    checkTargetId(tg.targetGroup.TargetType, t.Id, `Targets[${i}].Id`);
    if (t.QuicServerId !== undefined) throw validation('QuicServerId is for QUIC target groups, which Berth does not build.', `Targets[${i}].QuicServerId`);
    const port = t.Port ?? tg.targetGroup.Port;
    if (port === undefined) throw validation('A target needs a Port: the target group has none.', `Targets[${i}].Port`);
    return { id: t.Id, port, ...(t.AvailabilityZone !== undefined ? { availabilityZone: t.AvailabilityZone } : {}) };
  });
}

const PURGE_PER_CALL = 10;

/** Whether a deregistered target's delay has passed. */
const drained = (t: TargetRecord, now: number) => t.deregisteredAt !== undefined && t.deregisteredAt + (t.drainSeconds ?? 0) <= now;

/**
 * The writes that remove targets whose delay has passed, and the machines' reports on them (but those in
 * `keep`, written again by the same transaction): each registration change purges what drained before it,
 * so drained targets never pile up toward the quota.
 */
async function purgeDrained(ctx: ServerContext, groupId: string, targets: TargetRecord[], now: number, keep: Set<string>) {
  // A few per call keep the transaction within the store's limit; the next change purges more.
  const gone = targets.filter((t) => drained(t, now) && !keep.has(keyOf(t.id, t.port))).slice(0, PURGE_PER_CALL);
  return [...gone.map((t) => deleteTargetOp(groupId, t.id, t.port)), ...(await deleteReportsOfOps(ctx.store, groupId, gone.map((t) => keyOf(t.id, t.port))))];
}

export async function registerTargets(ctx: ServerContext, req: Elbv2.RegisterTargetsInput): Promise<Elbv2.RegisterTargetsOutput> {
  await commitWithRetry(ctx.store, async () => {
    const tg = await requireTargetGroup(ctx, req.TargetGroupArn);
    const wanted = targetsOfRequest(tg.value, req.Targets);
    const all = await targetsOf(ctx.store, tg.value.id);
    const current = new Map(all.map((t) => [keyOf(t.id, t.port), t]));
    const now = ctx.now();
    const fresh = wanted.filter((w) => !current.has(keyOf(w.id, w.port)));
    if ((await targetCount(ctx.store, tg.value.id)) + fresh.length > ELB_LIMITS.targetsPerTargetGroup) {
      throw new BerthError('TooManyTargetsException', `A target group can have at most ${ELB_LIMITS.targetsPerTargetGroup} targets.`, 'Targets');
    }
    // A registered target stays as it is; a draining one (or one drained) is registered again.
    const ops = wanted.flatMap((w) => {
      const was = current.get(keyOf(w.id, w.port));
      if (was && was.deregisteredAt === undefined) return [];
      return [putTargetOp(tg.value.id, { id: w.id, port: w.port, registeredAt: now, ...(w.availabilityZone !== undefined ? { availabilityZone: w.availabilityZone } : {}) })];
    });
    const purge = await purgeDrained(ctx, tg.value.id, all, now, new Set(wanted.map((w) => keyOf(w.id, w.port))));
    return { txn: { compare: [targetGroupCompare(tg)], success: [...ops, ...purge] }, result: undefined };
  });
  return {};
}

export async function deregisterTargets(ctx: ServerContext, req: Elbv2.DeregisterTargetsInput): Promise<Elbv2.DeregisterTargetsOutput> {
  await commitWithRetry(ctx.store, async () => {
    const tg = await requireTargetGroup(ctx, req.TargetGroupArn);
    const wanted = targetsOfRequest(tg.value, req.Targets);
    const now = ctx.now();
    const all = await targetsOf(ctx.store, tg.value.id);
    const current = new Map(all.filter((t) => !drained(t, now)).map((t) => [keyOf(t.id, t.port), t]));
    const missing = wanted.filter((w) => !current.has(keyOf(w.id, w.port)));
    if (missing.length > 0) throw new BerthError('InvalidTargetException', `The following targets are not registered in target group '${req.TargetGroupArn}': ${missing.map((m) => `'${m.id}:${m.port}'`).join(', ')}`, 'Targets');
    const delay = Number(tg.value.attributes['deregistration_delay.timeout_seconds'] ?? '300');
    const ops = wanted.flatMap((w) => {
      const t = current.get(keyOf(w.id, w.port))!;
      if (t.deregisteredAt !== undefined) return [];
      return delay === 0 ? [deleteTargetOp(tg.value.id, t.id, t.port)] : [putTargetOp(tg.value.id, { ...t, deregisteredAt: now, drainSeconds: delay })];
    });
    const gone = new Set(delay === 0 ? wanted.map((w) => keyOf(w.id, w.port)) : []);
    const reports = await deleteReportsOfOps(ctx.store, tg.value.id, [...gone]);
    const purge = await purgeDrained(ctx, tg.value.id, all, now, new Set());
    return { txn: { compare: [targetGroupCompare(tg)], success: [...ops, ...reports, ...purge] }, result: undefined };
  });
  return {};
}

export async function describeTargetHealth(ctx: ServerContext, req: Elbv2.DescribeTargetHealthInput): Promise<Elbv2.DescribeTargetHealthOutput> {
  if (req.Include !== undefined) throw validation('Include (anomaly detection) is not built: Berth has no anomaly detection.', 'Include');
  const tg = await requireTargetGroup(ctx, req.TargetGroupArn);
  const now = ctx.now();
  const all = (await targetsOf(ctx.store, tg.value.id)).filter((t) => !drained(t, now));
  const inUse = Object.keys(tg.value.forwardedBy).length > 0;
  // Machines that reported on this group lately are the ones serving it; each target is judged by all of them.
  const reports = await targetHealthReports(ctx.store, tg.value.id);
  const machines = new Set<string>();
  for (const byMachine of reports.values()) for (const [m, r] of byMachine) if (r.at > now - REPORT_FRESH_SECONDS) machines.add(m);
  const reportsOf = (t: TargetRecord) => [...machines].map((m) => reports.get(keyOf(t.id, t.port))?.get(m)).map((r) => (r && r.at > now - REPORT_FRESH_SECONDS ? r : undefined));
  const describe = (t: TargetRecord): Elbv2.TargetHealthDescription => ({
    Target: { Id: t.id, Port: t.port, ...(t.availabilityZone !== undefined ? { AvailabilityZone: t.availabilityZone } : {}) },
    HealthCheckPort: tg.value.targetGroup.HealthCheckPort === 'traffic-port' || tg.value.targetGroup.HealthCheckPort === undefined ? String(t.port) : tg.value.targetGroup.HealthCheckPort,
    TargetHealth: targetHealth({ draining: t.deregisteredAt !== undefined, healthCheckEnabled: tg.value.targetGroup.HealthCheckEnabled !== false, inUse, reports: reportsOf(t) }),
  });
  if (req.Targets === undefined) return { TargetHealthDescriptions: all.map(describe) };
  const byKey = new Map(all.map((t) => [keyOf(t.id, t.port), t]));
  return {
    TargetHealthDescriptions: targetsOfRequest(tg.value, req.Targets).map((w) => {
      const t = byKey.get(keyOf(w.id, w.port));
      return t ? describe(t) : { Target: { Id: w.id, Port: w.port }, TargetHealth: NOT_REGISTERED };
    }),
  };
}
