// Original file: protos/berth/v1/capacity.proto


export interface ListScaleHooksRequest {
  'names'?: (string)[];
}

export interface ListScaleHooksRequest__Output {
  'names'?: (string)[];
}
