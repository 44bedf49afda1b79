// Original file: protos/berth/v1/ecs.proto


export interface DeleteCapacityProviderRequest {
  'capacityProvider'?: (string);
  'cluster'?: (string);
  '_capacityProvider'?: "capacityProvider";
  '_cluster'?: "cluster";
}

export interface DeleteCapacityProviderRequest__Output {
  'capacityProvider'?: (string);
  'cluster'?: (string);
}
