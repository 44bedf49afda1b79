// Original file: protos/berth/v1/ecs.proto


export interface KernelCapabilities {
  'add'?: (string)[];
  'drop'?: (string)[];
  'berthPresentMembers'?: (string)[];
}

export interface KernelCapabilities__Output {
  'add'?: (string)[];
  'drop'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
