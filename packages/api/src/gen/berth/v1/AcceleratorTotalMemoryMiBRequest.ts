// Original file: protos/berth/v1/ecs.proto


export interface AcceleratorTotalMemoryMiBRequest {
  'min'?: (number);
  'max'?: (number);
  '_min'?: "min";
  '_max'?: "max";
}

export interface AcceleratorTotalMemoryMiBRequest__Output {
  'min'?: (number);
  'max'?: (number);
}
