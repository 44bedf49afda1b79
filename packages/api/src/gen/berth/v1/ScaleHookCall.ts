// Original file: protos/berth/v1/capacity.proto


export interface ScaleHookCall {
  'desiredCount'?: (number);
  'instancesToRemove'?: (string)[];
  'status'?: (string);
  'attempts'?: (number);
  'at'?: (number | string);
  'message'?: (string);
  '_desiredCount'?: "desiredCount";
  '_status'?: "status";
  '_attempts'?: "attempts";
  '_at'?: "at";
  '_message'?: "message";
}

export interface ScaleHookCall__Output {
  'desiredCount'?: (number);
  'instancesToRemove'?: (string)[];
  'status'?: (string);
  'attempts'?: (number);
  'at'?: (number);
  'message'?: (string);
}
