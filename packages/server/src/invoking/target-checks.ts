// The checks of a target that runs ECS tasks, shared by EventBridge's PutTargets and EventBridge Scheduler:
// both refuse in ValidationException (neither model has UnsupportedFeatureException), naming the member.
import { BerthError, parseArn, unsupportedSentence } from '@berth/core';

export const validation = (message: string, field?: string) => new BerthError('ValidationException', message, field);

/** A member Berth cannot act on, refused naming it. */
export const unsupportedMember = (member: string, why: string) => validation(unsupportedSentence('The request', member, why), member);

/** Refuses the members of `req` named in `members` that are present. */
export function refuseMembers(req: object, members: Record<string, string>, path = ''): void {
  for (const [member, why] of Object.entries(members)) {
    if ((req as Record<string, unknown>)[member] !== undefined) throw unsupportedMember(`${path}${member}`, why);
  }
}

export const OTHER_KINDS = 'Berth runs ECS tasks only: a target is an ECS cluster ARN with EcsParameters';

/** EcsParameters members that need what Berth does not have (ECS refuses them at RunTask too). */
export const NOT_ECS_MEMBERS: Record<string, string> = {
  NetworkConfiguration: 'Berth has no awsvpc network mode',
  PlatformVersion: 'it is for FARGATE, which Berth does not run',
  CapacityProviderStrategy: 'Berth runs tasks with the EC2 launch type only',
  EnableExecuteCommand: 'ECS Exec is not available through a target',
};

/** Checks one ECS target as EventBridge and Berth would; `where` names it (`Targets[0]`). */
export function checkEcsTarget(t: { Arn: string; RoleArn?: string; EcsParameters?: { LaunchType?: string; TaskCount?: number } }, where: string): string {
  const arn = parseArn(t.Arn);
  if (!arn || arn.service !== 'ecs' || arn.resourceType !== 'cluster') throw validation(`${where}.Arn ${t.Arn} is not an ECS cluster ARN: ${OTHER_KINDS}.`, `${where}.Arn`);
  if (!t.EcsParameters) throw validation(`${where}: EcsParameters are required for an ECS target.`, `${where}.EcsParameters`);
  if (!t.RoleArn) throw validation(`RoleArn is required for target ${t.Arn}.`, `${where}.RoleArn`);
  refuseMembers(t.EcsParameters, NOT_ECS_MEMBERS, `${where}.EcsParameters.`);
  const lt = t.EcsParameters.LaunchType;
  if (lt !== undefined && lt !== 'EC2') throw validation(`${where}.EcsParameters.LaunchType ${lt}: Berth runs tasks with the EC2 launch type only.`, `${where}.EcsParameters.LaunchType`);
  const count = t.EcsParameters.TaskCount ?? 1;
  if (count < 1 || count > 10) throw validation(`${where}.EcsParameters.TaskCount must be between 1 and 10.`, `${where}.EcsParameters.TaskCount`);
  return arn.resource;
}

