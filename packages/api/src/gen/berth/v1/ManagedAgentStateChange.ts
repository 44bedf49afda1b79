// Original file: protos/berth/v1/ecs.proto


export interface ManagedAgentStateChange {
  'containerName'?: (string);
  'managedAgentName'?: (string);
  'status'?: (string);
  'reason'?: (string);
  '_containerName'?: "containerName";
  '_managedAgentName'?: "managedAgentName";
  '_status'?: "status";
  '_reason'?: "reason";
}

export interface ManagedAgentStateChange__Output {
  'containerName'?: (string);
  'managedAgentName'?: (string);
  'status'?: (string);
  'reason'?: (string);
}
