// Original file: protos/berth/v1/ecs.proto


export interface AutoRepairConfiguration {
  'actionsStatus'?: (string);
  '_actionsStatus'?: "actionsStatus";
}

export interface AutoRepairConfiguration__Output {
  'actionsStatus'?: (string);
}
