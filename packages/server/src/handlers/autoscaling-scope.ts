// What every Application Auto Scaling action of Berth's checks first: ECS's namespace and dimension, the
// resource id of an ECS service, list paging, and the API's errors (shared by autoscaling.ts and
// autoscaling-scheduled.ts).
import { BerthError, unsupportedSentence } from '@berth/core';
import { decodeToken } from '../pagination.js';

export const DIMENSION = 'ecs:service:DesiredCount';
export const validation = (field: string, message: string) => new BerthError('ValidationException', message, field);
export const unsupported = (member: string, why: string) => validation(member, unsupportedSentence('The request', member, why));
export const notFound = (what: string) => new BerthError('ObjectNotFoundException', what);

/** ECS's namespace and dimension only: Berth scales ECS services. */
export function checkScope(req: { ServiceNamespace: string; ScalableDimension?: string }): void {
  if (req.ServiceNamespace !== 'ecs') throw unsupported('ServiceNamespace', `Berth scales ECS services only (${req.ServiceNamespace} given).`);
  if (req.ScalableDimension !== undefined && req.ScalableDimension !== DIMENSION) throw unsupported('ScalableDimension', `an ECS service scales by ${DIMENSION} only.`);
}

/** `service/CLUSTER/NAME`, as Application Auto Scaling names an ECS service. */
export function serviceOfResource(resourceId: string): { cluster: string; service: string } {
  const m = /^service\/([^/]+)\/([^/]+)$/.exec(resourceId);
  if (!m) throw validation('ResourceId', `Unsupported service namespace, resource type or scalable dimension: ${resourceId.slice(0, 200)} is not service/CLUSTER/SERVICE.`);
  return { cluster: m[1]!, service: m[2]! };
}

/** MaxResults (1-50, default 50) and the key a NextToken continues after. */
export function pageArgs(req: { MaxResults?: number; NextToken?: string }, prefix: string): { limit: number; after?: string } {
  const limit = req.MaxResults ?? 50;
  if (limit < 1 || limit > 50) throw validation('MaxResults', 'MaxResults must be between 1 and 50.');
  try {
    const after = decodeToken(req.NextToken, prefix);
    return { limit, ...(after !== undefined ? { after } : {}) };
  } catch {
    throw new BerthError('InvalidNextTokenException', 'The NextToken is not one this listing returned.', 'NextToken');
  }
}
