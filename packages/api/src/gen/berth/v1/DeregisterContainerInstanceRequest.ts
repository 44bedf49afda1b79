// Original file: protos/berth/v1/ecs.proto


export interface DeregisterContainerInstanceRequest {
  'cluster'?: (string);
  'containerInstance'?: (string);
  'force'?: (boolean);
  '_cluster'?: "cluster";
  '_containerInstance'?: "containerInstance";
  '_force'?: "force";
}

export interface DeregisterContainerInstanceRequest__Output {
  'cluster'?: (string);
  'containerInstance'?: (string);
  'force'?: (boolean);
}
