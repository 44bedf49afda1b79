// The services controller: a thin reconcile loop around core's replica scheduler (decideService). It
// watches the service records and the tasks (plus a periodic resync and wake-ups when time alone changes a
// decision), and for each service that changed: reads the record and its tasks, decides, then applies the
// plan through the store with the same writes RunTask and StopTask use. Every write compares what it read
// (the service record's revision). It runs on the elected leader only, with a ctx whose store fences and
// stamps every write with the leader's term (leader/controllers.ts), so the loop itself knows nothing of it.
import {
  AGENT_LOST_REASON, DAEMON_CONSTRAINT_REASON, DEFAULT_SCHEDULER_SETTINGS, DRAINING_REASON, UNHEALTHY_REASON, addEvents,
  decideDaemon, decideService, decideTaskSets, eventTexts, isElbUnhealthyReason, isShiftingStrategy, parseTaskDefinitionRef, placementFailureMessage, registeredLoadBalancer,
  resourceId, ruleForwards, serviceMessage, shiftPlan, type SchedulerState,
  taskDefinitionChecks, taskDefinitionRefusal, type FeasibilityCheck, type PlacementConstraint, type SchedulerPlan, type TaskSetPlan, type SchedulerSettings, type Service, type ServiceAction, type ServiceMessage, type ServiceTask, type Tag, type TaskDefinition,
  type TaskDefinitionPlacementConstraint,
} from '@berth/core';
import type { Op, Watch, WatchEvent } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { decode, rangeAll } from '../../state/kit.js';
import { INSTANCES_ROOT, type InstanceLiveRecord } from '../../state/instances.js';
import {
  SERVICES_BY_STATUS_ROOT, SERVICES_ROOT, getService, getServiceWithoutEvents, parseServiceIndexKey, serviceDeleteOps, serviceKey,
  serviceNames, serviceOps, type ServiceRecord,
} from '../../state/services.js';
import {
  TASKS_BY_SERVICE_ROOT, getTasks, parseServiceTaskKey, liveServiceTaskIds, serviceStopConsumedOp, serviceStops, waitingInServiceInbox, type TaskRecord,
} from '../../state/tasks.js';
import { getRevision } from '../../state/task-definitions.js';
import { deleteTaskSetOp, putTaskSetOp, serviceTaskSets, serviceTaskSetsDeleteOp } from '../../state/task-sets.js';
import { newDeploymentId, newEventId, servicePlacement } from '../../handlers/services.js';
import { withDeploymentHistory } from '../../handlers/service-deployments.js';
import { placeAndCreateTasks, providerShare } from '../../handlers/tasks/launch.js';

/** A service's live tasks per capacity provider (what its strategy's base and weights count). */
const providerCounts = (records: readonly TaskRecord[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of records) {
    const p = r.task.capacityProviderName;
    if (p !== undefined && r.task.lastStatus !== 'STOPPED' && r.task.desiredStatus !== 'STOPPED') out[p] = (out[p] ?? 0) + 1;
  }
  return out;
};
import { RUN_TASK_MAX } from '../../handlers/tasks/launch-plan.js';
import { releaseTaskStop, requestTaskStop } from '../../handlers/tasks/stop.js';
import { TARGET_HEALTH_ROOT, reportGroupId } from '../../state/target-health.js';
import { serviceBalancing, syncTargets, type TaskLoadBalancers } from './service-targets.js';
import { setWeightedForward } from '../../handlers/elb/rules.js';
import { serviceEventOps } from '../../events/publish.js';
import { DEFAULT_AGENT_LOST_GRACE_SECONDS, fleetView } from './fleet.js';
import { ALARMS_PREFIX, getAlarms, type AlarmRecord } from '../../state/alarms.js';

/** Stopped tasks from a service's stop inbox one decision takes into account (the rest, the next). */
export const STOPS_PER_DECISION = 16;
/** Stops whose service event the decision writes itself (the rest get "has stopped N running tasks"). */
const OWN_EVENT_REASONS = new Set([UNHEALTHY_REASON, DRAINING_REASON, AGENT_LOST_REASON, DAEMON_CONSTRAINT_REASON]);

export interface ServiceControllerOptions extends Partial<SchedulerSettings> {
  /** Every service is reconciled this often even without a change (default 60 s). */
  resyncSeconds?: number;
  /** An INACTIVE (deleted) service stays describable this long, then is gone (default 3600 s). */
  inactiveRetentionSeconds?: number;
  /**
   * An agent away (no session) this long is lost: its service tasks are replaced elsewhere (default 300 s;
   * beyond ECS, which leaves them alone).
   */
  agentLostGraceSeconds?: number;
}

export interface ServiceController {
  /** Reconcile this service soon. */
  kick(cluster: string, name: string): void;
  /** One reconcile of this service, now (tests measure what one costs). */
  reconcile(cluster: string, name: string): Promise<void>;
  /** Entries of each in-memory map (tests: they shrink when services and instances go). */
  sizes(): Record<string, number>;
  stop(): Promise<void>;
}

const RETRY_MS = 1000;
/** Task definitions whose scheduling facts are kept (they never change; the cache starts over past this). */
const TASK_DEFINITIONS_KEPT = 1000;

export function startServiceController(ctx: ServerContext, opts: ServiceControllerOptions = {}): ServiceController {
  const settings: SchedulerSettings = {
    settleSeconds: opts.settleSeconds ?? DEFAULT_SCHEDULER_SETTINGS.settleSeconds,
    throttleBaseSeconds: opts.throttleBaseSeconds ?? DEFAULT_SCHEDULER_SETTINGS.throttleBaseSeconds,
    throttleMaxSeconds: opts.throttleMaxSeconds ?? DEFAULT_SCHEDULER_SETTINGS.throttleMaxSeconds,
    throttleEventAfter: opts.throttleEventAfter ?? DEFAULT_SCHEDULER_SETTINGS.throttleEventAfter,
  };
  // Every map here is keyed by service, instance or task definition, and shrinks when it goes: a service is
  // dropped from `dirty` when reconciled and from `wakes` when it is gone or INACTIVE; an instance from
  // `instanceSeen` when deregistered or deleted; `tdInfo` is bounded.
  const dirty = new Set<string>();
  const wakes = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  const tdInfo = new Map<string, { healthChecked: boolean; constraints: TaskDefinitionPlacementConstraint[]; requirements: FeasibilityCheck[] }>();
  const lostGrace = opts.agentLostGraceSeconds ?? DEFAULT_AGENT_LOST_GRACE_SECONDS;
  /** What of each instance the decisions read, to kick a cluster's services only when it changes. */
  const instanceSeen = new Map<string, string>();
  /** The services behind each target group (its id): a health report on it kicks them. Rebuilt by their reconciles. */
  const groupServices = new Map<string, Set<string>>();
  /** The services watching each deployment alarm (by name) while a deployment is in progress. Rebuilt by their reconciles. */
  const alarmServices = new Map<string, Set<string>>();
  const minute = ctx.awsMinuteSeconds ?? 60;
  const watches: Watch[] = [];
  let stopped = false;
  let working: Promise<void> | null = null;

  const kick = (cluster: string, name: string) => {
    if (stopped) return;
    dirty.add(`${cluster}/${name}`);
    if (!working) working = drain().finally(() => { working = null; if (dirty.size > 0 && !stopped) kickAll(); });
  };
  const kickAll = () => {
    const first = dirty.values().next().value;
    if (first !== undefined) {
      dirty.delete(first);
      const [c, n] = split(first);
      kick(c, n);
    }
  };
  const split = (k: string): [string, string] => {
    const i = k.indexOf('/');
    return [k.slice(0, i), k.slice(i + 1)];
  };

  async function drain(): Promise<void> {
    while (dirty.size > 0 && !stopped) {
      const k = dirty.values().next().value!;
      dirty.delete(k);
      const [cluster, name] = split(k);
      try {
        await reconcile(cluster, name);
      } catch (e) {
        if (stopped) return;
        ctx.log.warn('service reconcile failed', { cluster, service: name, error: String((e as Error)?.message ?? e) });
        wakeAt(cluster, name, ctx.now() + RETRY_MS / 1000);
      }
    }
  }

  /** A service gone or INACTIVE needs no wake-up. */
  function forget(cluster: string, name: string): void {
    const k = `${cluster}/${name}`;
    clearTimeout(wakes.get(k)?.timer);
    wakes.delete(k);
  }

  /** Notes what a service depends on now (target groups by id, alarms by name); what none depends on is forgotten. */
  function noteDependencies(map: Map<string, Set<string>>, cluster: string, name: string, ids: readonly string[]): void {
    const k = `${cluster}/${name}`;
    for (const [id, set] of map) if (set.delete(k) && set.size === 0) map.delete(id);
    for (const id of ids) {
      if (!map.has(id)) map.set(id, new Set());
      map.get(id)!.add(k);
    }
  }
  const noteGroups = (cluster: string, name: string, ids: readonly string[]) => noteDependencies(groupServices, cluster, name, ids);
  const noteAlarms = (cluster: string, name: string, names: readonly string[]) => noteDependencies(alarmServices, cluster, name, names);

  function wakeAt(cluster: string, name: string, at: number): void {
    const k = `${cluster}/${name}`;
    const cur = wakes.get(k);
    if (cur && cur.at <= at) return;
    if (cur) clearTimeout(cur.timer);
    const timer = setTimeout(() => { wakes.delete(k); kick(cluster, name); }, Math.max(0, (at - ctx.now()) * 1000) + 5);
    timer.unref();
    wakes.set(k, { at, timer });
  }

  /**
   * How long a settled deployment's alarms are watched before it completes: bakeTimeInMinutes when given,
   * else as ECS works it out from the alarms, their longest Period × EvaluationPeriods (in AWS minutes here).
   */
  const bakeSeconds = (bakeMinutes: number | undefined, alarms: readonly AlarmRecord[]) =>
    bakeMinutes !== undefined ? bakeMinutes * minute
      : Math.max(0, ...alarms.map((a) => ((a.alarm.Period ?? 60) * (a.alarm.EvaluationPeriods ?? 1) * minute) / 60));

  async function taskDefinitionInfo(tdArn: string | undefined): Promise<{ healthChecked: boolean; constraints: TaskDefinitionPlacementConstraint[]; requirements: FeasibilityCheck[] }> {
    if (!tdArn) return { healthChecked: false, constraints: [], requirements: [] };
    const hit = tdInfo.get(tdArn);
    if (hit !== undefined) return hit;
    const { family, revision } = parseTaskDefinitionRef(tdArn);
    const rec = revision !== undefined ? await getRevision(ctx.store, family, revision) : null;
    const td: TaskDefinition | undefined = rec?.value.taskDefinition;
    const v = {
      healthChecked: (td?.containerDefinitions ?? []).some((c) => c.essential !== false && c.healthCheck !== undefined),
      constraints: td?.placementConstraints ?? [],
      requirements: td ? taskDefinitionChecks(td) : [],
    };
    if (rec) {
      if (tdInfo.size >= TASK_DEFINITIONS_KEPT) tdInfo.clear();
      tdInfo.set(tdArn, v);
    }
    return v;
  }
  const healthChecked = async (tdArn: string | undefined) => (await taskDefinitionInfo(tdArn)).healthChecked;

  async function reconcile(cluster: string, name: string): Promise<void> {
    const key = serviceKey(cluster, name);
    const cur = await getService(ctx.store, cluster, name);
    if (!cur || cur.value.service.status === 'INACTIVE') {
      noteGroups(cluster, name, []);
      noteAlarms(cluster, name, []);
      return forget(cluster, name);
    }
    const rec = cur.value;
    const s = rec.service;
    const group = `service:${name}`;
    // The service's live tasks and a few of the stops it has not yet taken into account: read from its
    // own indexes, so a decision's work follows the service's size, never the cluster's.
    const [liveIds, stops] = await Promise.all([liveServiceTaskIds(ctx.store, cluster, name), serviceStops(ctx.store, cluster, name, STOPS_PER_DECISION)]);
    const passed = new Set([...liveIds, ...stops.ids]);
    // A task the bookkeeping remembers (counted, seen healthy) that stopped and waits in the inbox beyond
    // this page is given too, so the decision keeps what it knows of it until its stop is consumed.
    const remembered = [...new Set([...rec.scheduler.countedStops, ...rec.scheduler.healthySeen])].filter((id) => !passed.has(id));
    const waiting = await waitingInServiceInbox(ctx.store, cluster, name, remembered);
    const records = (await getTasks(ctx.store, cluster, [...passed, ...waiting])).flatMap((t) => (t ? [t.value] : []))
      .filter((r: TaskRecord) => r.task.group === group);
    // Consumed with the decision's write: the stops this decision counted (or had no use for).
    const consumed: Op[] = stops.ids.map((id) => serviceStopConsumedOp(cluster, name, id));
    if (stops.more) kick(cluster, name);
    const now = ctx.now();
    // Where each task's instance stands (DRAINING, LOST past the agent-lost grace period).
    const fleet = await fleetView(ctx, cluster, lostGrace, now);
    // Behind load balancers: what the target groups say of each task, and how long a stopping one drains.
    const lbs = s.loadBalancers ?? [];
    const daemon = s.schedulingStrategy === 'DAEMON';
    // BLUE_GREEN, CANARY, LINEAR: a REPLICA service's deployments shift traffic between each pair of target
    // groups; a task not of the last completed deployment is green (in the group production does not use).
    const shifting = isShiftingStrategy(s.deploymentConfiguration?.strategy) && !daemon ? shiftPlan(s.deploymentConfiguration!, minute) : undefined;
    const lbsOf = (st: SchedulerState): TaskLoadBalancers => (r) => lbs.map((lb) =>
      registeredLoadBalancer(lb, st.alternateLive ?? false, shifting !== undefined && st.lastCompleted !== undefined && r.task.startedBy !== st.lastCompleted.id));
    const balancing = lbs.length > 0 ? await serviceBalancing(ctx, lbs, lbsOf(rec.scheduler)) : undefined;
    noteGroups(cluster, name, balancing?.groupIds ?? []);
    const tasks: ServiceTask[] = [];
    for (const r of records) {
      const state = fleet.stateOf(r.containerInstanceId);
      tasks.push({
        task: r.task, healthChecked: await healthChecked(r.task.taskDefinitionArn), instanceId: r.containerInstanceId, ...(state ? { instanceState: state } : {}),
        ...(balancing ? { targetHealth: balancing.targetHealth(r) } : {}),
        ...(r.protection ? { protectedUntil: r.protection.expiresAt } : {}),
      });
    }
    // Deployment alarms, watched while the service deployment is in progress (its bake time included); a
    // rollback is not watched (it returns to what ran before).
    const alarmCfg = s.deploymentConfiguration?.alarms;
    const watching = alarmCfg?.enable === true && rec.history?.current?.status === 'IN_PROGRESS' &&
      s.deployments?.find((d) => d.status === 'PRIMARY')?.rolloutState === 'IN_PROGRESS' ? alarmCfg.alarmNames ?? [] : [];
    noteAlarms(cluster, name, watching);
    const alarmRecs: AlarmRecord[] = watching.length > 0 ? (await getAlarms(ctx.store, watching)).map((a) => a.value) : [];
    const inAlarm = alarmRecs.filter((a) => a.alarm.StateValue === 'ALARM').map((a) => a.alarm.AlarmName!);
    // An alarm deleted meanwhile counts as not alarming, and the service's events say so (once).
    const missingAlarms = watching.filter((n) => !alarmRecs.some((a) => a.alarm.AlarmName === n)).map((n) => serviceMessage('alarmMissing', name, n));
    const common = {
      serviceName: name, status: s.status ?? 'ACTIVE',
      ...(s.deploymentConfiguration ? { deploymentConfiguration: s.deploymentConfiguration } : {}),
      ...(s.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds } : {}),
      deployments: s.deployments ?? [], tasks, state: rec.scheduler, now, settings, newDeploymentId: newDeploymentId(),
      ...(balancing ? { drainSeconds: balancing.drainSeconds } : {}),
      ...(watching.length > 0 ? { alarmsInAlarm: inAlarm, bakeSeconds: bakeSeconds(s.deploymentConfiguration?.bakeTimeInMinutes, alarmRecs) } : {}),
      ...(shifting ? { shifting } : {}),
    };
    let desiredCount = s.desiredCount ?? 0;
    // EXTERNAL: the task sets (their own keys, anchored on this record) say what runs.
    const sets = s.deploymentController?.type === 'EXTERNAL' ? await serviceTaskSets(ctx.store, cluster, name) : undefined;
    let plan: SchedulerPlan | TaskSetPlan;
    if (sets) {
      plan = decideTaskSets({ ...common, desiredCount, taskSets: sets.map((r) => r.taskSet) });
    } else if (daemon) {
      // A daemon covers the instances that meet its constraints and the task definition's, and have
      // what the definition requires (runtimePlatform, requiresAttributes).
      const primaryTd = s.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? s.taskDefinition;
      const info = await taskDefinitionInfo(primaryTd);
      const constraints: (PlacementConstraint | TaskDefinitionPlacementConstraint)[] = [...(s.placementConstraints ?? []), ...info.constraints];
      const p = decideDaemon({ ...common, instances: fleet.daemonInstances(constraints, await replicaGroups(cluster), info.requirements) });
      desiredCount = p.desiredCount;
      plan = p;
    } else {
      plan = decideService({ ...common, desiredCount });
    }
    if (fleet.nextLostAt !== undefined) wakeAt(cluster, name, fleet.nextLostAt);
    const messages: ServiceMessage[] = [...plan.events, ...missingAlarms];
    const dedupe = new Set<string>(missingAlarms.map((m) => m.message));

    // Traffic shifting: the listener rules forward as the shift now stands (a rollback's at once), before
    // any target leaves: a group is never weighted while its targets drain.
    if (shifting) {
      for (const f of ruleForwards(lbs, plan.state.alternateLive ?? false, shifting, plan.state.shift)) {
        try {
          if (await setWeightedForward(ctx, f.ruleArn, f.groups)) ctx.log.info('listener rule shifted', { cluster, service: name, rule: f.ruleArn, weights: f.groups.map((g) => g.weight) });
        } catch (e) {
          const m = serviceMessage('listenerRuleFailed', name, f.ruleArn, String((e as Error)?.message ?? e));
          messages.push(m);
          dedupe.add(m.message);
          wakeAt(cluster, name, now + Math.min(10, settings.throttleBaseSeconds));
        }
      }
    }
    // Stops first: they free room that maximumPercent counts.
    const stoppedIds: string[] = [];
    for (const st of plan.stop) {
      const id = resourceId(st.taskArn);
      const t = await requestTaskStop(ctx, cluster, id, st.reason, { stopCode: st.stopCode, ...(st.deactivate ? { deactivate: true } : {}) });
      if (t && !OWN_EVENT_REASONS.has(st.reason) && !isElbUnhealthyReason(st.reason)) stoppedIds.push(id);
    }
    if (stoppedIds.length > 0) messages.push(serviceMessage('stopped', name, stoppedIds));
    // Tasks whose targets have drained stop now; the serving tasks' targets are registered, the others'
    // deregistered (they drain for the delay the DEACTIVATING tasks wait).
    for (const arn of plan.release) await releaseTaskStop(ctx, cluster, resourceId(arn));
    if (lbs.length > 0) messages.push(...await syncTargets(ctx, { arn: s.serviceArn!, name }, lbs, lbsOf(plan.state), records, new Set(plan.stop.map((st) => st.taskArn))));

    const counted = 'taskSets' in plan ? plan.taskSets : plan.deployments;
    const running = counted.reduce((n, d) => n + (d.runningCount ?? 0), 0);
    const pending = counted.reduce((n, d) => n + (d.pendingCount ?? 0), 0);
    // The task sets this decision changed, removed (drained) or, with the service gone, all of them.
    const setOps: Op[] = [];
    if ('taskSets' in plan && sets) {
      const before = new Map(sets.map((r) => [r.taskSet.id, r]));
      if (plan.inactive) setOps.push(serviceTaskSetsDeleteOp(cluster, name));
      else {
        for (const ts of plan.taskSets) {
          const r = before.get(ts.id)!;
          if (JSON.stringify(ts) !== JSON.stringify(r.taskSet)) setOps.push(putTaskSetOp(cluster, name, { ...r, taskSet: ts }));
        }
        setOps.push(...plan.removed.map((id) => deleteTaskSetOp(cluster, name, id)));
      }
    }
    // The record as this decision leaves it, with `more` events, and the Service Actions they add.
    // A deployment the decision started is a rollback (the circuit breaker's): its service deployment rolls back.
    // So is a blue deployment a traffic-shifting rollback made PRIMARY again.
    const rolledBack = plan.deployments.find((d) => d.status === 'PRIMARY' && (d.id === common.newDeploymentId || ('reinstated' in plan && d.id === plan.reinstated)));
    const recordWith = (more: ServiceMessage[]): { rec: ServiceRecord; actions: ServiceAction[]; historyOps: Op[] } => {
      const added = addEvents(s.events ?? [], [...messages, ...more], now, newEventId, { dedupe: (m) => dedupe.has(m) || m === eventTexts.cannotProgress(name) });
      const service: Service = {
        ...s,
        ...(daemon && s.status === 'ACTIVE' ? { desiredCount } : {}),
        deployments: plan.deployments,
        runningCount: running,
        pendingCount: pending,
        taskDefinition: plan.deployments.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? s.taskDefinition!,
        events: added.events,
        ...(plan.inactive ? { status: 'INACTIVE' } : {}),
      };
      const h = withDeploymentHistory({ ...rec, ...(plan.inactive ? { inactiveAt: now } : {}), scheduler: plan.state, service }, now, {
        ...(rolledBack ? { rollback: { reason: rolledBack.rolloutStateReason! } } : {}),
        triggeredAlarms: inAlarm, baking: plan.state.bakeStartedAt !== undefined, ...('failed' in plan && plan.failed ? { failed: plan.failed } : {}),
        ...(plan.state.shift ? { stage: plan.state.shift.stage, ...(plan.state.shift.hooks ? { hooks: plan.state.shift.hooks } : {}) } : {}),
      });
      return { rec: h.rec, actions: added.actions, historyOps: h.ops };
    };
    const logEvents = (more: ServiceMessage[]) => {
      for (const m of [...messages, ...more]) ctx.log.info('service event', { cluster, service: name, message: m.message });
    };

    // One launch per decision, through RunTask's placement and transaction, which also writes the
    // record comparing the revision decided on: two loops deciding from the same record cannot both
    // launch (the second's compare fails and it decides again). More to start: decide again at once.
    const st = plan.start[0];
    if (st) {
      const { family, revision } = parseTaskDefinitionRef(st.taskDefinition);
      const revRec = revision !== undefined ? await getRevision(ctx.store, family, revision) : null;
      // A definition stored before Berth refused what it uses (secrets, awslogs...): say so, do not retry hot.
      const refusal = revRec ? taskDefinitionRefusal(revRec.value.taskDefinition) : undefined;
      if (!revRec || revRec.value.taskDefinition.status === 'DELETE_IN_PROGRESS' || refusal) {
        const m = refusal ? serviceMessage('configurationFailure', name, refusal.message) : serviceMessage('taskDefinitionMissing', name, st.taskDefinition);
        messages.push(m);
        dedupe.add(m.message);
        wakeAt(cluster, name, now + settings.throttleMaxSeconds);
      } else {
        // A capacity provider strategy: one provider's share a launch (base, then weight, over the live tasks).
        const share = s.capacityProviderStrategy?.length && !st.instanceIds
          ? await providerShare(ctx, s.capacityProviderStrategy, Math.min(RUN_TASK_MAX, st.count), providerCounts(records)) : undefined;
        const count = share?.count ?? Math.min(RUN_TASK_MAX, st.count);
        let more: ServiceMessage[] = [];
        // A daemon's tasks go one to each instance the decision named.
        const placement = st.instanceIds
          ? { placementStrategy: [{ type: 'spread' as const, field: 'instanceId' }], placementConstraints: [...(s.placementConstraints ?? []), { type: 'distinctInstance' as const }] }
          : servicePlacement(s);
        const res = await placeAndCreateTasks(ctx, {
          cluster, taskDefinition: st.taskDefinition, count, group, startedBy: st.deploymentId,
          launchType: (sets?.find((r) => r.taskSet.id === st.deploymentId)?.taskSet.launchType ?? s.launchType) === 'EXTERNAL' ? 'EXTERNAL' : 'EC2',
          ...placement,
          ...taskTags(s),
          ...(s.enableExecuteCommand ? { enableExecuteCommand: true } : {}),
        }, {
          ...(st.instanceIds ? { instanceIds: st.instanceIds } : {}),
          ...(share ? { capacityProvider: { name: share.name, managed: share.managed } } : {}),
          compare: [{ key, modRevision: cur.modRevision }],
          stillValid: async () => (await ctx.store.get(key))?.modRevision === cur.modRevision,
          revision: revRec.value,
          success: (created, placement) => {
            more = [serviceMessage('started', name, created.map((t) => resourceId(t.taskArn!)))];
            if (created.length < count) more.push(placementFailureMessage(name, placement.failures));
            more.forEach((m) => m.action === 'SERVICE_TASK_PLACEMENT_FAILURE' && dedupe.add(m.message));
            const r = recordWith(more);
            return [...serviceOps(r.rec, rec), ...r.historyOps, ...serviceEventOps(ctx, cluster, s, r.rec.service, r.actions), ...consumed, ...setOps];
          },
        });
        if (res.aborted) return kick(cluster, name);
        if (res.tasks.length > 0) {
          logEvents(more);
          if (res.tasks.length < count) wakeAt(cluster, name, now + Math.min(10, settings.throttleBaseSeconds));
          else if (st.count > count || plan.start.length > 1) kick(cluster, name);
          if (plan.wakeAt !== undefined) wakeAt(cluster, name, plan.wakeAt);
          return;
        }
        // Nothing placed, nothing written: say why (once), and look again soon, as capacity may come
        // back without any service or task write.
        const m = placementFailureMessage(name, res.instances === 0 ? [] : res.placement?.failures ?? []);
        messages.push(m);
        dedupe.add(m.message);
        wakeAt(cluster, name, now + Math.min(10, settings.throttleBaseSeconds));
      }
    }

    const { rec: nextRec, actions, historyOps } = recordWith([]);
    const changed = JSON.stringify(nextRec) !== JSON.stringify(rec);
    if (changed || consumed.length > 0 || setOps.length > 0) {
      const res = await ctx.store.txn({
        compare: [{ key, modRevision: cur.modRevision }],
        success: [...(changed ? [...serviceOps(nextRec, rec), ...historyOps, ...serviceEventOps(ctx, cluster, s, nextRec.service, actions)] : []), ...consumed, ...setOps],
      });
      if (!res.succeeded) return kick(cluster, name);
      if (plan.inactive) ctx.log.info('service inactive', { cluster, service: name });
      logEvents([]);
    }
    if (plan.wakeAt !== undefined) wakeAt(cluster, name, plan.wakeAt);
  }

  function taskTags(s: Service): { tags?: Tag[]; propagateTags?: 'TASK_DEFINITION'; enableECSManagedTags?: boolean } {
    const tags = s.propagateTags === 'SERVICE' ? [...(s.tags ?? [])] : [];
    if (s.enableECSManagedTags) tags.push({ key: 'aws:ecs:serviceName', value: s.serviceName! });
    return {
      ...(tags.length > 0 ? { tags } : {}),
      ...(s.propagateTags === 'TASK_DEFINITION' ? { propagateTags: 'TASK_DEFINITION' as const } : {}),
      ...(s.enableECSManagedTags ? { enableECSManagedTags: true } : {}),
    };
  }

  /** Every service not INACTIVE is kicked; an INACTIVE one past its retention leaves the store. */
  async function resync(): Promise<void> {
    const cutoff = ctx.now() - (opts.inactiveRetentionSeconds ?? 3600);
    for (const kv of await rangeAll(ctx.store, SERVICES_BY_STATUS_ROOT)) {
      const { cluster, status, name } = parseServiceIndexKey(kv.key);
      if (status !== 'INACTIVE') {
        kick(cluster, name);
        continue;
      }
      const cur = await getService(ctx.store, cluster, name);
      if (cur && (cur.value.inactiveAt ?? 0) < cutoff) {
        // Past the window an INACTIVE service is MISSING, as in ECS; a compare keeps a re-created one.
        await ctx.store.txn({ compare: [{ key: serviceKey(cluster, name), modRevision: cur.modRevision }], success: serviceDeleteOps(cur.value) });
      }
    }
  }

  /** The groups of the cluster's REPLICA services: a draining instance keeps its daemon tasks until these leave. */
  async function replicaGroups(cluster: string): Promise<Set<string>> {
    const out = new Set<string>();
    for (const n of await serviceNames(ctx.store, cluster, ['ACTIVE', 'DRAINING'])) {
      const rec = await getServiceWithoutEvents(ctx.store, cluster, n);
      if (rec && rec.service.schedulingStrategy !== 'DAEMON') out.add(`service:${n}`);
    }
    return out;
  }

  async function kickCluster(cluster: string): Promise<void> {
    for (const n of await serviceNames(ctx.store, cluster, ['ACTIVE', 'DRAINING'])) kick(cluster, n);
  }

  function onEvents(events: WatchEvent[]): void {
    for (const ev of events) {
      if (ev.type !== 'put') {
        // An instance gone from the store (retention) is forgotten.
        if (ev.key.startsWith(INSTANCES_ROOT)) instanceSeen.delete(ev.key);
        continue;
      }
      const k = ev.kv.key;
      if (k.startsWith(SERVICES_ROOT)) {
        const [c, n] = split(k.slice(SERVICES_ROOT.length));
        kick(c, n);
      } else if (k.startsWith(INSTANCES_ROOT)) {
        // An instance that joins, drains, comes back or loses its agent: its cluster's services decide again.
        // Every launch rewrites its instances' live records (small; the registration part, with the
        // attributes, is written only with a live record that counts its registrationVersion up): the
        // instance informer has usually decoded this revision already (or been handed it by the launch).
        const r: InstanceLiveRecord = ctx.instances?.recordAt(k, ev.kv.modRevision) ?? decode<InstanceLiveRecord>(ev.kv);
        const i = r.instance;
        // While DRAINING, the tasks leaving it matter too (its daemon tasks stop last); the registration's
        // version stands for the attributes.
        const sig = JSON.stringify([i?.status, i?.agentConnected, r.agentDisconnectedAt, i?.status === 'DRAINING' ? r.taskGroups : null, r.registrationVersion]);
        if (instanceSeen.get(k) === sig) continue;
        // A deregistered instance changes no more: its kick is the last (a new registration is news again).
        if (i?.status === 'INACTIVE') instanceSeen.delete(k);
        else instanceSeen.set(k, sig);
        void kickCluster(r.cluster).catch(() => {});
      } else if (k.startsWith(TARGET_HEALTH_ROOT)) {
        for (const sk of groupServices.get(reportGroupId(k)) ?? []) {
          const [c, n] = split(sk);
          kick(c, n);
        }
      } else if (k.startsWith(ALARMS_PREFIX)) {
        // A deployment alarm changed (its state): the services watching it decide again.
        for (const sk of alarmServices.get(decodeURIComponent(k.slice(ALARMS_PREFIX.length))) ?? []) {
          const [c, n] = split(sk);
          kick(c, n);
        }
      } else if (k.startsWith(TASKS_BY_SERVICE_ROOT)) {
        // A service task changed what its scheduler decides on (the index entry says, state/tasks.ts).
        const st = parseServiceTaskKey(k);
        if (st) kick(st.cluster, st.service);
      }
    }
  }

  async function watchAll(): Promise<void> {
    const from = (await ctx.store.revision()) + 1;
    for (const prefix of [SERVICES_ROOT, TASKS_BY_SERVICE_ROOT, INSTANCES_ROOT, TARGET_HEALTH_ROOT, ALARMS_PREFIX]) {
      watches.push(await ctx.store.watch(prefix, {
        onEvents: (evs) => onEvents(evs),
        onError: (err) => {
          if (stopped) return;
          // Compacted or lost: watch again from now and relist everything.
          ctx.log.warn('services controller watch ended; relisting', { error: String(err.message) });
          void restart();
        },
      }, { fromRevision: from }));
    }
    await resync();
  }

  let restarting = false;
  async function restart(): Promise<void> {
    if (restarting) return;
    restarting = true;
    try {
      const old = watches.splice(0);
      await Promise.all(old.map((w) => w.cancel().catch(() => {})));
      if (!stopped) await watchAll();
    } catch (e) {
      if (!stopped) setTimeout(() => void restart(), RETRY_MS).unref();
      ctx.log.warn('services controller restart failed', { error: String((e as Error)?.message ?? e) });
    } finally {
      restarting = false;
    }
  }

  const resyncTimer = setInterval(() => void resync().catch(() => {}), (opts.resyncSeconds ?? 60) * 1000);
  resyncTimer.unref();
  void watchAll().catch((e) => {
    ctx.log.warn('services controller start failed', { error: String((e as Error)?.message ?? e) });
    setTimeout(() => void restart(), RETRY_MS).unref();
  });

  return {
    kick,
    reconcile,
    sizes: () => ({ dirty: dirty.size, wakes: wakes.size, instanceSeen: instanceSeen.size, taskDefinitions: tdInfo.size, targetGroups: groupServices.size, alarms: alarmServices.size }),
    async stop() {
      stopped = true;
      clearInterval(resyncTimer);
      for (const w of wakes.values()) clearTimeout(w.timer);
      wakes.clear();
      await Promise.all(watches.splice(0).map((w) => w.cancel().catch(() => {})));
      await working?.catch(() => {});
    },
  };
}
