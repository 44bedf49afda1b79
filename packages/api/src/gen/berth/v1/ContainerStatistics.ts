// Original file: protos/berth/v1/agent.proto


export interface ContainerStatistics {
  'taskArn'?: (string);
  'containerName'?: (string);
  'cpuSeconds'?: (number | string);
  'memoryBytes'?: (number | string);
  'memoryLimitBytes'?: (number | string);
  'networkRxBytes'?: (number | string);
  'networkTxBytes'?: (number | string);
  'blockReadBytes'?: (number | string);
  'blockWriteBytes'?: (number | string);
  'restarts'?: (number);
  '_taskArn'?: "taskArn";
  '_containerName'?: "containerName";
  '_cpuSeconds'?: "cpuSeconds";
  '_memoryBytes'?: "memoryBytes";
  '_memoryLimitBytes'?: "memoryLimitBytes";
  '_networkRxBytes'?: "networkRxBytes";
  '_networkTxBytes'?: "networkTxBytes";
  '_blockReadBytes'?: "blockReadBytes";
  '_blockWriteBytes'?: "blockWriteBytes";
  '_restarts'?: "restarts";
}

export interface ContainerStatistics__Output {
  'taskArn'?: (string);
  'containerName'?: (string);
  'cpuSeconds'?: (number);
  'memoryBytes'?: (number);
  'memoryLimitBytes'?: (number);
  'networkRxBytes'?: (number);
  'networkTxBytes'?: (number);
  'blockReadBytes'?: (number);
  'blockWriteBytes'?: (number);
  'restarts'?: (number);
}
