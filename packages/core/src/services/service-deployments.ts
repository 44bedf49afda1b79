// Service deployments and service revisions (ECS's deployments API) as a pure function of a service's
// deployments: each new PRIMARY deployment that is not a rollback makes a service revision (what it runs)
// and a service deployment (moving the service to it); the service deployment then follows the PRIMARY
// deployment's counts and rolloutState, and a rollback (circuit breaker, alarms, StopServiceDeployment)
// turns it into ROLLBACK_IN_PROGRESS towards the last completed deployment's revision. The writers of a
// service record call this with what they write, so the history moves in the same transaction. The history
// is bounded: a service keeps its last HISTORY_LIMIT service deployments (ECS shows 90 days of them; a count
// keeps the service record's share small and needs no timer), and the revisions those and its running or
// last completed deployments run.
import type {
  DeploymentLifecycleHookDetail, Deployment, Service, ServiceDeployment, ServiceDeploymentLifecycleStage, ServiceDeploymentStatus, ServiceRevision, ServiceRevisionSummary,
} from '../model/types.js';
import { resourceId } from '../arn.js';
import { CIRCUIT_BREAKER_FAILED_REASON, circuitBreakerThreshold, effectiveConfiguration } from './deployment.js';

/** What a service record keeps of its deployment history. */
export interface DeploymentHistory {
  /** The latest service deployment (its own record holds the same). */
  current?: ServiceDeployment;
  /** The service revision (ARN) each deployment (ecs-svc/...) of the service runs, and the last completed one's. */
  revisionOf: Record<string, string>;
  /** The ids of the service deployment records kept, newest first (at most HISTORY_LIMIT). */
  kept?: string[];
}

/** How many service deployments a service keeps (issue 20: "its last 10 deployments"). */
export const HISTORY_LIMIT = 10;

/** A service deployment no longer moves once in one of these. */
export const FINISHED_DEPLOYMENT_STATUSES: readonly ServiceDeploymentStatus[] = ['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'];
export const isFinishedDeployment = (status: ServiceDeploymentStatus | undefined) => status !== undefined && FINISHED_DEPLOYMENT_STATUSES.includes(status);

/** The id both records take: the digits of the deployment that made them (they sort newest first). */
export const historyId = (deploymentId: string) => deploymentId.slice(deploymentId.indexOf('/') + 1);
const historyArn = (kind: 'service-deployment' | 'service-revision', serviceArnValue: string, id: string) =>
  `${serviceArnValue.replace(':service/', `:${kind}/`)}/${id}`;
export const serviceDeploymentArn = (serviceArnValue: string, id: string) => historyArn('service-deployment', serviceArnValue, id);
export const serviceRevisionArn = (serviceArnValue: string, id: string) => historyArn('service-revision', serviceArnValue, id);

/** Cluster, service and id of a service-deployment or service-revision ARN; null when it is not one. */
export function parseHistoryArn(arn: string, kind: 'service-deployment' | 'service-revision'): { cluster: string; service: string; id: string } | null {
  const m = /^arn:[^:]+:ecs:[^:]*:[^:]*:([a-z-]+)\/([^/]+)\/([^/]+)\/([0-9A-Za-z_-]+)$/.exec(typeof arn === 'string' ? arn : '');
  if (!m || m[1] !== kind) return null;
  return { cluster: m[2]!, service: m[3]!, id: m[4]! };
}

export const SUPERSEDED_REASON = 'Service deployment stopped: a newer service deployment started.';

export interface HistoryInput {
  history: DeploymentHistory | undefined;
  /** The service as it is about to be written. */
  service: Service;
  /** The last completed deployment after this write (what a rollback brings back). */
  lastCompletedId?: string;
  now: number;
  /** The new PRIMARY deployment rolls back the current service deployment, for this reason. */
  rollback?: { reason: string };
  /** The deployment this write failed (it may have left the service's list): its failures still count. */
  failed?: Deployment;
  /** The PRIMARY deployment is at its steady state, baking (its alarms watched) before it completes. */
  baking?: boolean;
  /** Deployment alarms of the current service deployment that went to ALARM. */
  triggeredAlarms?: readonly string[];
  /** A traffic-shifting deployment's stage (TEST_TRAFFIC_SHIFT, PRODUCTION_TRAFFIC_SHIFT...), while it is not done. */
  stage?: ServiceDeploymentLifecycleStage;
  /** Its PAUSE hooks reached so far (lifecycleHookDetails). */
  hooks?: readonly DeploymentLifecycleHookDetail[];
}

export interface HistoryChange {
  history: DeploymentHistory;
  /** Service deployments to write (changed or new). */
  deployments: ServiceDeployment[];
  /** Service revisions to write (new). */
  revisions: ServiceRevision[];
  /** The ids of the service deployment and revision records to delete: past the bound, and needed no more. */
  dropped: { deployments: string[]; revisions: string[] };
}

/** The revision a new deployment runs: the service's configuration with the deployment's task definition. */
function revisionFor(s: Service, d: Deployment): ServiceRevision {
  return {
    serviceRevisionArn: serviceRevisionArn(s.serviceArn!, historyId(d.id!)),
    serviceArn: s.serviceArn!,
    clusterArn: s.clusterArn!,
    taskDefinition: d.taskDefinition!,
    launchType: d.launchType ?? s.launchType ?? 'EC2',
    loadBalancers: s.loadBalancers ?? [],
    serviceRegistries: s.serviceRegistries ?? [],
    createdAt: d.createdAt!,
  };
}

/** The counts of the deployments running one revision. */
function summary(arn: string, deployments: readonly Deployment[], revisionOf: Record<string, string>): ServiceRevisionSummary {
  const its = deployments.filter((d) => revisionOf[d.id!] === arn);
  const sum = (f: (d: Deployment) => number | undefined) => its.reduce((n, d) => n + (f(d) ?? 0), 0);
  return { arn, requestedTaskCount: sum((d) => d.desiredCount), runningTaskCount: sum((d) => d.runningCount), pendingTaskCount: sum((d) => d.pendingCount) };
}

/** The history after a write of `service`: new records for a new deployment, the current one brought up to date. */
export function advanceHistory(input: HistoryInput): HistoryChange {
  const { service: s, now } = input;
  const deployments = s.deployments ?? [];
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  const before = input.history;
  const h: DeploymentHistory = { ...(before?.current ? { current: before.current } : {}), revisionOf: { ...before?.revisionOf }, kept: keptOf(before) };
  const out: ServiceDeployment[] = [];
  const revisions: ServiceRevision[] = [];
  if (!primary || s.serviceArn === undefined) return { history: h, deployments: out, revisions, dropped: { deployments: [], revisions: [] } };
  let cur = h.current;
  const running = cur !== undefined && !isFinishedDeployment(cur.status);
  // A new PRIMARY deployment, or (traffic shifting) a rollback that made the blue deployment PRIMARY again.
  const reinstated = input.rollback !== undefined && running && cur!.status !== 'ROLLBACK_IN_PROGRESS' && h.revisionOf[primary.id!] !== cur!.targetServiceRevision?.arn;
  if (h.revisionOf[primary.id!] === undefined || reinstated) {
    const back = input.lastCompletedId !== undefined ? h.revisionOf[input.lastCompletedId] : undefined;
    if (input.rollback && running && back !== undefined) {
      h.revisionOf[primary.id!] = back;
      cur = {
        ...cur!, status: 'ROLLBACK_IN_PROGRESS', statusReason: input.rollback.reason, updatedAt: now,
        rollback: { reason: input.rollback.reason, startedAt: now, serviceRevisionArn: back },
      };
    } else {
      const rev = revisionFor(s, primary);
      revisions.push(rev);
      h.revisionOf[primary.id!] = rev.serviceRevisionArn!;
      if (running) out.push({ ...cur!, status: 'STOPPED', statusReason: SUPERSEDED_REASON, stoppedAt: now, updatedAt: now });
      const sources = [...new Set(deployments.filter((d) => d !== primary && h.revisionOf[d.id!] !== undefined).map((d) => h.revisionOf[d.id!]!))];
      const cfg = s.deploymentConfiguration;
      cur = {
        serviceDeploymentArn: serviceDeploymentArn(s.serviceArn, historyId(primary.id!)),
        serviceArn: s.serviceArn, clusterArn: s.clusterArn!,
        createdAt: primary.createdAt ?? now, startedAt: primary.createdAt ?? now, updatedAt: now,
        sourceServiceRevisions: sources.map((arn) => ({ arn })),
        targetServiceRevision: { arn: rev.serviceRevisionArn! },
        status: 'IN_PROGRESS', lifecycleStage: 'SCALE_UP',
        ...(cfg ? { deploymentConfiguration: cfg } : {}),
      };
    }
  }
  if (cur !== undefined && !isFinishedDeployment(cur.status)) cur = follow(cur, s, primary, h.revisionOf, input);
  if (cur !== undefined && JSON.stringify(cur) !== JSON.stringify(h.current)) {
    out.push(cur);
    h.current = cur;
  }
  // Only the revisions of listed deployments and of the last completed one are needed again.
  for (const id of Object.keys(h.revisionOf)) if (id !== input.lastCompletedId && !deployments.some((d) => d.id === id)) delete h.revisionOf[id];
  // A new revision comes with a new service deployment of the same id.
  const kept = [...revisions.map((r) => resourceId(r.serviceRevisionArn!)), ...h.kept!];
  h.kept = kept.slice(0, HISTORY_LIMIT);
  const had = before ? neededRevisions({ ...before, kept: keptOf(before) }) : new Set<string>();
  const needed = neededRevisions(h);
  return { history: h, deployments: out, revisions, dropped: { deployments: kept.slice(HISTORY_LIMIT), revisions: [...had].filter((id) => !needed.has(id)) } };
}

/**
 * The service deployments kept. A history written before the bound lists none: its current one is kept from
 * then on (older records stay until the service leaves the store).
 */
const keptOf = (h: DeploymentHistory | undefined): string[] =>
  h?.kept ?? (h?.current ? [resourceId(h.current.serviceDeploymentArn!)] : []);

/**
 * The revision records a history keeps: those of its kept service deployments (each made the revision of
 * its id) and those its listed and last completed deployments run. Nothing leaves this set and comes back,
 * so a revision that leaves it is deleted once.
 */
function neededRevisions(h: DeploymentHistory): Set<string> {
  return new Set([...(h.kept ?? []), ...Object.values(h.revisionOf).map(resourceId)]);
}

/** The current service deployment as the PRIMARY deployment now stands. */
function follow(cur: ServiceDeployment, s: Service, primary: Deployment, revisionOf: Record<string, string>, input: HistoryInput): ServiceDeployment {
  const { now } = input;
  const deployments = s.deployments ?? [];
  const next: ServiceDeployment = {
    ...cur,
    targetServiceRevision: summary(cur.targetServiceRevision!.arn!, deployments, revisionOf),
    sourceServiceRevisions: (cur.sourceServiceRevisions ?? []).map((r) => summary(r.arn!, deployments, revisionOf)),
  };
  const rollingBack = cur.status === 'ROLLBACK_IN_PROGRESS';
  const cfg = effectiveConfiguration(s.deploymentConfiguration);
  const failed = primary.rolloutState === 'FAILED';
  const done = primary.rolloutState === 'COMPLETED' || failed;
  if (primary.rolloutState === 'COMPLETED') Object.assign(next, { status: rollingBack ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL', finishedAt: now });
  else if (failed) Object.assign(next, { status: rollingBack ? 'ROLLBACK_FAILED' : 'STOPPED', statusReason: primary.rolloutStateReason, stoppedAt: now });
  const others = deployments.some((d) => d !== primary && (d.runningCount ?? 0) + (d.pendingCount ?? 0) > 0);
  next.lifecycleStage = done || (!input.stage && others && (primary.runningCount ?? 0) >= (primary.desiredCount ?? 0)) ? 'CLEAN_UP'
    : input.stage ?? (input.baking ? 'BAKE_TIME' : 'SCALE_UP');
  if (input.hooks) next.lifecycleHookDetails = [...input.hooks];
  const monitor = (on: boolean, triggered: boolean) => (!on ? 'DISABLED' : triggered ? 'TRIGGERED' : done || rollingBack ? 'MONITORING_COMPLETE' : 'MONITORING');
  // The breaker counts the failures of the deployment moving to the target revision; once it has left the
  // list (rolled back, its tasks gone) the count stays as it was.
  const target = [...deployments, ...(input.failed ? [input.failed] : [])].find((d) => revisionOf[d.id!] === cur.targetServiceRevision!.arn);
  const breakerTripped = (rollingBack ? cur.rollback?.reason : primary.rolloutStateReason)?.startsWith('ECS deployment circuit breaker') ?? false;
  next.deploymentCircuitBreaker = {
    status: monitor(cfg.circuitBreaker.enable, breakerTripped || primary.rolloutStateReason === CIRCUIT_BREAKER_FAILED_REASON),
    failureCount: target ? target.failedTasks ?? 0 : cur.deploymentCircuitBreaker?.failureCount ?? 0,
    threshold: circuitBreakerThreshold(s.desiredCount ?? 0, s.deploymentConfiguration?.deploymentCircuitBreaker),
  };
  const alarms = s.deploymentConfiguration?.alarms;
  const triggered = [...new Set([...(cur.alarms?.triggeredAlarmNames ?? []), ...(input.triggeredAlarms ?? [])])];
  next.alarms = {
    status: monitor(alarms?.enable ?? false, triggered.length > 0),
    alarmNames: alarms?.alarmNames ?? [],
    triggeredAlarmNames: triggered,
  };
  if (JSON.stringify(next) !== JSON.stringify(cur)) next.updatedAt = now;
  return next;
}
