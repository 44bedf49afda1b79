// A target's health as DescribeTargetHealth answers it, from its registration and the reports of the
// load-balancer machines serving its group (berth-lb reads them from HAProxy's checks). Several machines
// combine as ELB's nodes do: healthy only where every serving machine sees it healthy. Pure.
import type { Elbv2 } from '../model/apis.js';

/** One machine's view of one target: what HAProxy's checks last said. */
export interface TargetHealthReport {
  healthy: boolean;
  /** Why it is unhealthy, in ELB's reason codes. */
  reason?: 'Target.ResponseCodeMismatch' | 'Target.Timeout' | 'Target.FailedHealthChecks';
  /** HAProxy's words (`Layer7 wrong status, code: 500`), for the description. */
  detail?: string;
}

export interface TargetHealthInput {
  /** Deregistered and draining (within the group's deregistration delay). */
  draining: boolean;
  healthCheckEnabled: boolean;
  /** Whether a listener or rule forwards to the target's group. */
  inUse: boolean;
  /** Reports by machine, of the machines serving the group now (absent: that machine has not checked it yet). */
  reports: (TargetHealthReport | undefined)[];
}

const health = (State: Elbv2.TargetHealthStateEnum, Reason?: Elbv2.TargetHealthReasonEnum, Description?: string): Elbv2.TargetHealth =>
  ({ State, ...(Reason ? { Reason } : {}), ...(Description ? { Description } : {}) });

export function targetHealth(t: TargetHealthInput): Elbv2.TargetHealth {
  const unhealthy = t.reports.find((r) => r && !r.healthy);
  if (t.draining) {
    return unhealthy ? health('unhealthy.draining', 'Target.DeregistrationInProgress', 'Target deregistration is in progress and the target is unhealthy')
      : health('draining', 'Target.DeregistrationInProgress', 'Target deregistration is in progress');
  }
  if (!t.inUse) return health('unused', 'Target.NotInUse', 'Target group is not configured to receive traffic from the load balancer');
  if (!t.healthCheckEnabled) return health('unavailable', 'Target.HealthCheckDisabled', 'Health checks are disabled');
  if (unhealthy) return health('unhealthy', unhealthy.reason ?? 'Target.FailedHealthChecks', unhealthy.detail ?? 'Health checks failed');
  if (t.reports.length === 0 || t.reports.every((r) => r === undefined)) return health('initial', 'Elb.RegistrationInProgress', 'Target registration is in progress');
  if (t.reports.some((r) => r === undefined)) return health('initial', 'Elb.InitialHealthChecking', 'Initial health checks in progress');
  return health('healthy');
}

/** A target asked about that is not registered in the group. */
export const NOT_REGISTERED = health('unused', 'Target.NotRegistered', 'Target is not registered to the target group');
