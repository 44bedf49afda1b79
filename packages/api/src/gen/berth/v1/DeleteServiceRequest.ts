// Original file: protos/berth/v1/ecs.proto


export interface DeleteServiceRequest {
  'cluster'?: (string);
  'service'?: (string);
  'force'?: (boolean);
  '_cluster'?: "cluster";
  '_service'?: "service";
  '_force'?: "force";
}

export interface DeleteServiceRequest__Output {
  'cluster'?: (string);
  'service'?: (string);
  'force'?: (boolean);
}
