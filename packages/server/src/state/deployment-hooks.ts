// Deployment hooks (issue 26 §2): `deployment-hooks/NAME`, what a service's AWS_LAMBDA lifecycle hooks
// name in hookTargetArn. What a hook answered lives in the service's deployment (lifecycleHookDetails),
// not here: a hook serves any number of services.
import type { Store } from '@berth/store';
import { ROOT, decode, getJSON, json, rangeAll } from './kit.js';

const HOOKS = ROOT + 'deployment-hooks/';

export interface DeploymentHookRecord {
  name: string;
  arn: string;
  /** A webhook: ECS's hook input POSTed here (only under --hook-url-allow). */
  url?: string;
  /** A hook task: a one-off task of this task definition (family, family:revision or ARN) in the service's cluster. */
  taskDefinition?: string;
  /** Each call's limit. */
  timeoutSeconds: number;
  description?: string;
  /** Epoch seconds. */
  createdAt: number;
}

/** Creates the hook unless one of that name exists (false then). */
export async function createDeploymentHook(store: Store, rec: DeploymentHookRecord): Promise<boolean> {
  const key = HOOKS + rec.name;
  return (await store.txn({ compare: [{ key, modRevision: 0 }], success: [{ put: key, value: json(rec) }] })).succeeded;
}

export const getDeploymentHook = async (store: Store, name: string): Promise<DeploymentHookRecord | undefined> =>
  (await getJSON<DeploymentHookRecord>(store, HOOKS + name))?.value;

/** Every hook (an operator's handful: listed by `berth get hooks` only, never on a hot path). */
export async function listDeploymentHooks(store: Store): Promise<DeploymentHookRecord[]> {
  return (await rangeAll(store, HOOKS)).map((kv) => decode<DeploymentHookRecord>(kv));
}

/** Deletes the hook (false: there was none). */
export async function deleteDeploymentHook(store: Store, name: string): Promise<boolean> {
  return (await store.delete(HOOKS + name)).deleted > 0;
}
