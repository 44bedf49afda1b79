// The model of Berth's own capacity service (protos/berth/v1/capacity.proto, hand-written: keep the two in
// step), so its calls run through the seam's hook chain as every AWS API's do (`berth:CreateScaleHook`,
// ...): scale hooks (scale-hooks.ts), which ECS's capacity providers name where ECS names an Auto Scaling group.
import type { ApiModel, Shape } from '../model/schema.js';
import { ERRORS as ECS_ERRORS } from '../model/shapes.js';

const SHAPES: Record<string, Shape> = {
  String: { type: 'string' },
  Double: { type: 'double' },
  Integer: { type: 'integer' },
  Strings: { type: 'list', member: 'String' },
  Name: { type: 'string', min: 1, max: 128 },
  Names: { type: 'list', member: 'Name', max: 100 },
  Url: { type: 'string', min: 1, max: 2048 },
  Description: { type: 'string', max: 256 },
  TimeoutSeconds: { type: 'integer', min: 1, max: 3600 },
  Retries: { type: 'integer', min: 0, max: 10 },
  ScaleHookCall: { type: 'structure', members: { desiredCount: 'Integer', instancesToRemove: 'Strings', status: 'String', attempts: 'Integer', at: 'Double', message: 'String' } },
  ScaleHook: {
    type: 'structure',
    members: { name: 'String', arn: 'String', kind: 'String', url: 'String', timeoutSeconds: 'Integer', retries: 'Integer', description: 'String', createdAt: 'Double', lastCall: 'ScaleHookCall' },
  },
  ScaleHooks: { type: 'list', member: 'ScaleHook' },
  CreateScaleHookRequest: { type: 'structure', members: { name: 'Name', url: 'Url', timeoutSeconds: 'TimeoutSeconds', retries: 'Retries', description: 'Description' }, required: ['name'] },
  CreateScaleHookResponse: { type: 'structure', members: { scaleHook: 'ScaleHook' } },
  ListScaleHooksRequest: { type: 'structure', members: { names: 'Names' } },
  ListScaleHooksResponse: { type: 'structure', members: { scaleHooks: 'ScaleHooks' } },
  DeleteScaleHookRequest: { type: 'structure', members: { name: 'Name' }, required: ['name'] },
  DeleteScaleHookResponse: { type: 'structure', members: {} },
};

const op = (name: string) => ({ input: `${name}Request`, output: `${name}Response`, errors: [] });
const ERROR_NAMES = ['AccessDeniedException', 'ClientException', 'InvalidParameterException', 'ResourceNotFoundException', 'ResourceInUseException', 'ServerException'];

export const CAPACITY_API: ApiModel = {
  name: 'berth-capacity',
  serviceId: 'Berth Capacity',
  apiVersion: '2026-01-01',
  protocols: [],
  signingName: 'berth',
  iamPrefix: 'berth',
  grpcService: 'berth.v1.BerthCapacity',
  protoFile: 'berth/v1/capacity.proto',
  shapes: SHAPES,
  operations: Object.fromEntries(['CreateScaleHook', 'ListScaleHooks', 'DeleteScaleHook'].map((n) => [n, op(n)])),
  errors: Object.fromEntries(ERROR_NAMES.map((n) => [n, ECS_ERRORS[n]!])),
  renames: {},
};
