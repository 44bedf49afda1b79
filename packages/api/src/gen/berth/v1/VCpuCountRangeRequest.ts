// Original file: protos/berth/v1/ecs.proto


export interface VCpuCountRangeRequest {
  'min'?: (number);
  'max'?: (number);
  '_min'?: "min";
  '_max'?: "max";
}

export interface VCpuCountRangeRequest__Output {
  'min'?: (number);
  'max'?: (number);
}
