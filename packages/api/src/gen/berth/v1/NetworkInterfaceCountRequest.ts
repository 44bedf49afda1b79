// Original file: protos/berth/v1/ecs.proto


export interface NetworkInterfaceCountRequest {
  'min'?: (number);
  'max'?: (number);
  '_min'?: "min";
  '_max'?: "max";
}

export interface NetworkInterfaceCountRequest__Output {
  'min'?: (number);
  'max'?: (number);
}
