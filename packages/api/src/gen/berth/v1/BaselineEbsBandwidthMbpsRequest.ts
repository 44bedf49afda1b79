// Original file: protos/berth/v1/ecs.proto


export interface BaselineEbsBandwidthMbpsRequest {
  'min'?: (number);
  'max'?: (number);
  '_min'?: "min";
  '_max'?: "max";
}

export interface BaselineEbsBandwidthMbpsRequest__Output {
  'min'?: (number);
  'max'?: (number);
}
