// Original file: protos/berth/v1/ecs.proto


export interface ManagedAgent {
  'lastStartedAt'?: (number | string);
  'name'?: (string);
  'reason'?: (string);
  'lastStatus'?: (string);
  '_lastStartedAt'?: "lastStartedAt";
  '_name'?: "name";
  '_reason'?: "reason";
  '_lastStatus'?: "lastStatus";
}

export interface ManagedAgent__Output {
  'lastStartedAt'?: (number);
  'name'?: (string);
  'reason'?: (string);
  'lastStatus'?: (string);
}
