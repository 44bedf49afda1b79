// Original file: protos/berth/v1/ecs.proto

import type { ExpressGatewayServiceNetworkConfiguration as _berth_v1_ExpressGatewayServiceNetworkConfiguration, ExpressGatewayServiceNetworkConfiguration__Output as _berth_v1_ExpressGatewayServiceNetworkConfiguration__Output } from '../../berth/v1/ExpressGatewayServiceNetworkConfiguration.js';
import type { ExpressGatewayContainer as _berth_v1_ExpressGatewayContainer, ExpressGatewayContainer__Output as _berth_v1_ExpressGatewayContainer__Output } from '../../berth/v1/ExpressGatewayContainer.js';
import type { ExpressGatewayScalingTarget as _berth_v1_ExpressGatewayScalingTarget, ExpressGatewayScalingTarget__Output as _berth_v1_ExpressGatewayScalingTarget__Output } from '../../berth/v1/ExpressGatewayScalingTarget.js';
import type { IngressPathSummary as _berth_v1_IngressPathSummary, IngressPathSummary__Output as _berth_v1_IngressPathSummary__Output } from '../../berth/v1/IngressPathSummary.js';

export interface ExpressGatewayServiceConfiguration {
  'serviceRevisionArn'?: (string);
  'executionRoleArn'?: (string);
  'taskRoleArn'?: (string);
  'taskDefinitionArn'?: (string);
  'cpu'?: (string);
  'memory'?: (string);
  'networkConfiguration'?: (_berth_v1_ExpressGatewayServiceNetworkConfiguration | null);
  'healthCheckPath'?: (string);
  'primaryContainer'?: (_berth_v1_ExpressGatewayContainer | null);
  'scalingTarget'?: (_berth_v1_ExpressGatewayScalingTarget | null);
  'ingressPaths'?: (_berth_v1_IngressPathSummary)[];
  'createdAt'?: (number | string);
  'berthPresentMembers'?: (string)[];
  '_serviceRevisionArn'?: "serviceRevisionArn";
  '_executionRoleArn'?: "executionRoleArn";
  '_taskRoleArn'?: "taskRoleArn";
  '_taskDefinitionArn'?: "taskDefinitionArn";
  '_cpu'?: "cpu";
  '_memory'?: "memory";
  '_healthCheckPath'?: "healthCheckPath";
  '_createdAt'?: "createdAt";
}

export interface ExpressGatewayServiceConfiguration__Output {
  'serviceRevisionArn'?: (string);
  'executionRoleArn'?: (string);
  'taskRoleArn'?: (string);
  'taskDefinitionArn'?: (string);
  'cpu'?: (string);
  'memory'?: (string);
  'networkConfiguration'?: (_berth_v1_ExpressGatewayServiceNetworkConfiguration__Output);
  'healthCheckPath'?: (string);
  'primaryContainer'?: (_berth_v1_ExpressGatewayContainer__Output);
  'scalingTarget'?: (_berth_v1_ExpressGatewayScalingTarget__Output);
  'ingressPaths'?: (_berth_v1_IngressPathSummary__Output)[];
  'createdAt'?: (number);
  'berthPresentMembers'?: (string)[];
}
