// The deployment history (core's advanceHistory) as a table: each row writes a service's deployments as a
// writer would, and records the service deployment's status, lifecycle stage and revisions after it.
import t from 'tap';
import {
  HISTORY_LIMIT, advanceHistory, historyId, newDeployment, parseHistoryArn, serviceDeploymentArn, serviceRevisionArn, startDeployment,
  type Deployment, type DeploymentHistory, type Service,
} from '../src/index.js';

const SVC = 'arn:aws:ecs:us-east-1:000000000000:service/c/web';
const id = (n: number) => `ecs-svc/${String(9000 - n).padStart(19, '0')}`;
const dep = (n: number, extra: Partial<Deployment> = {}): Deployment =>
  ({ ...newDeployment({ id: id(n), taskDefinition: `td:${n}`, desiredCount: 2, now: n }), ...extra });
const service = (deployments: Deployment[], extra: Partial<Service> = {}): Service =>
  ({ serviceArn: SVC, clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c', desiredCount: 2, launchType: 'EC2', deployments, ...extra });

/** The n of the deployment whose digits end an ARN. */
const numberOf = (arn: string) => [1, 2, 3, 4].find((n) => arn.endsWith(historyId(id(n))));

/** Runs the writes in order; returns the current deployment's status and stage after each, and every revision made. */
function run(writes: { deployments: Deployment[]; rollback?: string; lastCompleted?: number; extra?: Partial<Service> }[]) {
  let h: DeploymentHistory | undefined;
  const rows: string[] = [];
  const revisions: string[] = [];
  for (const [i, w] of writes.entries()) {
    const ch = advanceHistory({
      history: h, service: service(w.deployments, w.extra), now: 100 + i,
      ...(w.lastCompleted !== undefined ? { lastCompletedId: id(w.lastCompleted) } : {}), ...(w.rollback ? { rollback: { reason: w.rollback } } : {}),
    });
    h = ch.history;
    revisions.push(...ch.revisions.map((r) => `r${numberOf(r.serviceRevisionArn!)}:${r.taskDefinition}`));
    const c = h.current!;
    rows.push(`d${numberOf(c.serviceDeploymentArn!)} ${c.status} ${c.lifecycleStage} written=${ch.deployments.map((d) => `d${numberOf(d.serviceDeploymentArn!)}:${d.status}`).join(',')}`);
  }
  return { rows, revisions, history: h! };
}

t.test('a deployment that completes: IN_PROGRESS/SCALE_UP, CLEAN_UP while the old tasks go, then SUCCESSFUL', async (t) => {
  const d1 = dep(1, { rolloutState: 'COMPLETED', runningCount: 2 });
  const d2 = dep(2);
  const [p, a] = startDeployment([d1], d2, 2);
  const r = run([
    { deployments: [d1] },
    { deployments: [p!, a!], lastCompleted: 1 },
    { deployments: [{ ...p!, runningCount: 2 }, a!], lastCompleted: 1 },
    { deployments: [{ ...p!, runningCount: 2, rolloutState: 'COMPLETED' }], lastCompleted: 2 },
  ]);
  t.same(r.rows, [
    'd1 SUCCESSFUL CLEAN_UP written=d1:SUCCESSFUL', 'd2 IN_PROGRESS SCALE_UP written=d2:IN_PROGRESS',
    'd2 IN_PROGRESS CLEAN_UP written=d2:IN_PROGRESS', 'd2 SUCCESSFUL CLEAN_UP written=d2:SUCCESSFUL',
  ]);
  t.same(r.revisions, ['r1:td:1', 'r2:td:2']);
  t.same(Object.keys(r.history.revisionOf), [id(2)], 'only what is still needed is remembered');
  t.equal(r.history.current!.sourceServiceRevisions![0]!.arn, serviceRevisionArn(SVC, historyId(id(1))));
});

t.test('a rollback: the same service deployment goes ROLLBACK_IN_PROGRESS towards the last completed revision, then ROLLBACK_SUCCESSFUL', async (t) => {
  const d1 = dep(1, { rolloutState: 'COMPLETED', runningCount: 2 });
  const [p, a] = startDeployment([d1], dep(2), 2);
  const failed = { ...p!, rolloutState: 'FAILED' as const, rolloutStateReason: 'ECS deployment circuit breaker: task failed to start.', failedTasks: 3 };
  const [back, ...rest] = startDeployment([failed, a!], dep(3, { taskDefinition: 'td:1' }), 3);
  const r = run([
    { deployments: [d1] },
    { deployments: [p!, a!], lastCompleted: 1 },
    { deployments: [back!, ...rest], lastCompleted: 1, rollback: 'ECS deployment circuit breaker: rolling back to deploymentId x.' },
    { deployments: [{ ...back!, runningCount: 2, rolloutState: 'COMPLETED' }], lastCompleted: 3 },
  ]);
  t.same(r.rows, [
    'd1 SUCCESSFUL CLEAN_UP written=d1:SUCCESSFUL', 'd2 IN_PROGRESS SCALE_UP written=d2:IN_PROGRESS',
    'd2 ROLLBACK_IN_PROGRESS SCALE_UP written=d2:ROLLBACK_IN_PROGRESS', 'd2 ROLLBACK_SUCCESSFUL CLEAN_UP written=d2:ROLLBACK_SUCCESSFUL',
  ]);
  t.same(r.revisions, ['r1:td:1', 'r2:td:2'], 'a rollback makes no revision');
  t.match(r.history.current, { rollback: { serviceRevisionArn: serviceRevisionArn(SVC, historyId(id(1))), startedAt: 102 } });
});

t.test('failure without rollback stops the deployment; a newer deployment supersedes a running one', async (t) => {
  const d1 = dep(1, { rolloutState: 'COMPLETED', runningCount: 2 });
  const [p, a] = startDeployment([d1], dep(2), 2);
  const cb = { deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } } };
  const failed = run([
    { deployments: [d1], extra: cb },
    { deployments: [p!, a!], lastCompleted: 1, extra: cb },
    { deployments: [{ ...p!, rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: task failed to start.' }, a!], lastCompleted: 1, extra: cb },
  ]);
  t.equal(failed.rows[2], 'd2 STOPPED CLEAN_UP written=d2:STOPPED');
  t.match(failed.history.current, { statusReason: 'ECS deployment circuit breaker: task failed to start.', deploymentCircuitBreaker: { status: 'TRIGGERED', threshold: 3 } });

  const [p3, ...others] = startDeployment([p!, a!], dep(3), 3);
  const superseded = run([{ deployments: [p!, a!], lastCompleted: 1 }, { deployments: [p3!, ...others], lastCompleted: 1 }]);
  t.equal(superseded.rows[1], 'd3 IN_PROGRESS SCALE_UP written=d2:STOPPED,d3:IN_PROGRESS');
  t.same(superseded.history.current!.sourceServiceRevisions!.map((r) => numberOf(r.arn!)), [2], 'what ran before is the source');
});

t.test('history ARNs parse back to cluster, service and id', async (t) => {
  t.same(parseHistoryArn(serviceDeploymentArn(SVC, '123'), 'service-deployment'), { cluster: 'c', service: 'web', id: '123' });
  t.equal(parseHistoryArn(serviceRevisionArn(SVC, '123'), 'service-deployment'), null, 'a revision is not a deployment');
  t.equal(parseHistoryArn(SVC, 'service-deployment'), null);
});

t.test('the history is bounded: the last HISTORY_LIMIT service deployments, and the revisions still needed', async (t) => {
  const n = (arnOrId: string) => 9000 - Number(arnOrId.slice(arnOrId.lastIndexOf('/') + 1));
  /**
   * Deployments 1..count, each started over the last; `completes(k)`: deployment k completes before the next.
   * One that does not leaves the list when the next starts (its tasks replaced); the last completed one stays.
   */
  function deploy(count: number, completes: (k: number) => boolean) {
    let h: DeploymentHistory | undefined;
    let listed: Deployment[] = [];
    let lastCompleted: number | undefined;
    const rows: string[] = [];
    const write = (k: number, deployments: Deployment[]) => {
      const ch = advanceHistory({ history: h, service: service(deployments), now: 100 + k, ...(lastCompleted !== undefined ? { lastCompletedId: id(lastCompleted) } : {}) });
      h = ch.history;
      if (ch.dropped.deployments.length + ch.dropped.revisions.length > 0) {
        rows.push(`d${k}: drops d${ch.dropped.deployments.map(n).join(',d')} r${ch.dropped.revisions.map(n).join(',r')}`);
      }
    };
    for (let k = 1; k <= count; k++) {
      listed = startDeployment(listed, dep(k), k).filter((d, i) => i === 0 || d.id === id(lastCompleted!));
      write(k, listed);
      if (completes(k)) {
        listed = [{ ...listed[0]!, runningCount: 2, rolloutState: 'COMPLETED' }];
        lastCompleted = k;
        write(k, listed);
      }
    }
    return { rows, history: h! };
  }
  t.equal(HISTORY_LIMIT, 10);

  const steady = deploy(12, () => true);
  t.same(steady.rows, ['d11: drops d1 r1', 'd12: drops d2 r2'], 'the 11th deployment drops the 1st and its revision in the same write');
  t.same(steady.history.kept!.map(n), [12, 11, 10, 9, 8, 7, 6, 5, 4, 3], 'newest first');

  // Deployment 1 completes, 2..12 never do (each superseded): revision 1 stays while it is the last completed one.
  const failing = deploy(12, (k) => k === 1);
  t.same(failing.rows, ['d11: drops d1 r', 'd12: drops d2 r2']);
  t.ok(Object.values(failing.history.revisionOf).some((arn) => n(arn) === 1), 'the last completed revision is kept for a rollback');
  // Once a later deployment completes, revision 1 is needed no more and goes.
  const ch = advanceHistory({
    history: failing.history, service: service([{ ...dep(12), runningCount: 2, rolloutState: 'COMPLETED' }]), now: 200, lastCompletedId: id(12),
  });
  t.same(ch.dropped, { deployments: [], revisions: [historyId(id(1))] });

  // A history written before the bound keeps its current deployment from then on.
  const legacy = advanceHistory({ history: { current: steady.history.current!, revisionOf: { [id(12)]: serviceRevisionArn(SVC, historyId(id(12))) } }, service: service(startDeployment([dep(12, { rolloutState: 'COMPLETED' })], dep(13), 13)), now: 300, lastCompletedId: id(12) });
  t.same(legacy.history.kept!.map(n), [13, 12]);
  t.same(legacy.dropped, { deployments: [], revisions: [] });
});
