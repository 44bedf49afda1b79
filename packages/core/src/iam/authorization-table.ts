// What each action Berth implements is checked against: the resource ARNs and condition keys AWS's Service
// Authorization Reference names for it (its "Resource types" and "Condition keys" columns), for every
// action of ECS, STS, IAM, ELBv2 (elb/authorization.ts), CloudWatch, Application Auto Scaling, EventBridge and Scheduler (eventbridge/authorization.ts) that Berth serves. The seam computes a call's scope here once (api's runCall),
// for the policy check and for the call's record.
//
// The request has not been validated yet when its scope is computed (authorization comes first, as in
// AWS), so every reader here takes what it finds: a member that is absent or malformed leaves the
// resource unnamed (`*`), and the handler refuses the request after the check.
import { capacityProviderArn, clusterArn, clusterName, containerInstanceArn, logGroupArn, logGroupNameOf, logStreamArn, parseTaskDefinitionRef, resourceId, roleArn, serviceArn, taskArn, taskDefinitionArn, taskDefinitionFamilyArn, userArn, type Identity } from '../arn.js';
import { NAME_PATTERN } from '../names.js';
import { parameterArn, unknownSecretArn } from '../secrets.js';
import type { RequestContext } from './evaluate.js';
import { ELB_AUTHORIZATION } from '../elb/authorization.js';
import { alarmArn } from '../metrics/alarm-events.js';
import { EVENTS_AUTHORIZATION } from '../eventbridge/authorization.js';

/** What computing a scope may look up beyond the request. */
export interface ScopeEnv {
  identity: Identity;
  /** The calling IAM user, where IAM defaults UserName to the caller (absent: the caller is not a user). */
  callerUserName?: string;
  /** A family's latest ACTIVE revision (what a bare family in RunTask names), or undefined when it has none. */
  latestRevision(family: string): Promise<number | undefined>;
  /** The ARN of the live secret a SecretId names (a name, a full or partial ARN), or undefined when there is none. */
  secretArn(secretId: string): Promise<string | undefined>;
}

/** What the policy check evaluates: the resource ARNs (`*` when the action names none) and the request's condition keys. */
export interface AuthorizationScope {
  resources: string[];
  context: RequestContext;
  /**
   * The metrics a CloudWatch metric read names (GetMetricData, GetMetricStatistics). IAM policies cannot
   * scope these reads (AWS names no resource for them, and Berth evaluates them as AWS does); a machine's
   * certificate is held to them (server/src/fleet/certificate-callers.ts).
   */
  metrics?: MetricRead[];
}

/** One metric a read names: its namespace and its ClusterName dimension (absent: none, or not a metric). */
export interface MetricRead {
  namespace?: string;
  cluster?: string;
}

/** The SAR's resource types Berth's actions use (`*`: the action supports no resource-level permissions). */
export type SarResourceType = 'cluster' | 'capacity-provider' | 'container-instance' | 'task' | 'task-definition' | 'service' | 'task-set' | 'service-deployment' | 'service-revision' | 'user' | 'role'
  | 'secret' | 'parameter' | 'ecs-resource' | 'log-group' | 'log-stream' | 'loadbalancer' | 'targetgroup' | 'listener' | 'listener-rule' | 'alarm'
  | 'rule' | 'event-bus' | 'schedule' | 'schedule-group' | '*';

export interface ActionAuthorization {
  resourceType: SarResourceType;
  /** The request's context carries ecs:cluster (the ARN of the request's cluster). */
  ecsCluster?: true;
  /** sts:GetCallerIdentity: AWS answers it whatever the policies say. */
  neverDenied?: true;
  resources(req: Request, env: ScopeEnv): string[] | Promise<string[]>;
  /** The metrics a metric read names (AuthorizationScope.metrics). */
  metrics?(req: Request): MetricRead[];
}

type Request = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);
/** `*` stands for a resource the request does not name (the handler refuses it after the check). */
const named = (arns: (string | undefined)[]) => (arns.length > 0 && arns.every((a) => a !== undefined) ? [...new Set(arns as string[])] : ['*']);

/** The request's cluster (absent: `default`), or undefined when it is not a valid reference. */
function clusterOf(req: Request, member = 'cluster'): string | undefined {
  const v = req[member];
  if (v !== undefined && typeof v !== 'string') return undefined;
  try {
    return clusterName(v);
  } catch {
    return undefined;
  }
}

/** ARNs of ids (or full ARNs) of one kind in the request's cluster. */
function inCluster(req: Request, env: ScopeEnv, ids: string[], arn: (identity: Identity, cluster: string, id: string) => string): string[] {
  const cluster = clusterOf(req);
  return named(ids.length === 0 ? [undefined] : ids.map((ref) => (cluster === undefined ? undefined : arn(env.identity, cluster, resourceId(ref)))));
}

const cluster = (member = 'cluster'): ActionAuthorization => ({
  resourceType: 'cluster',
  resources: (req, env) => {
    const c = clusterOf(req, member);
    return named([c === undefined ? undefined : clusterArn(env.identity, c)]);
  },
});
/**
 * The namespace and ClusterName dimension of a metric (`req[member]`, or `req` itself); a query without one
 * (metric math) names neither.
 */
function metricRead(req: Request | undefined, member?: string): MetricRead {
  const m = (member === undefined ? req : req?.[member]) as Request | undefined;
  const namespace = str(m?.Namespace);
  const dims = Array.isArray(m?.Dimensions) ? (m.Dimensions as Request[]) : [];
  const cluster = str(dims.find((d) => d?.Name === 'ClusterName')?.Value);
  return { ...(namespace !== undefined ? { namespace } : {}), ...(cluster !== undefined ? { cluster } : {}) };
}
const everything = (extra: Partial<ActionAuthorization> = {}): ActionAuthorization => ({ resourceType: '*', resources: () => ['*'], ...extra });
const instances = (ids: (req: Request) => string[]): ActionAuthorization => ({
  resourceType: 'container-instance', ecsCluster: true, resources: (req, env) => inCluster(req, env, ids(req), containerInstanceArn),
});
const tasks = (ids: (req: Request) => string[]): ActionAuthorization => ({
  resourceType: 'task', ecsCluster: true, resources: (req, env) => inCluster(req, env, ids(req), taskArn),
});
const services = (ids: (req: Request) => string[]): ActionAuthorization => ({
  resourceType: 'service', ecsCluster: true, resources: (req, env) => inCluster(req, env, ids(req), serviceArn),
});

/** Service deployments or revisions: the requests name them by full ARN only. */
const historyRecords = (resourceType: 'service-deployment' | 'service-revision', arns: (req: Request) => string[]): ActionAuthorization => ({
  resourceType, resources: (req) => named(arns(req).map((a) => (a.startsWith('arn:') ? a : undefined))),
});

/** A service's task sets by id or ARN (`task-set/CLUSTER/SERVICE/ecs-svc/DIGITS`); none named: all of the service's. */
const taskSets = (ids: (req: Request) => string[]): ActionAuthorization => ({
  resourceType: 'task-set', ecsCluster: true,
  resources: (req, env) => {
    const cluster = clusterOf(req);
    const service = str(req.service);
    if (cluster === undefined || service === undefined) return ['*'];
    const base = `${serviceArn(env.identity, cluster, resourceId(service)).replace(':service/', ':task-set/')}/`;
    const refs = ids(req);
    return (refs.length ? refs : ['*']).map((r) => (r.startsWith('arn:') ? r : base + r));
  },
});

/** A task definition reference as its ARN; a bare family is its latest ACTIVE revision, as the action will use. */
async function taskDefinition(ref: unknown, env: ScopeEnv): Promise<string | undefined> {
  if (typeof ref !== 'string') return undefined;
  let parsed: { family: string; revision?: number };
  try {
    parsed = parseTaskDefinitionRef(ref);
  } catch {
    return undefined;
  }
  const revision = parsed.revision ?? (await env.latestRevision(parsed.family));
  return revision === undefined ? undefined : taskDefinitionArn(env.identity, parsed.family, revision);
}

const launch: ActionAuthorization = {
  resourceType: 'task-definition', ecsCluster: true, resources: async (req, env) => named([await taskDefinition(req.taskDefinition, env)]),
};

/** IAM's user actions: the named user, else (where IAM allows it) the calling user. */
const user: ActionAuthorization = {
  resourceType: 'user',
  resources: (req, env) => {
    const name = str(req.UserName) ?? env.callerUserName;
    return named([name === undefined ? undefined : userArn(env.identity, name)]);
  },
};

/** IAM's role actions: the named role. */
const role: ActionAuthorization = {
  resourceType: 'role',
  resources: (req, env) => named([str(req.RoleName) === undefined ? undefined : roleArn(env.identity, req.RoleName as string)]),
};

/**
 * Secrets Manager's actions: the secret's ARN, with the six characters of its suffix; for a secret not
 * created yet (CreateSecret), or a name that is no live secret, `NAME-??????`, which a policy's
 * `secret:NAME-*` or `secret:NAME-??????` matches and an exact ARN never does.
 */
const secret = (member: string): ActionAuthorization => ({
  resourceType: 'secret',
  resources: async (req, env) => {
    const id = str(req[member]);
    if (id === undefined) return ['*'];
    if (member === 'Name') return [unknownSecretArn(env.identity, id)];
    const name = /:secret:(.+)$/.exec(id)?.[1] ?? id;
    return [(await env.secretArn(id)) ?? (id.startsWith('arn:') ? id : unknownSecretArn(env.identity, name))];
  },
});

/** Parameter Store's actions: the parameters' ARNs (a path's, for GetParametersByPath). */
const parameters = (names: (req: Request) => string[]): ActionAuthorization => ({
  resourceType: 'parameter',
  resources: (req, env) => named(names(req).length === 0 ? [undefined] : names(req).map((n) => {
    const bare = n.replace(/:[^/:]+$/, '');
    return bare.startsWith('arn:') ? bare : parameterArn(env.identity, bare);
  })),
});

/** The ARN a tagging action names: any ECS resource. */
const tagged: ActionAuthorization = { resourceType: 'ecs-resource', resources: (req) => named([str(req.resourceArn)]) };

/** A container-instance attribute's target (attributes of other target types are refused by the handler). */
const attributeTargets = (req: Request) => strs(Array.isArray(req.attributes) ? req.attributes.map((a) => (a as Request | null)?.targetId) : []);

/** By IAM action name (`ecs:RunTask`). */
/** CloudWatch Logs' group actions: the group named by logGroupName or logGroupIdentifier (a name or an ARN). */
const logGroup: ActionAuthorization = {
  resourceType: 'log-group',
  resources: (req, env) => {
    const name = str(req.logGroupName) ?? str(req.logGroupIdentifier);
    return named([name ? logGroupArn(env.identity, logGroupNameOf(name)) : undefined]);
  },
};

export const AUTHORIZATION_TABLE: Readonly<Record<string, ActionAuthorization>> = {
  'ecs:CreateCluster': cluster('clusterName'),
  'ecs:DeleteCluster': cluster(),
  'ecs:DescribeClusters': {
    resourceType: 'cluster',
    resources: (req, env) => {
      const names = strs(req.clusters);
      return named((names.length ? names : ['default']).map((c) => {
        try {
          return clusterArn(env.identity, clusterName(c));
        } catch {
          return undefined;
        }
      }));
    },
  },
  'ecs:ListClusters': everything(),
  'ecs:UpdateCluster': cluster(),
  'ecs:UpdateClusterSettings': cluster(),
  'ecs:PutClusterCapacityProviders': cluster(),
  'ecs:CreateCapacityProvider': capacityProviders('name'),
  'ecs:UpdateCapacityProvider': capacityProviders('name'),
  'ecs:DeleteCapacityProvider': capacityProviders('capacityProvider'),
  'ecs:DescribeCapacityProviders': capacityProviders('capacityProviders'),
  // The new revision's number is not known before it is written: every revision of the family.
  'ecs:RegisterTaskDefinition': {
    resourceType: 'task-definition',
    resources: (req, env) => named([typeof req.family === 'string' && NAME_PATTERN.test(req.family) ? taskDefinitionFamilyArn(env.identity, req.family) : undefined]),
  },
  'ecs:DeregisterTaskDefinition': everything(),
  'ecs:DeleteTaskDefinitions': {
    resourceType: 'task-definition',
    resources: async (req, env) => {
      const refs = strs(req.taskDefinitions);
      return named(refs.length ? await Promise.all(refs.map((r) => taskDefinition(r, env))) : [undefined]);
    },
  },
  'ecs:DescribeTaskDefinition': everything(),
  'ecs:ListTaskDefinitions': everything(),
  'ecs:ListTaskDefinitionFamilies': everything(),
  'ecs:RegisterContainerInstance': cluster(),
  'ecs:DescribeContainerInstances': instances((req) => strs(req.containerInstances)),
  'ecs:ListContainerInstances': cluster(),
  'ecs:UpdateContainerInstancesState': instances((req) => strs(req.containerInstances)),
  'ecs:DeregisterContainerInstance': cluster(),
  'ecs:PutAttributes': instances(attributeTargets),
  'ecs:DeleteAttributes': instances(attributeTargets),
  'ecs:ListAttributes': cluster(),
  'ecs:RunTask': launch,
  'ecs:StartTask': launch,
  'ecs:StopTask': tasks((req) => strs([req.task])),
  // berth exec (BerthTasks.ExecuteCommand), on the task; berth logs TASK is authorized as berth:GetTaskLogs on the same.
  'ecs:ExecuteCommand': tasks((req) => strs([req.task])),
  'ecs:DescribeTasks': tasks((req) => strs(req.tasks)),
  'ecs:UpdateTaskProtection': tasks((req) => strs(req.tasks)),
  'ecs:GetTaskProtection': tasks((req) => strs(req.tasks)),
  // The instance it filters on, if any; else every task of the cluster, named by ecs:cluster alone.
  'ecs:ListTasks': {
    resourceType: 'container-instance',
    ecsCluster: true,
    resources: (req, env) => (str(req.containerInstance) ? inCluster(req, env, [req.containerInstance as string], containerInstanceArn) : ['*']),
  },
  'ecs:TagResource': tagged,
  'ecs:UntagResource': tagged,
  'ecs:ListTagsForResource': tagged,
  'ecs:CreateService': services((req) => strs([req.serviceName])),
  'ecs:UpdateService': services((req) => strs([req.service])),
  'ecs:DeleteService': services((req) => strs([req.service])),
  'ecs:DescribeServices': services((req) => strs(req.services)),
  'ecs:ListServices': everything({ ecsCluster: true }),
  'ecs:CreateTaskSet': services((req) => strs([req.service])),
  'ecs:UpdateServicePrimaryTaskSet': services((req) => strs([req.service])),
  'ecs:DescribeTaskSets': taskSets((req) => strs(req.taskSets)),
  'ecs:UpdateTaskSet': taskSets((req) => strs([req.taskSet])),
  'ecs:DeleteTaskSet': taskSets((req) => strs([req.taskSet])),
  'ecs:ListServiceDeployments': services((req) => strs([req.service])),
  'ecs:DescribeServiceDeployments': historyRecords('service-deployment', (req) => strs(req.serviceDeploymentArns)),
  'ecs:DescribeServiceRevisions': historyRecords('service-revision', (req) => strs(req.serviceRevisionArns)),
  'ecs:StopServiceDeployment': historyRecords('service-deployment', (req) => strs([req.serviceDeploymentArn])),
  'ecs:ContinueServiceDeployment': historyRecords('service-deployment', (req) => strs([req.serviceDeploymentArn])),
  // Account settings name no resource (the SAR lists none).
  'ecs:PutAccountSetting': everything(),
  'ecs:PutAccountSettingDefault': everything(),
  'ecs:DeleteAccountSetting': everything(),
  'ecs:ListAccountSettings': everything(),

  'sts:GetCallerIdentity': everything({ neverDenied: true }),

  'logs:CreateLogGroup': logGroup,
  'logs:DeleteLogGroup': logGroup,
  'logs:DescribeLogGroups': everything(),
  'logs:PutRetentionPolicy': logGroup,
  'logs:DeleteRetentionPolicy': logGroup,
  'logs:CreateLogStream': logGroup,
  'logs:DeleteLogStream': logGroup,
  'logs:DescribeLogStreams': logGroup,
  'logs:GetLogEvents': logGroup,
  'logs:FilterLogEvents': logGroup,
  // A caller writes only to the groups its policy names (`log-group:NAME:*` covers the group's streams).
  'logs:PutLogEvents': {
    resourceType: 'log-stream',
    resources: (req, env) => {
      const group = str(req.logGroupName);
      const stream = str(req.logStreamName);
      return named([group && stream ? logStreamArn(env.identity, group, stream) : undefined]);
    },
  },

  'iam:CreateUser': user,
  'iam:GetUser': user,
  'iam:ListUsers': everything(),
  'iam:DeleteUser': user,
  'iam:CreateAccessKey': user,
  'iam:ListAccessKeys': user,
  'iam:UpdateAccessKey': user,
  'iam:DeleteAccessKey': user,
  'iam:PutUserPolicy': user,
  'iam:GetUserPolicy': user,
  'iam:DeleteUserPolicy': user,
  'iam:ListUserPolicies': user,
  'iam:AttachUserPolicy': user,
  'iam:DetachUserPolicy': user,
  'iam:ListAttachedUserPolicies': user,
  'iam:CreateRole': role,
  'iam:GetRole': role,
  'iam:ListRoles': everything(),
  'iam:DeleteRole': role,
  'iam:PutRolePolicy': role,
  'iam:GetRolePolicy': role,
  'iam:DeleteRolePolicy': role,
  'iam:ListRolePolicies': role,
  'iam:AttachRolePolicy': role,
  'iam:DetachRolePolicy': role,
  'iam:ListAttachedRolePolicies': role,

  'secretsmanager:CreateSecret': secret('Name'),
  'secretsmanager:GetSecretValue': secret('SecretId'),
  'secretsmanager:PutSecretValue': secret('SecretId'),
  'secretsmanager:UpdateSecret': secret('SecretId'),
  'secretsmanager:DescribeSecret': secret('SecretId'),
  'secretsmanager:ListSecrets': everything(),
  'secretsmanager:DeleteSecret': secret('SecretId'),
  'secretsmanager:RestoreSecret': secret('SecretId'),
  'secretsmanager:TagResource': secret('SecretId'),
  'secretsmanager:UntagResource': secret('SecretId'),

  // A name's `:VERSION` or `:LABEL` selector is not part of its ARN.
  'ssm:PutParameter': parameters((req) => strs([req.Name])),
  'ssm:GetParameter': parameters((req) => strs([req.Name])),
  'ssm:GetParameters': parameters((req) => strs(req.Names)),
  'ssm:GetParametersByPath': parameters((req) => strs([req.Path])),
  'ssm:DeleteParameter': parameters((req) => strs([req.Name])),
  'ssm:DeleteParameters': parameters((req) => strs(req.Names)),
  'ssm:DescribeParameters': everything(),

  // CloudWatch's metric reads name no resource (the SAR lists none).
  'cloudwatch:GetMetricStatistics': everything({ metrics: (req) => [metricRead(req)] }),
  'cloudwatch:GetMetricData': everything({
    metrics: (req) => (Array.isArray(req.MetricDataQueries) ? req.MetricDataQueries : []).map((q) => metricRead((q as Request)?.MetricStat as Request | undefined, 'Metric')),
  }),
  'cloudwatch:ListMetrics': everything(),
  'cloudwatch:PutMetricAlarm': alarm('AlarmName'),
  'cloudwatch:DeleteAlarms': alarm('AlarmNames'),
  'cloudwatch:SetAlarmState': alarm('AlarmName'),
  'cloudwatch:DescribeAlarms': alarm('AlarmNames'),

  // Scalable targets' ARNs are ids Berth makes up (as AWS does), so no request names one: `*`.
  ...Object.fromEntries(['RegisterScalableTarget', 'DeregisterScalableTarget', 'DescribeScalableTargets', 'PutScalingPolicy', 'DeleteScalingPolicy',
    'DescribeScalingPolicies', 'DescribeScalingActivities', 'PutScheduledAction', 'DeleteScheduledAction', 'DescribeScheduledActions'].map((a) => [`application-autoscaling:${a}`, everything()])),

  ...ELB_AUTHORIZATION,
  ...EVENTS_AUTHORIZATION,
};

/** Capacity providers by name or ARN (the SAR's capacity-provider type); DescribeCapacityProviders without names covers every one. */
function capacityProviders(member: string): ActionAuthorization {
  return {
    resourceType: 'capacity-provider',
    resources: (req, env) => {
      const refs = Array.isArray(req[member]) ? strs(req[member]) : strs([req[member]]);
      return named(refs.map((r) => capacityProviderArn(env.identity, r.slice(r.lastIndexOf('/') + 1))));
    },
  };
}

/** CloudWatch alarms by name (the SAR's `alarm` type); DescribeAlarms without names covers every alarm. */
function alarm(member: string): ActionAuthorization {
  return {
    resourceType: 'alarm',
    resources: (req, env) => {
      const names = Array.isArray(req[member]) ? strs(req[member]) : strs([req[member]]);
      return names.length ? names.map((n) => alarmArn(env.identity, n)) : ['*'];
    },
  };
}

/** The scope of one call: its resources and, where the table says so, its ecs:cluster. Undefined for an action without an entry. */
export async function authorizationScope(action: string, request: unknown, env: ScopeEnv): Promise<AuthorizationScope | undefined> {
  const entry = Object.hasOwn(AUTHORIZATION_TABLE, action) ? AUTHORIZATION_TABLE[action]! : undefined;
  if (!entry) return undefined;
  const req = (typeof request === 'object' && request !== null ? request : {}) as Request;
  const resources = await entry.resources(req, env);
  const c = entry.ecsCluster ? clusterOf(req) : undefined;
  const metrics = entry.metrics?.(req);
  return { resources, context: c === undefined ? {} : { 'ecs:cluster': clusterArn(env.identity, c) }, ...(metrics ? { metrics } : {}) };
}

/** Whether AWS answers the action whatever the caller's policies say (sts:GetCallerIdentity). */
export const neverDenied = (action: string): boolean => Object.hasOwn(AUTHORIZATION_TABLE, action) && AUTHORIZATION_TABLE[action]!.neverDenied === true;
