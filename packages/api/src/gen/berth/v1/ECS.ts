// Original file: protos/berth/v1/ecs.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ContinueServiceDeploymentRequest as _berth_v1_ContinueServiceDeploymentRequest, ContinueServiceDeploymentRequest__Output as _berth_v1_ContinueServiceDeploymentRequest__Output } from '../../berth/v1/ContinueServiceDeploymentRequest.js';
import type { ContinueServiceDeploymentResponse as _berth_v1_ContinueServiceDeploymentResponse, ContinueServiceDeploymentResponse__Output as _berth_v1_ContinueServiceDeploymentResponse__Output } from '../../berth/v1/ContinueServiceDeploymentResponse.js';
import type { CreateCapacityProviderRequest as _berth_v1_CreateCapacityProviderRequest, CreateCapacityProviderRequest__Output as _berth_v1_CreateCapacityProviderRequest__Output } from '../../berth/v1/CreateCapacityProviderRequest.js';
import type { CreateCapacityProviderResponse as _berth_v1_CreateCapacityProviderResponse, CreateCapacityProviderResponse__Output as _berth_v1_CreateCapacityProviderResponse__Output } from '../../berth/v1/CreateCapacityProviderResponse.js';
import type { CreateClusterRequest as _berth_v1_CreateClusterRequest, CreateClusterRequest__Output as _berth_v1_CreateClusterRequest__Output } from '../../berth/v1/CreateClusterRequest.js';
import type { CreateClusterResponse as _berth_v1_CreateClusterResponse, CreateClusterResponse__Output as _berth_v1_CreateClusterResponse__Output } from '../../berth/v1/CreateClusterResponse.js';
import type { CreateDaemonRequest as _berth_v1_CreateDaemonRequest, CreateDaemonRequest__Output as _berth_v1_CreateDaemonRequest__Output } from '../../berth/v1/CreateDaemonRequest.js';
import type { CreateDaemonResponse as _berth_v1_CreateDaemonResponse, CreateDaemonResponse__Output as _berth_v1_CreateDaemonResponse__Output } from '../../berth/v1/CreateDaemonResponse.js';
import type { CreateExpressGatewayServiceRequest as _berth_v1_CreateExpressGatewayServiceRequest, CreateExpressGatewayServiceRequest__Output as _berth_v1_CreateExpressGatewayServiceRequest__Output } from '../../berth/v1/CreateExpressGatewayServiceRequest.js';
import type { CreateExpressGatewayServiceResponse as _berth_v1_CreateExpressGatewayServiceResponse, CreateExpressGatewayServiceResponse__Output as _berth_v1_CreateExpressGatewayServiceResponse__Output } from '../../berth/v1/CreateExpressGatewayServiceResponse.js';
import type { CreateServiceRequest as _berth_v1_CreateServiceRequest, CreateServiceRequest__Output as _berth_v1_CreateServiceRequest__Output } from '../../berth/v1/CreateServiceRequest.js';
import type { CreateServiceResponse as _berth_v1_CreateServiceResponse, CreateServiceResponse__Output as _berth_v1_CreateServiceResponse__Output } from '../../berth/v1/CreateServiceResponse.js';
import type { CreateTaskSetRequest as _berth_v1_CreateTaskSetRequest, CreateTaskSetRequest__Output as _berth_v1_CreateTaskSetRequest__Output } from '../../berth/v1/CreateTaskSetRequest.js';
import type { CreateTaskSetResponse as _berth_v1_CreateTaskSetResponse, CreateTaskSetResponse__Output as _berth_v1_CreateTaskSetResponse__Output } from '../../berth/v1/CreateTaskSetResponse.js';
import type { DeleteAccountSettingRequest as _berth_v1_DeleteAccountSettingRequest, DeleteAccountSettingRequest__Output as _berth_v1_DeleteAccountSettingRequest__Output } from '../../berth/v1/DeleteAccountSettingRequest.js';
import type { DeleteAccountSettingResponse as _berth_v1_DeleteAccountSettingResponse, DeleteAccountSettingResponse__Output as _berth_v1_DeleteAccountSettingResponse__Output } from '../../berth/v1/DeleteAccountSettingResponse.js';
import type { DeleteAttributesRequest as _berth_v1_DeleteAttributesRequest, DeleteAttributesRequest__Output as _berth_v1_DeleteAttributesRequest__Output } from '../../berth/v1/DeleteAttributesRequest.js';
import type { DeleteAttributesResponse as _berth_v1_DeleteAttributesResponse, DeleteAttributesResponse__Output as _berth_v1_DeleteAttributesResponse__Output } from '../../berth/v1/DeleteAttributesResponse.js';
import type { DeleteCapacityProviderRequest as _berth_v1_DeleteCapacityProviderRequest, DeleteCapacityProviderRequest__Output as _berth_v1_DeleteCapacityProviderRequest__Output } from '../../berth/v1/DeleteCapacityProviderRequest.js';
import type { DeleteCapacityProviderResponse as _berth_v1_DeleteCapacityProviderResponse, DeleteCapacityProviderResponse__Output as _berth_v1_DeleteCapacityProviderResponse__Output } from '../../berth/v1/DeleteCapacityProviderResponse.js';
import type { DeleteClusterRequest as _berth_v1_DeleteClusterRequest, DeleteClusterRequest__Output as _berth_v1_DeleteClusterRequest__Output } from '../../berth/v1/DeleteClusterRequest.js';
import type { DeleteClusterResponse as _berth_v1_DeleteClusterResponse, DeleteClusterResponse__Output as _berth_v1_DeleteClusterResponse__Output } from '../../berth/v1/DeleteClusterResponse.js';
import type { DeleteDaemonRequest as _berth_v1_DeleteDaemonRequest, DeleteDaemonRequest__Output as _berth_v1_DeleteDaemonRequest__Output } from '../../berth/v1/DeleteDaemonRequest.js';
import type { DeleteDaemonResponse as _berth_v1_DeleteDaemonResponse, DeleteDaemonResponse__Output as _berth_v1_DeleteDaemonResponse__Output } from '../../berth/v1/DeleteDaemonResponse.js';
import type { DeleteDaemonTaskDefinitionRequest as _berth_v1_DeleteDaemonTaskDefinitionRequest, DeleteDaemonTaskDefinitionRequest__Output as _berth_v1_DeleteDaemonTaskDefinitionRequest__Output } from '../../berth/v1/DeleteDaemonTaskDefinitionRequest.js';
import type { DeleteDaemonTaskDefinitionResponse as _berth_v1_DeleteDaemonTaskDefinitionResponse, DeleteDaemonTaskDefinitionResponse__Output as _berth_v1_DeleteDaemonTaskDefinitionResponse__Output } from '../../berth/v1/DeleteDaemonTaskDefinitionResponse.js';
import type { DeleteExpressGatewayServiceRequest as _berth_v1_DeleteExpressGatewayServiceRequest, DeleteExpressGatewayServiceRequest__Output as _berth_v1_DeleteExpressGatewayServiceRequest__Output } from '../../berth/v1/DeleteExpressGatewayServiceRequest.js';
import type { DeleteExpressGatewayServiceResponse as _berth_v1_DeleteExpressGatewayServiceResponse, DeleteExpressGatewayServiceResponse__Output as _berth_v1_DeleteExpressGatewayServiceResponse__Output } from '../../berth/v1/DeleteExpressGatewayServiceResponse.js';
import type { DeleteServiceRequest as _berth_v1_DeleteServiceRequest, DeleteServiceRequest__Output as _berth_v1_DeleteServiceRequest__Output } from '../../berth/v1/DeleteServiceRequest.js';
import type { DeleteServiceResponse as _berth_v1_DeleteServiceResponse, DeleteServiceResponse__Output as _berth_v1_DeleteServiceResponse__Output } from '../../berth/v1/DeleteServiceResponse.js';
import type { DeleteTaskDefinitionsRequest as _berth_v1_DeleteTaskDefinitionsRequest, DeleteTaskDefinitionsRequest__Output as _berth_v1_DeleteTaskDefinitionsRequest__Output } from '../../berth/v1/DeleteTaskDefinitionsRequest.js';
import type { DeleteTaskDefinitionsResponse as _berth_v1_DeleteTaskDefinitionsResponse, DeleteTaskDefinitionsResponse__Output as _berth_v1_DeleteTaskDefinitionsResponse__Output } from '../../berth/v1/DeleteTaskDefinitionsResponse.js';
import type { DeleteTaskSetRequest as _berth_v1_DeleteTaskSetRequest, DeleteTaskSetRequest__Output as _berth_v1_DeleteTaskSetRequest__Output } from '../../berth/v1/DeleteTaskSetRequest.js';
import type { DeleteTaskSetResponse as _berth_v1_DeleteTaskSetResponse, DeleteTaskSetResponse__Output as _berth_v1_DeleteTaskSetResponse__Output } from '../../berth/v1/DeleteTaskSetResponse.js';
import type { DeregisterContainerInstanceRequest as _berth_v1_DeregisterContainerInstanceRequest, DeregisterContainerInstanceRequest__Output as _berth_v1_DeregisterContainerInstanceRequest__Output } from '../../berth/v1/DeregisterContainerInstanceRequest.js';
import type { DeregisterContainerInstanceResponse as _berth_v1_DeregisterContainerInstanceResponse, DeregisterContainerInstanceResponse__Output as _berth_v1_DeregisterContainerInstanceResponse__Output } from '../../berth/v1/DeregisterContainerInstanceResponse.js';
import type { DeregisterTaskDefinitionRequest as _berth_v1_DeregisterTaskDefinitionRequest, DeregisterTaskDefinitionRequest__Output as _berth_v1_DeregisterTaskDefinitionRequest__Output } from '../../berth/v1/DeregisterTaskDefinitionRequest.js';
import type { DeregisterTaskDefinitionResponse as _berth_v1_DeregisterTaskDefinitionResponse, DeregisterTaskDefinitionResponse__Output as _berth_v1_DeregisterTaskDefinitionResponse__Output } from '../../berth/v1/DeregisterTaskDefinitionResponse.js';
import type { DescribeCapacityProvidersRequest as _berth_v1_DescribeCapacityProvidersRequest, DescribeCapacityProvidersRequest__Output as _berth_v1_DescribeCapacityProvidersRequest__Output } from '../../berth/v1/DescribeCapacityProvidersRequest.js';
import type { DescribeCapacityProvidersResponse as _berth_v1_DescribeCapacityProvidersResponse, DescribeCapacityProvidersResponse__Output as _berth_v1_DescribeCapacityProvidersResponse__Output } from '../../berth/v1/DescribeCapacityProvidersResponse.js';
import type { DescribeClustersRequest as _berth_v1_DescribeClustersRequest, DescribeClustersRequest__Output as _berth_v1_DescribeClustersRequest__Output } from '../../berth/v1/DescribeClustersRequest.js';
import type { DescribeClustersResponse as _berth_v1_DescribeClustersResponse, DescribeClustersResponse__Output as _berth_v1_DescribeClustersResponse__Output } from '../../berth/v1/DescribeClustersResponse.js';
import type { DescribeContainerInstancesRequest as _berth_v1_DescribeContainerInstancesRequest, DescribeContainerInstancesRequest__Output as _berth_v1_DescribeContainerInstancesRequest__Output } from '../../berth/v1/DescribeContainerInstancesRequest.js';
import type { DescribeContainerInstancesResponse as _berth_v1_DescribeContainerInstancesResponse, DescribeContainerInstancesResponse__Output as _berth_v1_DescribeContainerInstancesResponse__Output } from '../../berth/v1/DescribeContainerInstancesResponse.js';
import type { DescribeDaemonDeploymentsRequest as _berth_v1_DescribeDaemonDeploymentsRequest, DescribeDaemonDeploymentsRequest__Output as _berth_v1_DescribeDaemonDeploymentsRequest__Output } from '../../berth/v1/DescribeDaemonDeploymentsRequest.js';
import type { DescribeDaemonDeploymentsResponse as _berth_v1_DescribeDaemonDeploymentsResponse, DescribeDaemonDeploymentsResponse__Output as _berth_v1_DescribeDaemonDeploymentsResponse__Output } from '../../berth/v1/DescribeDaemonDeploymentsResponse.js';
import type { DescribeDaemonRequest as _berth_v1_DescribeDaemonRequest, DescribeDaemonRequest__Output as _berth_v1_DescribeDaemonRequest__Output } from '../../berth/v1/DescribeDaemonRequest.js';
import type { DescribeDaemonResponse as _berth_v1_DescribeDaemonResponse, DescribeDaemonResponse__Output as _berth_v1_DescribeDaemonResponse__Output } from '../../berth/v1/DescribeDaemonResponse.js';
import type { DescribeDaemonRevisionsRequest as _berth_v1_DescribeDaemonRevisionsRequest, DescribeDaemonRevisionsRequest__Output as _berth_v1_DescribeDaemonRevisionsRequest__Output } from '../../berth/v1/DescribeDaemonRevisionsRequest.js';
import type { DescribeDaemonRevisionsResponse as _berth_v1_DescribeDaemonRevisionsResponse, DescribeDaemonRevisionsResponse__Output as _berth_v1_DescribeDaemonRevisionsResponse__Output } from '../../berth/v1/DescribeDaemonRevisionsResponse.js';
import type { DescribeDaemonTaskDefinitionRequest as _berth_v1_DescribeDaemonTaskDefinitionRequest, DescribeDaemonTaskDefinitionRequest__Output as _berth_v1_DescribeDaemonTaskDefinitionRequest__Output } from '../../berth/v1/DescribeDaemonTaskDefinitionRequest.js';
import type { DescribeDaemonTaskDefinitionResponse as _berth_v1_DescribeDaemonTaskDefinitionResponse, DescribeDaemonTaskDefinitionResponse__Output as _berth_v1_DescribeDaemonTaskDefinitionResponse__Output } from '../../berth/v1/DescribeDaemonTaskDefinitionResponse.js';
import type { DescribeExpressGatewayServiceRequest as _berth_v1_DescribeExpressGatewayServiceRequest, DescribeExpressGatewayServiceRequest__Output as _berth_v1_DescribeExpressGatewayServiceRequest__Output } from '../../berth/v1/DescribeExpressGatewayServiceRequest.js';
import type { DescribeExpressGatewayServiceResponse as _berth_v1_DescribeExpressGatewayServiceResponse, DescribeExpressGatewayServiceResponse__Output as _berth_v1_DescribeExpressGatewayServiceResponse__Output } from '../../berth/v1/DescribeExpressGatewayServiceResponse.js';
import type { DescribeServiceDeploymentsRequest as _berth_v1_DescribeServiceDeploymentsRequest, DescribeServiceDeploymentsRequest__Output as _berth_v1_DescribeServiceDeploymentsRequest__Output } from '../../berth/v1/DescribeServiceDeploymentsRequest.js';
import type { DescribeServiceDeploymentsResponse as _berth_v1_DescribeServiceDeploymentsResponse, DescribeServiceDeploymentsResponse__Output as _berth_v1_DescribeServiceDeploymentsResponse__Output } from '../../berth/v1/DescribeServiceDeploymentsResponse.js';
import type { DescribeServiceRevisionsRequest as _berth_v1_DescribeServiceRevisionsRequest, DescribeServiceRevisionsRequest__Output as _berth_v1_DescribeServiceRevisionsRequest__Output } from '../../berth/v1/DescribeServiceRevisionsRequest.js';
import type { DescribeServiceRevisionsResponse as _berth_v1_DescribeServiceRevisionsResponse, DescribeServiceRevisionsResponse__Output as _berth_v1_DescribeServiceRevisionsResponse__Output } from '../../berth/v1/DescribeServiceRevisionsResponse.js';
import type { DescribeServicesRequest as _berth_v1_DescribeServicesRequest, DescribeServicesRequest__Output as _berth_v1_DescribeServicesRequest__Output } from '../../berth/v1/DescribeServicesRequest.js';
import type { DescribeServicesResponse as _berth_v1_DescribeServicesResponse, DescribeServicesResponse__Output as _berth_v1_DescribeServicesResponse__Output } from '../../berth/v1/DescribeServicesResponse.js';
import type { DescribeTaskDefinitionRequest as _berth_v1_DescribeTaskDefinitionRequest, DescribeTaskDefinitionRequest__Output as _berth_v1_DescribeTaskDefinitionRequest__Output } from '../../berth/v1/DescribeTaskDefinitionRequest.js';
import type { DescribeTaskDefinitionResponse as _berth_v1_DescribeTaskDefinitionResponse, DescribeTaskDefinitionResponse__Output as _berth_v1_DescribeTaskDefinitionResponse__Output } from '../../berth/v1/DescribeTaskDefinitionResponse.js';
import type { DescribeTaskSetsRequest as _berth_v1_DescribeTaskSetsRequest, DescribeTaskSetsRequest__Output as _berth_v1_DescribeTaskSetsRequest__Output } from '../../berth/v1/DescribeTaskSetsRequest.js';
import type { DescribeTaskSetsResponse as _berth_v1_DescribeTaskSetsResponse, DescribeTaskSetsResponse__Output as _berth_v1_DescribeTaskSetsResponse__Output } from '../../berth/v1/DescribeTaskSetsResponse.js';
import type { DescribeTasksRequest as _berth_v1_DescribeTasksRequest, DescribeTasksRequest__Output as _berth_v1_DescribeTasksRequest__Output } from '../../berth/v1/DescribeTasksRequest.js';
import type { DescribeTasksResponse as _berth_v1_DescribeTasksResponse, DescribeTasksResponse__Output as _berth_v1_DescribeTasksResponse__Output } from '../../berth/v1/DescribeTasksResponse.js';
import type { DiscoverPollEndpointRequest as _berth_v1_DiscoverPollEndpointRequest, DiscoverPollEndpointRequest__Output as _berth_v1_DiscoverPollEndpointRequest__Output } from '../../berth/v1/DiscoverPollEndpointRequest.js';
import type { DiscoverPollEndpointResponse as _berth_v1_DiscoverPollEndpointResponse, DiscoverPollEndpointResponse__Output as _berth_v1_DiscoverPollEndpointResponse__Output } from '../../berth/v1/DiscoverPollEndpointResponse.js';
import type { ExecuteCommandRequest as _berth_v1_ExecuteCommandRequest, ExecuteCommandRequest__Output as _berth_v1_ExecuteCommandRequest__Output } from '../../berth/v1/ExecuteCommandRequest.js';
import type { ExecuteCommandResponse as _berth_v1_ExecuteCommandResponse, ExecuteCommandResponse__Output as _berth_v1_ExecuteCommandResponse__Output } from '../../berth/v1/ExecuteCommandResponse.js';
import type { GetTaskProtectionRequest as _berth_v1_GetTaskProtectionRequest, GetTaskProtectionRequest__Output as _berth_v1_GetTaskProtectionRequest__Output } from '../../berth/v1/GetTaskProtectionRequest.js';
import type { GetTaskProtectionResponse as _berth_v1_GetTaskProtectionResponse, GetTaskProtectionResponse__Output as _berth_v1_GetTaskProtectionResponse__Output } from '../../berth/v1/GetTaskProtectionResponse.js';
import type { ListAccountSettingsRequest as _berth_v1_ListAccountSettingsRequest, ListAccountSettingsRequest__Output as _berth_v1_ListAccountSettingsRequest__Output } from '../../berth/v1/ListAccountSettingsRequest.js';
import type { ListAccountSettingsResponse as _berth_v1_ListAccountSettingsResponse, ListAccountSettingsResponse__Output as _berth_v1_ListAccountSettingsResponse__Output } from '../../berth/v1/ListAccountSettingsResponse.js';
import type { ListAttributesRequest as _berth_v1_ListAttributesRequest, ListAttributesRequest__Output as _berth_v1_ListAttributesRequest__Output } from '../../berth/v1/ListAttributesRequest.js';
import type { ListAttributesResponse as _berth_v1_ListAttributesResponse, ListAttributesResponse__Output as _berth_v1_ListAttributesResponse__Output } from '../../berth/v1/ListAttributesResponse.js';
import type { ListClustersRequest as _berth_v1_ListClustersRequest, ListClustersRequest__Output as _berth_v1_ListClustersRequest__Output } from '../../berth/v1/ListClustersRequest.js';
import type { ListClustersResponse as _berth_v1_ListClustersResponse, ListClustersResponse__Output as _berth_v1_ListClustersResponse__Output } from '../../berth/v1/ListClustersResponse.js';
import type { ListContainerInstancesRequest as _berth_v1_ListContainerInstancesRequest, ListContainerInstancesRequest__Output as _berth_v1_ListContainerInstancesRequest__Output } from '../../berth/v1/ListContainerInstancesRequest.js';
import type { ListContainerInstancesResponse as _berth_v1_ListContainerInstancesResponse, ListContainerInstancesResponse__Output as _berth_v1_ListContainerInstancesResponse__Output } from '../../berth/v1/ListContainerInstancesResponse.js';
import type { ListDaemonDeploymentsRequest as _berth_v1_ListDaemonDeploymentsRequest, ListDaemonDeploymentsRequest__Output as _berth_v1_ListDaemonDeploymentsRequest__Output } from '../../berth/v1/ListDaemonDeploymentsRequest.js';
import type { ListDaemonDeploymentsResponse as _berth_v1_ListDaemonDeploymentsResponse, ListDaemonDeploymentsResponse__Output as _berth_v1_ListDaemonDeploymentsResponse__Output } from '../../berth/v1/ListDaemonDeploymentsResponse.js';
import type { ListDaemonTaskDefinitionsRequest as _berth_v1_ListDaemonTaskDefinitionsRequest, ListDaemonTaskDefinitionsRequest__Output as _berth_v1_ListDaemonTaskDefinitionsRequest__Output } from '../../berth/v1/ListDaemonTaskDefinitionsRequest.js';
import type { ListDaemonTaskDefinitionsResponse as _berth_v1_ListDaemonTaskDefinitionsResponse, ListDaemonTaskDefinitionsResponse__Output as _berth_v1_ListDaemonTaskDefinitionsResponse__Output } from '../../berth/v1/ListDaemonTaskDefinitionsResponse.js';
import type { ListDaemonsRequest as _berth_v1_ListDaemonsRequest, ListDaemonsRequest__Output as _berth_v1_ListDaemonsRequest__Output } from '../../berth/v1/ListDaemonsRequest.js';
import type { ListDaemonsResponse as _berth_v1_ListDaemonsResponse, ListDaemonsResponse__Output as _berth_v1_ListDaemonsResponse__Output } from '../../berth/v1/ListDaemonsResponse.js';
import type { ListServiceDeploymentsRequest as _berth_v1_ListServiceDeploymentsRequest, ListServiceDeploymentsRequest__Output as _berth_v1_ListServiceDeploymentsRequest__Output } from '../../berth/v1/ListServiceDeploymentsRequest.js';
import type { ListServiceDeploymentsResponse as _berth_v1_ListServiceDeploymentsResponse, ListServiceDeploymentsResponse__Output as _berth_v1_ListServiceDeploymentsResponse__Output } from '../../berth/v1/ListServiceDeploymentsResponse.js';
import type { ListServicesByNamespaceRequest as _berth_v1_ListServicesByNamespaceRequest, ListServicesByNamespaceRequest__Output as _berth_v1_ListServicesByNamespaceRequest__Output } from '../../berth/v1/ListServicesByNamespaceRequest.js';
import type { ListServicesByNamespaceResponse as _berth_v1_ListServicesByNamespaceResponse, ListServicesByNamespaceResponse__Output as _berth_v1_ListServicesByNamespaceResponse__Output } from '../../berth/v1/ListServicesByNamespaceResponse.js';
import type { ListServicesRequest as _berth_v1_ListServicesRequest, ListServicesRequest__Output as _berth_v1_ListServicesRequest__Output } from '../../berth/v1/ListServicesRequest.js';
import type { ListServicesResponse as _berth_v1_ListServicesResponse, ListServicesResponse__Output as _berth_v1_ListServicesResponse__Output } from '../../berth/v1/ListServicesResponse.js';
import type { ListTagsForResourceRequest as _berth_v1_ListTagsForResourceRequest, ListTagsForResourceRequest__Output as _berth_v1_ListTagsForResourceRequest__Output } from '../../berth/v1/ListTagsForResourceRequest.js';
import type { ListTagsForResourceResponse as _berth_v1_ListTagsForResourceResponse, ListTagsForResourceResponse__Output as _berth_v1_ListTagsForResourceResponse__Output } from '../../berth/v1/ListTagsForResourceResponse.js';
import type { ListTaskDefinitionFamiliesRequest as _berth_v1_ListTaskDefinitionFamiliesRequest, ListTaskDefinitionFamiliesRequest__Output as _berth_v1_ListTaskDefinitionFamiliesRequest__Output } from '../../berth/v1/ListTaskDefinitionFamiliesRequest.js';
import type { ListTaskDefinitionFamiliesResponse as _berth_v1_ListTaskDefinitionFamiliesResponse, ListTaskDefinitionFamiliesResponse__Output as _berth_v1_ListTaskDefinitionFamiliesResponse__Output } from '../../berth/v1/ListTaskDefinitionFamiliesResponse.js';
import type { ListTaskDefinitionsRequest as _berth_v1_ListTaskDefinitionsRequest, ListTaskDefinitionsRequest__Output as _berth_v1_ListTaskDefinitionsRequest__Output } from '../../berth/v1/ListTaskDefinitionsRequest.js';
import type { ListTaskDefinitionsResponse as _berth_v1_ListTaskDefinitionsResponse, ListTaskDefinitionsResponse__Output as _berth_v1_ListTaskDefinitionsResponse__Output } from '../../berth/v1/ListTaskDefinitionsResponse.js';
import type { ListTasksRequest as _berth_v1_ListTasksRequest, ListTasksRequest__Output as _berth_v1_ListTasksRequest__Output } from '../../berth/v1/ListTasksRequest.js';
import type { ListTasksResponse as _berth_v1_ListTasksResponse, ListTasksResponse__Output as _berth_v1_ListTasksResponse__Output } from '../../berth/v1/ListTasksResponse.js';
import type { PutAccountSettingDefaultRequest as _berth_v1_PutAccountSettingDefaultRequest, PutAccountSettingDefaultRequest__Output as _berth_v1_PutAccountSettingDefaultRequest__Output } from '../../berth/v1/PutAccountSettingDefaultRequest.js';
import type { PutAccountSettingDefaultResponse as _berth_v1_PutAccountSettingDefaultResponse, PutAccountSettingDefaultResponse__Output as _berth_v1_PutAccountSettingDefaultResponse__Output } from '../../berth/v1/PutAccountSettingDefaultResponse.js';
import type { PutAccountSettingRequest as _berth_v1_PutAccountSettingRequest, PutAccountSettingRequest__Output as _berth_v1_PutAccountSettingRequest__Output } from '../../berth/v1/PutAccountSettingRequest.js';
import type { PutAccountSettingResponse as _berth_v1_PutAccountSettingResponse, PutAccountSettingResponse__Output as _berth_v1_PutAccountSettingResponse__Output } from '../../berth/v1/PutAccountSettingResponse.js';
import type { PutAttributesRequest as _berth_v1_PutAttributesRequest, PutAttributesRequest__Output as _berth_v1_PutAttributesRequest__Output } from '../../berth/v1/PutAttributesRequest.js';
import type { PutAttributesResponse as _berth_v1_PutAttributesResponse, PutAttributesResponse__Output as _berth_v1_PutAttributesResponse__Output } from '../../berth/v1/PutAttributesResponse.js';
import type { PutClusterCapacityProvidersRequest as _berth_v1_PutClusterCapacityProvidersRequest, PutClusterCapacityProvidersRequest__Output as _berth_v1_PutClusterCapacityProvidersRequest__Output } from '../../berth/v1/PutClusterCapacityProvidersRequest.js';
import type { PutClusterCapacityProvidersResponse as _berth_v1_PutClusterCapacityProvidersResponse, PutClusterCapacityProvidersResponse__Output as _berth_v1_PutClusterCapacityProvidersResponse__Output } from '../../berth/v1/PutClusterCapacityProvidersResponse.js';
import type { RegisterContainerInstanceRequest as _berth_v1_RegisterContainerInstanceRequest, RegisterContainerInstanceRequest__Output as _berth_v1_RegisterContainerInstanceRequest__Output } from '../../berth/v1/RegisterContainerInstanceRequest.js';
import type { RegisterContainerInstanceResponse as _berth_v1_RegisterContainerInstanceResponse, RegisterContainerInstanceResponse__Output as _berth_v1_RegisterContainerInstanceResponse__Output } from '../../berth/v1/RegisterContainerInstanceResponse.js';
import type { RegisterDaemonTaskDefinitionRequest as _berth_v1_RegisterDaemonTaskDefinitionRequest, RegisterDaemonTaskDefinitionRequest__Output as _berth_v1_RegisterDaemonTaskDefinitionRequest__Output } from '../../berth/v1/RegisterDaemonTaskDefinitionRequest.js';
import type { RegisterDaemonTaskDefinitionResponse as _berth_v1_RegisterDaemonTaskDefinitionResponse, RegisterDaemonTaskDefinitionResponse__Output as _berth_v1_RegisterDaemonTaskDefinitionResponse__Output } from '../../berth/v1/RegisterDaemonTaskDefinitionResponse.js';
import type { RegisterTaskDefinitionRequest as _berth_v1_RegisterTaskDefinitionRequest, RegisterTaskDefinitionRequest__Output as _berth_v1_RegisterTaskDefinitionRequest__Output } from '../../berth/v1/RegisterTaskDefinitionRequest.js';
import type { RegisterTaskDefinitionResponse as _berth_v1_RegisterTaskDefinitionResponse, RegisterTaskDefinitionResponse__Output as _berth_v1_RegisterTaskDefinitionResponse__Output } from '../../berth/v1/RegisterTaskDefinitionResponse.js';
import type { RunTaskRequest as _berth_v1_RunTaskRequest, RunTaskRequest__Output as _berth_v1_RunTaskRequest__Output } from '../../berth/v1/RunTaskRequest.js';
import type { RunTaskResponse as _berth_v1_RunTaskResponse, RunTaskResponse__Output as _berth_v1_RunTaskResponse__Output } from '../../berth/v1/RunTaskResponse.js';
import type { StartTaskRequest as _berth_v1_StartTaskRequest, StartTaskRequest__Output as _berth_v1_StartTaskRequest__Output } from '../../berth/v1/StartTaskRequest.js';
import type { StartTaskResponse as _berth_v1_StartTaskResponse, StartTaskResponse__Output as _berth_v1_StartTaskResponse__Output } from '../../berth/v1/StartTaskResponse.js';
import type { StopServiceDeploymentRequest as _berth_v1_StopServiceDeploymentRequest, StopServiceDeploymentRequest__Output as _berth_v1_StopServiceDeploymentRequest__Output } from '../../berth/v1/StopServiceDeploymentRequest.js';
import type { StopServiceDeploymentResponse as _berth_v1_StopServiceDeploymentResponse, StopServiceDeploymentResponse__Output as _berth_v1_StopServiceDeploymentResponse__Output } from '../../berth/v1/StopServiceDeploymentResponse.js';
import type { StopTaskRequest as _berth_v1_StopTaskRequest, StopTaskRequest__Output as _berth_v1_StopTaskRequest__Output } from '../../berth/v1/StopTaskRequest.js';
import type { StopTaskResponse as _berth_v1_StopTaskResponse, StopTaskResponse__Output as _berth_v1_StopTaskResponse__Output } from '../../berth/v1/StopTaskResponse.js';
import type { SubmitAttachmentStateChangesRequest as _berth_v1_SubmitAttachmentStateChangesRequest, SubmitAttachmentStateChangesRequest__Output as _berth_v1_SubmitAttachmentStateChangesRequest__Output } from '../../berth/v1/SubmitAttachmentStateChangesRequest.js';
import type { SubmitAttachmentStateChangesResponse as _berth_v1_SubmitAttachmentStateChangesResponse, SubmitAttachmentStateChangesResponse__Output as _berth_v1_SubmitAttachmentStateChangesResponse__Output } from '../../berth/v1/SubmitAttachmentStateChangesResponse.js';
import type { SubmitContainerStateChangeRequest as _berth_v1_SubmitContainerStateChangeRequest, SubmitContainerStateChangeRequest__Output as _berth_v1_SubmitContainerStateChangeRequest__Output } from '../../berth/v1/SubmitContainerStateChangeRequest.js';
import type { SubmitContainerStateChangeResponse as _berth_v1_SubmitContainerStateChangeResponse, SubmitContainerStateChangeResponse__Output as _berth_v1_SubmitContainerStateChangeResponse__Output } from '../../berth/v1/SubmitContainerStateChangeResponse.js';
import type { SubmitTaskStateChangeRequest as _berth_v1_SubmitTaskStateChangeRequest, SubmitTaskStateChangeRequest__Output as _berth_v1_SubmitTaskStateChangeRequest__Output } from '../../berth/v1/SubmitTaskStateChangeRequest.js';
import type { SubmitTaskStateChangeResponse as _berth_v1_SubmitTaskStateChangeResponse, SubmitTaskStateChangeResponse__Output as _berth_v1_SubmitTaskStateChangeResponse__Output } from '../../berth/v1/SubmitTaskStateChangeResponse.js';
import type { TagResourceRequest as _berth_v1_TagResourceRequest, TagResourceRequest__Output as _berth_v1_TagResourceRequest__Output } from '../../berth/v1/TagResourceRequest.js';
import type { TagResourceResponse as _berth_v1_TagResourceResponse, TagResourceResponse__Output as _berth_v1_TagResourceResponse__Output } from '../../berth/v1/TagResourceResponse.js';
import type { UntagResourceRequest as _berth_v1_UntagResourceRequest, UntagResourceRequest__Output as _berth_v1_UntagResourceRequest__Output } from '../../berth/v1/UntagResourceRequest.js';
import type { UntagResourceResponse as _berth_v1_UntagResourceResponse, UntagResourceResponse__Output as _berth_v1_UntagResourceResponse__Output } from '../../berth/v1/UntagResourceResponse.js';
import type { UpdateCapacityProviderRequest as _berth_v1_UpdateCapacityProviderRequest, UpdateCapacityProviderRequest__Output as _berth_v1_UpdateCapacityProviderRequest__Output } from '../../berth/v1/UpdateCapacityProviderRequest.js';
import type { UpdateCapacityProviderResponse as _berth_v1_UpdateCapacityProviderResponse, UpdateCapacityProviderResponse__Output as _berth_v1_UpdateCapacityProviderResponse__Output } from '../../berth/v1/UpdateCapacityProviderResponse.js';
import type { UpdateClusterRequest as _berth_v1_UpdateClusterRequest, UpdateClusterRequest__Output as _berth_v1_UpdateClusterRequest__Output } from '../../berth/v1/UpdateClusterRequest.js';
import type { UpdateClusterResponse as _berth_v1_UpdateClusterResponse, UpdateClusterResponse__Output as _berth_v1_UpdateClusterResponse__Output } from '../../berth/v1/UpdateClusterResponse.js';
import type { UpdateClusterSettingsRequest as _berth_v1_UpdateClusterSettingsRequest, UpdateClusterSettingsRequest__Output as _berth_v1_UpdateClusterSettingsRequest__Output } from '../../berth/v1/UpdateClusterSettingsRequest.js';
import type { UpdateClusterSettingsResponse as _berth_v1_UpdateClusterSettingsResponse, UpdateClusterSettingsResponse__Output as _berth_v1_UpdateClusterSettingsResponse__Output } from '../../berth/v1/UpdateClusterSettingsResponse.js';
import type { UpdateContainerAgentRequest as _berth_v1_UpdateContainerAgentRequest, UpdateContainerAgentRequest__Output as _berth_v1_UpdateContainerAgentRequest__Output } from '../../berth/v1/UpdateContainerAgentRequest.js';
import type { UpdateContainerAgentResponse as _berth_v1_UpdateContainerAgentResponse, UpdateContainerAgentResponse__Output as _berth_v1_UpdateContainerAgentResponse__Output } from '../../berth/v1/UpdateContainerAgentResponse.js';
import type { UpdateContainerInstancesStateRequest as _berth_v1_UpdateContainerInstancesStateRequest, UpdateContainerInstancesStateRequest__Output as _berth_v1_UpdateContainerInstancesStateRequest__Output } from '../../berth/v1/UpdateContainerInstancesStateRequest.js';
import type { UpdateContainerInstancesStateResponse as _berth_v1_UpdateContainerInstancesStateResponse, UpdateContainerInstancesStateResponse__Output as _berth_v1_UpdateContainerInstancesStateResponse__Output } from '../../berth/v1/UpdateContainerInstancesStateResponse.js';
import type { UpdateDaemonRequest as _berth_v1_UpdateDaemonRequest, UpdateDaemonRequest__Output as _berth_v1_UpdateDaemonRequest__Output } from '../../berth/v1/UpdateDaemonRequest.js';
import type { UpdateDaemonResponse as _berth_v1_UpdateDaemonResponse, UpdateDaemonResponse__Output as _berth_v1_UpdateDaemonResponse__Output } from '../../berth/v1/UpdateDaemonResponse.js';
import type { UpdateExpressGatewayServiceRequest as _berth_v1_UpdateExpressGatewayServiceRequest, UpdateExpressGatewayServiceRequest__Output as _berth_v1_UpdateExpressGatewayServiceRequest__Output } from '../../berth/v1/UpdateExpressGatewayServiceRequest.js';
import type { UpdateExpressGatewayServiceResponse as _berth_v1_UpdateExpressGatewayServiceResponse, UpdateExpressGatewayServiceResponse__Output as _berth_v1_UpdateExpressGatewayServiceResponse__Output } from '../../berth/v1/UpdateExpressGatewayServiceResponse.js';
import type { UpdateServicePrimaryTaskSetRequest as _berth_v1_UpdateServicePrimaryTaskSetRequest, UpdateServicePrimaryTaskSetRequest__Output as _berth_v1_UpdateServicePrimaryTaskSetRequest__Output } from '../../berth/v1/UpdateServicePrimaryTaskSetRequest.js';
import type { UpdateServicePrimaryTaskSetResponse as _berth_v1_UpdateServicePrimaryTaskSetResponse, UpdateServicePrimaryTaskSetResponse__Output as _berth_v1_UpdateServicePrimaryTaskSetResponse__Output } from '../../berth/v1/UpdateServicePrimaryTaskSetResponse.js';
import type { UpdateServiceRequest as _berth_v1_UpdateServiceRequest, UpdateServiceRequest__Output as _berth_v1_UpdateServiceRequest__Output } from '../../berth/v1/UpdateServiceRequest.js';
import type { UpdateServiceResponse as _berth_v1_UpdateServiceResponse, UpdateServiceResponse__Output as _berth_v1_UpdateServiceResponse__Output } from '../../berth/v1/UpdateServiceResponse.js';
import type { UpdateTaskProtectionRequest as _berth_v1_UpdateTaskProtectionRequest, UpdateTaskProtectionRequest__Output as _berth_v1_UpdateTaskProtectionRequest__Output } from '../../berth/v1/UpdateTaskProtectionRequest.js';
import type { UpdateTaskProtectionResponse as _berth_v1_UpdateTaskProtectionResponse, UpdateTaskProtectionResponse__Output as _berth_v1_UpdateTaskProtectionResponse__Output } from '../../berth/v1/UpdateTaskProtectionResponse.js';
import type { UpdateTaskSetRequest as _berth_v1_UpdateTaskSetRequest, UpdateTaskSetRequest__Output as _berth_v1_UpdateTaskSetRequest__Output } from '../../berth/v1/UpdateTaskSetRequest.js';
import type { UpdateTaskSetResponse as _berth_v1_UpdateTaskSetResponse, UpdateTaskSetResponse__Output as _berth_v1_UpdateTaskSetResponse__Output } from '../../berth/v1/UpdateTaskSetResponse.js';

export interface ECSClient extends grpc.Client {
  ContinueServiceDeployment(argument: _berth_v1_ContinueServiceDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ContinueServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  ContinueServiceDeployment(argument: _berth_v1_ContinueServiceDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ContinueServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  ContinueServiceDeployment(argument: _berth_v1_ContinueServiceDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ContinueServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  ContinueServiceDeployment(argument: _berth_v1_ContinueServiceDeploymentRequest, callback: grpc.requestCallback<_berth_v1_ContinueServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  continueServiceDeployment(argument: _berth_v1_ContinueServiceDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ContinueServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  continueServiceDeployment(argument: _berth_v1_ContinueServiceDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ContinueServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  continueServiceDeployment(argument: _berth_v1_ContinueServiceDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ContinueServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  continueServiceDeployment(argument: _berth_v1_ContinueServiceDeploymentRequest, callback: grpc.requestCallback<_berth_v1_ContinueServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  
  CreateCapacityProvider(argument: _berth_v1_CreateCapacityProviderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  CreateCapacityProvider(argument: _berth_v1_CreateCapacityProviderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  CreateCapacityProvider(argument: _berth_v1_CreateCapacityProviderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  CreateCapacityProvider(argument: _berth_v1_CreateCapacityProviderRequest, callback: grpc.requestCallback<_berth_v1_CreateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  createCapacityProvider(argument: _berth_v1_CreateCapacityProviderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  createCapacityProvider(argument: _berth_v1_CreateCapacityProviderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  createCapacityProvider(argument: _berth_v1_CreateCapacityProviderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  createCapacityProvider(argument: _berth_v1_CreateCapacityProviderRequest, callback: grpc.requestCallback<_berth_v1_CreateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  
  CreateCluster(argument: _berth_v1_CreateClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateClusterResponse__Output>): grpc.ClientUnaryCall;
  CreateCluster(argument: _berth_v1_CreateClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateClusterResponse__Output>): grpc.ClientUnaryCall;
  CreateCluster(argument: _berth_v1_CreateClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateClusterResponse__Output>): grpc.ClientUnaryCall;
  CreateCluster(argument: _berth_v1_CreateClusterRequest, callback: grpc.requestCallback<_berth_v1_CreateClusterResponse__Output>): grpc.ClientUnaryCall;
  createCluster(argument: _berth_v1_CreateClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateClusterResponse__Output>): grpc.ClientUnaryCall;
  createCluster(argument: _berth_v1_CreateClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateClusterResponse__Output>): grpc.ClientUnaryCall;
  createCluster(argument: _berth_v1_CreateClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateClusterResponse__Output>): grpc.ClientUnaryCall;
  createCluster(argument: _berth_v1_CreateClusterRequest, callback: grpc.requestCallback<_berth_v1_CreateClusterResponse__Output>): grpc.ClientUnaryCall;
  
  CreateDaemon(argument: _berth_v1_CreateDaemonRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateDaemonResponse__Output>): grpc.ClientUnaryCall;
  CreateDaemon(argument: _berth_v1_CreateDaemonRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateDaemonResponse__Output>): grpc.ClientUnaryCall;
  CreateDaemon(argument: _berth_v1_CreateDaemonRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateDaemonResponse__Output>): grpc.ClientUnaryCall;
  CreateDaemon(argument: _berth_v1_CreateDaemonRequest, callback: grpc.requestCallback<_berth_v1_CreateDaemonResponse__Output>): grpc.ClientUnaryCall;
  createDaemon(argument: _berth_v1_CreateDaemonRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateDaemonResponse__Output>): grpc.ClientUnaryCall;
  createDaemon(argument: _berth_v1_CreateDaemonRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateDaemonResponse__Output>): grpc.ClientUnaryCall;
  createDaemon(argument: _berth_v1_CreateDaemonRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateDaemonResponse__Output>): grpc.ClientUnaryCall;
  createDaemon(argument: _berth_v1_CreateDaemonRequest, callback: grpc.requestCallback<_berth_v1_CreateDaemonResponse__Output>): grpc.ClientUnaryCall;
  
  CreateExpressGatewayService(argument: _berth_v1_CreateExpressGatewayServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  CreateExpressGatewayService(argument: _berth_v1_CreateExpressGatewayServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  CreateExpressGatewayService(argument: _berth_v1_CreateExpressGatewayServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  CreateExpressGatewayService(argument: _berth_v1_CreateExpressGatewayServiceRequest, callback: grpc.requestCallback<_berth_v1_CreateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  createExpressGatewayService(argument: _berth_v1_CreateExpressGatewayServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  createExpressGatewayService(argument: _berth_v1_CreateExpressGatewayServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  createExpressGatewayService(argument: _berth_v1_CreateExpressGatewayServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  createExpressGatewayService(argument: _berth_v1_CreateExpressGatewayServiceRequest, callback: grpc.requestCallback<_berth_v1_CreateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  
  CreateService(argument: _berth_v1_CreateServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  CreateService(argument: _berth_v1_CreateServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  CreateService(argument: _berth_v1_CreateServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  CreateService(argument: _berth_v1_CreateServiceRequest, callback: grpc.requestCallback<_berth_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  createService(argument: _berth_v1_CreateServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  createService(argument: _berth_v1_CreateServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  createService(argument: _berth_v1_CreateServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  createService(argument: _berth_v1_CreateServiceRequest, callback: grpc.requestCallback<_berth_v1_CreateServiceResponse__Output>): grpc.ClientUnaryCall;
  
  CreateTaskSet(argument: _berth_v1_CreateTaskSetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  CreateTaskSet(argument: _berth_v1_CreateTaskSetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  CreateTaskSet(argument: _berth_v1_CreateTaskSetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  CreateTaskSet(argument: _berth_v1_CreateTaskSetRequest, callback: grpc.requestCallback<_berth_v1_CreateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  createTaskSet(argument: _berth_v1_CreateTaskSetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  createTaskSet(argument: _berth_v1_CreateTaskSetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  createTaskSet(argument: _berth_v1_CreateTaskSetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  createTaskSet(argument: _berth_v1_CreateTaskSetRequest, callback: grpc.requestCallback<_berth_v1_CreateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteAccountSetting(argument: _berth_v1_DeleteAccountSettingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  DeleteAccountSetting(argument: _berth_v1_DeleteAccountSettingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  DeleteAccountSetting(argument: _berth_v1_DeleteAccountSettingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  DeleteAccountSetting(argument: _berth_v1_DeleteAccountSettingRequest, callback: grpc.requestCallback<_berth_v1_DeleteAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  deleteAccountSetting(argument: _berth_v1_DeleteAccountSettingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  deleteAccountSetting(argument: _berth_v1_DeleteAccountSettingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  deleteAccountSetting(argument: _berth_v1_DeleteAccountSettingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  deleteAccountSetting(argument: _berth_v1_DeleteAccountSettingRequest, callback: grpc.requestCallback<_berth_v1_DeleteAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteAttributes(argument: _berth_v1_DeleteAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAttributesResponse__Output>): grpc.ClientUnaryCall;
  DeleteAttributes(argument: _berth_v1_DeleteAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAttributesResponse__Output>): grpc.ClientUnaryCall;
  DeleteAttributes(argument: _berth_v1_DeleteAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAttributesResponse__Output>): grpc.ClientUnaryCall;
  DeleteAttributes(argument: _berth_v1_DeleteAttributesRequest, callback: grpc.requestCallback<_berth_v1_DeleteAttributesResponse__Output>): grpc.ClientUnaryCall;
  deleteAttributes(argument: _berth_v1_DeleteAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAttributesResponse__Output>): grpc.ClientUnaryCall;
  deleteAttributes(argument: _berth_v1_DeleteAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAttributesResponse__Output>): grpc.ClientUnaryCall;
  deleteAttributes(argument: _berth_v1_DeleteAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAttributesResponse__Output>): grpc.ClientUnaryCall;
  deleteAttributes(argument: _berth_v1_DeleteAttributesRequest, callback: grpc.requestCallback<_berth_v1_DeleteAttributesResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteCapacityProvider(argument: _berth_v1_DeleteCapacityProviderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  DeleteCapacityProvider(argument: _berth_v1_DeleteCapacityProviderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  DeleteCapacityProvider(argument: _berth_v1_DeleteCapacityProviderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  DeleteCapacityProvider(argument: _berth_v1_DeleteCapacityProviderRequest, callback: grpc.requestCallback<_berth_v1_DeleteCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  deleteCapacityProvider(argument: _berth_v1_DeleteCapacityProviderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  deleteCapacityProvider(argument: _berth_v1_DeleteCapacityProviderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  deleteCapacityProvider(argument: _berth_v1_DeleteCapacityProviderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  deleteCapacityProvider(argument: _berth_v1_DeleteCapacityProviderRequest, callback: grpc.requestCallback<_berth_v1_DeleteCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteCluster(argument: _berth_v1_DeleteClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteClusterResponse__Output>): grpc.ClientUnaryCall;
  DeleteCluster(argument: _berth_v1_DeleteClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteClusterResponse__Output>): grpc.ClientUnaryCall;
  DeleteCluster(argument: _berth_v1_DeleteClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteClusterResponse__Output>): grpc.ClientUnaryCall;
  DeleteCluster(argument: _berth_v1_DeleteClusterRequest, callback: grpc.requestCallback<_berth_v1_DeleteClusterResponse__Output>): grpc.ClientUnaryCall;
  deleteCluster(argument: _berth_v1_DeleteClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteClusterResponse__Output>): grpc.ClientUnaryCall;
  deleteCluster(argument: _berth_v1_DeleteClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteClusterResponse__Output>): grpc.ClientUnaryCall;
  deleteCluster(argument: _berth_v1_DeleteClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteClusterResponse__Output>): grpc.ClientUnaryCall;
  deleteCluster(argument: _berth_v1_DeleteClusterRequest, callback: grpc.requestCallback<_berth_v1_DeleteClusterResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteDaemon(argument: _berth_v1_DeleteDaemonRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDaemonResponse__Output>): grpc.ClientUnaryCall;
  DeleteDaemon(argument: _berth_v1_DeleteDaemonRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteDaemonResponse__Output>): grpc.ClientUnaryCall;
  DeleteDaemon(argument: _berth_v1_DeleteDaemonRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDaemonResponse__Output>): grpc.ClientUnaryCall;
  DeleteDaemon(argument: _berth_v1_DeleteDaemonRequest, callback: grpc.requestCallback<_berth_v1_DeleteDaemonResponse__Output>): grpc.ClientUnaryCall;
  deleteDaemon(argument: _berth_v1_DeleteDaemonRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDaemonResponse__Output>): grpc.ClientUnaryCall;
  deleteDaemon(argument: _berth_v1_DeleteDaemonRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteDaemonResponse__Output>): grpc.ClientUnaryCall;
  deleteDaemon(argument: _berth_v1_DeleteDaemonRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDaemonResponse__Output>): grpc.ClientUnaryCall;
  deleteDaemon(argument: _berth_v1_DeleteDaemonRequest, callback: grpc.requestCallback<_berth_v1_DeleteDaemonResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteDaemonTaskDefinition(argument: _berth_v1_DeleteDaemonTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DeleteDaemonTaskDefinition(argument: _berth_v1_DeleteDaemonTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DeleteDaemonTaskDefinition(argument: _berth_v1_DeleteDaemonTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DeleteDaemonTaskDefinition(argument: _berth_v1_DeleteDaemonTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_DeleteDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deleteDaemonTaskDefinition(argument: _berth_v1_DeleteDaemonTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deleteDaemonTaskDefinition(argument: _berth_v1_DeleteDaemonTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deleteDaemonTaskDefinition(argument: _berth_v1_DeleteDaemonTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deleteDaemonTaskDefinition(argument: _berth_v1_DeleteDaemonTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_DeleteDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteExpressGatewayService(argument: _berth_v1_DeleteExpressGatewayServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  DeleteExpressGatewayService(argument: _berth_v1_DeleteExpressGatewayServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  DeleteExpressGatewayService(argument: _berth_v1_DeleteExpressGatewayServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  DeleteExpressGatewayService(argument: _berth_v1_DeleteExpressGatewayServiceRequest, callback: grpc.requestCallback<_berth_v1_DeleteExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  deleteExpressGatewayService(argument: _berth_v1_DeleteExpressGatewayServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  deleteExpressGatewayService(argument: _berth_v1_DeleteExpressGatewayServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  deleteExpressGatewayService(argument: _berth_v1_DeleteExpressGatewayServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  deleteExpressGatewayService(argument: _berth_v1_DeleteExpressGatewayServiceRequest, callback: grpc.requestCallback<_berth_v1_DeleteExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteService(argument: _berth_v1_DeleteServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteServiceResponse__Output>): grpc.ClientUnaryCall;
  DeleteService(argument: _berth_v1_DeleteServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteServiceResponse__Output>): grpc.ClientUnaryCall;
  DeleteService(argument: _berth_v1_DeleteServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteServiceResponse__Output>): grpc.ClientUnaryCall;
  DeleteService(argument: _berth_v1_DeleteServiceRequest, callback: grpc.requestCallback<_berth_v1_DeleteServiceResponse__Output>): grpc.ClientUnaryCall;
  deleteService(argument: _berth_v1_DeleteServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteServiceResponse__Output>): grpc.ClientUnaryCall;
  deleteService(argument: _berth_v1_DeleteServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteServiceResponse__Output>): grpc.ClientUnaryCall;
  deleteService(argument: _berth_v1_DeleteServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteServiceResponse__Output>): grpc.ClientUnaryCall;
  deleteService(argument: _berth_v1_DeleteServiceRequest, callback: grpc.requestCallback<_berth_v1_DeleteServiceResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteTaskDefinitions(argument: _berth_v1_DeleteTaskDefinitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTaskDefinitions(argument: _berth_v1_DeleteTaskDefinitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTaskDefinitions(argument: _berth_v1_DeleteTaskDefinitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTaskDefinitions(argument: _berth_v1_DeleteTaskDefinitionsRequest, callback: grpc.requestCallback<_berth_v1_DeleteTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  deleteTaskDefinitions(argument: _berth_v1_DeleteTaskDefinitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  deleteTaskDefinitions(argument: _berth_v1_DeleteTaskDefinitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  deleteTaskDefinitions(argument: _berth_v1_DeleteTaskDefinitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  deleteTaskDefinitions(argument: _berth_v1_DeleteTaskDefinitionsRequest, callback: grpc.requestCallback<_berth_v1_DeleteTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteTaskSet(argument: _berth_v1_DeleteTaskSetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteTaskSetResponse__Output>): grpc.ClientUnaryCall;
  DeleteTaskSet(argument: _berth_v1_DeleteTaskSetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteTaskSetResponse__Output>): grpc.ClientUnaryCall;
  DeleteTaskSet(argument: _berth_v1_DeleteTaskSetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteTaskSetResponse__Output>): grpc.ClientUnaryCall;
  DeleteTaskSet(argument: _berth_v1_DeleteTaskSetRequest, callback: grpc.requestCallback<_berth_v1_DeleteTaskSetResponse__Output>): grpc.ClientUnaryCall;
  deleteTaskSet(argument: _berth_v1_DeleteTaskSetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteTaskSetResponse__Output>): grpc.ClientUnaryCall;
  deleteTaskSet(argument: _berth_v1_DeleteTaskSetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteTaskSetResponse__Output>): grpc.ClientUnaryCall;
  deleteTaskSet(argument: _berth_v1_DeleteTaskSetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteTaskSetResponse__Output>): grpc.ClientUnaryCall;
  deleteTaskSet(argument: _berth_v1_DeleteTaskSetRequest, callback: grpc.requestCallback<_berth_v1_DeleteTaskSetResponse__Output>): grpc.ClientUnaryCall;
  
  DeregisterContainerInstance(argument: _berth_v1_DeregisterContainerInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeregisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  DeregisterContainerInstance(argument: _berth_v1_DeregisterContainerInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeregisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  DeregisterContainerInstance(argument: _berth_v1_DeregisterContainerInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeregisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  DeregisterContainerInstance(argument: _berth_v1_DeregisterContainerInstanceRequest, callback: grpc.requestCallback<_berth_v1_DeregisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  deregisterContainerInstance(argument: _berth_v1_DeregisterContainerInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeregisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  deregisterContainerInstance(argument: _berth_v1_DeregisterContainerInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeregisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  deregisterContainerInstance(argument: _berth_v1_DeregisterContainerInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeregisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  deregisterContainerInstance(argument: _berth_v1_DeregisterContainerInstanceRequest, callback: grpc.requestCallback<_berth_v1_DeregisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  
  DeregisterTaskDefinition(argument: _berth_v1_DeregisterTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeregisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DeregisterTaskDefinition(argument: _berth_v1_DeregisterTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeregisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DeregisterTaskDefinition(argument: _berth_v1_DeregisterTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeregisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DeregisterTaskDefinition(argument: _berth_v1_DeregisterTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_DeregisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deregisterTaskDefinition(argument: _berth_v1_DeregisterTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeregisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deregisterTaskDefinition(argument: _berth_v1_DeregisterTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeregisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deregisterTaskDefinition(argument: _berth_v1_DeregisterTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeregisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  deregisterTaskDefinition(argument: _berth_v1_DeregisterTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_DeregisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeCapacityProviders(argument: _berth_v1_DescribeCapacityProvidersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  DescribeCapacityProviders(argument: _berth_v1_DescribeCapacityProvidersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  DescribeCapacityProviders(argument: _berth_v1_DescribeCapacityProvidersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  DescribeCapacityProviders(argument: _berth_v1_DescribeCapacityProvidersRequest, callback: grpc.requestCallback<_berth_v1_DescribeCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  describeCapacityProviders(argument: _berth_v1_DescribeCapacityProvidersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  describeCapacityProviders(argument: _berth_v1_DescribeCapacityProvidersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  describeCapacityProviders(argument: _berth_v1_DescribeCapacityProvidersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  describeCapacityProviders(argument: _berth_v1_DescribeCapacityProvidersRequest, callback: grpc.requestCallback<_berth_v1_DescribeCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeClusters(argument: _berth_v1_DescribeClustersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeClustersResponse__Output>): grpc.ClientUnaryCall;
  DescribeClusters(argument: _berth_v1_DescribeClustersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeClustersResponse__Output>): grpc.ClientUnaryCall;
  DescribeClusters(argument: _berth_v1_DescribeClustersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeClustersResponse__Output>): grpc.ClientUnaryCall;
  DescribeClusters(argument: _berth_v1_DescribeClustersRequest, callback: grpc.requestCallback<_berth_v1_DescribeClustersResponse__Output>): grpc.ClientUnaryCall;
  describeClusters(argument: _berth_v1_DescribeClustersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeClustersResponse__Output>): grpc.ClientUnaryCall;
  describeClusters(argument: _berth_v1_DescribeClustersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeClustersResponse__Output>): grpc.ClientUnaryCall;
  describeClusters(argument: _berth_v1_DescribeClustersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeClustersResponse__Output>): grpc.ClientUnaryCall;
  describeClusters(argument: _berth_v1_DescribeClustersRequest, callback: grpc.requestCallback<_berth_v1_DescribeClustersResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeContainerInstances(argument: _berth_v1_DescribeContainerInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  DescribeContainerInstances(argument: _berth_v1_DescribeContainerInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  DescribeContainerInstances(argument: _berth_v1_DescribeContainerInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  DescribeContainerInstances(argument: _berth_v1_DescribeContainerInstancesRequest, callback: grpc.requestCallback<_berth_v1_DescribeContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  describeContainerInstances(argument: _berth_v1_DescribeContainerInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  describeContainerInstances(argument: _berth_v1_DescribeContainerInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  describeContainerInstances(argument: _berth_v1_DescribeContainerInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  describeContainerInstances(argument: _berth_v1_DescribeContainerInstancesRequest, callback: grpc.requestCallback<_berth_v1_DescribeContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeDaemon(argument: _berth_v1_DescribeDaemonRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemon(argument: _berth_v1_DescribeDaemonRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeDaemonResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemon(argument: _berth_v1_DescribeDaemonRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemon(argument: _berth_v1_DescribeDaemonRequest, callback: grpc.requestCallback<_berth_v1_DescribeDaemonResponse__Output>): grpc.ClientUnaryCall;
  describeDaemon(argument: _berth_v1_DescribeDaemonRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonResponse__Output>): grpc.ClientUnaryCall;
  describeDaemon(argument: _berth_v1_DescribeDaemonRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeDaemonResponse__Output>): grpc.ClientUnaryCall;
  describeDaemon(argument: _berth_v1_DescribeDaemonRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonResponse__Output>): grpc.ClientUnaryCall;
  describeDaemon(argument: _berth_v1_DescribeDaemonRequest, callback: grpc.requestCallback<_berth_v1_DescribeDaemonResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeDaemonDeployments(argument: _berth_v1_DescribeDaemonDeploymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemonDeployments(argument: _berth_v1_DescribeDaemonDeploymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemonDeployments(argument: _berth_v1_DescribeDaemonDeploymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemonDeployments(argument: _berth_v1_DescribeDaemonDeploymentsRequest, callback: grpc.requestCallback<_berth_v1_DescribeDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonDeployments(argument: _berth_v1_DescribeDaemonDeploymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonDeployments(argument: _berth_v1_DescribeDaemonDeploymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonDeployments(argument: _berth_v1_DescribeDaemonDeploymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonDeployments(argument: _berth_v1_DescribeDaemonDeploymentsRequest, callback: grpc.requestCallback<_berth_v1_DescribeDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeDaemonRevisions(argument: _berth_v1_DescribeDaemonRevisionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonRevisionsResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemonRevisions(argument: _berth_v1_DescribeDaemonRevisionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeDaemonRevisionsResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemonRevisions(argument: _berth_v1_DescribeDaemonRevisionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonRevisionsResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemonRevisions(argument: _berth_v1_DescribeDaemonRevisionsRequest, callback: grpc.requestCallback<_berth_v1_DescribeDaemonRevisionsResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonRevisions(argument: _berth_v1_DescribeDaemonRevisionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonRevisionsResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonRevisions(argument: _berth_v1_DescribeDaemonRevisionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeDaemonRevisionsResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonRevisions(argument: _berth_v1_DescribeDaemonRevisionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonRevisionsResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonRevisions(argument: _berth_v1_DescribeDaemonRevisionsRequest, callback: grpc.requestCallback<_berth_v1_DescribeDaemonRevisionsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeDaemonTaskDefinition(argument: _berth_v1_DescribeDaemonTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemonTaskDefinition(argument: _berth_v1_DescribeDaemonTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemonTaskDefinition(argument: _berth_v1_DescribeDaemonTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DescribeDaemonTaskDefinition(argument: _berth_v1_DescribeDaemonTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_DescribeDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonTaskDefinition(argument: _berth_v1_DescribeDaemonTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonTaskDefinition(argument: _berth_v1_DescribeDaemonTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonTaskDefinition(argument: _berth_v1_DescribeDaemonTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  describeDaemonTaskDefinition(argument: _berth_v1_DescribeDaemonTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_DescribeDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeExpressGatewayService(argument: _berth_v1_DescribeExpressGatewayServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  DescribeExpressGatewayService(argument: _berth_v1_DescribeExpressGatewayServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  DescribeExpressGatewayService(argument: _berth_v1_DescribeExpressGatewayServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  DescribeExpressGatewayService(argument: _berth_v1_DescribeExpressGatewayServiceRequest, callback: grpc.requestCallback<_berth_v1_DescribeExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  describeExpressGatewayService(argument: _berth_v1_DescribeExpressGatewayServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  describeExpressGatewayService(argument: _berth_v1_DescribeExpressGatewayServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  describeExpressGatewayService(argument: _berth_v1_DescribeExpressGatewayServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  describeExpressGatewayService(argument: _berth_v1_DescribeExpressGatewayServiceRequest, callback: grpc.requestCallback<_berth_v1_DescribeExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeServiceDeployments(argument: _berth_v1_DescribeServiceDeploymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  DescribeServiceDeployments(argument: _berth_v1_DescribeServiceDeploymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  DescribeServiceDeployments(argument: _berth_v1_DescribeServiceDeploymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  DescribeServiceDeployments(argument: _berth_v1_DescribeServiceDeploymentsRequest, callback: grpc.requestCallback<_berth_v1_DescribeServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  describeServiceDeployments(argument: _berth_v1_DescribeServiceDeploymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  describeServiceDeployments(argument: _berth_v1_DescribeServiceDeploymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  describeServiceDeployments(argument: _berth_v1_DescribeServiceDeploymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  describeServiceDeployments(argument: _berth_v1_DescribeServiceDeploymentsRequest, callback: grpc.requestCallback<_berth_v1_DescribeServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeServiceRevisions(argument: _berth_v1_DescribeServiceRevisionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServiceRevisionsResponse__Output>): grpc.ClientUnaryCall;
  DescribeServiceRevisions(argument: _berth_v1_DescribeServiceRevisionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeServiceRevisionsResponse__Output>): grpc.ClientUnaryCall;
  DescribeServiceRevisions(argument: _berth_v1_DescribeServiceRevisionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServiceRevisionsResponse__Output>): grpc.ClientUnaryCall;
  DescribeServiceRevisions(argument: _berth_v1_DescribeServiceRevisionsRequest, callback: grpc.requestCallback<_berth_v1_DescribeServiceRevisionsResponse__Output>): grpc.ClientUnaryCall;
  describeServiceRevisions(argument: _berth_v1_DescribeServiceRevisionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServiceRevisionsResponse__Output>): grpc.ClientUnaryCall;
  describeServiceRevisions(argument: _berth_v1_DescribeServiceRevisionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeServiceRevisionsResponse__Output>): grpc.ClientUnaryCall;
  describeServiceRevisions(argument: _berth_v1_DescribeServiceRevisionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServiceRevisionsResponse__Output>): grpc.ClientUnaryCall;
  describeServiceRevisions(argument: _berth_v1_DescribeServiceRevisionsRequest, callback: grpc.requestCallback<_berth_v1_DescribeServiceRevisionsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeServices(argument: _berth_v1_DescribeServicesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServicesResponse__Output>): grpc.ClientUnaryCall;
  DescribeServices(argument: _berth_v1_DescribeServicesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeServicesResponse__Output>): grpc.ClientUnaryCall;
  DescribeServices(argument: _berth_v1_DescribeServicesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServicesResponse__Output>): grpc.ClientUnaryCall;
  DescribeServices(argument: _berth_v1_DescribeServicesRequest, callback: grpc.requestCallback<_berth_v1_DescribeServicesResponse__Output>): grpc.ClientUnaryCall;
  describeServices(argument: _berth_v1_DescribeServicesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServicesResponse__Output>): grpc.ClientUnaryCall;
  describeServices(argument: _berth_v1_DescribeServicesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeServicesResponse__Output>): grpc.ClientUnaryCall;
  describeServices(argument: _berth_v1_DescribeServicesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeServicesResponse__Output>): grpc.ClientUnaryCall;
  describeServices(argument: _berth_v1_DescribeServicesRequest, callback: grpc.requestCallback<_berth_v1_DescribeServicesResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeTaskDefinition(argument: _berth_v1_DescribeTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DescribeTaskDefinition(argument: _berth_v1_DescribeTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DescribeTaskDefinition(argument: _berth_v1_DescribeTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  DescribeTaskDefinition(argument: _berth_v1_DescribeTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_DescribeTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  describeTaskDefinition(argument: _berth_v1_DescribeTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  describeTaskDefinition(argument: _berth_v1_DescribeTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  describeTaskDefinition(argument: _berth_v1_DescribeTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  describeTaskDefinition(argument: _berth_v1_DescribeTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_DescribeTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeTaskSets(argument: _berth_v1_DescribeTaskSetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTaskSetsResponse__Output>): grpc.ClientUnaryCall;
  DescribeTaskSets(argument: _berth_v1_DescribeTaskSetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeTaskSetsResponse__Output>): grpc.ClientUnaryCall;
  DescribeTaskSets(argument: _berth_v1_DescribeTaskSetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTaskSetsResponse__Output>): grpc.ClientUnaryCall;
  DescribeTaskSets(argument: _berth_v1_DescribeTaskSetsRequest, callback: grpc.requestCallback<_berth_v1_DescribeTaskSetsResponse__Output>): grpc.ClientUnaryCall;
  describeTaskSets(argument: _berth_v1_DescribeTaskSetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTaskSetsResponse__Output>): grpc.ClientUnaryCall;
  describeTaskSets(argument: _berth_v1_DescribeTaskSetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeTaskSetsResponse__Output>): grpc.ClientUnaryCall;
  describeTaskSets(argument: _berth_v1_DescribeTaskSetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTaskSetsResponse__Output>): grpc.ClientUnaryCall;
  describeTaskSets(argument: _berth_v1_DescribeTaskSetsRequest, callback: grpc.requestCallback<_berth_v1_DescribeTaskSetsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeTasks(argument: _berth_v1_DescribeTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTasksResponse__Output>): grpc.ClientUnaryCall;
  DescribeTasks(argument: _berth_v1_DescribeTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeTasksResponse__Output>): grpc.ClientUnaryCall;
  DescribeTasks(argument: _berth_v1_DescribeTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTasksResponse__Output>): grpc.ClientUnaryCall;
  DescribeTasks(argument: _berth_v1_DescribeTasksRequest, callback: grpc.requestCallback<_berth_v1_DescribeTasksResponse__Output>): grpc.ClientUnaryCall;
  describeTasks(argument: _berth_v1_DescribeTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTasksResponse__Output>): grpc.ClientUnaryCall;
  describeTasks(argument: _berth_v1_DescribeTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DescribeTasksResponse__Output>): grpc.ClientUnaryCall;
  describeTasks(argument: _berth_v1_DescribeTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DescribeTasksResponse__Output>): grpc.ClientUnaryCall;
  describeTasks(argument: _berth_v1_DescribeTasksRequest, callback: grpc.requestCallback<_berth_v1_DescribeTasksResponse__Output>): grpc.ClientUnaryCall;
  
  DiscoverPollEndpoint(argument: _berth_v1_DiscoverPollEndpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DiscoverPollEndpointResponse__Output>): grpc.ClientUnaryCall;
  DiscoverPollEndpoint(argument: _berth_v1_DiscoverPollEndpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DiscoverPollEndpointResponse__Output>): grpc.ClientUnaryCall;
  DiscoverPollEndpoint(argument: _berth_v1_DiscoverPollEndpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DiscoverPollEndpointResponse__Output>): grpc.ClientUnaryCall;
  DiscoverPollEndpoint(argument: _berth_v1_DiscoverPollEndpointRequest, callback: grpc.requestCallback<_berth_v1_DiscoverPollEndpointResponse__Output>): grpc.ClientUnaryCall;
  discoverPollEndpoint(argument: _berth_v1_DiscoverPollEndpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DiscoverPollEndpointResponse__Output>): grpc.ClientUnaryCall;
  discoverPollEndpoint(argument: _berth_v1_DiscoverPollEndpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DiscoverPollEndpointResponse__Output>): grpc.ClientUnaryCall;
  discoverPollEndpoint(argument: _berth_v1_DiscoverPollEndpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DiscoverPollEndpointResponse__Output>): grpc.ClientUnaryCall;
  discoverPollEndpoint(argument: _berth_v1_DiscoverPollEndpointRequest, callback: grpc.requestCallback<_berth_v1_DiscoverPollEndpointResponse__Output>): grpc.ClientUnaryCall;
  
  ExecuteCommand(argument: _berth_v1_ExecuteCommandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ExecuteCommandResponse__Output>): grpc.ClientUnaryCall;
  ExecuteCommand(argument: _berth_v1_ExecuteCommandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ExecuteCommandResponse__Output>): grpc.ClientUnaryCall;
  ExecuteCommand(argument: _berth_v1_ExecuteCommandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ExecuteCommandResponse__Output>): grpc.ClientUnaryCall;
  ExecuteCommand(argument: _berth_v1_ExecuteCommandRequest, callback: grpc.requestCallback<_berth_v1_ExecuteCommandResponse__Output>): grpc.ClientUnaryCall;
  executeCommand(argument: _berth_v1_ExecuteCommandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ExecuteCommandResponse__Output>): grpc.ClientUnaryCall;
  executeCommand(argument: _berth_v1_ExecuteCommandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ExecuteCommandResponse__Output>): grpc.ClientUnaryCall;
  executeCommand(argument: _berth_v1_ExecuteCommandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ExecuteCommandResponse__Output>): grpc.ClientUnaryCall;
  executeCommand(argument: _berth_v1_ExecuteCommandRequest, callback: grpc.requestCallback<_berth_v1_ExecuteCommandResponse__Output>): grpc.ClientUnaryCall;
  
  GetTaskProtection(argument: _berth_v1_GetTaskProtectionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  GetTaskProtection(argument: _berth_v1_GetTaskProtectionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GetTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  GetTaskProtection(argument: _berth_v1_GetTaskProtectionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  GetTaskProtection(argument: _berth_v1_GetTaskProtectionRequest, callback: grpc.requestCallback<_berth_v1_GetTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  getTaskProtection(argument: _berth_v1_GetTaskProtectionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  getTaskProtection(argument: _berth_v1_GetTaskProtectionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GetTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  getTaskProtection(argument: _berth_v1_GetTaskProtectionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  getTaskProtection(argument: _berth_v1_GetTaskProtectionRequest, callback: grpc.requestCallback<_berth_v1_GetTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  
  ListAccountSettings(argument: _berth_v1_ListAccountSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAccountSettingsResponse__Output>): grpc.ClientUnaryCall;
  ListAccountSettings(argument: _berth_v1_ListAccountSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAccountSettingsResponse__Output>): grpc.ClientUnaryCall;
  ListAccountSettings(argument: _berth_v1_ListAccountSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAccountSettingsResponse__Output>): grpc.ClientUnaryCall;
  ListAccountSettings(argument: _berth_v1_ListAccountSettingsRequest, callback: grpc.requestCallback<_berth_v1_ListAccountSettingsResponse__Output>): grpc.ClientUnaryCall;
  listAccountSettings(argument: _berth_v1_ListAccountSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAccountSettingsResponse__Output>): grpc.ClientUnaryCall;
  listAccountSettings(argument: _berth_v1_ListAccountSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAccountSettingsResponse__Output>): grpc.ClientUnaryCall;
  listAccountSettings(argument: _berth_v1_ListAccountSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAccountSettingsResponse__Output>): grpc.ClientUnaryCall;
  listAccountSettings(argument: _berth_v1_ListAccountSettingsRequest, callback: grpc.requestCallback<_berth_v1_ListAccountSettingsResponse__Output>): grpc.ClientUnaryCall;
  
  ListAttributes(argument: _berth_v1_ListAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAttributesResponse__Output>): grpc.ClientUnaryCall;
  ListAttributes(argument: _berth_v1_ListAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAttributesResponse__Output>): grpc.ClientUnaryCall;
  ListAttributes(argument: _berth_v1_ListAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAttributesResponse__Output>): grpc.ClientUnaryCall;
  ListAttributes(argument: _berth_v1_ListAttributesRequest, callback: grpc.requestCallback<_berth_v1_ListAttributesResponse__Output>): grpc.ClientUnaryCall;
  listAttributes(argument: _berth_v1_ListAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAttributesResponse__Output>): grpc.ClientUnaryCall;
  listAttributes(argument: _berth_v1_ListAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAttributesResponse__Output>): grpc.ClientUnaryCall;
  listAttributes(argument: _berth_v1_ListAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAttributesResponse__Output>): grpc.ClientUnaryCall;
  listAttributes(argument: _berth_v1_ListAttributesRequest, callback: grpc.requestCallback<_berth_v1_ListAttributesResponse__Output>): grpc.ClientUnaryCall;
  
  ListClusters(argument: _berth_v1_ListClustersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListClustersResponse__Output>): grpc.ClientUnaryCall;
  ListClusters(argument: _berth_v1_ListClustersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListClustersResponse__Output>): grpc.ClientUnaryCall;
  ListClusters(argument: _berth_v1_ListClustersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListClustersResponse__Output>): grpc.ClientUnaryCall;
  ListClusters(argument: _berth_v1_ListClustersRequest, callback: grpc.requestCallback<_berth_v1_ListClustersResponse__Output>): grpc.ClientUnaryCall;
  listClusters(argument: _berth_v1_ListClustersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListClustersResponse__Output>): grpc.ClientUnaryCall;
  listClusters(argument: _berth_v1_ListClustersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListClustersResponse__Output>): grpc.ClientUnaryCall;
  listClusters(argument: _berth_v1_ListClustersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListClustersResponse__Output>): grpc.ClientUnaryCall;
  listClusters(argument: _berth_v1_ListClustersRequest, callback: grpc.requestCallback<_berth_v1_ListClustersResponse__Output>): grpc.ClientUnaryCall;
  
  ListContainerInstances(argument: _berth_v1_ListContainerInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  ListContainerInstances(argument: _berth_v1_ListContainerInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  ListContainerInstances(argument: _berth_v1_ListContainerInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  ListContainerInstances(argument: _berth_v1_ListContainerInstancesRequest, callback: grpc.requestCallback<_berth_v1_ListContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  listContainerInstances(argument: _berth_v1_ListContainerInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  listContainerInstances(argument: _berth_v1_ListContainerInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  listContainerInstances(argument: _berth_v1_ListContainerInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  listContainerInstances(argument: _berth_v1_ListContainerInstancesRequest, callback: grpc.requestCallback<_berth_v1_ListContainerInstancesResponse__Output>): grpc.ClientUnaryCall;
  
  ListDaemonDeployments(argument: _berth_v1_ListDaemonDeploymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  ListDaemonDeployments(argument: _berth_v1_ListDaemonDeploymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  ListDaemonDeployments(argument: _berth_v1_ListDaemonDeploymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  ListDaemonDeployments(argument: _berth_v1_ListDaemonDeploymentsRequest, callback: grpc.requestCallback<_berth_v1_ListDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listDaemonDeployments(argument: _berth_v1_ListDaemonDeploymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listDaemonDeployments(argument: _berth_v1_ListDaemonDeploymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listDaemonDeployments(argument: _berth_v1_ListDaemonDeploymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listDaemonDeployments(argument: _berth_v1_ListDaemonDeploymentsRequest, callback: grpc.requestCallback<_berth_v1_ListDaemonDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  
  ListDaemonTaskDefinitions(argument: _berth_v1_ListDaemonTaskDefinitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  ListDaemonTaskDefinitions(argument: _berth_v1_ListDaemonTaskDefinitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListDaemonTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  ListDaemonTaskDefinitions(argument: _berth_v1_ListDaemonTaskDefinitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  ListDaemonTaskDefinitions(argument: _berth_v1_ListDaemonTaskDefinitionsRequest, callback: grpc.requestCallback<_berth_v1_ListDaemonTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listDaemonTaskDefinitions(argument: _berth_v1_ListDaemonTaskDefinitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listDaemonTaskDefinitions(argument: _berth_v1_ListDaemonTaskDefinitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListDaemonTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listDaemonTaskDefinitions(argument: _berth_v1_ListDaemonTaskDefinitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listDaemonTaskDefinitions(argument: _berth_v1_ListDaemonTaskDefinitionsRequest, callback: grpc.requestCallback<_berth_v1_ListDaemonTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  
  ListDaemons(argument: _berth_v1_ListDaemonsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonsResponse__Output>): grpc.ClientUnaryCall;
  ListDaemons(argument: _berth_v1_ListDaemonsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListDaemonsResponse__Output>): grpc.ClientUnaryCall;
  ListDaemons(argument: _berth_v1_ListDaemonsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonsResponse__Output>): grpc.ClientUnaryCall;
  ListDaemons(argument: _berth_v1_ListDaemonsRequest, callback: grpc.requestCallback<_berth_v1_ListDaemonsResponse__Output>): grpc.ClientUnaryCall;
  listDaemons(argument: _berth_v1_ListDaemonsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonsResponse__Output>): grpc.ClientUnaryCall;
  listDaemons(argument: _berth_v1_ListDaemonsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListDaemonsResponse__Output>): grpc.ClientUnaryCall;
  listDaemons(argument: _berth_v1_ListDaemonsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDaemonsResponse__Output>): grpc.ClientUnaryCall;
  listDaemons(argument: _berth_v1_ListDaemonsRequest, callback: grpc.requestCallback<_berth_v1_ListDaemonsResponse__Output>): grpc.ClientUnaryCall;
  
  ListServiceDeployments(argument: _berth_v1_ListServiceDeploymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  ListServiceDeployments(argument: _berth_v1_ListServiceDeploymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  ListServiceDeployments(argument: _berth_v1_ListServiceDeploymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  ListServiceDeployments(argument: _berth_v1_ListServiceDeploymentsRequest, callback: grpc.requestCallback<_berth_v1_ListServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listServiceDeployments(argument: _berth_v1_ListServiceDeploymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listServiceDeployments(argument: _berth_v1_ListServiceDeploymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listServiceDeployments(argument: _berth_v1_ListServiceDeploymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listServiceDeployments(argument: _berth_v1_ListServiceDeploymentsRequest, callback: grpc.requestCallback<_berth_v1_ListServiceDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  
  ListServices(argument: _berth_v1_ListServicesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  ListServices(argument: _berth_v1_ListServicesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  ListServices(argument: _berth_v1_ListServicesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  ListServices(argument: _berth_v1_ListServicesRequest, callback: grpc.requestCallback<_berth_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _berth_v1_ListServicesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _berth_v1_ListServicesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _berth_v1_ListServicesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  listServices(argument: _berth_v1_ListServicesRequest, callback: grpc.requestCallback<_berth_v1_ListServicesResponse__Output>): grpc.ClientUnaryCall;
  
  ListServicesByNamespace(argument: _berth_v1_ListServicesByNamespaceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServicesByNamespaceResponse__Output>): grpc.ClientUnaryCall;
  ListServicesByNamespace(argument: _berth_v1_ListServicesByNamespaceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListServicesByNamespaceResponse__Output>): grpc.ClientUnaryCall;
  ListServicesByNamespace(argument: _berth_v1_ListServicesByNamespaceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServicesByNamespaceResponse__Output>): grpc.ClientUnaryCall;
  ListServicesByNamespace(argument: _berth_v1_ListServicesByNamespaceRequest, callback: grpc.requestCallback<_berth_v1_ListServicesByNamespaceResponse__Output>): grpc.ClientUnaryCall;
  listServicesByNamespace(argument: _berth_v1_ListServicesByNamespaceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServicesByNamespaceResponse__Output>): grpc.ClientUnaryCall;
  listServicesByNamespace(argument: _berth_v1_ListServicesByNamespaceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListServicesByNamespaceResponse__Output>): grpc.ClientUnaryCall;
  listServicesByNamespace(argument: _berth_v1_ListServicesByNamespaceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListServicesByNamespaceResponse__Output>): grpc.ClientUnaryCall;
  listServicesByNamespace(argument: _berth_v1_ListServicesByNamespaceRequest, callback: grpc.requestCallback<_berth_v1_ListServicesByNamespaceResponse__Output>): grpc.ClientUnaryCall;
  
  ListTagsForResource(argument: _berth_v1_ListTagsForResourceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTagsForResourceResponse__Output>): grpc.ClientUnaryCall;
  ListTagsForResource(argument: _berth_v1_ListTagsForResourceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTagsForResourceResponse__Output>): grpc.ClientUnaryCall;
  ListTagsForResource(argument: _berth_v1_ListTagsForResourceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTagsForResourceResponse__Output>): grpc.ClientUnaryCall;
  ListTagsForResource(argument: _berth_v1_ListTagsForResourceRequest, callback: grpc.requestCallback<_berth_v1_ListTagsForResourceResponse__Output>): grpc.ClientUnaryCall;
  listTagsForResource(argument: _berth_v1_ListTagsForResourceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTagsForResourceResponse__Output>): grpc.ClientUnaryCall;
  listTagsForResource(argument: _berth_v1_ListTagsForResourceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTagsForResourceResponse__Output>): grpc.ClientUnaryCall;
  listTagsForResource(argument: _berth_v1_ListTagsForResourceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTagsForResourceResponse__Output>): grpc.ClientUnaryCall;
  listTagsForResource(argument: _berth_v1_ListTagsForResourceRequest, callback: grpc.requestCallback<_berth_v1_ListTagsForResourceResponse__Output>): grpc.ClientUnaryCall;
  
  ListTaskDefinitionFamilies(argument: _berth_v1_ListTaskDefinitionFamiliesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionFamiliesResponse__Output>): grpc.ClientUnaryCall;
  ListTaskDefinitionFamilies(argument: _berth_v1_ListTaskDefinitionFamiliesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionFamiliesResponse__Output>): grpc.ClientUnaryCall;
  ListTaskDefinitionFamilies(argument: _berth_v1_ListTaskDefinitionFamiliesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionFamiliesResponse__Output>): grpc.ClientUnaryCall;
  ListTaskDefinitionFamilies(argument: _berth_v1_ListTaskDefinitionFamiliesRequest, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionFamiliesResponse__Output>): grpc.ClientUnaryCall;
  listTaskDefinitionFamilies(argument: _berth_v1_ListTaskDefinitionFamiliesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionFamiliesResponse__Output>): grpc.ClientUnaryCall;
  listTaskDefinitionFamilies(argument: _berth_v1_ListTaskDefinitionFamiliesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionFamiliesResponse__Output>): grpc.ClientUnaryCall;
  listTaskDefinitionFamilies(argument: _berth_v1_ListTaskDefinitionFamiliesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionFamiliesResponse__Output>): grpc.ClientUnaryCall;
  listTaskDefinitionFamilies(argument: _berth_v1_ListTaskDefinitionFamiliesRequest, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionFamiliesResponse__Output>): grpc.ClientUnaryCall;
  
  ListTaskDefinitions(argument: _berth_v1_ListTaskDefinitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  ListTaskDefinitions(argument: _berth_v1_ListTaskDefinitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  ListTaskDefinitions(argument: _berth_v1_ListTaskDefinitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  ListTaskDefinitions(argument: _berth_v1_ListTaskDefinitionsRequest, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listTaskDefinitions(argument: _berth_v1_ListTaskDefinitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listTaskDefinitions(argument: _berth_v1_ListTaskDefinitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listTaskDefinitions(argument: _berth_v1_ListTaskDefinitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  listTaskDefinitions(argument: _berth_v1_ListTaskDefinitionsRequest, callback: grpc.requestCallback<_berth_v1_ListTaskDefinitionsResponse__Output>): grpc.ClientUnaryCall;
  
  ListTasks(argument: _berth_v1_ListTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  ListTasks(argument: _berth_v1_ListTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  ListTasks(argument: _berth_v1_ListTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  ListTasks(argument: _berth_v1_ListTasksRequest, callback: grpc.requestCallback<_berth_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _berth_v1_ListTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _berth_v1_ListTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _berth_v1_ListTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _berth_v1_ListTasksRequest, callback: grpc.requestCallback<_berth_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  
  PutAccountSetting(argument: _berth_v1_PutAccountSettingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  PutAccountSetting(argument: _berth_v1_PutAccountSettingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_PutAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  PutAccountSetting(argument: _berth_v1_PutAccountSettingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  PutAccountSetting(argument: _berth_v1_PutAccountSettingRequest, callback: grpc.requestCallback<_berth_v1_PutAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  putAccountSetting(argument: _berth_v1_PutAccountSettingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  putAccountSetting(argument: _berth_v1_PutAccountSettingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_PutAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  putAccountSetting(argument: _berth_v1_PutAccountSettingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  putAccountSetting(argument: _berth_v1_PutAccountSettingRequest, callback: grpc.requestCallback<_berth_v1_PutAccountSettingResponse__Output>): grpc.ClientUnaryCall;
  
  PutAccountSettingDefault(argument: _berth_v1_PutAccountSettingDefaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAccountSettingDefaultResponse__Output>): grpc.ClientUnaryCall;
  PutAccountSettingDefault(argument: _berth_v1_PutAccountSettingDefaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_PutAccountSettingDefaultResponse__Output>): grpc.ClientUnaryCall;
  PutAccountSettingDefault(argument: _berth_v1_PutAccountSettingDefaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAccountSettingDefaultResponse__Output>): grpc.ClientUnaryCall;
  PutAccountSettingDefault(argument: _berth_v1_PutAccountSettingDefaultRequest, callback: grpc.requestCallback<_berth_v1_PutAccountSettingDefaultResponse__Output>): grpc.ClientUnaryCall;
  putAccountSettingDefault(argument: _berth_v1_PutAccountSettingDefaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAccountSettingDefaultResponse__Output>): grpc.ClientUnaryCall;
  putAccountSettingDefault(argument: _berth_v1_PutAccountSettingDefaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_PutAccountSettingDefaultResponse__Output>): grpc.ClientUnaryCall;
  putAccountSettingDefault(argument: _berth_v1_PutAccountSettingDefaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAccountSettingDefaultResponse__Output>): grpc.ClientUnaryCall;
  putAccountSettingDefault(argument: _berth_v1_PutAccountSettingDefaultRequest, callback: grpc.requestCallback<_berth_v1_PutAccountSettingDefaultResponse__Output>): grpc.ClientUnaryCall;
  
  PutAttributes(argument: _berth_v1_PutAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAttributesResponse__Output>): grpc.ClientUnaryCall;
  PutAttributes(argument: _berth_v1_PutAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_PutAttributesResponse__Output>): grpc.ClientUnaryCall;
  PutAttributes(argument: _berth_v1_PutAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAttributesResponse__Output>): grpc.ClientUnaryCall;
  PutAttributes(argument: _berth_v1_PutAttributesRequest, callback: grpc.requestCallback<_berth_v1_PutAttributesResponse__Output>): grpc.ClientUnaryCall;
  putAttributes(argument: _berth_v1_PutAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAttributesResponse__Output>): grpc.ClientUnaryCall;
  putAttributes(argument: _berth_v1_PutAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_PutAttributesResponse__Output>): grpc.ClientUnaryCall;
  putAttributes(argument: _berth_v1_PutAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutAttributesResponse__Output>): grpc.ClientUnaryCall;
  putAttributes(argument: _berth_v1_PutAttributesRequest, callback: grpc.requestCallback<_berth_v1_PutAttributesResponse__Output>): grpc.ClientUnaryCall;
  
  PutClusterCapacityProviders(argument: _berth_v1_PutClusterCapacityProvidersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutClusterCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  PutClusterCapacityProviders(argument: _berth_v1_PutClusterCapacityProvidersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_PutClusterCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  PutClusterCapacityProviders(argument: _berth_v1_PutClusterCapacityProvidersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutClusterCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  PutClusterCapacityProviders(argument: _berth_v1_PutClusterCapacityProvidersRequest, callback: grpc.requestCallback<_berth_v1_PutClusterCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  putClusterCapacityProviders(argument: _berth_v1_PutClusterCapacityProvidersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutClusterCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  putClusterCapacityProviders(argument: _berth_v1_PutClusterCapacityProvidersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_PutClusterCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  putClusterCapacityProviders(argument: _berth_v1_PutClusterCapacityProvidersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_PutClusterCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  putClusterCapacityProviders(argument: _berth_v1_PutClusterCapacityProvidersRequest, callback: grpc.requestCallback<_berth_v1_PutClusterCapacityProvidersResponse__Output>): grpc.ClientUnaryCall;
  
  RegisterContainerInstance(argument: _berth_v1_RegisterContainerInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  RegisterContainerInstance(argument: _berth_v1_RegisterContainerInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RegisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  RegisterContainerInstance(argument: _berth_v1_RegisterContainerInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  RegisterContainerInstance(argument: _berth_v1_RegisterContainerInstanceRequest, callback: grpc.requestCallback<_berth_v1_RegisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  registerContainerInstance(argument: _berth_v1_RegisterContainerInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  registerContainerInstance(argument: _berth_v1_RegisterContainerInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RegisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  registerContainerInstance(argument: _berth_v1_RegisterContainerInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  registerContainerInstance(argument: _berth_v1_RegisterContainerInstanceRequest, callback: grpc.requestCallback<_berth_v1_RegisterContainerInstanceResponse__Output>): grpc.ClientUnaryCall;
  
  RegisterDaemonTaskDefinition(argument: _berth_v1_RegisterDaemonTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  RegisterDaemonTaskDefinition(argument: _berth_v1_RegisterDaemonTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RegisterDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  RegisterDaemonTaskDefinition(argument: _berth_v1_RegisterDaemonTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  RegisterDaemonTaskDefinition(argument: _berth_v1_RegisterDaemonTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_RegisterDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  registerDaemonTaskDefinition(argument: _berth_v1_RegisterDaemonTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  registerDaemonTaskDefinition(argument: _berth_v1_RegisterDaemonTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RegisterDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  registerDaemonTaskDefinition(argument: _berth_v1_RegisterDaemonTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  registerDaemonTaskDefinition(argument: _berth_v1_RegisterDaemonTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_RegisterDaemonTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  
  RegisterTaskDefinition(argument: _berth_v1_RegisterTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  RegisterTaskDefinition(argument: _berth_v1_RegisterTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RegisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  RegisterTaskDefinition(argument: _berth_v1_RegisterTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  RegisterTaskDefinition(argument: _berth_v1_RegisterTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_RegisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  registerTaskDefinition(argument: _berth_v1_RegisterTaskDefinitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  registerTaskDefinition(argument: _berth_v1_RegisterTaskDefinitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RegisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  registerTaskDefinition(argument: _berth_v1_RegisterTaskDefinitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RegisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  registerTaskDefinition(argument: _berth_v1_RegisterTaskDefinitionRequest, callback: grpc.requestCallback<_berth_v1_RegisterTaskDefinitionResponse__Output>): grpc.ClientUnaryCall;
  
  RunTask(argument: _berth_v1_RunTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  RunTask(argument: _berth_v1_RunTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  RunTask(argument: _berth_v1_RunTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  RunTask(argument: _berth_v1_RunTaskRequest, callback: grpc.requestCallback<_berth_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  runTask(argument: _berth_v1_RunTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  runTask(argument: _berth_v1_RunTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  runTask(argument: _berth_v1_RunTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  runTask(argument: _berth_v1_RunTaskRequest, callback: grpc.requestCallback<_berth_v1_RunTaskResponse__Output>): grpc.ClientUnaryCall;
  
  StartTask(argument: _berth_v1_StartTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StartTaskResponse__Output>): grpc.ClientUnaryCall;
  StartTask(argument: _berth_v1_StartTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StartTaskResponse__Output>): grpc.ClientUnaryCall;
  StartTask(argument: _berth_v1_StartTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StartTaskResponse__Output>): grpc.ClientUnaryCall;
  StartTask(argument: _berth_v1_StartTaskRequest, callback: grpc.requestCallback<_berth_v1_StartTaskResponse__Output>): grpc.ClientUnaryCall;
  startTask(argument: _berth_v1_StartTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StartTaskResponse__Output>): grpc.ClientUnaryCall;
  startTask(argument: _berth_v1_StartTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StartTaskResponse__Output>): grpc.ClientUnaryCall;
  startTask(argument: _berth_v1_StartTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StartTaskResponse__Output>): grpc.ClientUnaryCall;
  startTask(argument: _berth_v1_StartTaskRequest, callback: grpc.requestCallback<_berth_v1_StartTaskResponse__Output>): grpc.ClientUnaryCall;
  
  StopServiceDeployment(argument: _berth_v1_StopServiceDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  StopServiceDeployment(argument: _berth_v1_StopServiceDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StopServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  StopServiceDeployment(argument: _berth_v1_StopServiceDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  StopServiceDeployment(argument: _berth_v1_StopServiceDeploymentRequest, callback: grpc.requestCallback<_berth_v1_StopServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  stopServiceDeployment(argument: _berth_v1_StopServiceDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  stopServiceDeployment(argument: _berth_v1_StopServiceDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StopServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  stopServiceDeployment(argument: _berth_v1_StopServiceDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  stopServiceDeployment(argument: _berth_v1_StopServiceDeploymentRequest, callback: grpc.requestCallback<_berth_v1_StopServiceDeploymentResponse__Output>): grpc.ClientUnaryCall;
  
  StopTask(argument: _berth_v1_StopTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopTaskResponse__Output>): grpc.ClientUnaryCall;
  StopTask(argument: _berth_v1_StopTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StopTaskResponse__Output>): grpc.ClientUnaryCall;
  StopTask(argument: _berth_v1_StopTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopTaskResponse__Output>): grpc.ClientUnaryCall;
  StopTask(argument: _berth_v1_StopTaskRequest, callback: grpc.requestCallback<_berth_v1_StopTaskResponse__Output>): grpc.ClientUnaryCall;
  stopTask(argument: _berth_v1_StopTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopTaskResponse__Output>): grpc.ClientUnaryCall;
  stopTask(argument: _berth_v1_StopTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StopTaskResponse__Output>): grpc.ClientUnaryCall;
  stopTask(argument: _berth_v1_StopTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopTaskResponse__Output>): grpc.ClientUnaryCall;
  stopTask(argument: _berth_v1_StopTaskRequest, callback: grpc.requestCallback<_berth_v1_StopTaskResponse__Output>): grpc.ClientUnaryCall;
  
  SubmitAttachmentStateChanges(argument: _berth_v1_SubmitAttachmentStateChangesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitAttachmentStateChangesResponse__Output>): grpc.ClientUnaryCall;
  SubmitAttachmentStateChanges(argument: _berth_v1_SubmitAttachmentStateChangesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SubmitAttachmentStateChangesResponse__Output>): grpc.ClientUnaryCall;
  SubmitAttachmentStateChanges(argument: _berth_v1_SubmitAttachmentStateChangesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitAttachmentStateChangesResponse__Output>): grpc.ClientUnaryCall;
  SubmitAttachmentStateChanges(argument: _berth_v1_SubmitAttachmentStateChangesRequest, callback: grpc.requestCallback<_berth_v1_SubmitAttachmentStateChangesResponse__Output>): grpc.ClientUnaryCall;
  submitAttachmentStateChanges(argument: _berth_v1_SubmitAttachmentStateChangesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitAttachmentStateChangesResponse__Output>): grpc.ClientUnaryCall;
  submitAttachmentStateChanges(argument: _berth_v1_SubmitAttachmentStateChangesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SubmitAttachmentStateChangesResponse__Output>): grpc.ClientUnaryCall;
  submitAttachmentStateChanges(argument: _berth_v1_SubmitAttachmentStateChangesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitAttachmentStateChangesResponse__Output>): grpc.ClientUnaryCall;
  submitAttachmentStateChanges(argument: _berth_v1_SubmitAttachmentStateChangesRequest, callback: grpc.requestCallback<_berth_v1_SubmitAttachmentStateChangesResponse__Output>): grpc.ClientUnaryCall;
  
  SubmitContainerStateChange(argument: _berth_v1_SubmitContainerStateChangeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitContainerStateChangeResponse__Output>): grpc.ClientUnaryCall;
  SubmitContainerStateChange(argument: _berth_v1_SubmitContainerStateChangeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SubmitContainerStateChangeResponse__Output>): grpc.ClientUnaryCall;
  SubmitContainerStateChange(argument: _berth_v1_SubmitContainerStateChangeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitContainerStateChangeResponse__Output>): grpc.ClientUnaryCall;
  SubmitContainerStateChange(argument: _berth_v1_SubmitContainerStateChangeRequest, callback: grpc.requestCallback<_berth_v1_SubmitContainerStateChangeResponse__Output>): grpc.ClientUnaryCall;
  submitContainerStateChange(argument: _berth_v1_SubmitContainerStateChangeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitContainerStateChangeResponse__Output>): grpc.ClientUnaryCall;
  submitContainerStateChange(argument: _berth_v1_SubmitContainerStateChangeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SubmitContainerStateChangeResponse__Output>): grpc.ClientUnaryCall;
  submitContainerStateChange(argument: _berth_v1_SubmitContainerStateChangeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitContainerStateChangeResponse__Output>): grpc.ClientUnaryCall;
  submitContainerStateChange(argument: _berth_v1_SubmitContainerStateChangeRequest, callback: grpc.requestCallback<_berth_v1_SubmitContainerStateChangeResponse__Output>): grpc.ClientUnaryCall;
  
  SubmitTaskStateChange(argument: _berth_v1_SubmitTaskStateChangeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitTaskStateChangeResponse__Output>): grpc.ClientUnaryCall;
  SubmitTaskStateChange(argument: _berth_v1_SubmitTaskStateChangeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SubmitTaskStateChangeResponse__Output>): grpc.ClientUnaryCall;
  SubmitTaskStateChange(argument: _berth_v1_SubmitTaskStateChangeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitTaskStateChangeResponse__Output>): grpc.ClientUnaryCall;
  SubmitTaskStateChange(argument: _berth_v1_SubmitTaskStateChangeRequest, callback: grpc.requestCallback<_berth_v1_SubmitTaskStateChangeResponse__Output>): grpc.ClientUnaryCall;
  submitTaskStateChange(argument: _berth_v1_SubmitTaskStateChangeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitTaskStateChangeResponse__Output>): grpc.ClientUnaryCall;
  submitTaskStateChange(argument: _berth_v1_SubmitTaskStateChangeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SubmitTaskStateChangeResponse__Output>): grpc.ClientUnaryCall;
  submitTaskStateChange(argument: _berth_v1_SubmitTaskStateChangeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SubmitTaskStateChangeResponse__Output>): grpc.ClientUnaryCall;
  submitTaskStateChange(argument: _berth_v1_SubmitTaskStateChangeRequest, callback: grpc.requestCallback<_berth_v1_SubmitTaskStateChangeResponse__Output>): grpc.ClientUnaryCall;
  
  TagResource(argument: _berth_v1_TagResourceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TagResourceResponse__Output>): grpc.ClientUnaryCall;
  TagResource(argument: _berth_v1_TagResourceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_TagResourceResponse__Output>): grpc.ClientUnaryCall;
  TagResource(argument: _berth_v1_TagResourceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TagResourceResponse__Output>): grpc.ClientUnaryCall;
  TagResource(argument: _berth_v1_TagResourceRequest, callback: grpc.requestCallback<_berth_v1_TagResourceResponse__Output>): grpc.ClientUnaryCall;
  tagResource(argument: _berth_v1_TagResourceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TagResourceResponse__Output>): grpc.ClientUnaryCall;
  tagResource(argument: _berth_v1_TagResourceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_TagResourceResponse__Output>): grpc.ClientUnaryCall;
  tagResource(argument: _berth_v1_TagResourceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TagResourceResponse__Output>): grpc.ClientUnaryCall;
  tagResource(argument: _berth_v1_TagResourceRequest, callback: grpc.requestCallback<_berth_v1_TagResourceResponse__Output>): grpc.ClientUnaryCall;
  
  UntagResource(argument: _berth_v1_UntagResourceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UntagResourceResponse__Output>): grpc.ClientUnaryCall;
  UntagResource(argument: _berth_v1_UntagResourceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UntagResourceResponse__Output>): grpc.ClientUnaryCall;
  UntagResource(argument: _berth_v1_UntagResourceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UntagResourceResponse__Output>): grpc.ClientUnaryCall;
  UntagResource(argument: _berth_v1_UntagResourceRequest, callback: grpc.requestCallback<_berth_v1_UntagResourceResponse__Output>): grpc.ClientUnaryCall;
  untagResource(argument: _berth_v1_UntagResourceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UntagResourceResponse__Output>): grpc.ClientUnaryCall;
  untagResource(argument: _berth_v1_UntagResourceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UntagResourceResponse__Output>): grpc.ClientUnaryCall;
  untagResource(argument: _berth_v1_UntagResourceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UntagResourceResponse__Output>): grpc.ClientUnaryCall;
  untagResource(argument: _berth_v1_UntagResourceRequest, callback: grpc.requestCallback<_berth_v1_UntagResourceResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateCapacityProvider(argument: _berth_v1_UpdateCapacityProviderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  UpdateCapacityProvider(argument: _berth_v1_UpdateCapacityProviderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  UpdateCapacityProvider(argument: _berth_v1_UpdateCapacityProviderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  UpdateCapacityProvider(argument: _berth_v1_UpdateCapacityProviderRequest, callback: grpc.requestCallback<_berth_v1_UpdateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  updateCapacityProvider(argument: _berth_v1_UpdateCapacityProviderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  updateCapacityProvider(argument: _berth_v1_UpdateCapacityProviderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  updateCapacityProvider(argument: _berth_v1_UpdateCapacityProviderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  updateCapacityProvider(argument: _berth_v1_UpdateCapacityProviderRequest, callback: grpc.requestCallback<_berth_v1_UpdateCapacityProviderResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateCluster(argument: _berth_v1_UpdateClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateClusterResponse__Output>): grpc.ClientUnaryCall;
  UpdateCluster(argument: _berth_v1_UpdateClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateClusterResponse__Output>): grpc.ClientUnaryCall;
  UpdateCluster(argument: _berth_v1_UpdateClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateClusterResponse__Output>): grpc.ClientUnaryCall;
  UpdateCluster(argument: _berth_v1_UpdateClusterRequest, callback: grpc.requestCallback<_berth_v1_UpdateClusterResponse__Output>): grpc.ClientUnaryCall;
  updateCluster(argument: _berth_v1_UpdateClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateClusterResponse__Output>): grpc.ClientUnaryCall;
  updateCluster(argument: _berth_v1_UpdateClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateClusterResponse__Output>): grpc.ClientUnaryCall;
  updateCluster(argument: _berth_v1_UpdateClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateClusterResponse__Output>): grpc.ClientUnaryCall;
  updateCluster(argument: _berth_v1_UpdateClusterRequest, callback: grpc.requestCallback<_berth_v1_UpdateClusterResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateClusterSettings(argument: _berth_v1_UpdateClusterSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateClusterSettingsResponse__Output>): grpc.ClientUnaryCall;
  UpdateClusterSettings(argument: _berth_v1_UpdateClusterSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateClusterSettingsResponse__Output>): grpc.ClientUnaryCall;
  UpdateClusterSettings(argument: _berth_v1_UpdateClusterSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateClusterSettingsResponse__Output>): grpc.ClientUnaryCall;
  UpdateClusterSettings(argument: _berth_v1_UpdateClusterSettingsRequest, callback: grpc.requestCallback<_berth_v1_UpdateClusterSettingsResponse__Output>): grpc.ClientUnaryCall;
  updateClusterSettings(argument: _berth_v1_UpdateClusterSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateClusterSettingsResponse__Output>): grpc.ClientUnaryCall;
  updateClusterSettings(argument: _berth_v1_UpdateClusterSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateClusterSettingsResponse__Output>): grpc.ClientUnaryCall;
  updateClusterSettings(argument: _berth_v1_UpdateClusterSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateClusterSettingsResponse__Output>): grpc.ClientUnaryCall;
  updateClusterSettings(argument: _berth_v1_UpdateClusterSettingsRequest, callback: grpc.requestCallback<_berth_v1_UpdateClusterSettingsResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateContainerAgent(argument: _berth_v1_UpdateContainerAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateContainerAgentResponse__Output>): grpc.ClientUnaryCall;
  UpdateContainerAgent(argument: _berth_v1_UpdateContainerAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateContainerAgentResponse__Output>): grpc.ClientUnaryCall;
  UpdateContainerAgent(argument: _berth_v1_UpdateContainerAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateContainerAgentResponse__Output>): grpc.ClientUnaryCall;
  UpdateContainerAgent(argument: _berth_v1_UpdateContainerAgentRequest, callback: grpc.requestCallback<_berth_v1_UpdateContainerAgentResponse__Output>): grpc.ClientUnaryCall;
  updateContainerAgent(argument: _berth_v1_UpdateContainerAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateContainerAgentResponse__Output>): grpc.ClientUnaryCall;
  updateContainerAgent(argument: _berth_v1_UpdateContainerAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateContainerAgentResponse__Output>): grpc.ClientUnaryCall;
  updateContainerAgent(argument: _berth_v1_UpdateContainerAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateContainerAgentResponse__Output>): grpc.ClientUnaryCall;
  updateContainerAgent(argument: _berth_v1_UpdateContainerAgentRequest, callback: grpc.requestCallback<_berth_v1_UpdateContainerAgentResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateContainerInstancesState(argument: _berth_v1_UpdateContainerInstancesStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateContainerInstancesStateResponse__Output>): grpc.ClientUnaryCall;
  UpdateContainerInstancesState(argument: _berth_v1_UpdateContainerInstancesStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateContainerInstancesStateResponse__Output>): grpc.ClientUnaryCall;
  UpdateContainerInstancesState(argument: _berth_v1_UpdateContainerInstancesStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateContainerInstancesStateResponse__Output>): grpc.ClientUnaryCall;
  UpdateContainerInstancesState(argument: _berth_v1_UpdateContainerInstancesStateRequest, callback: grpc.requestCallback<_berth_v1_UpdateContainerInstancesStateResponse__Output>): grpc.ClientUnaryCall;
  updateContainerInstancesState(argument: _berth_v1_UpdateContainerInstancesStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateContainerInstancesStateResponse__Output>): grpc.ClientUnaryCall;
  updateContainerInstancesState(argument: _berth_v1_UpdateContainerInstancesStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateContainerInstancesStateResponse__Output>): grpc.ClientUnaryCall;
  updateContainerInstancesState(argument: _berth_v1_UpdateContainerInstancesStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateContainerInstancesStateResponse__Output>): grpc.ClientUnaryCall;
  updateContainerInstancesState(argument: _berth_v1_UpdateContainerInstancesStateRequest, callback: grpc.requestCallback<_berth_v1_UpdateContainerInstancesStateResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateDaemon(argument: _berth_v1_UpdateDaemonRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateDaemonResponse__Output>): grpc.ClientUnaryCall;
  UpdateDaemon(argument: _berth_v1_UpdateDaemonRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateDaemonResponse__Output>): grpc.ClientUnaryCall;
  UpdateDaemon(argument: _berth_v1_UpdateDaemonRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateDaemonResponse__Output>): grpc.ClientUnaryCall;
  UpdateDaemon(argument: _berth_v1_UpdateDaemonRequest, callback: grpc.requestCallback<_berth_v1_UpdateDaemonResponse__Output>): grpc.ClientUnaryCall;
  updateDaemon(argument: _berth_v1_UpdateDaemonRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateDaemonResponse__Output>): grpc.ClientUnaryCall;
  updateDaemon(argument: _berth_v1_UpdateDaemonRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateDaemonResponse__Output>): grpc.ClientUnaryCall;
  updateDaemon(argument: _berth_v1_UpdateDaemonRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateDaemonResponse__Output>): grpc.ClientUnaryCall;
  updateDaemon(argument: _berth_v1_UpdateDaemonRequest, callback: grpc.requestCallback<_berth_v1_UpdateDaemonResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateExpressGatewayService(argument: _berth_v1_UpdateExpressGatewayServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  UpdateExpressGatewayService(argument: _berth_v1_UpdateExpressGatewayServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  UpdateExpressGatewayService(argument: _berth_v1_UpdateExpressGatewayServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  UpdateExpressGatewayService(argument: _berth_v1_UpdateExpressGatewayServiceRequest, callback: grpc.requestCallback<_berth_v1_UpdateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  updateExpressGatewayService(argument: _berth_v1_UpdateExpressGatewayServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  updateExpressGatewayService(argument: _berth_v1_UpdateExpressGatewayServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  updateExpressGatewayService(argument: _berth_v1_UpdateExpressGatewayServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  updateExpressGatewayService(argument: _berth_v1_UpdateExpressGatewayServiceRequest, callback: grpc.requestCallback<_berth_v1_UpdateExpressGatewayServiceResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateService(argument: _berth_v1_UpdateServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  UpdateService(argument: _berth_v1_UpdateServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  UpdateService(argument: _berth_v1_UpdateServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  UpdateService(argument: _berth_v1_UpdateServiceRequest, callback: grpc.requestCallback<_berth_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  updateService(argument: _berth_v1_UpdateServiceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  updateService(argument: _berth_v1_UpdateServiceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  updateService(argument: _berth_v1_UpdateServiceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  updateService(argument: _berth_v1_UpdateServiceRequest, callback: grpc.requestCallback<_berth_v1_UpdateServiceResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateServicePrimaryTaskSet(argument: _berth_v1_UpdateServicePrimaryTaskSetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateServicePrimaryTaskSetResponse__Output>): grpc.ClientUnaryCall;
  UpdateServicePrimaryTaskSet(argument: _berth_v1_UpdateServicePrimaryTaskSetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateServicePrimaryTaskSetResponse__Output>): grpc.ClientUnaryCall;
  UpdateServicePrimaryTaskSet(argument: _berth_v1_UpdateServicePrimaryTaskSetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateServicePrimaryTaskSetResponse__Output>): grpc.ClientUnaryCall;
  UpdateServicePrimaryTaskSet(argument: _berth_v1_UpdateServicePrimaryTaskSetRequest, callback: grpc.requestCallback<_berth_v1_UpdateServicePrimaryTaskSetResponse__Output>): grpc.ClientUnaryCall;
  updateServicePrimaryTaskSet(argument: _berth_v1_UpdateServicePrimaryTaskSetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateServicePrimaryTaskSetResponse__Output>): grpc.ClientUnaryCall;
  updateServicePrimaryTaskSet(argument: _berth_v1_UpdateServicePrimaryTaskSetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateServicePrimaryTaskSetResponse__Output>): grpc.ClientUnaryCall;
  updateServicePrimaryTaskSet(argument: _berth_v1_UpdateServicePrimaryTaskSetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateServicePrimaryTaskSetResponse__Output>): grpc.ClientUnaryCall;
  updateServicePrimaryTaskSet(argument: _berth_v1_UpdateServicePrimaryTaskSetRequest, callback: grpc.requestCallback<_berth_v1_UpdateServicePrimaryTaskSetResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateTaskProtection(argument: _berth_v1_UpdateTaskProtectionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  UpdateTaskProtection(argument: _berth_v1_UpdateTaskProtectionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  UpdateTaskProtection(argument: _berth_v1_UpdateTaskProtectionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  UpdateTaskProtection(argument: _berth_v1_UpdateTaskProtectionRequest, callback: grpc.requestCallback<_berth_v1_UpdateTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  updateTaskProtection(argument: _berth_v1_UpdateTaskProtectionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  updateTaskProtection(argument: _berth_v1_UpdateTaskProtectionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  updateTaskProtection(argument: _berth_v1_UpdateTaskProtectionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  updateTaskProtection(argument: _berth_v1_UpdateTaskProtectionRequest, callback: grpc.requestCallback<_berth_v1_UpdateTaskProtectionResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateTaskSet(argument: _berth_v1_UpdateTaskSetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  UpdateTaskSet(argument: _berth_v1_UpdateTaskSetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  UpdateTaskSet(argument: _berth_v1_UpdateTaskSetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  UpdateTaskSet(argument: _berth_v1_UpdateTaskSetRequest, callback: grpc.requestCallback<_berth_v1_UpdateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  updateTaskSet(argument: _berth_v1_UpdateTaskSetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  updateTaskSet(argument: _berth_v1_UpdateTaskSetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UpdateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  updateTaskSet(argument: _berth_v1_UpdateTaskSetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UpdateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  updateTaskSet(argument: _berth_v1_UpdateTaskSetRequest, callback: grpc.requestCallback<_berth_v1_UpdateTaskSetResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ECSHandlers extends grpc.UntypedServiceImplementation {
  ContinueServiceDeployment: grpc.handleUnaryCall<_berth_v1_ContinueServiceDeploymentRequest__Output, _berth_v1_ContinueServiceDeploymentResponse>;
  
  CreateCapacityProvider: grpc.handleUnaryCall<_berth_v1_CreateCapacityProviderRequest__Output, _berth_v1_CreateCapacityProviderResponse>;
  
  CreateCluster: grpc.handleUnaryCall<_berth_v1_CreateClusterRequest__Output, _berth_v1_CreateClusterResponse>;
  
  CreateDaemon: grpc.handleUnaryCall<_berth_v1_CreateDaemonRequest__Output, _berth_v1_CreateDaemonResponse>;
  
  CreateExpressGatewayService: grpc.handleUnaryCall<_berth_v1_CreateExpressGatewayServiceRequest__Output, _berth_v1_CreateExpressGatewayServiceResponse>;
  
  CreateService: grpc.handleUnaryCall<_berth_v1_CreateServiceRequest__Output, _berth_v1_CreateServiceResponse>;
  
  CreateTaskSet: grpc.handleUnaryCall<_berth_v1_CreateTaskSetRequest__Output, _berth_v1_CreateTaskSetResponse>;
  
  DeleteAccountSetting: grpc.handleUnaryCall<_berth_v1_DeleteAccountSettingRequest__Output, _berth_v1_DeleteAccountSettingResponse>;
  
  DeleteAttributes: grpc.handleUnaryCall<_berth_v1_DeleteAttributesRequest__Output, _berth_v1_DeleteAttributesResponse>;
  
  DeleteCapacityProvider: grpc.handleUnaryCall<_berth_v1_DeleteCapacityProviderRequest__Output, _berth_v1_DeleteCapacityProviderResponse>;
  
  DeleteCluster: grpc.handleUnaryCall<_berth_v1_DeleteClusterRequest__Output, _berth_v1_DeleteClusterResponse>;
  
  DeleteDaemon: grpc.handleUnaryCall<_berth_v1_DeleteDaemonRequest__Output, _berth_v1_DeleteDaemonResponse>;
  
  DeleteDaemonTaskDefinition: grpc.handleUnaryCall<_berth_v1_DeleteDaemonTaskDefinitionRequest__Output, _berth_v1_DeleteDaemonTaskDefinitionResponse>;
  
  DeleteExpressGatewayService: grpc.handleUnaryCall<_berth_v1_DeleteExpressGatewayServiceRequest__Output, _berth_v1_DeleteExpressGatewayServiceResponse>;
  
  DeleteService: grpc.handleUnaryCall<_berth_v1_DeleteServiceRequest__Output, _berth_v1_DeleteServiceResponse>;
  
  DeleteTaskDefinitions: grpc.handleUnaryCall<_berth_v1_DeleteTaskDefinitionsRequest__Output, _berth_v1_DeleteTaskDefinitionsResponse>;
  
  DeleteTaskSet: grpc.handleUnaryCall<_berth_v1_DeleteTaskSetRequest__Output, _berth_v1_DeleteTaskSetResponse>;
  
  DeregisterContainerInstance: grpc.handleUnaryCall<_berth_v1_DeregisterContainerInstanceRequest__Output, _berth_v1_DeregisterContainerInstanceResponse>;
  
  DeregisterTaskDefinition: grpc.handleUnaryCall<_berth_v1_DeregisterTaskDefinitionRequest__Output, _berth_v1_DeregisterTaskDefinitionResponse>;
  
  DescribeCapacityProviders: grpc.handleUnaryCall<_berth_v1_DescribeCapacityProvidersRequest__Output, _berth_v1_DescribeCapacityProvidersResponse>;
  
  DescribeClusters: grpc.handleUnaryCall<_berth_v1_DescribeClustersRequest__Output, _berth_v1_DescribeClustersResponse>;
  
  DescribeContainerInstances: grpc.handleUnaryCall<_berth_v1_DescribeContainerInstancesRequest__Output, _berth_v1_DescribeContainerInstancesResponse>;
  
  DescribeDaemon: grpc.handleUnaryCall<_berth_v1_DescribeDaemonRequest__Output, _berth_v1_DescribeDaemonResponse>;
  
  DescribeDaemonDeployments: grpc.handleUnaryCall<_berth_v1_DescribeDaemonDeploymentsRequest__Output, _berth_v1_DescribeDaemonDeploymentsResponse>;
  
  DescribeDaemonRevisions: grpc.handleUnaryCall<_berth_v1_DescribeDaemonRevisionsRequest__Output, _berth_v1_DescribeDaemonRevisionsResponse>;
  
  DescribeDaemonTaskDefinition: grpc.handleUnaryCall<_berth_v1_DescribeDaemonTaskDefinitionRequest__Output, _berth_v1_DescribeDaemonTaskDefinitionResponse>;
  
  DescribeExpressGatewayService: grpc.handleUnaryCall<_berth_v1_DescribeExpressGatewayServiceRequest__Output, _berth_v1_DescribeExpressGatewayServiceResponse>;
  
  DescribeServiceDeployments: grpc.handleUnaryCall<_berth_v1_DescribeServiceDeploymentsRequest__Output, _berth_v1_DescribeServiceDeploymentsResponse>;
  
  DescribeServiceRevisions: grpc.handleUnaryCall<_berth_v1_DescribeServiceRevisionsRequest__Output, _berth_v1_DescribeServiceRevisionsResponse>;
  
  DescribeServices: grpc.handleUnaryCall<_berth_v1_DescribeServicesRequest__Output, _berth_v1_DescribeServicesResponse>;
  
  DescribeTaskDefinition: grpc.handleUnaryCall<_berth_v1_DescribeTaskDefinitionRequest__Output, _berth_v1_DescribeTaskDefinitionResponse>;
  
  DescribeTaskSets: grpc.handleUnaryCall<_berth_v1_DescribeTaskSetsRequest__Output, _berth_v1_DescribeTaskSetsResponse>;
  
  DescribeTasks: grpc.handleUnaryCall<_berth_v1_DescribeTasksRequest__Output, _berth_v1_DescribeTasksResponse>;
  
  DiscoverPollEndpoint: grpc.handleUnaryCall<_berth_v1_DiscoverPollEndpointRequest__Output, _berth_v1_DiscoverPollEndpointResponse>;
  
  ExecuteCommand: grpc.handleUnaryCall<_berth_v1_ExecuteCommandRequest__Output, _berth_v1_ExecuteCommandResponse>;
  
  GetTaskProtection: grpc.handleUnaryCall<_berth_v1_GetTaskProtectionRequest__Output, _berth_v1_GetTaskProtectionResponse>;
  
  ListAccountSettings: grpc.handleUnaryCall<_berth_v1_ListAccountSettingsRequest__Output, _berth_v1_ListAccountSettingsResponse>;
  
  ListAttributes: grpc.handleUnaryCall<_berth_v1_ListAttributesRequest__Output, _berth_v1_ListAttributesResponse>;
  
  ListClusters: grpc.handleUnaryCall<_berth_v1_ListClustersRequest__Output, _berth_v1_ListClustersResponse>;
  
  ListContainerInstances: grpc.handleUnaryCall<_berth_v1_ListContainerInstancesRequest__Output, _berth_v1_ListContainerInstancesResponse>;
  
  ListDaemonDeployments: grpc.handleUnaryCall<_berth_v1_ListDaemonDeploymentsRequest__Output, _berth_v1_ListDaemonDeploymentsResponse>;
  
  ListDaemonTaskDefinitions: grpc.handleUnaryCall<_berth_v1_ListDaemonTaskDefinitionsRequest__Output, _berth_v1_ListDaemonTaskDefinitionsResponse>;
  
  ListDaemons: grpc.handleUnaryCall<_berth_v1_ListDaemonsRequest__Output, _berth_v1_ListDaemonsResponse>;
  
  ListServiceDeployments: grpc.handleUnaryCall<_berth_v1_ListServiceDeploymentsRequest__Output, _berth_v1_ListServiceDeploymentsResponse>;
  
  ListServices: grpc.handleUnaryCall<_berth_v1_ListServicesRequest__Output, _berth_v1_ListServicesResponse>;
  
  ListServicesByNamespace: grpc.handleUnaryCall<_berth_v1_ListServicesByNamespaceRequest__Output, _berth_v1_ListServicesByNamespaceResponse>;
  
  ListTagsForResource: grpc.handleUnaryCall<_berth_v1_ListTagsForResourceRequest__Output, _berth_v1_ListTagsForResourceResponse>;
  
  ListTaskDefinitionFamilies: grpc.handleUnaryCall<_berth_v1_ListTaskDefinitionFamiliesRequest__Output, _berth_v1_ListTaskDefinitionFamiliesResponse>;
  
  ListTaskDefinitions: grpc.handleUnaryCall<_berth_v1_ListTaskDefinitionsRequest__Output, _berth_v1_ListTaskDefinitionsResponse>;
  
  ListTasks: grpc.handleUnaryCall<_berth_v1_ListTasksRequest__Output, _berth_v1_ListTasksResponse>;
  
  PutAccountSetting: grpc.handleUnaryCall<_berth_v1_PutAccountSettingRequest__Output, _berth_v1_PutAccountSettingResponse>;
  
  PutAccountSettingDefault: grpc.handleUnaryCall<_berth_v1_PutAccountSettingDefaultRequest__Output, _berth_v1_PutAccountSettingDefaultResponse>;
  
  PutAttributes: grpc.handleUnaryCall<_berth_v1_PutAttributesRequest__Output, _berth_v1_PutAttributesResponse>;
  
  PutClusterCapacityProviders: grpc.handleUnaryCall<_berth_v1_PutClusterCapacityProvidersRequest__Output, _berth_v1_PutClusterCapacityProvidersResponse>;
  
  RegisterContainerInstance: grpc.handleUnaryCall<_berth_v1_RegisterContainerInstanceRequest__Output, _berth_v1_RegisterContainerInstanceResponse>;
  
  RegisterDaemonTaskDefinition: grpc.handleUnaryCall<_berth_v1_RegisterDaemonTaskDefinitionRequest__Output, _berth_v1_RegisterDaemonTaskDefinitionResponse>;
  
  RegisterTaskDefinition: grpc.handleUnaryCall<_berth_v1_RegisterTaskDefinitionRequest__Output, _berth_v1_RegisterTaskDefinitionResponse>;
  
  RunTask: grpc.handleUnaryCall<_berth_v1_RunTaskRequest__Output, _berth_v1_RunTaskResponse>;
  
  StartTask: grpc.handleUnaryCall<_berth_v1_StartTaskRequest__Output, _berth_v1_StartTaskResponse>;
  
  StopServiceDeployment: grpc.handleUnaryCall<_berth_v1_StopServiceDeploymentRequest__Output, _berth_v1_StopServiceDeploymentResponse>;
  
  StopTask: grpc.handleUnaryCall<_berth_v1_StopTaskRequest__Output, _berth_v1_StopTaskResponse>;
  
  SubmitAttachmentStateChanges: grpc.handleUnaryCall<_berth_v1_SubmitAttachmentStateChangesRequest__Output, _berth_v1_SubmitAttachmentStateChangesResponse>;
  
  SubmitContainerStateChange: grpc.handleUnaryCall<_berth_v1_SubmitContainerStateChangeRequest__Output, _berth_v1_SubmitContainerStateChangeResponse>;
  
  SubmitTaskStateChange: grpc.handleUnaryCall<_berth_v1_SubmitTaskStateChangeRequest__Output, _berth_v1_SubmitTaskStateChangeResponse>;
  
  TagResource: grpc.handleUnaryCall<_berth_v1_TagResourceRequest__Output, _berth_v1_TagResourceResponse>;
  
  UntagResource: grpc.handleUnaryCall<_berth_v1_UntagResourceRequest__Output, _berth_v1_UntagResourceResponse>;
  
  UpdateCapacityProvider: grpc.handleUnaryCall<_berth_v1_UpdateCapacityProviderRequest__Output, _berth_v1_UpdateCapacityProviderResponse>;
  
  UpdateCluster: grpc.handleUnaryCall<_berth_v1_UpdateClusterRequest__Output, _berth_v1_UpdateClusterResponse>;
  
  UpdateClusterSettings: grpc.handleUnaryCall<_berth_v1_UpdateClusterSettingsRequest__Output, _berth_v1_UpdateClusterSettingsResponse>;
  
  UpdateContainerAgent: grpc.handleUnaryCall<_berth_v1_UpdateContainerAgentRequest__Output, _berth_v1_UpdateContainerAgentResponse>;
  
  UpdateContainerInstancesState: grpc.handleUnaryCall<_berth_v1_UpdateContainerInstancesStateRequest__Output, _berth_v1_UpdateContainerInstancesStateResponse>;
  
  UpdateDaemon: grpc.handleUnaryCall<_berth_v1_UpdateDaemonRequest__Output, _berth_v1_UpdateDaemonResponse>;
  
  UpdateExpressGatewayService: grpc.handleUnaryCall<_berth_v1_UpdateExpressGatewayServiceRequest__Output, _berth_v1_UpdateExpressGatewayServiceResponse>;
  
  UpdateService: grpc.handleUnaryCall<_berth_v1_UpdateServiceRequest__Output, _berth_v1_UpdateServiceResponse>;
  
  UpdateServicePrimaryTaskSet: grpc.handleUnaryCall<_berth_v1_UpdateServicePrimaryTaskSetRequest__Output, _berth_v1_UpdateServicePrimaryTaskSetResponse>;
  
  UpdateTaskProtection: grpc.handleUnaryCall<_berth_v1_UpdateTaskProtectionRequest__Output, _berth_v1_UpdateTaskProtectionResponse>;
  
  UpdateTaskSet: grpc.handleUnaryCall<_berth_v1_UpdateTaskSetRequest__Output, _berth_v1_UpdateTaskSetResponse>;
  
}

export interface ECSDefinition extends grpc.ServiceDefinition {
  ContinueServiceDeployment: MethodDefinition<_berth_v1_ContinueServiceDeploymentRequest, _berth_v1_ContinueServiceDeploymentResponse, _berth_v1_ContinueServiceDeploymentRequest__Output, _berth_v1_ContinueServiceDeploymentResponse__Output>
  CreateCapacityProvider: MethodDefinition<_berth_v1_CreateCapacityProviderRequest, _berth_v1_CreateCapacityProviderResponse, _berth_v1_CreateCapacityProviderRequest__Output, _berth_v1_CreateCapacityProviderResponse__Output>
  CreateCluster: MethodDefinition<_berth_v1_CreateClusterRequest, _berth_v1_CreateClusterResponse, _berth_v1_CreateClusterRequest__Output, _berth_v1_CreateClusterResponse__Output>
  CreateDaemon: MethodDefinition<_berth_v1_CreateDaemonRequest, _berth_v1_CreateDaemonResponse, _berth_v1_CreateDaemonRequest__Output, _berth_v1_CreateDaemonResponse__Output>
  CreateExpressGatewayService: MethodDefinition<_berth_v1_CreateExpressGatewayServiceRequest, _berth_v1_CreateExpressGatewayServiceResponse, _berth_v1_CreateExpressGatewayServiceRequest__Output, _berth_v1_CreateExpressGatewayServiceResponse__Output>
  CreateService: MethodDefinition<_berth_v1_CreateServiceRequest, _berth_v1_CreateServiceResponse, _berth_v1_CreateServiceRequest__Output, _berth_v1_CreateServiceResponse__Output>
  CreateTaskSet: MethodDefinition<_berth_v1_CreateTaskSetRequest, _berth_v1_CreateTaskSetResponse, _berth_v1_CreateTaskSetRequest__Output, _berth_v1_CreateTaskSetResponse__Output>
  DeleteAccountSetting: MethodDefinition<_berth_v1_DeleteAccountSettingRequest, _berth_v1_DeleteAccountSettingResponse, _berth_v1_DeleteAccountSettingRequest__Output, _berth_v1_DeleteAccountSettingResponse__Output>
  DeleteAttributes: MethodDefinition<_berth_v1_DeleteAttributesRequest, _berth_v1_DeleteAttributesResponse, _berth_v1_DeleteAttributesRequest__Output, _berth_v1_DeleteAttributesResponse__Output>
  DeleteCapacityProvider: MethodDefinition<_berth_v1_DeleteCapacityProviderRequest, _berth_v1_DeleteCapacityProviderResponse, _berth_v1_DeleteCapacityProviderRequest__Output, _berth_v1_DeleteCapacityProviderResponse__Output>
  DeleteCluster: MethodDefinition<_berth_v1_DeleteClusterRequest, _berth_v1_DeleteClusterResponse, _berth_v1_DeleteClusterRequest__Output, _berth_v1_DeleteClusterResponse__Output>
  DeleteDaemon: MethodDefinition<_berth_v1_DeleteDaemonRequest, _berth_v1_DeleteDaemonResponse, _berth_v1_DeleteDaemonRequest__Output, _berth_v1_DeleteDaemonResponse__Output>
  DeleteDaemonTaskDefinition: MethodDefinition<_berth_v1_DeleteDaemonTaskDefinitionRequest, _berth_v1_DeleteDaemonTaskDefinitionResponse, _berth_v1_DeleteDaemonTaskDefinitionRequest__Output, _berth_v1_DeleteDaemonTaskDefinitionResponse__Output>
  DeleteExpressGatewayService: MethodDefinition<_berth_v1_DeleteExpressGatewayServiceRequest, _berth_v1_DeleteExpressGatewayServiceResponse, _berth_v1_DeleteExpressGatewayServiceRequest__Output, _berth_v1_DeleteExpressGatewayServiceResponse__Output>
  DeleteService: MethodDefinition<_berth_v1_DeleteServiceRequest, _berth_v1_DeleteServiceResponse, _berth_v1_DeleteServiceRequest__Output, _berth_v1_DeleteServiceResponse__Output>
  DeleteTaskDefinitions: MethodDefinition<_berth_v1_DeleteTaskDefinitionsRequest, _berth_v1_DeleteTaskDefinitionsResponse, _berth_v1_DeleteTaskDefinitionsRequest__Output, _berth_v1_DeleteTaskDefinitionsResponse__Output>
  DeleteTaskSet: MethodDefinition<_berth_v1_DeleteTaskSetRequest, _berth_v1_DeleteTaskSetResponse, _berth_v1_DeleteTaskSetRequest__Output, _berth_v1_DeleteTaskSetResponse__Output>
  DeregisterContainerInstance: MethodDefinition<_berth_v1_DeregisterContainerInstanceRequest, _berth_v1_DeregisterContainerInstanceResponse, _berth_v1_DeregisterContainerInstanceRequest__Output, _berth_v1_DeregisterContainerInstanceResponse__Output>
  DeregisterTaskDefinition: MethodDefinition<_berth_v1_DeregisterTaskDefinitionRequest, _berth_v1_DeregisterTaskDefinitionResponse, _berth_v1_DeregisterTaskDefinitionRequest__Output, _berth_v1_DeregisterTaskDefinitionResponse__Output>
  DescribeCapacityProviders: MethodDefinition<_berth_v1_DescribeCapacityProvidersRequest, _berth_v1_DescribeCapacityProvidersResponse, _berth_v1_DescribeCapacityProvidersRequest__Output, _berth_v1_DescribeCapacityProvidersResponse__Output>
  DescribeClusters: MethodDefinition<_berth_v1_DescribeClustersRequest, _berth_v1_DescribeClustersResponse, _berth_v1_DescribeClustersRequest__Output, _berth_v1_DescribeClustersResponse__Output>
  DescribeContainerInstances: MethodDefinition<_berth_v1_DescribeContainerInstancesRequest, _berth_v1_DescribeContainerInstancesResponse, _berth_v1_DescribeContainerInstancesRequest__Output, _berth_v1_DescribeContainerInstancesResponse__Output>
  DescribeDaemon: MethodDefinition<_berth_v1_DescribeDaemonRequest, _berth_v1_DescribeDaemonResponse, _berth_v1_DescribeDaemonRequest__Output, _berth_v1_DescribeDaemonResponse__Output>
  DescribeDaemonDeployments: MethodDefinition<_berth_v1_DescribeDaemonDeploymentsRequest, _berth_v1_DescribeDaemonDeploymentsResponse, _berth_v1_DescribeDaemonDeploymentsRequest__Output, _berth_v1_DescribeDaemonDeploymentsResponse__Output>
  DescribeDaemonRevisions: MethodDefinition<_berth_v1_DescribeDaemonRevisionsRequest, _berth_v1_DescribeDaemonRevisionsResponse, _berth_v1_DescribeDaemonRevisionsRequest__Output, _berth_v1_DescribeDaemonRevisionsResponse__Output>
  DescribeDaemonTaskDefinition: MethodDefinition<_berth_v1_DescribeDaemonTaskDefinitionRequest, _berth_v1_DescribeDaemonTaskDefinitionResponse, _berth_v1_DescribeDaemonTaskDefinitionRequest__Output, _berth_v1_DescribeDaemonTaskDefinitionResponse__Output>
  DescribeExpressGatewayService: MethodDefinition<_berth_v1_DescribeExpressGatewayServiceRequest, _berth_v1_DescribeExpressGatewayServiceResponse, _berth_v1_DescribeExpressGatewayServiceRequest__Output, _berth_v1_DescribeExpressGatewayServiceResponse__Output>
  DescribeServiceDeployments: MethodDefinition<_berth_v1_DescribeServiceDeploymentsRequest, _berth_v1_DescribeServiceDeploymentsResponse, _berth_v1_DescribeServiceDeploymentsRequest__Output, _berth_v1_DescribeServiceDeploymentsResponse__Output>
  DescribeServiceRevisions: MethodDefinition<_berth_v1_DescribeServiceRevisionsRequest, _berth_v1_DescribeServiceRevisionsResponse, _berth_v1_DescribeServiceRevisionsRequest__Output, _berth_v1_DescribeServiceRevisionsResponse__Output>
  DescribeServices: MethodDefinition<_berth_v1_DescribeServicesRequest, _berth_v1_DescribeServicesResponse, _berth_v1_DescribeServicesRequest__Output, _berth_v1_DescribeServicesResponse__Output>
  DescribeTaskDefinition: MethodDefinition<_berth_v1_DescribeTaskDefinitionRequest, _berth_v1_DescribeTaskDefinitionResponse, _berth_v1_DescribeTaskDefinitionRequest__Output, _berth_v1_DescribeTaskDefinitionResponse__Output>
  DescribeTaskSets: MethodDefinition<_berth_v1_DescribeTaskSetsRequest, _berth_v1_DescribeTaskSetsResponse, _berth_v1_DescribeTaskSetsRequest__Output, _berth_v1_DescribeTaskSetsResponse__Output>
  DescribeTasks: MethodDefinition<_berth_v1_DescribeTasksRequest, _berth_v1_DescribeTasksResponse, _berth_v1_DescribeTasksRequest__Output, _berth_v1_DescribeTasksResponse__Output>
  DiscoverPollEndpoint: MethodDefinition<_berth_v1_DiscoverPollEndpointRequest, _berth_v1_DiscoverPollEndpointResponse, _berth_v1_DiscoverPollEndpointRequest__Output, _berth_v1_DiscoverPollEndpointResponse__Output>
  ExecuteCommand: MethodDefinition<_berth_v1_ExecuteCommandRequest, _berth_v1_ExecuteCommandResponse, _berth_v1_ExecuteCommandRequest__Output, _berth_v1_ExecuteCommandResponse__Output>
  GetTaskProtection: MethodDefinition<_berth_v1_GetTaskProtectionRequest, _berth_v1_GetTaskProtectionResponse, _berth_v1_GetTaskProtectionRequest__Output, _berth_v1_GetTaskProtectionResponse__Output>
  ListAccountSettings: MethodDefinition<_berth_v1_ListAccountSettingsRequest, _berth_v1_ListAccountSettingsResponse, _berth_v1_ListAccountSettingsRequest__Output, _berth_v1_ListAccountSettingsResponse__Output>
  ListAttributes: MethodDefinition<_berth_v1_ListAttributesRequest, _berth_v1_ListAttributesResponse, _berth_v1_ListAttributesRequest__Output, _berth_v1_ListAttributesResponse__Output>
  ListClusters: MethodDefinition<_berth_v1_ListClustersRequest, _berth_v1_ListClustersResponse, _berth_v1_ListClustersRequest__Output, _berth_v1_ListClustersResponse__Output>
  ListContainerInstances: MethodDefinition<_berth_v1_ListContainerInstancesRequest, _berth_v1_ListContainerInstancesResponse, _berth_v1_ListContainerInstancesRequest__Output, _berth_v1_ListContainerInstancesResponse__Output>
  ListDaemonDeployments: MethodDefinition<_berth_v1_ListDaemonDeploymentsRequest, _berth_v1_ListDaemonDeploymentsResponse, _berth_v1_ListDaemonDeploymentsRequest__Output, _berth_v1_ListDaemonDeploymentsResponse__Output>
  ListDaemonTaskDefinitions: MethodDefinition<_berth_v1_ListDaemonTaskDefinitionsRequest, _berth_v1_ListDaemonTaskDefinitionsResponse, _berth_v1_ListDaemonTaskDefinitionsRequest__Output, _berth_v1_ListDaemonTaskDefinitionsResponse__Output>
  ListDaemons: MethodDefinition<_berth_v1_ListDaemonsRequest, _berth_v1_ListDaemonsResponse, _berth_v1_ListDaemonsRequest__Output, _berth_v1_ListDaemonsResponse__Output>
  ListServiceDeployments: MethodDefinition<_berth_v1_ListServiceDeploymentsRequest, _berth_v1_ListServiceDeploymentsResponse, _berth_v1_ListServiceDeploymentsRequest__Output, _berth_v1_ListServiceDeploymentsResponse__Output>
  ListServices: MethodDefinition<_berth_v1_ListServicesRequest, _berth_v1_ListServicesResponse, _berth_v1_ListServicesRequest__Output, _berth_v1_ListServicesResponse__Output>
  ListServicesByNamespace: MethodDefinition<_berth_v1_ListServicesByNamespaceRequest, _berth_v1_ListServicesByNamespaceResponse, _berth_v1_ListServicesByNamespaceRequest__Output, _berth_v1_ListServicesByNamespaceResponse__Output>
  ListTagsForResource: MethodDefinition<_berth_v1_ListTagsForResourceRequest, _berth_v1_ListTagsForResourceResponse, _berth_v1_ListTagsForResourceRequest__Output, _berth_v1_ListTagsForResourceResponse__Output>
  ListTaskDefinitionFamilies: MethodDefinition<_berth_v1_ListTaskDefinitionFamiliesRequest, _berth_v1_ListTaskDefinitionFamiliesResponse, _berth_v1_ListTaskDefinitionFamiliesRequest__Output, _berth_v1_ListTaskDefinitionFamiliesResponse__Output>
  ListTaskDefinitions: MethodDefinition<_berth_v1_ListTaskDefinitionsRequest, _berth_v1_ListTaskDefinitionsResponse, _berth_v1_ListTaskDefinitionsRequest__Output, _berth_v1_ListTaskDefinitionsResponse__Output>
  ListTasks: MethodDefinition<_berth_v1_ListTasksRequest, _berth_v1_ListTasksResponse, _berth_v1_ListTasksRequest__Output, _berth_v1_ListTasksResponse__Output>
  PutAccountSetting: MethodDefinition<_berth_v1_PutAccountSettingRequest, _berth_v1_PutAccountSettingResponse, _berth_v1_PutAccountSettingRequest__Output, _berth_v1_PutAccountSettingResponse__Output>
  PutAccountSettingDefault: MethodDefinition<_berth_v1_PutAccountSettingDefaultRequest, _berth_v1_PutAccountSettingDefaultResponse, _berth_v1_PutAccountSettingDefaultRequest__Output, _berth_v1_PutAccountSettingDefaultResponse__Output>
  PutAttributes: MethodDefinition<_berth_v1_PutAttributesRequest, _berth_v1_PutAttributesResponse, _berth_v1_PutAttributesRequest__Output, _berth_v1_PutAttributesResponse__Output>
  PutClusterCapacityProviders: MethodDefinition<_berth_v1_PutClusterCapacityProvidersRequest, _berth_v1_PutClusterCapacityProvidersResponse, _berth_v1_PutClusterCapacityProvidersRequest__Output, _berth_v1_PutClusterCapacityProvidersResponse__Output>
  RegisterContainerInstance: MethodDefinition<_berth_v1_RegisterContainerInstanceRequest, _berth_v1_RegisterContainerInstanceResponse, _berth_v1_RegisterContainerInstanceRequest__Output, _berth_v1_RegisterContainerInstanceResponse__Output>
  RegisterDaemonTaskDefinition: MethodDefinition<_berth_v1_RegisterDaemonTaskDefinitionRequest, _berth_v1_RegisterDaemonTaskDefinitionResponse, _berth_v1_RegisterDaemonTaskDefinitionRequest__Output, _berth_v1_RegisterDaemonTaskDefinitionResponse__Output>
  RegisterTaskDefinition: MethodDefinition<_berth_v1_RegisterTaskDefinitionRequest, _berth_v1_RegisterTaskDefinitionResponse, _berth_v1_RegisterTaskDefinitionRequest__Output, _berth_v1_RegisterTaskDefinitionResponse__Output>
  RunTask: MethodDefinition<_berth_v1_RunTaskRequest, _berth_v1_RunTaskResponse, _berth_v1_RunTaskRequest__Output, _berth_v1_RunTaskResponse__Output>
  StartTask: MethodDefinition<_berth_v1_StartTaskRequest, _berth_v1_StartTaskResponse, _berth_v1_StartTaskRequest__Output, _berth_v1_StartTaskResponse__Output>
  StopServiceDeployment: MethodDefinition<_berth_v1_StopServiceDeploymentRequest, _berth_v1_StopServiceDeploymentResponse, _berth_v1_StopServiceDeploymentRequest__Output, _berth_v1_StopServiceDeploymentResponse__Output>
  StopTask: MethodDefinition<_berth_v1_StopTaskRequest, _berth_v1_StopTaskResponse, _berth_v1_StopTaskRequest__Output, _berth_v1_StopTaskResponse__Output>
  SubmitAttachmentStateChanges: MethodDefinition<_berth_v1_SubmitAttachmentStateChangesRequest, _berth_v1_SubmitAttachmentStateChangesResponse, _berth_v1_SubmitAttachmentStateChangesRequest__Output, _berth_v1_SubmitAttachmentStateChangesResponse__Output>
  SubmitContainerStateChange: MethodDefinition<_berth_v1_SubmitContainerStateChangeRequest, _berth_v1_SubmitContainerStateChangeResponse, _berth_v1_SubmitContainerStateChangeRequest__Output, _berth_v1_SubmitContainerStateChangeResponse__Output>
  SubmitTaskStateChange: MethodDefinition<_berth_v1_SubmitTaskStateChangeRequest, _berth_v1_SubmitTaskStateChangeResponse, _berth_v1_SubmitTaskStateChangeRequest__Output, _berth_v1_SubmitTaskStateChangeResponse__Output>
  TagResource: MethodDefinition<_berth_v1_TagResourceRequest, _berth_v1_TagResourceResponse, _berth_v1_TagResourceRequest__Output, _berth_v1_TagResourceResponse__Output>
  UntagResource: MethodDefinition<_berth_v1_UntagResourceRequest, _berth_v1_UntagResourceResponse, _berth_v1_UntagResourceRequest__Output, _berth_v1_UntagResourceResponse__Output>
  UpdateCapacityProvider: MethodDefinition<_berth_v1_UpdateCapacityProviderRequest, _berth_v1_UpdateCapacityProviderResponse, _berth_v1_UpdateCapacityProviderRequest__Output, _berth_v1_UpdateCapacityProviderResponse__Output>
  UpdateCluster: MethodDefinition<_berth_v1_UpdateClusterRequest, _berth_v1_UpdateClusterResponse, _berth_v1_UpdateClusterRequest__Output, _berth_v1_UpdateClusterResponse__Output>
  UpdateClusterSettings: MethodDefinition<_berth_v1_UpdateClusterSettingsRequest, _berth_v1_UpdateClusterSettingsResponse, _berth_v1_UpdateClusterSettingsRequest__Output, _berth_v1_UpdateClusterSettingsResponse__Output>
  UpdateContainerAgent: MethodDefinition<_berth_v1_UpdateContainerAgentRequest, _berth_v1_UpdateContainerAgentResponse, _berth_v1_UpdateContainerAgentRequest__Output, _berth_v1_UpdateContainerAgentResponse__Output>
  UpdateContainerInstancesState: MethodDefinition<_berth_v1_UpdateContainerInstancesStateRequest, _berth_v1_UpdateContainerInstancesStateResponse, _berth_v1_UpdateContainerInstancesStateRequest__Output, _berth_v1_UpdateContainerInstancesStateResponse__Output>
  UpdateDaemon: MethodDefinition<_berth_v1_UpdateDaemonRequest, _berth_v1_UpdateDaemonResponse, _berth_v1_UpdateDaemonRequest__Output, _berth_v1_UpdateDaemonResponse__Output>
  UpdateExpressGatewayService: MethodDefinition<_berth_v1_UpdateExpressGatewayServiceRequest, _berth_v1_UpdateExpressGatewayServiceResponse, _berth_v1_UpdateExpressGatewayServiceRequest__Output, _berth_v1_UpdateExpressGatewayServiceResponse__Output>
  UpdateService: MethodDefinition<_berth_v1_UpdateServiceRequest, _berth_v1_UpdateServiceResponse, _berth_v1_UpdateServiceRequest__Output, _berth_v1_UpdateServiceResponse__Output>
  UpdateServicePrimaryTaskSet: MethodDefinition<_berth_v1_UpdateServicePrimaryTaskSetRequest, _berth_v1_UpdateServicePrimaryTaskSetResponse, _berth_v1_UpdateServicePrimaryTaskSetRequest__Output, _berth_v1_UpdateServicePrimaryTaskSetResponse__Output>
  UpdateTaskProtection: MethodDefinition<_berth_v1_UpdateTaskProtectionRequest, _berth_v1_UpdateTaskProtectionResponse, _berth_v1_UpdateTaskProtectionRequest__Output, _berth_v1_UpdateTaskProtectionResponse__Output>
  UpdateTaskSet: MethodDefinition<_berth_v1_UpdateTaskSetRequest, _berth_v1_UpdateTaskSetResponse, _berth_v1_UpdateTaskSetRequest__Output, _berth_v1_UpdateTaskSetResponse__Output>
}
