// Original file: protos/berth/v1/ecs.proto


export interface UpdateServicePrimaryTaskSetRequest {
  'cluster'?: (string);
  'service'?: (string);
  'primaryTaskSet'?: (string);
  '_cluster'?: "cluster";
  '_service'?: "service";
  '_primaryTaskSet'?: "primaryTaskSet";
}

export interface UpdateServicePrimaryTaskSetRequest__Output {
  'cluster'?: (string);
  'service'?: (string);
  'primaryTaskSet'?: (string);
}
