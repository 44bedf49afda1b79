// Original file: protos/berth/v1/ecs.proto


export interface InferenceAccelerator {
  'deviceName'?: (string);
  'deviceType'?: (string);
  '_deviceName'?: "deviceName";
  '_deviceType'?: "deviceType";
}

export interface InferenceAccelerator__Output {
  'deviceName'?: (string);
  'deviceType'?: (string);
}
