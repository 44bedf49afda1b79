// Original file: protos/berth/v1/ecs.proto

import type { AdvancedConfiguration as _berth_v1_AdvancedConfiguration, AdvancedConfiguration__Output as _berth_v1_AdvancedConfiguration__Output } from '../../berth/v1/AdvancedConfiguration.js';

export interface LoadBalancer {
  'targetGroupArn'?: (string);
  'loadBalancerName'?: (string);
  'containerName'?: (string);
  'containerPort'?: (number);
  'advancedConfiguration'?: (_berth_v1_AdvancedConfiguration | null);
  '_targetGroupArn'?: "targetGroupArn";
  '_loadBalancerName'?: "loadBalancerName";
  '_containerName'?: "containerName";
  '_containerPort'?: "containerPort";
}

export interface LoadBalancer__Output {
  'targetGroupArn'?: (string);
  'loadBalancerName'?: (string);
  'containerName'?: (string);
  'containerPort'?: (number);
  'advancedConfiguration'?: (_berth_v1_AdvancedConfiguration__Output);
}
