// Scale hooks (issue 22 §6): where ECS's capacity provider calls an Auto Scaling group, Berth calls a hook
// the operator created (`berth create scale-hook NAME`) and the provider names by an Auto Scaling group's
// ARN in autoScalingGroupProvider.autoScalingGroupArn. A hook runs the executable NAME in the server's
// --scale-hooks-dir (the API names the hook, never a command line), or POSTs to a URL under
// --hook-url-allow (outbound-url.ts). Both get the same JSON: the desired machine count and the machines
// to remove. The decisions here are pure: names, ARNs, whether a call is due again, and the back-off.

/** A hook's name is a file name in --scale-hooks-dir: no path separators, no leading dot. */
export const SCALE_HOOK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** The ARN of a hook: an Auto Scaling group's, so capacity providers take it unchanged. */
export function scaleHookArn(id: { partition: string; region: string; accountId: string }, uuid: string, name: string): string {
  return `arn:${id.partition}:autoscaling:${id.region}:${id.accountId}:autoScalingGroup:${uuid}:autoScalingGroupName/${name}`;
}

const HOOK_ARN = /^arn:[^:]+:autoscaling:[^:]*:\d{12}:autoScalingGroup:[^:]+:autoScalingGroupName\/([^/]+)$/;

/** The hook an Auto Scaling group ARN names, or undefined for one that is not an Auto Scaling group ARN. */
export function scaleHookNameOf(arn: string): string | undefined {
  return HOOK_ARN.exec(arn)?.[1];
}

/** What a hook gets (stdin of a command, body of a webhook). */
export interface ScaleHookRequest {
  hook: string;
  capacityProvider: string;
  /** The machines the provider should have once the hook is done. */
  desiredCount: number;
  /** Machines to power off or delete: drained and empty, named by their container instance. */
  instancesToRemove: Array<{ containerInstanceArn: string; ec2InstanceId?: string }>;
}

/** The record of a hook's last call, kept in the store (its audit and its idempotence). */
export interface ScaleHookCall {
  desiredCount: number;
  instancesToRemove: string[];
  status: 'Succeeded' | 'Failed';
  attempts: number;
  /** Epoch seconds of the last attempt. */
  at: number;
  message?: string;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Whether to call the hook for `next`: not when its last call asked for the same count and the same
 * machines and succeeded (a hook is idempotent for the same desired count: a new leader, or the same
 * leader's next pass, asks nothing twice); a failed one again once `retryAfterSeconds` have passed.
 */
export function scaleHookCallDue(last: ScaleHookCall | undefined, next: { desiredCount: number; instancesToRemove: readonly string[] }, now: number, retryAfterSeconds: number): boolean {
  if (!last) return true;
  const same = last.desiredCount === next.desiredCount && sameSet(last.instancesToRemove, next.instancesToRemove);
  if (!same) return true;
  return last.status === 'Failed' && now - last.at >= retryAfterSeconds;
}

/** The wait before retry `attempt` (1-based) of one call: doubling from `baseMs`, at most `maxMs`. */
export function scaleHookBackoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
