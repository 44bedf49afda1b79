// Original file: protos/berth/v1/ecs.proto


export interface InstanceHealthCheckResult {
  'type'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'lastUpdated'?: (number | string);
  'lastStatusChange'?: (number | string);
  '_type'?: "type";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_lastUpdated'?: "lastUpdated";
  '_lastStatusChange'?: "lastStatusChange";
}

export interface InstanceHealthCheckResult__Output {
  'type'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'lastUpdated'?: (number);
  'lastStatusChange'?: (number);
}
