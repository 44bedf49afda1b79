// Original file: protos/berth/v1/ecs.proto


export interface UpdateTaskProtectionRequest {
  'cluster'?: (string);
  'tasks'?: (string)[];
  'protectionEnabled'?: (boolean);
  'expiresInMinutes'?: (number);
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_protectionEnabled'?: "protectionEnabled";
  '_expiresInMinutes'?: "expiresInMinutes";
}

export interface UpdateTaskProtectionRequest__Output {
  'cluster'?: (string);
  'tasks'?: (string)[];
  'protectionEnabled'?: (boolean);
  'expiresInMinutes'?: (number);
  'berthPresentMembers'?: (string)[];
}
