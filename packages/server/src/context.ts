// What every control-plane service needs: the store, the ARN identity, a logger and a clock.
// The clock is the control plane's: status times are stamped here, never by agents (Pis often lack an RTC).
import type { Store } from '@berth/store';
import type { Identity } from '@berth/core';
import type { CallHooks, Logger } from '@berth/api';
import type { InstanceCache } from './informers/instances.js';
import type { IamInformer } from './informers/iam.js';
import type { TaskDefinitionInformer } from './informers/task-definitions.js';
import type { RecordInformer } from './informers/records.js';
import type { PromQL } from './metrics/prometheus-query.js';
import type { PlacementResult } from '@berth/core';
import type { ScaleHookSettings } from './capacity/scale-hook-runner.js';

export interface ServerContext {
  store: Store;
  identity: Identity;
  log: Logger;
  /** Epoch seconds. */
  now(): number;
  /** Placement's view of instances and connected agents, kept current by watches (absent: read the store). */
  instances?: InstanceCache;
  /** Access keys, users and their inline policies, kept current by watches (absent: read the store at each call). */
  iam?: IamInformer;
  /**
   * The task definitions launches and the seam's scope read (each family's latest ACTIVE revision, the
   * revisions in use), kept current by a watch (absent: read the store at each call).
   */
  taskDefinitions?: TaskDefinitionInformer;
  /** The cluster records, kept current by a watch: what a launch checks its cluster with (absent: read the store). */
  clusters?: RecordInformer;
  /** The seam's authorize hook, for checks a handler makes beyond its own action (iam:PassRole); absent: nothing beyond can be allowed. */
  authorize?: CallHooks['authorize'];
  /**
   * How long one minute of the durations AWS's APIs take in minutes lasts here, in seconds (--aws-minute;
   * absent: 60): deployment bake times, task protection expiry.
   */
  awsMinuteSeconds?: number;
  /**
   * The event retention window (--event-retention; absent: 1 h): also the length of the windows instance
   * attribute sets are put for (state/instance-attribute-sets.ts).
   */
  eventRetentionSeconds?: number;
  /** Counts placement decisions and why instances were excluded (metrics/server-metrics.ts; absent: not counted). */
  metrics?: { placement(result: PlacementResult): void };
  /** Where scale hooks may run or send (--scale-hooks-dir, --hook-url-allow; absent: no hook can be called). */
  scaleHooks?: ScaleHookSettings;
  /** Prometheus, where metric-math Expressions are read as PromQL (--prometheus-url; absent: such an Expression is refused). */
  promql?: PromQL;
}
