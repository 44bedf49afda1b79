// Original file: protos/berth/v1/ecs.proto

import type { AutoScalingGroupProvider as _berth_v1_AutoScalingGroupProvider, AutoScalingGroupProvider__Output as _berth_v1_AutoScalingGroupProvider__Output } from '../../berth/v1/AutoScalingGroupProvider.js';
import type { ManagedInstancesProvider as _berth_v1_ManagedInstancesProvider, ManagedInstancesProvider__Output as _berth_v1_ManagedInstancesProvider__Output } from '../../berth/v1/ManagedInstancesProvider.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface CapacityProvider {
  'capacityProviderArn'?: (string);
  'name'?: (string);
  'cluster'?: (string);
  'status'?: (string);
  'autoScalingGroupProvider'?: (_berth_v1_AutoScalingGroupProvider | null);
  'managedInstancesProvider'?: (_berth_v1_ManagedInstancesProvider | null);
  'updateStatus'?: (string);
  'updateStatusReason'?: (string);
  'tags'?: (_berth_v1_Tag)[];
  'type'?: (string);
  'berthPresentMembers'?: (string)[];
  '_capacityProviderArn'?: "capacityProviderArn";
  '_name'?: "name";
  '_cluster'?: "cluster";
  '_status'?: "status";
  '_updateStatus'?: "updateStatus";
  '_updateStatusReason'?: "updateStatusReason";
  '_type'?: "type";
}

export interface CapacityProvider__Output {
  'capacityProviderArn'?: (string);
  'name'?: (string);
  'cluster'?: (string);
  'status'?: (string);
  'autoScalingGroupProvider'?: (_berth_v1_AutoScalingGroupProvider__Output);
  'managedInstancesProvider'?: (_berth_v1_ManagedInstancesProvider__Output);
  'updateStatus'?: (string);
  'updateStatusReason'?: (string);
  'tags'?: (_berth_v1_Tag__Output)[];
  'type'?: (string);
  'berthPresentMembers'?: (string)[];
}
