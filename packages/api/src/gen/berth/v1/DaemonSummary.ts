// Original file: protos/berth/v1/ecs.proto


export interface DaemonSummary {
  'daemonArn'?: (string);
  'status'?: (string);
  'createdAt'?: (number | string);
  'updatedAt'?: (number | string);
  '_daemonArn'?: "daemonArn";
  '_status'?: "status";
  '_createdAt'?: "createdAt";
  '_updatedAt'?: "updatedAt";
}

export interface DaemonSummary__Output {
  'daemonArn'?: (string);
  'status'?: (string);
  'createdAt'?: (number);
  'updatedAt'?: (number);
}
