// ECS ARNs (long format, the default for every account since 2021) and identifier resolution.
//   cluster             arn:<p>:ecs:<region>:<account>:cluster/<clusterName>
//   task                arn:<p>:ecs:<region>:<account>:task/<clusterName>/<taskId>
//   container instance  arn:<p>:ecs:<region>:<account>:container-instance/<clusterName>/<id>
//   service             arn:<p>:ecs:<region>:<account>:service/<clusterName>/<serviceName>
//   task definition     arn:<p>:ecs:<region>:<account>:task-definition/<family>:<revision>
//   container           arn:<p>:ecs:<region>:<account>:container/<clusterName>/<taskId>/<containerId>
//   IAM user            arn:<p>:iam::<account>:user/<userName>   (IAM is global: no region)
//   log group           arn:<p>:logs:<region>:<account>:log-group:<name>:*   (CloudWatch Logs; a stream adds :log-stream:<name>)
import { invalid } from './errors.js';
import { NAME_PATTERN } from './names.js';
import { clip, describeValue } from './validate-shape.js';

/** Who Berth answers as: the partition, region and account its ARNs carry. */
export interface Identity {
  partition: string;
  region: string;
  accountId: string;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** `cluster`, `task`, `task-definition`, ... ('' when the resource part has no `type/` or `type:` prefix). */
  resourceType: string;
  /** Everything after `type/`: `my-cluster`, `my-cluster/0123abcd...`, `family:3`. */
  resource: string;
}

const ecsArn = (id: Identity, rest: string) => `arn:${id.partition}:ecs:${id.region}:${id.accountId}:${rest}`;

/** A cluster given as a name or an ARN, reduced to the name (ARNs of other resources are refused). */
const clusterPart = (cluster: string) => (cluster.startsWith('arn:') ? clusterName(cluster) : cluster);

export function clusterArn(id: Identity, name: string): string {
  return ecsArn(id, `cluster/${name}`);
}

export function capacityProviderArn(id: Identity, name: string): string {
  return ecsArn(id, `capacity-provider/${name}`);
}

export function taskDefinitionArn(id: Identity, family: string, revision: number): string {
  return ecsArn(id, `task-definition/${family}:${revision}`);
}

/** Every revision of a family (`task-definition/FAMILY:*`), as policies name them. */
export function taskDefinitionFamilyArn(id: Identity, family: string): string {
  return ecsArn(id, `task-definition/${family}:*`);
}

/** `cluster` is the cluster name (a cluster ARN is accepted too). */
export function taskArn(id: Identity, cluster: string, taskId: string): string {
  return ecsArn(id, `task/${clusterPart(cluster)}/${taskId}`);
}

export function containerInstanceArn(id: Identity, cluster: string, instanceId: string): string {
  return ecsArn(id, `container-instance/${clusterPart(cluster)}/${instanceId}`);
}

export function serviceArn(id: Identity, cluster: string, name: string): string {
  return ecsArn(id, `service/${clusterPart(cluster)}/${name}`);
}

export function containerArn(id: Identity, cluster: string, taskId: string, containerId: string): string {
  return ecsArn(id, `container/${clusterPart(cluster)}/${taskId}/${containerId}`);
}

/** An IAM user's ARN in the store's account (Berth's users all have the path `/`). */
export function userArn(id: Identity, userName: string): string {
  return `arn:${id.partition}:iam::${id.accountId}:user/${userName}`;
}

/** An IAM role's ARN in the store's account (Berth's roles all have the path `/`, as its users do). */
export function roleArn(id: Identity, roleName: string): string {
  return `arn:${id.partition}:iam::${id.accountId}:role/${roleName}`;
}

/** A session of a role, as STS names its caller: Berth's task credentials have the task id as session name. */
export function assumedRoleArn(id: Identity, roleName: string, sessionName: string): string {
  return `arn:${id.partition}:sts::${id.accountId}:assumed-role/${roleName}/${sessionName}`;
}

/** The role name of a role ARN of the store's account (path `/`), or undefined. */
export function roleNameOf(id: Identity, arn: string): string | undefined {
  const prefix = `arn:${id.partition}:iam::${id.accountId}:role/`;
  return arn.startsWith(prefix) && !arn.slice(prefix.length).includes('/') ? arn.slice(prefix.length) : undefined;
}

/** Splits any AWS ARN; null when `s` is not one (`arn:partition:service:region:account:resource`). */
export function parseArn(s: string): ParsedArn | null {
  if (typeof s !== 'string' || !s.startsWith('arn:')) return null;
  let i = 4;
  const parts: string[] = [];
  for (let k = 0; k < 4; k++) {
    const j = s.indexOf(':', i);
    if (j < 0) return null;
    parts.push(s.slice(i, j));
    i = j + 1;
  }
  const [partition, service, region, accountId] = parts as [string, string, string, string];
  const rest = s.slice(i);
  if (partition === '' || service === '' || rest === '') return null;
  const slash = rest.indexOf('/');
  const colon = rest.indexOf(':');
  const cut = slash < 0 ? colon : colon < 0 ? slash : Math.min(slash, colon);
  const resourceType = cut < 0 ? '' : rest.slice(0, cut);
  const resource = cut < 0 ? rest : rest.slice(cut + 1);
  return { partition, service, region, accountId, resourceType, resource };
}

/**
 * The cluster name a `cluster` parameter designates: omitted or '' is `default`; an ECS cluster ARN gives
 * its name; anything else is taken as a short name as is. The ARN of any other resource is refused with
 * InvalidParameterException on `field`.
 */
export function clusterName(ref?: string | null, field = 'cluster'): string {
  if (ref === undefined || ref === null || ref === '') return 'default';
  if (typeof ref !== 'string') throw invalid(field, `The cluster must be a string, got ${describeValue(ref)}.`);
  if (!ref.startsWith('arn:')) return ref;
  const a = parseArn(ref);
  if (a === null || a.service !== 'ecs' || a.resourceType !== 'cluster' || !NAME_PATTERN.test(a.resource)) {
    throw invalid(field, `Invalid cluster identifier ${describeValue(ref)}: expected a cluster name or arn:aws:ecs:<region>:<account>:cluster/<name>.`);
  }
  return a.resource;
}

const REVISION = /^[1-9][0-9]{0,9}$/;

/**
 * A task definition reference: `family`, `family:revision` or the ARN
 * `arn:aws:ecs:<region>:<account>:task-definition/family:revision`. A bare family (or an ARN without a
 * revision) leaves `revision` undefined, meaning "the latest ACTIVE revision". Anything else is an
 * InvalidParameterException on `field`.
 */
export function parseTaskDefinitionRef(ref: string, field = 'taskDefinition'): { family: string; revision?: number } {
  const bad = () => invalid(field, `Invalid task definition identifier ${describeValue(ref)}: expected family, family:revision or arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>.`);
  if (typeof ref !== 'string' || ref === '') throw bad();
  let body = ref;
  if (ref.startsWith('arn:')) {
    const a = parseArn(ref);
    if (a === null || a.service !== 'ecs' || a.resourceType !== 'task-definition') throw bad();
    body = a.resource;
  }
  const colon = body.lastIndexOf(':');
  const family = colon < 0 ? body : body.slice(0, colon);
  if (!NAME_PATTERN.test(family)) throw bad();
  if (colon < 0) return { family };
  const rev = body.slice(colon + 1);
  // ECS's words for a revision that is not a positive number.
  if (!REVISION.test(rev) || Number(rev) > 2147483647) throw invalid(field, `Invalid revision number. Number: ${clip(rev)}`);
  return { family, revision: Number(rev) };
}

/** The last path element of an ARN, or the id itself: task ids, container instance ids, names. */
export function resourceId(arnOrId: string): string {
  const i = arnOrId.lastIndexOf('/');
  return i < 0 ? arnOrId : arnOrId.slice(i + 1);
}

/** A CloudWatch Logs group's ARN as DescribeLogGroups shows it and policies name it (with the trailing `:*`). */
export function logGroupArn(id: Identity, name: string): string {
  return `arn:${id.partition}:logs:${id.region}:${id.accountId}:log-group:${name}:*`;
}

/** A log stream's ARN (what PutLogEvents is authorized on; `log-group:NAME:*` in a policy covers it). */
export function logStreamArn(id: Identity, group: string, stream: string): string {
  return `arn:${id.partition}:logs:${id.region}:${id.accountId}:log-group:${group}:log-stream:${stream}`;
}

/** A log group named by its name or its ARN (logGroupIdentifier), reduced to the name. */
export function logGroupNameOf(identifier: string): string {
  const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
  return m ? m[1]! : identifier;
}
