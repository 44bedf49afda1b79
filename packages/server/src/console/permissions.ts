// What the signed-in caller may do, asked of the seam's own hooks (the scope from core's authorization
// table, then the policy check) for the console's mutating actions on a cluster: the page disables what
// would be refused. It is a hint only; each call is authorized again when it is made.
import type { CallContext, CallHooks, Caller } from '@berth/api';
import { ECS_API } from '@berth/core';

/** The ECS actions the console offers that change something. */
export const CONSOLE_MUTATIONS = [
  'RunTask', 'StopTask', 'CreateService', 'UpdateService', 'DeleteService', 'UpdateContainerInstancesState',
  'RegisterTaskDefinition', 'DeregisterTaskDefinition',
] as const;

export async function permissions(hooks: CallHooks, caller: Caller, base: Omit<CallContext, 'api' | 'action' | 'caller'>, cluster: string | undefined): Promise<Record<string, boolean>> {
  const request = cluster !== undefined ? { cluster } : {};
  const answers = await Promise.all(CONSOLE_MUTATIONS.map(async (action) => {
    const call: CallContext = { ...base, api: ECS_API, action, caller };
    try {
      const scope = await hooks.scope(`${ECS_API.iamPrefix}:${action}`, request, call);
      await hooks.authorize({ caller, action: `${ECS_API.iamPrefix}:${action}`, ...scope }, call);
      return [action, true] as const;
    } catch {
      return [action, false] as const;
    }
  }));
  return Object.fromEntries(answers);
}
