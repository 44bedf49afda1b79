// iam:PassRole, as AWS checks it for ECS: a call that makes a role act for a task (RegisterTaskDefinition,
// RunTask, StartTask, CreateService, UpdateService) needs iam:PassRole on each role it passes, or anyone
// allowed RunTask could run a task under an administrator's role and read its credentials. Which roles a
// call passes is decided here; the check is the seam's one policy check (server/src/auth/pass-role.ts).

interface Roles {
  taskRoleArn?: string;
  executionRoleArn?: string;
}

export const PASS_ROLE_ACTION = 'iam:PassRole';

/** The roles a task passes: the task definition's, each replaced by the launch's override if it names one. */
export function passedRoles(taskDefinition: Roles | undefined, overrides?: Roles): string[] {
  const task = overrides?.taskRoleArn || taskDefinition?.taskRoleArn;
  const execution = overrides?.executionRoleArn || taskDefinition?.executionRoleArn;
  return [...new Set([task, execution].filter((r): r is string => typeof r === 'string' && r !== ''))];
}
