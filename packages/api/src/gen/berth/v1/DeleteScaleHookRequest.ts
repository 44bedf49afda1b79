// Original file: protos/berth/v1/capacity.proto


export interface DeleteScaleHookRequest {
  'name'?: (string);
  '_name'?: "name";
}

export interface DeleteScaleHookRequest__Output {
  'name'?: (string);
}
