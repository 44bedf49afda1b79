// Original file: protos/berth/v1/ecs.proto


export interface DiscoverPollEndpointRequest {
  'containerInstance'?: (string);
  'cluster'?: (string);
  '_containerInstance'?: "containerInstance";
  '_cluster'?: "cluster";
}

export interface DiscoverPollEndpointRequest__Output {
  'containerInstance'?: (string);
  'cluster'?: (string);
}
