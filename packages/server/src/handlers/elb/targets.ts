// RegisterTargets, DeregisterTargets, DescribeTargetHealth. A target is a container instance's id
// (`instance` groups) or an IPv4 address (`ip` groups) and a port (the group's when not given). A
// deregistered target drains for the group's deregistration delay (`draining`; berth-lb lets its
// connections finish) and is then gone. Health: core's targetHealth, from the serving machines' reports.
import {
  BerthError, DEFAULT_DEREGISTRATION_DELAY_SECONDS, ELB_LIMITS, NOT_REGISTERED, checkTargetId, targetChanges, targetHealth, validation,
  type Elbv2, type TaskTarget,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import { commitWithRetry, noWrite, type Versioned } from '../../state/kit.js';
import { deleteTargetOp, putTargetOp, targetCount, targetsOf, type TargetRecord } from '../../state/targets.js';
import type { TargetGroupRecord } from '../../state/target-groups.js';
import { targetGroupCompare } from '../../state/target-groups.js';
import { deleteReportsOfOps, targetHealthReports } from '../../state/target-health.js';
import { findTargetGroup, requireTargetGroup } from './lookup.js';

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
    const ops = await deregistrationOps(ctx, tg, all, wanted.map((w) => current.get(keyOf(w.id, w.port))!), now);
    return { txn: { compare: [targetGroupCompare(tg)], success: ops }, result: undefined };
  });
  return {};
}

/**
 * The writes that deregister `targets` (registered ones; draining ones are left as they are): each drains
 * for the group's deregistration delay, or is gone at once with none (and the machines' reports on it).
 */
async function deregistrationOps(ctx: ServerContext, tg: Versioned<TargetGroupRecord>, all: TargetRecord[], targets: TargetRecord[], now: number) {
  const delay = Number(tg.value.attributes['deregistration_delay.timeout_seconds'] ?? String(DEFAULT_DEREGISTRATION_DELAY_SECONDS));
  const ops = targets.flatMap((t) => {
    if (t.deregisteredAt !== undefined) return [];
    return delay === 0 ? [deleteTargetOp(tg.value.id, t.id, t.port)] : [putTargetOp(tg.value.id, { ...t, deregisteredAt: now, drainSeconds: delay })];
  });
  const gone = delay === 0 ? targets.map((t) => keyOf(t.id, t.port)) : [];
  return [...ops, ...(await deleteReportsOfOps(ctx.store, tg.value.id, gone)), ...(await purgeDrained(ctx, tg.value.id, all, now, new Set()))];
}

/**
 * An ECS service's registrations in one of its target groups brought to its serving tasks (core's
 * targetChanges): their targets registered (marked as the service's), the service's targets that no
 * serving task is any more deregistered (they drain). One transaction comparing the group; how many of
 * each (none when the group is gone).
 */
export async function syncServiceTargets(ctx: ServerContext, targetGroupArn: string, service: string, desired: readonly TaskTarget[]): Promise<{ registered: number; deregistered: number }> {
  return commitWithRetry(ctx.store, async () => {
    const tg = await findTargetGroup(ctx, targetGroupArn);
    if (!tg) return { txn: noWrite, result: { registered: 0, deregistered: 0 } };
    const now = ctx.now();
    const all = await targetsOf(ctx.store, tg.value.id);
    const live = all.filter((t) => !drained(t, now));
    const change = targetChanges(desired, live.map((t) => ({ id: t.id, port: t.port, draining: t.deregisteredAt !== undefined, ...(t.service ? { service: t.service } : {}) })), service);
    const result = { registered: change.register.length, deregistered: change.deregister.length };
    if (result.registered === 0 && result.deregistered === 0) return { txn: noWrite, result };
    const byKey = new Map(live.map((t) => [keyOf(t.id, t.port), t]));
    const register = change.register.map((r) => putTargetOp(tg.value.id, { id: r.id, port: r.port, registeredAt: now, service }));
    const keep = new Set(change.register.map((r) => keyOf(r.id, r.port)));
    const deregister = await deregistrationOps(ctx, tg, all.filter((t) => !keep.has(keyOf(t.id, t.port))), change.deregister.map((d) => byKey.get(keyOf(d.id, d.port))!), now);
    return { txn: { compare: [targetGroupCompare(tg)], success: [...register, ...deregister] }, result };
  });
}

export async function describeTargetHealth(ctx: ServerContext, req: Elbv2.DescribeTargetHealthInput): Promise<Elbv2.DescribeTargetHealthOutput> {
  if (req.Include !== undefined) throw validation('Include (anomaly detection) is not built: Berth has no anomaly detection.', 'Include');
  const tg = await requireTargetGroup(ctx, req.TargetGroupArn);
  const { all, describe } = await groupHealth(ctx, tg);
  if (req.Targets === undefined) return { TargetHealthDescriptions: all.map(describe) };
  const byKey = new Map(all.map((t) => [keyOf(t.id, t.port), t]));
  return {
    TargetHealthDescriptions: targetsOfRequest(tg.value, req.Targets).map((w) => {
      const t = byKey.get(keyOf(w.id, w.port));
      return t ? describe(t) : { Target: { Id: w.id, Port: w.port }, TargetHealth: NOT_REGISTERED };
    }),
  };
}

/** The health of a group's targets as DescribeTargetHealth says it, by `ID:PORT` (the services controller reads it). */
export async function targetStates(ctx: ServerContext, tg: Versioned<TargetGroupRecord>): Promise<Map<string, Elbv2.TargetHealthStateEnum>> {
  const { all, describe } = await groupHealth(ctx, tg);
  return new Map(all.map((t) => [keyOf(t.id, t.port), describe(t).TargetHealth!.State!]));
}

/** A group's targets (drained ones aside) and how each is described, from the serving machines' reports. */
async function groupHealth(ctx: ServerContext, tg: Versioned<TargetGroupRecord>) {
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
  return { all, describe };
}
