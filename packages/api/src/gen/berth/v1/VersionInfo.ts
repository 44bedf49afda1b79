// Original file: protos/berth/v1/ecs.proto


export interface VersionInfo {
  'agentVersion'?: (string);
  'agentHash'?: (string);
  'dockerVersion'?: (string);
  '_agentVersion'?: "agentVersion";
  '_agentHash'?: "agentHash";
  '_dockerVersion'?: "dockerVersion";
}

export interface VersionInfo__Output {
  'agentVersion'?: (string);
  'agentHash'?: (string);
  'dockerVersion'?: (string);
}
