// ECS's traffic-shifting deployment strategies (BLUE_GREEN, CANARY, LINEAR) as a pure decision: which
// lifecycle stage a deployment is at, the share of production traffic its new (green) revision gets, where
// the test listener rule sends its traffic, and whether the old (blue) revision's tasks may stop yet. The
// green revision's tasks register in the target group of each pair (targetGroupArn and
// advancedConfiguration.alternateTargetGroupArn) that production does not use; production moves to it
// through the production listener rule's weighted forward, by the strategy's steps; the deployment bakes
// with both revisions kept; then the blue tasks stop and the pair's roles swap. Rolling back at any stage
// sends production traffic back to blue at once. Clocks and durations come in as inputs.
import type {
  Deployment, DeploymentConfiguration, DeploymentLifecycleHookAction, DeploymentLifecycleHookDetail, DeploymentLifecycleHookStage, DeploymentStrategy,
  LoadBalancer, ServiceDeploymentLifecycleStage,
} from '../model/types.js';
import { invalid } from '../errors.js';

/** ECS's defaults (the model's documentation). */
export const DEFAULT_CANARY_PERCENT = 5;
export const DEFAULT_CANARY_BAKE_MINUTES = 10;
export const DEFAULT_LINEAR_STEP_PERCENT = 10;
export const DEFAULT_LINEAR_STEP_BAKE_MINUTES = 6;

export const isShiftingStrategy = (s: DeploymentStrategy | undefined): s is 'BLUE_GREEN' | 'CANARY' | 'LINEAR' =>
  s === 'BLUE_GREEN' || s === 'CANARY' || s === 'LINEAR';

/** One step of production traffic: the green revision's share, held this long before the next step. */
export interface ShiftStep {
  percent: number;
  holdSeconds: number;
}

/**
 * A lifecycle hook at one stage: PAUSE waits for ContinueServiceDeployment; AWS_LAMBDA (in Berth, a hook
 * registered with `berth create hook`, named by hookTargetArn) is invoked by the leader's hook runner until
 * it answers SUCCEEDED or FAILED. Either holds the deployment at the end of its stage.
 */
export interface StageHook {
  stage: DeploymentLifecycleHookStage;
  /** Its place in lifecycleHooks: hook ids are made of it, the stage and the production step. */
  index: number;
  timeoutSeconds: number;
  timeoutAction: DeploymentLifecycleHookAction;
  /** Absent: PAUSE. */
  targetType?: 'AWS_LAMBDA';
  /** AWS_LAMBDA: the hook invoked (hookTargetArn). */
  targetArn?: string;
}
/** The name it had when PAUSE was the only kind. */
export type PauseHook = StageHook;

/** What a traffic-shifting deployment follows: its production steps, its bake time (seconds), its lifecycle hooks. */
export interface ShiftPlan {
  steps: ShiftStep[];
  bakeSeconds: number;
  hooks?: StageHook[];
}

/** The stages a lifecycle hook may hold in Berth: all the model lists. */
export const PAUSE_STAGES: readonly DeploymentLifecycleHookStage[] = [
  'RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT',
];
/** ECS's defaults: a hook waits 24 hours, then rolls back. */
export const DEFAULT_HOOK_TIMEOUT_MINUTES = 1440;
/** ECS's default wait before asking a hook that answered IN_PROGRESS again (callBackDelay), seconds. */
export const DEFAULT_CALLBACK_DELAY_SECONDS = 30;

/**
 * The production steps of a strategy, minutes scaled by `minuteSeconds`: BLUE_GREEN all at once; CANARY
 * canaryPercent, then the rest after canaryBakeTimeInMinutes; LINEAR stepPercent more every
 * stepBakeTimeInMinutes (none after reaching 100).
 */
export function shiftPlan(c: DeploymentConfiguration, minuteSeconds: number): ShiftPlan {
  const hooks: StageHook[] = (c.lifecycleHooks ?? []).flatMap((h, index) => (h.lifecycleStages ?? []).map((stage) => ({
    stage, index, timeoutSeconds: (h.timeoutConfiguration?.timeoutInMinutes ?? DEFAULT_HOOK_TIMEOUT_MINUTES) * minuteSeconds, timeoutAction: h.timeoutConfiguration?.action ?? 'ROLLBACK',
    ...((h.targetType ?? 'AWS_LAMBDA') === 'AWS_LAMBDA' ? { targetType: 'AWS_LAMBDA' as const, ...(h.hookTargetArn ? { targetArn: h.hookTargetArn } : {}) } : {}),
  })));
  const bakeSeconds = (c.bakeTimeInMinutes ?? 0) * minuteSeconds;
  const withHooks = (p: ShiftPlan): ShiftPlan => (hooks.length > 0 ? { ...p, hooks } : p);
  if (c.strategy === 'CANARY') {
    const p = c.canaryConfiguration?.canaryPercent ?? DEFAULT_CANARY_PERCENT;
    const hold = (c.canaryConfiguration?.canaryBakeTimeInMinutes ?? DEFAULT_CANARY_BAKE_MINUTES) * minuteSeconds;
    return withHooks({ steps: p >= 100 ? [{ percent: 100, holdSeconds: 0 }] : [{ percent: p, holdSeconds: hold }, { percent: 100, holdSeconds: 0 }], bakeSeconds });
  }
  if (c.strategy === 'LINEAR') {
    const p = c.linearConfiguration?.stepPercent ?? DEFAULT_LINEAR_STEP_PERCENT;
    const hold = (c.linearConfiguration?.stepBakeTimeInMinutes ?? DEFAULT_LINEAR_STEP_BAKE_MINUTES) * minuteSeconds;
    const steps: ShiftStep[] = [];
    // Tenths of a percent, so that 3 × 33.3 does not drift from what the model's multiples of 0.1 say.
    for (let t = Math.round(p * 10); t < 1000; t += Math.round(p * 10)) steps.push({ percent: t / 10, holdSeconds: hold });
    steps.push({ percent: 100, holdSeconds: 0 });
    return withHooks({ steps, bakeSeconds });
  }
  return withHooks({ steps: [{ percent: 100, holdSeconds: 0 }], bakeSeconds });
}

/** ECS's checks of a traffic-shifting strategy's members (the model's ranges), given the service's load balancers. */
export function checkShiftingConfiguration(c: DeploymentConfiguration, lbs: readonly LoadBalancer[]): void {
  const f = 'deploymentConfiguration';
  const tenth = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6;
  const cp = c.canaryConfiguration?.canaryPercent;
  if (cp !== undefined && (cp < 0.1 || cp > 100 || !tenth(cp))) throw invalid(`${f}.canaryConfiguration.canaryPercent`, `canaryPercent must be a multiple of 0.1 from 0.1 to 100.0 (${cp} given).`);
  const sp = c.linearConfiguration?.stepPercent;
  if (sp !== undefined && (sp < 3 || sp > 100 || !tenth(sp))) throw invalid(`${f}.linearConfiguration.stepPercent`, `stepPercent must be a multiple of 0.1 from 3.0 to 100.0 (${sp} given).`);
  for (const [m, v] of [['canaryConfiguration.canaryBakeTimeInMinutes', c.canaryConfiguration?.canaryBakeTimeInMinutes], ['linearConfiguration.stepBakeTimeInMinutes', c.linearConfiguration?.stepBakeTimeInMinutes], ['bakeTimeInMinutes', c.bakeTimeInMinutes]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 1440)) throw invalid(`${f}.${m}`, `${m.split('.').pop()} must be 0 to 1440 minutes (${v} given).`);
  }
  for (const [i, h] of (c.lifecycleHooks ?? []).entries()) {
    const hf = `${f}.lifecycleHooks[${i}]`;
    if (!isShiftingStrategy(c.strategy)) throw invalid(hf, 'Lifecycle hooks run with the BLUE_GREEN, LINEAR and CANARY deployment strategies only.');
    if ((h.targetType ?? 'AWS_LAMBDA') === 'AWS_LAMBDA' && !h.hookTargetArn) throw invalid(`${hf}.hookTargetArn`, 'An AWS_LAMBDA lifecycle hook needs a hookTargetArn.');
    if (h.targetType === 'PAUSE' && h.hookTargetArn) throw invalid(`${hf}.hookTargetArn`, 'A PAUSE lifecycle hook has no hookTargetArn.');
    if ((h.lifecycleStages ?? []).length === 0) throw invalid(`${hf}.lifecycleStages`, 'A lifecycle hook needs at least one lifecycle stage.');
    for (const [j, st] of (h.lifecycleStages ?? []).entries()) {
      if (!PAUSE_STAGES.includes(st)) throw invalid(`${hf}.lifecycleStages[${j}]`, `${String(st)} is not a lifecycle stage a hook can hold (${PAUSE_STAGES.join(', ')}).`);
    }
  }
  if (!isShiftingStrategy(c.strategy)) return;
  if (c.bakeTimeInMinutes === undefined) throw invalid(`${f}.bakeTimeInMinutes`, `The ${c.strategy} deployment strategy needs a bakeTimeInMinutes.`);
  const advanced = lbs.filter((l) => l.advancedConfiguration !== undefined);
  if (advanced.length === 0) {
    throw invalid('loadBalancers', `The ${c.strategy} deployment strategy needs a load balancer with an advancedConfiguration (alternateTargetGroupArn, productionListenerRule).`);
  }
  for (const [i, l] of lbs.entries()) {
    const a = l.advancedConfiguration;
    if (a === undefined) continue;
    if (!a.alternateTargetGroupArn) throw invalid(`loadBalancers[${i}].advancedConfiguration.alternateTargetGroupArn`, 'The alternate target group ARN can not be blank.');
    if (a.alternateTargetGroupArn === l.targetGroupArn) throw invalid(`loadBalancers[${i}].advancedConfiguration.alternateTargetGroupArn`, 'The alternate target group must differ from targetGroupArn.');
    if (!a.productionListenerRule) throw invalid(`loadBalancers[${i}].advancedConfiguration.productionListenerRule`, 'The production listener rule ARN can not be blank.');
  }
}

/** An invoked (AWS_LAMBDA) hook still IN_PROGRESS: when the hook runner asks it (again), and what it passes on. */
export interface HookInvocation {
  hookId: string;
  /** Epoch seconds: the first call at once, the next after the answer's callBackDelay. */
  at: number;
  /** Calls made so far (the hook input's executionId carries the hook id; this only counts). */
  calls: number;
  /** hookDetails an IN_PROGRESS answer returned, passed to the next call in place of the service's. */
  hookDetails?: unknown;
}

/** Where a traffic-shifting deployment stands, kept in the service record between decisions. */
export interface ShiftState {
  /** The deployment (ecs-svc/...) whose tasks are green. */
  deploymentId: string;
  stage: ServiceDeploymentLifecycleStage;
  /** When the stage (or the production step) started, epoch seconds. */
  since: number;
  /** The production step reached (index into the plan's steps), while PRODUCTION_TRAFFIC_SHIFT or later. */
  step: number;
  /**
   * PRODUCTION_TRAFFIC_SHIFT only: the step's weights are not applied yet, its PRE_PRODUCTION_TRAFFIC_SHIFT
   * hooks hold it (production stays at the previous step's share).
   */
  before?: boolean;
  /** The lifecycle hooks reached so far, as DescribeServiceDeployments shows them (lifecycleHookDetails). */
  hooks?: DeploymentLifecycleHookDetail[];
  /** The invoked hooks awaiting an answer (the hook runner's due list). */
  invocations?: HookInvocation[];
}

/** The stages in order, as a traffic-shifting deployment passes them (ECS's ServiceDeploymentLifecycleStage). */
export const SHIFT_STAGES: readonly ServiceDeploymentLifecycleStage[] = [
  'RECONCILE_SERVICE', 'PRE_SCALE_UP', 'SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP',
];
const reached = (s: ShiftState | undefined, stage: ServiceDeploymentLifecycleStage) => s !== undefined && SHIFT_STAGES.indexOf(s.stage) >= SHIFT_STAGES.indexOf(stage);

export interface ShiftInput {
  plan: ShiftPlan;
  /** The current shift, if any (a shift of another deployment than `deploymentId` is over: superseded). */
  state: ShiftState | undefined;
  /** The deployment to shift to (the PRIMARY one). */
  deploymentId: string;
  /** Its tasks are all running and healthy in the green target groups. */
  greenReady: boolean;
  /**
   * More than one service revision besides the new one is active (an earlier deployment was still under
   * way when this one started): ECS's RECONCILE_SERVICE stage runs first. Read when the shift starts.
   */
  reconcile?: boolean;
  now: number;
}

export interface ShiftDecision {
  state: ShiftState;
  /** When time alone moves the deployment on (a step's hold, the bake or a hook's timeout ending), epoch seconds. */
  wakeAt?: number;
}

/** A hook still holds its stage: awaiting ContinueServiceDeployment (PAUSE) or the invoked hook's answer. */
const pending = (h: DeploymentLifecycleHookDetail) => h.status === 'AWAITING_ACTION' || h.status === 'IN_PROGRESS';

/** The shift after this decision: stages move on while their condition holds (several in one decision). */
export function advanceShift(input: ShiftInput): ShiftDecision {
  const { plan, now } = input;
  let s: ShiftState = input.state?.deploymentId === input.deploymentId
    ? { ...input.state }
    : { deploymentId: input.deploymentId, stage: input.reconcile ? 'RECONCILE_SERVICE' : 'PRE_SCALE_UP', since: now, step: 0 };
  const to = (stage: ServiceDeploymentLifecycleStage, at: number, step = s.step) => {
    s = { ...s, stage, since: at, step };
    delete s.before;
  };
  // A stage's hooks hold it until each SUCCEEDED (continued, or answered so) or timed out with CONTINUE.
  const held = (stage: DeploymentLifecycleHookStage): ShiftDecision | undefined => {
    let wakeAt: number | undefined;
    for (const h of plan.hooks?.filter((x) => x.stage === stage) ?? []) {
      const hookId = pauseHookId(h, s.step);
      let d = s.hooks?.find((x) => x.hookId === hookId);
      if (!d) {
        d = h.targetType === 'AWS_LAMBDA'
          ? { hookId, targetType: 'AWS_LAMBDA', ...(h.targetArn ? { targetArn: h.targetArn } : {}), status: 'IN_PROGRESS', expiresAt: now + h.timeoutSeconds, timeoutAction: h.timeoutAction }
          : { hookId, targetType: 'PAUSE', status: 'AWAITING_ACTION', expiresAt: now + h.timeoutSeconds, timeoutAction: h.timeoutAction };
        s = { ...s, hooks: [...(s.hooks ?? []), d] };
        if (h.targetType === 'AWS_LAMBDA') s.invocations = [...(s.invocations ?? []), { hookId, at: now, calls: 0 }];
      }
      if (pending(d)) wakeAt = Math.min(wakeAt ?? Infinity, d.expiresAt!);
      // FAILED rolls back in the write that records it; until a decision sees the rollback, nothing moves on.
      else if (d.status === 'FAILED') return { state: s };
    }
    return wakeAt === undefined ? undefined : { state: s, wakeAt };
  };
  // The next stage starts when this one ended, or, when a hook held it, when the hook let it go.
  const after = (stage: DeploymentLifecycleHookStage, end: number) => (plan.hooks?.some((h) => h.stage === stage) ? now : end);
  // A production step: its PRE_PRODUCTION_TRAFFIC_SHIFT hooks first, with the weights of the step before.
  const toStep = (step: number, at: number) => {
    to('PRODUCTION_TRAFFIC_SHIFT', at, step);
    if (plan.hooks?.some((h) => h.stage === 'PRE_PRODUCTION_TRAFFIC_SHIFT')) s.before = true;
  };
  for (;;) {
    let wait: ShiftDecision | undefined;
    switch (s.stage) {
      case 'RECONCILE_SERVICE':
        if ((wait = held('RECONCILE_SERVICE'))) return wait;
        to('PRE_SCALE_UP', now);
        continue;
      case 'PRE_SCALE_UP':
        if ((wait = held('PRE_SCALE_UP'))) return wait;
        to('SCALE_UP', now);
        continue;
      case 'SCALE_UP':
        if (!input.greenReady) return { state: s };
        if ((wait = held('POST_SCALE_UP'))) return wait;
        to('TEST_TRAFFIC_SHIFT', now);
        continue;
      case 'TEST_TRAFFIC_SHIFT':
        if ((wait = held('TEST_TRAFFIC_SHIFT'))) return wait;
        to('POST_TEST_TRAFFIC_SHIFT', after('TEST_TRAFFIC_SHIFT', s.since));
        continue;
      case 'POST_TEST_TRAFFIC_SHIFT':
        if ((wait = held('POST_TEST_TRAFFIC_SHIFT'))) return wait;
        toStep(0, after('POST_TEST_TRAFFIC_SHIFT', s.since));
        continue;
      case 'PRODUCTION_TRAFFIC_SHIFT': {
        if (s.before) {
          if ((wait = held('PRE_PRODUCTION_TRAFFIC_SHIFT'))) return wait;
          s = { ...s, since: now };
          delete s.before;
        }
        const step = plan.steps[s.step]!;
        const end = s.since + step.holdSeconds;
        if (now < end) return { state: s, wakeAt: end };
        if ((wait = held('PRODUCTION_TRAFFIC_SHIFT'))) return wait;
        if (s.step < plan.steps.length - 1) {
          toStep(s.step + 1, after('PRODUCTION_TRAFFIC_SHIFT', end));
          continue;
        }
        to('POST_PRODUCTION_TRAFFIC_SHIFT', after('PRODUCTION_TRAFFIC_SHIFT', s.since));
        continue;
      }
      case 'POST_PRODUCTION_TRAFFIC_SHIFT':
        if ((wait = held('POST_PRODUCTION_TRAFFIC_SHIFT'))) return wait;
        to('BAKE_TIME', after('POST_PRODUCTION_TRAFFIC_SHIFT', s.since));
        continue;
      case 'BAKE_TIME': {
        const end = s.since + plan.bakeSeconds;
        if (now < end) return { state: s, wakeAt: end };
        to('CLEAN_UP', end);
        continue;
      }
      default:
        return { state: s };
    }
  }
}

/** Whether the green revision's tasks may start yet (not while RECONCILE_SERVICE or PRE_SCALE_UP holds the shift). */
export const greenMayStart = (s: ShiftState | undefined) => s === undefined || reached(s, 'SCALE_UP');

/** The green revision's share of production traffic (percent) at this point of the shift; none without one. */
export function productionPercent(plan: ShiftPlan, s: ShiftState | undefined): number {
  if (s === undefined || !reached(s, 'PRODUCTION_TRAFFIC_SHIFT')) return 0;
  if (s.stage !== 'PRODUCTION_TRAFFIC_SHIFT') return 100;
  // Held before the step by a PRE_PRODUCTION_TRAFFIC_SHIFT hook: the step before's share.
  if (s.before) return s.step === 0 ? 0 : plan.steps[s.step - 1]!.percent;
  return plan.steps[s.step]!.percent;
}

/** Whether the test listener rule sends its traffic to the green revision. */
export const testToGreen = (s: ShiftState | undefined) => reached(s, 'TEST_TRAFFIC_SHIFT');
/** Whether the blue revision's tasks may stop (the deployment is cleaning up). */
export const blueReleased = (s: ShiftState | undefined) => s?.stage === 'CLEAN_UP';

/**
 * A pair's weights in a weighted forward for a green share in percent (multiples of 0.1): tenths of a
 * percent, within ELB's 0..999 (all of the traffic to one group is weight 1 there and 0 to the other).
 */
export function pairWeights(greenPercent: number): { blue: number; green: number } {
  const green = Math.round(greenPercent * 10);
  if (green >= 1000) return { blue: 0, green: 1 };
  if (green <= 0) return { blue: 1, green: 0 };
  return { blue: 1000 - green, green };
}

/** A service's load balancer as one task of it registers: in the pair's live group, or in the other (green). */
export function registeredLoadBalancer(lb: LoadBalancer, alternateLive: boolean, green: boolean): LoadBalancer {
  const alt = lb.advancedConfiguration?.alternateTargetGroupArn;
  if (!alt) return lb;
  const live = alternateLive ? alt : lb.targetGroupArn!;
  const other = alternateLive ? lb.targetGroupArn! : alt;
  return { ...lb, targetGroupArn: green ? other : live };
}

/** Every target group a service's load balancers use, the alternate ones included. */
export const serviceTargetGroups = (lbs: readonly LoadBalancer[]) =>
  [...new Set(lbs.flatMap((l) => [l.targetGroupArn!, ...(l.advancedConfiguration?.alternateTargetGroupArn ? [l.advancedConfiguration.alternateTargetGroupArn] : [])]))];

/** A listener rule's weighted forward, as the shift wants it. */
export interface RuleForward {
  ruleArn: string;
  groups: { targetGroupArn: string; weight: number }[];
}

/**
 * What each pair's listener rules forward to now: the production rule splits between the live (blue)
 * and the other (green) group by the shift's production share; the test rule sends all of its traffic to
 * green once the test traffic has shifted, else to the live group. Without a shift, all to the live group.
 */
export function ruleForwards(lbs: readonly LoadBalancer[], alternateLive: boolean, plan: ShiftPlan | undefined, s: ShiftState | undefined): RuleForward[] {
  const out: RuleForward[] = [];
  const w = pairWeights(plan ? productionPercent(plan, s) : 0);
  const test = testToGreen(s);
  for (const lb of lbs) {
    const a = lb.advancedConfiguration;
    if (!a?.alternateTargetGroupArn) continue;
    // The pair in its own order (targetGroupArn, then the alternate), whichever is live: a swap of roles alone rewrites nothing.
    const pair = (live: number, green: number) => (alternateLive ? [green, live] : [live, green]);
    const forward = (ruleArn: string, [first, second]: number[]) =>
      out.push({ ruleArn, groups: [{ targetGroupArn: lb.targetGroupArn!, weight: first! }, { targetGroupArn: a.alternateTargetGroupArn!, weight: second! }] });
    if (a.productionListenerRule) forward(a.productionListenerRule, pair(w.blue, w.green));
    if (a.testListenerRule) forward(a.testListenerRule, test ? pair(0, 1) : pair(1, 0));
  }
  return out;
}

/**
 * A traffic-shifting rollback: the blue deployment `blueId` (still listed, its tasks kept) is PRIMARY again,
 * IN_PROGRESS until the green tasks are gone; the deployment it replaces is ACTIVE. Undefined when the blue
 * deployment is no longer listed (then a rollback starts a new deployment, as a rolling one does).
 */
export function reinstateDeployment(deployments: readonly Deployment[], blueId: string, desiredCount: number, now: number, reason: string): Deployment[] | undefined {
  const blue = deployments.find((d) => d.id === blueId);
  if (!blue || blue.status === 'PRIMARY') return undefined;
  const back: Deployment = { ...blue, status: 'PRIMARY', rolloutState: 'IN_PROGRESS', rolloutStateReason: reason, desiredCount, updatedAt: now };
  return [back, ...deployments.filter((d) => d !== blue).map((d) => (d.status === 'PRIMARY' ? { ...d, status: 'ACTIVE', updatedAt: now } : d))];
}

/** A lifecycle hook's id: its place in lifecycleHooks, its stage, and (production) the step it holds. */
export const pauseHookId = (h: Pick<StageHook, 'index' | 'stage'>, step: number) => `${h.index}-${h.stage}${h.stage === 'PRODUCTION_TRAFFIC_SHIFT' || h.stage === 'PRE_PRODUCTION_TRAFFIC_SHIFT' ? `-${step}` : ''}`;

/** The invocations of `s` without those whose hook no longer waits for an answer. */
const live = (s: ShiftState): ShiftState => {
  const inv = s.invocations?.filter((i) => s.hooks?.some((h) => h.hookId === i.hookId && h.status === 'IN_PROGRESS'));
  const out = { ...s };
  if (inv?.length) out.invocations = inv;
  else delete out.invocations;
  return out;
};

/**
 * The hooks as time leaves them: one awaiting action (PAUSE) or an answer (invoked) past its expiry is
 * TIMED_OUT (its timeout action then decides: CONTINUE passes, ROLLBACK rolls the deployment back).
 * Answers the state and whether to roll back.
 */
export function expireHooks(s: ShiftState | undefined, now: number): { state: ShiftState | undefined; rollback: boolean } {
  if (!s?.hooks?.some((h) => pending(h) && (h.expiresAt ?? Infinity) <= now)) return { state: s, rollback: false };
  let rollback = false;
  const hooks = s.hooks.map((h) => {
    if (!pending(h) || (h.expiresAt ?? Infinity) > now) return h;
    rollback ||= h.timeoutAction === 'ROLLBACK';
    return { ...h, status: 'TIMED_OUT' as const };
  });
  return { state: live({ ...s, hooks }), rollback };
}

/** ContinueServiceDeployment's answer to a PAUSE hook: SUCCEEDED (CONTINUE) or FAILED (ROLLBACK); undefined: no such hook awaiting. */
export function answerHook(s: ShiftState | undefined, hookId: string, action: DeploymentLifecycleHookAction): ShiftState | undefined {
  const h = s?.hooks?.find((x) => x.hookId === hookId);
  if (!s || !h || h.status !== 'AWAITING_ACTION') return undefined;
  return { ...s, hooks: s.hooks!.map((x) => (x === h ? { ...x, status: action === 'ROLLBACK' ? 'FAILED' : 'SUCCEEDED' } : x)) };
}

/** An invoked hook's answer, as ECS reads a Lambda function's (anything else than these is a failure). */
export interface HookAnswer {
  hookStatus: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';
  /** IN_PROGRESS: ask again after this many seconds (default 30). */
  callBackDelay?: number;
  /** IN_PROGRESS: passed to the next call. */
  hookDetails?: unknown;
}

/**
 * Reads what an invoked hook answered (the body of its response, or a task's exit): ECS's `hookStatus`,
 * `callBackDelay` and `hookDetails`; anything else is FAILED with why, as ECS rolls back a function that
 * does not return a valid hookStatus.
 */
export function readHookAnswer(body: string): HookAnswer & { reason?: string } {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return { hookStatus: 'FAILED', reason: 'the hook did not answer JSON' };
  }
  const o = (v ?? {}) as Record<string, unknown>;
  const status = o.hookStatus;
  if (status !== 'SUCCEEDED' && status !== 'FAILED' && status !== 'IN_PROGRESS') return { hookStatus: 'FAILED', reason: `the hook answered no valid hookStatus (${JSON.stringify(status ?? null)})` };
  const delay = o.callBackDelay;
  if (delay !== undefined && (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0)) return { hookStatus: 'FAILED', reason: `the hook answered a callBackDelay that is not a number of seconds (${JSON.stringify(delay)})` };
  return { hookStatus: status, ...(delay !== undefined ? { callBackDelay: delay } : {}), ...(o.hookDetails !== undefined ? { hookDetails: o.hookDetails } : {}) };
}

/**
 * An invoked hook's answer applied: SUCCEEDED or FAILED settle it (FAILED then rolls back, as
 * ContinueServiceDeployment's ROLLBACK does); IN_PROGRESS asks again after callBackDelay (scaled as the
 * caller says: `delayScale` seconds per second, 1 unless tests shorten it). Undefined: no such hook waits.
 */
export function answerInvokedHook(s: ShiftState | undefined, hookId: string, answer: HookAnswer, now: number, delayScale = 1): ShiftState | undefined {
  const h = s?.hooks?.find((x) => x.hookId === hookId);
  const inv = s?.invocations?.find((x) => x.hookId === hookId);
  if (!s || !h || !inv || h.status !== 'IN_PROGRESS') return undefined;
  if (answer.hookStatus === 'IN_PROGRESS') {
    const next: HookInvocation = { hookId, at: now + (answer.callBackDelay ?? DEFAULT_CALLBACK_DELAY_SECONDS) * delayScale, calls: inv.calls + 1, ...(answer.hookDetails !== undefined ? { hookDetails: answer.hookDetails } : inv.hookDetails !== undefined ? { hookDetails: inv.hookDetails } : {}) };
    return { ...s, invocations: s.invocations!.map((x) => (x === inv ? next : x)) };
  }
  return live({ ...s, hooks: s.hooks!.map((x) => (x === h ? { ...x, status: answer.hookStatus } : x)) });
}

/** When the hook runner should next call one of the shift's invoked hooks (epoch seconds), or undefined. */
export function nextInvocationAt(s: ShiftState | undefined): number | undefined {
  let at: number | undefined;
  for (const i of s?.invocations ?? []) if (s!.hooks?.some((h) => h.hookId === i.hookId && h.status === 'IN_PROGRESS')) at = Math.min(at ?? Infinity, i.at);
  return at;
}
