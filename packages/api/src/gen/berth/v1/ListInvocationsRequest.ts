// Original file: protos/berth/v1/invoking.proto


export interface ListInvocationsRequest {
  'rule'?: (string);
  'eventBusName'?: (string);
  'schedule'?: (string);
  'groupName'?: (string);
  '_rule'?: "rule";
  '_eventBusName'?: "eventBusName";
  '_schedule'?: "schedule";
  '_groupName'?: "groupName";
}

export interface ListInvocationsRequest__Output {
  'rule'?: (string);
  'eventBusName'?: (string);
  'schedule'?: (string);
  'groupName'?: (string);
}
