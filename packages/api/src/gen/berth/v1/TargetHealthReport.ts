// Original file: protos/berth/v1/fleet.proto


export interface TargetHealthReport {
  'targetGroupArn'?: (string);
  'id'?: (string);
  'port'?: (number);
  'healthy'?: (boolean);
  'reason'?: (string);
  'detail'?: (string);
  '_targetGroupArn'?: "targetGroupArn";
  '_id'?: "id";
  '_port'?: "port";
  '_healthy'?: "healthy";
  '_reason'?: "reason";
  '_detail'?: "detail";
}

export interface TargetHealthReport__Output {
  'targetGroupArn'?: (string);
  'id'?: (string);
  'port'?: (number);
  'healthy'?: (boolean);
  'reason'?: (string);
  'detail'?: (string);
}
