// Berth's deployment hooks (issue 26 §2): what a traffic-shifting deployment invokes where ECS invokes a
// Lambda function (a lifecycle hook of targetType AWS_LAMBDA, naming it in hookTargetArn). A hook is a
// webhook (a POST of ECS's hook input, only to URLs the server allows) or a one-off task of a task
// definition in the service's cluster (the input in its environment; its exit code answers). Its ARN is a
// Lambda function's, `arn:aws:lambda:REGION:ACCOUNT:function:NAME`, so an ECS service definition written
// for Lambda hooks names a Berth hook unchanged but for the account, as every ARN in it is. The model of
// Berth's own gRPC service for them (protos/berth/v1/deployment-hooks.proto, hand-written: keep the two
// in step) runs through the seam's hook chain as every API's does (`berth:CreateDeploymentHook`, ...).
import type { ApiModel, Shape } from '../model/schema.js';
import { ERRORS as ECS_ERRORS } from '../model/shapes.js';
import type { DeploymentLifecycleHookStage } from '../model/types.js';

/** A hook's name: a Lambda function name's characters (letters, digits, '-', '_'), up to 64. */
export const DEPLOYMENT_HOOK_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function deploymentHookArn(id: { partition: string; region: string; accountId: string }, name: string): string {
  return `arn:${id.partition}:lambda:${id.region}:${id.accountId}:function:${name}`;
}

const HOOK_ARN = /^arn:[^:]+:lambda:[^:]*:\d{12}:function:([A-Za-z0-9_-]{1,64})$/;

/**
 * The hook a hookTargetArn (or a bare name) names. Like the scale hooks' Auto Scaling ARNs, the region
 * and account are not compared: one Berth has one of each. A version or alias qualifier (`:NAME:1`) is
 * not a Berth hook: undefined.
 */
export function deploymentHookNameOf(ref: string): string | undefined {
  if (DEPLOYMENT_HOOK_NAME.test(ref)) return ref;
  return HOOK_ARN.exec(ref)?.[1];
}

/** The stage a hook id (`INDEX-STAGE` or `INDEX-STAGE-STEP`, traffic-shift.ts) is at. */
export function hookIdStage(hookId: string): DeploymentLifecycleHookStage {
  return hookId.slice(hookId.indexOf('-') + 1).replace(/-\d+$/, '') as DeploymentLifecycleHookStage;
}

/** What the hook is given: ECS's Lambda hook input. */
export interface HookInput {
  executionDetails: {
    serviceArn: string;
    targetServiceRevisionArn: string;
    /** Service revision ARN -> percent of the test listener rule's traffic. */
    testTrafficWeights: Record<string, number>;
    /** Service revision ARN -> percent of production traffic. */
    productionTrafficWeights: Record<string, number>;
  };
  /** This call's id: the service deployment, the hook id and the call's number (a repeat after a failover keeps it). */
  executionId: string;
  lifecycleStage: DeploymentLifecycleHookStage;
  /** The service deployment. */
  resourceArn: string;
  /** The lifecycle hook's hookDetails, or what its last IN_PROGRESS answer passed on. */
  hookDetails?: unknown;
}

/**
 * ECS's input for one call of a hook: the service, the revision deployed, where test and production
 * traffic go now (by service revision, percent), the stage and the service deployment.
 */
export function hookInput(x: {
  serviceArn: string; serviceDeploymentArn: string; targetRevisionArn: string; sourceRevisionArn?: string;
  hookId: string; calls: number; productionPercent: number; testToGreen: boolean; hookDetails?: unknown;
}): HookInput {
  const weights = (green: number): Record<string, number> => ({
    ...(x.sourceRevisionArn && x.sourceRevisionArn !== x.targetRevisionArn ? { [x.sourceRevisionArn]: 100 - green } : {}),
    [x.targetRevisionArn]: green,
  });
  return {
    executionDetails: {
      serviceArn: x.serviceArn, targetServiceRevisionArn: x.targetRevisionArn,
      testTrafficWeights: weights(x.testToGreen ? 100 : 0), productionTrafficWeights: weights(x.productionPercent),
    },
    executionId: `${x.serviceDeploymentArn.slice(x.serviceDeploymentArn.lastIndexOf('/') + 1)}-${x.hookId}-${x.calls + 1}`,
    lifecycleStage: hookIdStage(x.hookId),
    resourceArn: x.serviceDeploymentArn,
    ...(x.hookDetails !== undefined ? { hookDetails: x.hookDetails } : {}),
  };
}

/** The environment variable a hook task's containers get the input in (JSON). */
export const HOOK_INPUT_ENV = 'BERTH_HOOK_INPUT';

const SHAPES: Record<string, Shape> = {
  String: { type: 'string' },
  Double: { type: 'double' },
  Name: { type: 'string', min: 1, max: 140 },
  Names: { type: 'list', member: 'Name', max: 100 },
  Url: { type: 'string', min: 1, max: 2048 },
  TaskDefinition: { type: 'string', min: 1, max: 2048 },
  Description: { type: 'string', max: 256 },
  TimeoutSeconds: { type: 'integer', min: 1, max: 900 },
  DeploymentHook: {
    type: 'structure',
    members: { name: 'String', arn: 'String', kind: 'String', url: 'String', taskDefinition: 'String', timeoutSeconds: 'TimeoutSeconds', description: 'String', createdAt: 'Double' },
  },
  DeploymentHooks: { type: 'list', member: 'DeploymentHook' },
  CreateDeploymentHookRequest: {
    type: 'structure', members: { name: 'Name', url: 'Url', taskDefinition: 'TaskDefinition', timeoutSeconds: 'TimeoutSeconds', description: 'Description' }, required: ['name'],
  },
  CreateDeploymentHookResponse: { type: 'structure', members: { deploymentHook: 'DeploymentHook' } },
  ListDeploymentHooksRequest: { type: 'structure', members: { names: 'Names' } },
  ListDeploymentHooksResponse: { type: 'structure', members: { deploymentHooks: 'DeploymentHooks' } },
  DeleteDeploymentHookRequest: { type: 'structure', members: { name: 'Name' }, required: ['name'] },
  DeleteDeploymentHookResponse: { type: 'structure', members: {} },
};

const op = (name: string) => ({ input: `${name}Request`, output: `${name}Response`, errors: [] });
const ERROR_NAMES = ['AccessDeniedException', 'ClientException', 'InvalidParameterException', 'ResourceNotFoundException', 'ResourceInUseException', 'ServerException'];

export const DEPLOYMENT_HOOKS_API: ApiModel = {
  name: 'berth-deployment-hooks',
  serviceId: 'Berth Deployment Hooks',
  apiVersion: '2026-01-01',
  protocols: [],
  signingName: 'berth',
  iamPrefix: 'berth',
  grpcService: 'berth.v1.BerthDeploymentHooks',
  protoFile: 'berth/v1/deployment-hooks.proto',
  shapes: SHAPES,
  operations: Object.fromEntries(['CreateDeploymentHook', 'ListDeploymentHooks', 'DeleteDeploymentHook'].map((n) => [n, op(n)])),
  errors: Object.fromEntries(ERROR_NAMES.map((n) => [n, ECS_ERRORS[n]!])),
  renames: {},
};
