// ECS's exact words: a corpus of bad requests driven through the ECS action table over gRPC (Berth's
// client) and over the AWS listener's JSON protocol (signed as the AWS CLI signs). For each: the error
// name; the message, ECS's text alone, which never begins with nor carries Berth's field path; the field
// beside it (gRPC trailing metadata, the x-berth-error-field header) naming the member; and the same name
// and text over both transports. Features Berth has not built answer UnsupportedFeatureException naming
// them; input ECS itself would refuse answers InvalidParameterException or ClientException.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ECS_API } from '@berth/core';
import { BerthClient } from '@berth/api';
import { silentLogger, startServer } from '../src/index.js';
import { ERROR_FIELD_HEADER } from '../src/aws/protocol.js';
import { signedHeaders, userWithKey, type Creds } from './aws-clients.js';
import { carriesPath, rejection, uniq, adminClient } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-error-corpus-'));
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml') });
const client = adminClient(join(dir, 'config.yaml'));
const endpoint = `http://${server.ecsAddr}`;
const creds: Creds = await userWithKey(client, uniq('corpus'));
t.teardown(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

// What the corpus refers to: a cluster with a container instance (its agent never connects) and two
// services (scaled to 0 and to 1), a cluster with a service only, an empty cluster, a task definition
// family with an INACTIVE and an ACTIVE revision.
const cluster = uniq('corpus');
const withService = uniq('corpus-svc');
const empty = uniq('corpus-empty');
const family = uniq('corpus-td');
const service = 'web';
const busy = 'busy';
await client.call('CreateCluster', { clusterName: cluster });
await client.call('CreateCluster', { clusterName: empty });
await client.call('CreateCluster', { clusterName: withService });
const container = { name: 'app', image: 'berth-test/busybox:latest', memory: 16 };
await client.call('RegisterTaskDefinition', { family, containerDefinitions: [container] });
await client.call('RegisterTaskDefinition', { family, containerDefinitions: [container] });
await client.call('DeregisterTaskDefinition', { taskDefinition: `${family}:1` });
await client.call('CreateService', { cluster, serviceName: service, taskDefinition: `${family}:2`, desiredCount: 0 });
await client.call('CreateService', { cluster, serviceName: busy, taskDefinition: `${family}:2`, desiredCount: 1 });
await client.call('CreateService', { cluster: withService, serviceName: service, taskDefinition: `${family}:2`, desiredCount: 0 });
const registered = await client.call('RegisterContainerInstance', {
  cluster, totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }],
});
const instanceArn = registered.containerInstance!.containerInstanceArn!;
const MISSING_TASK = '0123456789abcdef0123456789abcdef';

interface Case {
  name: string;
  action: string;
  request: Record<string, unknown>;
  error: 'InvalidParameterException' | 'ClientException' | 'UnsupportedFeatureException' | 'ClusterNotFoundException' | 'ServiceNotFoundException'
    | 'ClusterContainsServicesException' | 'ClusterContainsContainerInstancesException' | 'TargetNotFoundException' | 'ResourceNotFoundException'
    | 'AttributeLimitExceededException';
  /** The member at fault, as the field beside the message names it; absent when no one member is. */
  field?: string;
  /** ECS's text, exactly (a string) or in part (a pattern). */
  message: string | RegExp;
  /** Only the JSON protocol can carry it (an unknown member, a value of the wrong type). */
  jsonOnly?: boolean;
}

const td = (over: Record<string, unknown> = {}, c: Record<string, unknown> = {}) =>
  ({ family: uniq('bad'), containerDefinitions: [{ name: 'web', image: 'busybox', memory: 64, ...c }], ...over });

const cases: Case[] = [
  // ECS's known texts
  { name: 'a missing cluster', action: 'DeleteCluster', request: { cluster: uniq('nope') }, error: 'ClusterNotFoundException', field: 'cluster', message: 'Cluster not found.' },
  { name: 'a missing service', action: 'UpdateService', request: { cluster, service: 'nope', desiredCount: 1 }, error: 'ServiceNotFoundException', field: 'service', message: 'Service not found.' },
  { name: 'ListTasks of a missing service', action: 'ListTasks', request: { cluster, serviceName: 'nope' }, error: 'ServiceNotFoundException', field: 'serviceName', message: 'Service not found.' },
  { name: 'DescribeTasks without tasks', action: 'DescribeTasks', request: { cluster, tasks: [] }, error: 'InvalidParameterException', field: 'tasks', message: 'Tasks cannot be empty.' },
  { name: 'DescribeServices without services', action: 'DescribeServices', request: { cluster, services: [] }, error: 'InvalidParameterException', field: 'services', message: 'Services cannot be empty.' },
  { name: 'DescribeContainerInstances without instances', action: 'DescribeContainerInstances', request: { cluster, containerInstances: [] }, error: 'ClientException', field: 'containerInstances', message: 'Container Instances cannot be empty.' },
  { name: 'an unknown task definition', action: 'DescribeTaskDefinition', request: { taskDefinition: uniq('nope') }, error: 'ClientException', field: 'taskDefinition', message: 'Unable to describe task definition.' },
  { name: 'DeregisterTaskDefinition without a revision', action: 'DeregisterTaskDefinition', request: { taskDefinition: family }, error: 'ClientException', field: 'taskDefinition', message: 'Revision is missing.' },
  { name: 'RunTask of an INACTIVE revision', action: 'RunTask', request: { cluster, taskDefinition: `${family}:1` }, error: 'ClientException', field: 'taskDefinition', message: 'TaskDefinition is inactive' },
  { name: 'RunTask in a cluster without instances', action: 'RunTask', request: { cluster: empty, taskDefinition: `${family}:2` }, error: 'InvalidParameterException', message: 'No Container Instances were found in your cluster.' },
  { name: 'a container without memory', action: 'RegisterTaskDefinition', request: td({}, { memory: undefined }), error: 'ClientException', field: 'containerDefinitions[0].memory', message: "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified." },
  { name: 'a container without an image', action: 'RegisterTaskDefinition', request: td({}, { image: '' }), error: 'ClientException', field: 'containerDefinitions[0].image', message: 'Container.image should not be null or empty.' },
  { name: 'host ports that differ in host mode', action: 'RegisterTaskDefinition', request: td({ networkMode: 'host' }, { portMappings: [{ containerPort: 80, hostPort: 8080 }] }), error: 'ClientException', field: 'containerDefinitions[0].portMappings[0].hostPort', message: 'When networkMode=host, the host ports and container ports in port mappings must match.' },
  { name: 'CreateService again with other parameters', action: 'CreateService', request: { cluster, serviceName: service, taskDefinition: `${family}:2`, desiredCount: 3 }, error: 'InvalidParameterException', field: 'serviceName', message: 'Creation of service was not idempotent.' },
  { name: 'DeleteService of a service scaled above 0', action: 'DeleteService', request: { cluster, service: busy }, error: 'InvalidParameterException', field: 'force', message: 'The service cannot be stopped while it is scaled above 0.' },
  { name: 'DeleteCluster with container instances', action: 'DeleteCluster', request: { cluster }, error: 'ClusterContainsContainerInstancesException', message: 'The Cluster cannot be deleted while Container Instances are active or draining.' },
  { name: 'DeleteCluster with services', action: 'DeleteCluster', request: { cluster: withService }, error: 'ClusterContainsServicesException', message: 'The Cluster cannot be deleted while Services are active.' },
  { name: 'launch type and capacity provider strategy', action: 'RunTask', request: { cluster, taskDefinition: family, launchType: 'EC2', capacityProviderStrategy: [{ capacityProvider: 'p' }] }, error: 'InvalidParameterException', field: 'capacityProviderStrategy', message: 'Specify either Launch Type or Capacity Provider Strategy, but not both.' },
  { name: 'StopTask of an unknown task', action: 'StopTask', request: { cluster, task: MISSING_TASK }, error: 'InvalidParameterException', field: 'task', message: 'The referenced task was not found.' },
  { name: 'StopTask of a malformed id', action: 'StopTask', request: { cluster, task: 'a/b' }, error: 'InvalidParameterException', field: 'task', message: 'Task Identifier is invalid' },
  { name: 'UpdateContainerInstancesState to a status that cannot be set', action: 'UpdateContainerInstancesState', request: { cluster, containerInstances: [instanceArn], status: 'REGISTERING' }, error: 'InvalidParameterException', field: 'status', message: 'Container instance status should be one of [ACTIVE, DRAINING]' },
  { name: 'DeleteTaskDefinitions without any', action: 'DeleteTaskDefinitions', request: { taskDefinitions: [] }, error: 'InvalidParameterException', field: 'taskDefinitions', message: 'size of TaskDefinition references list must be greater than 0' },
  { name: 'TagResource of a non-ARN', action: 'TagResource', request: { resourceArn: 'not-an-arn', tags: [{ key: 'a', value: 'b' }] }, error: 'InvalidParameterException', field: 'resourceArn', message: 'The ARN provided is invalid.' },
  { name: 'PutAttributes on an unknown instance', action: 'PutAttributes', request: { cluster, attributes: [{ name: 'stack', value: 'prod', targetType: 'container-instance', targetId: MISSING_TASK }] }, error: 'TargetNotFoundException', field: 'attributes[0].targetId', message: `Could not find ${MISSING_TASK}` },
  // Berth's sentences in ECS's manner, naming the member by its name
  { name: 'container memory below 6 MiB', action: 'RegisterTaskDefinition', request: td({}, { memory: 4 }), error: 'InvalidParameterException', field: 'containerDefinitions[0].memory', message: "Invalid setting for container 'web': 'memory' must be at least 6 MiB (4 given)." },
  { name: 'a network mode typo', action: 'RegisterTaskDefinition', request: td({ networkMode: 'brige' }), error: 'InvalidParameterException', field: 'networkMode', message: "'networkMode' must be one of bridge | host | awsvpc | none ('brige' given)." },
  { name: 'a bad include value', action: 'DescribeClusters', request: { clusters: [cluster], include: ['EVERYTHING'] }, error: 'InvalidParameterException', field: 'include[0]', message: /^'include' must be one of ATTACHMENTS \| / },
  { name: 'a health check out of bounds', action: 'RegisterTaskDefinition', request: td({}, { healthCheck: { command: ['CMD', 'true'], interval: 1 } }), error: 'InvalidParameterException', field: 'containerDefinitions[0].healthCheck.interval', message: "Invalid setting for container 'web': 'interval' must be between 5 and 300 seconds (1 given)." },
  { name: 'a placement expression that does not parse', action: 'RunTask', request: { cluster, taskDefinition: family, placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack = prod' }] }, error: 'InvalidParameterException', field: 'placementConstraints[0].expression', message: /^Invalid query expression at position 17: expected an operator/ },
  { name: 'a cluster ARN of another resource', action: 'ListServices', request: { cluster: 'arn:aws:ecs:us-east-1:123456789012:service/x/y' }, error: 'InvalidParameterException', field: 'cluster', message: /^Invalid cluster identifier / },
  { name: 'a reserved tag key', action: 'TagResource', request: { resourceArn: `arn:aws:ecs:${server.ctx.identity.region}:${server.ctx.identity.accountId}:cluster/${cluster}`, tags: [{ key: 'aws:x', value: 'y' }] }, error: 'InvalidParameterException', field: 'tags[0].key', message: "The tag key 'aws:x' uses the 'aws:' prefix, which is reserved for AWS use." },
  { name: 'a DAEMON service with a desired count', action: 'CreateService', request: { cluster, serviceName: uniq('d'), taskDefinition: family, schedulingStrategy: 'DAEMON', desiredCount: 1 }, error: 'InvalidParameterException', field: 'desiredCount', message: 'The daemon scheduling strategy does not support a desired count for services.' },
  { name: 'a capacity provider not associated with the cluster', action: 'RunTask', request: { cluster, taskDefinition: family, capacityProviderStrategy: [{ capacityProvider: 'p', weight: 1 }] }, error: 'InvalidParameterException', field: 'capacityProviderStrategy[0].capacityProvider', message: 'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.' },
  // features Berth has not built
  { name: 'the FARGATE launch type', action: 'RunTask', request: { cluster, taskDefinition: family, launchType: 'FARGATE' }, error: 'UnsupportedFeatureException', field: 'launchType', message: /^The request uses launchType FARGATE, which Berth does not support: / },
  { name: 'EBS volumes configured at launch', action: 'RunTask', request: { cluster, taskDefinition: family, volumeConfigurations: [{ name: 'v' }] }, error: 'UnsupportedFeatureException', field: 'volumeConfigurations', message: /^The request uses volumeConfigurations, which Berth does not support: / },
  { name: 'environment files in a container override', action: 'RunTask', request: { cluster, taskDefinition: family, overrides: { containerOverrides: [{ name: 'app', environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::b/x.env' }] }] } }, error: 'UnsupportedFeatureException', field: 'overrides.containerOverrides[0].environmentFiles', message: /^The override of container 'app' uses environmentFiles, which Berth does not support: / },
  { name: 'inference accelerator overrides', action: 'RunTask', request: { cluster, taskDefinition: family, overrides: { inferenceAcceleratorOverrides: [{ deviceName: 'd', deviceType: 'eia2.medium' }] } }, error: 'UnsupportedFeatureException', field: 'overrides.inferenceAcceleratorOverrides', message: /which Berth does not support: / },
  { name: 'a load balancer', action: 'CreateService', request: { cluster, serviceName: uniq('lb'), taskDefinition: family, desiredCount: 1, loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1', containerName: 'app', containerPort: 80 }] }, error: 'InvalidParameterException', field: 'loadBalancers[0].targetGroupArn', message: 'The target group with targetGroupArn arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1 does not exist.' },
  { name: 'Service Connect', action: 'CreateService', request: { cluster, serviceName: uniq('sc'), taskDefinition: family, desiredCount: 1, serviceConnectConfiguration: { enabled: true } }, error: 'UnsupportedFeatureException', field: 'serviceConnectConfiguration', message: /^The request uses serviceConnectConfiguration \(Service Connect\), which Berth does not support: / },
  { name: 'the blue/green deployment controller', action: 'CreateService', request: { cluster, serviceName: uniq('cd'), taskDefinition: family, desiredCount: 1, deploymentController: { type: 'CODE_DEPLOY' } }, error: 'UnsupportedFeatureException', field: 'deploymentController.type', message: /^The request uses deploymentController CODE_DEPLOY, which Berth does not support: / },
  { name: 'a task definition using repositoryCredentials', action: 'RunTask', request: { cluster, taskDefinition: 'SECRETS' }, error: 'UnsupportedFeatureException', field: 'containerDefinitions[0].repositoryCredentials', message: /^Container 'app' of .+:1 uses repositoryCredentials, which Berth does not support: / },
  // only the JSON protocol can carry these
  { name: 'an unknown member', action: 'ListServices', request: { cluster, foo: 1 }, error: 'InvalidParameterException', field: 'foo', message: "Unknown member 'foo' in ListServicesRequest.", jsonOnly: true },
  { name: 'a number as a string', action: 'RunTask', request: { cluster, taskDefinition: family, count: '3' }, error: 'InvalidParameterException', field: 'count', message: "'count' must be an integer, got '3'.", jsonOnly: true },
];

// A task definition that uses repositoryCredentials, for the refusal at RunTask.
const secretsFamily = uniq('corpus-secrets');
await client.call('RegisterTaskDefinition', {
  family: secretsFamily,
  containerDefinitions: [{ ...container, repositoryCredentials: { credentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hub-AbCdEf' } }],
});
for (const c of cases) if (c.request.taskDefinition === 'SECRETS') c.request.taskDefinition = secretsFamily;

/** The call over the AWS listener's JSON protocol: the error's name, message and field. */
async function overJson(action: string, request: unknown): Promise<{ status: number; name?: string; message?: string; field?: string }> {
  const body = JSON.stringify(request);
  const headers = signedHeaders(endpoint, creds, 'ecs', 'POST', '/', { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${ECS_API.targetPrefix}.${action}` }, body);
  const res = await fetch(`${endpoint}/`, { method: 'POST', headers, body });
  const json = (await res.json()) as { __type?: string; message?: string };
  const field = res.headers.get(ERROR_FIELD_HEADER);
  return { status: res.status, name: json.__type, message: json.message, field: field === null ? undefined : decodeURIComponent(field) };
}

for (const c of cases) {
  t.test(c.name, async (t) => {
    const json = await overJson(c.action, c.request);
    t.equal(json.status, 400, 'a client error');
    t.equal(json.name, c.error, `JSON: ${c.error} (${json.message})`);
    if (typeof c.message === 'string') t.equal(json.message, c.message, 'JSON: ECS\'s text');
    else t.match(json.message, c.message, 'JSON: ECS\'s text');
    t.notOk(carriesPath(json.message ?? '', c.field), 'JSON: the message carries no field path');
    t.equal(json.field, c.field, `JSON: ${ERROR_FIELD_HEADER} names the member`);
    if (c.jsonOnly) return;
    const grpc = await rejection(client.call(c.action as 'ListClusters', c.request as never));
    t.equal(grpc.ecsName, json.name, 'gRPC: the same name');
    t.equal(grpc.message, json.message, 'gRPC: the same text');
    t.equal(grpc.field, c.field, 'gRPC: the field in trailing metadata');
  });
}
