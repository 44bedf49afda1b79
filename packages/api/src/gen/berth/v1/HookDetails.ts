// Original file: protos/berth/v1/ecs.proto


export interface HookDetails {
  'berthJson'?: (string);
  '_berthJson'?: "berthJson";
}

export interface HookDetails__Output {
  'berthJson'?: (string);
}
