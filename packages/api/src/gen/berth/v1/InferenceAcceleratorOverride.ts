// Original file: protos/berth/v1/ecs.proto


export interface InferenceAcceleratorOverride {
  'deviceName'?: (string);
  'deviceType'?: (string);
  '_deviceName'?: "deviceName";
  '_deviceType'?: "deviceType";
}

export interface InferenceAcceleratorOverride__Output {
  'deviceName'?: (string);
  'deviceType'?: (string);
}
