// Original file: protos/berth/v1/ecs.proto


export interface NetworkBandwidthGbpsRequest {
  'min'?: (number | string);
  'max'?: (number | string);
  '_min'?: "min";
  '_max'?: "max";
}

export interface NetworkBandwidthGbpsRequest__Output {
  'min'?: (number);
  'max'?: (number);
}
