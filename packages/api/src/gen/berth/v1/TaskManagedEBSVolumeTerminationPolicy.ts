// Original file: protos/berth/v1/ecs.proto


export interface TaskManagedEBSVolumeTerminationPolicy {
  'deleteOnTermination'?: (boolean);
  '_deleteOnTermination'?: "deleteOnTermination";
}

export interface TaskManagedEBSVolumeTerminationPolicy__Output {
  'deleteOnTermination'?: (boolean);
}
