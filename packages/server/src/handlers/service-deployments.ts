// The deployments API: ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions,
// StopServiceDeployment and ContinueServiceDeployment, over the history core's advanceHistory keeps. Every
// writer of a service record's deployments (CreateService, UpdateService, the services controller, and
// StopServiceDeployment here) passes what it writes through withDeploymentHistory, so the service
// deployment and revision records change in the same transaction as the service record.
import {
  BerthError, advanceHistory, answerHook, answerInvokedHook, type HookAnswer, clusterName, invalid, isShiftingStrategy, newDeployment, reinstateDeployment, parseHistoryArn, resourceId, startDeployment, isFinishedDeployment,
  type ContinueServiceDeploymentRequest, type ContinueServiceDeploymentResponse, type DescribeServiceDeploymentsRequest,
  type DescribeServiceDeploymentsResponse, type DescribeServiceRevisionsRequest, type DescribeServiceRevisionsResponse, type Failure, type HistoryInput,
  type ListServiceDeploymentsRequest, type ListServiceDeploymentsResponse, type ServiceDeployment,
  type StopServiceDeploymentRequest, type StopServiceDeploymentResponse,
} from '@berth/core';
import type { Op } from '@berth/store';
import type { ServerContext } from '../context.js';
import { commitWithRetry, decode, noWrite } from '../state/kit.js';
import { getService, serviceKey, serviceOps, type ServiceRecord } from '../state/services.js';
import { deleteServiceDeploymentOp, getServiceDeployment, putServiceDeploymentOp, serviceDeploymentsPrefix } from '../state/service-deployments.js';
import { deleteServiceRevisionOp, getServiceRevision, putServiceRevisionOp } from '../state/service-revisions.js';
import { pageBuckets } from '../state/paging.js';
import { decodeToken, encodeToken, pageSize } from '../pagination.js';
import { serviceEventOps } from '../events/publish.js';
import { activeCluster } from './clusters.js';
import { newDeploymentId, serviceNotFound, serviceRefName } from './services.js';

const DESCRIBE_MAX = 20;
export const STOP_ROLLBACK_REASON = 'Service deployment rolled back by StopServiceDeployment.';

/**
 * The record as a write leaves it, with its deployment history moved along, and the history records to
 * write (and, past the bound, delete) with it. `rollback`: the new PRIMARY deployment rolls the current service deployment back.
 */
export function withDeploymentHistory(next: ServiceRecord, now: number,
  opts: Pick<HistoryInput, 'rollback' | 'triggeredAlarms' | 'baking' | 'failed' | 'stage' | 'hooks'> = {}): { rec: ServiceRecord; ops: Op[] } {
  const ch = advanceHistory({
    history: next.history, service: next.service, now,
    ...(next.scheduler.lastCompleted ? { lastCompletedId: next.scheduler.lastCompleted.id } : {}), ...opts,
  });
  const ops = [
    ...ch.revisions.map((r) => putServiceRevisionOp(next.cluster, next.name, resourceId(r.serviceRevisionArn!), r)),
    ...ch.deployments.map((d) => putServiceDeploymentOp(next.cluster, next.name, resourceId(d.serviceDeploymentArn!), d)),
    ...ch.dropped.deployments.map((id) => deleteServiceDeploymentOp(next.cluster, next.name, id)),
    ...ch.dropped.revisions.map((id) => deleteServiceRevisionOp(next.cluster, next.name, id)),
  ];
  return { rec: { ...next, history: ch.history }, ops };
}

const deploymentNotFound = () => new BerthError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.', 'serviceDeploymentArn');

function historyRef(arn: string, kind: 'service-deployment' | 'service-revision', field: string) {
  const ref = parseHistoryArn(arn, kind);
  if (!ref) throw invalid(field, `Invalid ${kind} ARN ${JSON.stringify(arn)}: expected arn:aws:ecs:<region>:<account>:${kind}/<cluster>/<service>/<id>.`);
  return ref;
}

export async function listServiceDeployments(ctx: ServerContext, req: ListServiceDeploymentsRequest): Promise<ListServiceDeploymentsResponse> {
  const cluster = clusterName(req.cluster);
  const name = serviceRefName(req.service, cluster);
  const limit = pageSize(req.maxResults, 20);
  await activeCluster(ctx, cluster);
  if (name === null || !(await getService(ctx.store, cluster, name))) throw serviceNotFound();
  const bucket = serviceDeploymentsPrefix(cluster, name);
  const after = decodeToken(req.nextToken, bucket);
  const statuses = req.status !== undefined && req.status.length > 0 ? new Set(req.status) : undefined;
  const { before, after: since } = req.createdAt ?? {};
  const keep = (kv: Parameters<typeof decode>[0]) => {
    const d = decode<ServiceDeployment>(kv);
    return (!statuses || statuses.has(d.status!)) && (before === undefined || (d.createdAt ?? 0) <= before) && (since === undefined || (d.createdAt ?? 0) >= since);
  };
  const page = await pageBuckets(ctx.store, [bucket], after, { limit, keep });
  const serviceDeployments = page.kept.map((kv) => {
    const d = decode<ServiceDeployment>(kv);
    return {
      serviceDeploymentArn: d.serviceDeploymentArn!, serviceArn: d.serviceArn!, clusterArn: d.clusterArn!,
      ...(d.startedAt !== undefined ? { startedAt: d.startedAt } : {}), createdAt: d.createdAt!,
      ...(d.finishedAt !== undefined ? { finishedAt: d.finishedAt } : {}),
      targetServiceRevisionArn: d.targetServiceRevision!.arn!, status: d.status!, ...(d.statusReason !== undefined ? { statusReason: d.statusReason } : {}),
    };
  });
  return { serviceDeployments, ...(page.next !== undefined ? { nextToken: encodeToken(page.next) } : {}) };
}

/** The records `arns` name, read with `get`; unknown ones are MISSING failures (up to 20 ARNs). */
async function describeHistory<T>(arns: readonly string[] | undefined, field: string, kind: 'service-deployment' | 'service-revision',
  get: (ref: { cluster: string; service: string; id: string }) => Promise<T | null>): Promise<{ found: T[]; failures: Failure[] }> {
  if (arns === undefined || arns.length === 0) throw invalid(field, `'${field}' cannot be empty.`);
  if (arns.length > DESCRIBE_MAX) throw invalid(field, `At most ${DESCRIBE_MAX} ARNs can be described at once (${arns.length} given).`);
  const refs = arns.map((a, i) => historyRef(a, kind, `${field}[${i}]`));
  const found: T[] = [];
  const failures: Failure[] = [];
  for (const [i, r] of refs.entries()) {
    const v = await get(r);
    if (v) found.push(v);
    else failures.push({ arn: arns[i]!, reason: 'MISSING' });
  }
  return { found, failures };
}

export async function describeServiceDeployments(ctx: ServerContext, req: DescribeServiceDeploymentsRequest): Promise<DescribeServiceDeploymentsResponse> {
  const { found, failures } = await describeHistory(req.serviceDeploymentArns, 'serviceDeploymentArns', 'service-deployment',
    (r) => getServiceDeployment(ctx.store, r.cluster, r.service, r.id));
  return { serviceDeployments: found, failures };
}

export async function describeServiceRevisions(ctx: ServerContext, req: DescribeServiceRevisionsRequest): Promise<DescribeServiceRevisionsResponse> {
  const { found, failures } = await describeHistory(req.serviceRevisionArns, 'serviceRevisionArns', 'service-revision',
    (r) => getServiceRevision(ctx.store, r.cluster, r.service, r.id));
  return { serviceRevisions: found, failures };
}

/**
 * The service deployment `arn` names, which must be the service's current one and not finished: its
 * service record, read for a write that compares it. Refusals are ConflictException (`verb` says what).
 */
async function currentDeployment(ctx: ServerContext, arn: string, verb: string) {
  const ref = historyRef(arn, 'service-deployment', 'serviceDeploymentArn');
  const cur = await getService(ctx.store, ref.cluster, ref.service);
  const rec = cur?.value;
  const current = rec?.history?.current;
  if (!rec || !current || resourceId(current.serviceDeploymentArn!) !== ref.id) {
    if (await getServiceDeployment(ctx.store, ref.cluster, ref.service, ref.id)) throw conflict(arn, verb, 'it is not the service\'s current service deployment');
    throw deploymentNotFound();
  }
  if (isFinishedDeployment(current.status)) throw conflict(arn, verb, `it is ${current.status}`);
  if (current.status === 'ROLLBACK_IN_PROGRESS') throw conflict(arn, verb, 'it is already rolling back');
  return { ref, cur: cur!, rec, key: serviceKey(ref.cluster, ref.service) };
}

/**
 * The service sent back to its last completed deployment: with traffic shifting, the blue deployment (its
 * tasks kept) is PRIMARY again and production returns to it; otherwise a new deployment of its revision.
 */
function rolledBack(ctx: ServerContext, rec: ServiceRecord, arn: string, verb: string, reason: string, now: number, hooks?: HistoryInput['hooks'], stored: ServiceRecord = rec) {
  const back = rec.scheduler.lastCompleted;
  if (!back) throw conflict(arn, verb, 'the service has no completed deployment to roll back to');
  const s = rec.service;
  const blue = isShiftingStrategy(s.deploymentConfiguration?.strategy) ? reinstateDeployment(s.deployments ?? [], back.id, s.desiredCount ?? 0, now, reason) : undefined;
  const deployments = blue ?? startDeployment(s.deployments ?? [], newDeployment({ id: newDeploymentId(), taskDefinition: back.taskDefinition, desiredCount: s.desiredCount ?? 0, now, launchType: s.launchType ?? 'EC2', reason }), now);
  const scheduler = { ...rec.scheduler, startFailures: 0, steady: false };
  delete scheduler.nextLaunchAt;
  delete scheduler.shift;
  const h = withDeploymentHistory({ ...rec, service: { ...s, deployments, taskDefinition: back.taskDefinition }, scheduler }, now, { rollback: { reason }, ...(hooks ? { hooks } : {}) });
  // `stored`: the record as the store holds it (its indexes are moved from there).
  return { ...h, ops: [...serviceOps(h.rec, stored), ...h.ops, ...serviceEventOps(ctx, rec.cluster, s, h.rec.service)] };
}

/**
 * ROLLBACK (the only stop type the model documents as valid): the service goes back to the last completed
 * deployment's revision at once, as the circuit breaker's rollback does; the service deployment becomes
 * ROLLBACK_IN_PROGRESS. Only the service's current, unfinished deployment can be stopped.
 */
export async function stopServiceDeployment(ctx: ServerContext, req: StopServiceDeploymentRequest): Promise<StopServiceDeploymentResponse> {
  historyRef(req.serviceDeploymentArn, 'service-deployment', 'serviceDeploymentArn');
  if (req.stopType !== undefined && req.stopType !== 'ROLLBACK') {
    throw invalid('stopType', `The stop type ${req.stopType} is not supported: the valid value is ROLLBACK.`);
  }
  const verb = 'stopped';
  const ref = await commitWithRetry(ctx.store, async () => {
    const { ref, cur, rec, key } = await currentDeployment(ctx, req.serviceDeploymentArn, verb);
    const back = rolledBack(ctx, rec, req.serviceDeploymentArn, verb, STOP_ROLLBACK_REASON, ctx.now());
    return { txn: { compare: [{ key, modRevision: cur.modRevision }], success: back.ops }, result: ref };
  });
  ctx.log.info('service deployment stopped', { cluster: ref.cluster, service: ref.service, serviceDeployment: req.serviceDeploymentArn, stopType: 'ROLLBACK' });
  return { serviceDeploymentArn: req.serviceDeploymentArn };
}

export const HOOK_ROLLBACK_REASON = 'Service deployment rolled back by ContinueServiceDeployment at a lifecycle hook.';

function conflict(arn: string, verb: string, why: string): BerthError {
  return new BerthError('ConflictException', `The service deployment cannot be ${verb}: ${why}.`, 'serviceDeploymentArn', { resourceIds: [arn] });
}

/**
 * A deployment paused at a PAUSE lifecycle hook (lifecycleHookDetails, AWAITING_ACTION) goes on with
 * CONTINUE (the hook SUCCEEDED; the services controller moves the shift along) or rolls back with ROLLBACK
 * (the hook FAILED; production returns to the blue tasks at once).
 */
export async function continueServiceDeployment(ctx: ServerContext, req: ContinueServiceDeploymentRequest): Promise<ContinueServiceDeploymentResponse> {
  const action = req.action ?? 'CONTINUE';
  if (action !== 'CONTINUE' && action !== 'ROLLBACK') throw invalid('action', `The action ${String(action)} is not valid: CONTINUE or ROLLBACK.`);
  const verb = 'continued';
  const ref = await commitWithRetry(ctx.store, async () => {
    const { ref, cur, rec, key } = await currentDeployment(ctx, req.serviceDeploymentArn, verb);
    const shift = answerHook(rec.scheduler.shift, req.hookId, action);
    if (!shift) throw invalid('hookId', `The service deployment is not paused at a lifecycle hook ${JSON.stringify(req.hookId)}.`);
    const now = ctx.now();
    const answered = { ...rec, scheduler: { ...rec.scheduler, shift } };
    if (action === 'ROLLBACK') {
      const back = rolledBack(ctx, answered, req.serviceDeploymentArn, verb, HOOK_ROLLBACK_REASON, now, shift.hooks, rec);
      return { txn: { compare: [{ key, modRevision: cur.modRevision }], success: back.ops }, result: ref };
    }
    const h = withDeploymentHistory(answered, now, { stage: shift.stage, hooks: shift.hooks! });
    return { txn: { compare: [{ key, modRevision: cur.modRevision }], success: [...serviceOps(h.rec, rec), ...h.ops] }, result: ref };
  });
  ctx.log.info('service deployment continued', { cluster: ref.cluster, service: ref.service, serviceDeployment: req.serviceDeploymentArn, hookId: req.hookId, action });
  return { serviceDeploymentArn: req.serviceDeploymentArn };
}

export const hookFailedReason = (hookId: string, why: string) => `Service deployment rolled back: the lifecycle hook ${hookId} answered FAILED${why ? ` (${why})` : ''}.`;

/**
 * An invoked lifecycle hook's answer (the hook runner's), written into the service's shift if the hook
 * still waits for it there (false: the deployment moved on, was rolled back or superseded, or the hook was
 * answered already; a repeat after a failover lands here). FAILED rolls back as ContinueServiceDeployment's
 * ROLLBACK does, in the same transaction.
 */
export async function answerLifecycleHook(ctx: ServerContext, cluster: string, service: string, deploymentId: string, hookId: string,
  answer: HookAnswer & { reason?: string }, delayScale = 1): Promise<boolean> {
  return commitWithRetry(ctx.store, async () => {
    const cur = await getService(ctx.store, cluster, service);
    const rec = cur?.value;
    const now = ctx.now();
    if (!rec || rec.scheduler.shift?.deploymentId !== deploymentId) return { txn: noWrite, result: false };
    const shift = answerInvokedHook(rec.scheduler.shift, hookId, answer, now, delayScale);
    if (!shift) return { txn: noWrite, result: false };
    const key = serviceKey(cluster, service);
    const answered = { ...rec, scheduler: { ...rec.scheduler, shift } };
    if (answer.hookStatus === 'FAILED' && rec.scheduler.lastCompleted) {
      const back = rolledBack(ctx, answered, rec.history?.current?.serviceDeploymentArn ?? deploymentId, 'rolled back', hookFailedReason(hookId, answer.reason ?? ''), now, shift.hooks, rec);
      return { txn: { compare: [{ key, modRevision: cur!.modRevision }], success: back.ops }, result: true };
    }
    const h = withDeploymentHistory(answered, now, { stage: shift.stage, hooks: shift.hooks! });
    return { txn: { compare: [{ key, modRevision: cur!.modRevision }], success: [...serviceOps(h.rec, rec), ...h.ops] }, result: true };
  });
}
