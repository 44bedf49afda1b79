// Original file: protos/berth/v1/ecs.proto


export interface DaemonTaskDefinitionSummary {
  'arn'?: (string);
  'registeredAt'?: (number | string);
  'registeredBy'?: (string);
  'deleteRequestedAt'?: (number | string);
  'status'?: (string);
  '_arn'?: "arn";
  '_registeredAt'?: "registeredAt";
  '_registeredBy'?: "registeredBy";
  '_deleteRequestedAt'?: "deleteRequestedAt";
  '_status'?: "status";
}

export interface DaemonTaskDefinitionSummary__Output {
  'arn'?: (string);
  'registeredAt'?: (number);
  'registeredBy'?: (string);
  'deleteRequestedAt'?: (number);
  'status'?: (string);
}
