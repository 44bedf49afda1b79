// A refusal of the policy check, in AWS's current words and under each API's own error name: ECS's model
// has AccessDeniedException, and the other JSON APIs (Secrets Manager, SSM) answer it too, listed or not;
// IAM and STS answer the query protocol's common AccessDenied (HTTP 403), which their models do not list;
// Berth's own streams (WatchEvents), which have no model, answer ECS's name.
import { BerthError } from '../errors.js';
import type { ApiModel } from '../model/schema.js';

/** AWS's text: `User: ARN is not authorized to perform: ACTION on resource: ARN because ...`. */
export function notAuthorizedMessage(principalArn: string, action: string, resource: string, explicitDeny: boolean): string {
  const why = explicitDeny ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}

export function accessDenied(api: Pick<ApiModel, 'iamPrefix'> & Partial<Pick<ApiModel, 'errors' | 'protocols'>>, principalArn: string, action: string, resource: string, explicitDeny: boolean): BerthError {
  const query = api.protocols?.includes('query') === true && !api.errors?.AccessDeniedException;
  const name = query ? 'AccessDenied' : 'AccessDeniedException';
  return new BerthError(name, notAuthorizedMessage(principalArn, action, resource, explicitDeny));
}
