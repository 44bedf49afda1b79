// Original file: protos/berth/v1/ecs.proto

import type { ManagedInstancesNetworkConfiguration as _berth_v1_ManagedInstancesNetworkConfiguration, ManagedInstancesNetworkConfiguration__Output as _berth_v1_ManagedInstancesNetworkConfiguration__Output } from '../../berth/v1/ManagedInstancesNetworkConfiguration.js';
import type { ManagedInstancesStorageConfiguration as _berth_v1_ManagedInstancesStorageConfiguration, ManagedInstancesStorageConfiguration__Output as _berth_v1_ManagedInstancesStorageConfiguration__Output } from '../../berth/v1/ManagedInstancesStorageConfiguration.js';
import type { ManagedInstancesLocalStorageConfiguration as _berth_v1_ManagedInstancesLocalStorageConfiguration, ManagedInstancesLocalStorageConfiguration__Output as _berth_v1_ManagedInstancesLocalStorageConfiguration__Output } from '../../berth/v1/ManagedInstancesLocalStorageConfiguration.js';
import type { InstanceRequirementsRequest as _berth_v1_InstanceRequirementsRequest, InstanceRequirementsRequest__Output as _berth_v1_InstanceRequirementsRequest__Output } from '../../berth/v1/InstanceRequirementsRequest.js';
import type { CapacityReservationRequest as _berth_v1_CapacityReservationRequest, CapacityReservationRequest__Output as _berth_v1_CapacityReservationRequest__Output } from '../../berth/v1/CapacityReservationRequest.js';

export interface InstanceLaunchTemplateUpdate {
  'ec2InstanceProfileArn'?: (string);
  'networkConfiguration'?: (_berth_v1_ManagedInstancesNetworkConfiguration | null);
  'storageConfiguration'?: (_berth_v1_ManagedInstancesStorageConfiguration | null);
  'instanceMetadataTagsPropagation'?: (boolean);
  'localStorageConfiguration'?: (_berth_v1_ManagedInstancesLocalStorageConfiguration | null);
  'monitoring'?: (string);
  'instanceRequirements'?: (_berth_v1_InstanceRequirementsRequest | null);
  'capacityReservations'?: (_berth_v1_CapacityReservationRequest | null);
  '_ec2InstanceProfileArn'?: "ec2InstanceProfileArn";
  '_instanceMetadataTagsPropagation'?: "instanceMetadataTagsPropagation";
  '_monitoring'?: "monitoring";
}

export interface InstanceLaunchTemplateUpdate__Output {
  'ec2InstanceProfileArn'?: (string);
  'networkConfiguration'?: (_berth_v1_ManagedInstancesNetworkConfiguration__Output);
  'storageConfiguration'?: (_berth_v1_ManagedInstancesStorageConfiguration__Output);
  'instanceMetadataTagsPropagation'?: (boolean);
  'localStorageConfiguration'?: (_berth_v1_ManagedInstancesLocalStorageConfiguration__Output);
  'monitoring'?: (string);
  'instanceRequirements'?: (_berth_v1_InstanceRequirementsRequest__Output);
  'capacityReservations'?: (_berth_v1_CapacityReservationRequest__Output);
}
