// Launching tasks for the service scheduler (placeAndCreateTasks) and StartTask (on named instances); RunTask
// is run-task.ts. What they share (the spec, the snapshot, placement, the writes) is launch-plan.ts.
import {
  clientError, clusterName, invalid, placeTasks, splitByStrategy, type CapacityProviderStrategyItem,
  type Failure, type PlacementResult, type Resource, type RunTaskRequest,
  type StartTaskRequest, type StartTaskResponse, type Task,
} from '@berth/core';
import type { Op, Compare, TxnRequest } from '@berth/store';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../../context.js';
import { commitWithRetry, noWrite } from '../../state/kit.js';
import { withEventBatches } from '../../state/events.js';
import { getInstance } from '../../state/instances.js';
import { isConnected } from '../../state/sessions.js';
import type { InstanceSnapshot } from '../../informers/instances.js';
import type { RevisionRecord } from '../../state/task-definitions.js';
import { launchCluster } from '../clusters.js';
import { instanceRefId } from '../container-instances.js';
import { activeTaskDefinition } from './references.js';
import { checkCommon, checkLaunchType, checkPlacementArgs } from './launch-checks.js';
import {
  CACHED_ATTEMPTS, RUN_TASK_MAX, candidate, clusterSnapshot, launchChecks, launchSpec, launchTxn, launchedTaskDefinition, place, placementFailures, providerSpec, withListenerPorts, type Snap,
} from './launch-plan.js';
import { getCapacityProvider } from '../../state/capacity-providers.js';

/**
 * The next share of a service's launch over its capacity provider strategy: the first provider core's
 * splitByStrategy gives tasks to, given the service's live tasks per provider (`existing`), with how many
 * and whether it has managed scaling. One provider a launch; the services controller decides again for
 * the rest.
 */
export async function providerShare(ctx: ServerContext, strategy: readonly CapacityProviderStrategyItem[], count: number, existing: Readonly<Record<string, number>>):
  Promise<{ name: string; managed: boolean; count: number } | undefined> {
  const items = strategy.map((s) => ({ capacityProvider: s.capacityProvider, ...(s.base !== undefined ? { base: s.base } : {}), ...(s.weight !== undefined ? { weight: s.weight } : {}) }));
  const first = [...splitByStrategy(items, count, existing)][0];
  if (!first) return undefined;
  const rec = await getCapacityProvider(ctx.store, first[0]);
  return { name: first[0], count: first[1], managed: rec?.value.provider.autoScalingGroupProvider?.managedScaling?.status === 'ENABLED' };
}

export interface PlacedTasks { tasks: Task[]; failures: Failure[]; placement?: PlacementResult; instances: number; aborted?: boolean }

/**
 * RunTask's placement and task creation for callers inside the control plane (the service scheduler):
 * validates `req` as RunTask does, places `count` tasks and commits them in one transaction that also
 * checks `compare` (e.g. the service record's revision, and later a leader fence). `instances` is how many
 * live container instances placement saw (0: none in the cluster).
 */
export async function placeAndCreateTasks(ctx: ServerContext, req: RunTaskRequest,
  opts: {
    compare?: Compare[]; stillValid?: () => Promise<boolean>; revision?: RevisionRecord;
    /** Place only on these instances (a daemon service's). */
    instanceIds?: readonly string[];
    /** More writes for the same transaction, given the tasks it creates (e.g. the service record). */
    success?: (tasks: Task[], placement: PlacementResult) => Op[];
    /** A capacity provider's share of a service's strategy (providerShare): its machines only; managed, what finds no room waits PROVISIONING. */
    capacityProvider?: { name: string; managed: boolean };
  } = {}):
  Promise<PlacedTasks> {
  const cluster = clusterName(req.cluster);
  const launchType = checkLaunchType(req);
  checkPlacementArgs(req);
  checkCommon(req);
  // A service keeps launching its revision after it is deregistered (as ECS does): it passes the record.
  const plain = await withListenerPorts(ctx, launchSpec(req, cluster, opts.revision ?? await activeTaskDefinition(ctx, req.taskDefinition), launchType));
  const spec = opts.capacityProvider ? providerSpec(plain, opts.capacityProvider.name, opts.capacityProvider.managed) : plain;
  const count = req.count ?? 1;
  return commitWithRetry<PlacedTasks>(ctx.store, async (attempt) => {
    // A retry after a conflict on `compare` (not on an instance) must stop: the caller re-decides.
    if (attempt > 0 && opts.stillValid && !(await opts.stillValid())) return { txn: noWrite, result: { tasks: [], failures: [], instances: 0, aborted: true } };
    const only = (v: InstanceSnapshot): InstanceSnapshot => (opts.instanceIds ? { ...v, instances: v.instances.filter((i) => opts.instanceIds!.includes(i.rec.id)) } : v);
    let { live, placed, visited } = place(ctx, spec, only(await clusterSnapshot(ctx, cluster, spec.countsRunning, attempt)), count);
    if (placed.placements.length < count && attempt < CACHED_ATTEMPTS && ctx.instances) {
      ({ live, placed, visited } = place(ctx, spec, only(await clusterSnapshot(ctx, cluster, spec.countsRunning)), count));
    }
    const waiting = spec.capacityProvider?.managed ? count - placed.placements.length : 0;
    const failures = waiting > 0 ? [] : placementFailures(placed, visited);
    if (placed.placements.length === 0 && waiting === 0) return { txn: noWrite, result: { tasks: [], failures, placement: placed, instances: live } };
    const t = launchTxn(ctx, spec, visited, placed.placements, placed.remaining, { compare: opts.compare ?? [], success: [] }, waiting);
    return { txn: { compare: t.compare, success: withEventBatches([...t.success, ...(opts.success?.(t.tasks, placed) ?? [])]) }, result: { tasks: t.tasks, failures, placement: placed, instances: live } };
  }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
}

export async function startTask(ctx: ServerContext, req: StartTaskRequest, call: CallContext): Promise<StartTaskResponse> {
  const cluster = clusterName(req.cluster);
  const refs = req.containerInstances ?? [];
  if (refs.length < 1 || refs.length > RUN_TASK_MAX) {
    throw refs.length === 0 ? clientError('Container Instances cannot be empty.', 'containerInstances')
      : invalid('containerInstances', `At most ${RUN_TASK_MAX} container instances can be given (${refs.length} given).`);
  }
  checkCommon(req);
  await launchCluster(ctx, cluster);
  const spec = await withListenerPorts(ctx, launchSpec(req, cluster, await launchedTaskDefinition(ctx, req, call), 'EC2'));
  const ids = refs.map((ref) => instanceRefId(ref, cluster));
  const named = ids.filter((id): id is string => id !== null);
  const res = await commitWithRetry<StartTaskResponse>(ctx.store, async (attempt) => {
    // Only the named instances, from the instance informer on the first attempts; the informer is trusted
    // to place, never to refuse: a refusal over it (a record or a session it has not seen yet) decides
    // again over the store, as every attempt after a lost compare does.
    const cached = attempt < CACHED_ATTEMPTS && ctx.instances ? await cachedInstances(ctx, cluster, named) : undefined;
    const first = cached && decide(cached);
    return first && first.result.failures!.length === 0 ? first : decide(await namedInstances(ctx, cluster, named));
  }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
  if (res.tasks?.length) ctx.log.info('tasks started', { cluster, taskDefinition: spec.td.taskDefinitionArn, count: res.tasks.length });
  return res;

  function decide(snap: Snap[]): { txn: TxnRequest; result: StartTaskResponse } {
    const byId = new Map(snap.map((s) => [s.rec.id, s]));
    const placements: string[] = [];
    const remaining = new Map<string, Resource[]>();
    const failures: Failure[] = [];
    for (const [i, ref] of refs.entries()) {
      const id = ids[i];
      const s = id !== null ? byId.get(id) : undefined;
      if (!s) {
        failures.push({ arn: ref.startsWith('arn:') ? ref : `arn:${ctx.identity.partition}:ecs:${ctx.identity.region}:${ctx.identity.accountId}:container-instance/${cluster}/${ref}`, reason: 'MISSING' });
        continue;
      }
      // No scheduler: each named instance takes one task or says why not (INACTIVE, DRAINING, AGENT,
      // RESOURCE:*, ATTRIBUTE for what the task definition requires). ECS's StartTask bypasses placement
      // constraints and strategies.
      const placed = placeTasks({
        instances: [candidate(s, remaining.get(s.rec.id))], reservation: spec.reservation, count: 1,
        checks: launchChecks(spec), taskDefinition: spec.td,
      });
      if (placed.placements.length === 1) {
        placements.push(s.rec.id);
        remaining.set(s.rec.id, placed.remaining.get(s.rec.id)!);
      } else {
        const f = placed.failures[0]!;
        failures.push({ arn: s.rec.instance.containerInstanceArn!, reason: f.reason, detail: f.detail });
      }
    }
    if (placements.length === 0) return { txn: noWrite, result: { tasks: [], failures } };
    const t = launchTxn(ctx, spec, byId, placements, remaining);
    return { txn: { compare: t.compare, success: t.success }, result: { tasks: t.tasks, failures } };
  }
}

/** The named instances of the cluster the instance informer holds, with whether each one's agent is connected. */
async function cachedInstances(ctx: ServerContext, cluster: string, ids: readonly string[]): Promise<Snap[]> {
  const out: Snap[] = [];
  for (const id of new Set(ids)) {
    const c = await ctx.instances!.instance(cluster, id);
    if (c) out.push({ rec: c.instance.rec, modRevision: c.instance.modRevision, agentConnected: c.connected });
  }
  return out;
}

/** The named instances of the cluster (those that exist), read from the store. */
async function namedInstances(ctx: ServerContext, cluster: string, ids: readonly string[]): Promise<Snap[]> {
  const found = await Promise.all([...new Set(ids)].map(async (id) => {
    const cur = await getInstance(ctx.store, cluster, id);
    return cur ? { rec: cur.value, modRevision: cur.modRevision, agentConnected: await isConnected(ctx.store, id) } : null;
  }));
  return found.filter((s): s is Snap => s !== null);
}
