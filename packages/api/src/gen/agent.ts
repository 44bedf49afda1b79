import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcceleratorCountRequest as _berth_v1_AcceleratorCountRequest, AcceleratorCountRequest__Output as _berth_v1_AcceleratorCountRequest__Output } from './berth/v1/AcceleratorCountRequest.js';
import type { AcceleratorTotalMemoryMiBRequest as _berth_v1_AcceleratorTotalMemoryMiBRequest, AcceleratorTotalMemoryMiBRequest__Output as _berth_v1_AcceleratorTotalMemoryMiBRequest__Output } from './berth/v1/AcceleratorTotalMemoryMiBRequest.js';
import type { AdvancedConfiguration as _berth_v1_AdvancedConfiguration, AdvancedConfiguration__Output as _berth_v1_AdvancedConfiguration__Output } from './berth/v1/AdvancedConfiguration.js';
import type { AgentHello as _berth_v1_AgentHello, AgentHello__Output as _berth_v1_AgentHello__Output } from './berth/v1/AgentHello.js';
import type { AgentMessage as _berth_v1_AgentMessage, AgentMessage__Output as _berth_v1_AgentMessage__Output } from './berth/v1/AgentMessage.js';
import type { AgentServiceClient as _berth_v1_AgentServiceClient, AgentServiceDefinition as _berth_v1_AgentServiceDefinition } from './berth/v1/AgentService.js';
import type { AssignmentAck as _berth_v1_AssignmentAck, AssignmentAck__Output as _berth_v1_AssignmentAck__Output } from './berth/v1/AssignmentAck.js';
import type { AssignmentBatch as _berth_v1_AssignmentBatch, AssignmentBatch__Output as _berth_v1_AssignmentBatch__Output } from './berth/v1/AssignmentBatch.js';
import type { Attachment as _berth_v1_Attachment, Attachment__Output as _berth_v1_Attachment__Output } from './berth/v1/Attachment.js';
import type { AttachmentStateChange as _berth_v1_AttachmentStateChange, AttachmentStateChange__Output as _berth_v1_AttachmentStateChange__Output } from './berth/v1/AttachmentStateChange.js';
import type { Attribute as _berth_v1_Attribute, Attribute__Output as _berth_v1_Attribute__Output } from './berth/v1/Attribute.js';
import type { AutoRepairConfiguration as _berth_v1_AutoRepairConfiguration, AutoRepairConfiguration__Output as _berth_v1_AutoRepairConfiguration__Output } from './berth/v1/AutoRepairConfiguration.js';
import type { AutoScalingGroupProvider as _berth_v1_AutoScalingGroupProvider, AutoScalingGroupProvider__Output as _berth_v1_AutoScalingGroupProvider__Output } from './berth/v1/AutoScalingGroupProvider.js';
import type { AutoScalingGroupProviderUpdate as _berth_v1_AutoScalingGroupProviderUpdate, AutoScalingGroupProviderUpdate__Output as _berth_v1_AutoScalingGroupProviderUpdate__Output } from './berth/v1/AutoScalingGroupProviderUpdate.js';
import type { AwsVpcConfiguration as _berth_v1_AwsVpcConfiguration, AwsVpcConfiguration__Output as _berth_v1_AwsVpcConfiguration__Output } from './berth/v1/AwsVpcConfiguration.js';
import type { BaselineEbsBandwidthMbpsRequest as _berth_v1_BaselineEbsBandwidthMbpsRequest, BaselineEbsBandwidthMbpsRequest__Output as _berth_v1_BaselineEbsBandwidthMbpsRequest__Output } from './berth/v1/BaselineEbsBandwidthMbpsRequest.js';
import type { CanaryConfiguration as _berth_v1_CanaryConfiguration, CanaryConfiguration__Output as _berth_v1_CanaryConfiguration__Output } from './berth/v1/CanaryConfiguration.js';
import type { CapacityProvider as _berth_v1_CapacityProvider, CapacityProvider__Output as _berth_v1_CapacityProvider__Output } from './berth/v1/CapacityProvider.js';
import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from './berth/v1/CapacityProviderStrategyItem.js';
import type { CapacityReservationRequest as _berth_v1_CapacityReservationRequest, CapacityReservationRequest__Output as _berth_v1_CapacityReservationRequest__Output } from './berth/v1/CapacityReservationRequest.js';
import type { Cluster as _berth_v1_Cluster, Cluster__Output as _berth_v1_Cluster__Output } from './berth/v1/Cluster.js';
import type { ClusterConfiguration as _berth_v1_ClusterConfiguration, ClusterConfiguration__Output as _berth_v1_ClusterConfiguration__Output } from './berth/v1/ClusterConfiguration.js';
import type { ClusterServiceConnectDefaults as _berth_v1_ClusterServiceConnectDefaults, ClusterServiceConnectDefaults__Output as _berth_v1_ClusterServiceConnectDefaults__Output } from './berth/v1/ClusterServiceConnectDefaults.js';
import type { ClusterServiceConnectDefaultsRequest as _berth_v1_ClusterServiceConnectDefaultsRequest, ClusterServiceConnectDefaultsRequest__Output as _berth_v1_ClusterServiceConnectDefaultsRequest__Output } from './berth/v1/ClusterServiceConnectDefaultsRequest.js';
import type { ClusterSetting as _berth_v1_ClusterSetting, ClusterSetting__Output as _berth_v1_ClusterSetting__Output } from './berth/v1/ClusterSetting.js';
import type { Container as _berth_v1_Container, Container__Output as _berth_v1_Container__Output } from './berth/v1/Container.js';
import type { ContainerDefinition as _berth_v1_ContainerDefinition, ContainerDefinition__Output as _berth_v1_ContainerDefinition__Output } from './berth/v1/ContainerDefinition.js';
import type { ContainerDependency as _berth_v1_ContainerDependency, ContainerDependency__Output as _berth_v1_ContainerDependency__Output } from './berth/v1/ContainerDependency.js';
import type { ContainerHealth as _berth_v1_ContainerHealth, ContainerHealth__Output as _berth_v1_ContainerHealth__Output } from './berth/v1/ContainerHealth.js';
import type { ContainerImage as _berth_v1_ContainerImage, ContainerImage__Output as _berth_v1_ContainerImage__Output } from './berth/v1/ContainerImage.js';
import type { ContainerInstance as _berth_v1_ContainerInstance, ContainerInstance__Output as _berth_v1_ContainerInstance__Output } from './berth/v1/ContainerInstance.js';
import type { ContainerInstanceHealthStatus as _berth_v1_ContainerInstanceHealthStatus, ContainerInstanceHealthStatus__Output as _berth_v1_ContainerInstanceHealthStatus__Output } from './berth/v1/ContainerInstanceHealthStatus.js';
import type { ContainerOverride as _berth_v1_ContainerOverride, ContainerOverride__Output as _berth_v1_ContainerOverride__Output } from './berth/v1/ContainerOverride.js';
import type { ContainerRestartPolicy as _berth_v1_ContainerRestartPolicy, ContainerRestartPolicy__Output as _berth_v1_ContainerRestartPolicy__Output } from './berth/v1/ContainerRestartPolicy.js';
import type { ContainerSecrets as _berth_v1_ContainerSecrets, ContainerSecrets__Output as _berth_v1_ContainerSecrets__Output } from './berth/v1/ContainerSecrets.js';
import type { ContainerStateChange as _berth_v1_ContainerStateChange, ContainerStateChange__Output as _berth_v1_ContainerStateChange__Output } from './berth/v1/ContainerStateChange.js';
import type { ContainerStatistics as _berth_v1_ContainerStatistics, ContainerStatistics__Output as _berth_v1_ContainerStatistics__Output } from './berth/v1/ContainerStatistics.js';
import type { ContinueServiceDeploymentRequest as _berth_v1_ContinueServiceDeploymentRequest, ContinueServiceDeploymentRequest__Output as _berth_v1_ContinueServiceDeploymentRequest__Output } from './berth/v1/ContinueServiceDeploymentRequest.js';
import type { ContinueServiceDeploymentResponse as _berth_v1_ContinueServiceDeploymentResponse, ContinueServiceDeploymentResponse__Output as _berth_v1_ContinueServiceDeploymentResponse__Output } from './berth/v1/ContinueServiceDeploymentResponse.js';
import type { CreateCapacityProviderRequest as _berth_v1_CreateCapacityProviderRequest, CreateCapacityProviderRequest__Output as _berth_v1_CreateCapacityProviderRequest__Output } from './berth/v1/CreateCapacityProviderRequest.js';
import type { CreateCapacityProviderResponse as _berth_v1_CreateCapacityProviderResponse, CreateCapacityProviderResponse__Output as _berth_v1_CreateCapacityProviderResponse__Output } from './berth/v1/CreateCapacityProviderResponse.js';
import type { CreateClusterRequest as _berth_v1_CreateClusterRequest, CreateClusterRequest__Output as _berth_v1_CreateClusterRequest__Output } from './berth/v1/CreateClusterRequest.js';
import type { CreateClusterResponse as _berth_v1_CreateClusterResponse, CreateClusterResponse__Output as _berth_v1_CreateClusterResponse__Output } from './berth/v1/CreateClusterResponse.js';
import type { CreateDaemonRequest as _berth_v1_CreateDaemonRequest, CreateDaemonRequest__Output as _berth_v1_CreateDaemonRequest__Output } from './berth/v1/CreateDaemonRequest.js';
import type { CreateDaemonResponse as _berth_v1_CreateDaemonResponse, CreateDaemonResponse__Output as _berth_v1_CreateDaemonResponse__Output } from './berth/v1/CreateDaemonResponse.js';
import type { CreateExpressGatewayServiceRequest as _berth_v1_CreateExpressGatewayServiceRequest, CreateExpressGatewayServiceRequest__Output as _berth_v1_CreateExpressGatewayServiceRequest__Output } from './berth/v1/CreateExpressGatewayServiceRequest.js';
import type { CreateExpressGatewayServiceResponse as _berth_v1_CreateExpressGatewayServiceResponse, CreateExpressGatewayServiceResponse__Output as _berth_v1_CreateExpressGatewayServiceResponse__Output } from './berth/v1/CreateExpressGatewayServiceResponse.js';
import type { CreateManagedInstancesProviderConfiguration as _berth_v1_CreateManagedInstancesProviderConfiguration, CreateManagedInstancesProviderConfiguration__Output as _berth_v1_CreateManagedInstancesProviderConfiguration__Output } from './berth/v1/CreateManagedInstancesProviderConfiguration.js';
import type { CreateServiceRequest as _berth_v1_CreateServiceRequest, CreateServiceRequest__Output as _berth_v1_CreateServiceRequest__Output } from './berth/v1/CreateServiceRequest.js';
import type { CreateServiceResponse as _berth_v1_CreateServiceResponse, CreateServiceResponse__Output as _berth_v1_CreateServiceResponse__Output } from './berth/v1/CreateServiceResponse.js';
import type { CreateTaskSetRequest as _berth_v1_CreateTaskSetRequest, CreateTaskSetRequest__Output as _berth_v1_CreateTaskSetRequest__Output } from './berth/v1/CreateTaskSetRequest.js';
import type { CreateTaskSetResponse as _berth_v1_CreateTaskSetResponse, CreateTaskSetResponse__Output as _berth_v1_CreateTaskSetResponse__Output } from './berth/v1/CreateTaskSetResponse.js';
import type { CreatedAt as _berth_v1_CreatedAt, CreatedAt__Output as _berth_v1_CreatedAt__Output } from './berth/v1/CreatedAt.js';
import type { CredentialsRequest as _berth_v1_CredentialsRequest, CredentialsRequest__Output as _berth_v1_CredentialsRequest__Output } from './berth/v1/CredentialsRequest.js';
import type { DaemonAlarmConfiguration as _berth_v1_DaemonAlarmConfiguration, DaemonAlarmConfiguration__Output as _berth_v1_DaemonAlarmConfiguration__Output } from './berth/v1/DaemonAlarmConfiguration.js';
import type { DaemonCapacityProvider as _berth_v1_DaemonCapacityProvider, DaemonCapacityProvider__Output as _berth_v1_DaemonCapacityProvider__Output } from './berth/v1/DaemonCapacityProvider.js';
import type { DaemonCircuitBreaker as _berth_v1_DaemonCircuitBreaker, DaemonCircuitBreaker__Output as _berth_v1_DaemonCircuitBreaker__Output } from './berth/v1/DaemonCircuitBreaker.js';
import type { DaemonContainerDefinition as _berth_v1_DaemonContainerDefinition, DaemonContainerDefinition__Output as _berth_v1_DaemonContainerDefinition__Output } from './berth/v1/DaemonContainerDefinition.js';
import type { DaemonContainerImage as _berth_v1_DaemonContainerImage, DaemonContainerImage__Output as _berth_v1_DaemonContainerImage__Output } from './berth/v1/DaemonContainerImage.js';
import type { DaemonDeployment as _berth_v1_DaemonDeployment, DaemonDeployment__Output as _berth_v1_DaemonDeployment__Output } from './berth/v1/DaemonDeployment.js';
import type { DaemonDeploymentAlarms as _berth_v1_DaemonDeploymentAlarms, DaemonDeploymentAlarms__Output as _berth_v1_DaemonDeploymentAlarms__Output } from './berth/v1/DaemonDeploymentAlarms.js';
import type { DaemonDeploymentCapacityProvider as _berth_v1_DaemonDeploymentCapacityProvider, DaemonDeploymentCapacityProvider__Output as _berth_v1_DaemonDeploymentCapacityProvider__Output } from './berth/v1/DaemonDeploymentCapacityProvider.js';
import type { DaemonDeploymentConfiguration as _berth_v1_DaemonDeploymentConfiguration, DaemonDeploymentConfiguration__Output as _berth_v1_DaemonDeploymentConfiguration__Output } from './berth/v1/DaemonDeploymentConfiguration.js';
import type { DaemonDeploymentRevisionDetail as _berth_v1_DaemonDeploymentRevisionDetail, DaemonDeploymentRevisionDetail__Output as _berth_v1_DaemonDeploymentRevisionDetail__Output } from './berth/v1/DaemonDeploymentRevisionDetail.js';
import type { DaemonDeploymentSummary as _berth_v1_DaemonDeploymentSummary, DaemonDeploymentSummary__Output as _berth_v1_DaemonDeploymentSummary__Output } from './berth/v1/DaemonDeploymentSummary.js';
import type { DaemonDetail as _berth_v1_DaemonDetail, DaemonDetail__Output as _berth_v1_DaemonDetail__Output } from './berth/v1/DaemonDetail.js';
import type { DaemonLinuxParameters as _berth_v1_DaemonLinuxParameters, DaemonLinuxParameters__Output as _berth_v1_DaemonLinuxParameters__Output } from './berth/v1/DaemonLinuxParameters.js';
import type { DaemonRevision as _berth_v1_DaemonRevision, DaemonRevision__Output as _berth_v1_DaemonRevision__Output } from './berth/v1/DaemonRevision.js';
import type { DaemonRevisionDetail as _berth_v1_DaemonRevisionDetail, DaemonRevisionDetail__Output as _berth_v1_DaemonRevisionDetail__Output } from './berth/v1/DaemonRevisionDetail.js';
import type { DaemonRollback as _berth_v1_DaemonRollback, DaemonRollback__Output as _berth_v1_DaemonRollback__Output } from './berth/v1/DaemonRollback.js';
import type { DaemonSummary as _berth_v1_DaemonSummary, DaemonSummary__Output as _berth_v1_DaemonSummary__Output } from './berth/v1/DaemonSummary.js';
import type { DaemonTaskDefinition as _berth_v1_DaemonTaskDefinition, DaemonTaskDefinition__Output as _berth_v1_DaemonTaskDefinition__Output } from './berth/v1/DaemonTaskDefinition.js';
import type { DaemonTaskDefinitionSummary as _berth_v1_DaemonTaskDefinitionSummary, DaemonTaskDefinitionSummary__Output as _berth_v1_DaemonTaskDefinitionSummary__Output } from './berth/v1/DaemonTaskDefinitionSummary.js';
import type { DaemonVolume as _berth_v1_DaemonVolume, DaemonVolume__Output as _berth_v1_DaemonVolume__Output } from './berth/v1/DaemonVolume.js';
import type { DeleteAccountSettingRequest as _berth_v1_DeleteAccountSettingRequest, DeleteAccountSettingRequest__Output as _berth_v1_DeleteAccountSettingRequest__Output } from './berth/v1/DeleteAccountSettingRequest.js';
import type { DeleteAccountSettingResponse as _berth_v1_DeleteAccountSettingResponse, DeleteAccountSettingResponse__Output as _berth_v1_DeleteAccountSettingResponse__Output } from './berth/v1/DeleteAccountSettingResponse.js';
import type { DeleteAttributesRequest as _berth_v1_DeleteAttributesRequest, DeleteAttributesRequest__Output as _berth_v1_DeleteAttributesRequest__Output } from './berth/v1/DeleteAttributesRequest.js';
import type { DeleteAttributesResponse as _berth_v1_DeleteAttributesResponse, DeleteAttributesResponse__Output as _berth_v1_DeleteAttributesResponse__Output } from './berth/v1/DeleteAttributesResponse.js';
import type { DeleteCapacityProviderRequest as _berth_v1_DeleteCapacityProviderRequest, DeleteCapacityProviderRequest__Output as _berth_v1_DeleteCapacityProviderRequest__Output } from './berth/v1/DeleteCapacityProviderRequest.js';
import type { DeleteCapacityProviderResponse as _berth_v1_DeleteCapacityProviderResponse, DeleteCapacityProviderResponse__Output as _berth_v1_DeleteCapacityProviderResponse__Output } from './berth/v1/DeleteCapacityProviderResponse.js';
import type { DeleteClusterRequest as _berth_v1_DeleteClusterRequest, DeleteClusterRequest__Output as _berth_v1_DeleteClusterRequest__Output } from './berth/v1/DeleteClusterRequest.js';
import type { DeleteClusterResponse as _berth_v1_DeleteClusterResponse, DeleteClusterResponse__Output as _berth_v1_DeleteClusterResponse__Output } from './berth/v1/DeleteClusterResponse.js';
import type { DeleteDaemonRequest as _berth_v1_DeleteDaemonRequest, DeleteDaemonRequest__Output as _berth_v1_DeleteDaemonRequest__Output } from './berth/v1/DeleteDaemonRequest.js';
import type { DeleteDaemonResponse as _berth_v1_DeleteDaemonResponse, DeleteDaemonResponse__Output as _berth_v1_DeleteDaemonResponse__Output } from './berth/v1/DeleteDaemonResponse.js';
import type { DeleteDaemonTaskDefinitionRequest as _berth_v1_DeleteDaemonTaskDefinitionRequest, DeleteDaemonTaskDefinitionRequest__Output as _berth_v1_DeleteDaemonTaskDefinitionRequest__Output } from './berth/v1/DeleteDaemonTaskDefinitionRequest.js';
import type { DeleteDaemonTaskDefinitionResponse as _berth_v1_DeleteDaemonTaskDefinitionResponse, DeleteDaemonTaskDefinitionResponse__Output as _berth_v1_DeleteDaemonTaskDefinitionResponse__Output } from './berth/v1/DeleteDaemonTaskDefinitionResponse.js';
import type { DeleteExpressGatewayServiceRequest as _berth_v1_DeleteExpressGatewayServiceRequest, DeleteExpressGatewayServiceRequest__Output as _berth_v1_DeleteExpressGatewayServiceRequest__Output } from './berth/v1/DeleteExpressGatewayServiceRequest.js';
import type { DeleteExpressGatewayServiceResponse as _berth_v1_DeleteExpressGatewayServiceResponse, DeleteExpressGatewayServiceResponse__Output as _berth_v1_DeleteExpressGatewayServiceResponse__Output } from './berth/v1/DeleteExpressGatewayServiceResponse.js';
import type { DeleteServiceRequest as _berth_v1_DeleteServiceRequest, DeleteServiceRequest__Output as _berth_v1_DeleteServiceRequest__Output } from './berth/v1/DeleteServiceRequest.js';
import type { DeleteServiceResponse as _berth_v1_DeleteServiceResponse, DeleteServiceResponse__Output as _berth_v1_DeleteServiceResponse__Output } from './berth/v1/DeleteServiceResponse.js';
import type { DeleteTaskDefinitionsRequest as _berth_v1_DeleteTaskDefinitionsRequest, DeleteTaskDefinitionsRequest__Output as _berth_v1_DeleteTaskDefinitionsRequest__Output } from './berth/v1/DeleteTaskDefinitionsRequest.js';
import type { DeleteTaskDefinitionsResponse as _berth_v1_DeleteTaskDefinitionsResponse, DeleteTaskDefinitionsResponse__Output as _berth_v1_DeleteTaskDefinitionsResponse__Output } from './berth/v1/DeleteTaskDefinitionsResponse.js';
import type { DeleteTaskSetRequest as _berth_v1_DeleteTaskSetRequest, DeleteTaskSetRequest__Output as _berth_v1_DeleteTaskSetRequest__Output } from './berth/v1/DeleteTaskSetRequest.js';
import type { DeleteTaskSetResponse as _berth_v1_DeleteTaskSetResponse, DeleteTaskSetResponse__Output as _berth_v1_DeleteTaskSetResponse__Output } from './berth/v1/DeleteTaskSetResponse.js';
import type { Deployment as _berth_v1_Deployment, Deployment__Output as _berth_v1_Deployment__Output } from './berth/v1/Deployment.js';
import type { DeploymentAlarms as _berth_v1_DeploymentAlarms, DeploymentAlarms__Output as _berth_v1_DeploymentAlarms__Output } from './berth/v1/DeploymentAlarms.js';
import type { DeploymentCircuitBreaker as _berth_v1_DeploymentCircuitBreaker, DeploymentCircuitBreaker__Output as _berth_v1_DeploymentCircuitBreaker__Output } from './berth/v1/DeploymentCircuitBreaker.js';
import type { DeploymentConfiguration as _berth_v1_DeploymentConfiguration, DeploymentConfiguration__Output as _berth_v1_DeploymentConfiguration__Output } from './berth/v1/DeploymentConfiguration.js';
import type { DeploymentController as _berth_v1_DeploymentController, DeploymentController__Output as _berth_v1_DeploymentController__Output } from './berth/v1/DeploymentController.js';
import type { DeploymentEphemeralStorage as _berth_v1_DeploymentEphemeralStorage, DeploymentEphemeralStorage__Output as _berth_v1_DeploymentEphemeralStorage__Output } from './berth/v1/DeploymentEphemeralStorage.js';
import type { DeploymentLifecycleHook as _berth_v1_DeploymentLifecycleHook, DeploymentLifecycleHook__Output as _berth_v1_DeploymentLifecycleHook__Output } from './berth/v1/DeploymentLifecycleHook.js';
import type { DeploymentLifecycleHookDetail as _berth_v1_DeploymentLifecycleHookDetail, DeploymentLifecycleHookDetail__Output as _berth_v1_DeploymentLifecycleHookDetail__Output } from './berth/v1/DeploymentLifecycleHookDetail.js';
import type { DeploymentLifecycleHookTimeoutConfiguration as _berth_v1_DeploymentLifecycleHookTimeoutConfiguration, DeploymentLifecycleHookTimeoutConfiguration__Output as _berth_v1_DeploymentLifecycleHookTimeoutConfiguration__Output } from './berth/v1/DeploymentLifecycleHookTimeoutConfiguration.js';
import type { DeregisterContainerInstanceRequest as _berth_v1_DeregisterContainerInstanceRequest, DeregisterContainerInstanceRequest__Output as _berth_v1_DeregisterContainerInstanceRequest__Output } from './berth/v1/DeregisterContainerInstanceRequest.js';
import type { DeregisterContainerInstanceResponse as _berth_v1_DeregisterContainerInstanceResponse, DeregisterContainerInstanceResponse__Output as _berth_v1_DeregisterContainerInstanceResponse__Output } from './berth/v1/DeregisterContainerInstanceResponse.js';
import type { DeregisterTaskDefinitionRequest as _berth_v1_DeregisterTaskDefinitionRequest, DeregisterTaskDefinitionRequest__Output as _berth_v1_DeregisterTaskDefinitionRequest__Output } from './berth/v1/DeregisterTaskDefinitionRequest.js';
import type { DeregisterTaskDefinitionResponse as _berth_v1_DeregisterTaskDefinitionResponse, DeregisterTaskDefinitionResponse__Output as _berth_v1_DeregisterTaskDefinitionResponse__Output } from './berth/v1/DeregisterTaskDefinitionResponse.js';
import type { DescribeCapacityProvidersRequest as _berth_v1_DescribeCapacityProvidersRequest, DescribeCapacityProvidersRequest__Output as _berth_v1_DescribeCapacityProvidersRequest__Output } from './berth/v1/DescribeCapacityProvidersRequest.js';
import type { DescribeCapacityProvidersResponse as _berth_v1_DescribeCapacityProvidersResponse, DescribeCapacityProvidersResponse__Output as _berth_v1_DescribeCapacityProvidersResponse__Output } from './berth/v1/DescribeCapacityProvidersResponse.js';
import type { DescribeClustersRequest as _berth_v1_DescribeClustersRequest, DescribeClustersRequest__Output as _berth_v1_DescribeClustersRequest__Output } from './berth/v1/DescribeClustersRequest.js';
import type { DescribeClustersResponse as _berth_v1_DescribeClustersResponse, DescribeClustersResponse__Output as _berth_v1_DescribeClustersResponse__Output } from './berth/v1/DescribeClustersResponse.js';
import type { DescribeContainerInstancesRequest as _berth_v1_DescribeContainerInstancesRequest, DescribeContainerInstancesRequest__Output as _berth_v1_DescribeContainerInstancesRequest__Output } from './berth/v1/DescribeContainerInstancesRequest.js';
import type { DescribeContainerInstancesResponse as _berth_v1_DescribeContainerInstancesResponse, DescribeContainerInstancesResponse__Output as _berth_v1_DescribeContainerInstancesResponse__Output } from './berth/v1/DescribeContainerInstancesResponse.js';
import type { DescribeDaemonDeploymentsRequest as _berth_v1_DescribeDaemonDeploymentsRequest, DescribeDaemonDeploymentsRequest__Output as _berth_v1_DescribeDaemonDeploymentsRequest__Output } from './berth/v1/DescribeDaemonDeploymentsRequest.js';
import type { DescribeDaemonDeploymentsResponse as _berth_v1_DescribeDaemonDeploymentsResponse, DescribeDaemonDeploymentsResponse__Output as _berth_v1_DescribeDaemonDeploymentsResponse__Output } from './berth/v1/DescribeDaemonDeploymentsResponse.js';
import type { DescribeDaemonRequest as _berth_v1_DescribeDaemonRequest, DescribeDaemonRequest__Output as _berth_v1_DescribeDaemonRequest__Output } from './berth/v1/DescribeDaemonRequest.js';
import type { DescribeDaemonResponse as _berth_v1_DescribeDaemonResponse, DescribeDaemonResponse__Output as _berth_v1_DescribeDaemonResponse__Output } from './berth/v1/DescribeDaemonResponse.js';
import type { DescribeDaemonRevisionsRequest as _berth_v1_DescribeDaemonRevisionsRequest, DescribeDaemonRevisionsRequest__Output as _berth_v1_DescribeDaemonRevisionsRequest__Output } from './berth/v1/DescribeDaemonRevisionsRequest.js';
import type { DescribeDaemonRevisionsResponse as _berth_v1_DescribeDaemonRevisionsResponse, DescribeDaemonRevisionsResponse__Output as _berth_v1_DescribeDaemonRevisionsResponse__Output } from './berth/v1/DescribeDaemonRevisionsResponse.js';
import type { DescribeDaemonTaskDefinitionRequest as _berth_v1_DescribeDaemonTaskDefinitionRequest, DescribeDaemonTaskDefinitionRequest__Output as _berth_v1_DescribeDaemonTaskDefinitionRequest__Output } from './berth/v1/DescribeDaemonTaskDefinitionRequest.js';
import type { DescribeDaemonTaskDefinitionResponse as _berth_v1_DescribeDaemonTaskDefinitionResponse, DescribeDaemonTaskDefinitionResponse__Output as _berth_v1_DescribeDaemonTaskDefinitionResponse__Output } from './berth/v1/DescribeDaemonTaskDefinitionResponse.js';
import type { DescribeExpressGatewayServiceRequest as _berth_v1_DescribeExpressGatewayServiceRequest, DescribeExpressGatewayServiceRequest__Output as _berth_v1_DescribeExpressGatewayServiceRequest__Output } from './berth/v1/DescribeExpressGatewayServiceRequest.js';
import type { DescribeExpressGatewayServiceResponse as _berth_v1_DescribeExpressGatewayServiceResponse, DescribeExpressGatewayServiceResponse__Output as _berth_v1_DescribeExpressGatewayServiceResponse__Output } from './berth/v1/DescribeExpressGatewayServiceResponse.js';
import type { DescribeServiceDeploymentsRequest as _berth_v1_DescribeServiceDeploymentsRequest, DescribeServiceDeploymentsRequest__Output as _berth_v1_DescribeServiceDeploymentsRequest__Output } from './berth/v1/DescribeServiceDeploymentsRequest.js';
import type { DescribeServiceDeploymentsResponse as _berth_v1_DescribeServiceDeploymentsResponse, DescribeServiceDeploymentsResponse__Output as _berth_v1_DescribeServiceDeploymentsResponse__Output } from './berth/v1/DescribeServiceDeploymentsResponse.js';
import type { DescribeServiceRevisionsRequest as _berth_v1_DescribeServiceRevisionsRequest, DescribeServiceRevisionsRequest__Output as _berth_v1_DescribeServiceRevisionsRequest__Output } from './berth/v1/DescribeServiceRevisionsRequest.js';
import type { DescribeServiceRevisionsResponse as _berth_v1_DescribeServiceRevisionsResponse, DescribeServiceRevisionsResponse__Output as _berth_v1_DescribeServiceRevisionsResponse__Output } from './berth/v1/DescribeServiceRevisionsResponse.js';
import type { DescribeServicesRequest as _berth_v1_DescribeServicesRequest, DescribeServicesRequest__Output as _berth_v1_DescribeServicesRequest__Output } from './berth/v1/DescribeServicesRequest.js';
import type { DescribeServicesResponse as _berth_v1_DescribeServicesResponse, DescribeServicesResponse__Output as _berth_v1_DescribeServicesResponse__Output } from './berth/v1/DescribeServicesResponse.js';
import type { DescribeTaskDefinitionRequest as _berth_v1_DescribeTaskDefinitionRequest, DescribeTaskDefinitionRequest__Output as _berth_v1_DescribeTaskDefinitionRequest__Output } from './berth/v1/DescribeTaskDefinitionRequest.js';
import type { DescribeTaskDefinitionResponse as _berth_v1_DescribeTaskDefinitionResponse, DescribeTaskDefinitionResponse__Output as _berth_v1_DescribeTaskDefinitionResponse__Output } from './berth/v1/DescribeTaskDefinitionResponse.js';
import type { DescribeTaskSetsRequest as _berth_v1_DescribeTaskSetsRequest, DescribeTaskSetsRequest__Output as _berth_v1_DescribeTaskSetsRequest__Output } from './berth/v1/DescribeTaskSetsRequest.js';
import type { DescribeTaskSetsResponse as _berth_v1_DescribeTaskSetsResponse, DescribeTaskSetsResponse__Output as _berth_v1_DescribeTaskSetsResponse__Output } from './berth/v1/DescribeTaskSetsResponse.js';
import type { DescribeTasksRequest as _berth_v1_DescribeTasksRequest, DescribeTasksRequest__Output as _berth_v1_DescribeTasksRequest__Output } from './berth/v1/DescribeTasksRequest.js';
import type { DescribeTasksResponse as _berth_v1_DescribeTasksResponse, DescribeTasksResponse__Output as _berth_v1_DescribeTasksResponse__Output } from './berth/v1/DescribeTasksResponse.js';
import type { Device as _berth_v1_Device, Device__Output as _berth_v1_Device__Output } from './berth/v1/Device.js';
import type { DiscoverPollEndpointRequest as _berth_v1_DiscoverPollEndpointRequest, DiscoverPollEndpointRequest__Output as _berth_v1_DiscoverPollEndpointRequest__Output } from './berth/v1/DiscoverPollEndpointRequest.js';
import type { DiscoverPollEndpointResponse as _berth_v1_DiscoverPollEndpointResponse, DiscoverPollEndpointResponse__Output as _berth_v1_DiscoverPollEndpointResponse__Output } from './berth/v1/DiscoverPollEndpointResponse.js';
import type { DockerVolumeConfiguration as _berth_v1_DockerVolumeConfiguration, DockerVolumeConfiguration__Output as _berth_v1_DockerVolumeConfiguration__Output } from './berth/v1/DockerVolumeConfiguration.js';
import type { EBSTagSpecification as _berth_v1_EBSTagSpecification, EBSTagSpecification__Output as _berth_v1_EBSTagSpecification__Output } from './berth/v1/EBSTagSpecification.js';
import type { ECSClient as _berth_v1_ECSClient, ECSDefinition as _berth_v1_ECSDefinition } from './berth/v1/ECS.js';
import type { ECSExpressGatewayService as _berth_v1_ECSExpressGatewayService, ECSExpressGatewayService__Output as _berth_v1_ECSExpressGatewayService__Output } from './berth/v1/ECSExpressGatewayService.js';
import type { ECSManagedResources as _berth_v1_ECSManagedResources, ECSManagedResources__Output as _berth_v1_ECSManagedResources__Output } from './berth/v1/ECSManagedResources.js';
import type { EFSAuthorizationConfig as _berth_v1_EFSAuthorizationConfig, EFSAuthorizationConfig__Output as _berth_v1_EFSAuthorizationConfig__Output } from './berth/v1/EFSAuthorizationConfig.js';
import type { EFSVolumeConfiguration as _berth_v1_EFSVolumeConfiguration, EFSVolumeConfiguration__Output as _berth_v1_EFSVolumeConfiguration__Output } from './berth/v1/EFSVolumeConfiguration.js';
import type { EnvironmentFile as _berth_v1_EnvironmentFile, EnvironmentFile__Output as _berth_v1_EnvironmentFile__Output } from './berth/v1/EnvironmentFile.js';
import type { EphemeralStorage as _berth_v1_EphemeralStorage, EphemeralStorage__Output as _berth_v1_EphemeralStorage__Output } from './berth/v1/EphemeralStorage.js';
import type { ExecuteCommandConfiguration as _berth_v1_ExecuteCommandConfiguration, ExecuteCommandConfiguration__Output as _berth_v1_ExecuteCommandConfiguration__Output } from './berth/v1/ExecuteCommandConfiguration.js';
import type { ExecuteCommandLogConfiguration as _berth_v1_ExecuteCommandLogConfiguration, ExecuteCommandLogConfiguration__Output as _berth_v1_ExecuteCommandLogConfiguration__Output } from './berth/v1/ExecuteCommandLogConfiguration.js';
import type { ExecuteCommandRequest as _berth_v1_ExecuteCommandRequest, ExecuteCommandRequest__Output as _berth_v1_ExecuteCommandRequest__Output } from './berth/v1/ExecuteCommandRequest.js';
import type { ExecuteCommandResponse as _berth_v1_ExecuteCommandResponse, ExecuteCommandResponse__Output as _berth_v1_ExecuteCommandResponse__Output } from './berth/v1/ExecuteCommandResponse.js';
import type { ExpressGatewayContainer as _berth_v1_ExpressGatewayContainer, ExpressGatewayContainer__Output as _berth_v1_ExpressGatewayContainer__Output } from './berth/v1/ExpressGatewayContainer.js';
import type { ExpressGatewayRepositoryCredentials as _berth_v1_ExpressGatewayRepositoryCredentials, ExpressGatewayRepositoryCredentials__Output as _berth_v1_ExpressGatewayRepositoryCredentials__Output } from './berth/v1/ExpressGatewayRepositoryCredentials.js';
import type { ExpressGatewayScalingTarget as _berth_v1_ExpressGatewayScalingTarget, ExpressGatewayScalingTarget__Output as _berth_v1_ExpressGatewayScalingTarget__Output } from './berth/v1/ExpressGatewayScalingTarget.js';
import type { ExpressGatewayServiceAwsLogsConfiguration as _berth_v1_ExpressGatewayServiceAwsLogsConfiguration, ExpressGatewayServiceAwsLogsConfiguration__Output as _berth_v1_ExpressGatewayServiceAwsLogsConfiguration__Output } from './berth/v1/ExpressGatewayServiceAwsLogsConfiguration.js';
import type { ExpressGatewayServiceConfiguration as _berth_v1_ExpressGatewayServiceConfiguration, ExpressGatewayServiceConfiguration__Output as _berth_v1_ExpressGatewayServiceConfiguration__Output } from './berth/v1/ExpressGatewayServiceConfiguration.js';
import type { ExpressGatewayServiceNetworkConfiguration as _berth_v1_ExpressGatewayServiceNetworkConfiguration, ExpressGatewayServiceNetworkConfiguration__Output as _berth_v1_ExpressGatewayServiceNetworkConfiguration__Output } from './berth/v1/ExpressGatewayServiceNetworkConfiguration.js';
import type { ExpressGatewayServiceStatus as _berth_v1_ExpressGatewayServiceStatus, ExpressGatewayServiceStatus__Output as _berth_v1_ExpressGatewayServiceStatus__Output } from './berth/v1/ExpressGatewayServiceStatus.js';
import type { FSxWindowsFileServerAuthorizationConfig as _berth_v1_FSxWindowsFileServerAuthorizationConfig, FSxWindowsFileServerAuthorizationConfig__Output as _berth_v1_FSxWindowsFileServerAuthorizationConfig__Output } from './berth/v1/FSxWindowsFileServerAuthorizationConfig.js';
import type { FSxWindowsFileServerVolumeConfiguration as _berth_v1_FSxWindowsFileServerVolumeConfiguration, FSxWindowsFileServerVolumeConfiguration__Output as _berth_v1_FSxWindowsFileServerVolumeConfiguration__Output } from './berth/v1/FSxWindowsFileServerVolumeConfiguration.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from './berth/v1/Failure.js';
import type { FirelensConfiguration as _berth_v1_FirelensConfiguration, FirelensConfiguration__Output as _berth_v1_FirelensConfiguration__Output } from './berth/v1/FirelensConfiguration.js';
import type { GetTaskProtectionRequest as _berth_v1_GetTaskProtectionRequest, GetTaskProtectionRequest__Output as _berth_v1_GetTaskProtectionRequest__Output } from './berth/v1/GetTaskProtectionRequest.js';
import type { GetTaskProtectionResponse as _berth_v1_GetTaskProtectionResponse, GetTaskProtectionResponse__Output as _berth_v1_GetTaskProtectionResponse__Output } from './berth/v1/GetTaskProtectionResponse.js';
import type { HealthCheck as _berth_v1_HealthCheck, HealthCheck__Output as _berth_v1_HealthCheck__Output } from './berth/v1/HealthCheck.js';
import type { Heartbeat as _berth_v1_Heartbeat, Heartbeat__Output as _berth_v1_Heartbeat__Output } from './berth/v1/Heartbeat.js';
import type { HookDetails as _berth_v1_HookDetails, HookDetails__Output as _berth_v1_HookDetails__Output } from './berth/v1/HookDetails.js';
import type { HostEntry as _berth_v1_HostEntry, HostEntry__Output as _berth_v1_HostEntry__Output } from './berth/v1/HostEntry.js';
import type { HostVolumeProperties as _berth_v1_HostVolumeProperties, HostVolumeProperties__Output as _berth_v1_HostVolumeProperties__Output } from './berth/v1/HostVolumeProperties.js';
import type { InferenceAccelerator as _berth_v1_InferenceAccelerator, InferenceAccelerator__Output as _berth_v1_InferenceAccelerator__Output } from './berth/v1/InferenceAccelerator.js';
import type { InferenceAcceleratorOverride as _berth_v1_InferenceAcceleratorOverride, InferenceAcceleratorOverride__Output as _berth_v1_InferenceAcceleratorOverride__Output } from './berth/v1/InferenceAcceleratorOverride.js';
import type { InfrastructureOptimization as _berth_v1_InfrastructureOptimization, InfrastructureOptimization__Output as _berth_v1_InfrastructureOptimization__Output } from './berth/v1/InfrastructureOptimization.js';
import type { IngressPathSummary as _berth_v1_IngressPathSummary, IngressPathSummary__Output as _berth_v1_IngressPathSummary__Output } from './berth/v1/IngressPathSummary.js';
import type { InstanceHealthCheckResult as _berth_v1_InstanceHealthCheckResult, InstanceHealthCheckResult__Output as _berth_v1_InstanceHealthCheckResult__Output } from './berth/v1/InstanceHealthCheckResult.js';
import type { InstanceLaunchTemplate as _berth_v1_InstanceLaunchTemplate, InstanceLaunchTemplate__Output as _berth_v1_InstanceLaunchTemplate__Output } from './berth/v1/InstanceLaunchTemplate.js';
import type { InstanceLaunchTemplateUpdate as _berth_v1_InstanceLaunchTemplateUpdate, InstanceLaunchTemplateUpdate__Output as _berth_v1_InstanceLaunchTemplateUpdate__Output } from './berth/v1/InstanceLaunchTemplateUpdate.js';
import type { InstanceRequirementsRequest as _berth_v1_InstanceRequirementsRequest, InstanceRequirementsRequest__Output as _berth_v1_InstanceRequirementsRequest__Output } from './berth/v1/InstanceRequirementsRequest.js';
import type { InstanceStatistics as _berth_v1_InstanceStatistics, InstanceStatistics__Output as _berth_v1_InstanceStatistics__Output } from './berth/v1/InstanceStatistics.js';
import type { KernelCapabilities as _berth_v1_KernelCapabilities, KernelCapabilities__Output as _berth_v1_KernelCapabilities__Output } from './berth/v1/KernelCapabilities.js';
import type { KeyValuePair as _berth_v1_KeyValuePair, KeyValuePair__Output as _berth_v1_KeyValuePair__Output } from './berth/v1/KeyValuePair.js';
import type { LinearConfiguration as _berth_v1_LinearConfiguration, LinearConfiguration__Output as _berth_v1_LinearConfiguration__Output } from './berth/v1/LinearConfiguration.js';
import type { LinuxParameters as _berth_v1_LinuxParameters, LinuxParameters__Output as _berth_v1_LinuxParameters__Output } from './berth/v1/LinuxParameters.js';
import type { ListAccountSettingsRequest as _berth_v1_ListAccountSettingsRequest, ListAccountSettingsRequest__Output as _berth_v1_ListAccountSettingsRequest__Output } from './berth/v1/ListAccountSettingsRequest.js';
import type { ListAccountSettingsResponse as _berth_v1_ListAccountSettingsResponse, ListAccountSettingsResponse__Output as _berth_v1_ListAccountSettingsResponse__Output } from './berth/v1/ListAccountSettingsResponse.js';
import type { ListAttributesRequest as _berth_v1_ListAttributesRequest, ListAttributesRequest__Output as _berth_v1_ListAttributesRequest__Output } from './berth/v1/ListAttributesRequest.js';
import type { ListAttributesResponse as _berth_v1_ListAttributesResponse, ListAttributesResponse__Output as _berth_v1_ListAttributesResponse__Output } from './berth/v1/ListAttributesResponse.js';
import type { ListClustersRequest as _berth_v1_ListClustersRequest, ListClustersRequest__Output as _berth_v1_ListClustersRequest__Output } from './berth/v1/ListClustersRequest.js';
import type { ListClustersResponse as _berth_v1_ListClustersResponse, ListClustersResponse__Output as _berth_v1_ListClustersResponse__Output } from './berth/v1/ListClustersResponse.js';
import type { ListContainerInstancesRequest as _berth_v1_ListContainerInstancesRequest, ListContainerInstancesRequest__Output as _berth_v1_ListContainerInstancesRequest__Output } from './berth/v1/ListContainerInstancesRequest.js';
import type { ListContainerInstancesResponse as _berth_v1_ListContainerInstancesResponse, ListContainerInstancesResponse__Output as _berth_v1_ListContainerInstancesResponse__Output } from './berth/v1/ListContainerInstancesResponse.js';
import type { ListDaemonDeploymentsRequest as _berth_v1_ListDaemonDeploymentsRequest, ListDaemonDeploymentsRequest__Output as _berth_v1_ListDaemonDeploymentsRequest__Output } from './berth/v1/ListDaemonDeploymentsRequest.js';
import type { ListDaemonDeploymentsResponse as _berth_v1_ListDaemonDeploymentsResponse, ListDaemonDeploymentsResponse__Output as _berth_v1_ListDaemonDeploymentsResponse__Output } from './berth/v1/ListDaemonDeploymentsResponse.js';
import type { ListDaemonTaskDefinitionsRequest as _berth_v1_ListDaemonTaskDefinitionsRequest, ListDaemonTaskDefinitionsRequest__Output as _berth_v1_ListDaemonTaskDefinitionsRequest__Output } from './berth/v1/ListDaemonTaskDefinitionsRequest.js';
import type { ListDaemonTaskDefinitionsResponse as _berth_v1_ListDaemonTaskDefinitionsResponse, ListDaemonTaskDefinitionsResponse__Output as _berth_v1_ListDaemonTaskDefinitionsResponse__Output } from './berth/v1/ListDaemonTaskDefinitionsResponse.js';
import type { ListDaemonsRequest as _berth_v1_ListDaemonsRequest, ListDaemonsRequest__Output as _berth_v1_ListDaemonsRequest__Output } from './berth/v1/ListDaemonsRequest.js';
import type { ListDaemonsResponse as _berth_v1_ListDaemonsResponse, ListDaemonsResponse__Output as _berth_v1_ListDaemonsResponse__Output } from './berth/v1/ListDaemonsResponse.js';
import type { ListServiceDeploymentsRequest as _berth_v1_ListServiceDeploymentsRequest, ListServiceDeploymentsRequest__Output as _berth_v1_ListServiceDeploymentsRequest__Output } from './berth/v1/ListServiceDeploymentsRequest.js';
import type { ListServiceDeploymentsResponse as _berth_v1_ListServiceDeploymentsResponse, ListServiceDeploymentsResponse__Output as _berth_v1_ListServiceDeploymentsResponse__Output } from './berth/v1/ListServiceDeploymentsResponse.js';
import type { ListServicesByNamespaceRequest as _berth_v1_ListServicesByNamespaceRequest, ListServicesByNamespaceRequest__Output as _berth_v1_ListServicesByNamespaceRequest__Output } from './berth/v1/ListServicesByNamespaceRequest.js';
import type { ListServicesByNamespaceResponse as _berth_v1_ListServicesByNamespaceResponse, ListServicesByNamespaceResponse__Output as _berth_v1_ListServicesByNamespaceResponse__Output } from './berth/v1/ListServicesByNamespaceResponse.js';
import type { ListServicesRequest as _berth_v1_ListServicesRequest, ListServicesRequest__Output as _berth_v1_ListServicesRequest__Output } from './berth/v1/ListServicesRequest.js';
import type { ListServicesResponse as _berth_v1_ListServicesResponse, ListServicesResponse__Output as _berth_v1_ListServicesResponse__Output } from './berth/v1/ListServicesResponse.js';
import type { ListTagsForResourceRequest as _berth_v1_ListTagsForResourceRequest, ListTagsForResourceRequest__Output as _berth_v1_ListTagsForResourceRequest__Output } from './berth/v1/ListTagsForResourceRequest.js';
import type { ListTagsForResourceResponse as _berth_v1_ListTagsForResourceResponse, ListTagsForResourceResponse__Output as _berth_v1_ListTagsForResourceResponse__Output } from './berth/v1/ListTagsForResourceResponse.js';
import type { ListTaskDefinitionFamiliesRequest as _berth_v1_ListTaskDefinitionFamiliesRequest, ListTaskDefinitionFamiliesRequest__Output as _berth_v1_ListTaskDefinitionFamiliesRequest__Output } from './berth/v1/ListTaskDefinitionFamiliesRequest.js';
import type { ListTaskDefinitionFamiliesResponse as _berth_v1_ListTaskDefinitionFamiliesResponse, ListTaskDefinitionFamiliesResponse__Output as _berth_v1_ListTaskDefinitionFamiliesResponse__Output } from './berth/v1/ListTaskDefinitionFamiliesResponse.js';
import type { ListTaskDefinitionsRequest as _berth_v1_ListTaskDefinitionsRequest, ListTaskDefinitionsRequest__Output as _berth_v1_ListTaskDefinitionsRequest__Output } from './berth/v1/ListTaskDefinitionsRequest.js';
import type { ListTaskDefinitionsResponse as _berth_v1_ListTaskDefinitionsResponse, ListTaskDefinitionsResponse__Output as _berth_v1_ListTaskDefinitionsResponse__Output } from './berth/v1/ListTaskDefinitionsResponse.js';
import type { ListTasksRequest as _berth_v1_ListTasksRequest, ListTasksRequest__Output as _berth_v1_ListTasksRequest__Output } from './berth/v1/ListTasksRequest.js';
import type { ListTasksResponse as _berth_v1_ListTasksResponse, ListTasksResponse__Output as _berth_v1_ListTasksResponse__Output } from './berth/v1/ListTasksResponse.js';
import type { LoadBalancer as _berth_v1_LoadBalancer, LoadBalancer__Output as _berth_v1_LoadBalancer__Output } from './berth/v1/LoadBalancer.js';
import type { LogConfiguration as _berth_v1_LogConfiguration, LogConfiguration__Output as _berth_v1_LogConfiguration__Output } from './berth/v1/LogConfiguration.js';
import type { ManagedAgent as _berth_v1_ManagedAgent, ManagedAgent__Output as _berth_v1_ManagedAgent__Output } from './berth/v1/ManagedAgent.js';
import type { ManagedAgentStateChange as _berth_v1_ManagedAgentStateChange, ManagedAgentStateChange__Output as _berth_v1_ManagedAgentStateChange__Output } from './berth/v1/ManagedAgentStateChange.js';
import type { ManagedApplicationAutoScalingPolicy as _berth_v1_ManagedApplicationAutoScalingPolicy, ManagedApplicationAutoScalingPolicy__Output as _berth_v1_ManagedApplicationAutoScalingPolicy__Output } from './berth/v1/ManagedApplicationAutoScalingPolicy.js';
import type { ManagedAutoScaling as _berth_v1_ManagedAutoScaling, ManagedAutoScaling__Output as _berth_v1_ManagedAutoScaling__Output } from './berth/v1/ManagedAutoScaling.js';
import type { ManagedCertificate as _berth_v1_ManagedCertificate, ManagedCertificate__Output as _berth_v1_ManagedCertificate__Output } from './berth/v1/ManagedCertificate.js';
import type { ManagedIngressPath as _berth_v1_ManagedIngressPath, ManagedIngressPath__Output as _berth_v1_ManagedIngressPath__Output } from './berth/v1/ManagedIngressPath.js';
import type { ManagedInstancesLocalStorageConfiguration as _berth_v1_ManagedInstancesLocalStorageConfiguration, ManagedInstancesLocalStorageConfiguration__Output as _berth_v1_ManagedInstancesLocalStorageConfiguration__Output } from './berth/v1/ManagedInstancesLocalStorageConfiguration.js';
import type { ManagedInstancesNetworkConfiguration as _berth_v1_ManagedInstancesNetworkConfiguration, ManagedInstancesNetworkConfiguration__Output as _berth_v1_ManagedInstancesNetworkConfiguration__Output } from './berth/v1/ManagedInstancesNetworkConfiguration.js';
import type { ManagedInstancesProvider as _berth_v1_ManagedInstancesProvider, ManagedInstancesProvider__Output as _berth_v1_ManagedInstancesProvider__Output } from './berth/v1/ManagedInstancesProvider.js';
import type { ManagedInstancesStorageConfiguration as _berth_v1_ManagedInstancesStorageConfiguration, ManagedInstancesStorageConfiguration__Output as _berth_v1_ManagedInstancesStorageConfiguration__Output } from './berth/v1/ManagedInstancesStorageConfiguration.js';
import type { ManagedListener as _berth_v1_ManagedListener, ManagedListener__Output as _berth_v1_ManagedListener__Output } from './berth/v1/ManagedListener.js';
import type { ManagedListenerRule as _berth_v1_ManagedListenerRule, ManagedListenerRule__Output as _berth_v1_ManagedListenerRule__Output } from './berth/v1/ManagedListenerRule.js';
import type { ManagedLoadBalancer as _berth_v1_ManagedLoadBalancer, ManagedLoadBalancer__Output as _berth_v1_ManagedLoadBalancer__Output } from './berth/v1/ManagedLoadBalancer.js';
import type { ManagedLogGroup as _berth_v1_ManagedLogGroup, ManagedLogGroup__Output as _berth_v1_ManagedLogGroup__Output } from './berth/v1/ManagedLogGroup.js';
import type { ManagedMetricAlarm as _berth_v1_ManagedMetricAlarm, ManagedMetricAlarm__Output as _berth_v1_ManagedMetricAlarm__Output } from './berth/v1/ManagedMetricAlarm.js';
import type { ManagedScalableTarget as _berth_v1_ManagedScalableTarget, ManagedScalableTarget__Output as _berth_v1_ManagedScalableTarget__Output } from './berth/v1/ManagedScalableTarget.js';
import type { ManagedScaling as _berth_v1_ManagedScaling, ManagedScaling__Output as _berth_v1_ManagedScaling__Output } from './berth/v1/ManagedScaling.js';
import type { ManagedSecurityGroup as _berth_v1_ManagedSecurityGroup, ManagedSecurityGroup__Output as _berth_v1_ManagedSecurityGroup__Output } from './berth/v1/ManagedSecurityGroup.js';
import type { ManagedStorageConfiguration as _berth_v1_ManagedStorageConfiguration, ManagedStorageConfiguration__Output as _berth_v1_ManagedStorageConfiguration__Output } from './berth/v1/ManagedStorageConfiguration.js';
import type { ManagedTargetGroup as _berth_v1_ManagedTargetGroup, ManagedTargetGroup__Output as _berth_v1_ManagedTargetGroup__Output } from './berth/v1/ManagedTargetGroup.js';
import type { MemoryGiBPerVCpuRequest as _berth_v1_MemoryGiBPerVCpuRequest, MemoryGiBPerVCpuRequest__Output as _berth_v1_MemoryGiBPerVCpuRequest__Output } from './berth/v1/MemoryGiBPerVCpuRequest.js';
import type { MemoryMiBRequest as _berth_v1_MemoryMiBRequest, MemoryMiBRequest__Output as _berth_v1_MemoryMiBRequest__Output } from './berth/v1/MemoryMiBRequest.js';
import type { MetricConfiguration as _berth_v1_MetricConfiguration, MetricConfiguration__Output as _berth_v1_MetricConfiguration__Output } from './berth/v1/MetricConfiguration.js';
import type { MonitoringConfiguration as _berth_v1_MonitoringConfiguration, MonitoringConfiguration__Output as _berth_v1_MonitoringConfiguration__Output } from './berth/v1/MonitoringConfiguration.js';
import type { MountPoint as _berth_v1_MountPoint, MountPoint__Output as _berth_v1_MountPoint__Output } from './berth/v1/MountPoint.js';
import type { NetworkBandwidthGbpsRequest as _berth_v1_NetworkBandwidthGbpsRequest, NetworkBandwidthGbpsRequest__Output as _berth_v1_NetworkBandwidthGbpsRequest__Output } from './berth/v1/NetworkBandwidthGbpsRequest.js';
import type { NetworkBinding as _berth_v1_NetworkBinding, NetworkBinding__Output as _berth_v1_NetworkBinding__Output } from './berth/v1/NetworkBinding.js';
import type { NetworkConfiguration as _berth_v1_NetworkConfiguration, NetworkConfiguration__Output as _berth_v1_NetworkConfiguration__Output } from './berth/v1/NetworkConfiguration.js';
import type { NetworkInterface as _berth_v1_NetworkInterface, NetworkInterface__Output as _berth_v1_NetworkInterface__Output } from './berth/v1/NetworkInterface.js';
import type { NetworkInterfaceCountRequest as _berth_v1_NetworkInterfaceCountRequest, NetworkInterfaceCountRequest__Output as _berth_v1_NetworkInterfaceCountRequest__Output } from './berth/v1/NetworkInterfaceCountRequest.js';
import type { PlacementConstraint as _berth_v1_PlacementConstraint, PlacementConstraint__Output as _berth_v1_PlacementConstraint__Output } from './berth/v1/PlacementConstraint.js';
import type { PlacementStrategy as _berth_v1_PlacementStrategy, PlacementStrategy__Output as _berth_v1_PlacementStrategy__Output } from './berth/v1/PlacementStrategy.js';
import type { PlatformDevice as _berth_v1_PlatformDevice, PlatformDevice__Output as _berth_v1_PlatformDevice__Output } from './berth/v1/PlatformDevice.js';
import type { PortMapping as _berth_v1_PortMapping, PortMapping__Output as _berth_v1_PortMapping__Output } from './berth/v1/PortMapping.js';
import type { ProtectedTask as _berth_v1_ProtectedTask, ProtectedTask__Output as _berth_v1_ProtectedTask__Output } from './berth/v1/ProtectedTask.js';
import type { ProxyConfiguration as _berth_v1_ProxyConfiguration, ProxyConfiguration__Output as _berth_v1_ProxyConfiguration__Output } from './berth/v1/ProxyConfiguration.js';
import type { PutAccountSettingDefaultRequest as _berth_v1_PutAccountSettingDefaultRequest, PutAccountSettingDefaultRequest__Output as _berth_v1_PutAccountSettingDefaultRequest__Output } from './berth/v1/PutAccountSettingDefaultRequest.js';
import type { PutAccountSettingDefaultResponse as _berth_v1_PutAccountSettingDefaultResponse, PutAccountSettingDefaultResponse__Output as _berth_v1_PutAccountSettingDefaultResponse__Output } from './berth/v1/PutAccountSettingDefaultResponse.js';
import type { PutAccountSettingRequest as _berth_v1_PutAccountSettingRequest, PutAccountSettingRequest__Output as _berth_v1_PutAccountSettingRequest__Output } from './berth/v1/PutAccountSettingRequest.js';
import type { PutAccountSettingResponse as _berth_v1_PutAccountSettingResponse, PutAccountSettingResponse__Output as _berth_v1_PutAccountSettingResponse__Output } from './berth/v1/PutAccountSettingResponse.js';
import type { PutAttributesRequest as _berth_v1_PutAttributesRequest, PutAttributesRequest__Output as _berth_v1_PutAttributesRequest__Output } from './berth/v1/PutAttributesRequest.js';
import type { PutAttributesResponse as _berth_v1_PutAttributesResponse, PutAttributesResponse__Output as _berth_v1_PutAttributesResponse__Output } from './berth/v1/PutAttributesResponse.js';
import type { PutClusterCapacityProvidersRequest as _berth_v1_PutClusterCapacityProvidersRequest, PutClusterCapacityProvidersRequest__Output as _berth_v1_PutClusterCapacityProvidersRequest__Output } from './berth/v1/PutClusterCapacityProvidersRequest.js';
import type { PutClusterCapacityProvidersResponse as _berth_v1_PutClusterCapacityProvidersResponse, PutClusterCapacityProvidersResponse__Output as _berth_v1_PutClusterCapacityProvidersResponse__Output } from './berth/v1/PutClusterCapacityProvidersResponse.js';
import type { Reconnect as _berth_v1_Reconnect, Reconnect__Output as _berth_v1_Reconnect__Output } from './berth/v1/Reconnect.js';
import type { RegisterContainerInstanceRequest as _berth_v1_RegisterContainerInstanceRequest, RegisterContainerInstanceRequest__Output as _berth_v1_RegisterContainerInstanceRequest__Output } from './berth/v1/RegisterContainerInstanceRequest.js';
import type { RegisterContainerInstanceResponse as _berth_v1_RegisterContainerInstanceResponse, RegisterContainerInstanceResponse__Output as _berth_v1_RegisterContainerInstanceResponse__Output } from './berth/v1/RegisterContainerInstanceResponse.js';
import type { RegisterDaemonTaskDefinitionRequest as _berth_v1_RegisterDaemonTaskDefinitionRequest, RegisterDaemonTaskDefinitionRequest__Output as _berth_v1_RegisterDaemonTaskDefinitionRequest__Output } from './berth/v1/RegisterDaemonTaskDefinitionRequest.js';
import type { RegisterDaemonTaskDefinitionResponse as _berth_v1_RegisterDaemonTaskDefinitionResponse, RegisterDaemonTaskDefinitionResponse__Output as _berth_v1_RegisterDaemonTaskDefinitionResponse__Output } from './berth/v1/RegisterDaemonTaskDefinitionResponse.js';
import type { RegisterTaskDefinitionRequest as _berth_v1_RegisterTaskDefinitionRequest, RegisterTaskDefinitionRequest__Output as _berth_v1_RegisterTaskDefinitionRequest__Output } from './berth/v1/RegisterTaskDefinitionRequest.js';
import type { RegisterTaskDefinitionResponse as _berth_v1_RegisterTaskDefinitionResponse, RegisterTaskDefinitionResponse__Output as _berth_v1_RegisterTaskDefinitionResponse__Output } from './berth/v1/RegisterTaskDefinitionResponse.js';
import type { ReportAck as _berth_v1_ReportAck, ReportAck__Output as _berth_v1_ReportAck__Output } from './berth/v1/ReportAck.js';
import type { RepositoryCredentials as _berth_v1_RepositoryCredentials, RepositoryCredentials__Output as _berth_v1_RepositoryCredentials__Output } from './berth/v1/RepositoryCredentials.js';
import type { ResolvedConfiguration as _berth_v1_ResolvedConfiguration, ResolvedConfiguration__Output as _berth_v1_ResolvedConfiguration__Output } from './berth/v1/ResolvedConfiguration.js';
import type { Resource as _berth_v1_Resource, Resource__Output as _berth_v1_Resource__Output } from './berth/v1/Resource.js';
import type { ResourceRequirement as _berth_v1_ResourceRequirement, ResourceRequirement__Output as _berth_v1_ResourceRequirement__Output } from './berth/v1/ResourceRequirement.js';
import type { Rollback as _berth_v1_Rollback, Rollback__Output as _berth_v1_Rollback__Output } from './berth/v1/Rollback.js';
import type { RunTaskRequest as _berth_v1_RunTaskRequest, RunTaskRequest__Output as _berth_v1_RunTaskRequest__Output } from './berth/v1/RunTaskRequest.js';
import type { RunTaskResponse as _berth_v1_RunTaskResponse, RunTaskResponse__Output as _berth_v1_RunTaskResponse__Output } from './berth/v1/RunTaskResponse.js';
import type { RuntimePlatform as _berth_v1_RuntimePlatform, RuntimePlatform__Output as _berth_v1_RuntimePlatform__Output } from './berth/v1/RuntimePlatform.js';
import type { RuntimePlatformOverride as _berth_v1_RuntimePlatformOverride, RuntimePlatformOverride__Output as _berth_v1_RuntimePlatformOverride__Output } from './berth/v1/RuntimePlatformOverride.js';
import type { S3FilesVolumeConfiguration as _berth_v1_S3FilesVolumeConfiguration, S3FilesVolumeConfiguration__Output as _berth_v1_S3FilesVolumeConfiguration__Output } from './berth/v1/S3FilesVolumeConfiguration.js';
import type { Scale as _berth_v1_Scale, Scale__Output as _berth_v1_Scale__Output } from './berth/v1/Scale.js';
import type { Secret as _berth_v1_Secret, Secret__Output as _berth_v1_Secret__Output } from './berth/v1/Secret.js';
import type { SecretsRequest as _berth_v1_SecretsRequest, SecretsRequest__Output as _berth_v1_SecretsRequest__Output } from './berth/v1/SecretsRequest.js';
import type { ServerMessage as _berth_v1_ServerMessage, ServerMessage__Output as _berth_v1_ServerMessage__Output } from './berth/v1/ServerMessage.js';
import type { Service as _berth_v1_Service, Service__Output as _berth_v1_Service__Output } from './berth/v1/Service.js';
import type { ServiceConnectAccessLogConfiguration as _berth_v1_ServiceConnectAccessLogConfiguration, ServiceConnectAccessLogConfiguration__Output as _berth_v1_ServiceConnectAccessLogConfiguration__Output } from './berth/v1/ServiceConnectAccessLogConfiguration.js';
import type { ServiceConnectClientAlias as _berth_v1_ServiceConnectClientAlias, ServiceConnectClientAlias__Output as _berth_v1_ServiceConnectClientAlias__Output } from './berth/v1/ServiceConnectClientAlias.js';
import type { ServiceConnectConfiguration as _berth_v1_ServiceConnectConfiguration, ServiceConnectConfiguration__Output as _berth_v1_ServiceConnectConfiguration__Output } from './berth/v1/ServiceConnectConfiguration.js';
import type { ServiceConnectService as _berth_v1_ServiceConnectService, ServiceConnectService__Output as _berth_v1_ServiceConnectService__Output } from './berth/v1/ServiceConnectService.js';
import type { ServiceConnectServiceResource as _berth_v1_ServiceConnectServiceResource, ServiceConnectServiceResource__Output as _berth_v1_ServiceConnectServiceResource__Output } from './berth/v1/ServiceConnectServiceResource.js';
import type { ServiceConnectTestTrafficHeaderMatchRules as _berth_v1_ServiceConnectTestTrafficHeaderMatchRules, ServiceConnectTestTrafficHeaderMatchRules__Output as _berth_v1_ServiceConnectTestTrafficHeaderMatchRules__Output } from './berth/v1/ServiceConnectTestTrafficHeaderMatchRules.js';
import type { ServiceConnectTestTrafficHeaderRules as _berth_v1_ServiceConnectTestTrafficHeaderRules, ServiceConnectTestTrafficHeaderRules__Output as _berth_v1_ServiceConnectTestTrafficHeaderRules__Output } from './berth/v1/ServiceConnectTestTrafficHeaderRules.js';
import type { ServiceConnectTestTrafficRules as _berth_v1_ServiceConnectTestTrafficRules, ServiceConnectTestTrafficRules__Output as _berth_v1_ServiceConnectTestTrafficRules__Output } from './berth/v1/ServiceConnectTestTrafficRules.js';
import type { ServiceConnectTlsCertificateAuthority as _berth_v1_ServiceConnectTlsCertificateAuthority, ServiceConnectTlsCertificateAuthority__Output as _berth_v1_ServiceConnectTlsCertificateAuthority__Output } from './berth/v1/ServiceConnectTlsCertificateAuthority.js';
import type { ServiceConnectTlsConfiguration as _berth_v1_ServiceConnectTlsConfiguration, ServiceConnectTlsConfiguration__Output as _berth_v1_ServiceConnectTlsConfiguration__Output } from './berth/v1/ServiceConnectTlsConfiguration.js';
import type { ServiceCurrentRevisionSummary as _berth_v1_ServiceCurrentRevisionSummary, ServiceCurrentRevisionSummary__Output as _berth_v1_ServiceCurrentRevisionSummary__Output } from './berth/v1/ServiceCurrentRevisionSummary.js';
import type { ServiceDeployment as _berth_v1_ServiceDeployment, ServiceDeployment__Output as _berth_v1_ServiceDeployment__Output } from './berth/v1/ServiceDeployment.js';
import type { ServiceDeploymentAlarms as _berth_v1_ServiceDeploymentAlarms, ServiceDeploymentAlarms__Output as _berth_v1_ServiceDeploymentAlarms__Output } from './berth/v1/ServiceDeploymentAlarms.js';
import type { ServiceDeploymentBrief as _berth_v1_ServiceDeploymentBrief, ServiceDeploymentBrief__Output as _berth_v1_ServiceDeploymentBrief__Output } from './berth/v1/ServiceDeploymentBrief.js';
import type { ServiceDeploymentCircuitBreaker as _berth_v1_ServiceDeploymentCircuitBreaker, ServiceDeploymentCircuitBreaker__Output as _berth_v1_ServiceDeploymentCircuitBreaker__Output } from './berth/v1/ServiceDeploymentCircuitBreaker.js';
import type { ServiceEvent as _berth_v1_ServiceEvent, ServiceEvent__Output as _berth_v1_ServiceEvent__Output } from './berth/v1/ServiceEvent.js';
import type { ServiceManagedEBSVolumeConfiguration as _berth_v1_ServiceManagedEBSVolumeConfiguration, ServiceManagedEBSVolumeConfiguration__Output as _berth_v1_ServiceManagedEBSVolumeConfiguration__Output } from './berth/v1/ServiceManagedEBSVolumeConfiguration.js';
import type { ServiceRegistry as _berth_v1_ServiceRegistry, ServiceRegistry__Output as _berth_v1_ServiceRegistry__Output } from './berth/v1/ServiceRegistry.js';
import type { ServiceRevision as _berth_v1_ServiceRevision, ServiceRevision__Output as _berth_v1_ServiceRevision__Output } from './berth/v1/ServiceRevision.js';
import type { ServiceRevisionLoadBalancer as _berth_v1_ServiceRevisionLoadBalancer, ServiceRevisionLoadBalancer__Output as _berth_v1_ServiceRevisionLoadBalancer__Output } from './berth/v1/ServiceRevisionLoadBalancer.js';
import type { ServiceRevisionOverrides as _berth_v1_ServiceRevisionOverrides, ServiceRevisionOverrides__Output as _berth_v1_ServiceRevisionOverrides__Output } from './berth/v1/ServiceRevisionOverrides.js';
import type { ServiceRevisionSummary as _berth_v1_ServiceRevisionSummary, ServiceRevisionSummary__Output as _berth_v1_ServiceRevisionSummary__Output } from './berth/v1/ServiceRevisionSummary.js';
import type { ServiceVolumeConfiguration as _berth_v1_ServiceVolumeConfiguration, ServiceVolumeConfiguration__Output as _berth_v1_ServiceVolumeConfiguration__Output } from './berth/v1/ServiceVolumeConfiguration.js';
import type { Session as _berth_v1_Session, Session__Output as _berth_v1_Session__Output } from './berth/v1/Session.js';
import type { SessionWelcome as _berth_v1_SessionWelcome, SessionWelcome__Output as _berth_v1_SessionWelcome__Output } from './berth/v1/SessionWelcome.js';
import type { Setting as _berth_v1_Setting, Setting__Output as _berth_v1_Setting__Output } from './berth/v1/Setting.js';
import type { StartTaskRequest as _berth_v1_StartTaskRequest, StartTaskRequest__Output as _berth_v1_StartTaskRequest__Output } from './berth/v1/StartTaskRequest.js';
import type { StartTaskResponse as _berth_v1_StartTaskResponse, StartTaskResponse__Output as _berth_v1_StartTaskResponse__Output } from './berth/v1/StartTaskResponse.js';
import type { StopServiceDeploymentRequest as _berth_v1_StopServiceDeploymentRequest, StopServiceDeploymentRequest__Output as _berth_v1_StopServiceDeploymentRequest__Output } from './berth/v1/StopServiceDeploymentRequest.js';
import type { StopServiceDeploymentResponse as _berth_v1_StopServiceDeploymentResponse, StopServiceDeploymentResponse__Output as _berth_v1_StopServiceDeploymentResponse__Output } from './berth/v1/StopServiceDeploymentResponse.js';
import type { StopTaskRequest as _berth_v1_StopTaskRequest, StopTaskRequest__Output as _berth_v1_StopTaskRequest__Output } from './berth/v1/StopTaskRequest.js';
import type { StopTaskResponse as _berth_v1_StopTaskResponse, StopTaskResponse__Output as _berth_v1_StopTaskResponse__Output } from './berth/v1/StopTaskResponse.js';
import type { SubmitAttachmentStateChangesRequest as _berth_v1_SubmitAttachmentStateChangesRequest, SubmitAttachmentStateChangesRequest__Output as _berth_v1_SubmitAttachmentStateChangesRequest__Output } from './berth/v1/SubmitAttachmentStateChangesRequest.js';
import type { SubmitAttachmentStateChangesResponse as _berth_v1_SubmitAttachmentStateChangesResponse, SubmitAttachmentStateChangesResponse__Output as _berth_v1_SubmitAttachmentStateChangesResponse__Output } from './berth/v1/SubmitAttachmentStateChangesResponse.js';
import type { SubmitContainerStateChangeRequest as _berth_v1_SubmitContainerStateChangeRequest, SubmitContainerStateChangeRequest__Output as _berth_v1_SubmitContainerStateChangeRequest__Output } from './berth/v1/SubmitContainerStateChangeRequest.js';
import type { SubmitContainerStateChangeResponse as _berth_v1_SubmitContainerStateChangeResponse, SubmitContainerStateChangeResponse__Output as _berth_v1_SubmitContainerStateChangeResponse__Output } from './berth/v1/SubmitContainerStateChangeResponse.js';
import type { SubmitTaskStateChangeRequest as _berth_v1_SubmitTaskStateChangeRequest, SubmitTaskStateChangeRequest__Output as _berth_v1_SubmitTaskStateChangeRequest__Output } from './berth/v1/SubmitTaskStateChangeRequest.js';
import type { SubmitTaskStateChangeResponse as _berth_v1_SubmitTaskStateChangeResponse, SubmitTaskStateChangeResponse__Output as _berth_v1_SubmitTaskStateChangeResponse__Output } from './berth/v1/SubmitTaskStateChangeResponse.js';
import type { SystemControl as _berth_v1_SystemControl, SystemControl__Output as _berth_v1_SystemControl__Output } from './berth/v1/SystemControl.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from './berth/v1/Tag.js';
import type { TagResourceRequest as _berth_v1_TagResourceRequest, TagResourceRequest__Output as _berth_v1_TagResourceRequest__Output } from './berth/v1/TagResourceRequest.js';
import type { TagResourceResponse as _berth_v1_TagResourceResponse, TagResourceResponse__Output as _berth_v1_TagResourceResponse__Output } from './berth/v1/TagResourceResponse.js';
import type { Task as _berth_v1_Task, Task__Output as _berth_v1_Task__Output } from './berth/v1/Task.js';
import type { TaskAssignment as _berth_v1_TaskAssignment, TaskAssignment__Output as _berth_v1_TaskAssignment__Output } from './berth/v1/TaskAssignment.js';
import type { TaskCredentials as _berth_v1_TaskCredentials, TaskCredentials__Output as _berth_v1_TaskCredentials__Output } from './berth/v1/TaskCredentials.js';
import type { TaskDefinition as _berth_v1_TaskDefinition, TaskDefinition__Output as _berth_v1_TaskDefinition__Output } from './berth/v1/TaskDefinition.js';
import type { TaskDefinitionPlacementConstraint as _berth_v1_TaskDefinitionPlacementConstraint, TaskDefinitionPlacementConstraint__Output as _berth_v1_TaskDefinitionPlacementConstraint__Output } from './berth/v1/TaskDefinitionPlacementConstraint.js';
import type { TaskEphemeralStorage as _berth_v1_TaskEphemeralStorage, TaskEphemeralStorage__Output as _berth_v1_TaskEphemeralStorage__Output } from './berth/v1/TaskEphemeralStorage.js';
import type { TaskManagedEBSVolumeConfiguration as _berth_v1_TaskManagedEBSVolumeConfiguration, TaskManagedEBSVolumeConfiguration__Output as _berth_v1_TaskManagedEBSVolumeConfiguration__Output } from './berth/v1/TaskManagedEBSVolumeConfiguration.js';
import type { TaskManagedEBSVolumeTerminationPolicy as _berth_v1_TaskManagedEBSVolumeTerminationPolicy, TaskManagedEBSVolumeTerminationPolicy__Output as _berth_v1_TaskManagedEBSVolumeTerminationPolicy__Output } from './berth/v1/TaskManagedEBSVolumeTerminationPolicy.js';
import type { TaskOverride as _berth_v1_TaskOverride, TaskOverride__Output as _berth_v1_TaskOverride__Output } from './berth/v1/TaskOverride.js';
import type { TaskProtectionAnswer as _berth_v1_TaskProtectionAnswer, TaskProtectionAnswer__Output as _berth_v1_TaskProtectionAnswer__Output } from './berth/v1/TaskProtectionAnswer.js';
import type { TaskProtectionRequest as _berth_v1_TaskProtectionRequest, TaskProtectionRequest__Output as _berth_v1_TaskProtectionRequest__Output } from './berth/v1/TaskProtectionRequest.js';
import type { TaskSecrets as _berth_v1_TaskSecrets, TaskSecrets__Output as _berth_v1_TaskSecrets__Output } from './berth/v1/TaskSecrets.js';
import type { TaskSet as _berth_v1_TaskSet, TaskSet__Output as _berth_v1_TaskSet__Output } from './berth/v1/TaskSet.js';
import type { TaskStateReport as _berth_v1_TaskStateReport, TaskStateReport__Output as _berth_v1_TaskStateReport__Output } from './berth/v1/TaskStateReport.js';
import type { TaskStreamEnd as _berth_v1_TaskStreamEnd, TaskStreamEnd__Output as _berth_v1_TaskStreamEnd__Output } from './berth/v1/TaskStreamEnd.js';
import type { TaskStreamFrame as _berth_v1_TaskStreamFrame, TaskStreamFrame__Output as _berth_v1_TaskStreamFrame__Output } from './berth/v1/TaskStreamFrame.js';
import type { TaskStreamOpen as _berth_v1_TaskStreamOpen, TaskStreamOpen__Output as _berth_v1_TaskStreamOpen__Output } from './berth/v1/TaskStreamOpen.js';
import type { TaskVolumeConfiguration as _berth_v1_TaskVolumeConfiguration, TaskVolumeConfiguration__Output as _berth_v1_TaskVolumeConfiguration__Output } from './berth/v1/TaskVolumeConfiguration.js';
import type { TerminalSize as _berth_v1_TerminalSize, TerminalSize__Output as _berth_v1_TerminalSize__Output } from './berth/v1/TerminalSize.js';
import type { ThresholdConfiguration as _berth_v1_ThresholdConfiguration, ThresholdConfiguration__Output as _berth_v1_ThresholdConfiguration__Output } from './berth/v1/ThresholdConfiguration.js';
import type { TimeoutConfiguration as _berth_v1_TimeoutConfiguration, TimeoutConfiguration__Output as _berth_v1_TimeoutConfiguration__Output } from './berth/v1/TimeoutConfiguration.js';
import type { Tmpfs as _berth_v1_Tmpfs, Tmpfs__Output as _berth_v1_Tmpfs__Output } from './berth/v1/Tmpfs.js';
import type { TotalLocalStorageGBRequest as _berth_v1_TotalLocalStorageGBRequest, TotalLocalStorageGBRequest__Output as _berth_v1_TotalLocalStorageGBRequest__Output } from './berth/v1/TotalLocalStorageGBRequest.js';
import type { Ulimit as _berth_v1_Ulimit, Ulimit__Output as _berth_v1_Ulimit__Output } from './berth/v1/Ulimit.js';
import type { UntagResourceRequest as _berth_v1_UntagResourceRequest, UntagResourceRequest__Output as _berth_v1_UntagResourceRequest__Output } from './berth/v1/UntagResourceRequest.js';
import type { UntagResourceResponse as _berth_v1_UntagResourceResponse, UntagResourceResponse__Output as _berth_v1_UntagResourceResponse__Output } from './berth/v1/UntagResourceResponse.js';
import type { UpdateCapacityProviderRequest as _berth_v1_UpdateCapacityProviderRequest, UpdateCapacityProviderRequest__Output as _berth_v1_UpdateCapacityProviderRequest__Output } from './berth/v1/UpdateCapacityProviderRequest.js';
import type { UpdateCapacityProviderResponse as _berth_v1_UpdateCapacityProviderResponse, UpdateCapacityProviderResponse__Output as _berth_v1_UpdateCapacityProviderResponse__Output } from './berth/v1/UpdateCapacityProviderResponse.js';
import type { UpdateClusterRequest as _berth_v1_UpdateClusterRequest, UpdateClusterRequest__Output as _berth_v1_UpdateClusterRequest__Output } from './berth/v1/UpdateClusterRequest.js';
import type { UpdateClusterResponse as _berth_v1_UpdateClusterResponse, UpdateClusterResponse__Output as _berth_v1_UpdateClusterResponse__Output } from './berth/v1/UpdateClusterResponse.js';
import type { UpdateClusterSettingsRequest as _berth_v1_UpdateClusterSettingsRequest, UpdateClusterSettingsRequest__Output as _berth_v1_UpdateClusterSettingsRequest__Output } from './berth/v1/UpdateClusterSettingsRequest.js';
import type { UpdateClusterSettingsResponse as _berth_v1_UpdateClusterSettingsResponse, UpdateClusterSettingsResponse__Output as _berth_v1_UpdateClusterSettingsResponse__Output } from './berth/v1/UpdateClusterSettingsResponse.js';
import type { UpdateContainerAgentRequest as _berth_v1_UpdateContainerAgentRequest, UpdateContainerAgentRequest__Output as _berth_v1_UpdateContainerAgentRequest__Output } from './berth/v1/UpdateContainerAgentRequest.js';
import type { UpdateContainerAgentResponse as _berth_v1_UpdateContainerAgentResponse, UpdateContainerAgentResponse__Output as _berth_v1_UpdateContainerAgentResponse__Output } from './berth/v1/UpdateContainerAgentResponse.js';
import type { UpdateContainerInstancesStateRequest as _berth_v1_UpdateContainerInstancesStateRequest, UpdateContainerInstancesStateRequest__Output as _berth_v1_UpdateContainerInstancesStateRequest__Output } from './berth/v1/UpdateContainerInstancesStateRequest.js';
import type { UpdateContainerInstancesStateResponse as _berth_v1_UpdateContainerInstancesStateResponse, UpdateContainerInstancesStateResponse__Output as _berth_v1_UpdateContainerInstancesStateResponse__Output } from './berth/v1/UpdateContainerInstancesStateResponse.js';
import type { UpdateDaemonRequest as _berth_v1_UpdateDaemonRequest, UpdateDaemonRequest__Output as _berth_v1_UpdateDaemonRequest__Output } from './berth/v1/UpdateDaemonRequest.js';
import type { UpdateDaemonResponse as _berth_v1_UpdateDaemonResponse, UpdateDaemonResponse__Output as _berth_v1_UpdateDaemonResponse__Output } from './berth/v1/UpdateDaemonResponse.js';
import type { UpdateExpressGatewayServiceRequest as _berth_v1_UpdateExpressGatewayServiceRequest, UpdateExpressGatewayServiceRequest__Output as _berth_v1_UpdateExpressGatewayServiceRequest__Output } from './berth/v1/UpdateExpressGatewayServiceRequest.js';
import type { UpdateExpressGatewayServiceResponse as _berth_v1_UpdateExpressGatewayServiceResponse, UpdateExpressGatewayServiceResponse__Output as _berth_v1_UpdateExpressGatewayServiceResponse__Output } from './berth/v1/UpdateExpressGatewayServiceResponse.js';
import type { UpdateManagedInstancesProviderConfiguration as _berth_v1_UpdateManagedInstancesProviderConfiguration, UpdateManagedInstancesProviderConfiguration__Output as _berth_v1_UpdateManagedInstancesProviderConfiguration__Output } from './berth/v1/UpdateManagedInstancesProviderConfiguration.js';
import type { UpdateServicePrimaryTaskSetRequest as _berth_v1_UpdateServicePrimaryTaskSetRequest, UpdateServicePrimaryTaskSetRequest__Output as _berth_v1_UpdateServicePrimaryTaskSetRequest__Output } from './berth/v1/UpdateServicePrimaryTaskSetRequest.js';
import type { UpdateServicePrimaryTaskSetResponse as _berth_v1_UpdateServicePrimaryTaskSetResponse, UpdateServicePrimaryTaskSetResponse__Output as _berth_v1_UpdateServicePrimaryTaskSetResponse__Output } from './berth/v1/UpdateServicePrimaryTaskSetResponse.js';
import type { UpdateServiceRequest as _berth_v1_UpdateServiceRequest, UpdateServiceRequest__Output as _berth_v1_UpdateServiceRequest__Output } from './berth/v1/UpdateServiceRequest.js';
import type { UpdateServiceResponse as _berth_v1_UpdateServiceResponse, UpdateServiceResponse__Output as _berth_v1_UpdateServiceResponse__Output } from './berth/v1/UpdateServiceResponse.js';
import type { UpdateTaskProtectionRequest as _berth_v1_UpdateTaskProtectionRequest, UpdateTaskProtectionRequest__Output as _berth_v1_UpdateTaskProtectionRequest__Output } from './berth/v1/UpdateTaskProtectionRequest.js';
import type { UpdateTaskProtectionResponse as _berth_v1_UpdateTaskProtectionResponse, UpdateTaskProtectionResponse__Output as _berth_v1_UpdateTaskProtectionResponse__Output } from './berth/v1/UpdateTaskProtectionResponse.js';
import type { UpdateTaskSetRequest as _berth_v1_UpdateTaskSetRequest, UpdateTaskSetRequest__Output as _berth_v1_UpdateTaskSetRequest__Output } from './berth/v1/UpdateTaskSetRequest.js';
import type { UpdateTaskSetResponse as _berth_v1_UpdateTaskSetResponse, UpdateTaskSetResponse__Output as _berth_v1_UpdateTaskSetResponse__Output } from './berth/v1/UpdateTaskSetResponse.js';
import type { UpdatedExpressGatewayService as _berth_v1_UpdatedExpressGatewayService, UpdatedExpressGatewayService__Output as _berth_v1_UpdatedExpressGatewayService__Output } from './berth/v1/UpdatedExpressGatewayService.js';
import type { VCpuCountRangeRequest as _berth_v1_VCpuCountRangeRequest, VCpuCountRangeRequest__Output as _berth_v1_VCpuCountRangeRequest__Output } from './berth/v1/VCpuCountRangeRequest.js';
import type { VersionInfo as _berth_v1_VersionInfo, VersionInfo__Output as _berth_v1_VersionInfo__Output } from './berth/v1/VersionInfo.js';
import type { Volume as _berth_v1_Volume, Volume__Output as _berth_v1_Volume__Output } from './berth/v1/Volume.js';
import type { VolumeFrom as _berth_v1_VolumeFrom, VolumeFrom__Output as _berth_v1_VolumeFrom__Output } from './berth/v1/VolumeFrom.js';
import type { VpcLatticeConfiguration as _berth_v1_VpcLatticeConfiguration, VpcLatticeConfiguration__Output as _berth_v1_VpcLatticeConfiguration__Output } from './berth/v1/VpcLatticeConfiguration.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      AcceleratorCountRequest: MessageTypeDefinition<_berth_v1_AcceleratorCountRequest, _berth_v1_AcceleratorCountRequest__Output>
      AcceleratorTotalMemoryMiBRequest: MessageTypeDefinition<_berth_v1_AcceleratorTotalMemoryMiBRequest, _berth_v1_AcceleratorTotalMemoryMiBRequest__Output>
      AdvancedConfiguration: MessageTypeDefinition<_berth_v1_AdvancedConfiguration, _berth_v1_AdvancedConfiguration__Output>
      AgentHello: MessageTypeDefinition<_berth_v1_AgentHello, _berth_v1_AgentHello__Output>
      AgentMessage: MessageTypeDefinition<_berth_v1_AgentMessage, _berth_v1_AgentMessage__Output>
      AgentService: SubtypeConstructor<typeof grpc.Client, _berth_v1_AgentServiceClient> & { service: _berth_v1_AgentServiceDefinition }
      AssignmentAck: MessageTypeDefinition<_berth_v1_AssignmentAck, _berth_v1_AssignmentAck__Output>
      AssignmentBatch: MessageTypeDefinition<_berth_v1_AssignmentBatch, _berth_v1_AssignmentBatch__Output>
      Attachment: MessageTypeDefinition<_berth_v1_Attachment, _berth_v1_Attachment__Output>
      AttachmentStateChange: MessageTypeDefinition<_berth_v1_AttachmentStateChange, _berth_v1_AttachmentStateChange__Output>
      Attribute: MessageTypeDefinition<_berth_v1_Attribute, _berth_v1_Attribute__Output>
      AutoRepairConfiguration: MessageTypeDefinition<_berth_v1_AutoRepairConfiguration, _berth_v1_AutoRepairConfiguration__Output>
      AutoScalingGroupProvider: MessageTypeDefinition<_berth_v1_AutoScalingGroupProvider, _berth_v1_AutoScalingGroupProvider__Output>
      AutoScalingGroupProviderUpdate: MessageTypeDefinition<_berth_v1_AutoScalingGroupProviderUpdate, _berth_v1_AutoScalingGroupProviderUpdate__Output>
      AwsVpcConfiguration: MessageTypeDefinition<_berth_v1_AwsVpcConfiguration, _berth_v1_AwsVpcConfiguration__Output>
      BaselineEbsBandwidthMbpsRequest: MessageTypeDefinition<_berth_v1_BaselineEbsBandwidthMbpsRequest, _berth_v1_BaselineEbsBandwidthMbpsRequest__Output>
      CanaryConfiguration: MessageTypeDefinition<_berth_v1_CanaryConfiguration, _berth_v1_CanaryConfiguration__Output>
      CapacityProvider: MessageTypeDefinition<_berth_v1_CapacityProvider, _berth_v1_CapacityProvider__Output>
      CapacityProviderStrategyItem: MessageTypeDefinition<_berth_v1_CapacityProviderStrategyItem, _berth_v1_CapacityProviderStrategyItem__Output>
      CapacityReservationRequest: MessageTypeDefinition<_berth_v1_CapacityReservationRequest, _berth_v1_CapacityReservationRequest__Output>
      Cluster: MessageTypeDefinition<_berth_v1_Cluster, _berth_v1_Cluster__Output>
      ClusterConfiguration: MessageTypeDefinition<_berth_v1_ClusterConfiguration, _berth_v1_ClusterConfiguration__Output>
      ClusterServiceConnectDefaults: MessageTypeDefinition<_berth_v1_ClusterServiceConnectDefaults, _berth_v1_ClusterServiceConnectDefaults__Output>
      ClusterServiceConnectDefaultsRequest: MessageTypeDefinition<_berth_v1_ClusterServiceConnectDefaultsRequest, _berth_v1_ClusterServiceConnectDefaultsRequest__Output>
      ClusterSetting: MessageTypeDefinition<_berth_v1_ClusterSetting, _berth_v1_ClusterSetting__Output>
      Container: MessageTypeDefinition<_berth_v1_Container, _berth_v1_Container__Output>
      ContainerDefinition: MessageTypeDefinition<_berth_v1_ContainerDefinition, _berth_v1_ContainerDefinition__Output>
      ContainerDependency: MessageTypeDefinition<_berth_v1_ContainerDependency, _berth_v1_ContainerDependency__Output>
      ContainerHealth: MessageTypeDefinition<_berth_v1_ContainerHealth, _berth_v1_ContainerHealth__Output>
      ContainerImage: MessageTypeDefinition<_berth_v1_ContainerImage, _berth_v1_ContainerImage__Output>
      ContainerInstance: MessageTypeDefinition<_berth_v1_ContainerInstance, _berth_v1_ContainerInstance__Output>
      ContainerInstanceHealthStatus: MessageTypeDefinition<_berth_v1_ContainerInstanceHealthStatus, _berth_v1_ContainerInstanceHealthStatus__Output>
      ContainerOverride: MessageTypeDefinition<_berth_v1_ContainerOverride, _berth_v1_ContainerOverride__Output>
      ContainerRestartPolicy: MessageTypeDefinition<_berth_v1_ContainerRestartPolicy, _berth_v1_ContainerRestartPolicy__Output>
      ContainerSecrets: MessageTypeDefinition<_berth_v1_ContainerSecrets, _berth_v1_ContainerSecrets__Output>
      ContainerStateChange: MessageTypeDefinition<_berth_v1_ContainerStateChange, _berth_v1_ContainerStateChange__Output>
      ContainerStatistics: MessageTypeDefinition<_berth_v1_ContainerStatistics, _berth_v1_ContainerStatistics__Output>
      ContinueServiceDeploymentRequest: MessageTypeDefinition<_berth_v1_ContinueServiceDeploymentRequest, _berth_v1_ContinueServiceDeploymentRequest__Output>
      ContinueServiceDeploymentResponse: MessageTypeDefinition<_berth_v1_ContinueServiceDeploymentResponse, _berth_v1_ContinueServiceDeploymentResponse__Output>
      CreateCapacityProviderRequest: MessageTypeDefinition<_berth_v1_CreateCapacityProviderRequest, _berth_v1_CreateCapacityProviderRequest__Output>
      CreateCapacityProviderResponse: MessageTypeDefinition<_berth_v1_CreateCapacityProviderResponse, _berth_v1_CreateCapacityProviderResponse__Output>
      CreateClusterRequest: MessageTypeDefinition<_berth_v1_CreateClusterRequest, _berth_v1_CreateClusterRequest__Output>
      CreateClusterResponse: MessageTypeDefinition<_berth_v1_CreateClusterResponse, _berth_v1_CreateClusterResponse__Output>
      CreateDaemonRequest: MessageTypeDefinition<_berth_v1_CreateDaemonRequest, _berth_v1_CreateDaemonRequest__Output>
      CreateDaemonResponse: MessageTypeDefinition<_berth_v1_CreateDaemonResponse, _berth_v1_CreateDaemonResponse__Output>
      CreateExpressGatewayServiceRequest: MessageTypeDefinition<_berth_v1_CreateExpressGatewayServiceRequest, _berth_v1_CreateExpressGatewayServiceRequest__Output>
      CreateExpressGatewayServiceResponse: MessageTypeDefinition<_berth_v1_CreateExpressGatewayServiceResponse, _berth_v1_CreateExpressGatewayServiceResponse__Output>
      CreateManagedInstancesProviderConfiguration: MessageTypeDefinition<_berth_v1_CreateManagedInstancesProviderConfiguration, _berth_v1_CreateManagedInstancesProviderConfiguration__Output>
      CreateServiceRequest: MessageTypeDefinition<_berth_v1_CreateServiceRequest, _berth_v1_CreateServiceRequest__Output>
      CreateServiceResponse: MessageTypeDefinition<_berth_v1_CreateServiceResponse, _berth_v1_CreateServiceResponse__Output>
      CreateTaskSetRequest: MessageTypeDefinition<_berth_v1_CreateTaskSetRequest, _berth_v1_CreateTaskSetRequest__Output>
      CreateTaskSetResponse: MessageTypeDefinition<_berth_v1_CreateTaskSetResponse, _berth_v1_CreateTaskSetResponse__Output>
      CreatedAt: MessageTypeDefinition<_berth_v1_CreatedAt, _berth_v1_CreatedAt__Output>
      CredentialsRequest: MessageTypeDefinition<_berth_v1_CredentialsRequest, _berth_v1_CredentialsRequest__Output>
      DaemonAlarmConfiguration: MessageTypeDefinition<_berth_v1_DaemonAlarmConfiguration, _berth_v1_DaemonAlarmConfiguration__Output>
      DaemonCapacityProvider: MessageTypeDefinition<_berth_v1_DaemonCapacityProvider, _berth_v1_DaemonCapacityProvider__Output>
      DaemonCircuitBreaker: MessageTypeDefinition<_berth_v1_DaemonCircuitBreaker, _berth_v1_DaemonCircuitBreaker__Output>
      DaemonContainerDefinition: MessageTypeDefinition<_berth_v1_DaemonContainerDefinition, _berth_v1_DaemonContainerDefinition__Output>
      DaemonContainerImage: MessageTypeDefinition<_berth_v1_DaemonContainerImage, _berth_v1_DaemonContainerImage__Output>
      DaemonDeployment: MessageTypeDefinition<_berth_v1_DaemonDeployment, _berth_v1_DaemonDeployment__Output>
      DaemonDeploymentAlarms: MessageTypeDefinition<_berth_v1_DaemonDeploymentAlarms, _berth_v1_DaemonDeploymentAlarms__Output>
      DaemonDeploymentCapacityProvider: MessageTypeDefinition<_berth_v1_DaemonDeploymentCapacityProvider, _berth_v1_DaemonDeploymentCapacityProvider__Output>
      DaemonDeploymentConfiguration: MessageTypeDefinition<_berth_v1_DaemonDeploymentConfiguration, _berth_v1_DaemonDeploymentConfiguration__Output>
      DaemonDeploymentRevisionDetail: MessageTypeDefinition<_berth_v1_DaemonDeploymentRevisionDetail, _berth_v1_DaemonDeploymentRevisionDetail__Output>
      DaemonDeploymentSummary: MessageTypeDefinition<_berth_v1_DaemonDeploymentSummary, _berth_v1_DaemonDeploymentSummary__Output>
      DaemonDetail: MessageTypeDefinition<_berth_v1_DaemonDetail, _berth_v1_DaemonDetail__Output>
      DaemonLinuxParameters: MessageTypeDefinition<_berth_v1_DaemonLinuxParameters, _berth_v1_DaemonLinuxParameters__Output>
      DaemonRevision: MessageTypeDefinition<_berth_v1_DaemonRevision, _berth_v1_DaemonRevision__Output>
      DaemonRevisionDetail: MessageTypeDefinition<_berth_v1_DaemonRevisionDetail, _berth_v1_DaemonRevisionDetail__Output>
      DaemonRollback: MessageTypeDefinition<_berth_v1_DaemonRollback, _berth_v1_DaemonRollback__Output>
      DaemonSummary: MessageTypeDefinition<_berth_v1_DaemonSummary, _berth_v1_DaemonSummary__Output>
      DaemonTaskDefinition: MessageTypeDefinition<_berth_v1_DaemonTaskDefinition, _berth_v1_DaemonTaskDefinition__Output>
      DaemonTaskDefinitionSummary: MessageTypeDefinition<_berth_v1_DaemonTaskDefinitionSummary, _berth_v1_DaemonTaskDefinitionSummary__Output>
      DaemonVolume: MessageTypeDefinition<_berth_v1_DaemonVolume, _berth_v1_DaemonVolume__Output>
      DeleteAccountSettingRequest: MessageTypeDefinition<_berth_v1_DeleteAccountSettingRequest, _berth_v1_DeleteAccountSettingRequest__Output>
      DeleteAccountSettingResponse: MessageTypeDefinition<_berth_v1_DeleteAccountSettingResponse, _berth_v1_DeleteAccountSettingResponse__Output>
      DeleteAttributesRequest: MessageTypeDefinition<_berth_v1_DeleteAttributesRequest, _berth_v1_DeleteAttributesRequest__Output>
      DeleteAttributesResponse: MessageTypeDefinition<_berth_v1_DeleteAttributesResponse, _berth_v1_DeleteAttributesResponse__Output>
      DeleteCapacityProviderRequest: MessageTypeDefinition<_berth_v1_DeleteCapacityProviderRequest, _berth_v1_DeleteCapacityProviderRequest__Output>
      DeleteCapacityProviderResponse: MessageTypeDefinition<_berth_v1_DeleteCapacityProviderResponse, _berth_v1_DeleteCapacityProviderResponse__Output>
      DeleteClusterRequest: MessageTypeDefinition<_berth_v1_DeleteClusterRequest, _berth_v1_DeleteClusterRequest__Output>
      DeleteClusterResponse: MessageTypeDefinition<_berth_v1_DeleteClusterResponse, _berth_v1_DeleteClusterResponse__Output>
      DeleteDaemonRequest: MessageTypeDefinition<_berth_v1_DeleteDaemonRequest, _berth_v1_DeleteDaemonRequest__Output>
      DeleteDaemonResponse: MessageTypeDefinition<_berth_v1_DeleteDaemonResponse, _berth_v1_DeleteDaemonResponse__Output>
      DeleteDaemonTaskDefinitionRequest: MessageTypeDefinition<_berth_v1_DeleteDaemonTaskDefinitionRequest, _berth_v1_DeleteDaemonTaskDefinitionRequest__Output>
      DeleteDaemonTaskDefinitionResponse: MessageTypeDefinition<_berth_v1_DeleteDaemonTaskDefinitionResponse, _berth_v1_DeleteDaemonTaskDefinitionResponse__Output>
      DeleteExpressGatewayServiceRequest: MessageTypeDefinition<_berth_v1_DeleteExpressGatewayServiceRequest, _berth_v1_DeleteExpressGatewayServiceRequest__Output>
      DeleteExpressGatewayServiceResponse: MessageTypeDefinition<_berth_v1_DeleteExpressGatewayServiceResponse, _berth_v1_DeleteExpressGatewayServiceResponse__Output>
      DeleteServiceRequest: MessageTypeDefinition<_berth_v1_DeleteServiceRequest, _berth_v1_DeleteServiceRequest__Output>
      DeleteServiceResponse: MessageTypeDefinition<_berth_v1_DeleteServiceResponse, _berth_v1_DeleteServiceResponse__Output>
      DeleteTaskDefinitionsRequest: MessageTypeDefinition<_berth_v1_DeleteTaskDefinitionsRequest, _berth_v1_DeleteTaskDefinitionsRequest__Output>
      DeleteTaskDefinitionsResponse: MessageTypeDefinition<_berth_v1_DeleteTaskDefinitionsResponse, _berth_v1_DeleteTaskDefinitionsResponse__Output>
      DeleteTaskSetRequest: MessageTypeDefinition<_berth_v1_DeleteTaskSetRequest, _berth_v1_DeleteTaskSetRequest__Output>
      DeleteTaskSetResponse: MessageTypeDefinition<_berth_v1_DeleteTaskSetResponse, _berth_v1_DeleteTaskSetResponse__Output>
      Deployment: MessageTypeDefinition<_berth_v1_Deployment, _berth_v1_Deployment__Output>
      DeploymentAlarms: MessageTypeDefinition<_berth_v1_DeploymentAlarms, _berth_v1_DeploymentAlarms__Output>
      DeploymentCircuitBreaker: MessageTypeDefinition<_berth_v1_DeploymentCircuitBreaker, _berth_v1_DeploymentCircuitBreaker__Output>
      DeploymentConfiguration: MessageTypeDefinition<_berth_v1_DeploymentConfiguration, _berth_v1_DeploymentConfiguration__Output>
      DeploymentController: MessageTypeDefinition<_berth_v1_DeploymentController, _berth_v1_DeploymentController__Output>
      DeploymentEphemeralStorage: MessageTypeDefinition<_berth_v1_DeploymentEphemeralStorage, _berth_v1_DeploymentEphemeralStorage__Output>
      DeploymentLifecycleHook: MessageTypeDefinition<_berth_v1_DeploymentLifecycleHook, _berth_v1_DeploymentLifecycleHook__Output>
      DeploymentLifecycleHookDetail: MessageTypeDefinition<_berth_v1_DeploymentLifecycleHookDetail, _berth_v1_DeploymentLifecycleHookDetail__Output>
      DeploymentLifecycleHookTimeoutConfiguration: MessageTypeDefinition<_berth_v1_DeploymentLifecycleHookTimeoutConfiguration, _berth_v1_DeploymentLifecycleHookTimeoutConfiguration__Output>
      DeregisterContainerInstanceRequest: MessageTypeDefinition<_berth_v1_DeregisterContainerInstanceRequest, _berth_v1_DeregisterContainerInstanceRequest__Output>
      DeregisterContainerInstanceResponse: MessageTypeDefinition<_berth_v1_DeregisterContainerInstanceResponse, _berth_v1_DeregisterContainerInstanceResponse__Output>
      DeregisterTaskDefinitionRequest: MessageTypeDefinition<_berth_v1_DeregisterTaskDefinitionRequest, _berth_v1_DeregisterTaskDefinitionRequest__Output>
      DeregisterTaskDefinitionResponse: MessageTypeDefinition<_berth_v1_DeregisterTaskDefinitionResponse, _berth_v1_DeregisterTaskDefinitionResponse__Output>
      DescribeCapacityProvidersRequest: MessageTypeDefinition<_berth_v1_DescribeCapacityProvidersRequest, _berth_v1_DescribeCapacityProvidersRequest__Output>
      DescribeCapacityProvidersResponse: MessageTypeDefinition<_berth_v1_DescribeCapacityProvidersResponse, _berth_v1_DescribeCapacityProvidersResponse__Output>
      DescribeClustersRequest: MessageTypeDefinition<_berth_v1_DescribeClustersRequest, _berth_v1_DescribeClustersRequest__Output>
      DescribeClustersResponse: MessageTypeDefinition<_berth_v1_DescribeClustersResponse, _berth_v1_DescribeClustersResponse__Output>
      DescribeContainerInstancesRequest: MessageTypeDefinition<_berth_v1_DescribeContainerInstancesRequest, _berth_v1_DescribeContainerInstancesRequest__Output>
      DescribeContainerInstancesResponse: MessageTypeDefinition<_berth_v1_DescribeContainerInstancesResponse, _berth_v1_DescribeContainerInstancesResponse__Output>
      DescribeDaemonDeploymentsRequest: MessageTypeDefinition<_berth_v1_DescribeDaemonDeploymentsRequest, _berth_v1_DescribeDaemonDeploymentsRequest__Output>
      DescribeDaemonDeploymentsResponse: MessageTypeDefinition<_berth_v1_DescribeDaemonDeploymentsResponse, _berth_v1_DescribeDaemonDeploymentsResponse__Output>
      DescribeDaemonRequest: MessageTypeDefinition<_berth_v1_DescribeDaemonRequest, _berth_v1_DescribeDaemonRequest__Output>
      DescribeDaemonResponse: MessageTypeDefinition<_berth_v1_DescribeDaemonResponse, _berth_v1_DescribeDaemonResponse__Output>
      DescribeDaemonRevisionsRequest: MessageTypeDefinition<_berth_v1_DescribeDaemonRevisionsRequest, _berth_v1_DescribeDaemonRevisionsRequest__Output>
      DescribeDaemonRevisionsResponse: MessageTypeDefinition<_berth_v1_DescribeDaemonRevisionsResponse, _berth_v1_DescribeDaemonRevisionsResponse__Output>
      DescribeDaemonTaskDefinitionRequest: MessageTypeDefinition<_berth_v1_DescribeDaemonTaskDefinitionRequest, _berth_v1_DescribeDaemonTaskDefinitionRequest__Output>
      DescribeDaemonTaskDefinitionResponse: MessageTypeDefinition<_berth_v1_DescribeDaemonTaskDefinitionResponse, _berth_v1_DescribeDaemonTaskDefinitionResponse__Output>
      DescribeExpressGatewayServiceRequest: MessageTypeDefinition<_berth_v1_DescribeExpressGatewayServiceRequest, _berth_v1_DescribeExpressGatewayServiceRequest__Output>
      DescribeExpressGatewayServiceResponse: MessageTypeDefinition<_berth_v1_DescribeExpressGatewayServiceResponse, _berth_v1_DescribeExpressGatewayServiceResponse__Output>
      DescribeServiceDeploymentsRequest: MessageTypeDefinition<_berth_v1_DescribeServiceDeploymentsRequest, _berth_v1_DescribeServiceDeploymentsRequest__Output>
      DescribeServiceDeploymentsResponse: MessageTypeDefinition<_berth_v1_DescribeServiceDeploymentsResponse, _berth_v1_DescribeServiceDeploymentsResponse__Output>
      DescribeServiceRevisionsRequest: MessageTypeDefinition<_berth_v1_DescribeServiceRevisionsRequest, _berth_v1_DescribeServiceRevisionsRequest__Output>
      DescribeServiceRevisionsResponse: MessageTypeDefinition<_berth_v1_DescribeServiceRevisionsResponse, _berth_v1_DescribeServiceRevisionsResponse__Output>
      DescribeServicesRequest: MessageTypeDefinition<_berth_v1_DescribeServicesRequest, _berth_v1_DescribeServicesRequest__Output>
      DescribeServicesResponse: MessageTypeDefinition<_berth_v1_DescribeServicesResponse, _berth_v1_DescribeServicesResponse__Output>
      DescribeTaskDefinitionRequest: MessageTypeDefinition<_berth_v1_DescribeTaskDefinitionRequest, _berth_v1_DescribeTaskDefinitionRequest__Output>
      DescribeTaskDefinitionResponse: MessageTypeDefinition<_berth_v1_DescribeTaskDefinitionResponse, _berth_v1_DescribeTaskDefinitionResponse__Output>
      DescribeTaskSetsRequest: MessageTypeDefinition<_berth_v1_DescribeTaskSetsRequest, _berth_v1_DescribeTaskSetsRequest__Output>
      DescribeTaskSetsResponse: MessageTypeDefinition<_berth_v1_DescribeTaskSetsResponse, _berth_v1_DescribeTaskSetsResponse__Output>
      DescribeTasksRequest: MessageTypeDefinition<_berth_v1_DescribeTasksRequest, _berth_v1_DescribeTasksRequest__Output>
      DescribeTasksResponse: MessageTypeDefinition<_berth_v1_DescribeTasksResponse, _berth_v1_DescribeTasksResponse__Output>
      Device: MessageTypeDefinition<_berth_v1_Device, _berth_v1_Device__Output>
      DiscoverPollEndpointRequest: MessageTypeDefinition<_berth_v1_DiscoverPollEndpointRequest, _berth_v1_DiscoverPollEndpointRequest__Output>
      DiscoverPollEndpointResponse: MessageTypeDefinition<_berth_v1_DiscoverPollEndpointResponse, _berth_v1_DiscoverPollEndpointResponse__Output>
      DockerVolumeConfiguration: MessageTypeDefinition<_berth_v1_DockerVolumeConfiguration, _berth_v1_DockerVolumeConfiguration__Output>
      EBSTagSpecification: MessageTypeDefinition<_berth_v1_EBSTagSpecification, _berth_v1_EBSTagSpecification__Output>
      ECS: SubtypeConstructor<typeof grpc.Client, _berth_v1_ECSClient> & { service: _berth_v1_ECSDefinition }
      ECSExpressGatewayService: MessageTypeDefinition<_berth_v1_ECSExpressGatewayService, _berth_v1_ECSExpressGatewayService__Output>
      ECSManagedResources: MessageTypeDefinition<_berth_v1_ECSManagedResources, _berth_v1_ECSManagedResources__Output>
      EFSAuthorizationConfig: MessageTypeDefinition<_berth_v1_EFSAuthorizationConfig, _berth_v1_EFSAuthorizationConfig__Output>
      EFSVolumeConfiguration: MessageTypeDefinition<_berth_v1_EFSVolumeConfiguration, _berth_v1_EFSVolumeConfiguration__Output>
      EnvironmentFile: MessageTypeDefinition<_berth_v1_EnvironmentFile, _berth_v1_EnvironmentFile__Output>
      EphemeralStorage: MessageTypeDefinition<_berth_v1_EphemeralStorage, _berth_v1_EphemeralStorage__Output>
      ExecuteCommandConfiguration: MessageTypeDefinition<_berth_v1_ExecuteCommandConfiguration, _berth_v1_ExecuteCommandConfiguration__Output>
      ExecuteCommandLogConfiguration: MessageTypeDefinition<_berth_v1_ExecuteCommandLogConfiguration, _berth_v1_ExecuteCommandLogConfiguration__Output>
      ExecuteCommandRequest: MessageTypeDefinition<_berth_v1_ExecuteCommandRequest, _berth_v1_ExecuteCommandRequest__Output>
      ExecuteCommandResponse: MessageTypeDefinition<_berth_v1_ExecuteCommandResponse, _berth_v1_ExecuteCommandResponse__Output>
      ExpressGatewayContainer: MessageTypeDefinition<_berth_v1_ExpressGatewayContainer, _berth_v1_ExpressGatewayContainer__Output>
      ExpressGatewayRepositoryCredentials: MessageTypeDefinition<_berth_v1_ExpressGatewayRepositoryCredentials, _berth_v1_ExpressGatewayRepositoryCredentials__Output>
      ExpressGatewayScalingTarget: MessageTypeDefinition<_berth_v1_ExpressGatewayScalingTarget, _berth_v1_ExpressGatewayScalingTarget__Output>
      ExpressGatewayServiceAwsLogsConfiguration: MessageTypeDefinition<_berth_v1_ExpressGatewayServiceAwsLogsConfiguration, _berth_v1_ExpressGatewayServiceAwsLogsConfiguration__Output>
      ExpressGatewayServiceConfiguration: MessageTypeDefinition<_berth_v1_ExpressGatewayServiceConfiguration, _berth_v1_ExpressGatewayServiceConfiguration__Output>
      ExpressGatewayServiceNetworkConfiguration: MessageTypeDefinition<_berth_v1_ExpressGatewayServiceNetworkConfiguration, _berth_v1_ExpressGatewayServiceNetworkConfiguration__Output>
      ExpressGatewayServiceStatus: MessageTypeDefinition<_berth_v1_ExpressGatewayServiceStatus, _berth_v1_ExpressGatewayServiceStatus__Output>
      FSxWindowsFileServerAuthorizationConfig: MessageTypeDefinition<_berth_v1_FSxWindowsFileServerAuthorizationConfig, _berth_v1_FSxWindowsFileServerAuthorizationConfig__Output>
      FSxWindowsFileServerVolumeConfiguration: MessageTypeDefinition<_berth_v1_FSxWindowsFileServerVolumeConfiguration, _berth_v1_FSxWindowsFileServerVolumeConfiguration__Output>
      Failure: MessageTypeDefinition<_berth_v1_Failure, _berth_v1_Failure__Output>
      FirelensConfiguration: MessageTypeDefinition<_berth_v1_FirelensConfiguration, _berth_v1_FirelensConfiguration__Output>
      GetTaskProtectionRequest: MessageTypeDefinition<_berth_v1_GetTaskProtectionRequest, _berth_v1_GetTaskProtectionRequest__Output>
      GetTaskProtectionResponse: MessageTypeDefinition<_berth_v1_GetTaskProtectionResponse, _berth_v1_GetTaskProtectionResponse__Output>
      HealthCheck: MessageTypeDefinition<_berth_v1_HealthCheck, _berth_v1_HealthCheck__Output>
      Heartbeat: MessageTypeDefinition<_berth_v1_Heartbeat, _berth_v1_Heartbeat__Output>
      HookDetails: MessageTypeDefinition<_berth_v1_HookDetails, _berth_v1_HookDetails__Output>
      HostEntry: MessageTypeDefinition<_berth_v1_HostEntry, _berth_v1_HostEntry__Output>
      HostVolumeProperties: MessageTypeDefinition<_berth_v1_HostVolumeProperties, _berth_v1_HostVolumeProperties__Output>
      InferenceAccelerator: MessageTypeDefinition<_berth_v1_InferenceAccelerator, _berth_v1_InferenceAccelerator__Output>
      InferenceAcceleratorOverride: MessageTypeDefinition<_berth_v1_InferenceAcceleratorOverride, _berth_v1_InferenceAcceleratorOverride__Output>
      InfrastructureOptimization: MessageTypeDefinition<_berth_v1_InfrastructureOptimization, _berth_v1_InfrastructureOptimization__Output>
      IngressPathSummary: MessageTypeDefinition<_berth_v1_IngressPathSummary, _berth_v1_IngressPathSummary__Output>
      InstanceHealthCheckResult: MessageTypeDefinition<_berth_v1_InstanceHealthCheckResult, _berth_v1_InstanceHealthCheckResult__Output>
      InstanceLaunchTemplate: MessageTypeDefinition<_berth_v1_InstanceLaunchTemplate, _berth_v1_InstanceLaunchTemplate__Output>
      InstanceLaunchTemplateUpdate: MessageTypeDefinition<_berth_v1_InstanceLaunchTemplateUpdate, _berth_v1_InstanceLaunchTemplateUpdate__Output>
      InstanceRequirementsRequest: MessageTypeDefinition<_berth_v1_InstanceRequirementsRequest, _berth_v1_InstanceRequirementsRequest__Output>
      InstanceStatistics: MessageTypeDefinition<_berth_v1_InstanceStatistics, _berth_v1_InstanceStatistics__Output>
      KernelCapabilities: MessageTypeDefinition<_berth_v1_KernelCapabilities, _berth_v1_KernelCapabilities__Output>
      KeyValuePair: MessageTypeDefinition<_berth_v1_KeyValuePair, _berth_v1_KeyValuePair__Output>
      LinearConfiguration: MessageTypeDefinition<_berth_v1_LinearConfiguration, _berth_v1_LinearConfiguration__Output>
      LinuxParameters: MessageTypeDefinition<_berth_v1_LinuxParameters, _berth_v1_LinuxParameters__Output>
      ListAccountSettingsRequest: MessageTypeDefinition<_berth_v1_ListAccountSettingsRequest, _berth_v1_ListAccountSettingsRequest__Output>
      ListAccountSettingsResponse: MessageTypeDefinition<_berth_v1_ListAccountSettingsResponse, _berth_v1_ListAccountSettingsResponse__Output>
      ListAttributesRequest: MessageTypeDefinition<_berth_v1_ListAttributesRequest, _berth_v1_ListAttributesRequest__Output>
      ListAttributesResponse: MessageTypeDefinition<_berth_v1_ListAttributesResponse, _berth_v1_ListAttributesResponse__Output>
      ListClustersRequest: MessageTypeDefinition<_berth_v1_ListClustersRequest, _berth_v1_ListClustersRequest__Output>
      ListClustersResponse: MessageTypeDefinition<_berth_v1_ListClustersResponse, _berth_v1_ListClustersResponse__Output>
      ListContainerInstancesRequest: MessageTypeDefinition<_berth_v1_ListContainerInstancesRequest, _berth_v1_ListContainerInstancesRequest__Output>
      ListContainerInstancesResponse: MessageTypeDefinition<_berth_v1_ListContainerInstancesResponse, _berth_v1_ListContainerInstancesResponse__Output>
      ListDaemonDeploymentsRequest: MessageTypeDefinition<_berth_v1_ListDaemonDeploymentsRequest, _berth_v1_ListDaemonDeploymentsRequest__Output>
      ListDaemonDeploymentsResponse: MessageTypeDefinition<_berth_v1_ListDaemonDeploymentsResponse, _berth_v1_ListDaemonDeploymentsResponse__Output>
      ListDaemonTaskDefinitionsRequest: MessageTypeDefinition<_berth_v1_ListDaemonTaskDefinitionsRequest, _berth_v1_ListDaemonTaskDefinitionsRequest__Output>
      ListDaemonTaskDefinitionsResponse: MessageTypeDefinition<_berth_v1_ListDaemonTaskDefinitionsResponse, _berth_v1_ListDaemonTaskDefinitionsResponse__Output>
      ListDaemonsRequest: MessageTypeDefinition<_berth_v1_ListDaemonsRequest, _berth_v1_ListDaemonsRequest__Output>
      ListDaemonsResponse: MessageTypeDefinition<_berth_v1_ListDaemonsResponse, _berth_v1_ListDaemonsResponse__Output>
      ListServiceDeploymentsRequest: MessageTypeDefinition<_berth_v1_ListServiceDeploymentsRequest, _berth_v1_ListServiceDeploymentsRequest__Output>
      ListServiceDeploymentsResponse: MessageTypeDefinition<_berth_v1_ListServiceDeploymentsResponse, _berth_v1_ListServiceDeploymentsResponse__Output>
      ListServicesByNamespaceRequest: MessageTypeDefinition<_berth_v1_ListServicesByNamespaceRequest, _berth_v1_ListServicesByNamespaceRequest__Output>
      ListServicesByNamespaceResponse: MessageTypeDefinition<_berth_v1_ListServicesByNamespaceResponse, _berth_v1_ListServicesByNamespaceResponse__Output>
      ListServicesRequest: MessageTypeDefinition<_berth_v1_ListServicesRequest, _berth_v1_ListServicesRequest__Output>
      ListServicesResponse: MessageTypeDefinition<_berth_v1_ListServicesResponse, _berth_v1_ListServicesResponse__Output>
      ListTagsForResourceRequest: MessageTypeDefinition<_berth_v1_ListTagsForResourceRequest, _berth_v1_ListTagsForResourceRequest__Output>
      ListTagsForResourceResponse: MessageTypeDefinition<_berth_v1_ListTagsForResourceResponse, _berth_v1_ListTagsForResourceResponse__Output>
      ListTaskDefinitionFamiliesRequest: MessageTypeDefinition<_berth_v1_ListTaskDefinitionFamiliesRequest, _berth_v1_ListTaskDefinitionFamiliesRequest__Output>
      ListTaskDefinitionFamiliesResponse: MessageTypeDefinition<_berth_v1_ListTaskDefinitionFamiliesResponse, _berth_v1_ListTaskDefinitionFamiliesResponse__Output>
      ListTaskDefinitionsRequest: MessageTypeDefinition<_berth_v1_ListTaskDefinitionsRequest, _berth_v1_ListTaskDefinitionsRequest__Output>
      ListTaskDefinitionsResponse: MessageTypeDefinition<_berth_v1_ListTaskDefinitionsResponse, _berth_v1_ListTaskDefinitionsResponse__Output>
      ListTasksRequest: MessageTypeDefinition<_berth_v1_ListTasksRequest, _berth_v1_ListTasksRequest__Output>
      ListTasksResponse: MessageTypeDefinition<_berth_v1_ListTasksResponse, _berth_v1_ListTasksResponse__Output>
      LoadBalancer: MessageTypeDefinition<_berth_v1_LoadBalancer, _berth_v1_LoadBalancer__Output>
      LogConfiguration: MessageTypeDefinition<_berth_v1_LogConfiguration, _berth_v1_LogConfiguration__Output>
      ManagedAgent: MessageTypeDefinition<_berth_v1_ManagedAgent, _berth_v1_ManagedAgent__Output>
      ManagedAgentStateChange: MessageTypeDefinition<_berth_v1_ManagedAgentStateChange, _berth_v1_ManagedAgentStateChange__Output>
      ManagedApplicationAutoScalingPolicy: MessageTypeDefinition<_berth_v1_ManagedApplicationAutoScalingPolicy, _berth_v1_ManagedApplicationAutoScalingPolicy__Output>
      ManagedAutoScaling: MessageTypeDefinition<_berth_v1_ManagedAutoScaling, _berth_v1_ManagedAutoScaling__Output>
      ManagedCertificate: MessageTypeDefinition<_berth_v1_ManagedCertificate, _berth_v1_ManagedCertificate__Output>
      ManagedIngressPath: MessageTypeDefinition<_berth_v1_ManagedIngressPath, _berth_v1_ManagedIngressPath__Output>
      ManagedInstancesLocalStorageConfiguration: MessageTypeDefinition<_berth_v1_ManagedInstancesLocalStorageConfiguration, _berth_v1_ManagedInstancesLocalStorageConfiguration__Output>
      ManagedInstancesNetworkConfiguration: MessageTypeDefinition<_berth_v1_ManagedInstancesNetworkConfiguration, _berth_v1_ManagedInstancesNetworkConfiguration__Output>
      ManagedInstancesProvider: MessageTypeDefinition<_berth_v1_ManagedInstancesProvider, _berth_v1_ManagedInstancesProvider__Output>
      ManagedInstancesStorageConfiguration: MessageTypeDefinition<_berth_v1_ManagedInstancesStorageConfiguration, _berth_v1_ManagedInstancesStorageConfiguration__Output>
      ManagedListener: MessageTypeDefinition<_berth_v1_ManagedListener, _berth_v1_ManagedListener__Output>
      ManagedListenerRule: MessageTypeDefinition<_berth_v1_ManagedListenerRule, _berth_v1_ManagedListenerRule__Output>
      ManagedLoadBalancer: MessageTypeDefinition<_berth_v1_ManagedLoadBalancer, _berth_v1_ManagedLoadBalancer__Output>
      ManagedLogGroup: MessageTypeDefinition<_berth_v1_ManagedLogGroup, _berth_v1_ManagedLogGroup__Output>
      ManagedMetricAlarm: MessageTypeDefinition<_berth_v1_ManagedMetricAlarm, _berth_v1_ManagedMetricAlarm__Output>
      ManagedScalableTarget: MessageTypeDefinition<_berth_v1_ManagedScalableTarget, _berth_v1_ManagedScalableTarget__Output>
      ManagedScaling: MessageTypeDefinition<_berth_v1_ManagedScaling, _berth_v1_ManagedScaling__Output>
      ManagedSecurityGroup: MessageTypeDefinition<_berth_v1_ManagedSecurityGroup, _berth_v1_ManagedSecurityGroup__Output>
      ManagedStorageConfiguration: MessageTypeDefinition<_berth_v1_ManagedStorageConfiguration, _berth_v1_ManagedStorageConfiguration__Output>
      ManagedTargetGroup: MessageTypeDefinition<_berth_v1_ManagedTargetGroup, _berth_v1_ManagedTargetGroup__Output>
      MemoryGiBPerVCpuRequest: MessageTypeDefinition<_berth_v1_MemoryGiBPerVCpuRequest, _berth_v1_MemoryGiBPerVCpuRequest__Output>
      MemoryMiBRequest: MessageTypeDefinition<_berth_v1_MemoryMiBRequest, _berth_v1_MemoryMiBRequest__Output>
      MetricConfiguration: MessageTypeDefinition<_berth_v1_MetricConfiguration, _berth_v1_MetricConfiguration__Output>
      MonitoringConfiguration: MessageTypeDefinition<_berth_v1_MonitoringConfiguration, _berth_v1_MonitoringConfiguration__Output>
      MountPoint: MessageTypeDefinition<_berth_v1_MountPoint, _berth_v1_MountPoint__Output>
      NetworkBandwidthGbpsRequest: MessageTypeDefinition<_berth_v1_NetworkBandwidthGbpsRequest, _berth_v1_NetworkBandwidthGbpsRequest__Output>
      NetworkBinding: MessageTypeDefinition<_berth_v1_NetworkBinding, _berth_v1_NetworkBinding__Output>
      NetworkConfiguration: MessageTypeDefinition<_berth_v1_NetworkConfiguration, _berth_v1_NetworkConfiguration__Output>
      NetworkInterface: MessageTypeDefinition<_berth_v1_NetworkInterface, _berth_v1_NetworkInterface__Output>
      NetworkInterfaceCountRequest: MessageTypeDefinition<_berth_v1_NetworkInterfaceCountRequest, _berth_v1_NetworkInterfaceCountRequest__Output>
      PlacementConstraint: MessageTypeDefinition<_berth_v1_PlacementConstraint, _berth_v1_PlacementConstraint__Output>
      PlacementStrategy: MessageTypeDefinition<_berth_v1_PlacementStrategy, _berth_v1_PlacementStrategy__Output>
      PlatformDevice: MessageTypeDefinition<_berth_v1_PlatformDevice, _berth_v1_PlatformDevice__Output>
      PortMapping: MessageTypeDefinition<_berth_v1_PortMapping, _berth_v1_PortMapping__Output>
      ProtectedTask: MessageTypeDefinition<_berth_v1_ProtectedTask, _berth_v1_ProtectedTask__Output>
      ProxyConfiguration: MessageTypeDefinition<_berth_v1_ProxyConfiguration, _berth_v1_ProxyConfiguration__Output>
      PutAccountSettingDefaultRequest: MessageTypeDefinition<_berth_v1_PutAccountSettingDefaultRequest, _berth_v1_PutAccountSettingDefaultRequest__Output>
      PutAccountSettingDefaultResponse: MessageTypeDefinition<_berth_v1_PutAccountSettingDefaultResponse, _berth_v1_PutAccountSettingDefaultResponse__Output>
      PutAccountSettingRequest: MessageTypeDefinition<_berth_v1_PutAccountSettingRequest, _berth_v1_PutAccountSettingRequest__Output>
      PutAccountSettingResponse: MessageTypeDefinition<_berth_v1_PutAccountSettingResponse, _berth_v1_PutAccountSettingResponse__Output>
      PutAttributesRequest: MessageTypeDefinition<_berth_v1_PutAttributesRequest, _berth_v1_PutAttributesRequest__Output>
      PutAttributesResponse: MessageTypeDefinition<_berth_v1_PutAttributesResponse, _berth_v1_PutAttributesResponse__Output>
      PutClusterCapacityProvidersRequest: MessageTypeDefinition<_berth_v1_PutClusterCapacityProvidersRequest, _berth_v1_PutClusterCapacityProvidersRequest__Output>
      PutClusterCapacityProvidersResponse: MessageTypeDefinition<_berth_v1_PutClusterCapacityProvidersResponse, _berth_v1_PutClusterCapacityProvidersResponse__Output>
      Reconnect: MessageTypeDefinition<_berth_v1_Reconnect, _berth_v1_Reconnect__Output>
      RegisterContainerInstanceRequest: MessageTypeDefinition<_berth_v1_RegisterContainerInstanceRequest, _berth_v1_RegisterContainerInstanceRequest__Output>
      RegisterContainerInstanceResponse: MessageTypeDefinition<_berth_v1_RegisterContainerInstanceResponse, _berth_v1_RegisterContainerInstanceResponse__Output>
      RegisterDaemonTaskDefinitionRequest: MessageTypeDefinition<_berth_v1_RegisterDaemonTaskDefinitionRequest, _berth_v1_RegisterDaemonTaskDefinitionRequest__Output>
      RegisterDaemonTaskDefinitionResponse: MessageTypeDefinition<_berth_v1_RegisterDaemonTaskDefinitionResponse, _berth_v1_RegisterDaemonTaskDefinitionResponse__Output>
      RegisterTaskDefinitionRequest: MessageTypeDefinition<_berth_v1_RegisterTaskDefinitionRequest, _berth_v1_RegisterTaskDefinitionRequest__Output>
      RegisterTaskDefinitionResponse: MessageTypeDefinition<_berth_v1_RegisterTaskDefinitionResponse, _berth_v1_RegisterTaskDefinitionResponse__Output>
      ReportAck: MessageTypeDefinition<_berth_v1_ReportAck, _berth_v1_ReportAck__Output>
      RepositoryCredentials: MessageTypeDefinition<_berth_v1_RepositoryCredentials, _berth_v1_RepositoryCredentials__Output>
      ResolvedConfiguration: MessageTypeDefinition<_berth_v1_ResolvedConfiguration, _berth_v1_ResolvedConfiguration__Output>
      Resource: MessageTypeDefinition<_berth_v1_Resource, _berth_v1_Resource__Output>
      ResourceRequirement: MessageTypeDefinition<_berth_v1_ResourceRequirement, _berth_v1_ResourceRequirement__Output>
      Rollback: MessageTypeDefinition<_berth_v1_Rollback, _berth_v1_Rollback__Output>
      RunTaskRequest: MessageTypeDefinition<_berth_v1_RunTaskRequest, _berth_v1_RunTaskRequest__Output>
      RunTaskResponse: MessageTypeDefinition<_berth_v1_RunTaskResponse, _berth_v1_RunTaskResponse__Output>
      RuntimePlatform: MessageTypeDefinition<_berth_v1_RuntimePlatform, _berth_v1_RuntimePlatform__Output>
      RuntimePlatformOverride: MessageTypeDefinition<_berth_v1_RuntimePlatformOverride, _berth_v1_RuntimePlatformOverride__Output>
      S3FilesVolumeConfiguration: MessageTypeDefinition<_berth_v1_S3FilesVolumeConfiguration, _berth_v1_S3FilesVolumeConfiguration__Output>
      Scale: MessageTypeDefinition<_berth_v1_Scale, _berth_v1_Scale__Output>
      Secret: MessageTypeDefinition<_berth_v1_Secret, _berth_v1_Secret__Output>
      SecretsRequest: MessageTypeDefinition<_berth_v1_SecretsRequest, _berth_v1_SecretsRequest__Output>
      ServerMessage: MessageTypeDefinition<_berth_v1_ServerMessage, _berth_v1_ServerMessage__Output>
      Service: MessageTypeDefinition<_berth_v1_Service, _berth_v1_Service__Output>
      ServiceConnectAccessLogConfiguration: MessageTypeDefinition<_berth_v1_ServiceConnectAccessLogConfiguration, _berth_v1_ServiceConnectAccessLogConfiguration__Output>
      ServiceConnectClientAlias: MessageTypeDefinition<_berth_v1_ServiceConnectClientAlias, _berth_v1_ServiceConnectClientAlias__Output>
      ServiceConnectConfiguration: MessageTypeDefinition<_berth_v1_ServiceConnectConfiguration, _berth_v1_ServiceConnectConfiguration__Output>
      ServiceConnectService: MessageTypeDefinition<_berth_v1_ServiceConnectService, _berth_v1_ServiceConnectService__Output>
      ServiceConnectServiceResource: MessageTypeDefinition<_berth_v1_ServiceConnectServiceResource, _berth_v1_ServiceConnectServiceResource__Output>
      ServiceConnectTestTrafficHeaderMatchRules: MessageTypeDefinition<_berth_v1_ServiceConnectTestTrafficHeaderMatchRules, _berth_v1_ServiceConnectTestTrafficHeaderMatchRules__Output>
      ServiceConnectTestTrafficHeaderRules: MessageTypeDefinition<_berth_v1_ServiceConnectTestTrafficHeaderRules, _berth_v1_ServiceConnectTestTrafficHeaderRules__Output>
      ServiceConnectTestTrafficRules: MessageTypeDefinition<_berth_v1_ServiceConnectTestTrafficRules, _berth_v1_ServiceConnectTestTrafficRules__Output>
      ServiceConnectTlsCertificateAuthority: MessageTypeDefinition<_berth_v1_ServiceConnectTlsCertificateAuthority, _berth_v1_ServiceConnectTlsCertificateAuthority__Output>
      ServiceConnectTlsConfiguration: MessageTypeDefinition<_berth_v1_ServiceConnectTlsConfiguration, _berth_v1_ServiceConnectTlsConfiguration__Output>
      ServiceCurrentRevisionSummary: MessageTypeDefinition<_berth_v1_ServiceCurrentRevisionSummary, _berth_v1_ServiceCurrentRevisionSummary__Output>
      ServiceDeployment: MessageTypeDefinition<_berth_v1_ServiceDeployment, _berth_v1_ServiceDeployment__Output>
      ServiceDeploymentAlarms: MessageTypeDefinition<_berth_v1_ServiceDeploymentAlarms, _berth_v1_ServiceDeploymentAlarms__Output>
      ServiceDeploymentBrief: MessageTypeDefinition<_berth_v1_ServiceDeploymentBrief, _berth_v1_ServiceDeploymentBrief__Output>
      ServiceDeploymentCircuitBreaker: MessageTypeDefinition<_berth_v1_ServiceDeploymentCircuitBreaker, _berth_v1_ServiceDeploymentCircuitBreaker__Output>
      ServiceEvent: MessageTypeDefinition<_berth_v1_ServiceEvent, _berth_v1_ServiceEvent__Output>
      ServiceManagedEBSVolumeConfiguration: MessageTypeDefinition<_berth_v1_ServiceManagedEBSVolumeConfiguration, _berth_v1_ServiceManagedEBSVolumeConfiguration__Output>
      ServiceRegistry: MessageTypeDefinition<_berth_v1_ServiceRegistry, _berth_v1_ServiceRegistry__Output>
      ServiceRevision: MessageTypeDefinition<_berth_v1_ServiceRevision, _berth_v1_ServiceRevision__Output>
      ServiceRevisionLoadBalancer: MessageTypeDefinition<_berth_v1_ServiceRevisionLoadBalancer, _berth_v1_ServiceRevisionLoadBalancer__Output>
      ServiceRevisionOverrides: MessageTypeDefinition<_berth_v1_ServiceRevisionOverrides, _berth_v1_ServiceRevisionOverrides__Output>
      ServiceRevisionSummary: MessageTypeDefinition<_berth_v1_ServiceRevisionSummary, _berth_v1_ServiceRevisionSummary__Output>
      ServiceVolumeConfiguration: MessageTypeDefinition<_berth_v1_ServiceVolumeConfiguration, _berth_v1_ServiceVolumeConfiguration__Output>
      Session: MessageTypeDefinition<_berth_v1_Session, _berth_v1_Session__Output>
      SessionWelcome: MessageTypeDefinition<_berth_v1_SessionWelcome, _berth_v1_SessionWelcome__Output>
      Setting: MessageTypeDefinition<_berth_v1_Setting, _berth_v1_Setting__Output>
      StartTaskRequest: MessageTypeDefinition<_berth_v1_StartTaskRequest, _berth_v1_StartTaskRequest__Output>
      StartTaskResponse: MessageTypeDefinition<_berth_v1_StartTaskResponse, _berth_v1_StartTaskResponse__Output>
      StopServiceDeploymentRequest: MessageTypeDefinition<_berth_v1_StopServiceDeploymentRequest, _berth_v1_StopServiceDeploymentRequest__Output>
      StopServiceDeploymentResponse: MessageTypeDefinition<_berth_v1_StopServiceDeploymentResponse, _berth_v1_StopServiceDeploymentResponse__Output>
      StopTaskRequest: MessageTypeDefinition<_berth_v1_StopTaskRequest, _berth_v1_StopTaskRequest__Output>
      StopTaskResponse: MessageTypeDefinition<_berth_v1_StopTaskResponse, _berth_v1_StopTaskResponse__Output>
      SubmitAttachmentStateChangesRequest: MessageTypeDefinition<_berth_v1_SubmitAttachmentStateChangesRequest, _berth_v1_SubmitAttachmentStateChangesRequest__Output>
      SubmitAttachmentStateChangesResponse: MessageTypeDefinition<_berth_v1_SubmitAttachmentStateChangesResponse, _berth_v1_SubmitAttachmentStateChangesResponse__Output>
      SubmitContainerStateChangeRequest: MessageTypeDefinition<_berth_v1_SubmitContainerStateChangeRequest, _berth_v1_SubmitContainerStateChangeRequest__Output>
      SubmitContainerStateChangeResponse: MessageTypeDefinition<_berth_v1_SubmitContainerStateChangeResponse, _berth_v1_SubmitContainerStateChangeResponse__Output>
      SubmitTaskStateChangeRequest: MessageTypeDefinition<_berth_v1_SubmitTaskStateChangeRequest, _berth_v1_SubmitTaskStateChangeRequest__Output>
      SubmitTaskStateChangeResponse: MessageTypeDefinition<_berth_v1_SubmitTaskStateChangeResponse, _berth_v1_SubmitTaskStateChangeResponse__Output>
      SystemControl: MessageTypeDefinition<_berth_v1_SystemControl, _berth_v1_SystemControl__Output>
      Tag: MessageTypeDefinition<_berth_v1_Tag, _berth_v1_Tag__Output>
      TagResourceRequest: MessageTypeDefinition<_berth_v1_TagResourceRequest, _berth_v1_TagResourceRequest__Output>
      TagResourceResponse: MessageTypeDefinition<_berth_v1_TagResourceResponse, _berth_v1_TagResourceResponse__Output>
      Task: MessageTypeDefinition<_berth_v1_Task, _berth_v1_Task__Output>
      TaskAssignment: MessageTypeDefinition<_berth_v1_TaskAssignment, _berth_v1_TaskAssignment__Output>
      TaskCredentials: MessageTypeDefinition<_berth_v1_TaskCredentials, _berth_v1_TaskCredentials__Output>
      TaskDefinition: MessageTypeDefinition<_berth_v1_TaskDefinition, _berth_v1_TaskDefinition__Output>
      TaskDefinitionPlacementConstraint: MessageTypeDefinition<_berth_v1_TaskDefinitionPlacementConstraint, _berth_v1_TaskDefinitionPlacementConstraint__Output>
      TaskEphemeralStorage: MessageTypeDefinition<_berth_v1_TaskEphemeralStorage, _berth_v1_TaskEphemeralStorage__Output>
      TaskManagedEBSVolumeConfiguration: MessageTypeDefinition<_berth_v1_TaskManagedEBSVolumeConfiguration, _berth_v1_TaskManagedEBSVolumeConfiguration__Output>
      TaskManagedEBSVolumeTerminationPolicy: MessageTypeDefinition<_berth_v1_TaskManagedEBSVolumeTerminationPolicy, _berth_v1_TaskManagedEBSVolumeTerminationPolicy__Output>
      TaskOverride: MessageTypeDefinition<_berth_v1_TaskOverride, _berth_v1_TaskOverride__Output>
      TaskProtectionAnswer: MessageTypeDefinition<_berth_v1_TaskProtectionAnswer, _berth_v1_TaskProtectionAnswer__Output>
      TaskProtectionRequest: MessageTypeDefinition<_berth_v1_TaskProtectionRequest, _berth_v1_TaskProtectionRequest__Output>
      TaskSecrets: MessageTypeDefinition<_berth_v1_TaskSecrets, _berth_v1_TaskSecrets__Output>
      TaskSet: MessageTypeDefinition<_berth_v1_TaskSet, _berth_v1_TaskSet__Output>
      TaskStateReport: MessageTypeDefinition<_berth_v1_TaskStateReport, _berth_v1_TaskStateReport__Output>
      TaskStreamEnd: MessageTypeDefinition<_berth_v1_TaskStreamEnd, _berth_v1_TaskStreamEnd__Output>
      TaskStreamFrame: MessageTypeDefinition<_berth_v1_TaskStreamFrame, _berth_v1_TaskStreamFrame__Output>
      TaskStreamOpen: MessageTypeDefinition<_berth_v1_TaskStreamOpen, _berth_v1_TaskStreamOpen__Output>
      TaskVolumeConfiguration: MessageTypeDefinition<_berth_v1_TaskVolumeConfiguration, _berth_v1_TaskVolumeConfiguration__Output>
      TerminalSize: MessageTypeDefinition<_berth_v1_TerminalSize, _berth_v1_TerminalSize__Output>
      ThresholdConfiguration: MessageTypeDefinition<_berth_v1_ThresholdConfiguration, _berth_v1_ThresholdConfiguration__Output>
      TimeoutConfiguration: MessageTypeDefinition<_berth_v1_TimeoutConfiguration, _berth_v1_TimeoutConfiguration__Output>
      Tmpfs: MessageTypeDefinition<_berth_v1_Tmpfs, _berth_v1_Tmpfs__Output>
      TotalLocalStorageGBRequest: MessageTypeDefinition<_berth_v1_TotalLocalStorageGBRequest, _berth_v1_TotalLocalStorageGBRequest__Output>
      Ulimit: MessageTypeDefinition<_berth_v1_Ulimit, _berth_v1_Ulimit__Output>
      UntagResourceRequest: MessageTypeDefinition<_berth_v1_UntagResourceRequest, _berth_v1_UntagResourceRequest__Output>
      UntagResourceResponse: MessageTypeDefinition<_berth_v1_UntagResourceResponse, _berth_v1_UntagResourceResponse__Output>
      UpdateCapacityProviderRequest: MessageTypeDefinition<_berth_v1_UpdateCapacityProviderRequest, _berth_v1_UpdateCapacityProviderRequest__Output>
      UpdateCapacityProviderResponse: MessageTypeDefinition<_berth_v1_UpdateCapacityProviderResponse, _berth_v1_UpdateCapacityProviderResponse__Output>
      UpdateClusterRequest: MessageTypeDefinition<_berth_v1_UpdateClusterRequest, _berth_v1_UpdateClusterRequest__Output>
      UpdateClusterResponse: MessageTypeDefinition<_berth_v1_UpdateClusterResponse, _berth_v1_UpdateClusterResponse__Output>
      UpdateClusterSettingsRequest: MessageTypeDefinition<_berth_v1_UpdateClusterSettingsRequest, _berth_v1_UpdateClusterSettingsRequest__Output>
      UpdateClusterSettingsResponse: MessageTypeDefinition<_berth_v1_UpdateClusterSettingsResponse, _berth_v1_UpdateClusterSettingsResponse__Output>
      UpdateContainerAgentRequest: MessageTypeDefinition<_berth_v1_UpdateContainerAgentRequest, _berth_v1_UpdateContainerAgentRequest__Output>
      UpdateContainerAgentResponse: MessageTypeDefinition<_berth_v1_UpdateContainerAgentResponse, _berth_v1_UpdateContainerAgentResponse__Output>
      UpdateContainerInstancesStateRequest: MessageTypeDefinition<_berth_v1_UpdateContainerInstancesStateRequest, _berth_v1_UpdateContainerInstancesStateRequest__Output>
      UpdateContainerInstancesStateResponse: MessageTypeDefinition<_berth_v1_UpdateContainerInstancesStateResponse, _berth_v1_UpdateContainerInstancesStateResponse__Output>
      UpdateDaemonRequest: MessageTypeDefinition<_berth_v1_UpdateDaemonRequest, _berth_v1_UpdateDaemonRequest__Output>
      UpdateDaemonResponse: MessageTypeDefinition<_berth_v1_UpdateDaemonResponse, _berth_v1_UpdateDaemonResponse__Output>
      UpdateExpressGatewayServiceRequest: MessageTypeDefinition<_berth_v1_UpdateExpressGatewayServiceRequest, _berth_v1_UpdateExpressGatewayServiceRequest__Output>
      UpdateExpressGatewayServiceResponse: MessageTypeDefinition<_berth_v1_UpdateExpressGatewayServiceResponse, _berth_v1_UpdateExpressGatewayServiceResponse__Output>
      UpdateManagedInstancesProviderConfiguration: MessageTypeDefinition<_berth_v1_UpdateManagedInstancesProviderConfiguration, _berth_v1_UpdateManagedInstancesProviderConfiguration__Output>
      UpdateServicePrimaryTaskSetRequest: MessageTypeDefinition<_berth_v1_UpdateServicePrimaryTaskSetRequest, _berth_v1_UpdateServicePrimaryTaskSetRequest__Output>
      UpdateServicePrimaryTaskSetResponse: MessageTypeDefinition<_berth_v1_UpdateServicePrimaryTaskSetResponse, _berth_v1_UpdateServicePrimaryTaskSetResponse__Output>
      UpdateServiceRequest: MessageTypeDefinition<_berth_v1_UpdateServiceRequest, _berth_v1_UpdateServiceRequest__Output>
      UpdateServiceResponse: MessageTypeDefinition<_berth_v1_UpdateServiceResponse, _berth_v1_UpdateServiceResponse__Output>
      UpdateTaskProtectionRequest: MessageTypeDefinition<_berth_v1_UpdateTaskProtectionRequest, _berth_v1_UpdateTaskProtectionRequest__Output>
      UpdateTaskProtectionResponse: MessageTypeDefinition<_berth_v1_UpdateTaskProtectionResponse, _berth_v1_UpdateTaskProtectionResponse__Output>
      UpdateTaskSetRequest: MessageTypeDefinition<_berth_v1_UpdateTaskSetRequest, _berth_v1_UpdateTaskSetRequest__Output>
      UpdateTaskSetResponse: MessageTypeDefinition<_berth_v1_UpdateTaskSetResponse, _berth_v1_UpdateTaskSetResponse__Output>
      UpdatedExpressGatewayService: MessageTypeDefinition<_berth_v1_UpdatedExpressGatewayService, _berth_v1_UpdatedExpressGatewayService__Output>
      VCpuCountRangeRequest: MessageTypeDefinition<_berth_v1_VCpuCountRangeRequest, _berth_v1_VCpuCountRangeRequest__Output>
      VersionInfo: MessageTypeDefinition<_berth_v1_VersionInfo, _berth_v1_VersionInfo__Output>
      Volume: MessageTypeDefinition<_berth_v1_Volume, _berth_v1_Volume__Output>
      VolumeFrom: MessageTypeDefinition<_berth_v1_VolumeFrom, _berth_v1_VolumeFrom__Output>
      VpcLatticeConfiguration: MessageTypeDefinition<_berth_v1_VpcLatticeConfiguration, _berth_v1_VpcLatticeConfiguration__Output>
    }
  }
}

