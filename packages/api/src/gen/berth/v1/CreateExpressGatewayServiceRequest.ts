// Original file: protos/berth/v1/ecs.proto

import type { ExpressGatewayContainer as _berth_v1_ExpressGatewayContainer, ExpressGatewayContainer__Output as _berth_v1_ExpressGatewayContainer__Output } from '../../berth/v1/ExpressGatewayContainer.js';
import type { ExpressGatewayServiceNetworkConfiguration as _berth_v1_ExpressGatewayServiceNetworkConfiguration, ExpressGatewayServiceNetworkConfiguration__Output as _berth_v1_ExpressGatewayServiceNetworkConfiguration__Output } from '../../berth/v1/ExpressGatewayServiceNetworkConfiguration.js';
import type { ExpressGatewayScalingTarget as _berth_v1_ExpressGatewayScalingTarget, ExpressGatewayScalingTarget__Output as _berth_v1_ExpressGatewayScalingTarget__Output } from '../../berth/v1/ExpressGatewayScalingTarget.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface CreateExpressGatewayServiceRequest {
  'executionRoleArn'?: (string);
  'infrastructureRoleArn'?: (string);
  'serviceName'?: (string);
  'cluster'?: (string);
  'healthCheckPath'?: (string);
  'primaryContainer'?: (_berth_v1_ExpressGatewayContainer | null);
  'taskRoleArn'?: (string);
  'networkConfiguration'?: (_berth_v1_ExpressGatewayServiceNetworkConfiguration | null);
  'cpu'?: (string);
  'memory'?: (string);
  'scalingTarget'?: (_berth_v1_ExpressGatewayScalingTarget | null);
  'tags'?: (_berth_v1_Tag)[];
  'taskDefinitionArn'?: (string);
  'berthPresentMembers'?: (string)[];
  '_executionRoleArn'?: "executionRoleArn";
  '_infrastructureRoleArn'?: "infrastructureRoleArn";
  '_serviceName'?: "serviceName";
  '_cluster'?: "cluster";
  '_healthCheckPath'?: "healthCheckPath";
  '_taskRoleArn'?: "taskRoleArn";
  '_cpu'?: "cpu";
  '_memory'?: "memory";
  '_taskDefinitionArn'?: "taskDefinitionArn";
}

export interface CreateExpressGatewayServiceRequest__Output {
  'executionRoleArn'?: (string);
  'infrastructureRoleArn'?: (string);
  'serviceName'?: (string);
  'cluster'?: (string);
  'healthCheckPath'?: (string);
  'primaryContainer'?: (_berth_v1_ExpressGatewayContainer__Output);
  'taskRoleArn'?: (string);
  'networkConfiguration'?: (_berth_v1_ExpressGatewayServiceNetworkConfiguration__Output);
  'cpu'?: (string);
  'memory'?: (string);
  'scalingTarget'?: (_berth_v1_ExpressGatewayScalingTarget__Output);
  'tags'?: (_berth_v1_Tag__Output)[];
  'taskDefinitionArn'?: (string);
  'berthPresentMembers'?: (string)[];
}
