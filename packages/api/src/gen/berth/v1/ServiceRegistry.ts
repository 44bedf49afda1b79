// Original file: protos/berth/v1/ecs.proto


export interface ServiceRegistry {
  'registryArn'?: (string);
  'port'?: (number);
  'containerName'?: (string);
  'containerPort'?: (number);
  '_registryArn'?: "registryArn";
  '_port'?: "port";
  '_containerName'?: "containerName";
  '_containerPort'?: "containerPort";
}

export interface ServiceRegistry__Output {
  'registryArn'?: (string);
  'port'?: (number);
  'containerName'?: (string);
  'containerPort'?: (number);
}
