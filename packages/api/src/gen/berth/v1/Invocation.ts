// Original file: protos/berth/v1/invoking.proto


export interface Invocation {
  'time'?: (number | string);
  'eventId'?: (string);
  'occurrence'?: (string);
  'targetId'?: (string);
  'taskArns'?: (string)[];
  'failure'?: (string);
  '_time'?: "time";
  '_eventId'?: "eventId";
  '_occurrence'?: "occurrence";
  '_targetId'?: "targetId";
  '_failure'?: "failure";
}

export interface Invocation__Output {
  'time'?: (number);
  'eventId'?: (string);
  'occurrence'?: (string);
  'targetId'?: (string);
  'taskArns'?: (string)[];
  'failure'?: (string);
}
