// The ECS actions the control plane implements, as one table: action name -> handler. The seam (api's
// runCall) checks every request against the ECS model first (unknown members, types, enums, required
// members), so the handlers only add ECS's own rules. gRPC and the AWS listener both serve this table, and
// every other API's (actionTables).
import { ECS_API, unsupportedActionMessages, type EcsAction } from '@berth/core';
import type { ActionTable, CallContext, EcsHandler } from '@berth/api';
import type { ServerContext } from './context.js';
import * as clusters from './handlers/clusters.js';
import * as capacityProviders from './handlers/capacity-providers.js';
import * as taskDefs from './handlers/task-definitions.js';
import * as instances from './handlers/container-instances.js';
import { startTask } from './handlers/tasks/launch.js';
import { runTask } from './handlers/tasks/run-task.js';
import { stopTask } from './handlers/tasks/stop.js';
import { getTaskProtection, updateTaskProtection } from './handlers/tasks/protection.js';
import { describeTasks, listTasks } from './handlers/tasks/queries.js';
import * as tags from './handlers/tags.js';
import * as services from './handlers/services.js';
import * as accountSettings from './handlers/account-settings.js';
import * as taskSets from './handlers/task-sets.js';
import * as serviceDeployments from './handlers/service-deployments.js';
import { stsActionTable } from './handlers/sts.js';
import { iamActionTable } from './handlers/iam.js';
import { elbv2ActionTable } from './handlers/elb/table.js';
import type { AccessKeys } from './auth/access-keys.js';
import type { SecretsManager } from './secrets/secrets-manager.js';
import type { ParameterStore } from './secrets/parameter-store.js';
import type { LogStore } from '@berth/log-store';
import { logsActionTable } from './handlers/logs.js';
import { cloudwatchActionTable } from './handlers/cloudwatch/table.js';
import { autoScalingActionTable } from './handlers/autoscaling.js';
import { DEFAULT_METRIC_RETENTION_SECONDS } from './controllers/leader/metric-history.js';
import { eventsActionTable } from './handlers/eventbridge/table.js';
import { schedulerActionTable } from './handlers/scheduler/table.js';

type Impl<A extends EcsAction> = (ctx: ServerContext, req: Parameters<EcsHandler<A>>[0], call: CallContext) => ReturnType<EcsHandler<A>>;

const ACTIONS: { [A in EcsAction]?: Impl<A> } = {
  CreateCluster: clusters.createCluster,
  DeleteCluster: clusters.deleteCluster,
  DescribeClusters: clusters.describeClusters,
  ListClusters: clusters.listClusters,
  UpdateCluster: clusters.updateCluster,
  UpdateClusterSettings: clusters.updateClusterSettings,
  CreateCapacityProvider: capacityProviders.createCapacityProvider,
  UpdateCapacityProvider: capacityProviders.updateCapacityProvider,
  DeleteCapacityProvider: capacityProviders.deleteCapacityProvider,
  DescribeCapacityProviders: capacityProviders.describeCapacityProviders,
  PutClusterCapacityProviders: capacityProviders.putClusterCapacityProviders,
  RegisterTaskDefinition: taskDefs.registerTaskDefinition,
  DeregisterTaskDefinition: taskDefs.deregisterTaskDefinition,
  DeleteTaskDefinitions: taskDefs.deleteTaskDefinitions,
  DescribeTaskDefinition: taskDefs.describeTaskDefinition,
  ListTaskDefinitions: taskDefs.listTaskDefinitions,
  ListTaskDefinitionFamilies: taskDefs.listTaskDefinitionFamilies,
  RegisterContainerInstance: instances.registerContainerInstance,
  DescribeContainerInstances: instances.describeContainerInstances,
  ListContainerInstances: instances.listContainerInstances,
  UpdateContainerInstancesState: instances.updateContainerInstancesState,
  DeregisterContainerInstance: instances.deregisterContainerInstance,
  PutAttributes: instances.putAttributes,
  DeleteAttributes: instances.deleteAttributes,
  ListAttributes: instances.listAttributes,
  RunTask: runTask,
  StartTask: startTask,
  StopTask: stopTask,
  DescribeTasks: describeTasks,
  ListTasks: listTasks,
  UpdateTaskProtection: updateTaskProtection,
  GetTaskProtection: getTaskProtection,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  ListTagsForResource: tags.listTagsForResource,
  CreateService: services.createService,
  UpdateService: services.updateService,
  DeleteService: services.deleteService,
  DescribeServices: services.describeServices,
  ListServices: services.listServices,
  CreateTaskSet: taskSets.createTaskSet,
  DescribeTaskSets: taskSets.describeTaskSets,
  UpdateTaskSet: taskSets.updateTaskSet,
  DeleteTaskSet: taskSets.deleteTaskSet,
  UpdateServicePrimaryTaskSet: taskSets.updateServicePrimaryTaskSet,
  ListServiceDeployments: serviceDeployments.listServiceDeployments,
  DescribeServiceDeployments: serviceDeployments.describeServiceDeployments,
  DescribeServiceRevisions: serviceDeployments.describeServiceRevisions,
  StopServiceDeployment: serviceDeployments.stopServiceDeployment,
  ContinueServiceDeployment: serviceDeployments.continueServiceDeployment,
  PutAccountSetting: accountSettings.putAccountSetting,
  PutAccountSettingDefault: accountSettings.putAccountSettingDefault,
  DeleteAccountSetting: accountSettings.deleteAccountSetting,
  ListAccountSettings: accountSettings.listAccountSettings,
};

/** The actions Berth implements, by name (the README's list is checked against this). */
export const IMPLEMENTED_ACTIONS = Object.keys(ACTIONS).sort() as EcsAction[];

export function ecsActionTable(ctx: ServerContext): ActionTable {
  const handlers: ActionTable['handlers'] = {};
  for (const [action, fn] of Object.entries(ACTIONS)) handlers[action] = (req, call) => (fn as Impl<EcsAction>)(ctx, req as never, call);
  return { api: ECS_API, handlers, refusals: unsupportedActionMessages() };
}

/** Every API Berth implements, each one action table served on gRPC and on the AWS listener. */
export function actionTables(ctx: ServerContext, accessKeys: AccessKeys, secrets: SecretsManager, parameters: ParameterStore, logs?: LogStore,
  opts: { metricRetentionSeconds?: number } = {}): ActionTable[] {
  return [
    ecsActionTable(ctx), stsActionTable(ctx), iamActionTable(ctx, accessKeys), secrets.table(), parameters.table(), elbv2ActionTable(ctx),
    cloudwatchActionTable(ctx, { retentionSeconds: opts.metricRetentionSeconds ?? DEFAULT_METRIC_RETENTION_SECONDS }), autoScalingActionTable(ctx),
    eventsActionTable(ctx), schedulerActionTable(ctx),
    ...(logs ? [logsActionTable(ctx.identity, logs)] : []),
  ];
}
