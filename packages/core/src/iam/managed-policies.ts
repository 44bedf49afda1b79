// AWS's managed policies that users can attach, as AWS publishes them, trimmed to the services Berth serves
// (the IAM prefixes of the APIs in model/apis.ts: ecs, iam, sts, cloudwatch, scheduler, elasticloadbalancing). Trimming keeps
// every action of those services in the statement it is in, and leaves out:
// - the actions of services Berth does not serve (ec2, logs, ssm, s3express, ...),
//   and the statements left with none;
// - in AmazonECS_FullAccess, the statements for iam:PassRole and iam:CreateServiceLinkedRole: their
//   conditions use keys Berth never supplies (iam:PassedToService, iam:AWSServiceName), and Berth has no
//   roles to pass or create.
// AmazonECSTaskExecutionRolePolicy (a service-role policy, for task execution roles) is kept whole: its
// ecr and logs actions are what the agent does with the role (pulls, log streams), not API calls.
// The documents are parsed by the same grammar and evaluated by the same evaluator as a user's own.
import { parsePolicy, type Policy } from './policy.js';

export interface ManagedPolicy {
  arn: string;
  name: string;
  /** IAM's path (`/`, or `/service-role/`): ListAttached*Policies' PathPrefix selects on it. */
  path: string;
  /** The AWS version this trimmed document was taken from. */
  awsVersion: string;
  document: string;
  policy: Policy;
}

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const DOCUMENTS: Omit<ManagedPolicy, 'policy'>[] = [
  {
    arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    name: 'AdministratorAccess',
    path: '/',
    awsVersion: 'v1',
    document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
  },
  {
    arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    name: 'ReadOnlyAccess',
    path: '/',
    awsVersion: 'v188',
    document: doc([
      {
        Sid: 'ReadOnlyActionsGroup1',
        Effect: 'Allow',
        Action: [
          'cloudwatch:Describe*', 'cloudwatch:GenerateQuery', 'cloudwatch:GenerateQueryResultsSummary', 'cloudwatch:Get*', 'cloudwatch:List*',
          'ecs:Describe*', 'ecs:GetTaskProtection', 'ecs:List*',
          'elasticloadbalancing:Describe*',
          'iam:Generate*', 'iam:Get*', 'iam:List*', 'iam:Simulate*',
        ],
        Resource: '*',
      },
      {
        Sid: 'ReadOnlyActionsGroup2',
        Effect: 'Allow',
        Action: [
          'scheduler:GetSchedule', 'scheduler:GetScheduleGroup', 'scheduler:ListScheduleGroups', 'scheduler:ListSchedules', 'scheduler:ListTagsForResource',
          'sts:GetAccessKeyInfo', 'sts:GetCallerIdentity', 'sts:GetSessionToken',
        ],
        Resource: '*',
      },
    ]),
  },
  {
    arn: 'arn:aws:iam::aws:policy/AmazonECS_FullAccess',
    name: 'AmazonECS_FullAccess',
    path: '/',
    awsVersion: 'v21',
    document: doc([
      {
        Sid: 'ECSIntegrationsManagementPolicy',
        Effect: 'Allow',
        Action: [
          'cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricStatistics', 'cloudwatch:PutMetricAlarm',
          'ecs:*',
          'elasticloadbalancing:CreateListener', 'elasticloadbalancing:CreateRule', 'elasticloadbalancing:CreateTargetGroup',
          'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:DeleteRule', 'elasticloadbalancing:DeleteTargetGroup',
          'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeRules',
          'elasticloadbalancing:DescribeTargetGroups',
          'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfiles', 'iam:ListRoles',
        ],
        Resource: ['*'],
      },
    ]),
  },
  {
    arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    name: 'AmazonECSTaskExecutionRolePolicy',
    path: '/service-role/',
    awsVersion: 'v1',
    document: doc([
      {
        Effect: 'Allow',
        Action: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ]),
  },
];

/** The managed policies a user or role can attach, by ARN. */
export const MANAGED_POLICIES: ReadonlyMap<string, ManagedPolicy> = new Map(DOCUMENTS.map((d) => [d.arn, { ...d, policy: parsePolicy(d.document) }]));

export const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
