// Original file: protos/berth/v1/ecs.proto


export interface MemoryMiBRequest {
  'min'?: (number);
  'max'?: (number);
  '_min'?: "min";
  '_max'?: "max";
}

export interface MemoryMiBRequest__Output {
  'min'?: (number);
  'max'?: (number);
}
