// AWS's service-linked roles for what Berth runs itself on a user's behalf. Application Auto Scaling acts
// on an ECS service as AWSServiceRoleForApplicationAutoScaling_ECSService, whose one policy AWS publishes
// and nobody can edit or attach elsewhere; the scaler's calls are evaluated against it by the same
// evaluator as a user's, so the scaler can do what that role can and nothing more.
import { parsePolicy, type Policy } from './policy.js';
import type { Identity } from '../arn.js';

export interface ServiceLinkedRole {
  name: string;
  /** The role's path: /aws-service-role/SERVICE-PRINCIPAL/. */
  path: string;
  policyArn: string;
  /** The AWS version of the policy's document. */
  awsVersion: string;
  policy: Policy;
}

export const APPLICATION_AUTOSCALING_ECS_ROLE: ServiceLinkedRole = {
  name: 'AWSServiceRoleForApplicationAutoScaling_ECSService',
  path: '/aws-service-role/ecs.application-autoscaling.amazonaws.com/',
  policyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSApplicationAutoscalingECSServicePolicy',
  awsVersion: 'v2',
  policy: parsePolicy(JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: ['ecs:DescribeServices', 'ecs:UpdateService', 'cloudwatch:PutMetricAlarm', 'cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricData', 'cloudwatch:DeleteAlarms'],
      Resource: ['*'],
    }],
  })),
};

/** The role's ARN in this account. */
export const serviceLinkedRoleArn = (identity: Pick<Identity, 'partition' | 'accountId'>, role: ServiceLinkedRole) =>
  `arn:${identity.partition}:iam::${identity.accountId}:role${role.path}${role.name}`;
