// Original file: protos/berth/v1/ecs.proto

import type { EBSTagSpecification as _berth_v1_EBSTagSpecification, EBSTagSpecification__Output as _berth_v1_EBSTagSpecification__Output } from '../../berth/v1/EBSTagSpecification.js';
import type { TaskManagedEBSVolumeTerminationPolicy as _berth_v1_TaskManagedEBSVolumeTerminationPolicy, TaskManagedEBSVolumeTerminationPolicy__Output as _berth_v1_TaskManagedEBSVolumeTerminationPolicy__Output } from '../../berth/v1/TaskManagedEBSVolumeTerminationPolicy.js';

export interface TaskManagedEBSVolumeConfiguration {
  'encrypted'?: (boolean);
  'kmsKeyId'?: (string);
  'volumeType'?: (string);
  'sizeInGiB'?: (number);
  'snapshotId'?: (string);
  'volumeInitializationRate'?: (number);
  'iops'?: (number);
  'throughput'?: (number);
  'tagSpecifications'?: (_berth_v1_EBSTagSpecification)[];
  'roleArn'?: (string);
  'terminationPolicy'?: (_berth_v1_TaskManagedEBSVolumeTerminationPolicy | null);
  'filesystemType'?: (string);
  'berthPresentMembers'?: (string)[];
  '_encrypted'?: "encrypted";
  '_kmsKeyId'?: "kmsKeyId";
  '_volumeType'?: "volumeType";
  '_sizeInGiB'?: "sizeInGiB";
  '_snapshotId'?: "snapshotId";
  '_volumeInitializationRate'?: "volumeInitializationRate";
  '_iops'?: "iops";
  '_throughput'?: "throughput";
  '_roleArn'?: "roleArn";
  '_filesystemType'?: "filesystemType";
}

export interface TaskManagedEBSVolumeConfiguration__Output {
  'encrypted'?: (boolean);
  'kmsKeyId'?: (string);
  'volumeType'?: (string);
  'sizeInGiB'?: (number);
  'snapshotId'?: (string);
  'volumeInitializationRate'?: (number);
  'iops'?: (number);
  'throughput'?: (number);
  'tagSpecifications'?: (_berth_v1_EBSTagSpecification__Output)[];
  'roleArn'?: (string);
  'terminationPolicy'?: (_berth_v1_TaskManagedEBSVolumeTerminationPolicy__Output);
  'filesystemType'?: (string);
  'berthPresentMembers'?: (string)[];
}
