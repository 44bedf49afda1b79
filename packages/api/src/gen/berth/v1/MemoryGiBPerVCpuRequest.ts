// Original file: protos/berth/v1/ecs.proto


export interface MemoryGiBPerVCpuRequest {
  'min'?: (number | string);
  'max'?: (number | string);
  '_min'?: "min";
  '_max'?: "max";
}

export interface MemoryGiBPerVCpuRequest__Output {
  'min'?: (number);
  'max'?: (number);
}
