// Original file: protos/berth/v1/ecs.proto


export interface TotalLocalStorageGBRequest {
  'min'?: (number | string);
  'max'?: (number | string);
  '_min'?: "min";
  '_max'?: "max";
}

export interface TotalLocalStorageGBRequest__Output {
  'min'?: (number);
  'max'?: (number);
}
