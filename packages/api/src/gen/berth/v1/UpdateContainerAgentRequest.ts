// Original file: protos/berth/v1/ecs.proto


export interface UpdateContainerAgentRequest {
  'cluster'?: (string);
  'containerInstance'?: (string);
  '_cluster'?: "cluster";
  '_containerInstance'?: "containerInstance";
}

export interface UpdateContainerAgentRequest__Output {
  'cluster'?: (string);
  'containerInstance'?: (string);
}
