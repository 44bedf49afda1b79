// Original file: protos/berth/v1/ecs.proto


export interface AcceleratorCountRequest {
  'min'?: (number);
  'max'?: (number);
  '_min'?: "min";
  '_max'?: "max";
}

export interface AcceleratorCountRequest__Output {
  'min'?: (number);
  'max'?: (number);
}
