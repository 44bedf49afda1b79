// Application Auto Scaling's service-linked role for ECS: its ARN in the account, and what its published
// policy lets the scaler do (describe and update services, its alarms) and not (anything else).
import t from 'tap';
import { APPLICATION_AUTOSCALING_ECS_ROLE, evaluateAll, serviceLinkedRoleArn } from '../src/index.js';

t.equal(serviceLinkedRoleArn({ partition: 'aws', accountId: '123456789012' }, APPLICATION_AUTOSCALING_ECS_ROLE),
  'arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService');
const service = 'arn:aws:ecs:us-east-1:123456789012:service/c/web';
const rows: [string, string, string][] = [
  ['ecs:UpdateService', service, 'Allow'],
  ['ecs:DescribeServices', service, 'Allow'],
  ['cloudwatch:PutMetricAlarm', '*', 'Allow'],
  ['ecs:DeleteService', service, 'ImplicitDeny'],
  ['ecs:RunTask', 'arn:aws:ecs:us-east-1:123456789012:task-definition/f:1', 'ImplicitDeny'],
  ['iam:PassRole', '*', 'ImplicitDeny'],
];
for (const [action, resource, want] of rows) t.equal(evaluateAll([APPLICATION_AUTOSCALING_ECS_ROLE.policy], action, [resource]).decision, want, action);
