// Application Auto Scaling's decisions for an ECS service's desired count, as AWS documents them. Pure:
// the scaler controller gives them the target, the policy, what its alarms say and the last activities,
// and writes what they return.
//
// Target tracking: desired = ceil(current × metric ÷ target), scale out when the high alarm fires (3 of 3
// periods above the target) and in only when the low one does (15 of 15 below 90% of it: out fast, in
// slowly, and a metric gap breaks the run, so a gap never scales in). Step scaling: the step whose
// interval holds the breach (metric − threshold) gives the adjustment. Both: never outside min and max,
// never while a deployment is in progress, none while the direction is suspended; a scale-out cooldown
// holds further scale-outs that add no capacity beyond the last one, a scale-in cooldown holds scale-ins
// (and a scale-out ends it).

import { desiredCountTexts } from './scheduled-actions.js';

export type ScaleDirection = 'out' | 'in';

export interface ScalableTargetState {
  current: number;
  min: number;
  max: number;
  suspendedIn: boolean;
  suspendedOut: boolean;
  deploymentInProgress: boolean;
}

export interface Cooldowns {
  /** Seconds after a scale-out (and after a scale-in) during which the policy waits. */
  scaleOut: number;
  scaleIn: number;
  /** The policy's last activity: when, which way, and the desired count it set. */
  last?: { at: number; direction: ScaleDirection; desired: number };
}

export type ScalingDecision =
  | { action: 'none'; why: string }
  | { action: 'set'; desired: number; direction: ScaleDirection; cause: string };

/** The desired count within min and max, and why when it had to be clamped. */
export function clampToBounds(desired: number, min: number, max: number): { desired: number; clamped?: 'min' | 'max' } {
  if (desired > max) return { desired: max, clamped: 'max' };
  if (desired < min) return { desired: min, clamped: 'min' };
  return { desired };
}

/** The gates every policy type passes: suspension, deployments, bounds, cooldowns. */
export function gateScaling(target: ScalableTargetState, proposed: number, cooldowns: Cooldowns, now: number, cause: string): ScalingDecision {
  if (target.deploymentInProgress) return { action: 'none', why: 'a deployment is in progress' };
  const { desired } = clampToBounds(proposed, target.min, target.max);
  if (desired === target.current) return { action: 'none', why: proposed === desired ? 'the desired count is already right' : `the desired count is already at the ${proposed > desired ? 'maximum' : 'minimum'} capacity` };
  const direction: ScaleDirection = desired > target.current ? 'out' : 'in';
  // A clamp never turns a policy around: a scale-in that meets a minimum raised above the current count
  // (a scheduled action or RegisterScalableTarget, which set the count themselves with their own cause)
  // does nothing, and likewise a scale-out that meets a lowered maximum.
  if (proposed !== target.current && (proposed > target.current) !== (direction === 'out')) {
    return { action: 'none', why: direction === 'out' ? 'the minimum capacity is above the current count' : 'the maximum capacity is below the current count' };
  }
  if (direction === 'out' && target.suspendedOut) return { action: 'none', why: 'dynamic scale-out is suspended' };
  if (direction === 'in' && target.suspendedIn) return { action: 'none', why: 'dynamic scale-in is suspended' };
  const last = cooldowns.last;
  if (last) {
    if (direction === 'out' && last.direction === 'out' && now < last.at + cooldowns.scaleOut && desired <= last.desired) {
      return { action: 'none', why: 'the scale-out cooldown is in effect' };
    }
    if (direction === 'in' && now < last.at + (last.direction === 'in' ? cooldowns.scaleIn : cooldowns.scaleOut)) {
      return { action: 'none', why: `the scale-${last.direction} cooldown is in effect` };
    }
  }
  return { action: 'set', desired, direction, cause };
}

export interface TargetTrackingInput {
  target: ScalableTargetState;
  targetValue: number;
  disableScaleIn: boolean;
  /** Which of the policy's alarms is in ALARM (at most one: high and low cannot both be). */
  alarm: 'high' | 'low' | undefined;
  /** The metric's latest value (undefined: a gap, which never scales). */
  metric: number | undefined;
  cooldowns: Cooldowns;
  now: number;
  /** The alarm's name, for the activity's cause. */
  alarmName?: string;
}

export function targetTrackingDecision(i: TargetTrackingInput): ScalingDecision {
  if (i.alarm === undefined) return { action: 'none', why: 'the metric is within the target' };
  if (i.metric === undefined) return { action: 'none', why: 'the metric has no recent datapoint' };
  if (i.alarm === 'low' && i.disableScaleIn) return { action: 'none', why: 'scale-in is disabled for this policy' };
  const proposed = Math.ceil((i.target.current * i.metric) / i.targetValue);
  // The formula can point the other way from the alarm that fired (a metric that just moved): do nothing then.
  if (i.alarm === 'high' && proposed <= i.target.current) return { action: 'none', why: 'the metric no longer calls for more capacity' };
  if (i.alarm === 'low' && proposed >= i.target.current) return { action: 'none', why: 'the metric no longer calls for less capacity' };
  return gateScaling(i.target, proposed, i.cooldowns, i.now, `monitor alarm ${i.alarmName ?? `target tracking ${i.alarm}`} in state ALARM triggered policy`);
}

export type AdjustmentType = 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity';

export interface StepAdjustment {
  MetricIntervalLowerBound?: number;
  MetricIntervalUpperBound?: number;
  ScalingAdjustment: number;
}

/**
 * The step whose interval holds `breach` (metric − threshold). Above the threshold the lower bound is
 * inclusive and the upper exclusive; below it, the other way round (AWS's rule).
 */
export function stepFor(steps: readonly StepAdjustment[], breach: number): StepAdjustment | undefined {
  return steps.find((s) => {
    const lo = s.MetricIntervalLowerBound ?? -Infinity;
    const hi = s.MetricIntervalUpperBound ?? Infinity;
    return breach >= 0 ? breach >= lo && breach < hi : breach > lo && breach <= hi;
  });
}

/** The new capacity an adjustment gives (PercentChangeInCapacity rounds toward zero, but at least ±1, then MinAdjustmentMagnitude). */
export function adjustedCapacity(current: number, type: AdjustmentType, adjustment: number, minAdjustmentMagnitude?: number): number {
  switch (type) {
    case 'ExactCapacity': return adjustment;
    case 'ChangeInCapacity': return current + adjustment;
    case 'PercentChangeInCapacity': {
      const raw = (current * adjustment) / 100;
      let change = raw > 0 && raw < 1 ? 1 : raw < 0 && raw > -1 ? -1 : Math.trunc(raw);
      if (minAdjustmentMagnitude !== undefined && change !== 0 && Math.abs(change) < minAdjustmentMagnitude) change = Math.sign(change) * minAdjustmentMagnitude;
      return current + change;
    }
  }
}

export interface StepScalingInput {
  target: ScalableTargetState;
  adjustmentType: AdjustmentType;
  steps: readonly StepAdjustment[];
  minAdjustmentMagnitude?: number;
  /** The alarm in ALARM that invokes the policy: its threshold and latest value. */
  alarm: { name: string; threshold: number; value: number };
  cooldowns: Cooldowns;
  now: number;
}

export function stepScalingDecision(i: StepScalingInput): ScalingDecision {
  const step = stepFor(i.steps, i.alarm.value - i.alarm.threshold);
  if (!step) return { action: 'none', why: `no step adjustment covers the metric value ${i.alarm.value}` };
  const proposed = adjustedCapacity(i.target.current, i.adjustmentType, step.ScalingAdjustment, i.minAdjustmentMagnitude);
  return gateScaling(i.target, proposed, i.cooldowns, i.now, `monitor alarm ${i.alarm.name} in state ALARM triggered policy`);
}

/** Application Auto Scaling's activity texts (DescribeScalingActivities), for a decision that set a count. */
export function activityTexts(d: Extract<ScalingDecision, { action: 'set' }>, policyName: string): { Description: string; Cause: string; StatusMessage: string } {
  return { ...desiredCountTexts(d.desired), Cause: `${d.cause} ${policyName}` };
}
