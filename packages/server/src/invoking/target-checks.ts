// The checks of a target that runs ECS tasks, shared by EventBridge's PutTargets and EventBridge Scheduler.
// Each refuses bad input in its own model's name (Scheduler's ValidationException; EventBridge's model names
// none, so the seam's ValidationError), and neither has UnsupportedFeatureException: a member Berth cannot
// act on is refused in that name too, naming the member.
import { BerthError, parseArn, unsupportedSentence } from '@berth/core';

export type BadInputName = 'ValidationError' | 'ValidationException';

export interface TargetChecks {
  validation(message: string, field?: string): BerthError;
  /** Refuses the members of `req` named in `members` that are present. */
  refuseMembers(req: object, members: Record<string, string>, path?: string): void;
  /** Checks one ECS target; `where` names it (`Targets[0]`). */
  checkEcsTarget(t: { Arn: string; RoleArn?: string; EcsParameters?: { LaunchType?: string; TaskCount?: number } }, where: string): void;
}

export function targetChecks(name: BadInputName): TargetChecks {
  const validation = (message: string, field?: string) => new BerthError(name, message, field);
  const refuseMembers = (req: object, members: Record<string, string>, path = '') => {
    for (const [member, why] of Object.entries(members)) {
      if ((req as Record<string, unknown>)[member] !== undefined) throw validation(unsupportedSentence('The request', `${path}${member}`, why), `${path}${member}`);
    }
  };
  return { validation, refuseMembers, checkEcsTarget: (t, where) => checkEcsTarget(validation, refuseMembers, t, where) };
}

export const OTHER_KINDS = 'Berth runs ECS tasks only: a target is an ECS cluster ARN with EcsParameters';

/** EcsParameters members that need what Berth does not have (ECS refuses them at RunTask too). */
export const NOT_ECS_MEMBERS: Record<string, string> = {
  NetworkConfiguration: 'Berth has no awsvpc network mode',
  PlatformVersion: 'it is for FARGATE, which Berth does not run',
  CapacityProviderStrategy: 'Berth runs tasks with the EC2 launch type only',
  EnableExecuteCommand: 'ECS Exec is not available through a target',
};

function checkEcsTarget(validation: TargetChecks['validation'], refuseMembers: TargetChecks['refuseMembers'],
  t: Parameters<TargetChecks['checkEcsTarget']>[0], where: string): void {
  const arn = parseArn(t.Arn);
  if (!arn || arn.service !== 'ecs' || arn.resourceType !== 'cluster') throw validation(`${where}.Arn ${t.Arn} is not an ECS cluster ARN: ${OTHER_KINDS}.`, `${where}.Arn`);
  if (!t.EcsParameters) throw validation(`${where}: EcsParameters are required for an ECS target.`, `${where}.EcsParameters`);
  if (!t.RoleArn) throw validation(`RoleArn is required for target ${t.Arn}.`, `${where}.RoleArn`);
  refuseMembers(t.EcsParameters, NOT_ECS_MEMBERS, `${where}.EcsParameters.`);
  const lt = t.EcsParameters.LaunchType;
  if (lt !== undefined && lt !== 'EC2') throw validation(`${where}.EcsParameters.LaunchType ${lt}: Berth runs tasks with the EC2 launch type only.`, `${where}.EcsParameters.LaunchType`);
  const count = t.EcsParameters.TaskCount ?? 1;
  if (count < 1 || count > 10) throw validation(`${where}.EcsParameters.TaskCount must be between 1 and 10.`, `${where}.EcsParameters.TaskCount`);
}

