// Original file: protos/berth/v1/ecs.proto


export interface DeploymentEphemeralStorage {
  'kmsKeyId'?: (string);
  '_kmsKeyId'?: "kmsKeyId";
}

export interface DeploymentEphemeralStorage__Output {
  'kmsKeyId'?: (string);
}
