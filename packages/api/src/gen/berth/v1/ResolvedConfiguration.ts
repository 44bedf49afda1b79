// Original file: protos/berth/v1/ecs.proto

import type { ServiceRevisionLoadBalancer as _berth_v1_ServiceRevisionLoadBalancer, ServiceRevisionLoadBalancer__Output as _berth_v1_ServiceRevisionLoadBalancer__Output } from '../../berth/v1/ServiceRevisionLoadBalancer.js';

export interface ResolvedConfiguration {
  'loadBalancers'?: (_berth_v1_ServiceRevisionLoadBalancer)[];
  'berthPresentMembers'?: (string)[];
}

export interface ResolvedConfiguration__Output {
  'loadBalancers'?: (_berth_v1_ServiceRevisionLoadBalancer__Output)[];
  'berthPresentMembers'?: (string)[];
}
