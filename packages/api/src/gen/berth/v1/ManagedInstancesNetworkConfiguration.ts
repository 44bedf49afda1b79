// Original file: protos/berth/v1/ecs.proto


export interface ManagedInstancesNetworkConfiguration {
  'subnets'?: (string)[];
  'securityGroups'?: (string)[];
  'berthPresentMembers'?: (string)[];
}

export interface ManagedInstancesNetworkConfiguration__Output {
  'subnets'?: (string)[];
  'securityGroups'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
