// Original file: protos/berth/v1/ecs.proto


export interface ServiceConnectTestTrafficHeaderMatchRules {
  'exact'?: (string);
  '_exact'?: "exact";
}

export interface ServiceConnectTestTrafficHeaderMatchRules__Output {
  'exact'?: (string);
}
