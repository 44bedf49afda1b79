// What each action Berth implements is checked against: the resource ARNs and condition keys AWS's Service
// Authorization Reference names for it (its "Resource types" and "Condition keys" columns), for every
// action of ECS, STS, IAM and ELBv2 (elb/authorization.ts) that Berth serves. The seam computes a call's scope here once (api's runCall),
// for the policy check and for the call's record.
//
// The request has not been validated yet when its scope is computed (authorization comes first, as in
// AWS), so every reader here takes what it finds: a member that is absent or malformed leaves the
// resource unnamed (`*`), and the handler refuses the request after the check.
import { clusterArn, clusterName, containerInstanceArn, parseTaskDefinitionRef, resourceId, serviceArn, taskArn, taskDefinitionArn, taskDefinitionFamilyArn, userArn, type Identity } from '../arn.js';
import { NAME_PATTERN } from '../names.js';
import type { RequestContext } from './evaluate.js';
import { ELB_AUTHORIZATION } from '../elb/authorization.js';

/** What computing a scope may look up beyond the request. */
export interface ScopeEnv {
  identity: Identity;
  /** The calling IAM user, where IAM defaults UserName to the caller (absent: the caller is not a user). */
  callerUserName?: string;
  /** A family's latest ACTIVE revision (what a bare family in RunTask names), or undefined when it has none. */
  latestRevision(family: string): Promise<number | undefined>;
}

/** What the policy check evaluates: the resource ARNs (`*` when the action names none) and the request's condition keys. */
export interface AuthorizationScope {
  resources: string[];
  context: RequestContext;
}

/** The SAR's resource types Berth's actions use (`*`: the action supports no resource-level permissions). */
export type SarResourceType = 'cluster' | 'container-instance' | 'task' | 'task-definition' | 'service' | 'user' | 'ecs-resource'
  | 'loadbalancer' | 'targetgroup' | 'listener' | 'listener-rule' | '*';

export interface ActionAuthorization {
  resourceType: SarResourceType;
  /** The request's context carries ecs:cluster (the ARN of the request's cluster). */
  ecsCluster?: true;
  /** sts:GetCallerIdentity: AWS answers it whatever the policies say. */
  neverDenied?: true;
  resources(req: Request, env: ScopeEnv): string[] | Promise<string[]>;
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

/** The ARN a tagging action names: any ECS resource. */
const tagged: ActionAuthorization = { resourceType: 'ecs-resource', resources: (req) => named([str(req.resourceArn)]) };

/** A container-instance attribute's target (attributes of other target types are refused by the handler). */
const attributeTargets = (req: Request) => strs(Array.isArray(req.attributes) ? req.attributes.map((a) => (a as Request | null)?.targetId) : []);

/** By IAM action name (`ecs:RunTask`). */
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
  'ecs:DescribeTasks': tasks((req) => strs(req.tasks)),
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

  'sts:GetCallerIdentity': everything({ neverDenied: true }),

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

  ...ELB_AUTHORIZATION,
};

/** The scope of one call: its resources and, where the table says so, its ecs:cluster. Undefined for an action without an entry. */
export async function authorizationScope(action: string, request: unknown, env: ScopeEnv): Promise<AuthorizationScope | undefined> {
  const entry = Object.hasOwn(AUTHORIZATION_TABLE, action) ? AUTHORIZATION_TABLE[action]! : undefined;
  if (!entry) return undefined;
  const req = (typeof request === 'object' && request !== null ? request : {}) as Request;
  const resources = await entry.resources(req, env);
  const c = entry.ecsCluster ? clusterOf(req) : undefined;
  return { resources, context: c === undefined ? {} : { 'ecs:cluster': clusterArn(env.identity, c) } };
}

/** Whether AWS answers the action whatever the caller's policies say (sts:GetCallerIdentity). */
export const neverDenied = (action: string): boolean => Object.hasOwn(AUTHORIZATION_TABLE, action) && AUTHORIZATION_TABLE[action]!.neverDenied === true;
