// Traffic-shifting deployments as tables: each strategy's production steps, the stages a shift passes
// with the clock, the weights and rule forwards each stage wants; then BLUE_GREEN, CANARY and a rollback
// through the replica scheduler, tick by tick, recording which tasks run and what production gets.
import t from 'tap';
import {
  advanceShift, answerHook, answerInvokedHook, checkShiftingConfiguration, greenMayStart, nextInvocationAt, readHookAnswer, testToGreen, expireHooks, decideService, initialSchedulerState, newDeployment, pairWeights, productionPercent, registeredLoadBalancer,
  ruleForwards, shiftPlan, startDeployment, type Deployment, type DeploymentConfiguration, type LoadBalancer, type SchedulerInput,
  type SchedulerState, type ServiceTask, type ShiftState,
} from '../src/index.js';

const MIN = 60;

t.test('each strategy\'s production steps, minutes scaled', async (t) => {
  const rows: [DeploymentConfiguration, number, ReturnType<typeof shiftPlan>][] = [
    [{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 }, 60, { steps: [{ percent: 100, holdSeconds: 0 }], bakeSeconds: 300 }],
    [{ strategy: 'CANARY', bakeTimeInMinutes: 1, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 3 } }, 2,
      { steps: [{ percent: 10, holdSeconds: 6 }, { percent: 100, holdSeconds: 0 }], bakeSeconds: 2 }],
    [{ strategy: 'CANARY', bakeTimeInMinutes: 0 }, 60, { steps: [{ percent: 5, holdSeconds: 600 }, { percent: 100, holdSeconds: 0 }], bakeSeconds: 0 }],
    [{ strategy: 'LINEAR', bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 } }, 2,
      { steps: [{ percent: 25, holdSeconds: 2 }, { percent: 50, holdSeconds: 2 }, { percent: 75, holdSeconds: 2 }, { percent: 100, holdSeconds: 0 }], bakeSeconds: 0 }],
    [{ strategy: 'LINEAR', bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 33.3, stepBakeTimeInMinutes: 0 } }, 60,
      { steps: [{ percent: 33.3, holdSeconds: 0 }, { percent: 66.6, holdSeconds: 0 }, { percent: 99.9, holdSeconds: 0 }, { percent: 100, holdSeconds: 0 }], bakeSeconds: 0 }],
  ];
  for (const [c, minute, want] of rows) t.same(shiftPlan(c, minute), want, `${c.strategy} ${JSON.stringify(c.canaryConfiguration ?? c.linearConfiguration ?? {})}`);
});

t.test('the stages a shift passes, with the clock', async (t) => {
  const plan = shiftPlan({ strategy: 'CANARY', bakeTimeInMinutes: 2, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 } }, MIN);
  const rows: { name: string; state?: ShiftState; ready: boolean; now: number; want: Partial<ShiftState>; wakeAt?: number; percent: number }[] = [
    { name: 'a new shift scales up', ready: false, now: 100, want: { deploymentId: 'g', stage: 'SCALE_UP', since: 100 }, percent: 0 },
    { name: 'green ready: test traffic, then the canary step at once', state: { deploymentId: 'g', stage: 'SCALE_UP', since: 100, step: 0 }, ready: true, now: 150,
      want: { stage: 'PRODUCTION_TRAFFIC_SHIFT', step: 0, since: 150 }, wakeAt: 210, percent: 10 },
    { name: 'the canary holds for its bake time', state: { deploymentId: 'g', stage: 'PRODUCTION_TRAFFIC_SHIFT', since: 150, step: 0 }, ready: true, now: 209,
      want: { stage: 'PRODUCTION_TRAFFIC_SHIFT', step: 0 }, wakeAt: 210, percent: 10 },
    { name: 'then the rest shifts and the deployment bakes', state: { deploymentId: 'g', stage: 'PRODUCTION_TRAFFIC_SHIFT', since: 150, step: 0 }, ready: true, now: 215,
      want: { stage: 'BAKE_TIME', since: 210 }, wakeAt: 330, percent: 100 },
    { name: 'after the bake, clean-up', state: { deploymentId: 'g', stage: 'BAKE_TIME', since: 210, step: 1 }, ready: true, now: 330,
      want: { stage: 'CLEAN_UP', since: 330 }, percent: 100 },
    { name: 'a shift of another deployment is over: the new one starts again', state: { deploymentId: 'old', stage: 'BAKE_TIME', since: 10, step: 1 }, ready: false, now: 400,
      want: { deploymentId: 'g', stage: 'SCALE_UP', since: 400 }, percent: 0 },
  ];
  for (const r of rows) {
    const d = advanceShift({ plan, state: r.state, deploymentId: 'g', greenReady: r.ready, now: r.now });
    t.match(d.state, r.want, r.name);
    t.equal(d.wakeAt, r.wakeAt, `${r.name}: wakes at ${r.wakeAt}`);
    t.equal(productionPercent(plan, d.state), r.percent, `${r.name}: production share ${r.percent}%`);
  }
});

t.test('weights and rule forwards', async (t) => {
  t.same([0, 10, 33.3, 99.9, 100].map(pairWeights), [{ blue: 1, green: 0 }, { blue: 900, green: 100 }, { blue: 667, green: 333 }, { blue: 1, green: 999 }, { blue: 0, green: 1 }]);
  const lb: LoadBalancer = { targetGroupArn: 'tg-a', containerName: 'web', containerPort: 80, advancedConfiguration: { alternateTargetGroupArn: 'tg-b', productionListenerRule: 'prod', testListenerRule: 'test' } };
  t.equal(registeredLoadBalancer(lb, false, true).targetGroupArn, 'tg-b', 'green registers in the group production does not use');
  t.equal(registeredLoadBalancer(lb, true, true).targetGroupArn, 'tg-a', '…which is targetGroupArn once the alternate is live');
  t.equal(registeredLoadBalancer({ targetGroupArn: 'tg-c' }, true, true).targetGroupArn, 'tg-c', 'a plain load balancer is the same for every task');
  const plan = shiftPlan({ strategy: 'CANARY', bakeTimeInMinutes: 0, canaryConfiguration: { canaryPercent: 10 } }, MIN);
  t.same(ruleForwards([lb], false, plan, undefined), [
    { ruleArn: 'prod', groups: [{ targetGroupArn: 'tg-a', weight: 1 }, { targetGroupArn: 'tg-b', weight: 0 }] },
    { ruleArn: 'test', groups: [{ targetGroupArn: 'tg-a', weight: 1 }, { targetGroupArn: 'tg-b', weight: 0 }] },
  ], 'no shift: all to the live group');
  t.same(ruleForwards([lb], false, plan, { deploymentId: 'g', stage: 'PRODUCTION_TRAFFIC_SHIFT', since: 0, step: 0 }), [
    { ruleArn: 'prod', groups: [{ targetGroupArn: 'tg-a', weight: 900 }, { targetGroupArn: 'tg-b', weight: 100 }] },
    { ruleArn: 'test', groups: [{ targetGroupArn: 'tg-a', weight: 0 }, { targetGroupArn: 'tg-b', weight: 1 }] },
  ], 'the canary: 10% of production, all of the test traffic');
  t.same(ruleForwards([lb], true, plan, undefined)[0], { ruleArn: 'prod', groups: [{ targetGroupArn: 'tg-a', weight: 0 }, { targetGroupArn: 'tg-b', weight: 1 }] }, 'after a shift the pair has swapped (kept in its order)');
});

t.test('the members ECS checks', async (t) => {
  const lb: LoadBalancer = { targetGroupArn: 'tg-a', containerName: 'web', containerPort: 80, advancedConfiguration: { alternateTargetGroupArn: 'tg-b', productionListenerRule: 'prod' } };
  const rows: [DeploymentConfiguration, LoadBalancer[], RegExp | null][] = [
    [{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 }, [lb], null],
    [{ strategy: 'BLUE_GREEN' }, [lb], /needs a bakeTimeInMinutes/],
    [{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 }, [{ targetGroupArn: 'tg-a' }], /needs a load balancer with an advancedConfiguration/],
    [{ strategy: 'CANARY', bakeTimeInMinutes: 1, canaryConfiguration: { canaryPercent: 0.05 } }, [lb], /canaryPercent must be a multiple of 0.1/],
    [{ strategy: 'LINEAR', bakeTimeInMinutes: 1, linearConfiguration: { stepPercent: 2 } }, [lb], /stepPercent must be/],
    [{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1441 }, [lb], /0 to 1440/],
    [{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 }, [{ ...lb, advancedConfiguration: { alternateTargetGroupArn: 'tg-a', productionListenerRule: 'p' } }], /must differ/],
    [{ strategy: 'ROLLING', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['TEST_TRAFFIC_SHIFT'] }] }, [lb], /BLUE_GREEN, LINEAR and CANARY deployment strategies only/],
    [{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: [{ hookTargetArn: 'arn:aws:lambda:r:1:function:x', lifecycleStages: ['TEST_TRAFFIC_SHIFT'] }] }, [lb], null],
    [{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: [{ lifecycleStages: ['TEST_TRAFFIC_SHIFT'] }] }, [lb], /AWS_LAMBDA lifecycle hook needs a hookTargetArn/],
    [{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: [{ targetType: 'PAUSE', hookTargetArn: 'x', lifecycleStages: ['POST_SCALE_UP'] }] }, [lb], /PAUSE lifecycle hook has no hookTargetArn/],
    [{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'PRE_PRODUCTION_TRAFFIC_SHIFT'] }] }, [lb], null],
  ];
  for (const [c, lbs, err] of rows) {
    if (err) t.throws(() => checkShiftingConfiguration(c, lbs), { message: err }, String(err));
    else t.doesNotThrow(() => checkShiftingConfiguration(c, lbs));
  }
});

t.test('PAUSE hooks: a stage waits for ContinueServiceDeployment or its timeout', async (t) => {
  const cfg: DeploymentConfiguration = { strategy: 'CANARY', bakeTimeInMinutes: 0, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 },
    lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 5, action: 'CONTINUE' } }] };
  const plan = shiftPlan(cfg, MIN);
  t.same(plan.hooks, [{ stage: 'TEST_TRAFFIC_SHIFT', index: 0, timeoutSeconds: 300, timeoutAction: 'CONTINUE' }, { stage: 'PRODUCTION_TRAFFIC_SHIFT', index: 0, timeoutSeconds: 300, timeoutAction: 'CONTINUE' }]);
  let d = advanceShift({ plan, state: undefined, deploymentId: 'g', greenReady: true, now: 100 });
  t.match(d.state, { stage: 'TEST_TRAFFIC_SHIFT', hooks: [{ hookId: '0-TEST_TRAFFIC_SHIFT', status: 'AWAITING_ACTION', expiresAt: 400, timeoutAction: 'CONTINUE' }] }, 'held with test traffic on green');
  t.equal(d.wakeAt, 400, 'wakes at the timeout');
  t.equal(productionPercent(plan, d.state), 0, 'production untouched');
  t.equal(advanceShift({ plan, state: d.state, deploymentId: 'g', greenReady: true, now: 200 }).state.stage, 'TEST_TRAFFIC_SHIFT', 'still held');
  t.equal(answerHook(d.state, 'nope', 'CONTINUE'), undefined, 'an unknown hook');
  const go = answerHook(d.state, '0-TEST_TRAFFIC_SHIFT', 'CONTINUE')!;
  t.equal(answerHook(go, '0-TEST_TRAFFIC_SHIFT', 'CONTINUE'), undefined, 'answered once');
  d = advanceShift({ plan, state: go, deploymentId: 'g', greenReady: true, now: 210 });
  t.match(d.state, { stage: 'PRODUCTION_TRAFFIC_SHIFT', step: 0, since: 210 }, 'continued: the canary step starts when the hook let go');
  d = advanceShift({ plan, state: d.state, deploymentId: 'g', greenReady: true, now: 270 });
  t.match(d.state, { stage: 'PRODUCTION_TRAFFIC_SHIFT', step: 0 }, 'after its hold the canary step waits for its own hook');
  t.equal(d.state.hooks!.at(-1)!.hookId, '0-PRODUCTION_TRAFFIC_SHIFT-0');
  const late = expireHooks(d.state, 570);
  t.equal(late.rollback, false, 'a CONTINUE timeout does not roll back');
  t.equal(late.state!.hooks!.at(-1)!.status, 'TIMED_OUT');
  t.equal(productionPercent(plan, advanceShift({ plan, state: late.state, deploymentId: 'g', greenReady: true, now: 570 }).state), 100, 'then the deployment goes on');
  const rb = expireHooks({ ...d.state, hooks: d.state.hooks!.map((h) => ({ ...h, timeoutAction: 'ROLLBACK' as const })) }, 570);
  t.equal(rb.rollback, true, 'a ROLLBACK timeout rolls back');
  t.equal(answerHook(d.state, '0-PRODUCTION_TRAFFIC_SHIFT-0', 'ROLLBACK')!.hooks!.at(-1)!.status, 'FAILED');
});

t.test('where a hook at each stage holds the deployment (PAUSE, 2 production steps)', async (t) => {
  // Each row: a PAUSE hook at that stage; the green tasks ready from the start. Held: the stage shown, the
  // production share, where test traffic goes, whether green tasks may start, the hook id.
  const rows: [string, { stage: string; percent: number; test: boolean; start: boolean; hookId: string; before?: boolean }][] = [
    ['RECONCILE_SERVICE', { stage: 'RECONCILE_SERVICE', percent: 0, test: false, start: false, hookId: '0-RECONCILE_SERVICE' }],
    ['PRE_SCALE_UP', { stage: 'PRE_SCALE_UP', percent: 0, test: false, start: false, hookId: '0-PRE_SCALE_UP' }],
    ['POST_SCALE_UP', { stage: 'SCALE_UP', percent: 0, test: false, start: true, hookId: '0-POST_SCALE_UP' }],
    ['TEST_TRAFFIC_SHIFT', { stage: 'TEST_TRAFFIC_SHIFT', percent: 0, test: true, start: true, hookId: '0-TEST_TRAFFIC_SHIFT' }],
    ['POST_TEST_TRAFFIC_SHIFT', { stage: 'POST_TEST_TRAFFIC_SHIFT', percent: 0, test: true, start: true, hookId: '0-POST_TEST_TRAFFIC_SHIFT' }],
    ['PRE_PRODUCTION_TRAFFIC_SHIFT', { stage: 'PRODUCTION_TRAFFIC_SHIFT', percent: 0, test: true, start: true, hookId: '0-PRE_PRODUCTION_TRAFFIC_SHIFT-0', before: true }],
    ['PRODUCTION_TRAFFIC_SHIFT', { stage: 'PRODUCTION_TRAFFIC_SHIFT', percent: 10, test: true, start: true, hookId: '0-PRODUCTION_TRAFFIC_SHIFT-0' }],
    ['POST_PRODUCTION_TRAFFIC_SHIFT', { stage: 'POST_PRODUCTION_TRAFFIC_SHIFT', percent: 100, test: true, start: true, hookId: '0-POST_PRODUCTION_TRAFFIC_SHIFT' }],
  ];
  for (const [stage, want] of rows) {
    const cfg: DeploymentConfiguration = { strategy: 'CANARY', bakeTimeInMinutes: 0, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 0 },
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: [stage as 'PRE_SCALE_UP'] }] };
    const plan = shiftPlan(cfg, MIN);
    const d = advanceShift({ plan, state: undefined, deploymentId: 'g', greenReady: true, reconcile: true, now: 100 });
    t.match(d.state, { stage: want.stage, hooks: [{ hookId: want.hookId, status: 'AWAITING_ACTION' }] }, `${stage}: held at ${want.stage}`);
    t.equal(d.state.before, want.before, `${stage}: before the step's weights: ${want.before}`);
    t.equal(productionPercent(plan, d.state), want.percent, `${stage}: production ${want.percent}%`);
    t.equal(testToGreen(d.state), want.test, `${stage}: test traffic on green: ${want.test}`);
    t.equal(greenMayStart(d.state), want.start, `${stage}: green tasks may start: ${want.start}`);
    // Continued at each hook it reaches (a production stage's hook holds each of the 2 steps).
    let go = d;
    const held: string[] = [];
    for (let i = 0; i < 4 && go.state.stage !== 'CLEAN_UP'; i++) {
      const h = go.state.hooks!.find((x) => x.status === 'AWAITING_ACTION')!;
      held.push(h.hookId!);
      go = advanceShift({ plan, state: answerHook(go.state, h.hookId!, 'CONTINUE')!, deploymentId: 'g', greenReady: true, now: 110 + i });
    }
    t.equal(go.state.stage, 'CLEAN_UP', `${stage}: continued, the deployment runs to its end`);
    t.equal(held.length, stage.includes('PRODUCTION_TRAFFIC_SHIFT') && !stage.startsWith('POST') ? 2 : 1, `${stage}: held ${held.join(', ')}`);
  }
  // Without reconcile the shift starts at PRE_SCALE_UP: a RECONCILE_SERVICE hook is never reached.
  const plan = shiftPlan({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['RECONCILE_SERVICE'] }] }, MIN);
  const d = advanceShift({ plan, state: undefined, deploymentId: 'g', greenReady: true, now: 100 });
  t.match(d.state, { stage: 'CLEAN_UP' }, 'RECONCILE_SERVICE only when more than one revision was active');
  t.equal(d.state.hooks, undefined);
});

t.test('PRE_PRODUCTION_TRAFFIC_SHIFT holds before every step, with the step before\'s weights', async (t) => {
  const cfg: DeploymentConfiguration = { strategy: 'LINEAR', bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 },
    lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }] };
  const plan = shiftPlan(cfg, MIN);
  let d = advanceShift({ plan, state: undefined, deploymentId: 'g', greenReady: true, now: 100 });
  t.match(d.state, { stage: 'PRODUCTION_TRAFFIC_SHIFT', step: 0, before: true });
  t.equal(productionPercent(plan, d.state), 0);
  d = advanceShift({ plan, state: answerHook(d.state, '0-PRE_PRODUCTION_TRAFFIC_SHIFT-0', 'CONTINUE')!, deploymentId: 'g', greenReady: true, now: 120 });
  t.match(d.state, { stage: 'PRODUCTION_TRAFFIC_SHIFT', step: 0, since: 120 }, 'the step starts when the hook lets go');
  t.equal(d.state.before, undefined);
  t.equal(productionPercent(plan, d.state), 50);
  t.equal(d.wakeAt, 180, 'and holds its minute');
  d = advanceShift({ plan, state: d.state, deploymentId: 'g', greenReady: true, now: 180 });
  t.match(d.state, { stage: 'PRODUCTION_TRAFFIC_SHIFT', step: 1, before: true }, 'the next step waits for its own hook');
  t.equal(productionPercent(plan, d.state), 50, 'with the step before\'s share');
  t.equal(d.state.hooks!.at(-1)!.hookId, '0-PRE_PRODUCTION_TRAFFIC_SHIFT-1');
});

t.test('an invoked hook: IN_PROGRESS until it answers; IN_PROGRESS asks again after callBackDelay; FAILED holds', async (t) => {
  const cfg: DeploymentConfiguration = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0,
    lifecycleHooks: [{ targetType: 'AWS_LAMBDA', hookTargetArn: 'arn:h', lifecycleStages: ['TEST_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 10, action: 'ROLLBACK' } }] };
  const plan = shiftPlan(cfg, MIN);
  t.same(plan.hooks, [{ stage: 'TEST_TRAFFIC_SHIFT', index: 0, timeoutSeconds: 600, timeoutAction: 'ROLLBACK', targetType: 'AWS_LAMBDA', targetArn: 'arn:h' }]);
  let d = advanceShift({ plan, state: undefined, deploymentId: 'g', greenReady: true, now: 100 });
  t.match(d.state, { stage: 'TEST_TRAFFIC_SHIFT', hooks: [{ hookId: '0-TEST_TRAFFIC_SHIFT', targetType: 'AWS_LAMBDA', targetArn: 'arn:h', status: 'IN_PROGRESS', expiresAt: 700 }] });
  t.same(d.state.invocations, [{ hookId: '0-TEST_TRAFFIC_SHIFT', at: 100, calls: 0 }], 'called at once');
  t.equal(nextInvocationAt(d.state), 100);
  t.equal(answerHook(d.state, '0-TEST_TRAFFIC_SHIFT', 'CONTINUE'), undefined, 'ContinueServiceDeployment answers PAUSE hooks only');
  const later = answerInvokedHook(d.state, '0-TEST_TRAFFIC_SHIFT', { hookStatus: 'IN_PROGRESS', callBackDelay: 5, hookDetails: { n: 1 } }, 101)!;
  t.same(later.invocations, [{ hookId: '0-TEST_TRAFFIC_SHIFT', at: 106, calls: 1, hookDetails: { n: 1 } }], 'asked again after 5 s, with what it passed on');
  t.equal(answerInvokedHook(d.state, '0-TEST_TRAFFIC_SHIFT', { hookStatus: 'IN_PROGRESS' }, 101)!.invocations![0]!.at, 131, 'ECS\'s default delay: 30 s');
  t.equal(answerInvokedHook(d.state, '0-TEST_TRAFFIC_SHIFT', { hookStatus: 'IN_PROGRESS', callBackDelay: 30 }, 101, 0.1)!.invocations![0]!.at, 104, 'scaled as --aws-minute scales');
  t.equal(advanceShift({ plan, state: later, deploymentId: 'g', greenReady: true, now: 106 }).state.stage, 'TEST_TRAFFIC_SHIFT', 'still held');
  const ok = answerInvokedHook(later, '0-TEST_TRAFFIC_SHIFT', { hookStatus: 'SUCCEEDED' }, 107)!;
  t.equal(ok.invocations, undefined, 'nothing more to call');
  t.equal(nextInvocationAt(ok), undefined);
  t.equal(answerInvokedHook(ok, '0-TEST_TRAFFIC_SHIFT', { hookStatus: 'SUCCEEDED' }, 108), undefined, 'answered once');
  t.equal(advanceShift({ plan, state: ok, deploymentId: 'g', greenReady: true, now: 108 }).state.stage, 'CLEAN_UP', 'SUCCEEDED: the deployment goes on');
  const bad = answerInvokedHook(later, '0-TEST_TRAFFIC_SHIFT', { hookStatus: 'FAILED' }, 107)!;
  d = advanceShift({ plan, state: bad, deploymentId: 'g', greenReady: true, now: 108 });
  t.match(d.state, { stage: 'TEST_TRAFFIC_SHIFT', hooks: [{ status: 'FAILED' }] }, 'FAILED: nothing moves on (its write rolls back)');
  const late = expireHooks(later, 700);
  t.equal(late.rollback, true, 'past its timeout: TIMED_OUT, ROLLBACK');
  t.equal(late.state!.hooks![0]!.status, 'TIMED_OUT');
  t.equal(late.state!.invocations, undefined, 'and no longer called');
});

t.test('an invoked hook\'s answer read as ECS reads a Lambda function\'s', async (t) => {
  const rows: [string, ReturnType<typeof readHookAnswer>][] = [
    ['{"hookStatus":"SUCCEEDED"}', { hookStatus: 'SUCCEEDED' }],
    ['{"hookStatus":"IN_PROGRESS","callBackDelay":60,"hookDetails":{"a":1}}', { hookStatus: 'IN_PROGRESS', callBackDelay: 60, hookDetails: { a: 1 } }],
    ['{"hookStatus":"FAILED"}', { hookStatus: 'FAILED' }],
    ['{"hookStatus":"succeeded"}', { hookStatus: 'FAILED', reason: 'the hook answered no valid hookStatus ("succeeded")' }],
    ['{}', { hookStatus: 'FAILED', reason: 'the hook answered no valid hookStatus (null)' }],
    ['ok', { hookStatus: 'FAILED', reason: 'the hook did not answer JSON' }],
    ['{"hookStatus":"IN_PROGRESS","callBackDelay":"soon"}', { hookStatus: 'FAILED', reason: 'the hook answered a callBackDelay that is not a number of seconds ("soon")' }],
  ];
  for (const [body, want] of rows) t.same(readHookAnswer(body), want, body);
});

t.test('PRE_SCALE_UP and RECONCILE_SERVICE hold the green tasks back (replica scheduler)', async (t) => {
  for (const stage of ['PRE_SCALE_UP', 'RECONCILE_SERVICE'] as const) {
    const cfg: DeploymentConfiguration = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: [stage] }] };
    const base = { deploymentConfiguration: cfg, shifting: shiftPlan(cfg, 1) };
    const sim = deployed(base);
    // RECONCILE_SERVICE: a deployment under way (d2) is superseded by d3 while more than one revision is active.
    if (stage === 'RECONCILE_SERVICE') sim.deployments = startDeployment(sim.deployments, newDeployment({ id: 'd3', taskDefinition: 'td:3', desiredCount: 3, now: sim.now }), sim.now);
    const green = stage === 'RECONCILE_SERVICE' ? 'd3' : 'd2';
    const log = run(sim, base, 5);
    t.ok(log.every((l) => l.stage === stage), `${stage}: held`);
    t.equal(sim.tasks.filter((x) => x.task.startedBy === green).length, 0, `${stage}: no green task started`);
    t.ok(log.every((l) => l.blue === 3), `${stage}: blue serves`);
    sim.state.shift = answerHook(sim.state.shift, `0-${stage}`, 'CONTINUE')!;
    const after = run(sim, base, 12);
    t.ok(sim.tasks.some((x) => x.task.startedBy === green), `${stage}: continued, green starts`);
    t.same(after.at(-1)!.deployments, [`${green}:PRIMARY:COMPLETED`], `${stage}: and completes`);
  }
});

// --- through the replica scheduler, tick by tick ----------------------------------------------------------

const arn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/c/${id}`;
interface Sim { tasks: ServiceTask[]; deployments: Deployment[]; state: SchedulerState; now: number; n: number }

/** Each tick: asked-to-stop tasks stop, pending ones run; one decision applied. Returns, per tick, what ran and what production got. */
function run(sim: Sim, base: Partial<SchedulerInput>, ticks: number) {
  const log: { now: number; stage?: string; blue: number; green: number; percent: number; deployments: string[] }[] = [];
  for (let i = 0; i < ticks; i++) {
    sim.now += 1;
    for (const x of sim.tasks) {
      if (x.task.desiredStatus === 'STOPPED') x.task.lastStatus = 'STOPPED';
      else if (x.task.lastStatus === 'PENDING') Object.assign(x.task, { lastStatus: 'RUNNING', startedAt: sim.now });
    }
    const p = decideService({
      serviceName: 'web', status: 'ACTIVE', desiredCount: 3, tasks: sim.tasks, deployments: sim.deployments, state: sim.state, now: sim.now,
      settings: { settleSeconds: 2, throttleBaseSeconds: 1, throttleMaxSeconds: 1, throttleEventAfter: 3 }, newDeploymentId: `rb${i}`, ...base,
    });
    for (const s of p.stop) sim.tasks.find((x) => x.task.taskArn === s.taskArn)!.task.desiredStatus = 'STOPPED';
    for (const s of p.start) for (let k = 0; k < s.count; k++) {
      sim.tasks.push({ task: { taskArn: arn(`t${++sim.n}`), startedBy: s.deploymentId, group: 'service:web', createdAt: sim.now, lastStatus: 'PENDING', desiredStatus: 'RUNNING' }, healthChecked: false });
    }
    sim.deployments = p.deployments;
    sim.state = p.state;
    const runningOf = (id: string | undefined) => sim.tasks.filter((x) => x.task.startedBy === id && x.task.lastStatus === 'RUNNING' && x.task.desiredStatus === 'RUNNING').length;
    log.push({
      now: sim.now, ...(p.state.shift ? { stage: p.state.shift.stage } : {}), blue: runningOf('d1'), green: runningOf('d2'),
      percent: base.shifting ? productionPercent(base.shifting, p.state.shift) : 0, deployments: p.deployments.map((d) => `${d.id}:${d.status}:${d.rolloutState}`),
    });
  }
  return log;
}

function deployed(base: Partial<SchedulerInput>): Sim {
  const sim: Sim = { tasks: [], deployments: [newDeployment({ id: 'd1', taskDefinition: 'td:1', desiredCount: 3, now: 0 })], state: initialSchedulerState(), now: 0, n: 0 };
  run(sim, base, 6);
  sim.deployments = startDeployment(sim.deployments, newDeployment({ id: 'd2', taskDefinition: 'td:2', desiredCount: 3, now: sim.now }), sim.now);
  return sim;
}

t.test('BLUE_GREEN: the green revision starts whole, production shifts at once, both bake, then blue stops', async (t) => {
  const cfg: DeploymentConfiguration = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 };
  const base = { deploymentConfiguration: cfg, shifting: shiftPlan(cfg, 1) };
  const sim = deployed(base);
  t.equal(sim.state.lastCompleted?.id, 'd1', 'the first deployment completed without a shift');
  const log = run(sim, base, 16);
  t.equal(log[0]!.stage, 'SCALE_UP');
  t.ok(log.every((l) => l.stage === undefined || l.stage === 'CLEAN_UP' || l.blue === 3), 'blue keeps its 3 tasks until clean-up');
  t.same(log.map((l) => l.percent).filter((p, i, a) => p !== a[i - 1]), [0, 100, 0], 'production 0% then 100% at once (and the pair swaps)');
  const shifted = log.find((l) => l.percent === 100)!;
  t.equal(shifted.green, 3, 'production shifts once the 3 green tasks are healthy');
  const bake = log.filter((l) => l.stage === 'BAKE_TIME');
  t.ok(bake.length >= 4 && bake.every((l) => l.blue === 3 && l.green === 3), `both revisions kept through the ${bake.length} s bake`);
  t.same(log.at(-1)!.deployments, ['d2:PRIMARY:COMPLETED']);
  t.equal(log.at(-1)!.blue, 0);
  t.equal(sim.state.alternateLive, true, 'the alternate groups serve production now');
  t.equal(sim.state.shift, undefined);
});

t.test('CANARY: 10% holds for its bake time, then 100%', async (t) => {
  const cfg: DeploymentConfiguration = { strategy: 'CANARY', bakeTimeInMinutes: 0, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 4 } };
  const base = { deploymentConfiguration: cfg, shifting: shiftPlan(cfg, 1) };
  const log = run(deployed(base), base, 14);
  const tenths = log.filter((l) => l.percent === 10);
  t.equal(tenths.length, 4, 'the canary step lasts its 4 s');
  t.ok(log.findIndex((l) => l.percent === 100) > log.findIndex((l) => l.percent === 10), 'then the rest');
  t.same(log.at(-1)!.deployments, ['d2:PRIMARY:COMPLETED']);
});

t.test('LINEAR: a step more every stepBakeTimeInMinutes, none after 100', async (t) => {
  const cfg: DeploymentConfiguration = { strategy: 'LINEAR', bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 40, stepBakeTimeInMinutes: 3 } };
  const base = { deploymentConfiguration: cfg, shifting: shiftPlan(cfg, 1) };
  const log = run(deployed(base), base, 16);
  const curve = log.map((l) => l.percent);
  t.same(curve.filter((p, i, a) => p !== a[i - 1]), [0, 40, 80, 100, 0], 'production 40%, 80%, 100%, then the pair swaps');
  t.equal(curve.filter((p) => p === 40).length, 3, 'each step holds its 3 s');
  t.equal(curve.filter((p) => p === 80).length, 3);
  t.same(log.at(-1)!.deployments, ['d2:PRIMARY:COMPLETED']);
});

t.test('a rollback during the shift: blue is PRIMARY again with its tasks, production back at once, green stops', async (t) => {
  const cfg: DeploymentConfiguration = { strategy: 'CANARY', bakeTimeInMinutes: 0, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 10 },
    alarms: { enable: true, rollback: true, alarmNames: ['errors'] } };
  const base = { deploymentConfiguration: cfg, shifting: shiftPlan(cfg, 1) };
  const sim = deployed(base);
  const before = run(sim, base, 6);
  t.equal(before.at(-1)!.percent, 10, 'the canary takes its share');
  const blueTasks = sim.tasks.filter((x) => x.task.startedBy === 'd1' && x.task.desiredStatus === 'RUNNING').map((x) => x.task.taskArn);
  const after = run(sim, { ...base, alarmsInAlarm: ['errors'] }, 1).concat(run(sim, base, 4));
  t.equal(after[0]!.percent, 0, 'production back to blue in the decision that rolled back');
  t.same(after[0]!.deployments, ['d1:PRIMARY:IN_PROGRESS', 'd2:ACTIVE:FAILED'], 'blue is PRIMARY again');
  t.same(sim.tasks.filter((x) => x.task.startedBy === 'd1' && x.task.desiredStatus === 'RUNNING').map((x) => x.task.taskArn), blueTasks, 'the same blue tasks, none started');
  t.same(after.at(-1)!.deployments, ['d1:PRIMARY:COMPLETED']);
  t.equal(after.at(-1)!.green, 0, 'green stopped');
  t.notOk(sim.state.alternateLive, 'the pair did not swap');
});

t.test('a PAUSE hook past its timeout with ROLLBACK: blue is PRIMARY again, production never moved', async (t) => {
  const cfg: DeploymentConfiguration = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0,
    lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 4 } }] };
  const base = { deploymentConfiguration: cfg, shifting: shiftPlan(cfg, 1) };
  const log = run(deployed(base), base, 12);
  t.ok(log.some((l) => l.stage === 'POST_TEST_TRAFFIC_SHIFT'), 'held after the test traffic shift');
  t.ok(log.every((l) => l.percent === 0), 'production never moved');
  t.same(log.at(-1)!.deployments, ['d1:PRIMARY:COMPLETED']);
  t.same(log.find((l) => l.deployments[0] === 'd1:PRIMARY:IN_PROGRESS')?.deployments, ['d1:PRIMARY:IN_PROGRESS', 'd2:ACTIVE:FAILED'], 'the green deployment FAILED');
});
