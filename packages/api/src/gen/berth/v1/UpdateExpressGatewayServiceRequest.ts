// Original file: protos/berth/v1/ecs.proto

import type { ExpressGatewayContainer as _berth_v1_ExpressGatewayContainer, ExpressGatewayContainer__Output as _berth_v1_ExpressGatewayContainer__Output } from '../../berth/v1/ExpressGatewayContainer.js';
import type { ExpressGatewayServiceNetworkConfiguration as _berth_v1_ExpressGatewayServiceNetworkConfiguration, ExpressGatewayServiceNetworkConfiguration__Output as _berth_v1_ExpressGatewayServiceNetworkConfiguration__Output } from '../../berth/v1/ExpressGatewayServiceNetworkConfiguration.js';
import type { ExpressGatewayScalingTarget as _berth_v1_ExpressGatewayScalingTarget, ExpressGatewayScalingTarget__Output as _berth_v1_ExpressGatewayScalingTarget__Output } from '../../berth/v1/ExpressGatewayScalingTarget.js';

export interface UpdateExpressGatewayServiceRequest {
  'serviceArn'?: (string);
  'executionRoleArn'?: (string);
  'healthCheckPath'?: (string);
  'primaryContainer'?: (_berth_v1_ExpressGatewayContainer | null);
  'taskRoleArn'?: (string);
  'networkConfiguration'?: (_berth_v1_ExpressGatewayServiceNetworkConfiguration | null);
  'cpu'?: (string);
  'memory'?: (string);
  'scalingTarget'?: (_berth_v1_ExpressGatewayScalingTarget | null);
  'taskDefinitionArn'?: (string);
  '_serviceArn'?: "serviceArn";
  '_executionRoleArn'?: "executionRoleArn";
  '_healthCheckPath'?: "healthCheckPath";
  '_taskRoleArn'?: "taskRoleArn";
  '_cpu'?: "cpu";
  '_memory'?: "memory";
  '_taskDefinitionArn'?: "taskDefinitionArn";
}

export interface UpdateExpressGatewayServiceRequest__Output {
  'serviceArn'?: (string);
  'executionRoleArn'?: (string);
  'healthCheckPath'?: (string);
  'primaryContainer'?: (_berth_v1_ExpressGatewayContainer__Output);
  'taskRoleArn'?: (string);
  'networkConfiguration'?: (_berth_v1_ExpressGatewayServiceNetworkConfiguration__Output);
  'cpu'?: (string);
  'memory'?: (string);
  'scalingTarget'?: (_berth_v1_ExpressGatewayScalingTarget__Output);
  'taskDefinitionArn'?: (string);
}
