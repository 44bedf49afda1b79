// Original file: protos/berth/v1/agent.proto


export interface ContainerHealth {
  'containerName'?: (string);
  'healthStatus'?: (string);
  'statusSince'?: (number | string);
  '_containerName'?: "containerName";
  '_healthStatus'?: "healthStatus";
  '_statusSince'?: "statusSince";
}

export interface ContainerHealth__Output {
  'containerName'?: (string);
  'healthStatus'?: (string);
  'statusSince'?: (number);
}
