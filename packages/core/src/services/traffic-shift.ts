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
import { BerthError, invalid, unsupportedSentence } from '../errors.js';

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

/** A PAUSE lifecycle hook: the deployment waits at the end of its stage for ContinueServiceDeployment. */
export interface PauseHook {
  stage: DeploymentLifecycleHookStage;
  /** Its place in lifecycleHooks: hook ids are made of it, the stage and the production step. */
  index: number;
  timeoutSeconds: number;
  timeoutAction: DeploymentLifecycleHookAction;
}

/** What a traffic-shifting deployment follows: its production steps, its bake time (seconds), its PAUSE hooks. */
export interface ShiftPlan {
  steps: ShiftStep[];
  bakeSeconds: number;
  hooks?: PauseHook[];
}

/** The stages a PAUSE hook may hold in Berth (PRE_SCALE_UP, RECONCILE_SERVICE, PRE_PRODUCTION_TRAFFIC_SHIFT: not yet). */
export const PAUSE_STAGES: readonly DeploymentLifecycleHookStage[] = ['POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'];
/** ECS's defaults: a hook waits 24 hours, then rolls back. */
export const DEFAULT_HOOK_TIMEOUT_MINUTES = 1440;

/**
 * The production steps of a strategy, minutes scaled by `minuteSeconds`: BLUE_GREEN all at once; CANARY
 * canaryPercent, then the rest after canaryBakeTimeInMinutes; LINEAR stepPercent more every
 * stepBakeTimeInMinutes (none after reaching 100).
 */
export function shiftPlan(c: DeploymentConfiguration, minuteSeconds: number): ShiftPlan {
  const hooks: PauseHook[] = (c.lifecycleHooks ?? []).flatMap((h, index) => h.targetType !== 'PAUSE' ? [] : (h.lifecycleStages ?? []).map((stage) => ({
    stage, index, timeoutSeconds: (h.timeoutConfiguration?.timeoutInMinutes ?? DEFAULT_HOOK_TIMEOUT_MINUTES) * minuteSeconds, timeoutAction: h.timeoutConfiguration?.action ?? 'ROLLBACK',
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
    if ((h.targetType ?? 'AWS_LAMBDA') !== 'PAUSE') {
      throw new BerthError('UnsupportedFeatureException', unsupportedSentence('The request', `${hf}.targetType`, 'only PAUSE lifecycle hooks are built (AWS_LAMBDA and hook tasks are not yet).'), `${hf}.targetType`);
    }
    if ((h.lifecycleStages ?? []).length === 0) throw invalid(`${hf}.lifecycleStages`, 'A lifecycle hook needs at least one lifecycle stage.');
    for (const [j, st] of (h.lifecycleStages ?? []).entries()) {
      if (!PAUSE_STAGES.includes(st)) {
        throw new BerthError('UnsupportedFeatureException', unsupportedSentence('The request', `${hf}.lifecycleStages[${j}]`, `a hook at ${st} is not built yet (${PAUSE_STAGES.join(', ')} are).`), `${hf}.lifecycleStages[${j}]`);
      }
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

/** Where a traffic-shifting deployment stands, kept in the service record between decisions. */
export interface ShiftState {
  /** The deployment (ecs-svc/...) whose tasks are green. */
  deploymentId: string;
  stage: ServiceDeploymentLifecycleStage;
  /** When the stage (or the production step) started, epoch seconds. */
  since: number;
  /** The production step reached (index into the plan's steps), while PRODUCTION_TRAFFIC_SHIFT or later. */
  step: number;
  /** The PAUSE hooks reached so far, as DescribeServiceDeployments shows them (lifecycleHookDetails). */
  hooks?: DeploymentLifecycleHookDetail[];
}

/** The stages in order, as a traffic-shifting deployment passes them (ECS's ServiceDeploymentLifecycleStage). */
export const SHIFT_STAGES: readonly ServiceDeploymentLifecycleStage[] = [
  'SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP',
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
  now: number;
}

export interface ShiftDecision {
  state: ShiftState;
  /** When time alone moves the deployment on (a step's hold or the bake ending), epoch seconds. */
  wakeAt?: number;
}

/** The shift after this decision: stages move on while their condition holds (several in one decision). */
export function advanceShift(input: ShiftInput): ShiftDecision {
  const { plan, now } = input;
  let s: ShiftState = input.state?.deploymentId === input.deploymentId ? { ...input.state } : { deploymentId: input.deploymentId, stage: 'SCALE_UP', since: now, step: 0 };
  const to = (stage: ServiceDeploymentLifecycleStage, at: number, step = s.step) => { s = { ...s, stage, since: at, step }; };
  // A stage's PAUSE hooks hold it until each is continued (SUCCEEDED) or times out with CONTINUE.
  const held = (stage: DeploymentLifecycleHookStage): ShiftDecision | undefined => {
    let wakeAt: number | undefined;
    for (const h of plan.hooks?.filter((x) => x.stage === stage) ?? []) {
      const hookId = pauseHookId(h, s.step);
      let d = s.hooks?.find((x) => x.hookId === hookId);
      if (!d) {
        d = { hookId, targetType: 'PAUSE', status: 'AWAITING_ACTION', expiresAt: now + h.timeoutSeconds, timeoutAction: h.timeoutAction };
        s = { ...s, hooks: [...(s.hooks ?? []), d] };
      }
      if (d.status === 'AWAITING_ACTION') wakeAt = Math.min(wakeAt ?? Infinity, d.expiresAt!);
    }
    return wakeAt === undefined ? undefined : { state: s, wakeAt };
  };
  // The next stage starts when this one ended, or, when a hook held it, when the hook let it go.
  const after = (stage: DeploymentLifecycleHookStage, end: number) => (plan.hooks?.some((h) => h.stage === stage) ? now : end);
  for (;;) {
    let wait: ShiftDecision | undefined;
    switch (s.stage) {
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
        to('PRODUCTION_TRAFFIC_SHIFT', after('POST_TEST_TRAFFIC_SHIFT', s.since), 0);
        continue;
      case 'PRODUCTION_TRAFFIC_SHIFT': {
        const step = plan.steps[s.step]!;
        const end = s.since + step.holdSeconds;
        if (now < end) return { state: s, wakeAt: end };
        if ((wait = held('PRODUCTION_TRAFFIC_SHIFT'))) return wait;
        if (s.step < plan.steps.length - 1) {
          to('PRODUCTION_TRAFFIC_SHIFT', after('PRODUCTION_TRAFFIC_SHIFT', end), s.step + 1);
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

/** The green revision's share of production traffic (percent) at this point of the shift; none without one. */
export function productionPercent(plan: ShiftPlan, s: ShiftState | undefined): number {
  if (s === undefined || !reached(s, 'PRODUCTION_TRAFFIC_SHIFT')) return 0;
  return s.stage === 'PRODUCTION_TRAFFIC_SHIFT' ? plan.steps[s.step]!.percent : 100;
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

/** A PAUSE hook's id: its place in lifecycleHooks, its stage, and (production) the step it holds. */
export const pauseHookId = (h: Pick<PauseHook, 'index' | 'stage'>, step: number) => `${h.index}-${h.stage}${h.stage === 'PRODUCTION_TRAFFIC_SHIFT' ? `-${step}` : ''}`;

/**
 * The hooks as time leaves them: one AWAITING_ACTION past its expiry is TIMED_OUT (its timeout action then
 * decides: CONTINUE passes, ROLLBACK rolls the deployment back). Answers the state and whether to roll back.
 */
export function expireHooks(s: ShiftState | undefined, now: number): { state: ShiftState | undefined; rollback: boolean } {
  if (!s?.hooks?.some((h) => h.status === 'AWAITING_ACTION' && (h.expiresAt ?? Infinity) <= now)) return { state: s, rollback: false };
  let rollback = false;
  const hooks = s.hooks.map((h) => {
    if (h.status !== 'AWAITING_ACTION' || (h.expiresAt ?? Infinity) > now) return h;
    rollback ||= h.timeoutAction === 'ROLLBACK';
    return { ...h, status: 'TIMED_OUT' as const };
  });
  return { state: { ...s, hooks }, rollback };
}

/** ContinueServiceDeployment's answer to a PAUSE hook: SUCCEEDED (CONTINUE) or FAILED (ROLLBACK); undefined: no such hook awaiting. */
export function answerHook(s: ShiftState | undefined, hookId: string, action: DeploymentLifecycleHookAction): ShiftState | undefined {
  const h = s?.hooks?.find((x) => x.hookId === hookId);
  if (!s || !h || h.status !== 'AWAITING_ACTION') return undefined;
  return { ...s, hooks: s.hooks!.map((x) => (x === h ? { ...x, status: action === 'ROLLBACK' ? 'FAILED' : 'SUCCEEDED' } : x)) };
}
