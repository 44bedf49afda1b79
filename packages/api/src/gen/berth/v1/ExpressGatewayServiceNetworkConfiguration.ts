// Original file: protos/berth/v1/ecs.proto


export interface ExpressGatewayServiceNetworkConfiguration {
  'securityGroups'?: (string)[];
  'subnets'?: (string)[];
  'berthPresentMembers'?: (string)[];
}

export interface ExpressGatewayServiceNetworkConfiguration__Output {
  'securityGroups'?: (string)[];
  'subnets'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
