// The model of Berth's own invoking service (protos/berth/v1/invoking.proto, hand-written: keep the two in
// step), so its calls run through the seam's hook chain as every AWS API's do (`berth:CreateWebhook`, ...).
// Webhooks in (issue 23 §4): a webhook is a URL on the AWS listener and a token sent in a header; a POST to
// it becomes an event on a bus. Invocations: what each rule and schedule recently did (berth describe
// rule|schedule), which EventBridge's and Scheduler's own APIs have no place for.
import type { ApiModel, Shape } from '../model/schema.js';
import { ERRORS as ECS_ERRORS } from '../model/shapes.js';

const SHAPES: Record<string, Shape> = {
  String: { type: 'string' },
  Double: { type: 'double' },
  Strings: { type: 'list', member: 'String' },
  // EventBridge's lengths for rules, buses and schedules (the handlers check the characters).
  Name: { type: 'string', min: 1, max: 64 },
  BusName: { type: 'string', min: 1, max: 256 },
  Description: { type: 'string', max: 512 },
  Webhook: { type: 'structure', members: { name: 'String', arn: 'String', eventBusName: 'String', url: 'String', description: 'String', createdAt: 'Double' } },
  Webhooks: { type: 'list', member: 'Webhook' },
  CreateWebhookRequest: { type: 'structure', members: { name: 'Name', eventBusName: 'BusName', description: 'Description' }, required: ['name'] },
  CreateWebhookResponse: { type: 'structure', members: { webhook: 'Webhook', token: 'String' } },
  ListWebhooksRequest: { type: 'structure', members: {} },
  ListWebhooksResponse: { type: 'structure', members: { webhooks: 'Webhooks' } },
  DeleteWebhookRequest: { type: 'structure', members: { name: 'Name' }, required: ['name'] },
  DeleteWebhookResponse: { type: 'structure', members: {} },
  Invocation: { type: 'structure', members: { time: 'Double', eventId: 'String', occurrence: 'String', targetId: 'String', taskArns: 'Strings', failure: 'String' } },
  Invocations: { type: 'list', member: 'Invocation' },
  // One of rule (on eventBusName, default `default`) or schedule (in groupName, default `default`).
  ListInvocationsRequest: { type: 'structure', members: { rule: 'Name', eventBusName: 'BusName', schedule: 'Name', groupName: 'Name' } },
  ListInvocationsResponse: { type: 'structure', members: { invocations: 'Invocations' } },
};

const op = (name: string) => ({ input: `${name}Request`, output: `${name}Response`, errors: [] });
const ERROR_NAMES = ['AccessDeniedException', 'ClientException', 'InvalidParameterException', 'ResourceNotFoundException', 'ResourceInUseException', 'ServerException'];

export const INVOKING_API: ApiModel = {
  name: 'berth-invoking',
  serviceId: 'Berth Invoking',
  apiVersion: '2026-01-01',
  protocols: [],
  signingName: 'berth',
  iamPrefix: 'berth',
  grpcService: 'berth.v1.BerthInvoking',
  protoFile: 'berth/v1/invoking.proto',
  shapes: SHAPES,
  operations: Object.fromEntries(['CreateWebhook', 'ListWebhooks', 'DeleteWebhook', 'ListInvocations'].map((n) => [n, op(n)])),
  errors: Object.fromEntries(ERROR_NAMES.map((n) => [n, ECS_ERRORS[n]!])),
  renames: {},
};
